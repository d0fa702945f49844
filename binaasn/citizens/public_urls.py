app_name = "citizens_public"

urlpatterns = []

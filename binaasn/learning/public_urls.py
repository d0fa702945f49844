app_name = "learning_public"

urlpatterns = []

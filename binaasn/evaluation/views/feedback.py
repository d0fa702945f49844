"""Pages of evaluation: feedback."""

urlpatterns = []

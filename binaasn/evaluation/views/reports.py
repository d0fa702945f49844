"""Pages of evaluation: reports."""

urlpatterns = []

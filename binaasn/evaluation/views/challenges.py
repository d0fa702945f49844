"""Pages of evaluation: challenges."""

urlpatterns = []

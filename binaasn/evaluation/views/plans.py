"""Pages of evaluation: plans."""

urlpatterns = []

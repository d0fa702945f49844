from .views import challenges, feedback, plans, reports

app_name = "evaluation"

# Each page module lists its own URL patterns next to its views.
urlpatterns = [
    *feedback.urlpatterns,
    *reports.urlpatterns,
    *plans.urlpatterns,
    *challenges.urlpatterns,
]

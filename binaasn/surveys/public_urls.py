from django.urls import path

from .views import respond

app_name = "surveys_public"

urlpatterns = [
    path("<str:code>/", respond.link_respond, name="link-respond"),
    path("<str:code>/terima-kasih/", respond.link_thanks, name="link-thanks"),
]

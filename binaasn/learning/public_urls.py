from django.urls import path

from .views import certificates

app_name = "learning_public"

urlpatterns = [
    path("", certificates.verify_form, name="verify-form"),
    path("<str:code>/", certificates.certificate_verify, name="certificate-verify"),
]

from django.urls import path

from .views import public

app_name = "citizens_public"

urlpatterns = [
    path("", public.index, name="index"),
    path("skm/<str:code>/", public.skm_form, name="skm"),
    path("skm/<str:code>/terima-kasih/", public.skm_thanks, name="skm-thanks"),
    path("skm/<str:code>/kios/<str:token>/", public.skm_kiosk, name="skm-kiosk"),
    path(
        "skm/<str:code>/kios/<str:token>/kirim/", public.skm_kiosk_submit, name="skm-kiosk-submit"
    ),
    path("hasil-skm/", public.skm_results, name="skm-results"),
    path("pengaduan/", public.complaint_form, name="complaint-create"),
    path("pengaduan/lacak/", public.complaint_lookup, name="complaint-lookup"),
    path("pengaduan/status/<str:code>/", public.complaint_status, name="complaint-status"),
    path("pengaduan/status/<str:code>/balas/", public.complaint_reply, name="complaint-reply"),
    path("forum/<str:code>/", public.forum_summary, name="forum"),
]

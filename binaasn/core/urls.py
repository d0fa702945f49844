from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("", views.home_agency, name="home-agency"),
    path("peran/", views.switch_role, name="switch-role"),
    path("audit/", views.audit_list, name="audit-list"),
    path("pengguna/", views.membership_list, name="membership-list"),
    path("pengguna/tambah/", views.membership_create, name="membership-create"),
    path("pengguna/<int:pk>/aktif/", views.membership_toggle, name="membership-toggle"),
    path("tugas/<int:pk>/", views.job_detail, name="job-detail"),
    path("tugas/<int:pk>/progres/", views.job_progress, name="job-progress"),
    path("tugas/<int:pk>/berkas/", views.job_download, name="job-download"),
    path("gaya/", views.style_guide, name="style-guide"),
    path("pengaturan/", views.agency_settings, name="agency-settings"),
]

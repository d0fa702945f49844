from django.urls import path

from .views import complaints, forums, patterns, skm, units

app_name = "citizens"

urlpatterns = [
    # service units
    path("unit/", units.unit_list, name="unit-list"),
    path("unit/tambah/", units.unit_create, name="unit-create"),
    path("unit/<int:pk>/", units.unit_detail, name="unit-detail"),
    path("unit/<int:pk>/ubah/", units.unit_edit, name="unit-edit"),
    path("unit/<int:pk>/pengguna-layanan/", units.unit_population, name="unit-population"),
    path(
        "unit/<int:pk>/pengguna-layanan/<int:count_pk>/hapus/",
        units.unit_population_delete,
        name="unit-population-delete",
    ),
    path("unit/<int:pk>/poster/", units.unit_poster, name="unit-poster"),
    # SKM and IKM
    path("skm/", skm.ikm_agency, name="ikm-agency"),
    path("skm/unit/<int:pk>/", skm.ikm_unit, name="ikm-unit"),
    path("skm/isian/", skm.response_create, name="response-create"),
    path("skm/jawaban/", skm.response_list, name="response-list"),
    path("skm/jawaban/<int:pk>/hapus/", skm.response_delete, name="response-delete"),
    path("skm/impor/", skm.response_import, name="response-import"),
    path("skm/impor/templat/", skm.response_import_template, name="response-import-template"),
    path("skm/pengaturan/", skm.citizen_settings, name="settings"),
    path("skm/riwayat/", skm.historical_list, name="historical-list"),
    path("skm/riwayat/tambah/", skm.historical_create, name="historical-create"),
    # complaints
    path("pengaduan/", complaints.complaint_list, name="complaint-list"),
    path("pengaduan/statistik/", complaints.complaint_stats, name="complaint-stats"),
    path("pengaduan/pola/", patterns.complaint_patterns, name="complaint-patterns"),
    path(
        "pengaduan/pola/<int:pk>/<slug:category>/tindak-lanjut/",
        patterns.complaint_pattern_action,
        name="complaint-pattern-action",
    ),
    path("pengaduan/<int:pk>/", complaints.complaint_detail, name="complaint-detail"),
    path("pengaduan/<int:pk>/tindakan/", complaints.complaint_act, name="complaint-act"),
    path(
        "pengaduan/<int:pk>/lampiran/<int:attachment_pk>/",
        complaints.complaint_attachment,
        name="complaint-attachment",
    ),
    # dialogue forums
    path("forum/", forums.forum_list, name="forum-list"),
    path("forum/tambah/", forums.forum_create, name="forum-create"),
    path("forum/<int:pk>/", forums.forum_detail, name="forum-detail"),
    path("forum/<int:pk>/ubah/", forums.forum_edit, name="forum-edit"),
    path("forum/<int:pk>/isu/", forums.forum_issue_create, name="forum-issue-create"),
    path("forum/<int:pk>/notulen/", forums.forum_minutes, name="forum-minutes"),
]

from django.urls import path

from .views import assessments, dictionary, standards

app_name = "competencies"

urlpatterns = [
    # dictionary (shared managerial and socio-cultural, the agency's technical ones)
    path("", dictionary.competency_list, name="competency-list"),
    path("tambah/", dictionary.competency_create, name="competency-create"),
    path("<int:pk>/", dictionary.competency_detail, name="competency-detail"),
    path("<int:pk>/ubah/", dictionary.competency_edit, name="competency-edit"),
    path("kategori-jpm/", dictionary.jpm_settings, name="jpm-settings"),
    # position standards
    path("standar/", standards.standard_list, name="standard-list"),
    path("standar/impor/", standards.standard_import, name="standard-import"),
    path("standar/impor/templat/", standards.standard_template, name="standard-template"),
    path("standar/<int:pk>/", standards.standard_detail, name="standard-detail"),
    path("standar/<int:pk>/ubah/", standards.standard_edit, name="standard-edit"),
    path("standar/<int:pk>/salin/", standards.standard_copy, name="standard-copy"),
    # assessments and gaps
    path("penilaian/", assessments.assessment_list, name="assessment-list"),
    path(
        "penilaian/pegawai/<int:employee_pk>/tambah/",
        assessments.assessment_create,
        name="assessment-create",
    ),
    path("penilaian/<int:pk>/", assessments.assessment_detail, name="assessment-detail"),
    path("penilaian/<int:pk>/berkas/", assessments.assessment_evidence, name="assessment-evidence"),
    path("penilaian/<int:pk>/hapus/", assessments.assessment_delete, name="assessment-delete"),
    path("pegawai/<int:pk>/", assessments.employee_profile, name="employee-profile"),
    path("peta-unit/", assessments.unit_heatmap, name="unit-heatmap"),
    path("saya/", assessments.my_competencies, name="my-competencies"),
    path("saya/penilaian-diri/", assessments.self_assessment, name="self-assessment"),
]

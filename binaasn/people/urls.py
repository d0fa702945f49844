from django.urls import path

from .views import corrections, employees, imports, profile, units

app_name = "people"

urlpatterns = [
    # employees (list, detail, create, edit, deactivate, career history)
    path("", employees.employee_list, name="employee-list"),
    path("tambah/", employees.employee_create, name="employee-create"),
    path("<int:pk>/", employees.employee_detail, name="employee-detail"),
    path("<int:pk>/ubah/", employees.employee_edit, name="employee-edit"),
    path("<int:pk>/nonaktifkan/", employees.employee_deactivate, name="employee-deactivate"),
    path("<int:pk>/aktifkan/", employees.employee_reactivate, name="employee-reactivate"),
    path("<int:pk>/riwayat/tambah/", employees.career_create, name="career-create"),
    path("<int:pk>/riwayat/<int:entry_pk>/ubah/", employees.career_edit, name="career-edit"),
    # organisation units and positions
    path("unit/", units.unit_list, name="unit-list"),
    path("unit/tambah/", units.unit_create, name="unit-create"),
    path("unit/<int:pk>/ubah/", units.unit_edit, name="unit-edit"),
    path("jabatan/", units.position_list, name="position-list"),
    path("jabatan/tambah/", units.position_create, name="position-create"),
    path("jabatan/<int:pk>/ubah/", units.position_edit, name="position-edit"),
    # self-service and correction requests
    path("saya/", profile.my_profile, name="my-profile"),
    path("saya/koreksi/", profile.correction_create, name="correction-create"),
    path("koreksi/", corrections.correction_list, name="correction-list"),
    path("koreksi/<int:pk>/", corrections.correction_detail, name="correction-detail"),
    path("koreksi/<int:pk>/berkas/", corrections.correction_evidence, name="correction-evidence"),
    # import
    path("impor/", imports.import_start, name="import-start"),
    path("impor/templat/", imports.import_template, name="import-template"),
    path("impor/<int:pk>/", imports.import_detail, name="import-detail"),
    path("impor/<int:pk>/laporan/", imports.import_error_report, name="import-error-report"),
]

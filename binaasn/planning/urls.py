from django.urls import path

from .views import campaigns, materials, partners, plans, programmes

app_name = "planning"

urlpatterns = [
    # needs analysis (AKPK)
    path("rencana/", plans.plan_list, name="plan-list"),
    path("akpk/", campaigns.campaign_list, name="campaign-list"),
    path("akpk/tambah/", campaigns.campaign_create, name="campaign-create"),
    path("akpk/<int:pk>/", campaigns.campaign_detail, name="campaign-detail"),
    path("akpk/<int:pk>/ubah/", campaigns.campaign_edit, name="campaign-edit"),
    path("akpk/<int:pk>/kuesioner/", campaigns.campaign_publish, name="campaign-publish"),
    path("akpk/<int:pk>/analisis/", campaigns.campaign_analyse, name="campaign-analyse"),
    path("akpk/<int:pk>/bobot/", campaigns.campaign_weights, name="campaign-weights"),
    path("akpk/<int:pk>/kebutuhan/", campaigns.need_list, name="need-list"),
    path("akpk/<int:pk>/kebutuhan/putuskan/", campaigns.need_decide, name="need-decide"),
    path("akpk/<int:pk>/wawancara/", campaigns.interview_list, name="interview-list"),
    path("akpk/<int:pk>/wawancara/tambah/", campaigns.interview_create, name="interview-create"),
    path("wawancara/<int:pk>/ubah/", campaigns.interview_edit, name="interview-edit"),
    path("kebutuhan/<int:pk>/", campaigns.need_detail, name="need-detail"),
    path("kebutuhan/<int:pk>/program/", campaigns.need_programme, name="need-programme"),
    # annual development plan
    path("rencana/tambah/", plans.plan_create, name="plan-create"),
    path("rencana/<int:pk>/", plans.plan_detail, name="plan-detail"),
    path("rencana/<int:pk>/ubah/", plans.plan_edit, name="plan-edit"),
    path("rencana/<int:pk>/ajukan/", plans.plan_submit, name="plan-submit"),
    path("rencana/<int:pk>/setujui/", plans.plan_approve, name="plan-approve"),
    path("rencana/<int:pk>/kembalikan/", plans.plan_return, name="plan-return"),
    path("rencana/<int:pk>/revisi/", plans.plan_revise, name="plan-revise"),
    path("rencana/<int:pk>/versi/", plans.plan_versions, name="plan-versions"),
    path("versi/<int:pk>/", plans.plan_version_detail, name="plan-version-detail"),
    path("rencana/<int:pk>/kalender/", plans.plan_calendar, name="plan-calendar"),
    path("rencana/<int:pk>/cakupan/", plans.plan_coverage, name="plan-coverage"),
    path("rencana/<int:pk>/pdf/", plans.plan_pdf, name="plan-pdf"),
    path("rencana/<int:pk>/program/tambah/", programmes.programme_create, name="programme-create"),
    path("program/<int:pk>/", programmes.programme_detail, name="programme-detail"),
    path("program/<int:pk>/ubah/", programmes.programme_edit, name="programme-edit"),
    path("program/<int:pk>/hapus/", programmes.programme_delete, name="programme-delete"),
    path(
        "program/<int:pk>/anggaran/tambah/", programmes.budgetline_create, name="budgetline-create"
    ),
    path("anggaran/<int:pk>/ubah/", programmes.budgetline_edit, name="budgetline-edit"),
    path("anggaran/<int:pk>/hapus/", programmes.budgetline_delete, name="budgetline-delete"),
    path("pagu/", plans.ceiling_list, name="ceiling-list"),
    # partners and speakers
    path("mitra/", partners.partner_list, name="partner-list"),
    path("mitra/tambah/", partners.partner_create, name="partner-create"),
    path("mitra/<int:pk>/ubah/", partners.partner_edit, name="partner-edit"),
    path("narasumber/", partners.speaker_list, name="speaker-list"),
    path("narasumber/tambah/", partners.speaker_create, name="speaker-create"),
    path("narasumber/<int:pk>/ubah/", partners.speaker_edit, name="speaker-edit"),
    # curriculum and material versions of a programme
    path("program/<int:pk>/materi/", materials.material_list, name="material-list"),
    path("program/<int:pk>/materi/tambah/", materials.material_create, name="material-create"),
    path("program/<int:pk>/materi/banding/", materials.material_compare, name="material-compare"),
    path("materi/<int:pk>/", materials.material_detail, name="material-detail"),
    path("materi/<int:pk>/ubah/", materials.material_edit, name="material-edit"),
    path("materi/<int:pk>/terbitkan/", materials.material_publish, name="material-publish"),
    path("materi/<int:pk>/hapus/", materials.material_delete, name="material-delete"),
    path("materi/<int:pk>/modul/tambah/", materials.module_create, name="module-create"),
    path("modul/<int:pk>/ubah/", materials.module_edit, name="module-edit"),
    path("modul/<int:pk>/hapus/", materials.module_delete, name="module-delete"),
    path("modul/<int:pk>/pindah/", materials.module_move, name="module-move"),
    path(
        "materi/<int:pk>/berkas/tambah/", materials.materialfile_upload, name="materialfile-upload"
    ),
    path("berkas/<int:pk>/", materials.materialfile_download, name="materialfile-download"),
    path("berkas/<int:pk>/hapus/", materials.materialfile_delete, name="materialfile-delete"),
]

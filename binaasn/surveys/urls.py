from django.urls import path

from .views import manage, respond, results, targeting

app_name = "surveys"

urlpatterns = [
    # building
    path("", manage.questionnaire_list, name="questionnaire-list"),
    path("baru/", manage.questionnaire_create, name="questionnaire-create"),
    path("<int:pk>/", manage.questionnaire_detail, name="questionnaire-detail"),
    path("<int:pk>/ubah/", manage.questionnaire_edit, name="questionnaire-edit"),
    path("<int:pk>/salin/", manage.questionnaire_copy, name="questionnaire-copy"),
    path("<int:pk>/hapus/", manage.questionnaire_delete, name="questionnaire-delete"),
    path("<int:pk>/terbitkan/", manage.questionnaire_publish, name="questionnaire-publish"),
    path("<int:pk>/tutup/", manage.questionnaire_close, name="questionnaire-close"),
    path("<int:pk>/tautan/buka/", manage.link_open, name="link-open"),
    path("<int:pk>/tautan/tutup/", manage.link_close, name="link-close"),
    path("<int:pk>/bagian/tambah/", manage.section_create, name="section-create"),
    path("<int:pk>/bagian/<int:section_pk>/ubah/", manage.section_edit, name="section-edit"),
    path("<int:pk>/bagian/<int:section_pk>/hapus/", manage.section_delete, name="section-delete"),
    path("<int:pk>/pertanyaan/tambah/", manage.question_create, name="question-create"),
    path("<int:pk>/pertanyaan/<int:question_pk>/ubah/", manage.question_edit, name="question-edit"),
    path(
        "<int:pk>/pertanyaan/<int:question_pk>/hapus/",
        manage.question_delete,
        name="question-delete",
    ),
    path(
        "<int:pk>/pertanyaan/<int:question_pk>/pindah/",
        manage.question_move,
        name="question-move",
    ),
    # targeting
    path("<int:pk>/sasaran/", targeting.targeting, name="targeting"),
    path("<int:pk>/ingatkan/", targeting.invitation_remind, name="invitation-remind"),
    path(
        "<int:pk>/undangan/<int:invitation_pk>/batal/",
        targeting.invitation_cancel,
        name="invitation-cancel",
    ),
    # results
    path("<int:pk>/hasil/", results.results, name="results"),
    # answering
    path("saya/", respond.my_questionnaires, name="my-questionnaires"),
    path("isi/<int:pk>/", respond.respond, name="respond"),
]

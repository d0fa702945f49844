from django.urls import path

from . import views

app_name = "actions"

urlpatterns = [
    path("", views.action_list, name="action-list"),
    path("terlambat/", views.action_overdue, name="action-overdue"),
    path("tambah/", views.action_create, name="action-create"),
    path("<int:pk>/", views.action_detail, name="action-detail"),
    path("<int:pk>/ubah/", views.action_edit, name="action-edit"),
    path("<int:pk>/bukti/", views.action_evidence, name="action-evidence"),
]

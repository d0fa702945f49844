from django.urls import path

from .views import (
    attendance,
    certificates,
    community,
    internships,
    mentoring,
    offerings,
    projects,
    records,
    registration,
    results,
    settings,
)

app_name = "learning"

urlpatterns = [
    # offerings (angkatan), sessions, participants, costs
    path("", offerings.offering_list, name="offering-list"),
    path("angkatan/tambah/", offerings.offering_create, name="offering-create"),
    path("angkatan/<int:pk>/", offerings.offering_detail, name="offering-detail"),
    path("angkatan/<int:pk>/ubah/", offerings.offering_edit, name="offering-edit"),
    path("angkatan/<int:pk>/selesai/", offerings.offering_finish, name="offering-finish"),
    path("angkatan/<int:pk>/buka-lagi/", offerings.offering_reopen, name="offering-reopen"),
    path("angkatan/<int:pk>/batal/", offerings.offering_cancel, name="offering-cancel"),
    path("angkatan/<int:pk>/sesi/tambah/", offerings.session_create, name="session-create"),
    path("sesi/<int:pk>/ubah/", offerings.session_edit, name="session-edit"),
    path("sesi/<int:pk>/hapus/", offerings.session_delete, name="session-delete"),
    path("angkatan/<int:pk>/peserta/", offerings.participant_list, name="participant-list"),
    path("angkatan/<int:pk>/peserta/tambah/", offerings.participant_add, name="participant-add"),
    path("peserta/<int:pk>/batal/", offerings.enrolment_cancel, name="enrolment-cancel"),
    path("angkatan/<int:pk>/biaya/", offerings.cost_list, name="cost-list"),
    path("biaya/<int:pk>/hapus/", offerings.cost_delete, name="cost-delete"),
    # registration and approval
    path("katalog/", registration.catalogue, name="catalogue"),
    path("angkatan/<int:pk>/daftar/", registration.offering_register, name="offering-register"),
    path(
        "angkatan/<int:pk>/usulkan-staf/",
        registration.offering_nominate_staff,
        name="offering-nominate-staff",
    ),
    path("persetujuan/", registration.approval_list, name="approval-list"),
    path("peserta/<int:pk>/setujui/", registration.enrolment_approve, name="enrolment-approve"),
    path("peserta/<int:pk>/tolak/", registration.enrolment_reject, name="enrolment-reject"),
    # attendance
    path("sesi/<int:pk>/presensi/", attendance.session_attendance, name="session-attendance"),
    path("sesi/<int:pk>/qr/", attendance.session_qr, name="session-qr"),
    path("sesi/<int:pk>/qr/kode/", attendance.session_qr_code, name="session-qr-code"),
    path("hadir/<str:code>/", attendance.checkin_page, name="checkin"),
    path("sesi-saya/", attendance.trainer_sessions, name="trainer-sessions"),
    # results
    path("angkatan/<int:pk>/nilai/", results.score_sheet, name="score-sheet"),
    path("angkatan/<int:pk>/nilai/templat/", results.score_template, name="score-template"),
    path("angkatan/<int:pk>/nilai/impor/", results.score_import, name="score-import"),
    path("angkatan/<int:pk>/tugas/tambah/", results.assignment_create, name="assignment-create"),
    path("tugas/<int:pk>/nilai/", results.assignment_grades, name="assignment-grades"),
    # certificates
    path(
        "angkatan/<int:pk>/sertifikat/",
        certificates.offering_certificates,
        name="offering-certificates",
    ),
    path(
        "angkatan/<int:pk>/sertifikat/buat/",
        certificates.certificate_generate,
        name="certificate-generate",
    ),
    path("sertifikat/", certificates.certificate_list, name="certificate-list"),
    path("sertifikat/<int:pk>/", certificates.certificate_detail, name="certificate-detail"),
    path("sertifikat/<int:pk>/cabut/", certificates.certificate_revoke, name="certificate-revoke"),
    path(
        "sertifikat/<int:pk>/unduh/", certificates.certificate_download, name="certificate-download"
    ),
    path(
        "riwayat/<int:pk>/sertifikat/", certificates.record_certificate, name="record-certificate"
    ),
    # learning record (JP ledger)
    path("saya/", records.my_learning, name="my-learning"),
    path("saya/eksternal/tambah/", records.external_create, name="external-create"),
    path("eksternal/", records.external_list, name="external-list"),
    path("eksternal/<int:pk>/", records.external_detail, name="external-detail"),
    path("eksternal/<int:pk>/berkas/", records.external_evidence, name="external-evidence"),
    path("riwayat/", records.record_list, name="record-list"),
    path("riwayat/siasn/", records.siasn_export, name="siasn-export"),
    path("pegawai/<int:pk>/", records.employee_record, name="employee-record"),
    path("kepatuhan/", records.compliance, name="compliance"),
    path("kepatuhan/ingatkan/", records.compliance_remind, name="compliance-remind"),
    path("notifikasi/", records.notification_list, name="notification-list"),
    path("notifikasi/baca/", records.notification_read, name="notification-read"),
    # settings
    path("pengaturan/", settings.settings_page, name="settings"),
    path("pengaturan/jp/tambah/", settings.path_rule_create, name="path-rule-create"),
    path("pengaturan/jp/<int:pk>/", settings.path_rule_edit, name="path-rule-edit"),
    path("pengaturan/jp/<int:pk>/hapus/", settings.path_rule_delete, name="path-rule-delete"),
    # mentoring
    path("mentoring/", mentoring.mentorship_list, name="mentorship-list"),
    path("mentoring/tambah/", mentoring.mentorship_create, name="mentorship-create"),
    path("mentoring/<int:pk>/", mentoring.mentorship_detail, name="mentorship-detail"),
    path("mentoring/<int:pk>/tujuan/", mentoring.mentorship_goal_add, name="mentorship-goal-add"),
    path(
        "mentoring/tujuan/<int:pk>/tercapai/",
        mentoring.mentorship_goal_toggle,
        name="mentorship-goal-toggle",
    ),
    path(
        "mentoring/<int:pk>/pertemuan/",
        mentoring.mentorship_meeting_add,
        name="mentorship-meeting-add",
    ),
    path(
        "mentoring/<int:pk>/umpan-balik/", mentoring.mentorship_feedback, name="mentorship-feedback"
    ),
    path("mentoring/<int:pk>/selesai/", mentoring.mentorship_complete, name="mentorship-complete"),
    # project-based learning
    path("proyek/", projects.project_list, name="project-list"),
    path("proyek/tambah/", projects.project_create, name="project-create"),
    path("proyek/<int:pk>/", projects.project_detail, name="project-detail"),
    path("proyek/<int:pk>/tahapan/", projects.project_milestone_add, name="project-milestone-add"),
    path(
        "proyek/tahapan/<int:pk>/selesai/",
        projects.project_milestone_done,
        name="project-milestone-done",
    ),
    path(
        "proyek/<int:pk>/luaran/",
        projects.project_deliverable_upload,
        name="project-deliverable-upload",
    ),
    path(
        "proyek/luaran/<int:pk>/",
        projects.project_deliverable_download,
        name="project-deliverable-download",
    ),
    path("proyek/<int:pk>/kriteria/", projects.project_criterion_add, name="project-criterion-add"),
    path("proyek/<int:pk>/rubrik/", projects.project_rubric_score, name="project-rubric-score"),
    path("proyek/<int:pk>/selesai/", projects.project_complete, name="project-complete"),
    # internships (magang)
    path("magang/", internships.internship_list, name="internship-list"),
    path("magang/tambah/", internships.internship_create, name="internship-create"),
    path("magang/<int:pk>/", internships.internship_detail, name="internship-detail"),
    path("magang/<int:pk>/logbook/", internships.internship_log_add, name="internship-log-add"),
    path(
        "magang/<int:pk>/laporan/",
        internships.internship_report_upload,
        name="internship-report-upload",
    ),
    path(
        "magang/<int:pk>/laporan/unduh/",
        internships.internship_report_download,
        name="internship-report-download",
    ),
    path("magang/<int:pk>/evaluasi/", internships.internship_evaluate, name="internship-evaluate"),
    path("magang/<int:pk>/selesai/", internships.internship_complete, name="internship-complete"),
    # community activities
    path("kegiatan-masyarakat/", community.community_list, name="community-list"),
    path("kegiatan-masyarakat/tambah/", community.community_create, name="community-create"),
    path("kegiatan-masyarakat/<int:pk>/", community.community_detail, name="community-detail"),
    path("kegiatan-masyarakat/<int:pk>/ubah/", community.community_edit, name="community-edit"),
    path(
        "kegiatan-masyarakat/<int:pk>/foto/",
        community.community_photo_upload,
        name="community-photo-upload",
    ),
    path("kegiatan-masyarakat/foto/<int:pk>/", community.community_photo, name="community-photo"),
]

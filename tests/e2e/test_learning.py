"""Training delivery in the browser: the operator creates an offering and nominates an ASN, the
supervisor approves, the trainer runs attendance while a participant checks in through the QR
link, scores are entered, certificates are generated and the public page verifies one."""

import datetime
from urllib.parse import urlparse

from django.utils import timezone
from django_scopes import scopes_disabled

from binaasn.core.tests.factories import MembershipFactory, UserFactory
from binaasn.people.tests.factories import EmployeeFactory
from tests.e2e.conftest import axe_violations, log_in


def assert_accessible(page):
    violations = axe_violations(page)
    assert violations == [], [(v["id"], [n["html"][:120] for n in v["nodes"]]) for v in violations]


def accept_dialogs(page):
    page.on("dialog", lambda dialog: dialog.accept())
    return page


def test_offering_from_nomination_to_verified_certificate(
    cast, new_page, transactional_db, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    with scopes_disabled():
        boss = UserFactory(username="197501022000031001", full_name="Budi Kepala")
        MembershipFactory(user=boss, agency=cast.a, role="employee")
        cast.supervisor.user = boss
        cast.supervisor.save()
        dewi_user = UserFactory(username="199203142019032002", full_name="Dewi Lestari")
        MembershipFactory(user=dewi_user, agency=cast.a, role="employee")
        EmployeeFactory(
            agency=cast.a, name="Dewi Lestari", gender="P", unit=cast.puskesmas, user=dewi_user
        )
        dinkes_pk, trainer_pk = cast.dinkes.pk, cast.trainer.pk
    today = timezone.localdate().isoformat()

    # The operator creates the offering and its session.
    operator = accept_dialogs(new_page(bypass_csp=True, locale="en-US"))
    log_in(operator, cast.operator.username, cast.password)
    operator.goto("/alpha/pembelajaran/angkatan/tambah/")
    operator.fill("#id_title", "Bimtek Pelayanan Prima Angkatan I")
    operator.select_option("#id_path_code", "KL10")
    operator.select_option("#id_unit", str(dinkes_pk))
    operator.fill("#id_starts_on", today)
    operator.fill("#id_ends_on", today)
    operator.fill("#id_venue", "Aula Dinas Kesehatan")
    operator.fill("#id_quota", "20")
    operator.fill("#id_jp", "8")
    operator.fill("#id_min_post_test", "70")
    operator.select_option("#id_trainers", str(trainer_pk))
    operator.fill("#id_signatory_name", "Dr. Hj. Rahmawati, M.Si")
    operator.fill("#id_signatory_position", "Kepala Dinas Kesehatan")
    operator.click("main form button[type=submit]")
    operator.wait_for_load_state("networkidle")
    assert operator.get_by_role("heading", name="Bimtek Pelayanan Prima Angkatan I").is_visible()
    offering_url = operator.url
    operator.get_by_role("link", name="Add session").click()
    operator.fill("#id_held_on", today)
    operator.fill("#id_starts_at", "00:01")
    operator.fill("#id_ends_at", "23:59")
    operator.fill("#id_topic", "Standar pelayanan publik")
    operator.select_option("#id_trainer", str(trainer_pk))
    operator.click("main form button[type=submit]")
    operator.wait_for_load_state("networkidle")
    assert "Standar pelayanan publik" in operator.locator("main").inner_text()
    assert_accessible(operator)

    # ... and nominates two ASN: Siti waits for her supervisor, Dewi (no supervisor) is enrolled.
    operator.goto(offering_url + "peserta/tambah/")
    for name in ("Siti", "Dewi"):
        operator.fill("#id_q", name)
        operator.press("#id_q", "Enter")
        operator.wait_for_load_state("networkidle")
        operator.get_by_role("button", name="Nominate").first.click()
        operator.wait_for_load_state("networkidle")
    operator.goto(offering_url + "peserta/")
    participants = operator.locator("main table").inner_text()
    assert "Siti Aminah" in participants and "Awaiting supervisor approval" in participants

    # The supervisor approves.
    supervisor = new_page(bypass_csp=True, locale="en-US")
    log_in(supervisor, boss.username, cast.password)
    supervisor.goto("/alpha/pembelajaran/persetujuan/")
    assert "Siti Aminah" in supervisor.locator("main").inner_text()
    assert_accessible(supervisor)
    supervisor.get_by_role("button", name="Approve").click()
    supervisor.wait_for_load_state("networkidle")
    assert "Nothing is waiting for your approval." in supervisor.locator("main").inner_text()

    # The trainer shows the QR code; Siti checks in through its link.
    trainer = new_page(bypass_csp=True, locale="en-US")
    log_in(trainer, cast.trainer.username, cast.password)
    trainer.goto("/alpha/pembelajaran/sesi-saya/")
    trainer.get_by_role("link", name="QR").first.click()
    trainer.wait_for_load_state("networkidle")
    assert trainer.locator("#qr-code svg").count() == 1
    checkin_url = trainer.get_by_test_id("checkin-url").get_attribute("href")
    participant = new_page(locale="en-US")
    log_in(participant, cast.employee_user.username, cast.password)
    participant.goto(checkin_url)
    participant.get_by_role("button", name="Check in").click()
    participant.wait_for_load_state("networkidle")
    assert "Checked in to “Standar pelayanan publik”" in participant.locator("main").inner_text()

    # The trainer ticks Dewi on the list (Siti's QR check-in is already there) and enters scores.
    trainer.get_by_role("link", name="Attendance").click()
    trainer.wait_for_load_state("networkidle")
    assert trainer.get_by_label("Siti Aminah").is_checked()
    trainer.get_by_label("Dewi Lestari").check()
    trainer.get_by_role("button", name="Save attendance").click()
    trainer.wait_for_load_state("networkidle")
    assert "2 of 2 present" in trainer.locator("main").inner_text()
    trainer.goto(offering_url + "nilai/")
    trainer.get_by_label("Post-test Siti Aminah").fill("150")
    trainer.get_by_label("Post-test Dewi Lestari").fill("55")
    trainer.get_by_role("button", name="Save scores").click()
    trainer.wait_for_load_state("networkidle")
    assert "between 0 and 100" in trainer.locator("main").inner_text()
    trainer.get_by_label("Pre-test Siti Aminah").fill("45")
    trainer.get_by_label("Post-test Siti Aminah").fill("88")
    trainer.get_by_role("button", name="Save scores").click()
    trainer.wait_for_load_state("networkidle")
    assert "Scores saved for 2 participants." in trainer.locator("main").inner_text()
    assert_accessible(trainer)

    # The operator finishes the offering and generates the certificates in the background.
    operator.goto(offering_url)
    operator.get_by_role("button", name="Finish and evaluate completion").click()
    operator.wait_for_load_state("networkidle")
    assert "1 of 2 participants completed" in operator.locator("main").inner_text()
    operator.locator("main .nav-tabs").get_by_role("link", name="Certificates").click()
    operator.get_by_role("button", name="Generate certificates").click()
    operator.wait_for_load_state("networkidle")
    assert "/tugas/" in operator.url
    assert operator.locator("#job-progress [data-width='100']").count() == 1
    operator.locator(f"main a[href='{urlparse(offering_url).path}sertifikat/']").click()
    operator.wait_for_load_state("networkidle")
    table = operator.locator("main table").inner_text()
    assert "Siti Aminah" in table and "Dewi Lestari" not in table
    operator.locator("main table a").first.click()
    operator.wait_for_load_state("networkidle")
    verify_url = operator.locator("dd a[href*='/publik/alpha/sertifikat/']").get_attribute("href")

    # Anyone can verify it, with no login and no personal data beyond the essentials.
    public = new_page(bypass_csp=True, locale="en-US")
    public.goto(verify_url)
    status = public.get_by_test_id("verify-status").inner_text()
    text = public.locator("main").inner_text()
    assert "genuine and valid" in status
    assert "Siti Aminah" in text and "Bimtek Pelayanan Prima Angkatan I" in text and "8" in text
    assert "Puskesmas" not in text
    assert_accessible(public)

    # Siti sees her JP progress on her home page.
    participant.goto("/alpha/")
    assert f"8 of 20 JP in {datetime.date.today().year}" in participant.locator("main").inner_text()

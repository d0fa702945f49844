"""Evaluation in the browser: an offering finishes, its participants answer the reaction
questionnaire, the evaluation report shows their answers, the admin records a finding with a
"revise material" action, and version 2 of the programme's material closes the action and is
used by the programme's next offering."""

import datetime
from decimal import Decimal

from django.utils import timezone
from django_scopes import scopes_disabled

from binaasn.actions.models import FollowUpAction
from binaasn.core.tests.factories import MembershipFactory, UserFactory
from binaasn.learning.models import Offering
from binaasn.learning.services import enrolment, results
from binaasn.learning.tests.factories import OfferingFactory
from binaasn.people.tests.factories import EmployeeFactory
from binaasn.planning.models import MaterialModule
from binaasn.planning.services import materials
from binaasn.planning.tests import factories as planning_factories
from binaasn.surveys.models import Response
from tests.e2e.conftest import axe_violations, log_in


def assert_accessible(page):
    violations = axe_violations(page)
    assert violations == [], [(v["id"], [n["html"][:120] for n in v["nodes"]]) for v in violations]


def accept_dialogs(page):
    page.on("dialog", lambda dialog: dialog.accept())
    return page


def _set_up(cast):
    """A programme with version 1 of its material, a running offering with two participants
    who have their test scores, and the programme's next offering next month."""
    today = timezone.localdate()
    with scopes_disabled():
        plan = planning_factories.make_plan(cast.a, year=today.year)
        programme = planning_factories.make_programme(
            plan, title="Pelatihan Kepemimpinan Pengawas", jp_per_participant=8
        )
        version = materials.create_version(programme, by=cast.admin, method="lecture")
        materials.save_module(
            MaterialModule(
                agency=cast.a, version=version, title="Gaya kepemimpinan", jp=8, method="lecture"
            )
        )
        materials.publish_version(version, by=cast.admin)
        offering = OfferingFactory(
            agency=cast.a,
            programme=programme,
            title="Pelatihan Kepemimpinan Pengawas Angkatan I",
            material_version=version,
            starts_on=today,
            ends_on=today,
            jp=8,
            min_attendance_percent=0,
            min_post_test=Decimal(60),
        )
        dewi_user = UserFactory(username="199203142019032002", full_name="Dewi Lestari")
        MembershipFactory(user=dewi_user, agency=cast.a, role="employee")
        dewi = EmployeeFactory(
            agency=cast.a, name="Dewi Lestari", gender="P", unit=cast.puskesmas, user=dewi_user
        )
        for person, (pre, post) in ((cast.employee, (50, 80)), (dewi, (60, 70))):
            place = enrolment.nominate(offering, person, by=cast.admin)
            if place.status == place.Status.PENDING:
                place = enrolment.approve(place, by=cast.admin)
            results.set_scores(place, pre_test=Decimal(pre), post_test=Decimal(post), by=cast.admin)
        next_start = today + datetime.timedelta(days=30)
        upcoming = OfferingFactory(
            agency=cast.a,
            programme=programme,
            title="Pelatihan Kepemimpinan Pengawas Angkatan II",
            material_version=version,
            starts_on=next_start,
            ends_on=next_start,
            jp=8,
        )
    return programme, offering, upcoming, dewi_user


def _answer_reaction(page, level):
    page.goto("/alpha/kuesioner/saya/")
    page.get_by_role(
        "link", name="Evaluasi reaksi: Pelatihan Kepemimpinan Pengawas Angkatan I"
    ).click()
    page.wait_for_load_state("networkidle")
    radios = page.locator(f"main form input[type=radio][value='{level}']")
    for index in range(radios.count()):
        radios.nth(index).check()
    page.locator("main form textarea").first.fill("Terlalu banyak ceramah, kurang praktik.")
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state("networkidle")


def test_offering_evaluated_and_its_material_revised(cast, new_page, transactional_db, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    programme, offering, upcoming, dewi_user = _set_up(cast)

    # The admin finishes the offering: its participants are sent the reaction questionnaire.
    admin = accept_dialogs(new_page(bypass_csp=True, locale="en-US"))
    log_in(admin, cast.admin.username, cast.password)
    admin.goto(f"/alpha/pembelajaran/angkatan/{offering.pk}/")
    admin.get_by_role("button", name="Finish and evaluate completion").click()
    admin.wait_for_load_state("networkidle")
    admin.get_by_role("link", name="Evaluation questionnaires").click()
    admin.wait_for_load_state("networkidle")
    assert "2" in admin.locator("main").inner_text()
    assert_accessible(admin)

    # Both participants answer it from their own questionnaire page.
    for username, level in ((cast.employee_user.username, "2"), (dewi_user.username, "3")):
        participant = new_page(locale="en-US")
        log_in(participant, username, cast.password)
        _answer_reaction(participant, level)
    with scopes_disabled():
        assert Response.objects.filter(questionnaire__agency=cast.a).count() == 2

    # The report shows the answers (reaction) and the test scores (learning).
    admin.goto(f"/alpha/evaluasi/laporan/angkatan/{offering.pk}/")
    report = admin.locator("main").inner_text()
    assert "Terlalu banyak ceramah" in report
    assert "2.50" in report  # mean of the reaction answers (2 and 3)
    assert "20.00" in report  # average gain: (30 + 10) / 2
    assert_accessible(admin)

    # A finding with a "revise material" action owned by the employee.
    admin.get_by_role("link", name="Record a finding").click()
    admin.wait_for_load_state("networkidle")
    admin.select_option("#id_level", "l1")
    admin.fill("#id_text", "Peserta menilai metode terlalu banyak ceramah.")
    admin.check("#id_with_action")
    admin.fill("#id_action-title", "Revisi materi Pelatihan Kepemimpinan Pengawas")
    admin.select_option("#id_action-kind", "revise_material")
    admin.select_option("#id_action-owner_employee", str(cast.employee.pk))
    admin.click("main form button[type=submit]")
    admin.wait_for_load_state("networkidle")
    with scopes_disabled():
        action = FollowUpAction.objects.get(kind=FollowUpAction.Kind.REVISE_MATERIAL)
        assert action.is_open

    # Version 2 of the material: one module becomes a simulation, then it is published and
    # answers the action.
    admin.goto(f"/alpha/perencanaan/program/{programme.pk}/")
    admin.get_by_role("link", name="Material versions").click()
    admin.get_by_role("link", name="New version").click()
    admin.wait_for_load_state("networkidle")
    admin.fill("#id_change_note", "Ceramah diganti simulasi kepemimpinan.")
    admin.click("main form button[type=submit]")
    admin.wait_for_load_state("networkidle")
    admin.get_by_role("link", name="Publish").click()
    admin.wait_for_load_state("networkidle")
    admin.select_option("#id_closes_action", str(action.pk))
    admin.click("main form button[type=submit]")
    admin.wait_for_load_state("networkidle")
    assert "Version 2" in admin.locator("main").inner_text()

    with scopes_disabled():
        action.refresh_from_db()
        assert action.status == FollowUpAction.Status.DONE
        assert Offering.objects.get(pk=upcoming.pk).material_version.number == 2
        assert Offering.objects.get(pk=offering.pk).material_version.number == 1

    # The next offering's page says it uses version 2.
    admin.goto(f"/alpha/pembelajaran/angkatan/{upcoming.pk}/")
    assert "Version 2" in admin.locator("main").inner_text()

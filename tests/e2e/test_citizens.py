"""Public participation in a phone-sized browser: the survey, a complaint answered by staff,
and the counter kiosk working offline."""

import pytest
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from binaasn.citizens import kiosk, pagecache
from binaasn.citizens.models import Complaint, SkmResponse
from binaasn.citizens.tests.factories import ServiceUnitFactory
from tests.e2e.conftest import axe_violations, log_in

PHONE = {"viewport": {"width": 360, "height": 640}, "locale": "en-US"}


@pytest.fixture
def unit(cast, transactional_db):
    pagecache.clear()  # the live server runs in this process
    with scopes_disabled():
        return ServiceUnitFactory(
            agency=cast.a,
            org_unit=cast.dukcapil,
            name="Dinas Kependudukan dan Pencatatan Sipil",
            public_code="DISDUKCAPIL",
            services="Pelayanan KTP-el\nPelayanan Kartu Keluarga",
        )


def answer_survey(page, best=4):
    for n in range(1, 10):
        page.check(f'input[name="u{n}"][value="{best if n != 3 else 2}"]')
    page.select_option('select[name="service"]', "Pelayanan KTP-el")
    page.fill('input[name="age"]', "34")
    page.check('input[name="gender"][value="P"]')
    page.select_option('select[name="education"]', "SMA")
    page.select_option('select[name="occupation"]', "Wirausaha")


def answers_stored(unit, source):
    with scopes_disabled():
        return SkmResponse.objects.filter(unit=unit, source=source).count()


def test_citizen_answers_the_survey_on_a_phone(unit, new_page):
    page = new_page(**PHONE)
    page.goto("/publik/alpha/skm/DISDUKCAPIL/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    answer_survey(page)
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_role("heading", name="Thank you!")).to_be_visible()
    assert answers_stored(unit, "online") == 1
    with scopes_disabled():
        answer = SkmResponse.objects.get(unit=unit)
    assert answer.answers == [4, 4, 2, 4, 4, 4, 4, 4, 4]
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto("/publik/alpha/skm/DISDUKCAPIL/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_survey_page_has_no_serious_accessibility_problems(unit, new_page):
    page = new_page(bypass_csp=True, **PHONE)
    page.goto("/publik/alpha/skm/DISDUKCAPIL/")
    assert axe_violations(page) == []


def test_complaint_is_answered_by_staff_and_the_citizen_reads_the_reply(cast, unit, new_page):
    citizen = new_page(**PHONE)
    citizen.goto("/publik/alpha/pengaduan/")
    citizen.select_option('select[name="category"]', "time")
    citizen.select_option('select[name="unit"]', str(unit.pk))
    citizen.fill('input[name="subject"]', "Antrean KTP-el lama")
    citizen.fill('textarea[name="description"]', "Saya menunggu empat jam di loket KTP-el.")
    citizen.get_by_role("button", name="Send", exact=True).click()
    code = citizen.locator(".code").first.inner_text().strip()
    assert len(code) == 14

    # the citizen comes back later with only the code
    citizen.goto("/publik/alpha/pengaduan/lacak/")
    citizen.fill('input[name="kode"]', code.lower())
    citizen.get_by_role("button", name="Find").click()
    expect(citizen.locator("#status")).to_have_text("Received")

    staff = new_page(locale="en-US")
    log_in(staff, cast.admin.username, cast.password)
    with scopes_disabled():
        complaint = Complaint.objects.get(tracking_code=code)
    staff.goto(f"/alpha/layanan-publik/pengaduan/{complaint.pk}/")
    staff.get_by_role("button", name="Forward", exact=True).click()
    staff.fill("#reply-body", "Mohon maaf, loket kedua kini dibuka setiap pagi.")
    staff.get_by_role("button", name="Send reply to the complainant").click()
    expect(staff.get_by_text("visible to the complainant")).to_be_visible()

    citizen.reload()
    expect(citizen.locator("#status")).to_have_text("Responded")
    expect(citizen.get_by_text("Mohon maaf, loket kedua kini dibuka setiap pagi.")).to_be_visible()


def test_kiosk_keeps_answers_offline_and_sends_each_exactly_once(unit, new_page):
    page = new_page(**PHONE)
    with scopes_disabled():
        token = kiosk.kiosk_token(unit)
    page.goto(f"/publik/alpha/skm/DISDUKCAPIL/kios/{token}/")
    page.context.set_offline(True)
    for best in (4, 3):
        answer_survey(page, best=best)
        page.get_by_role("button", name="Send my answers").click()
        expect(page.locator("#kiosk-thanks")).to_be_visible()
    expect(page.locator("#kiosk-queue")).to_contain_text("2")
    assert answers_stored(unit, "kiosk") == 0

    page.context.set_offline(False)
    expect(page.locator("#kiosk-queue")).to_be_hidden(timeout=20_000)
    assert answers_stored(unit, "kiosk") == 2
    queued = page.evaluate(
        "() => Object.keys(localStorage).map(k => JSON.parse(localStorage.getItem(k)).length)"
    )
    assert sum(queued) == 0

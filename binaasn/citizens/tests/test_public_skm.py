"""The public SKM survey: no login, no JavaScript, small, and hard to flood."""

import json
import re
import uuid

from django.contrib.staticfiles import finders
from django.urls import reverse
from django_scopes import scopes_disabled

from binaasn.citizens import kiosk
from binaasn.citizens.models import SkmResponse
from binaasn.citizens.services import units as unit_services
from binaasn.citizens.tests.factories import SkmResponseFactory

ANSWERS = {f"u{n}": "3" for n in range(1, 10)}
PROFILE = {
    "age": "34",
    "gender": "P",
    "education": "SMA",
    "occupation": "Swasta",
    "service": "Pelayanan KTP-el",
}


def survey_url(unit):
    return reverse(
        "citizens_public:skm", kwargs={"public_agency": unit.agency.slug, "code": unit.public_code}
    )


def stored(unit):
    with scopes_disabled():
        return list(SkmResponse.objects.filter(unit=unit))


def test_survey_page_opens_without_login_and_asks_the_nine_elements(client, dukcapil_unit):
    response = client.get(survey_url(dukcapil_unit))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Dinas Kependudukan dan Pencatatan Sipil" in html
    for label in (
        "Persyaratan",
        "Sangat sesuai",
        "Tidak kompeten",
        "Dikelola dengan baik",
        "Gratis",
        "Sangat mahal",
    ):
        assert label in html
    assert html.count('type="radio"') == 9 * 4 + 2  # nine elements × four answers, and L/P
    assert 'name="website"' in html  # the honeypot


def test_survey_page_code_is_case_insensitive(client, dukcapil_unit):
    url = survey_url(dukcapil_unit).replace("DISDUKCAPIL", "disdukcapil")
    assert client.get(url).status_code == 200


def test_survey_page_weighs_less_than_50_kb_with_its_stylesheet_and_needs_no_script(
    client, dukcapil_unit
):
    html = client.get(survey_url(dukcapil_unit)).content
    text = html.decode()
    stylesheets = re.findall(r'<link rel="stylesheet" href="/static/([^"]+)"', text)
    assert stylesheets == ["citizens/public.css"]  # no Bootstrap here
    css = sum(len(open(finders.find(path), "rb").read()) for path in stylesheets)
    assert len(html) + css < 50 * 1024
    assert "<script" not in text
    assert 'name="viewport" content="width=device-width, initial-scale=1"' in text


def test_answering_stores_one_response_without_personal_data(client, dukcapil_unit):
    response = client.post(
        survey_url(dukcapil_unit), {**ANSWERS, "u8": "2", **PROFILE, "suggestion": "Tambah kursi"}
    )
    assert response.status_code == 302
    assert response["Location"].endswith("/skm/DISDUKCAPIL/terima-kasih/")
    [answer] = stored(dukcapil_unit)
    assert answer.answers == [3, 3, 3, 3, 3, 3, 3, 2, 3]
    assert (answer.age_group, answer.gender, answer.education, answer.occupation) == (
        "30-39",
        "P",
        "SMA",
        "Swasta",
    )
    assert answer.source == "online"
    assert answer.suggestion == "Tambah kursi"
    thanks = client.get(response["Location"])
    assert "Thank you" in thanks.content.decode()


def test_a_missing_element_is_named_and_nothing_is_stored(client, dukcapil_unit):
    data = {**ANSWERS, **PROFILE}
    del data["u3"]
    response = client.post(survey_url(dukcapil_unit), data)
    assert response.status_code == 200
    assert "Choose an answer for U3." in response.content.decode()
    assert stored(dukcapil_unit) == []


def test_an_answer_outside_1_to_4_is_refused(client, dukcapil_unit):
    response = client.post(survey_url(dukcapil_unit), {**ANSWERS, "u5": "5", **PROFILE})
    assert response.status_code == 200
    assert "U5 must be 1, 2, 3 or 4." in response.content.decode()
    assert stored(dukcapil_unit) == []


def test_the_service_must_be_one_the_unit_offers(client, dukcapil_unit):
    response = client.post(
        survey_url(dukcapil_unit), {**ANSWERS, **PROFILE, "service": "Sesuatu lain"}
    )
    assert response.status_code == 200
    assert stored(dukcapil_unit) == []


def test_a_robot_filling_the_honeypot_is_thanked_but_not_counted(client, dukcapil_unit):
    response = client.post(
        survey_url(dukcapil_unit), {**ANSWERS, **PROFILE, "website": "http://spam.example"}
    )
    assert response.status_code == 302
    assert stored(dukcapil_unit) == []


def test_a_double_submission_is_stored_once(client, dukcapil_unit):
    data = {**ANSWERS, **PROFILE, "submission_id": str(uuid.uuid4())}
    client.post(survey_url(dukcapil_unit), data)
    client.post(survey_url(dukcapil_unit), data)
    assert len(stored(dukcapil_unit)) == 1


def test_the_same_answers_again_from_the_same_client_are_not_counted_twice(client, dukcapil_unit):
    client.post(
        survey_url(dukcapil_unit), {**ANSWERS, **PROFILE, "submission_id": str(uuid.uuid4())}
    )
    client.post(
        survey_url(dukcapil_unit), {**ANSWERS, **PROFILE, "submission_id": str(uuid.uuid4())}
    )
    assert len(stored(dukcapil_unit)) == 1


def test_a_flood_from_one_client_is_stopped(client, dukcapil_unit, settings):
    settings.CITIZENS_RATE_LIMITS = {"skm": (3, 600)}
    statuses = []
    for age in range(20, 26):
        response = client.post(survey_url(dukcapil_unit), {**ANSWERS, **PROFILE, "age": str(age)})
        statuses.append(response.status_code)
    assert statuses == [302, 302, 302, 429, 429, 429]
    assert len(stored(dukcapil_unit)) == 3
    assert "try again" in response.content.decode()
    # another client is not affected
    other = client.post(
        survey_url(dukcapil_unit), {**ANSWERS, **PROFILE, "age": "60"}, REMOTE_ADDR="10.0.0.9"
    )
    assert other.status_code == 302


def test_an_unknown_or_inactive_unit_is_not_found(client, dukcapil_unit):
    assert client.get(survey_url(dukcapil_unit).replace("DISDUKCAPIL", "NOPE")).status_code == 404
    with scopes_disabled():
        unit_services.update_service_unit(dukcapil_unit, is_active=False)
    assert client.get(survey_url(dukcapil_unit)).status_code == 404


# --- kiosk -------------------------------------------------------------------------------


def kiosk_urls(unit, token=None):
    kwargs = {
        "public_agency": unit.agency.slug,
        "code": unit.public_code,
        "token": token or kiosk.kiosk_token(unit),
    }
    return reverse("citizens_public:skm-kiosk", kwargs=kwargs), reverse(
        "citizens_public:skm-kiosk-submit", kwargs=kwargs
    )


def test_kiosk_page_loads_its_script_from_a_static_file(client, dukcapil_unit):
    page, _submit = kiosk_urls(dukcapil_unit)
    html = client.get(page).content.decode()
    assert '<script src="/static/citizens/kiosk.js"></script>' in html
    assert "<script>" not in html  # nothing inline: the CSP forbids it


def test_kiosk_answers_are_idempotent_on_the_client_uuid(client, dukcapil_unit):
    _page, submit = kiosk_urls(dukcapil_unit)
    body = {**ANSWERS, **PROFILE, "client_uuid": str(uuid.uuid4()), "answered_on": "2026-11-01"}
    first = client.post(submit, json.dumps(body), content_type="application/json")
    again = client.post(submit, json.dumps(body), content_type="application/json")
    assert first.json() == {"ok": True, "created": True}
    assert again.json() == {"ok": True, "created": False}
    [answer] = stored(dukcapil_unit)
    assert answer.source == "kiosk"
    assert answer.answered_on.isoformat() == "2026-11-01"  # the day it was answered, not sent


def test_kiosk_is_not_limited_per_address_like_the_open_form(client, dukcapil_unit, settings):
    settings.CITIZENS_RATE_LIMITS = {"skm": (1, 600), "kiosk": (300, 600)}
    _page, submit = kiosk_urls(dukcapil_unit)
    for _ in range(5):
        body = {**ANSWERS, **PROFILE, "client_uuid": str(uuid.uuid4())}
        assert (
            client.post(submit, json.dumps(body), content_type="application/json").status_code
            == 200
        )
    assert len(stored(dukcapil_unit)) == 5


def test_kiosk_refuses_bad_answers_with_the_element_named(client, dukcapil_unit):
    _page, submit = kiosk_urls(dukcapil_unit)
    body = {**ANSWERS, "u9": "7", **PROFILE, "client_uuid": str(uuid.uuid4())}
    response = client.post(submit, json.dumps(body), content_type="application/json")
    assert response.status_code == 400
    assert "u9" in response.json()["errors"]
    assert client.post(submit, "not json", content_type="application/json").status_code == 400
    assert stored(dukcapil_unit) == []


def test_kiosk_link_of_another_unit_or_a_forged_token_is_not_found(
    client, dukcapil_unit, puskesmas_unit
):
    page, _submit = kiosk_urls(dukcapil_unit, token=kiosk.kiosk_token(puskesmas_unit))
    assert client.get(page).status_code == 404
    page, _submit = kiosk_urls(dukcapil_unit, token="forged:token")
    assert client.get(page).status_code == 404


def test_kiosk_works_without_javascript_as_a_plain_form(client, dukcapil_unit):
    page, submit = kiosk_urls(dukcapil_unit)
    form_html = client.get(page).content.decode()
    client_uuid = re.search(r'name="client_uuid" value="([^"]+)"', form_html)[1]
    response = client.post(submit, {**ANSWERS, **PROFILE, "client_uuid": client_uuid})
    assert response.status_code == 302
    assert "terima-kasih" in response["Location"]
    assert len(stored(dukcapil_unit)) == 1


# --- published results -------------------------------------------------------------------


def test_results_page_publishes_ikm_per_unit_without_personal_data(
    client, dukcapil_unit, puskesmas_unit
):
    with scopes_disabled():
        SkmResponseFactory(
            unit=dukcapil_unit, answered_on="2026-03-02", suggestion="Petugas Budi kurang ramah"
        )
        SkmResponseFactory(unit=dukcapil_unit, answered_on="2026-03-03", u1=4, u2=4)
    url = (
        reverse("citizens_public:skm-results", kwargs={"public_agency": "alpha"})
        + "?periode=2026-S1"
    )
    html = client.get(url).content.decode()
    assert "Dinas Kependudukan dan Pencatatan Sipil" in html
    assert "Puskesmas Telaga" in html
    # (9·3 + 2) / 18 per element mean: U1 = U2 = 3.5, others 3 → mean 28/9 → × 25 = 77.78 B
    assert "77.78" in html
    assert "Budi" not in html  # suggestions may name people: never published
    assert "exact mean of the nine NRR values" in html


def test_results_page_with_a_bad_period_falls_back_and_says_why(client, dukcapil_unit):
    url = (
        reverse("citizens_public:skm-results", kwargs={"public_agency": "alpha"})
        + "?periode=2026-S9"
    )
    response = client.get(url)
    assert response.status_code == 200
    assert "2026-S9" in response.content.decode()


def test_public_index_links_every_active_unit(client, dukcapil_unit, puskesmas_unit):
    html = client.get(
        reverse("citizens_public:index", kwargs={"public_agency": "alpha"})
    ).content.decode()
    assert "/publik/alpha/skm/DISDUKCAPIL/" in html
    assert "/publik/alpha/skm/PKM-TELAGA/" in html


def test_another_agencys_unit_is_not_found_under_this_agency(client, cast, dukcapil_unit):
    url = reverse("citizens_public:skm", kwargs={"public_agency": "beta", "code": "DISDUKCAPIL"})
    assert client.get(url).status_code == 404


def test_each_visitor_gets_a_fresh_submission_id_and_a_working_csrf_token(dukcapil_unit):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    first = client.get(survey_url(dukcapil_unit)).content.decode()
    second = client.get(survey_url(dukcapil_unit)).content.decode()
    ids = [re.search(r'name="submission_id" value="([^"]+)"', html)[1] for html in (first, second)]
    assert ids[0] != ids[1] and all(uuid.UUID(i) for i in ids)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', second)[1]
    data = {**ANSWERS, **PROFILE, "submission_id": ids[1], "csrfmiddlewaretoken": token}
    assert client.post(survey_url(dukcapil_unit), data).status_code == 302
    assert len(stored(dukcapil_unit)) == 1


def test_renaming_a_unit_shows_at_once_on_its_survey_page(client, dukcapil_unit):
    client.get(survey_url(dukcapil_unit))
    with scopes_disabled():
        unit_services.update_service_unit(dukcapil_unit, name="Disdukcapil Kabupaten Alpha")
    assert "Disdukcapil Kabupaten Alpha" in client.get(survey_url(dukcapil_unit)).content.decode()

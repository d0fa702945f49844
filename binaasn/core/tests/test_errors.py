"""Error pages (400, 403, 404, 500) in our layout and language, never Django's debug pages."""

import pytest
from django.http import HttpResponse
from django.test import Client
from django.urls import include, path
from django.utils import translation

from binaasn.core.tests.test_auth import log_in


def boom(request):
    raise RuntimeError("something broke")


def fine(request):
    return HttpResponse("ok")


# This module doubles as a URLconf for the 500 tests: the project's URLs plus a failing view.
urlpatterns = [path("rusak/", boom), path("baik/", fine), path("", include("binaasn.urls"))]
handler400 = "binaasn.core.views.error_400"
handler403 = "binaasn.core.views.error_403"
handler404 = "binaasn.core.views.error_404"
handler500 = "binaasn.core.views.error_500"


def indonesian(text):
    with translation.override("id"):
        return translation.gettext(text)


def test_missing_page_renders_our_404_in_indonesian_with_debug_off(db, client, settings):
    settings.DEBUG = False
    response = client.get("/halaman/yang/tidak/ada/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="id">' in html
    assert indonesian("Page not found") in html
    assert "Laman tidak ditemukan" in html or "Halaman tidak ditemukan" in html
    assert "Page not found" not in html
    assert "Technical" not in html and "URLconf" not in html  # not Django's debug page


def test_unknown_agency_and_foreign_objects_are_the_same_404(cast, login, settings):
    settings.DEBUG = False
    client = login(cast.admin)
    for url in ("/tidak-ada/", "/beta/", "/alpha/tugas/999999/"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert indonesian("Page not found") in response.content.decode(), url


def test_forbidden_page_is_ours(cast, login, settings):
    settings.DEBUG = False
    response = login(cast.employee_user).get("/alpha/audit/")
    assert response.status_code == 403
    html = response.content.decode()
    assert '<html lang="id">' in html
    assert indonesian("Access denied") in html
    assert 'class="navbar' in html  # still inside the layout, with a way back


@pytest.mark.urls(__name__)
def test_server_error_renders_our_500_page_in_indonesian(db, settings):
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    response = client.get("/rusak/")
    assert response.status_code == 500
    html = response.content.decode()
    assert '<html lang="id">' in html
    assert "Galat server" in html or indonesian("Server error") in html
    assert "something broke" not in html and "Traceback" not in html


@pytest.mark.urls(__name__)
def test_500_page_renders_even_when_the_database_is_unreachable(
    db, settings, django_assert_num_queries
):
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    client.get("/baik/")  # the session and language middleware are warm
    with django_assert_num_queries(0):
        response = client.get("/rusak/")
    assert response.status_code == 500


def test_error_pages_do_not_leak_debug_details_for_a_logged_in_user(cast, client, settings):
    settings.DEBUG = False
    log_in(client, "admin_a", cast.password)
    html = client.get("/alpha/tidak-ada/").content.decode()
    assert "Traceback" not in html and "DEBUG = True" not in html and "URLconf" not in html

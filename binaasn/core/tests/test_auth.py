"""Logging in with NIP or e-mail, password rules, lock-out after failures, password reset."""

import hashlib
import re

import pytest
from django.core import mail
from django.db import connection
from django.urls import reverse
from django_scopes import scopes_disabled

LOCKED_MESSAGE = "Terlalu banyak percobaan masuk yang gagal. Coba lagi nanti."
WRONG_MESSAGE = "Nama pengguna dan/atau kata sandi yang anda masukkan tidak benar."


def log_in(client, login, password):
    return client.post(reverse("account_login"), {"login": login, "password": password})


def test_employee_logs_in_with_nip(cast, client):
    response = log_in(client, "198505172010031001", cast.password)
    assert response.status_code == 302
    assert client.get("/alpha/").status_code == 200


def test_employee_logs_in_with_email_in_any_case(cast, client):
    response = log_in(client, "198505172010031001@EXAMPLE.test", cast.password)
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_wrong_password_is_refused_with_a_message(cast, client):
    response = log_in(client, "admin_a", "not-the-password-at-all")
    assert response.status_code == 200
    assert WRONG_MESSAGE in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_five_failures_lock_the_login_even_for_the_right_password(cast, client):
    for _ in range(5):
        assert WRONG_MESSAGE in log_in(client, "admin_a", "wrong-password-123").content.decode()
    response = log_in(client, "admin_a", cast.password)
    assert response.status_code == 200
    assert LOCKED_MESSAGE in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_lock_counts_nip_and_email_of_the_same_account_together(cast, client):
    nip, email = "198505172010031001", "198505172010031001@example.test"
    for login in (nip, email, nip, email, nip):
        log_in(client, login, "wrong-password-123")
    response = log_in(client, email, cast.password)
    assert LOCKED_MESSAGE in response.content.decode()


def test_lock_of_one_account_leaves_other_accounts_alone(cast, client):
    for _ in range(5):
        log_in(client, "admin_a", "wrong-password-123")
    assert log_in(client, "leader_a", cast.password).status_code == 302


def test_failed_login_counter_lives_in_the_database_cache_table(cast, client):
    """The database cache is shared by every gunicorn worker, so the lock holds across them."""
    for _ in range(5):
        log_in(client, "admin_a", "wrong-password-123")
    account_hash = hashlib.sha256(f"user:{cast.admin.pk}".encode()).hexdigest()
    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key FROM binaasn_cache")
        keys = [row[0] for row in cursor.fetchall()]
    assert any("login_failed" in key and account_hash in key for key in keys), keys


def test_successful_logins_do_not_count_towards_the_lock(cast, client):
    for _ in range(6):
        assert log_in(client, "admin_a", cast.password).status_code == 302
        client.logout()


def test_password_reset_mail_is_sent_and_its_link_sets_a_new_password(cast, client):
    response = client.post(reverse("account_reset_password"), {"email": "admin_a@example.test"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["admin_a@example.test"]
    assert "Reset Kata Sandi" in message.subject
    link = re.search(r"https?://testserver(/akun/password/reset/key/\S+/)", message.body).group(1)

    response = client.get(link)
    assert response.status_code == 302  # the key moves into the session, out of the URL
    form_url = response["Location"]
    assert client.get(form_url).status_code == 200
    new_password = "Kopi-tubruk-di-pagi-hari-7"
    response = client.post(form_url, {"password1": new_password, "password2": new_password})
    assert response.status_code == 302

    client.logout()
    assert log_in(client, "admin_a", new_password).status_code == 302
    client.logout()
    assert WRONG_MESSAGE in log_in(client, "admin_a", cast.password).content.decode()


def test_password_reset_link_works_only_once(cast, client):
    client.post(reverse("account_reset_password"), {"email": "admin_a@example.test"})
    link = re.search(r"https?://testserver(/akun/password/reset/key/\S+/)", mail.outbox[0].body)
    form_url = client.get(link.group(1))["Location"]
    client.post(
        form_url, {"password1": "Kopi-tubruk-di-pagi-7", "password2": "Kopi-tubruk-di-pagi-7"}
    )
    client.logout()
    response = client.get(link.group(1), follow=True)
    assert "password1" not in response.content.decode()


def test_password_reset_for_unknown_address_sends_nothing_to_it(cast, client):
    response = client.post(reverse("account_reset_password"), {"email": "nobody@example.test"})
    assert response.status_code == 302
    assert all("nobody@example.test" not in m.to or "Reset" not in m.body for m in mail.outbox)


def test_password_reset_after_a_lock_lifts_the_lock(cast, client):
    for _ in range(5):
        log_in(client, "admin_a", "wrong-password-123")
    client.post(reverse("account_reset_password"), {"email": "admin_a@example.test"})
    link = re.search(r"https?://testserver(/akun/password/reset/key/\S+/)", mail.outbox[0].body)
    form_url = client.get(link.group(1))["Location"]
    client.post(
        form_url, {"password1": "Kopi-tubruk-di-pagi-7", "password2": "Kopi-tubruk-di-pagi-7"}
    )
    client.logout()
    assert log_in(client, "admin_a", "Kopi-tubruk-di-pagi-7").status_code == 302


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("Pendek-1", "Kata sandi terlalu pendek. Harus mengandung setidaknya 12 karakter."),
        ("password1234", "Kata sandi ini terlalu umum."),
        ("839201748392017", "Kata sandi ini seluruhnya terdiri dari angka."),
        ("admin_a_alpha", "Kata sandi terlalu mirip dengan nama pengguna."),
    ],
    ids=["too-short", "common", "numeric", "like-username"],
)
def test_password_change_refuses_weak_passwords_with_their_reason(cast, login, password, message):
    client = login(cast.admin)
    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": cast.password, "password1": password, "password2": password},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    cast.admin.refresh_from_db()
    assert cast.admin.check_password(cast.password)


def test_password_similar_to_the_full_name_is_refused(cast, login):
    with scopes_disabled():
        cast.admin.full_name = "Bambang Sutrisno"
        cast.admin.save()
    client = login(cast.admin)
    password = "bambangsutrisno"
    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": cast.password, "password1": password, "password2": password},
    )
    assert "Kata sandi terlalu mirip dengan" in response.content.decode()


def test_a_good_password_is_accepted(cast, login):
    client = login(cast.admin)
    password = "Rendang-Padang-Asli-2026"
    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": cast.password, "password1": password, "password2": password},
    )
    assert response.status_code == 302
    cast.admin.refresh_from_db()
    assert cast.admin.check_password(password)


def test_nobody_can_sign_up_on_their_own(db, client):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "x@example.test",
            "username": "x",
            "password1": "Aa-1234567890",
            "password2": "Aa-1234567890",
        },
    )
    from binaasn.core.models import User

    assert not User.objects.filter(username="x").exists()
    assert response.status_code in (200, 302, 403)


@pytest.mark.parametrize(
    ("url_name", "indonesian"),
    [
        ("account_login", "Masuk"),
        ("account_reset_password", "Reset Kata Sandi"),
    ],
)
def test_account_pages_render_in_our_layout_in_indonesian(db, client, url_name, indonesian):
    html = client.get(reverse(url_name)).content.decode()
    assert '<html lang="id">' in html
    assert 'class="navbar' in html and "binaasn/app.js" in html  # base.html around it
    assert 'class="card mt-4"' in html  # allauth/layouts/base.html's card
    assert indonesian in html


def test_login_page_asks_for_nip_or_email_and_offers_password_reset(db, client):
    html = client.get(reverse("account_login")).content.decode()
    assert 'name="login"' in html and 'autocomplete="username"' in html
    assert reverse("account_reset_password") in html
    assert reverse("account_signup") not in html


@pytest.mark.parametrize(
    ("url_name", "indonesian"),
    [
        ("account_change_password", "Ubah Kata Sandi"),
        ("mfa_index", "Autentikasi Dua Faktor"),
    ],
)
def test_signed_in_account_pages_render_in_our_layout_in_indonesian(
    cast, login, url_name, indonesian
):
    html = login(cast.admin).get(reverse(url_name)).content.decode()
    assert '<html lang="id">' in html
    assert 'class="card mt-4"' in html
    assert indonesian in html

"""Run by test_security.py in a subprocess with a production environment (DEBUG=0, a real
SECRET_KEY, nothing from the test run): log in over HTTPS and report the headers and the flags
of every cookie as JSON on stdout. The database is an in-memory SQLite migrated here."""

import json
import os

import django

PASSWORD = "Kopi-tubruk-di-pagi-hari-7"


def cookie_flags(response):
    return {
        name: {
            "secure": bool(morsel["secure"]),
            "httponly": bool(morsel["httponly"]),
            "samesite": morsel["samesite"],
        }
        for name, morsel in response.cookies.items()
    }


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "binaasn.settings")
    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client, override_settings

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    from binaasn.core.models import User

    User.objects.create_user("198505172010031001", "siti@example.test", PASSWORD)
    host = settings.ALLOWED_HOSTS[0]
    report = {"debug": settings.DEBUG}
    # Static files are not collected here; everything else is the production configuration.
    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(STORAGES=storages):
        client = Client(HTTP_HOST=host)
        response = client.get("/akun/login/")
        report["plain_http"] = {
            "status": response.status_code,
            "location": response.get("Location"),
        }
        response = client.get("/akun/login/", secure=True)
        report["login_page"] = {
            "status": response.status_code,
            "headers": {
                name: response.get(name)
                for name in (
                    "Strict-Transport-Security",
                    "Content-Security-Policy",
                    "X-Frame-Options",
                    "X-Content-Type-Options",
                    "Referrer-Policy",
                )
            },
            "cookies": cookie_flags(response),
        }
        response = client.post(
            "/akun/login/", {"login": "198505172010031001", "password": PASSWORD}, secure=True
        )
        report["login"] = {"status": response.status_code, "cookies": cookie_flags(response)}
        response = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, secure=True)
        report["language"] = {"status": response.status_code, "cookies": cookie_flags(response)}
    print(json.dumps(report))


if __name__ == "__main__":
    main()

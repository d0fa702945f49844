import secrets
from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator

score_validators = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))]
percent_validators = [MinValueValidator(0), MaxValueValidator(100)]


def upload_path(kind):
    """Files live under learning/<kind>/<agency>/<random>/<name>: names never guessable."""

    def _path(instance, filename):
        return f"learning/{kind}/{instance.agency_id}/{secrets.token_hex(8)}/{filename}"

    _path.__name__ = f"upload_path_{kind}"
    return _path


def evidence_path(instance, filename):
    return upload_path("evidence")(instance, filename)


def deliverable_path(instance, filename):
    return upload_path("deliverables")(instance, filename)


def report_path(instance, filename):
    return upload_path("reports")(instance, filename)


def photo_path(instance, filename):
    return upload_path("photos")(instance, filename)

"""Counter-kiosk links: a signed token per service unit lets a tablet at the counter send many
surveys from one address without tripping the per-IP limit meant for the open form."""

from django.core import signing

SALT = "binaasn.citizens.kiosk"
MAX_AGE = (
    400 * 24 * 3600
)  # a kiosk link lasts a little over a year; open a new one from the unit page


def kiosk_token(unit):
    return signing.dumps({"a": unit.agency_id, "u": unit.pk}, salt=SALT)


def token_matches(token, unit):
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return False
    return data == {"a": unit.agency_id, "u": unit.pk}

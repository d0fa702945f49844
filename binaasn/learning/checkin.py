"""Rotating check-in codes for the QR shown on the trainer's screen.

A code is ``<session id>-<slot>-<HMAC>`` where the slot is the current 60-second window and the
HMAC (SHA-256 keyed with SECRET_KEY) covers the session id and slot. A code is accepted during its
own slot and the next one (so a scan just before the rotation still works): never older than two
minutes. Pure functions; the session window and "only once" are checked by the service.
"""

import hashlib
import hmac

from django.conf import settings

SLOT_SECONDS = 60
ACCEPTED_SLOTS = 2


class CodeError(ValueError):
    """``code`` is ``invalid`` (not ours / tampered) or ``expired`` (older slot)."""

    def __init__(self, code):
        super().__init__(code)
        self.code = code


def slot_at(timestamp):
    return int(timestamp // SLOT_SECONDS)


def _signature(session_id, slot, key=None):
    key = (key or settings.SECRET_KEY).encode()
    message = f"binaasn.checkin:{session_id}:{slot}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()[:24]


def make_code(session_id, timestamp, key=None):
    slot = slot_at(timestamp)
    return f"{session_id}-{slot}-{_signature(session_id, slot, key)}"


def read_code(code, timestamp, key=None):
    """The session id a valid code names; raises CodeError otherwise."""
    try:
        session_text, slot_text, signature = str(code).split("-")
        session_id, slot = int(session_text), int(slot_text)
    except ValueError:
        raise CodeError("invalid") from None
    if not hmac.compare_digest(signature, _signature(session_id, slot, key)):
        raise CodeError("invalid")
    age = slot_at(timestamp) - slot
    if age < 0 or age >= ACCEPTED_SLOTS:
        raise CodeError("expired")
    return session_id


def seconds_left(timestamp):
    return SLOT_SECONDS - int(timestamp % SLOT_SECONDS)

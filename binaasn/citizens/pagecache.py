"""A small in-process cache of rendered public pages.

The empty survey page is the same for every visitor except two values (the CSRF token and the
submission id), so each server process renders it once per unit and language and serves copies
for ``SECONDS``. An edit of the unit through the services forgets it at once in that process;
other processes pick it up within ``SECONDS``.
"""

import threading
import time

SECONDS = 60
MAX_ENTRIES = 500

_entries = {}
_lock = threading.Lock()


def get(key):
    entry = _entries.get(key)
    if entry is None or entry[0] < time.monotonic():
        return None
    return entry[1]


def put(key, value):
    with _lock:
        if len(_entries) >= MAX_ENTRIES:
            _entries.clear()
        _entries[key] = (time.monotonic() + SECONDS, value)
    return value


def forget(agency_id):
    """Drop every cached page of an agency (after one of its units changed)."""
    with _lock:
        for key in [k for k in _entries if k[0] == agency_id]:
            del _entries[key]


def clear():
    with _lock:
        _entries.clear()

"""Abuse protection for public pages without third-party services: a per-client-IP counter in
the Django cache (the database cache in production, shared by every gunicorn worker)."""

import hashlib
import ipaddress

from django.conf import settings
from django.core.cache import cache

# (requests, seconds) per client IP; override in settings as CITIZENS_RATE_LIMITS.
DEFAULT_LIMITS = {
    "skm": (20, 600),  # survey submissions; a counter kiosk has its own key and no IP limit
    "complaint": (5, 3600),  # new complaints
    "lookup": (30, 600),  # tracking-code lookups and status pages (guessing codes)
    "reply": (10, 3600),  # complainant replies
    "kiosk": (300, 600),  # a counter kiosk (signed link) sending queued answers
}


def limit_for(scope):
    return getattr(settings, "CITIZENS_RATE_LIMITS", {}).get(scope, DEFAULT_LIMITS[scope])


def client_ip(request):
    """The client address; behind our own proxies (BEHIND_PROXY=1) the X-Forwarded-For entry
    that many hops from the right, never an entry the client could write itself."""
    address = request.META.get("REMOTE_ADDR", "")
    trusted = getattr(settings, "ALLAUTH_TRUSTED_PROXY_COUNT", 0)
    forwarded = request.headers.get("X-Forwarded-For", "")
    if trusted and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",")]
        if len(hops) >= trusted:
            address = hops[-trusted]
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return "unknown"


def _key(*parts):
    digest = hashlib.sha256("|".join(str(p) for p in parts).encode()).hexdigest()[:32]
    return f"citizens:rl:{digest}"


def allow(request, scope):
    """Count one request of ``scope`` for the client; False once the client is over the limit."""
    count_limit, window = limit_for(scope)
    key = _key(scope, client_ip(request))
    if cache.add(key, 1, window):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        count = 1
    return count <= count_limit


def seen_recently(request, scope, fingerprint, seconds=600):
    """True when the same client sent the same content within ``seconds`` (a resubmission)."""
    return not cache.add(_key("dup", scope, client_ip(request), fingerprint), 1, seconds)

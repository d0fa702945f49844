"""The address a request came from, trusting X-Forwarded-For only as far as our own proxies.

A client can send any X-Forwarded-For it likes; a proxy appends the address it saw. So with
``ALLAUTH_TRUSTED_PROXY_COUNT`` proxies of ours in front (BEHIND_PROXY=1), the client is the entry
that many places from the right; without a proxy it is REMOTE_ADDR. Login rate limits (allauth)
read the same setting, so the audit trail and the lock-out agree on who the client is.
"""

import ipaddress

from auditlog.middleware import AuditlogMiddleware as BaseAuditlogMiddleware
from django.conf import settings


def client_ip(request):
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
        return None


class AuditlogMiddleware(BaseAuditlogMiddleware):
    """django-auditlog's middleware, recording the client address as ``client_ip`` sees it."""

    @staticmethod
    def _get_remote_addr(request):
        if settings.AUDITLOG_DISABLE_REMOTE_ADDR:
            return None
        return client_ip(request)

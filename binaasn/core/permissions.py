"""Role checks declared on views; the agency middleware has already set request.membership."""

from functools import wraps

from django.core.exceptions import PermissionDenied

ALL_ROLES = ("admin", "operator", "leader", "trainer", "employee")
STAFF_ROLES = ("admin", "operator")


def role_required(*roles):
    """Allow the view only for members of the request's agency with one of ``roles``."""
    allowed = set(roles or ALL_ROLES)

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            membership = getattr(request, "membership", None)
            if membership is None or membership.role not in allowed:
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.allowed_roles = frozenset(allowed)
        return wrapped

    return decorator

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django_scopes import scope

from .models import Agency, Membership, User


class AgencyMiddleware:
    """Resolve ``/<agency>/...`` once: check the membership, then run the view *and* the
    template rendering inside ``scope(agency=...)`` so every tenant query is confined to it.

    Staff URLs take the kwarg ``agency``; public URLs (``/publik/<agency>/``) take
    ``public_agency`` and need no login.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.agency = None
        request.membership = None
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return self.get_response(request)
        slug = match.kwargs.get("agency") or match.kwargs.get("public_agency")
        if not slug:
            return self.get_response(request)
        agency = Agency.objects.filter(slug=slug, is_active=True).first()
        if agency is None:
            raise Http404
        request.agency = agency
        if "agency" in match.kwargs:
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
            memberships = list(
                Membership.objects.filter(user=user, agency=agency, is_active=True)
                .select_related("unit")
                .order_by("role")
            )
            if not memberships:
                raise Http404
            request.membership = pick_membership(request, memberships)
            request.memberships = memberships
            if self.needs_second_factor(request):
                return redirect(reverse("mfa_activate_totp") + "?next=" + request.path)
            if user.last_agency_id != agency.pk:
                User.objects.filter(pk=user.pk).update(last_agency=agency)
        with scope(agency=agency):
            response = self.get_response(request)
            if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                response.render()
        return response

    @staticmethod
    def needs_second_factor(request):
        if not request.agency.requires_mfa_for(request.membership.role):
            return False
        from allauth.mfa.models import Authenticator

        return not Authenticator.objects.filter(
            user=request.user, type=Authenticator.Type.TOTP
        ).exists()


ROLE_ORDER = ["admin", "operator", "leader", "trainer", "employee"]


def pick_membership(request, memberships):
    """The role the user acts in: the one chosen in the session, else the most capable."""
    chosen = request.session.get(f"role:{memberships[0].agency_id}")
    for membership in memberships:
        if membership.role == chosen:
            return membership
    return sorted(memberships, key=lambda m: ROLE_ORDER.index(m.role))[0]


class ContentSecurityPolicyMiddleware:
    """A strict Content-Security-Policy: every script and style is a vendored or own file."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        return response

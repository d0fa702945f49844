"""The Django admin site of the platform (superusers and staff only).

Platform admins work across every agency, so each admin view runs, and renders, with the
tenant scopes lifted. This is the one place outside commands, tasks and tests that does so;
agency staff never reach it (admin views require ``is_staff``).
"""

from functools import wraps

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _
from django_scopes import scopes_disabled


class PlatformAdminSite(admin.AdminSite):
    site_header = _("BinaASN platform administration")
    site_title = _("BinaASN platform")
    index_title = _("Agencies, logins and data of every agency")

    def admin_view(self, view, cacheable=False):
        checked = super().admin_view(view, cacheable)

        @wraps(checked)
        def across_agencies(request, *args, **kwargs):
            with scopes_disabled():
                response = checked(request, *args, **kwargs)
                if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                    response.render()
            return response

        return across_agencies


class PlatformAdminConfig(AdminConfig):
    default_site = "binaasn.core.admin_site.PlatformAdminSite"

"""Django admin for platform admins (superusers): agencies with their memberships, logins, jobs.

Every admin view runs with the tenant scopes lifted (admin_site.PlatformAdminSite), so tenant
models of any app can be registered with a plain ModelAdmin.
"""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import UserChangeForm, UserCreationForm
from django.utils.translation import gettext_lazy as _

from .models import Agency, Job, Membership, User


class AgencyMembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    fields = ["user", "role", "unit", "is_active"]
    raw_id_fields = ["user"]
    verbose_name_plural = _("users and roles")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "unit":
            from binaasn.people.models import OrgUnit

            # Only units of the agency on the page: an operator's unit belongs to their agency.
            agency_id = request.resolver_match.kwargs.get("object_id")
            units = OrgUnit.objects.with_scopes_disabled().filter(agency_id=agency_id or None)
            kwargs["queryset"] = units.order_by("path")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "kind", "region_code", "mfa_required_roles", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "short_name", "slug", "region_code"]
    prepopulated_fields = {"slug": ["short_name"]}
    fields = [
        "name",
        "short_name",
        "slug",
        "kind",
        "region_code",
        "seat",
        "logo",
        "mfa_required_roles",
        "is_active",
    ]
    inlines = [AgencyMembershipInline]

    def has_delete_permission(self, request, obj=None):
        # An agency is switched off (is_active), never deleted: its audit trail and data stay.
        return False


class UserMembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    fields = ["agency", "role", "unit", "is_active"]
    # Units belong to one agency; they are chosen on the agency's page.
    readonly_fields = ["unit"]
    verbose_name_plural = _("agencies and roles")


class AdminUserCreationForm(UserCreationForm):
    class Meta(UserCreationForm.Meta):
        model = User
        fields = ["username", "email", "full_name"]


class AdminUserChangeForm(UserChangeForm):
    class Meta(UserChangeForm.Meta):
        model = User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = AdminUserChangeForm
    add_form = AdminUserCreationForm
    list_display = ["username", "full_name", "email", "is_active", "is_superuser", "last_login"]
    search_fields = ["username", "full_name", "email"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (_("Person"), {"fields": ["full_name", "email", "last_agency"]}),
        (
            _("Platform permissions"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Important dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": ["username", "full_name", "email", "password1", "password2"],
            },
        )
    ]
    inlines = [UserMembershipInline]


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ["title", "agency", "kind", "status", "created_by", "created_at", "finished_at"]
    list_filter = ["status", "kind", "agency"]
    list_select_related = ["agency", "created_by"]
    search_fields = ["title"]
    date_hierarchy = "created_at"
    readonly_fields = ["created_at", "started_at", "finished_at", "task_id"]
    raw_id_fields = ["created_by"]

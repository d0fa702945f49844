"""Dialogue forums between ASN and the public (forum komunikasi), their issues and follow-ups."""

import secrets

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from binaasn.core.tenancy import TenantModel, TenantQuerySet, tenant_manager


def new_public_code():
    return secrets.token_urlsafe(9)


def minutes_path(instance, filename):
    return f"forums/{instance.agency_id}/{secrets.token_hex(8)}/{filename}"


class ForumQuerySet(TenantQuerySet):
    def visible_to(self, membership):
        if membership is None:
            return self.none()
        if membership.role == "operator":
            if membership.unit_id is None:
                return self.none()
            return self.filter(unit__path__startswith=membership.unit.path)
        return self


class Forum(TenantModel):
    """One dialogue event: who was invited, who came, what was said and agreed."""

    public_code = models.CharField(
        max_length=20, unique=True, default=new_public_code, editable=False
    )
    theme = models.CharField(_("theme"), max_length=200)
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200)
    unit = models.ForeignKey(
        "people.OrgUnit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organising unit"),
    )
    community_groups = models.TextField(
        _("invited community groups"), blank=True, help_text=_("One group per line.")
    )
    invited_employees = models.ManyToManyField(
        "people.Employee", blank=True, related_name="+", verbose_name=_("invited ASN")
    )
    attended_employees = models.ManyToManyField(
        "people.Employee", blank=True, related_name="+", verbose_name=_("ASN present")
    )
    community_attendance = models.PositiveIntegerField(
        _("members of the public present"), default=0
    )
    minutes = models.TextField(_("minutes"), blank=True)
    minutes_file = models.FileField(
        _("signed minutes"), upload_to=minutes_path, blank=True, max_length=300
    )
    is_published = models.BooleanField(
        _("publish a summary"), default=True, help_text=_("The public summary shows no names.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = tenant_manager(ForumQuerySet)

    class Meta:
        verbose_name = _("dialogue forum")
        verbose_name_plural = _("dialogue forums")
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["agency", "held_on"], name="forum_agency_date")]

    def __str__(self):
        return self.theme

    @property
    def group_list(self):
        return [line.strip() for line in self.community_groups.splitlines() if line.strip()]


class ForumIssue(TenantModel):
    """An issue raised in a forum; it is answered by follow-up actions."""

    forum = models.ForeignKey(
        Forum, on_delete=models.CASCADE, related_name="issues", verbose_name=_("forum")
    )
    title = models.CharField(_("issue"), max_length=200)
    description = models.TextField(_("details"), blank=True)
    raised_by = models.CharField(
        _("raised by (group)"),
        max_length=200,
        blank=True,
        help_text=_("A community group, not a person's name."),
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    actions = GenericRelation(
        "actions.FollowUpAction", content_type_field="source_type", object_id_field="source_id"
    )

    class Meta:
        verbose_name = _("forum issue")
        verbose_name_plural = _("forum issues")
        ordering = ["pk"]

    def __str__(self):
        return self.title

    @property
    def staff_url(self):
        return reverse(
            "citizens:forum-detail", kwargs={"agency": self.agency.slug, "pk": self.forum_id}
        )

from django.db import models
from django.utils.translation import gettext_lazy as _

from binaasn.core.tenancy import TenantModel

from .. import jp, paths


class LearningSettings(TenantModel):
    """Per-agency choices: the certificate signatory and numbering, and the path of projects."""

    signatory_name = models.CharField(_("signatory name"), max_length=200, blank=True)
    signatory_position = models.CharField(_("signatory position"), max_length=200, blank=True)
    signatory_nip = models.CharField(_("signatory NIP"), max_length=18, blank=True)
    certificate_prefix = models.CharField(
        _("certificate number prefix"),
        max_length=30,
        default="SERT",
        help_text=_("Certificate numbers read PREFIX/YEAR/NUMBER."),
    )
    project_path_code = models.CharField(
        _("path code of project-based learning"),
        max_length=5,
        choices=paths.PROJECT_CHOICES,
        default="NKL11",
    )

    class Meta:
        verbose_name = _("learning settings")
        verbose_name_plural = _("learning settings")
        constraints = [
            models.UniqueConstraint(fields=["agency"], name="learning_settings_one_per_agency")
        ]

    def __str__(self):
        return str(self.agency)


class PathRule(TenantModel):
    """The agency's JP conversion for one path code: a JP value per session, day or week that
    replaces the minutes rule (DOMAIN.md: no national table exists)."""

    class Unit(models.TextChoices):
        SESSION = jp.SESSION, _("per session or meeting")
        DAY = jp.DAY, _("per day")
        WEEK = jp.WEEK, _("per week")

    path_code = models.CharField(_("path code"), max_length=5, choices=paths.PATH_CHOICES)
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices)
    jp_per_unit = models.PositiveSmallIntegerField(_("JP per unit"))

    class Meta:
        verbose_name = _("JP conversion rule")
        verbose_name_plural = _("JP conversion rules")
        ordering = ["path_code"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "path_code"], name="pathrule_one_per_code"),
            models.CheckConstraint(
                condition=models.Q(jp_per_unit__gte=1), name="pathrule_jp_positive"
            ),
        ]

    def __str__(self):
        return f"{self.path_code}: {self.jp_per_unit} JP {self.get_unit_display()}"

    def as_rule(self):
        return jp.Rule(self.unit, self.jp_per_unit)

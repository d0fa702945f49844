"""Service units and the SKM survey (PermenPANRB 14/2017): one row per respondent."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from binaasn.core.tenancy import TenantModel, TenantQuerySet, tenant_manager

from .. import ikm

PUBLIC_CODE_VALIDATOR = RegexValidator(
    r"^[A-Z0-9][A-Z0-9-]{1,29}$",
    _("Use 2–30 capital letters, digits or dashes, e.g. DISDUKCAPIL."),
)


class CitizenSettings(TenantModel):
    """The agency's choices for public participation (one row per agency)."""

    class Method(models.TextChoices):
        EXACT = ikm.METHOD_EXACT, _("Exact mean of the NRR values (default)")
        WEIGHT_0111 = ikm.METHOD_WEIGHT_0111, _("Weight 0,111 as printed in the regulation")

    ikm_method = models.CharField(
        _("IKM method"),
        max_length=20,
        choices=Method.choices,
        default=Method.EXACT,
        help_text=_(
            "The exact mean is what official portals publish; weight 0,111 keeps results "
            "comparable with reports made that way. Reports print the method used."
        ),
    )

    class Meta:
        verbose_name = _("public participation settings")
        verbose_name_plural = _("public participation settings")
        constraints = [
            models.UniqueConstraint(fields=["agency"], name="citizen_settings_one_per_agency")
        ]

    def __str__(self):
        return str(self.agency)


class ServiceUnitQuerySet(TenantQuerySet):
    def active(self):
        return self.filter(is_active=True)

    def visible_to(self, membership):
        """Operators see the service units of their org unit subtree; other staff all."""
        if membership is None:
            return self.none()
        if membership.role == "operator":
            if membership.unit_id is None:
                return self.none()
            return self.filter(org_unit__path__startswith=membership.unit.path)
        return self


class ServiceUnit(TenantModel):
    """A unit that serves the public (unit layanan), linked to an org unit of the agency."""

    org_unit = models.ForeignKey(
        "people.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("org unit")
    )
    name = models.CharField(_("name"), max_length=200)
    public_code = models.CharField(
        _("public code"),
        max_length=30,
        validators=[PUBLIC_CODE_VALIDATOR],
        help_text=_(
            "Appears in the public survey address, e.g. DISDUKCAPIL. Unique in the agency."
        ),
    )
    services = models.TextField(
        _("services offered"),
        blank=True,
        help_text=_("One service per line, e.g. Pelayanan KTP-el."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = tenant_manager(ServiceUnitQuerySet)

    class Meta:
        verbose_name = _("service unit")
        verbose_name_plural = _("service units")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "public_code"], name="service_unit_unique_code"
            )
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.public_code = self.public_code.strip().upper()
        super().save(*args, **kwargs)

    @property
    def service_list(self):
        return [line.strip() for line in self.services.splitlines() if line.strip()]


class ServiceUserCount(TenantModel):
    """How many people a unit served in a period: the population N for the minimum sample."""

    unit = models.ForeignKey(
        ServiceUnit,
        on_delete=models.CASCADE,
        related_name="user_counts",
        verbose_name=_("service unit"),
    )
    start_on = models.DateField(_("from"))
    end_on = models.DateField(_("to"))
    count = models.PositiveIntegerField(_("number of service users"))
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("service user count")
        verbose_name_plural = _("service user counts")
        ordering = ["-start_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_on__gte=F("start_on")), name="user_count_period_order"
            ),
            models.UniqueConstraint(
                fields=["unit", "start_on", "end_on"], name="user_count_unique_period"
            ),
        ]

    def __str__(self):
        return f"{self.unit} {self.start_on}–{self.end_on}: {self.count}"


class AgeGroup(models.TextChoices):
    UNDER_20 = "lt20", _("under 20")
    FROM_20 = "20-29", "20–29"
    FROM_30 = "30-39", "30–39"
    FROM_40 = "40-49", "40–49"
    FROM_50 = "50-59", "50–59"
    FROM_60 = "60+", _("60 and over")


def age_group_for(age):
    """The age group of an age in years (only the group is stored, not the age)."""
    if age < 20:
        return AgeGroup.UNDER_20
    if age >= 60:
        return AgeGroup.FROM_60
    return {2: AgeGroup.FROM_20, 3: AgeGroup.FROM_30, 4: AgeGroup.FROM_40, 5: AgeGroup.FROM_50}[
        age // 10
    ]


class Education(models.TextChoices):
    SD = "SD", "SD"
    SMP = "SMP", "SMP"
    SMA = "SMA", "SMA"
    D1_D3 = "D1-D3", "D1-D3"
    D4_S1 = "D4-S1", "D4-S1"
    S2 = "S2", "S2"
    S3 = "S3", "S3"


class Occupation(models.TextChoices):
    PNS = "PNS", "PNS"
    TNI = "TNI", "TNI"
    POLRI = "POLRI", "POLRI"
    SWASTA = "Swasta", "Swasta"
    WIRAUSAHA = "Wirausaha", "Wirausaha"
    LAINNYA = "Lainnya", "Lainnya"


class Gender(models.TextChoices):
    L = "L", _("Male (L)")
    P = "P", _("Female (P)")


def _answer_field(number):
    return models.PositiveSmallIntegerField(
        f"U{number}", validators=[MinValueValidator(1), MaxValueValidator(4)]
    )


def _pair_field():
    return models.BigIntegerField(editable=False, default=0)


PAIRS = (
    ("pair_12", "u1", "u2"),
    ("pair_34", "u3", "u4"),
    ("pair_56", "u5", "u6"),
    ("pair_78", "u7", "u8"),
)


class SkmResponse(TenantModel):
    """One respondent's survey: nine answers 1–4, the respondent profile, no personal data.

    The answer belongs to the period of its own date (``answered_on``), whenever it was entered.
    """

    class Source(models.TextChoices):
        ONLINE = "online", _("Online form")
        KIOSK = "kiosk", _("Counter kiosk")
        PAPER = "paper", _("Paper form entered by staff")
        IMPORT = "import", _("Imported file")

    unit = models.ForeignKey(
        ServiceUnit,
        on_delete=models.PROTECT,
        related_name="responses",
        verbose_name=_("service unit"),
    )
    answered_on = models.DateField(_("date"))
    u1 = _answer_field(1)
    u2 = _answer_field(2)
    u3 = _answer_field(3)
    u4 = _answer_field(4)
    u5 = _answer_field(5)
    u6 = _answer_field(6)
    u7 = _answer_field(7)
    u8 = _answer_field(8)
    u9 = _answer_field(9)
    # Two answers in one integer (low + high·2³²), kept equal to u1…u8 by check constraints:
    # the agency aggregate reads five numbers per row from an index instead of nine, and the
    # sums stay separable up to 500 million answers (see ikm.unpack_pair and bench/ikm_bench.py).
    pair_12 = _pair_field()
    pair_34 = _pair_field()
    pair_56 = _pair_field()
    pair_78 = _pair_field()
    age_group = models.CharField(_("age group"), max_length=5, choices=AgeGroup.choices, blank=True)
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices, blank=True)
    education = models.CharField(
        _("education"), max_length=5, choices=Education.choices, blank=True
    )
    occupation = models.CharField(
        _("main occupation"), max_length=10, choices=Occupation.choices, blank=True
    )
    service = models.CharField(_("service received"), max_length=200, blank=True)
    suggestion = models.TextField(_("suggestion"), blank=True)
    source = models.CharField(
        _("source"), max_length=10, choices=Source.choices, default=Source.ONLINE
    )
    client_uuid = models.UUIDField(null=True, blank=True, editable=False)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("SKM response")
        verbose_name_plural = _("SKM responses")
        ordering = ["-answered_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "client_uuid"], name="skm_response_unique_client_uuid"
            ),
            *[
                models.CheckConstraint(
                    condition=Q(**{f"u{n}__gte": 1, f"u{n}__lte": 4}),
                    name=f"skm_response_u{n}_1_to_4",
                )
                for n in range(1, 10)
            ],
            *[
                models.CheckConstraint(
                    condition=Q(**{pair: F(low) + F(high) * ikm.PAIR_BASE}),
                    name=f"skm_response_{pair}_packed",
                )
                for pair, low, high in PAIRS
            ],
        ]
        indexes = [
            # Covers the agency aggregate: the sums are read from the index alone.
            models.Index(
                fields=[
                    "agency",
                    "answered_on",
                    "unit",
                    "pair_12",
                    "pair_34",
                    "pair_56",
                    "pair_78",
                    "u9",
                ],
                name="skm_agency_date_answers",
            ),
            models.Index(fields=["agency", "unit", "answered_on"], name="skm_agency_unit_date"),
        ]

    def __str__(self):
        return f"{self.unit} {self.answered_on}"

    def pack_answers(self):
        """Fill the packed pairs from u1…u8 (``save`` does it; call it before bulk_create)."""
        for pair, low, high in PAIRS:
            setattr(self, pair, getattr(self, low) + getattr(self, high) * ikm.PAIR_BASE)
        return self

    def save(self, *args, **kwargs):
        self.pack_answers()
        super().save(*args, **kwargs)

    @property
    def answers(self):
        return [getattr(self, f"u{n}") for n in range(1, 10)]


class HistoricalIkm(TenantModel):
    """An IKM result taken over from an old report. It keeps the regulation it was made under
    (e.g. the 14 unsur of KEP/25/M.PAN/2/2004) and its own mutu: never reclassified."""

    unit = models.ForeignKey(
        ServiceUnit,
        on_delete=models.PROTECT,
        related_name="historical_results",
        null=True,
        blank=True,
        verbose_name=_("service unit"),
        help_text=_("Leave empty for an agency-wide result."),
    )
    regulation = models.CharField(
        _("regulation"), max_length=30, choices=ikm.REGULATION_CHOICES, default=ikm.REGULATION_2004
    )
    period_label = models.CharField(
        _("period"), max_length=50, help_text=_("As printed, e.g. Semester II 2015.")
    )
    start_on = models.DateField(_("from"))
    end_on = models.DateField(_("to"))
    element_count = models.PositiveSmallIntegerField(_("number of unsur"), default=14)
    converted = models.DecimalField(_("converted IKM"), max_digits=5, decimal_places=2)
    mutu = models.CharField(_("mutu"), max_length=1, help_text=_("As printed in the old report."))
    kinerja = models.CharField(_("kinerja"), max_length=40, blank=True)
    respondents = models.PositiveIntegerField(_("respondents"), null=True, blank=True)
    note = models.CharField(_("source document"), max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("historical IKM result")
        verbose_name_plural = _("historical IKM results")
        ordering = ["start_on"]

    def __str__(self):
        return f"{self.period_label}: {self.converted} ({self.mutu})"

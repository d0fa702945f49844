"""Needs analysis (AKPK) campaigns and their prioritised needs, the annual development plan
(Rencana Pengembangan Kompetensi) with programmes and budget lines, partner institutions and
speakers."""

import secrets
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from binaasn.core.tenancy import TenantModel, TenantQuerySet, tenant_manager

from . import paths
from .budget import line_total
from .priority import Weights

MONTH_CHOICES = [
    (1, _("January")),
    (2, _("February")),
    (3, _("March")),
    (4, _("April")),
    (5, _("May")),
    (6, _("June")),
    (7, _("July")),
    (8, _("August")),
    (9, _("September")),
    (10, _("October")),
    (11, _("November")),
    (12, _("December")),
]
weight_validators = [MinValueValidator(0), MaxValueValidator(100)]


class PositionGroup(models.TextChoices):
    """How a campaign groups its needs: by OPD (the unit right below the agency's root) or by
    position type."""

    UNIT = "unit", _("By unit (OPD)")
    POSITION_TYPE = "position_type", _("By position type")


class Campaign(TenantModel):
    """One needs analysis (AKPK) of an agency for a year."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Preparing")
        COLLECTING = "collecting", _("Collecting answers")
        ANALYSED = "analysed", _("Analysed")
        CLOSED = "closed", _("Closed")

    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    grouping = models.CharField(
        _("group needs"), max_length=20, choices=PositionGroup.choices, default=PositionGroup.UNIT
    )
    questionnaire = models.ForeignKey(
        "surveys.Questionnaire",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("needs questionnaire"),
    )
    weight_gap = models.DecimalField(
        _("weight of the gap"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(4),
        validators=weight_validators,
    )
    weight_breadth = models.DecimalField(
        _("weight of the number of ASN affected"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(3),
        validators=weight_validators,
    )
    weight_survey = models.DecimalField(
        _("weight of the questionnaire"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(2),
        validators=weight_validators,
    )
    weight_interview = models.DecimalField(
        _("weight of the interviews"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(1),
        validators=weight_validators,
    )
    max_affected = models.PositiveIntegerField(default=0, editable=False)
    max_mentions = models.PositiveIntegerField(default=0, editable=False)
    employees_considered = models.PositiveIntegerField(default=0, editable=False)
    analysed_at = models.DateTimeField(null=True, blank=True, editable=False)
    analysed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("needs analysis campaign")
        verbose_name_plural = _("needs analysis campaigns")
        ordering = ["-year", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="campaign_one_per_year")
        ]

    def __str__(self):
        return self.title

    @property
    def weights(self):
        return Weights(
            gap=self.weight_gap,
            breadth=self.weight_breadth,
            survey=self.weight_survey,
            interview=self.weight_interview,
        )


class NeedQuerySet(TenantQuerySet):
    def prioritised(self):
        return self.order_by("-score", "-affected_count", "pk")


class Need(TenantModel):
    """A development need: one competency for one group (unit or position type), with the
    numbers stored when the campaign was analysed so pages never recompute gaps."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Not taken up")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="needs")
    competency = models.ForeignKey(
        "competencies.Competency",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("competency"),
    )
    unit = models.ForeignKey(
        "people.OrgUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unit"),
    )
    position_type = models.CharField(_("position type"), max_length=30, blank=True)
    group_label = models.CharField(_("group"), max_length=200)
    employees_considered = models.PositiveIntegerField(
        _("ASN whose position requires it"), default=0
    )
    affected_count = models.PositiveIntegerField(_("ASN affected"), default=0)
    total_gap = models.PositiveIntegerField(_("sum of gaps"), default=0)
    avg_gap = models.DecimalField(
        _("average gap"), max_digits=4, decimal_places=2, default=Decimal(0)
    )
    survey_mean = models.DecimalField(
        _("questionnaire mean"), max_digits=4, decimal_places=2, null=True, blank=True
    )
    survey_count = models.PositiveIntegerField(_("questionnaire ratings"), default=0)
    interview_mentions = models.PositiveIntegerField(_("interview mentions"), default=0)
    score = models.DecimalField(
        _("priority score"), max_digits=5, decimal_places=2, default=Decimal(0)
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED
    )

    objects = tenant_manager(NeedQuerySet)

    class Meta:
        verbose_name = _("development need")
        verbose_name_plural = _("development needs")
        ordering = ["-score", "pk"]
        indexes = [models.Index(fields=["campaign", "-score"], name="need_campaign_score")]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "competency", "unit", "position_type"], name="need_unique_group"
            )
        ]

    def __str__(self):
        return f"{self.competency} · {self.group_label}"


class Interview(TenantModel):
    """An interview held for the needs analysis, with one employee or a group."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="interviews")
    held_on = models.DateField(_("date"))
    interviewer = models.CharField(_("interviewer"), max_length=200)
    employee = models.ForeignKey(
        "people.Employee",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("employee interviewed"),
    )
    group_description = models.CharField(
        _("group interviewed"),
        max_length=200,
        blank=True,
        help_text=_("For a group interview, e.g. “Kepala seksi Dinas Kesehatan”."),
    )
    unit = models.ForeignKey(
        "people.OrgUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unit"),
        help_text=_("Taken from the employee when one is named."),
    )
    position_type = models.CharField(_("position type"), max_length=30, blank=True)
    notes = models.TextField(_("notes"))
    competencies = models.ManyToManyField(
        "competencies.Competency",
        related_name="+",
        blank=True,
        verbose_name=_("competencies mentioned"),
    )
    proposed_forms = models.JSONField(_("development forms proposed"), default=list, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("interview record")
        verbose_name_plural = _("interview records")
        ordering = ["-held_on", "-pk"]

    def __str__(self):
        return f"{self.held_on:%d-%m-%Y} · {self.employee or self.group_description}"

    @property
    def proposed_form_labels(self):
        labels = dict(paths.FORM_CHOICES)
        return [labels.get(key, key) for key in self.proposed_forms]


class Partner(TenantModel):
    """A partner institution: university, NGO, central institution (LAN, a provincial BPSDM),
    private company."""

    class Kind(models.TextChoices):
        UNIVERSITY = "university", _("University")
        NGO = "ngo", _("Non-governmental organisation")
        CENTRAL = "central", _("Central institution (e.g. LAN)")
        PROVINCIAL = "provincial", _("Provincial BPSDM")
        PRIVATE = "private", _("Private company")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    mou_number = models.CharField(_("MoU number"), max_length=100, blank=True)
    mou_starts_on = models.DateField(_("MoU from"), null=True, blank=True)
    mou_ends_on = models.DateField(_("MoU until"), null=True, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("partner institution")
        verbose_name_plural = _("partner institutions")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "name"], name="partner_unique_name"),
            models.CheckConstraint(
                condition=Q(mou_ends_on__isnull=True)
                | Q(mou_starts_on__isnull=True)
                | Q(mou_ends_on__gte=models.F("mou_starts_on")),
                name="partner_mou_period_order",
            ),
        ]

    def __str__(self):
        return self.name

    def mou_is_valid_on(self, day):
        if not self.mou_number:
            return False
        return (self.mou_starts_on is None or self.mou_starts_on <= day) and (
            self.mou_ends_on is None or day <= self.mou_ends_on
        )


class Speaker(TenantModel):
    """A speaker or facilitator (narasumber)."""

    name = models.CharField(_("name"), max_length=200)
    expertise = models.CharField(_("expertise"), max_length=300)
    institution = models.CharField(_("institution"), max_length=200, blank=True)
    partner = models.ForeignKey(
        Partner,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="speakers",
        verbose_name=_("partner institution"),
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def institution_name(self):
        return self.institution or (self.partner.name if self.partner_id else "")


class BudgetCeiling(TenantModel):
    """The agency's budget ceiling (pagu) for competency development in one year."""

    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    amount = models.DecimalField(
        _("ceiling (Rp)"), max_digits=18, decimal_places=2, validators=[MinValueValidator(0)]
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("budget ceiling")
        verbose_name_plural = _("budget ceilings")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="ceiling_one_per_year")
        ]

    def __str__(self):
        return f"{self.year}: {self.amount}"


class Plan(TenantModel):
    """The annual development plan: draft → submitted → approved; a revision after approval
    goes back to draft and is kept as a new version when approved again."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        APPROVED = "approved", _("Approved")

    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    title = models.CharField(_("title"), max_length=200)
    objectives = models.TextField(_("objectives"))
    campaign = models.ForeignKey(
        Campaign,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plans",
        verbose_name=_("needs analysis"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    version = models.PositiveSmallIntegerField(_("approved version"), default=0)
    revision_note = models.TextField(_("what this revision changes"), blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("development plan")
        verbose_name_plural = _("development plans")
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="plan_one_per_year")]

    def __str__(self):
        return self.title

    @property
    def is_editable(self):
        return self.status == self.Status.DRAFT


class PlanVersion(TenantModel):
    """An approved state of a plan, frozen as JSON, with what changed since the last one."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    change_note = models.TextField(_("changes"))
    snapshot = models.JSONField(_("content"))
    approved_at = models.DateTimeField(default=timezone.now)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("plan version")
        verbose_name_plural = _("plan versions")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="planversion_unique_number")
        ]

    def __str__(self):
        return f"{self.plan} v{self.number}"


class Programme(TenantModel):
    """One programme of the plan: a form of development with its path code, targets, JP,
    timing, delivery, provider and budget."""

    class Delivery(models.TextChoices):
        OFFLINE = "offline", _("In person")
        ONLINE = "online", _("Online")
        BLENDED = "blended", _("Blended")

    class Provider(models.TextChoices):
        OWN = "own", _("Own agency")
        PARTNER = "partner", _("Partner institution")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="programmes")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    form = models.CharField(_("development form"), max_length=30, choices=paths.FORM_CHOICES)
    path_code = models.CharField(
        _("path code"), max_length=6, choices=paths.PATH_CHOICES, blank=True
    )
    track = models.CharField(
        _("classical or non-classical"), max_length=15, choices=paths.TRACK_CHOICES, editable=False
    )
    needs = models.ManyToManyField(
        Need, related_name="programmes", blank=True, verbose_name=_("needs addressed")
    )
    competencies = models.ManyToManyField(
        "competencies.Competency",
        related_name="+",
        blank=True,
        verbose_name=_("competencies addressed"),
    )
    target_units = models.ManyToManyField(
        "people.OrgUnit",
        related_name="+",
        blank=True,
        verbose_name=_("target units"),
        help_text=_("ASN of these units and the units below them."),
    )
    target_position_types = models.JSONField(_("target position types"), default=list, blank=True)
    target_employees = models.ManyToManyField(
        "people.Employee", related_name="+", blank=True, verbose_name=_("named participants")
    )
    participant_count = models.PositiveIntegerField(
        _("number of participants"), validators=[MinValueValidator(1)]
    )
    jp_per_participant = models.PositiveSmallIntegerField(
        _("JP per participant"), validators=[MinValueValidator(1)]
    )
    planned_month = models.PositiveSmallIntegerField(_("planned month"), choices=MONTH_CHOICES)
    end_month = models.PositiveSmallIntegerField(
        _("until month"),
        choices=MONTH_CHOICES,
        null=True,
        blank=True,
        help_text=_("For a programme that runs over several months."),
    )
    delivery_mode = models.CharField(
        _("delivery"), max_length=10, choices=Delivery.choices, default=Delivery.OFFLINE
    )
    provider_kind = models.CharField(
        _("organised by"), max_length=10, choices=Provider.choices, default=Provider.OWN
    )
    partner = models.ForeignKey(
        Partner,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="programmes",
        verbose_name=_("partner institution"),
    )
    speakers = models.ManyToManyField(
        Speaker, related_name="programmes", blank=True, verbose_name=_("speakers")
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["planned_month", "title", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(jp_per_participant__gt=0), name="programme_jp_positive"
            ),
            models.CheckConstraint(
                condition=Q(participant_count__gt=0), name="programme_participants_positive"
            ),
            models.CheckConstraint(
                condition=Q(end_month__isnull=True) | Q(end_month__gte=models.F("planned_month")),
                name="programme_month_order",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.track = paths.track_of(self.path_code)
        super().save(*args, **kwargs)

    @property
    def quarter(self):
        return (self.planned_month - 1) // 3 + 1

    @property
    def last_month(self):
        return self.end_month or self.planned_month

    @property
    def path_name(self):
        return paths.PATH_NAMES.get(self.path_code, "")

    @property
    def is_classical(self):
        return self.track == paths.CLASSICAL


class BudgetLine(TenantModel):
    """One line of a programme's budget: volume × unit cost from a funding source."""

    class Category(models.TextChoices):
        HONORARIUM = "honorarium", _("Honorarium")
        CONSUMPTION = "consumption", _("Consumption")
        VENUE = "venue", _("Venue")
        MATERIALS = "materials", _("Materials")
        TRANSPORT = "transport", _("Transport")
        ACCOMMODATION = "accommodation", _("Accommodation")
        OTHER = "other", _("Other")

    class Source(models.TextChoices):
        APBD = "apbd", "APBD"
        APBN = "apbn", "APBN"
        PARTNER = "partner", _("Partner")
        OTHER = "other", _("Other")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="budget_lines")
    category = models.CharField(_("category"), max_length=15, choices=Category.choices)
    description = models.CharField(_("description"), max_length=200, blank=True)
    volume = models.DecimalField(_("volume"), max_digits=10, decimal_places=2)
    unit_label = models.CharField(
        _("unit"), max_length=30, blank=True, help_text=_("e.g. OH, OK, paket")
    )
    unit_cost = models.DecimalField(_("unit cost (Rp)"), max_digits=14, decimal_places=2)
    source = models.CharField(
        _("funding source"), max_length=10, choices=Source.choices, default=Source.APBD
    )

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(condition=Q(volume__gt=0), name="budgetline_volume_positive"),
            models.CheckConstraint(
                condition=Q(unit_cost__gte=0), name="budgetline_cost_not_negative"
            ),
        ]

    def __str__(self):
        return f"{self.get_category_display()} · {self.description}"

    @property
    def total(self):
        return line_total(self.volume, self.unit_cost)


def material_file_path(instance, filename):
    return f"materi/{instance.agency_id}/{secrets.token_hex(8)}/{filename}"


class LearningMethod(models.TextChoices):
    LECTURE = "lecture", _("Lecture and discussion")
    CASE_STUDY = "case_study", _("Case study")
    SIMULATION = "simulation", _("Simulation and role play")
    PRACTICE = "practice", _("Hands-on practice")
    FIELD_VISIT = "field_visit", _("Field visit")
    E_LEARNING = "e_learning", _("Self-paced e-learning")
    WEBINAR = "webinar", _("Live online session")
    PROJECT = "project", _("Action project")
    COACHING = "coaching", _("Coaching and mentoring")


class MaterialVersion(TenantModel):
    """One version of a programme's curriculum and material: its modules, method and files.

    A draft is edited freely; publishing freezes it and makes it the version new offerings of
    the programme use. Evaluations compare offerings by the version they used."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="material_versions"
    )
    number = models.PositiveSmallIntegerField(_("version"))
    method = models.CharField(
        _("main method"), max_length=20, choices=LearningMethod.choices, blank=True
    )
    method_note = models.TextField(_("how the programme is taught"), blank=True)
    change_note = models.TextField(_("what changed"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    closes_action = models.ForeignKey(
        "actions.FollowUpAction",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("follow-up action it answers"),
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("material version")
        verbose_name_plural = _("material versions")
        ordering = ["programme", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "number"], name="material_version_unique_number"
            )
        ]

    def __str__(self):
        return _("%(programme)s, version %(number)s") % {
            "programme": self.programme.title,
            "number": self.number,
        }

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED


class MaterialModule(TenantModel):
    """One module (mata pelatihan) of a material version, with its JP and method."""

    version = models.ForeignKey(MaterialVersion, on_delete=models.CASCADE, related_name="modules")
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(_("module"), max_length=200)
    jp = models.PositiveSmallIntegerField(_("JP"), validators=[MinValueValidator(1)])
    method = models.CharField(_("method"), max_length=20, choices=LearningMethod.choices)
    description = models.TextField(_("learning objectives and content"), blank=True)

    class Meta:
        verbose_name = _("module")
        verbose_name_plural = _("modules")
        ordering = ["version", "position", "pk"]

    def __str__(self):
        return self.title


class MaterialFile(TenantModel):
    """A file of a material version: handout, slides, module book."""

    version = models.ForeignKey(MaterialVersion, on_delete=models.CASCADE, related_name="files")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=material_file_path, max_length=300)
    uploaded_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("material file")
        verbose_name_plural = _("material files")
        ordering = ["version", "title", "pk"]

    def __str__(self):
        return self.title

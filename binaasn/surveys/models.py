"""The questionnaire engine: questionnaires with sections and ordered questions, invitations of
ASN (one per invitee and subject), responses with one answer row per question (and per grid
row or chosen option), and an anonymous public link.

Needs analysis, training evaluation and public surveys build on these models through
``binaasn.surveys.services`` (writes) and ``binaasn.surveys.queries`` (reads); they never write
these tables directly.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from binaasn.core.tenancy import TenantModel, TenantQuerySet, tenant_manager

# Results of an anonymous questionnaire are shown only from this many responses on.
ANONYMITY_THRESHOLD = 5

# Levels of a competency-rating grid (PermenPANRB 38/2017: each competency has levels 1–5).
GRID_LEVELS = (1, 2, 3, 4, 5)


def new_link_code():
    """An unguessable code for a public link (about 128 bits)."""
    return secrets.token_urlsafe(16)


class QuestionnaireQuerySet(TenantQuerySet):
    def templates(self):
        return self.filter(is_template=True)

    def not_templates(self):
        return self.filter(is_template=False)


class Questionnaire(TenantModel):
    """A questionnaire: draft while it is built, open while it takes responses, then closed."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    class Purpose(models.TextChoices):
        GENERAL = "general", _("General")
        NEEDS_ANALYSIS = "needs_analysis", _("Needs analysis (AKPK)")
        REACTION = "reaction", _("Training reaction (Kirkpatrick L1)")
        BEHAVIOUR = "behaviour", _("Post-training behaviour (Kirkpatrick L3)")
        PUBLIC = "public", _("Public survey")

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    purpose = models.CharField(
        _("purpose"), max_length=20, choices=Purpose.choices, default=Purpose.GENERAL
    )
    is_template = models.BooleanField(
        _("template"),
        default=False,
        help_text=_("A template is not answered: copy it to make a questionnaire."),
    )
    is_anonymous = models.BooleanField(
        _("anonymous responses"),
        default=False,
        help_text=_(
            "Results and exports never show who answered, and results appear only from "
            "5 responses on."
        ),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    opens_on = models.DateField(_("open date"), null=True, blank=True)
    closes_on = models.DateField(
        _("close date"),
        null=True,
        blank=True,
        help_text=_("Responses are accepted and can be changed until the end of this day."),
    )
    owner_unit = models.ForeignKey(
        "people.OrgUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner unit"),
        help_text=_("Operators of this unit and of the units above it manage the questionnaire."),
    )
    source = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="copies",
        verbose_name=_("copied from"),
    )
    link_code = models.CharField(max_length=40, unique=True, null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = tenant_manager(QuestionnaireQuerySet)

    class Meta:
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["agency", "status"], name="questionnaire_agency_status"),
        ]

    def __str__(self):
        return self.title

    @property
    def is_draft(self):
        return self.status == self.Status.DRAFT

    @property
    def is_open(self):
        return self.status == self.Status.OPEN

    @property
    def is_closed(self):
        return self.status == self.Status.CLOSED

    @property
    def has_link(self):
        return bool(self.link_code)

    def accepts_responses(self, today=None):
        """Open, and today lies between the open date and the close date (both included)."""
        today = today or timezone.localdate()
        if self.status != self.Status.OPEN:
            return False
        if self.opens_on and today < self.opens_on:
            return False
        if self.closes_on and today > self.closes_on:
            return False
        return True


class Section(TenantModel):
    """A titled group of questions; a section with an empty title shows no heading."""

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="sections"
    )
    title = models.CharField(_("section title"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title or _("Section %(n)s") % {"n": self.position + 1}


class Question(TenantModel):
    """One question. ``choices`` holds the options of choice questions, ``items`` the rows of a
    competency-rating grid as ``[{"id": ..., "name": ...}]`` (e.g. competencies by id), and
    ``scale_labels`` the labels of the Likert points or grid levels, lowest first."""

    class Kind(models.TextChoices):
        LIKERT = "likert", _("Likert scale")
        SINGLE = "single", _("Single choice")
        MULTIPLE = "multiple", _("Multiple choice")
        NUMBER = "number", _("Number")
        SHORT_TEXT = "short_text", _("Short text")
        LONG_TEXT = "long_text", _("Long text")
        RATING_GRID = "rating_grid", _("Competency-rating grid")

    CHOICE_KINDS = (Kind.SINGLE, Kind.MULTIPLE)
    TEXT_KINDS = (Kind.SHORT_TEXT, Kind.LONG_TEXT)

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="questions"
    )
    section = models.ForeignKey(
        Section, on_delete=models.CASCADE, related_name="questions", verbose_name=_("section")
    )
    position = models.PositiveIntegerField(default=0)
    kind = models.CharField(_("question type"), max_length=20, choices=Kind.choices)
    text = models.CharField(_("question"), max_length=500)
    help_text = models.CharField(_("help text"), max_length=500, blank=True)
    code = models.SlugField(
        _("code"),
        max_length=50,
        blank=True,
        help_text=_("Optional short name other modules and exports use, e.g. relevance."),
    )
    is_required = models.BooleanField(_("required"), default=True)
    scale_max = models.PositiveSmallIntegerField(
        _("scale"), default=5, help_text=_("Likert points: 1–4 or 1–5.")
    )
    scale_labels = models.JSONField(_("scale labels"), default=list, blank=True)
    choices = models.JSONField(_("options"), default=list, blank=True)
    items = models.JSONField(_("grid rows"), default=list, blank=True)
    min_value = models.DecimalField(
        _("minimum"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    max_value = models.DecimalField(
        _("maximum"), max_digits=14, decimal_places=4, null=True, blank=True
    )

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["section__position", "section_id", "position", "pk"]

    def __str__(self):
        return self.text

    @property
    def scale(self):
        """The answer points of a Likert question or a grid, lowest first."""
        if self.kind == self.Kind.RATING_GRID:
            return GRID_LEVELS
        if self.kind == self.Kind.LIKERT:
            return tuple(range(1, self.scale_max + 1))
        return ()

    def scale_label(self, point):
        labels = self.scale_labels or []
        if 1 <= point <= len(labels) and labels[point - 1]:
            return labels[point - 1]
        return str(point)

    @property
    def scale_points(self):
        """(value, label) pairs for templates."""
        return [(point, self.scale_label(point)) for point in self.scale]

    @property
    def item_names(self):
        return {str(item["id"]): item["name"] for item in self.items or []}

    @property
    def is_numeric(self):
        return self.kind in (self.Kind.LIKERT, self.Kind.NUMBER, self.Kind.RATING_GRID)


class InvitationQuerySet(TenantQuerySet):
    def pending(self):
        return self.filter(responded_at__isnull=True)

    def answered(self):
        return self.filter(responded_at__isnull=False)


class Invitation(TenantModel):
    """An ASN asked to answer a questionnaire, about themselves or about another employee
    (``subject``: the subordinate a supervisor rates). One per invitee and subject."""

    class Relation(models.TextChoices):
        SELF = "self", _("Self")
        SUPERVISOR = "supervisor", _("Supervisor")

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="invitations"
    )
    employee = models.ForeignKey(
        "people.Employee",
        on_delete=models.CASCADE,
        related_name="questionnaire_invitations",
        verbose_name=_("invitee"),
    )
    subject = models.ForeignKey(
        "people.Employee",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("about"),
    )
    relation = models.CharField(
        _("relation"), max_length=12, choices=Relation.choices, default=Relation.SELF
    )
    unit = models.ForeignKey(
        "people.OrgUnit",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unit"),
        help_text=_("The invitee's unit when invited, for response rates per unit."),
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    invited_at = models.DateTimeField(default=timezone.now)
    emailed_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    reminder_count = models.PositiveSmallIntegerField(default=0)
    responded_at = models.DateTimeField(null=True, blank=True)

    objects = tenant_manager(InvitationQuerySet)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["questionnaire", "employee__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "employee", "subject"], name="invitation_unique_invitee"
            )
        ]
        indexes = [
            models.Index(fields=["questionnaire", "unit"], name="invitation_q_unit"),
        ]

    def __str__(self):
        return f"{self.questionnaire} · {self.employee}"

    @property
    def is_about_someone_else(self):
        return self.subject_id != self.employee_id


class Response(TenantModel):
    """One filled-in questionnaire. ``respondent`` stays empty when the questionnaire is
    anonymous or the response came through the public link."""

    class Channel(models.TextChoices):
        INVITATION = "invitation", _("Invitation")
        LINK = "link", _("Public link")

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="responses"
    )
    invitation = models.OneToOneField(
        Invitation, on_delete=models.CASCADE, null=True, blank=True, related_name="response"
    )
    channel = models.CharField(max_length=12, choices=Channel.choices)
    respondent = models.ForeignKey(
        "people.Employee", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    subject = models.ForeignKey(
        "people.Employee", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    relation = models.CharField(max_length=12, choices=Invitation.Relation.choices, blank=True)
    submitted_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        ordering = ["submitted_at", "pk"]
        indexes = [
            models.Index(fields=["questionnaire", "submitted_at"], name="response_q_time"),
        ]

    def __str__(self):
        return f"{self.questionnaire} #{self.pk}"


class Answer(TenantModel):
    """The answer to one question: ``number`` for Likert, number and grid levels; ``text`` for
    texts and the chosen option's label. A grid row or a chosen option of a multiple-choice
    question is one row each, keyed by ``item`` (grid row id or option position)."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    item = models.CharField(max_length=64, blank=True, default="")
    number = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question", "item"], name="answer_unique_item"
            )
        ]
        indexes = [
            models.Index(fields=["question", "item", "number"], name="answer_q_item_number"),
        ]

    def __str__(self):
        return f"{self.question_id}:{self.item}"

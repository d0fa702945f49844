import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from binaasn.core.tenancy import TenantModel, TenantQuerySet, tenant_manager
from binaasn.planning import paths as planning_paths

from .. import paths
from .common import percent_validators, score_validators


class OfferingQuerySet(TenantQuerySet):
    def visible_to(self, membership):
        """Admins and leaders see every offering; operators those of their unit subtree and the
        agency-wide ones (no organising unit); trainers those they teach."""
        if membership is None:
            return self.none()
        if membership.role in ("admin", "leader"):
            return self
        if membership.role == "operator":
            if membership.unit_id is None:
                return self.filter(unit__isnull=True)
            return self.filter(
                models.Q(unit__isnull=True) | models.Q(unit__path__startswith=membership.unit.path)
            )
        if membership.role == "trainer":
            return self.filter(
                models.Q(trainers=membership.user) | models.Q(sessions__trainer=membership.user)
            ).distinct()
        return self.none()

    def open_for_registration(self, today=None):
        today = today or timezone.localdate()
        return (
            self.filter(status=Offering.Status.OPEN, allows_self_registration=True)
            .filter(
                models.Q(registration_opens_on__isnull=True)
                | models.Q(registration_opens_on__lte=today)
            )
            .filter(
                models.Q(registration_closes_on__isnull=True)
                | models.Q(registration_closes_on__gte=today)
            )
        )


class Offering(TenantModel):
    """One batch (angkatan) of a programme, or an ad-hoc event without a programme."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open")
        FINISHED = "finished", _("Finished")
        CANCELLED = "cancelled", _("Cancelled")

    programme = models.ForeignKey(
        "planning.Programme",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="offerings",
        verbose_name=_("programme"),
        help_text=_("Empty for an ad-hoc event outside the plan."),
    )
    material_version = models.ForeignKey(
        "planning.MaterialVersion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="offerings",
        verbose_name=_("material version"),
        help_text=_("The version of the programme's curriculum and material this offering uses."),
    )
    title = models.CharField(_("title"), max_length=200)
    path_code = models.CharField(_("path code"), max_length=5, choices=paths.PATH_CHOICES)
    form = models.CharField(
        _("development form"), max_length=30, choices=planning_paths.FORM_CHOICES, blank=True
    )
    unit = models.ForeignKey(
        "people.OrgUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organising unit"),
        help_text=_("Empty: an agency-wide offering run by the BKPSDM."),
    )
    organiser = models.CharField(
        _("organiser"),
        max_length=200,
        blank=True,
        help_text=_("Printed on certificates and exported to SIASN; empty: the agency's name."),
    )
    starts_on = models.DateField(_("start date"))
    ends_on = models.DateField(_("end date"))
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    quota = models.PositiveIntegerField(_("quota"))
    registration_opens_on = models.DateField(_("registration opens"), null=True, blank=True)
    registration_closes_on = models.DateField(_("registration closes"), null=True, blank=True)
    allows_self_registration = models.BooleanField(_("ASN may register themselves"), default=True)
    jp = models.PositiveSmallIntegerField(
        _("JP per participant"),
        null=True,
        blank=True,
        help_text=_(
            "Printed on the certificate. Empty: JP follow the conversion rule from the sessions "
            "attended."
        ),
    )
    min_attendance_percent = models.PositiveSmallIntegerField(
        _("minimum attendance (%)"), default=80, validators=percent_validators
    )
    min_post_test = models.DecimalField(
        _("minimum post-test score"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=score_validators,
        help_text=_("Empty: no post-test required."),
    )
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="+",
        verbose_name=_("trainers"),
    )
    speakers = models.ManyToManyField(
        "planning.Speaker", blank=True, related_name="offerings", verbose_name=_("speakers")
    )
    signatory_name = models.CharField(_("signatory name"), max_length=200, blank=True)
    signatory_position = models.CharField(_("signatory position"), max_length=200, blank=True)
    signatory_nip = models.CharField(_("signatory NIP"), max_length=18, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = tenant_manager(OfferingQuerySet)

    class Meta:
        verbose_name = _("offering")
        verbose_name_plural = _("offerings")
        ordering = ["-starts_on", "title"]
        indexes = [
            models.Index(fields=["agency", "status", "starts_on"], name="offering_agency_status")
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="offering_dates_in_order",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def organiser_name(self):
        return self.organiser or self.agency.name

    @property
    def path_label(self):
        return paths.label(self.path_code)

    @property
    def track_label(self):
        return dict(paths.FORM_CHOICES).get(paths.form_of(self.path_code), "")

    @property
    def is_finished(self):
        return self.status == self.Status.FINISHED

    @property
    def is_cancelled(self):
        return self.status == self.Status.CANCELLED


class Session(TenantModel):
    """One meeting of an offering: a date and time window, a topic, a trainer and a place."""

    offering = models.ForeignKey(Offering, on_delete=models.CASCADE, related_name="sessions")
    held_on = models.DateField(_("date"))
    starts_at = models.TimeField(_("start time"))
    ends_at = models.TimeField(_("end time"))
    topic = models.CharField(_("topic"), max_length=200)
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("trainer"),
    )
    speaker = models.ForeignKey(
        "planning.Speaker",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("speaker"),
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["held_on", "starts_at"]
        indexes = [models.Index(fields=["agency", "held_on"], name="session_agency_date")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="session_times_in_order"
            ),
        ]

    def __str__(self):
        return f"{self.topic} · {self.held_on:%d-%m-%Y}"

    def window(self):
        """The aware start and end datetimes of the session in the agency's time zone."""
        tz = timezone.get_current_timezone()
        start = timezone.make_aware(datetime.datetime.combine(self.held_on, self.starts_at), tz)
        end = timezone.make_aware(datetime.datetime.combine(self.held_on, self.ends_at), tz)
        return start, end

    @property
    def minutes(self):
        start, end = self.window()
        return int((end - start).total_seconds() // 60)


class EnrolmentQuerySet(TenantQuerySet):
    def active(self):
        return self.filter(status=Enrolment.Status.ENROLLED)

    def holding_a_place(self):
        return self.filter(status__in=[Enrolment.Status.ENROLLED])


class Enrolment(TenantModel):
    """An ASN's place in an offering: pending the supervisor's approval, enrolled, waitlisted,
    rejected or cancelled; with test scores and the completion result."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting supervisor approval")
        ENROLLED = "enrolled", _("Enrolled")
        WAITLISTED = "waitlisted", _("Waitlisted")
        REJECTED = "rejected", _("Rejected")
        CANCELLED = "cancelled", _("Cancelled")

    class Source(models.TextChoices):
        OPERATOR = "operator", _("Nominated by an operator")
        SUPERVISOR = "supervisor", _("Nominated by the supervisor")
        SELF = "self", _("Self-registration")

    class Result(models.TextChoices):
        UNDECIDED = "", _("Not evaluated yet")
        COMPLETED = "completed", _("Completed")
        NOT_COMPLETED = "not_completed", _("Not completed")

    offering = models.ForeignKey(Offering, on_delete=models.CASCADE, related_name="enrolments")
    employee = models.ForeignKey(
        "people.Employee",
        on_delete=models.PROTECT,
        related_name="enrolments",
        verbose_name=_("employee"),
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    source = models.CharField(_("source"), max_length=12, choices=Source.choices)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    waitlisted_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    warnings = models.JSONField(default=list, blank=True)
    pre_test = models.DecimalField(
        _("pre-test"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=score_validators,
    )
    post_test = models.DecimalField(
        _("post-test"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=score_validators,
    )
    attendance_percent = models.DecimalField(
        _("attendance (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    result = models.CharField(
        _("result"), max_length=15, choices=Result.choices, default="", blank=True
    )
    evaluated_at = models.DateTimeField(null=True, blank=True)

    objects = tenant_manager(EnrolmentQuerySet)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["offering", "employee__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["offering", "employee"], name="enrolment_once_per_offering"
            ),
        ]
        indexes = [
            models.Index(fields=["agency", "employee", "status"], name="enrolment_agency_employee"),
            models.Index(fields=["offering", "status", "waitlisted_at"], name="enrolment_waitlist"),
        ]

    def __str__(self):
        return f"{self.employee} · {self.offering}"

    @property
    def is_enrolled(self):
        return self.status == self.Status.ENROLLED

    @property
    def is_completed(self):
        return self.result == self.Result.COMPLETED


class Attendance(TenantModel):
    """Presence of one enrolled participant in one session."""

    class Method(models.TextChoices):
        LIST = "list", _("Ticked by the trainer")
        QR = "qr", _("QR check-in")

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendances")
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attendances")
    is_present = models.BooleanField(_("present"), default=True)
    method = models.CharField(_("method"), max_length=5, choices=Method.choices)
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "enrolment"], name="attendance_once_per_session"
            ),
        ]

    def __str__(self):
        return f"{self.enrolment.employee} · {self.session}"


class Assignment(TenantModel):
    offering = models.ForeignKey(Offering, on_delete=models.CASCADE, related_name="assignments")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    due_on = models.DateField(_("due date"), null=True, blank=True)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["due_on", "pk"]

    def __str__(self):
        return self.title


class AssignmentGrade(TenantModel):
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="grades")
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="grades")
    score = models.DecimalField(
        _("score"), max_digits=5, decimal_places=2, validators=score_validators
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    graded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    graded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("assignment grade")
        verbose_name_plural = _("assignment grades")
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "enrolment"], name="grade_once_per_assignment"
            ),
        ]

    def __str__(self):
        return f"{self.assignment} · {self.enrolment.employee}: {self.score}"

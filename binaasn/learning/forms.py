"""Forms of training delivery. They parse input; rules live in services, whose messages are put
on the field they concern."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from binaasn.competencies.models import Competency
from binaasn.core.models import Membership
from binaasn.core.uploads import validate_document
from binaasn.people.models import Employee, OrgUnit
from binaasn.planning.models import MaterialVersion, Partner, Programme, Speaker

from .models import (
    CommunityActivity,
    CostRealization,
    ExternalLearning,
    Internship,
    LearningSettings,
    Offering,
    PathRule,
    ProjectGroup,
    Session,
)
from .services.community import check_image

DATE_FORMATS = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"]


def check_order(form, data, first, second, message, strict=False):
    """Name the field when a period ends before it starts (the database refuses it too)."""
    start, end = data.get(first), data.get(second)
    if start is not None and end is not None and (end <= start if strict else end < start):
        form.add_error(second, message)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%H:%M")


def attach_errors(form, error):
    """A service's ValidationError onto the form: per field when the form has it, else on top."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, messages in error.message_dict.items():
        for message in messages:
            form.add_error(field if field in form.fields else None, message)


def agency_units(agency, membership=None):
    units = OrgUnit.objects.for_agency(agency).filter(is_active=True)
    if membership is not None and membership.role == "operator" and membership.unit_id:
        units = units.subtree(membership.unit)
    return units


def agency_users(agency, roles=None):
    from django.contrib.auth import get_user_model

    memberships = Membership.objects.filter(agency=agency, is_active=True)
    if roles:
        memberships = memberships.filter(role__in=roles)
    return (
        get_user_model()
        .objects.filter(pk__in=memberships.values("user_id"))
        .order_by("full_name", "username")
    )


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.display_name


class UserMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.display_name


class ProgrammeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.plan.year} · {obj.title}"


class MaterialVersionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        label = _("Version %(number)d") % {"number": obj.number}
        if obj.published_at:
            label = f"{label} · {timezone.localtime(obj.published_at):%d-%m-%Y}"
        return label


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.indented_name


def find_employees(agency, membership, text, field_label):
    """Employees named by NIPs (one per line, or separated by commas/spaces), limited to what the
    member may see. Raises ValidationError naming the NIPs not found."""
    nips = [n.strip() for n in text.replace(",", " ").split() if n.strip()]
    if not nips:
        return []
    visible = Employee.objects.for_agency(agency)
    if membership is not None and membership.role == "operator":
        visible = visible.visible_to(membership)
    found = {e.nip: e for e in visible.filter(nip__in=nips).select_related("user", "unit")}
    missing = [n for n in nips if n not in found]
    if missing:
        raise ValidationError(
            _("%(field)s: no employee you can manage has the NIP %(nips)s.")
            % {"field": field_label, "nips": ", ".join(missing[:10])}
        )
    seen, result = set(), []
    for nip in nips:
        if nip not in seen:
            seen.add(nip)
            result.append(found[nip])
    return result


class EmployeeNipField(forms.CharField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 30)
        super().__init__(*args, **kwargs)


class OfferingForm(forms.ModelForm):
    unit = UnitChoiceField(
        label=_("Organising unit"),
        queryset=None,
        required=False,
        help_text=_("Empty: an agency-wide offering run by the BKPSDM."),
    )
    online_url = forms.URLField(label=_("Online link"), required=False, assume_scheme="https")
    programme = ProgrammeChoiceField(
        label=_("Programme of the plan"),
        queryset=None,
        required=False,
        help_text=_("Empty for an ad-hoc event. Empty fields below are filled from the programme."),
    )
    material_version = MaterialVersionChoiceField(
        label=_("Material version"),
        queryset=None,
        required=False,
        help_text=_("Published versions of the programme. Empty: its latest published version."),
    )
    speakers = forms.ModelMultipleChoiceField(label=_("Speakers"), queryset=None, required=False)

    class Meta:
        model = Offering
        fields = [
            "programme",
            "material_version",
            "title",
            "path_code",
            "form",
            "unit",
            "organiser",
            "starts_on",
            "ends_on",
            "venue",
            "online_url",
            "quota",
            "registration_opens_on",
            "registration_closes_on",
            "allows_self_registration",
            "jp",
            "min_attendance_percent",
            "min_post_test",
            "trainers",
            "speakers",
            "signatory_name",
            "signatory_position",
            "signatory_nip",
        ]
        widgets = {
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "registration_opens_on": DateInput(),
            "registration_closes_on": DateInput(),
        }
        field_classes = {"trainers": UserMultipleChoiceField}

    def __init__(self, *args, agency, membership, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("starts_on", "ends_on", "registration_opens_on", "registration_closes_on"):
            self.fields[name].input_formats = DATE_FORMATS
        self.fields["unit"].queryset = agency_units(agency, membership)
        if membership.role == "operator":
            self.fields["unit"].required = True
            self.fields["unit"].help_text = _("Your unit or a unit below it.")
        self.fields["trainers"].queryset = agency_users(agency, roles=["trainer"])
        self.fields["trainers"].required = False
        self.fields["trainers"].help_text = _(
            "Trainers run attendance and enter scores for this offering."
        )
        self.fields["path_code"].help_text = _("KLxx: classical training; NKLxx: non-classical.")
        self.fields["form"].help_text = _("Empty: the usual form of the path code.")
        self.fields["programme"].queryset = (
            Programme.objects.for_agency(agency)
            .select_related("plan")
            .order_by("-plan__year", "title")
        )
        self.fields["material_version"].queryset = self._material_versions(agency)
        self.fields["speakers"].queryset = Speaker.objects.for_agency(agency).filter(is_active=True)
        # Title and path code may come from the programme (checked in clean()).
        self.fields["title"].required = False
        self.fields["path_code"].required = False

    def _material_versions(self, agency):
        """Published versions of the programme being chosen (the submitted one, else the
        offering's or the one the page was opened with)."""
        if self.is_bound:
            programme_id = self.data.get(self.add_prefix("programme"), "")
        else:
            programme_id = self.instance.programme_id or self.initial.get("programme") or ""
        if not str(programme_id).isdigit():
            return MaterialVersion.objects.none()
        return MaterialVersion.objects.for_agency(agency).filter(
            programme_id=int(programme_id), status=MaterialVersion.Status.PUBLISHED
        )

    def clean(self):
        data = super().clean()
        programme = data.get("programme")
        if not data.get("title") and not programme:
            self.add_error("title", _("Enter a title, or choose the programme it comes from."))
        if not data.get("path_code") and not (programme and programme.path_code):
            self.add_error("path_code", _("Choose a path code, or a programme that has one."))
        check_order(self, data, "starts_on", "ends_on", _("The end date is before the start date."))
        return data


class SessionForm(forms.ModelForm):
    speaker = forms.ModelChoiceField(label=_("Speaker"), queryset=None, required=False)

    class Meta:
        model = Session
        fields = ["held_on", "starts_at", "ends_at", "topic", "trainer", "speaker", "place"]
        widgets = {"held_on": DateInput(), "starts_at": TimeInput(), "ends_at": TimeInput()}
        field_classes = {"trainer": UserChoiceField}

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["held_on"].input_formats = DATE_FORMATS
        self.fields["trainer"].queryset = agency_users(agency, roles=["trainer"])
        self.fields["trainer"].required = False
        self.fields["speaker"].queryset = Speaker.objects.for_agency(agency).filter(is_active=True)

    def clean(self):
        data = super().clean()
        check_order(
            self,
            data,
            "starts_at",
            "ends_at",
            _("The end time must be after the start time."),
            strict=True,
        )
        return data


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=300, widget=forms.Textarea(attrs={"rows": 2})
    )


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note"), max_length=300, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class EmployeeSearchForm(forms.Form):
    q = forms.CharField(label=_("Name or NIP"), max_length=100, required=False)


class ScoreImportForm(forms.Form):
    file = forms.FileField(label=_("Spreadsheet (XLSX or CSV)"))


class AssignmentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    due_on = forms.DateField(
        label=_("Due date"), required=False, widget=DateInput(), input_formats=DATE_FORMATS
    )


class ExternalLearningForm(forms.ModelForm):
    class Meta:
        model = ExternalLearning
        fields = [
            "title",
            "organiser",
            "path_code",
            "starts_on",
            "ends_on",
            "certificate_jp",
            "minutes",
            "sessions",
            "certificate_number",
            "evidence",
        ]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("starts_on", "ends_on"):
            self.fields[name].input_formats = DATE_FORMATS

    def clean_evidence(self):
        upload = self.cleaned_data["evidence"]
        validate_document(upload)
        return upload

    def clean(self):
        data = super().clean()
        if data.get("ends_on") and data.get("starts_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("The end date is before the start date."))
        if data.get("ends_on") and data["ends_on"] > timezone.localdate():
            self.add_error("ends_on", _("Report learning once it is finished."))
        if not data.get("certificate_jp") and not data.get("minutes") and not data.get("sessions"):
            self.add_error(
                "certificate_jp",
                _("State the JP printed on the certificate, or the minutes of learning."),
            )
        return data


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for revocation"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )


class SettingsForm(forms.ModelForm):
    class Meta:
        model = LearningSettings
        fields = [
            "signatory_name",
            "signatory_position",
            "signatory_nip",
            "certificate_prefix",
            "project_path_code",
        ]


class PathRuleForm(forms.ModelForm):
    class Meta:
        model = PathRule
        fields = ["path_code", "unit", "jp_per_unit"]

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.agency = agency

    def clean_jp_per_unit(self):
        value = self.cleaned_data["jp_per_unit"]
        if value < 1:
            raise ValidationError(_("At least 1 JP per unit."))
        return value

    def clean_path_code(self):
        code = self.cleaned_data["path_code"]
        others = PathRule.objects.for_agency(self.agency).filter(path_code=code)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise ValidationError(
                _("There is already a rule for %(code)s; change that one.") % {"code": code}
            )
        return code


class ComplianceFilterForm(forms.Form):
    unit = UnitChoiceField(
        label=_("Unit"), queryset=None, required=False, empty_label=_("All units I may see")
    )
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, required=False)

    def __init__(self, *args, agency, membership, **kwargs):
        super().__init__(*args, **kwargs)
        units = agency_units(agency, membership)
        field = self.fields["unit"]
        field.queryset = units  # any unit of the subtree may be asked for (?unit=...)
        # The list offers the unit and the offices right below it: a province has thousands of
        # schools, puskesmas and kelurahan (they remain reachable with ?unit=<id>).
        top = membership.unit.depth if membership.role == "operator" and membership.unit_id else 0
        shallow = list(
            units.filter(depth__lte=top + 1)
            .exclude(kind__in=["sekolah", "puskesmas", "kelurahan"], depth__gt=top)
            .only("pk", "name", "depth")
        )
        chosen = str(self.data.get("unit") or "")
        if chosen.isdigit() and all(str(u.pk) != chosen for u in shallow):
            shallow += list(units.filter(pk=int(chosen)).only("pk", "name", "depth"))
        field.widget.choices = [("", field.empty_label)] + [
            (u.pk, u.indented_name) for u in shallow
        ]
        field.widget.attrs["class"] = "form-select"


class MentorshipForm(forms.Form):
    mentor_nip = EmployeeNipField(label=_("Mentor's NIP"))
    mentee_nip = EmployeeNipField(label=_("Mentee's NIP"))
    starts_on = forms.DateField(
        label=_("Start date"), widget=DateInput(), input_formats=DATE_FORMATS
    )
    ends_on = forms.DateField(
        label=_("Planned end date"), required=False, widget=DateInput(), input_formats=DATE_FORMATS
    )
    purpose = forms.CharField(
        label=_("Purpose"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, agency, membership, **kwargs):
        super().__init__(*args, **kwargs)
        self.agency, self.membership = agency, membership

    def _one(self, field, label):
        try:
            found = find_employees(
                self.agency, self.membership, self.cleaned_data.get(field, ""), label
            )
        except ValidationError as error:
            self.add_error(field, error)
            return None
        if len(found) != 1:
            self.add_error(field, _("Enter exactly one NIP."))
            return None
        return found[0]

    def clean(self):
        data = super().clean()
        data["mentor"] = self._one("mentor_nip", _("Mentor's NIP"))
        data["mentee"] = self._one("mentee_nip", _("Mentee's NIP"))
        return data


class GoalForm(forms.Form):
    competency = forms.ModelChoiceField(label=_("Competency"), queryset=None, required=False)
    competency_name = forms.CharField(
        label=_("Competency (free text)"), max_length=200, required=False
    )
    description = forms.CharField(label=_("Goal"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["competency"].queryset = Competency.objects.for_agency(agency).active()


class MeetingForm(forms.Form):
    held_on = forms.DateField(label=_("Date"), widget=DateInput(), input_formats=DATE_FORMATS)
    duration_minutes = forms.IntegerField(
        label=_("Duration (minutes)"), min_value=1, max_value=1440
    )
    topic = forms.CharField(label=_("Topic"), max_length=200)
    agreed_actions = forms.CharField(
        label=_("Agreed actions"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class FeedbackForm(forms.Form):
    text = forms.CharField(label=_("Feedback"), widget=forms.Textarea(attrs={"rows": 3}))


class ProjectGroupForm(forms.ModelForm):
    unit = UnitChoiceField(label=_("Unit"), queryset=None, required=False)
    member_nips = forms.CharField(
        label=_("Members' NIPs"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One NIP per line (or separated by commas)."),
    )

    class Meta:
        model = ProjectGroup
        fields = [
            "title",
            "brief",
            "unit",
            "coach",
            "path_code",
            "starts_on",
            "ends_on",
            "learning_hours",
            "pass_score",
        ]
        widgets = {
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "brief": forms.Textarea(attrs={"rows": 4}),
        }
        field_classes = {"coach": UserChoiceField}

    def __init__(self, *args, agency, membership, **kwargs):
        super().__init__(*args, **kwargs)
        self.agency, self.membership = agency, membership
        for name in ("starts_on", "ends_on"):
            self.fields[name].input_formats = DATE_FORMATS
        self.fields["unit"].queryset = agency_units(agency, membership)
        self.fields["unit"].required = membership.role == "operator"
        self.fields["coach"].queryset = agency_users(agency)
        self.fields["path_code"].required = False
        self.fields["path_code"].help_text = _(
            "Empty: the agency's choice in the learning settings."
        )

    def clean(self):
        data = super().clean()
        check_order(self, data, "starts_on", "ends_on", _("The end date is before the start date."))
        return data

    def clean_member_nips(self):
        return find_employees(
            self.agency, self.membership, self.cleaned_data["member_nips"], _("Members' NIPs")
        )


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("Milestone"), max_length=200)
    due_on = forms.DateField(label=_("Due date"), widget=DateInput(), input_formats=DATE_FORMATS)


class DeliverableForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    milestone = forms.ModelChoiceField(label=_("Milestone"), queryset=None, required=False)
    file = forms.FileField(label=_("File (PDF, image or office document)"))

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["milestone"].queryset = group.milestones.all()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        validate_document(upload)
        return upload


class CriterionForm(forms.Form):
    name = forms.CharField(label=_("Criterion"), max_length=200)
    weight = forms.IntegerField(label=_("Weight"), min_value=1, max_value=100, initial=1)


class InternshipForm(forms.ModelForm):
    partner = forms.ModelChoiceField(label=_("Partner institution"), queryset=None, required=False)
    employee_nip = EmployeeNipField(label=_("Intern's NIP"))
    internal_supervisor_nip = EmployeeNipField(
        label=_("Agency supervisor's NIP"),
        required=False,
        help_text=_("Empty: the intern's supervisor on record."),
    )

    class Meta:
        model = Internship
        fields = [
            "partner",
            "partner_name",
            "starts_on",
            "ends_on",
            "goals",
            "partner_supervisor_name",
            "partner_supervisor_position",
            "partner_supervisor_email",
            "pass_score",
        ]
        widgets = {
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "goals": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, agency, membership, **kwargs):
        super().__init__(*args, **kwargs)
        self.agency, self.membership = agency, membership
        for name in ("starts_on", "ends_on"):
            self.fields[name].input_formats = DATE_FORMATS
        self.fields["partner"].queryset = Partner.objects.for_agency(agency).filter(is_active=True)

    def clean(self):
        data = super().clean()
        if not data.get("partner") and not data.get("partner_name"):
            self.add_error("partner", _("Choose the partner institution, or type its name."))
        check_order(self, data, "starts_on", "ends_on", _("The end date is before the start date."))
        return data

    def clean_employee_nip(self):
        found = find_employees(
            self.agency, self.membership, self.cleaned_data["employee_nip"], _("Intern's NIP")
        )
        if len(found) != 1:
            raise ValidationError(_("Enter exactly one NIP."))
        return found[0]

    def clean_internal_supervisor_nip(self):
        text = self.cleaned_data["internal_supervisor_nip"]
        if not text:
            return None
        found = find_employees(self.agency, None, text, _("Agency supervisor's NIP"))
        if len(found) != 1:
            raise ValidationError(_("Enter exactly one NIP."))
        return found[0]


class LogbookForm(forms.Form):
    entry_on = forms.DateField(
        label=_("Date (week of)"), widget=DateInput(), input_formats=DATE_FORMATS
    )
    hours = forms.DecimalField(
        label=_("Hours of learning this week"), max_digits=5, decimal_places=1, min_value=0
    )
    activities = forms.CharField(label=_("Activities"), widget=forms.Textarea(attrs={"rows": 3}))
    learnings = forms.CharField(
        label=_("What I learned"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class DocumentForm(forms.Form):
    file = forms.FileField(label=_("File (PDF, image or office document)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        validate_document(upload)
        return upload


class EvaluationForm(forms.Form):
    side = forms.ChoiceField(
        label=_("Evaluation by"),
        choices=[
            ("partner", _("the partner supervisor")),
            ("internal", _("the agency supervisor")),
        ],
    )
    score = forms.DecimalField(
        label=_("Score (0–100)"), max_digits=5, decimal_places=2, min_value=0, max_value=100
    )
    text = forms.CharField(label=_("Evaluation"), widget=forms.Textarea(attrs={"rows": 3}))


class CommunityActivityForm(forms.ModelForm):
    organiser_unit = UnitChoiceField(label=_("Organising unit"), queryset=None)
    participant_nips = forms.CharField(
        label=_("Participating ASN (NIPs)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One NIP per line (or separated by commas)."),
    )

    class Meta:
        model = CommunityActivity
        fields = [
            "kind",
            "title",
            "held_on",
            "place",
            "organiser_unit",
            "community_reached",
            "people_reached",
            "hours",
            "counts_as_development",
            "path_code",
            "description",
        ]
        widgets = {"held_on": DateInput(), "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, agency, membership, **kwargs):
        super().__init__(*args, **kwargs)
        self.agency, self.membership = agency, membership
        self.fields["held_on"].input_formats = DATE_FORMATS
        self.fields["organiser_unit"].queryset = agency_units(agency, membership)
        if self.instance.pk and not self.is_bound:
            self.initial["participant_nips"] = "\n".join(
                self.instance.participants.values_list("nip", flat=True)
            )

    def clean_participant_nips(self):
        found = find_employees(
            self.agency,
            self.membership,
            self.cleaned_data["participant_nips"],
            _("Participating ASN (NIPs)"),
        )
        if not found:
            raise ValidationError(_("Name at least one participant."))
        return found


class PhotoForm(forms.Form):
    image = forms.FileField(label=_("Photo (PNG or JPEG)"))
    caption = forms.CharField(label=_("Caption"), max_length=200, required=False)

    def clean_image(self):
        return check_image(self.cleaned_data["image"])


class CostForm(forms.ModelForm):
    class Meta:
        model = CostRealization
        fields = ["category", "amount", "spent_on", "description"]
        widgets = {"spent_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["spent_on"].input_formats = DATE_FORMATS

"""Forms of the staff pages (rendered with the shared crispy layout)."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from binaasn.people.models import Employee, OrgUnit

from .. import ikm, periods
from ..models import CitizenSettings, Complaint, Education, HistoricalIkm, Occupation, ServiceUnit
from ..models.skm import Gender


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def org_units_for(agency, membership):
    units = OrgUnit.objects.for_agency(agency).filter(is_active=True)
    if membership is not None and membership.role == "operator":
        units = units.subtree(membership.unit)
    return units


class ServiceUnitForm(forms.ModelForm):
    org_unit = forms.ModelChoiceField(label=_("Org unit"), queryset=None)

    class Meta:
        model = ServiceUnit
        fields = ["name", "org_unit", "public_code", "services", "is_active"]
        widgets = {"services": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, agency, membership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org_unit"].queryset = org_units_for(agency, membership)
        self.fields["org_unit"].label_from_instance = lambda unit: unit.indented_name
        if not self.instance.pk:
            del self.fields["is_active"]

    def clean_public_code(self):
        return self.cleaned_data["public_code"].strip().upper()


class UserCountForm(forms.Form):
    start_on = forms.DateField(label=_("From"), widget=DateInput())
    end_on = forms.DateField(label=_("To"), widget=DateInput())
    count = forms.IntegerField(label=_("Number of service users"), min_value=1)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def clean(self):
        data = super().clean()
        if data.get("start_on") and data.get("end_on") and data["end_on"] < data["start_on"]:
            self.add_error("end_on", _("The end date is before the start date."))
        return data


class PeriodForm(forms.Form):
    """Semester or year from a list, or a custom range; the result is a periods.Period."""

    periode = forms.ChoiceField(label=_("Period"), required=False)
    dari = forms.DateField(label=_("From"), required=False, widget=DateInput())
    sampai = forms.DateField(label=_("To"), required=False, widget=DateInput())

    def __init__(self, *args, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        self.fields["periode"].choices = periods.recent_choices(self.today) + [
            ("custom", _("Custom range"))
        ]

    def clean(self):
        data = super().clean()
        if data.get("periode") == "custom":
            if not data.get("dari") or not data.get("sampai"):
                self.add_error("dari", _("Give both dates of the custom range."))
            elif data["sampai"] < data["dari"]:
                self.add_error("sampai", _("The end date is before the start date."))
        return data

    @property
    def period(self):
        if self.is_bound and self.is_valid():
            data = self.cleaned_data
            if data.get("periode") == "custom":
                return periods.date_range(data["dari"], data["sampai"])
            if data.get("periode"):
                return periods.parse_period(data["periode"])
        return periods.default_period(self.today)


def period_form(request):
    """The period form of a page: bound when the query string names a period."""
    data = request.GET if "periode" in request.GET else None
    form = PeriodForm(data)
    if data is not None:
        form.is_valid()
    return form


class StaffResponseForm(forms.Form):
    """A paper survey typed in by staff: the date on the paper decides the period."""

    unit = forms.ModelChoiceField(label=_("Service unit"), queryset=None)
    answered_on = forms.DateField(label=_("Date on the form"), widget=DateInput())
    age = forms.IntegerField(label=_("Age (years)"), min_value=10, max_value=120, required=False)
    gender = forms.ChoiceField(
        label=_("Gender"), choices=[("", "—")] + Gender.choices, required=False
    )
    education = forms.ChoiceField(
        label=_("Education"), choices=[("", "—")] + Education.choices, required=False
    )
    occupation = forms.ChoiceField(
        label=_("Main occupation"), choices=[("", "—")] + Occupation.choices, required=False
    )
    service = forms.CharField(label=_("Service received"), max_length=200, required=False)
    suggestion = forms.CharField(
        label=_("Suggestion"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        for number, element in enumerate(ikm.ELEMENTS, start=1):
            self.fields[f"u{number}"] = forms.TypedChoiceField(
                label=f"{element.code}. {element.name}",
                choices=[("", "—")]
                + [(str(i), f"{i} · {label}") for i, label in enumerate(element.answers, start=1)],
                coerce=int,
                error_messages={
                    "required": _("Choose an answer for %(code)s.") % {"code": element.code}
                },
            )

    def clean_answered_on(self):
        value = self.cleaned_data["answered_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return value


class ImportForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Service unit"), queryset=None)
    file = forms.FileField(
        label=_("File (XLSX or CSV)"),
        help_text=_(
            "Columns: tanggal, layanan, usia, jenis_kelamin, pendidikan, pekerjaan, U1–U9, saran."
        ),
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class SettingsForm(forms.ModelForm):
    class Meta:
        model = CitizenSettings
        fields = ["ikm_method"]
        widgets = {"ikm_method": forms.RadioSelect}


class HistoricalIkmForm(forms.ModelForm):
    unit = forms.ModelChoiceField(label=_("Service unit"), queryset=None, required=False)

    class Meta:
        model = HistoricalIkm
        fields = [
            "unit",
            "regulation",
            "period_label",
            "start_on",
            "end_on",
            "element_count",
            "converted",
            "mutu",
            "kinerja",
            "respondents",
            "note",
        ]
        widgets = {"start_on": DateInput(), "end_on": DateInput()}

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["mutu"].required = False
        self.fields["mutu"].help_text = _(
            "As printed in the old report; left empty it is read from that regulation's bands."
        )

    def clean_converted(self):
        value = self.cleaned_data["converted"]
        if not 25 <= value <= 100:
            raise forms.ValidationError(_("A converted IKM lies between 25.00 and 100.00."))
        return value

    def clean_mutu(self):
        value = (self.cleaned_data.get("mutu") or "").strip().upper()
        if value and value not in "ABCD":
            raise forms.ValidationError(_("Mutu is A, B, C or D."))
        return value


class ComplaintFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False)
    category = forms.ChoiceField(label=_("Category"), required=False)
    unit = forms.ChoiceField(label=_("Service unit"), required=False)
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)
    q = forms.CharField(label=_("Code or subject"), required=False)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            ("", _("All")),
            ("open", _("Not finished")),
        ] + Complaint.Status.choices
        self.fields["category"].choices = [("", _("All"))] + Complaint.Category.choices
        self.fields["unit"].choices = [("", _("All"))] + [(str(u.pk), u.name) for u in units]
        for name in ("status", "category", "unit"):
            self.fields[name].widget.attrs["class"] = "form-select form-select-sm"
        self.fields["q"].widget.attrs["class"] = "form-control form-control-sm"
        self.fields["overdue"].widget.attrs["class"] = "form-check-input"


class ComplaintActionForm(forms.Form):
    """One form for every step a staff member takes on a complaint; ``do`` names the step."""

    ACTIONS = ("verify", "forward", "respond", "reject", "close", "note", "assign", "lapor")
    do = forms.ChoiceField(choices=[(a, a) for a in ACTIONS], widget=forms.HiddenInput)
    body = forms.CharField(
        label=_("Message"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    unit = forms.ModelChoiceField(label=_("Service unit"), queryset=None, required=False)
    employee = forms.ModelChoiceField(label=_("Employee concerned"), queryset=None, required=False)
    lapor_tracking_id = forms.CharField(
        label=_("LAPOR! tracking id"), max_length=50, required=False
    )

    def __init__(self, *args, agency, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["employee"].queryset = Employee.objects.for_agency(agency).active()
        for name in ("unit", "employee"):
            self.fields[name].widget.attrs["class"] = "form-select form-select-sm"
        self.fields["lapor_tracking_id"].widget.attrs["class"] = "form-control form-control-sm"


class ForumForm(forms.Form):
    theme = forms.CharField(label=_("Theme"), max_length=200)
    held_on = forms.DateField(label=_("Date"), widget=DateInput())
    place = forms.CharField(label=_("Place"), max_length=200)
    unit = forms.ModelChoiceField(label=_("Organising unit"), queryset=None)
    community_groups = forms.CharField(
        label=_("Invited community groups"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One group per line."),
    )
    invited_employees = forms.ModelMultipleChoiceField(
        label=_("Invited ASN"), queryset=None, required=False
    )
    attended_employees = forms.ModelMultipleChoiceField(
        label=_("ASN present"), queryset=None, required=False
    )
    community_attendance = forms.IntegerField(
        label=_("Members of the public present"), min_value=0, initial=0
    )
    minutes = forms.CharField(
        label=_("Minutes"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    minutes_file = forms.FileField(label=_("Signed minutes (PDF or image)"), required=False)
    is_published = forms.BooleanField(
        label=_("Publish a summary"),
        required=False,
        initial=True,
        help_text=_("The public summary shows no names."),
    )

    def __init__(self, *args, agency, membership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = org_units_for(agency, membership)
        self.fields["unit"].label_from_instance = lambda unit: unit.indented_name
        employees = Employee.objects.for_agency(agency).active()
        self.fields["invited_employees"].queryset = employees
        self.fields["attended_employees"].queryset = employees


class ForumIssueForm(forms.Form):
    title = forms.CharField(label=_("Issue raised"), max_length=200)
    description = forms.CharField(
        label=_("Details"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    raised_by = forms.CharField(
        label=_("Raised by (community group)"), max_length=200, required=False
    )
    action_title = forms.CharField(
        label=_("Follow-up action"),
        max_length=200,
        required=False,
        help_text=_("Leave empty to use the issue as the action title."),
    )
    owner_employee = forms.ModelChoiceField(label=_("Owner"), queryset=None)
    due_on = forms.DateField(label=_("Due date"), widget=DateInput())

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_employee"].queryset = Employee.objects.for_agency(agency).active()

    def clean_due_on(self):
        value = self.cleaned_data["due_on"]
        if value < timezone.localdate() - datetime.timedelta(days=365):
            raise forms.ValidationError(_("The due date is more than a year ago."))
        return value

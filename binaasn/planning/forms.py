"""Forms of the planning pages: they parse input; the rules live in services.py."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from binaasn.competencies.models import Competency
from binaasn.people.models import Employee, OrgUnit, Position

from . import budget, paths
from .models import BudgetLine, Campaign, Interview, Need, Partner, Plan, Programme, Speaker


def date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def attach_errors(form, error):
    """Put a service's ValidationError on the form, on the field it names when the form has it."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, messages in error.message_dict.items():
        for message in messages:
            form.add_error(field if field in form.fields else None, message)


class EmployeeByNipField(forms.CharField):
    """One employee of the agency, typed as NIP (long lists of ASN make a poor drop-down)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 18)
        super().__init__(*args, **kwargs)
        self.employees = Employee.objects.none()

    def clean(self, value):
        value = super().clean(value).strip().replace(" ", "")
        if not value:
            return None
        employee = self.employees.filter(nip=value).first()
        if employee is None:
            raise ValidationError(_("No employee you may choose has NIP %(nip)s.") % {"nip": value})
        return employee


class NipListField(forms.CharField):
    """Several employees, one NIP per line (or separated by commas)."""

    widget = forms.Textarea(attrs={"rows": 3})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.employees = Employee.objects.none()

    def clean(self, value):
        value = super().clean(value)
        nips = [part.strip() for part in value.replace(",", "\n").splitlines() if part.strip()]
        found = {e.nip: e for e in self.employees.filter(nip__in=nips)}
        missing = [nip for nip in nips if nip not in found]
        if missing:
            raise ValidationError(
                _("No employee of the agency has NIP %(nips)s.") % {"nips": ", ".join(missing)}
            )
        return [found[nip] for nip in dict.fromkeys(nips)]


class CampaignForm(forms.ModelForm):
    class Meta:
        model = Campaign
        fields = [
            "year",
            "title",
            "description",
            "grouping",
            "weight_gap",
            "weight_breadth",
            "weight_survey",
            "weight_interview",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class WeightsForm(forms.ModelForm):
    class Meta:
        model = Campaign
        fields = ["weight_gap", "weight_breadth", "weight_survey", "weight_interview"]


class PublishQuestionnaireForm(forms.Form):
    units = forms.ModelMultipleChoiceField(
        label=_("Units whose ASN answer"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("All active ASN of these units and the units below them are invited."),
    )
    ask_supervisors = forms.BooleanField(
        label=_("Also ask each ASN's supervisor about them"), required=False, initial=True
    )
    closes_on = forms.DateField(label=_("Close date"), widget=date_input(), required=False)

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = OrgUnit.objects.for_agency(agency).filter(
            is_active=True, depth__lte=1
        )
        self.fields["units"].label_from_instance = lambda unit: unit.indented_name


class InterviewForm(forms.ModelForm):
    employee = EmployeeByNipField(label=_("NIP of the employee interviewed"), required=False)
    competencies = forms.ModelMultipleChoiceField(
        label=_("Competencies mentioned"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    proposed_forms = forms.MultipleChoiceField(
        label=_("Development forms proposed"),
        choices=paths.FORM_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    position_type = forms.ChoiceField(label=_("Position type"), required=False)
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=None, required=False)

    class Meta:
        model = Interview
        fields = [
            "held_on",
            "interviewer",
            "employee",
            "group_description",
            "unit",
            "position_type",
            "notes",
            "competencies",
            "proposed_forms",
        ]
        widgets = {"held_on": date_input(), "notes": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, agency, membership, **kwargs):
        super().__init__(*args, **kwargs)
        employees = (
            Employee.objects.for_agency(agency)
            .active()
            .visible_to(membership)
            .select_related("unit", "position")
        )
        self.fields["employee"].employees = employees
        if self.instance.employee_id:
            self.initial["employee"] = self.instance.employee.nip
        units = OrgUnit.objects.for_agency(agency).filter(is_active=True)
        if membership.role == "operator":
            units = units.subtree(membership.unit) if membership.unit_id else units.none()
        self.fields["unit"].queryset = units
        self.fields["unit"].label_from_instance = lambda unit: unit.indented_name
        self.fields["unit"].help_text = _(
            "Taken from the employee when one is named; leave empty for the whole agency."
        )
        self.fields["competencies"].queryset = Competency.objects.for_agency(agency).active()
        self.fields["position_type"].choices = [("", "—")] + list(Position.Type.choices)


class PlanForm(forms.ModelForm):
    campaign = forms.ModelChoiceField(label=_("Needs analysis"), queryset=None, required=False)

    class Meta:
        model = Plan
        fields = ["year", "title", "objectives", "campaign"]
        widgets = {"objectives": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["campaign"].queryset = Campaign.objects.for_agency(agency)


class ReviseForm(forms.Form):
    note = forms.CharField(
        label=_("What will this revision change?"), widget=forms.Textarea(attrs={"rows": 3})
    )


class ProgrammeForm(forms.ModelForm):
    target_position_types = forms.MultipleChoiceField(
        label=_("Target position types"),
        choices=Position.Type.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    target_employees = NipListField(
        label=_("Named participants (NIP, one per line)"),
        required=False,
        help_text=_("Leave empty when the programme targets units or position types."),
    )
    # Querysets are set per agency in __init__: a scoped manager refuses a query at import.
    needs = forms.ModelMultipleChoiceField(
        label=_("Needs addressed"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    target_units = forms.ModelMultipleChoiceField(
        label=_("Target units"),
        queryset=None,
        required=False,
        help_text=_("ASN of these units and the units below them."),
    )
    partner = forms.ModelChoiceField(label=_("Partner institution"), queryset=None, required=False)
    speakers = forms.ModelMultipleChoiceField(
        label=_("Speakers"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Programme
        fields = [
            "title",
            "description",
            "form",
            "path_code",
            "competencies",
            "needs",
            "target_units",
            "target_position_types",
            "target_employees",
            "participant_count",
            "jp_per_participant",
            "planned_month",
            "end_month",
            "delivery_mode",
            "provider_kind",
            "partner",
            "speakers",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "competencies": forms.CheckboxSelectMultiple,
            "needs": forms.CheckboxSelectMultiple,
            "speakers": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "path_code": _(
                "The form suggests its code; project-based learning may be NKL11 or NKL13. "
                "Empty only for formal education."
            ),
            "jp_per_participant": _("1 JP = 45 minutes of learning."),
        }

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        agency = plan.agency
        self.plan = plan
        self.fields["competencies"].queryset = Competency.objects.for_agency(agency).active()
        needs = Need.objects.for_agency(agency).none()
        if plan.campaign_id:
            needs = (
                Need.objects.for_agency(agency)
                .filter(campaign_id=plan.campaign_id, status=Need.Status.ACCEPTED)
                .select_related("competency")
            )
        self.fields["needs"].queryset = needs
        self.fields["needs"].required = False
        self.fields["target_units"].queryset = OrgUnit.objects.for_agency(agency).filter(
            is_active=True
        )
        self.fields["target_units"].label_from_instance = lambda unit: unit.indented_name
        self.fields["target_units"].required = False
        self.fields["target_units"].widget.attrs["size"] = 8
        self.fields["target_employees"].employees = Employee.objects.for_agency(agency).active()
        if self.instance.pk:
            self.initial["target_employees"] = "\n".join(
                self.instance.target_employees.values_list("nip", flat=True)
            )
        self.fields["partner"].queryset = Partner.objects.for_agency(agency).filter(is_active=True)
        self.fields["speakers"].queryset = Speaker.objects.for_agency(agency).filter(is_active=True)
        self.fields["speakers"].required = False
        self.fields["competencies"].required = False
        self.fields["path_code"].required = False

    def clean(self):
        data = super().clean()
        form, code = data.get("form"), data.get("path_code") or ""
        if form and not code and form != "formal_education":
            data["path_code"] = code = paths.FORM_PATH.get(form, "")
        if form:
            problem = paths.check_form_and_path(form, code)
            if problem:
                self.add_error("path_code", problem)
        named = data.get("target_employees") or []
        count = data.get("participant_count")
        if named and count and count < len(named):
            self.add_error(
                "participant_count",
                _("%(count)d ASN are named; the number of participants must be at least that.")
                % {"count": len(named)},
            )
        return data

    def relations(self):
        return {
            "needs": self.cleaned_data.get("needs") or [],
            "competencies": self.cleaned_data.get("competencies") or [],
            "target_units": self.cleaned_data.get("target_units") or [],
            "target_employees": self.cleaned_data.get("target_employees") or [],
            "speakers": self.cleaned_data.get("speakers") or [],
        }


class NeedProgrammeForm(forms.Form):
    title = forms.CharField(
        label=_("Programme title"),
        max_length=200,
        required=False,
        help_text=_("Leave empty for a title made from the form and competency."),
    )
    form = forms.ChoiceField(label=_("Development form"), choices=paths.FORM_CHOICES)
    path_code = forms.ChoiceField(
        label=_("Path code"), choices=[("", "—")] + paths.PATH_CHOICES, required=False
    )
    jp_per_participant = forms.IntegerField(label=_("JP per participant"), initial=24)
    planned_month = forms.TypedChoiceField(
        label=_("Planned month"),
        choices=Programme._meta.get_field("planned_month").choices,
        coerce=int,
    )

    def clean_jp_per_participant(self):
        value = self.cleaned_data["jp_per_participant"]
        if value is None or value <= 0:
            raise ValidationError(_("JP per participant must be more than 0."))
        return value

    def clean(self):
        data = super().clean()
        form = data.get("form")
        if form:
            code = data.get("path_code") or paths.FORM_PATH.get(form, "")
            data["path_code"] = code
            problem = paths.check_form_and_path(form, code)
            if problem:
                self.add_error("path_code", problem)
        return data


class BudgetLineForm(forms.ModelForm):
    class Meta:
        model = BudgetLine
        fields = ["category", "description", "volume", "unit_label", "unit_cost", "source"]
        localized_fields = ["volume", "unit_cost"]

    def clean(self):
        data = super().clean()
        if "volume" in data and "unit_cost" in data:
            for field, message in budget.check_line(data["volume"], data["unit_cost"]).items():
                self.add_error(field, message)
        return data


class CeilingForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    amount = forms.DecimalField(
        label=_("Ceiling (Rp)"), max_digits=18, decimal_places=2, localize=True
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class PartnerForm(forms.ModelForm):
    class Meta:
        model = Partner
        fields = [
            "name",
            "kind",
            "mou_number",
            "mou_starts_on",
            "mou_ends_on",
            "contact_name",
            "contact_phone",
            "contact_email",
            "address",
            "is_active",
        ]
        widgets = {"mou_starts_on": date_input(), "mou_ends_on": date_input()}

    def clean(self):
        data = super().clean()
        starts, ends = data.get("mou_starts_on"), data.get("mou_ends_on")
        if starts and ends and ends < starts:
            self.add_error("mou_ends_on", _("The MoU cannot end before it starts."))
        return data


class SpeakerForm(forms.ModelForm):
    partner = forms.ModelChoiceField(label=_("Partner institution"), queryset=None, required=False)

    class Meta:
        model = Speaker
        fields = ["name", "expertise", "institution", "partner", "phone", "email", "is_active"]

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = Partner.objects.for_agency(agency)

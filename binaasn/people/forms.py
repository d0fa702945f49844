"""Forms of the master-data pages. They parse input; the rules live in services.py and their
messages are attached to the field they concern, so a failed form shows what the user typed."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from binaasn.core.uploads import validate_document

from . import ranks, services
from .models import CareerEntry, CorrectionRequest, Employee, OrgUnit, Position
from .nip import clean_nip


def date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"]


def attach_errors(form, error, field_map=None):
    """Put a service's ValidationError on the form: each message on its field when the form has
    that field, otherwise at the top of the form."""
    field_map = field_map or {}
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, messages in error.message_dict.items():
        target = field_map.get(field, field)
        if target not in form.fields:
            target = None
        for message in messages:
            form.add_error(target, message)


class ServiceValidatedForm(forms.ModelForm):
    """A ModelForm that, after its own checks, asks a service validator about the instance."""

    field_map = {}

    def validate_instance(self, instance):  # pragma: no cover - overridden
        raise NotImplementedError

    def _post_clean(self):
        super()._post_clean()
        if self.errors:
            return
        try:
            self.validate_instance(self.instance)
        except ValidationError as error:
            attach_errors(self, error, self.field_map)


def unit_choice(label, required=False):
    # The queryset is set per agency in __init__: a scoped manager refuses a query at import.
    return forms.ModelChoiceField(label=label, queryset=None, required=required)


class EmployeeForm(ServiceValidatedForm):
    unit = unit_choice(_("Unit"))
    position = forms.ModelChoiceField(label=_("Position"), queryset=None, required=False)
    supervisor_nip = forms.CharField(
        label=_("Supervisor's NIP"),
        required=False,
        max_length=30,
        help_text=_("The NIP of the direct supervisor in this agency; leave empty if none."),
    )
    decree_number = forms.CharField(
        label=_("Decree (SK) number"),
        required=False,
        max_length=100,
        help_text=_("Recorded in the career history when the position, golongan or unit changes."),
    )
    decree_on = forms.DateField(
        label=_("Decree date"),
        required=False,
        widget=date_input(),
        input_formats=DATE_INPUT_FORMATS,
    )

    field_map = {"supervisor": "supervisor_nip"}

    class Meta:
        model = Employee
        fields = [
            "nip", "front_title", "name", "back_title", "gender", "birth_place", "birth_date",
            "status", "golongan", "tmt_golongan", "tmt_cpns", "unit", "position", "tmt_jabatan",
            "education_level", "education_major", "education_institution", "graduation_year",
            "email", "phone", "nik", "address",
        ]  # fmt: skip
        widgets = {
            "birth_date": date_input(),
            "tmt_golongan": date_input(),
            "tmt_cpns": date_input(),
            "tmt_jabatan": date_input(),
            "nip": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
            "nik": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        }
        help_texts = {
            "nip": _("18 digits: birth date, TMT CPNS (or PPPK year), gender and sequence."),
            "golongan": _("PNS and CPNS: I/a to IV/e. PPPK: I to XVII."),
        }

    def __init__(self, *args, agency, membership, **kwargs):
        super().__init__(*args, **kwargs)
        self.agency = agency
        self.membership = membership
        self.instance.agency = agency
        for name in ("birth_date", "tmt_golongan", "tmt_cpns", "tmt_jabatan"):
            self.fields[name].input_formats = DATE_INPUT_FORMATS
        units = OrgUnit.objects.for_agency(agency).filter(is_active=True)
        if membership.role == "operator":
            units = units.subtree(membership.unit) if membership.unit_id else units.none()
            self.fields["unit"].required = True
        self.fields["unit"].queryset = units
        self.fields["unit"].label_from_instance = lambda unit: unit.indented_name
        positions = (
            Position.objects.for_agency(agency).filter(is_active=True).select_related("unit")
        )
        self.fields["position"].queryset = positions
        self.fields["position"].label_from_instance = lambda p: (
            f"{p.name} — {p.unit.name}" if p.unit_id else p.name
        )
        if self.instance.pk and self.instance.supervisor_id:
            self.fields["supervisor_nip"].initial = self.instance.supervisor.nip
            self.fields["supervisor_nip"].help_text = _("Now: %(name)s.") % {
                "name": self.instance.supervisor.full_name
            }

    def clean_nip(self):
        return clean_nip(self.cleaned_data["nip"])

    def clean_golongan(self):
        value = self.cleaned_data.get("golongan") or ""
        status = self.data.get(self.add_prefix("status"))
        return ranks.normalize_golongan(value, status) or value

    def clean_supervisor_nip(self):
        nip = clean_nip(self.cleaned_data.get("supervisor_nip"))
        self.supervisor = None
        if not nip:
            return ""
        self.supervisor = (
            Employee.objects.for_agency(self.agency).filter(nip=nip).select_related("unit").first()
        )
        if self.supervisor is None:
            raise ValidationError(
                _("No employee of this agency has the NIP %(nip)s."), params={"nip": nip}
            )
        return nip

    def validate_instance(self, instance):
        instance.supervisor = getattr(self, "supervisor", None)
        services.validate_employee(instance, membership=self.membership)

    def employee_fields(self):
        """The cleaned values to hand to create_employee/update_employee."""
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["supervisor"] = getattr(self, "supervisor", None)
        return data

    def decree(self):
        return {
            "decree_number": self.cleaned_data.get("decree_number", ""),
            "decree_on": self.cleaned_data.get("decree_on"),
        }


class DeactivateForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=Employee.InactiveReason.choices)
    on = forms.DateField(
        label=_("Inactive since"), widget=date_input(), input_formats=DATE_INPUT_FORMATS
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on"].initial = timezone.localdate()


class CareerEntryForm(ServiceValidatedForm):
    class Meta:
        model = CareerEntry
        fields = [
            "kind",
            "effective_on",
            "old_value",
            "new_value",
            "decree_number",
            "decree_on",
            "note",
        ]
        widgets = {"effective_on": date_input(), "decree_on": date_input()}
        help_texts = {
            "new_value": _("The position name, the golongan (e.g. III/b) or the unit name."),
        }

    def __init__(self, *args, employee, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.employee = employee
        self.instance.agency = employee.agency
        for name in ("effective_on", "decree_on"):
            self.fields[name].input_formats = DATE_INPUT_FORMATS

    def validate_instance(self, instance):
        services.validate_career_entry(instance)


class UnitForm(ServiceValidatedForm):
    parent = unit_choice(_("Parent unit"))

    class Meta:
        model = OrgUnit
        fields = ["name", "code", "kind", "parent", "siasn_id", "is_active"]

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.agency = agency
        parents = OrgUnit.objects.for_agency(agency).filter(is_active=True)
        if self.instance.pk:
            parents = parents.exclude(path__startswith=self.instance.path)
        else:
            del self.fields["is_active"]
        self.fields["parent"].queryset = parents
        self.fields["parent"].label_from_instance = lambda unit: unit.indented_name

    def validate_instance(self, instance):
        services.validate_unit(instance)


class PositionForm(ServiceValidatedForm):
    unit = unit_choice(_("Unit"))

    class Meta:
        model = Position
        fields = [
            "name",
            "position_type",
            "level",
            "unit",
            "kelas_jabatan",
            "siasn_id",
            "is_active",
        ]
        help_texts = {
            "level": _(
                "Only for functional positions: ahli … for keahlian, pemula … penyelia for "
                "keterampilan."
            ),
            "kelas_jabatan": _("1 to 17."),
        }

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.agency = agency
        self.fields["unit"].queryset = OrgUnit.objects.for_agency(agency).filter(is_active=True)
        self.fields["unit"].label_from_instance = lambda unit: unit.indented_name
        if not self.instance.pk:
            del self.fields["is_active"]

    def validate_instance(self, instance):
        services.validate_position(instance)


class CorrectionRequestForm(forms.Form):
    field = forms.ChoiceField(label=_("What is wrong"), choices=())
    new_value = forms.CharField(
        label=_("Correct value"),
        max_length=255,
        help_text=_("Dates as dd-mm-yyyy; gender as L or P; education as SD … S-3."),
    )
    reason = forms.CharField(
        label=_("Explanation"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    evidence = forms.FileField(
        label=_("Evidence"),
        required=False,
        validators=[validate_document],
        help_text=_(
            "A scan of the document that shows the correct value (PDF, PNG, JPEG or office "
            "document)."
        ),
    )

    def __init__(self, *args, employee, **kwargs):
        super().__init__(*args, **kwargs)
        self.employee = employee
        self.fields["field"].choices = [("", "—")] + list(services.CORRECTABLE_FIELDS.items())

    def clean(self):
        data = super().clean()
        field, text = data.get("field"), data.get("new_value")
        if field and text:
            try:
                value = services.parse_correction_value(field, text)
            except ValidationError as error:
                self.add_error("new_value", error)
            else:
                if value == getattr(self.employee, field):
                    self.add_error("new_value", _("This is already the value in your record."))
        return data


class CorrectionDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve and apply")), ("reject", _("Reject"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note to the employee"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when rejecting."),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "reject" and not (data.get("note") or "").strip():
            self.add_error("note", _("Tell the employee why the request is rejected."))
        return data


CORRECTION_STATUS_BADGES = {
    CorrectionRequest.Status.PENDING: "warning",
    CorrectionRequest.Status.APPROVED: "success",
    CorrectionRequest.Status.REJECTED: "danger",
}

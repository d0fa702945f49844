from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from binaasn.people.models import Employee, OrgUnit

from .models import FollowUpAction


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ActionForm(forms.ModelForm):
    # Querysets are set per agency in __init__: a scoped manager refuses a query at import.
    unit = forms.ModelChoiceField(label=_("Responsible unit"), queryset=None, required=False)
    owner_employee = forms.ModelChoiceField(
        label=_("Owner (employee)"), queryset=None, required=False
    )
    owner_user = forms.ModelChoiceField(label=_("Owner (user)"), queryset=None, required=False)

    class Meta:
        model = FollowUpAction
        fields = ["title", "description", "kind", "unit", "owner_employee", "owner_user", "due_on"]
        widgets = {"due_on": DateInput(), "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = OrgUnit.objects.for_agency(agency).filter(is_active=True)
        self.fields["unit"].label_from_instance = lambda unit: unit.indented_name
        self.fields["owner_employee"].queryset = Employee.objects.for_agency(agency).active()
        self.fields["owner_user"].queryset = (
            get_user_model()
            .objects.filter(memberships__agency=agency, memberships__is_active=True)
            .distinct()
        )
        self.fields["owner_employee"].help_text = _("Choose an employee or a user as the owner.")

    def clean(self):
        data = super().clean()
        if not data.get("owner_employee") and not data.get("owner_user"):
            self.add_error("owner_employee", _("Choose who owns the action."))
        return data


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=FollowUpAction.Status.choices)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    evidence = forms.FileField(
        label=_("Evidence"),
        required=False,
        help_text=_("PDF, image or office document."),
    )


class ActionFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), ("open_all", _("Open or in progress"))]
        + list(FollowUpAction.Status.choices),
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("All"))] + list(FollowUpAction.Kind.choices),
    )

"""Forms of the evaluation reports: the index filters and the finding form with its optional
follow-up action (the actions area's own form and rules, so an action always has an owner)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from binaasn.actions.forms import ActionForm
from binaasn.actions.models import FollowUpAction
from binaasn.people.models import OrgUnit
from binaasn.planning.models import Programme

from ..models import Level


class IndexFilterForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)
    programme = forms.ModelChoiceField(label=_("Programme"), queryset=None, required=False)
    unit = forms.ModelChoiceField(label=_("Organising unit"), queryset=None, required=False)

    def __init__(self, *args, agency, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = (
            Programme.objects.for_agency(agency)
            .select_related("plan")
            .order_by("-plan__year", "title")
        )
        self.fields["programme"].label_from_instance = lambda p: f"{p.plan.year} · {p.title}"
        self.fields["unit"].queryset = units
        self.fields["unit"].label_from_instance = lambda unit: unit.indented_name
        for field in self.fields.values():
            field.widget.attrs["class"] = (
                "form-select" if isinstance(field, forms.ModelChoiceField) else "form-control"
            )


class FindingForm(forms.Form):
    level = forms.ChoiceField(label=_("Level"), choices=Level.choices)
    text = forms.CharField(
        label=_("Finding"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the evaluation showed that needs work."),
    )
    with_action = forms.BooleanField(
        label=_("Also create a follow-up action"),
        required=False,
        help_text=_("The action is opened with this finding as its source."),
    )


class FindingActionForm(ActionForm):
    """The follow-up action made with a finding: the actions area's form (refuses an action
    without owner), revising the learning material by default."""

    def __init__(self, *args, agency, **kwargs):
        kwargs.setdefault("prefix", "action")
        kwargs.setdefault("initial", {}).setdefault("kind", FollowUpAction.Kind.REVISE_MATERIAL)
        super().__init__(*args, agency=agency, **kwargs)
        self.fields["unit"].queryset = OrgUnit.objects.for_agency(agency).filter(is_active=True)

"""Forms of the challenges register of a plan; the rules live in services/challenges.py."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Challenge


class ChallengeForm(forms.ModelForm):
    resolution_note = forms.CharField(
        label=_("Why it is resolved while actions are still open"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Only needed when you mark the challenge resolved while some of its mitigation "
            "actions are still open; the note is added to the mitigation."
        ),
    )

    class Meta:
        model = Challenge
        fields = ["category", "description", "impact", "mitigation", "status"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "mitigation": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "description": _(
                "What happened and where, e.g. “only 12 of 30 invited ASN attended the bimtek”."
            ),
            "mitigation": _(
                "How the challenge is met, e.g. incentives for participants, a reward for ASN "
                "who adopt the new way of working, a smaller pilot within the budget."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            del self.fields["resolution_note"]
            self.fields["status"].choices = [
                choice
                for choice in self.fields["status"].choices
                if choice[0] != Challenge.Status.RESOLVED
            ]


def _choices(choices):
    return [("", _("All"))] + list(choices)


class ChallengeFilterForm(forms.Form):
    category = forms.ChoiceField(
        label=_("Category"), required=False, choices=_choices(Challenge.Category.choices)
    )
    impact = forms.ChoiceField(
        label=_("Impact"), required=False, choices=_choices(Challenge.Impact.choices)
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=_choices(Challenge.Status.choices)
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select form-select-sm"

"""Forms of the reaction (L1) and behaviour (L3) questionnaires."""

from django import forms
from django.utils.translation import gettext_lazy as _

from binaasn.surveys.models import Questionnaire

from ..models import EvaluationSettings


class SettingsForm(forms.ModelForm):
    """The templates copied for each offering and the timings; a template is chosen among the
    agency's template questionnaires of the right purpose."""

    # Declared here with no queryset: the default would query outside the agency's scope.
    reaction_template = forms.ModelChoiceField(
        label=_("reaction questionnaire template (L1)"), queryset=None
    )
    behaviour_template = forms.ModelChoiceField(
        label=_("behaviour questionnaire template (L3)"), queryset=None
    )

    class Meta:
        model = EvaluationSettings
        fields = [
            "reaction_template",
            "reaction_days_open",
            "behaviour_template",
            "behaviour_delay_months",
            "behaviour_days_open",
            "reminder_every_days",
            "outcome_window_months",
            "outcome_min_respondents",
        ]

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        templates = Questionnaire.objects.for_agency(agency).templates().order_by("title")
        self.fields["reaction_template"].queryset = templates.filter(
            purpose=Questionnaire.Purpose.REACTION
        )
        self.fields["behaviour_template"].queryset = templates.filter(
            purpose=Questionnaire.Purpose.BEHAVIOUR
        )
        for name in ("reaction_template", "behaviour_template"):
            self.fields[name].empty_label = _("Choose a template")
        self.fields["reaction_template"].help_text = _(
            "Copied for every finished offering; its speaker grid (code speaker_mastery) gets "
            "the offering's speakers and trainers as rows."
        )
        self.fields["behaviour_template"].help_text = _(
            "Sent to the supervisors of the participants who completed the offering and to the "
            "participants themselves."
        )


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)

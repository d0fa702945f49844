"""Filters of the complaint patterns page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Complaint
from ..services.patterns import DEFAULT_MINIMUM
from .staff import PeriodForm


class PatternFilterForm(PeriodForm):
    """The period, the fewest complaints that make a pattern, and optionally one unit and
    category; a bad value falls back to the default rather than hiding the page."""

    minimum = forms.IntegerField(
        label=_("At least … complaints"), min_value=1, max_value=10000, required=False
    )
    per_month = forms.BooleanField(label=_("Count per month"), required=False)
    unit = forms.ModelChoiceField(label=_("Service unit"), queryset=None, required=False)
    category = forms.ChoiceField(label=_("Category"), required=False)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["category"].choices = [("", _("All"))] + list(Complaint.Category.choices)

    def _value(self, name, default):
        if self.is_bound and self.is_valid() and self.cleaned_data.get(name) not in (None, ""):
            return self.cleaned_data[name]
        return default

    @property
    def minimum_value(self):
        return self._value("minimum", DEFAULT_MINIMUM)

    @property
    def chosen_unit(self):
        return self._value("unit", None)

    @property
    def chosen_category(self):
        return self._value("category", "")

    @property
    def by_month(self):
        return self._value("per_month", False)

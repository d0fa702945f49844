from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from binaasn.core.uploads import validate_document, validate_spreadsheet
from binaasn.people.models import Position

from .models import LEVEL_CHOICES, Competency, JpmBand, Source


class TechnicalCompetencyForm(forms.ModelForm):
    class Meta:
        model = Competency
        fields = [
            "code",
            "name",
            "group",
            "description",
            "level_1",
            "level_2",
            "level_3",
            "level_4",
            "level_5",
            "is_active",
        ]
        widgets = {f"level_{n}": forms.Textarea(attrs={"rows": 2}) for n in range(1, 6)} | {
            "description": forms.Textarea(attrs={"rows": 2})
        }

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.agency = agency

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        clash = Competency.objects.for_agency(self.agency).filter(name__iexact=name)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise ValidationError(_("A competency with this name already exists."))
        return name

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        if code:
            clash = Competency.objects.for_agency(self.agency).filter(code__iexact=code)
            if self.instance.pk:
                clash = clash.exclude(pk=self.instance.pk)
            if clash.exists():
                raise ValidationError(_("Another competency already uses this code."))
        return code


def level_field(label, required=False, help_text=""):
    choices = [("", _("— not required —") if not required else "—")] + [
        (str(value), text) for value, text in LEVEL_CHOICES
    ]
    return forms.TypedChoiceField(
        label=label,
        choices=choices,
        coerce=int,
        empty_value=None,
        required=required,
        help_text=help_text,
    )


class StandardForm(forms.Form):
    """One level field per competency of the dictionary: the position's standard."""

    def __init__(self, *args, competencies, current, **kwargs):
        super().__init__(*args, **kwargs)
        self.competencies = list(competencies)
        for competency in self.competencies:
            name = f"c{competency.pk}"
            self.fields[name] = level_field(competency.name)
            self.fields[name].widget.attrs["class"] = "form-select form-select-sm"
            self.initial.setdefault(name, current.get(competency.pk, ""))

    def levels(self):
        return {c: self.cleaned_data.get(f"c{c.pk}") for c in self.competencies}

    def rows(self):
        return [(competency, self[f"c{competency.pk}"]) for competency in self.competencies]


class CopyStandardsForm(forms.Form):
    source = forms.ModelChoiceField(
        label=_("Copy the standard of"), queryset=Position.objects.none()
    )

    def __init__(self, *args, agency, target, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = (
            Position.objects.for_agency(agency)
            .filter(is_active=True, standards__isnull=False)
            .exclude(pk=target.pk)
            .distinct()
            .order_by("name")
        )


class SpreadsheetForm(forms.Form):
    file = forms.FileField(label=_("XLSX or CSV file"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.kind = validate_spreadsheet(upload)
        return upload


class AssessmentForm(forms.Form):
    """An assessment: where it comes from, when, evidence, and a level per competency."""

    source = forms.ChoiceField(label=_("Source"), choices=Source.choices)
    assessed_on = forms.DateField(
        label=_("Assessment date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    assessor = forms.CharField(label=_("Assessor"), max_length=200, required=False)
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    evidence = forms.FileField(
        label=_("Evidence"), required=False, help_text=_("PDF, image or office document.")
    )

    def __init__(self, *args, competencies, required_levels=None, self_assessment=False, **kwargs):
        super().__init__(*args, **kwargs)
        required_levels = required_levels or {}
        self.competencies = list(competencies)
        self.initial.setdefault("assessed_on", timezone.localdate())
        if self_assessment:
            del self.fields["source"]
            del self.fields["assessor"]
        for competency in self.competencies:
            required = required_levels.get(competency.pk)
            help_text = (
                _("Required by the position: level %(level)s") % {"level": required}
                if required
                else ""
            )
            self.fields[f"c{competency.pk}"] = level_field(competency.name, help_text=help_text)

    def clean_assessed_on(self):
        value = self.cleaned_data["assessed_on"]
        if value > timezone.localdate():
            raise ValidationError(_("The assessment date cannot be in the future."))
        return value

    def clean_evidence(self):
        upload = self.cleaned_data.get("evidence")
        if upload:
            validate_document(upload)
        return upload

    def clean(self):
        data = super().clean()
        if not any(data.get(f"c{c.pk}") for c in self.competencies):
            raise ValidationError(_("Give a level for at least one competency."))
        return data

    def levels(self):
        return {c: self.cleaned_data.get(f"c{c.pk}") for c in self.competencies}

    def level_fields(self):
        return [self[f"c{c.pk}"] for c in self.competencies]

    def other_fields(self):
        return [
            self[name]
            for name in ("source", "assessed_on", "assessor", "note", "evidence")
            if name in self.fields
        ]


class JpmBandForm(forms.Form):
    label = forms.CharField(label=_("Category"), max_length=60, required=False)
    min_percent = forms.DecimalField(
        label=_("From (%)"), min_value=0, max_value=100, decimal_places=2, required=False
    )
    css_class = forms.ChoiceField(
        label=_("Colour"), choices=JpmBand._meta.get_field("css_class").choices
    )

    def clean(self):
        data = super().clean()
        if data.get("label") and data.get("min_percent") is None:
            self.add_error("min_percent", _("Give the percentage where this category starts."))
        if data.get("min_percent") is not None and not data.get("label"):
            self.add_error("label", _("Give the category a name."))
        return data


JpmBandFormSet = forms.formset_factory(JpmBandForm, extra=2, max_num=8)


class HeatmapFilterForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=None, required=False)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["unit"].empty_label = _("All units I may see")
        self.fields["unit"].widget.attrs["class"] = "form-select"
        self.fields["unit"].label_from_instance = lambda unit: unit.indented_name


def competency_filter(queryset, query):
    if query:
        queryset = queryset.filter(
            Q(name__icontains=query) | Q(code__icontains=query) | Q(group__icontains=query)
        )
    return queryset

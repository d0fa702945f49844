"""Forms of the questionnaire pages, and the fill-in page's reading of posted answers."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from binaasn.people.models import Employee, OrgUnit

from .models import Question, Questionnaire, Section


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def unit_choices_for(agency, membership):
    units = OrgUnit.objects.for_agency(agency).filter(is_active=True)
    if membership.role == "operator":
        units = units.subtree(membership.unit) if membership.unit_id else units.none()
    return units.order_by("path")


class QuestionnaireFilterForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Search"), required=False)
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[("", gettext_lazy("All statuses"))] + list(Questionnaire.Status.choices),
    )
    purpose = forms.ChoiceField(
        label=gettext_lazy("Purpose"),
        required=False,
        choices=[("", gettext_lazy("All purposes"))] + list(Questionnaire.Purpose.choices),
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"),
        required=False,
        choices=[
            ("", gettext_lazy("Questionnaires and templates")),
            ("questionnaires", gettext_lazy("Questionnaires")),
            ("templates", gettext_lazy("Templates")),
        ],
    )

    def filter(self, questionnaires):
        if not self.is_valid():
            return questionnaires
        data = self.cleaned_data
        if data["q"]:
            questionnaires = questionnaires.filter(title__icontains=data["q"].strip())
        if data["status"]:
            questionnaires = questionnaires.filter(status=data["status"])
        if data["purpose"]:
            questionnaires = questionnaires.filter(purpose=data["purpose"])
        if data["kind"] == "templates":
            questionnaires = questionnaires.filter(is_template=True)
        elif data["kind"] == "questionnaires":
            questionnaires = questionnaires.filter(is_template=False)
        return questionnaires


class QuestionnaireForm(forms.ModelForm):
    # Querysets are set per agency in __init__: a scoped manager refuses a query at import.
    owner_unit = forms.ModelChoiceField(
        label=gettext_lazy("Owner unit"),
        queryset=None,
        required=False,
        help_text=gettext_lazy(
            "Operators of this unit and of the units above it manage the questionnaire."
        ),
    )

    class Meta:
        model = Questionnaire
        fields = [
            "title",
            "description",
            "purpose",
            "owner_unit",
            "is_anonymous",
            "is_template",
            "opens_on",
            "closes_on",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "opens_on": DateInput(),
            "closes_on": DateInput(),
        }

    def __init__(self, *args, agency, membership, **kwargs):
        super().__init__(*args, **kwargs)
        units = self.fields["owner_unit"]
        units.queryset = unit_choices_for(agency, membership)
        units.label_from_instance = lambda unit: unit.indented_name
        if membership.role == "operator":
            units.required = True
            if not self.instance.pk:
                units.initial = membership.unit_id
        if self.instance.pk and not self.instance.is_draft:
            for name in ("purpose", "is_anonymous", "is_template"):
                self.fields[name].disabled = True


class CopyForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title of the copy"), max_length=200)
    is_template = forms.BooleanField(
        label=gettext_lazy("Save the copy as a template"), required=False
    )


class SectionForm(forms.ModelForm):
    class Meta:
        model = Section
        fields = ["title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


def _lines(text):
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class QuestionForm(forms.ModelForm):
    """One form for every question type; fields a type does not use are ignored."""

    section = forms.ModelChoiceField(label=gettext_lazy("Section"), queryset=None, required=False)

    scale_max = forms.TypedChoiceField(
        label=gettext_lazy("Likert scale"),
        choices=[(5, "1–5"), (4, "1–4")],
        coerce=int,
        initial=5,
    )
    scale_labels_text = forms.CharField(
        label=gettext_lazy("Scale labels"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy(
            "Likert and grid: one label per line, lowest first (e.g. Sangat tidak setuju … "
            "Sangat setuju). Empty: the numbers are shown."
        ),
    )
    choices_text = forms.CharField(
        label=gettext_lazy("Options"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Single and multiple choice: one option per line."),
    )
    items_text = forms.CharField(
        label=gettext_lazy("Grid rows (competencies)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy(
            "Competency-rating grid: one row per line, rated on levels 1–5. Write “id | name” "
            "to keep an id (e.g. a competency's id), or just the name."
        ),
    )

    class Meta:
        model = Question
        fields = [
            "section",
            "kind",
            "text",
            "help_text",
            "is_required",
            "code",
            "min_value",
            "max_value",
        ]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, questionnaire, **kwargs):
        super().__init__(*args, **kwargs)
        sections = self.fields["section"]
        sections.queryset = questionnaire.sections.order_by("position", "pk")
        sections.label_from_instance = lambda s: str(s)
        sections.required = False
        sections.help_text = _("Empty: the last section.")
        self.fields["min_value"].help_text = _("Number questions only.")
        question = self.instance
        if question.pk:
            self.fields["scale_max"].initial = question.scale_max
            self.fields["scale_labels_text"].initial = "\n".join(question.scale_labels)
            self.fields["choices_text"].initial = "\n".join(question.choices)
            self.fields["items_text"].initial = "\n".join(
                f"{item['id']} | {item['name']}" for item in question.items
            )

    def clean_items_text(self):
        items = []
        for number, line in enumerate(_lines(self.cleaned_data["items_text"]), start=1):
            if "|" in line:
                item_id, name = (part.strip() for part in line.split("|", 1))
                if not item_id or not name:
                    raise forms.ValidationError(_("Line %(n)d: write “id | name”.") % {"n": number})
                items.append({"id": item_id, "name": name})
            else:
                items.append({"id": None, "name": line})
        return items

    def service_values(self):
        """The keyword arguments add_question/update_question take."""
        data = self.cleaned_data
        values = {
            name: data[name]
            for name in (
                "kind",
                "text",
                "help_text",
                "is_required",
                "code",
                "min_value",
                "max_value",
            )
        }
        values.update(
            scale_max=data["scale_max"],
            scale_labels=_lines(data["scale_labels_text"]),
            choices=_lines(data["choices_text"]),
            items=data["items_text"],
        )
        if data.get("section"):
            values["section"] = data["section"]
        return values

    def add_service_error(self, error):
        mapping = {
            "scale_labels": "scale_labels_text",
            "choices": "choices_text",
            "items": "items_text",
        }
        if hasattr(error, "error_dict"):
            for name, messages in error.message_dict.items():
                field = mapping.get(name, name)
                self.add_error(field if field in self.fields else None, messages)
        else:
            self.add_error(None, error.messages)


class InviteForm(forms.Form):
    """Who to invite: units (their whole subtree), their supervisors, or named people by NIP."""

    TARGETS = [
        ("units", gettext_lazy("All ASN of the chosen units (with the units below them)")),
        ("supervisors", gettext_lazy("The supervisors of the ASN of the chosen units")),
        ("people", gettext_lazy("Named people")),
    ]
    target = forms.ChoiceField(
        label=gettext_lazy("Invite"), choices=TARGETS, widget=forms.RadioSelect, initial="units"
    )
    units = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Units"),
        queryset=None,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    nips = forms.CharField(
        label=gettext_lazy("NIP of the named people"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("One NIP per line."),
    )

    def __init__(self, *args, agency, membership, **kwargs):
        super().__init__(*args, **kwargs)
        self.agency = agency
        self.fields["units"].queryset = unit_choices_for(agency, membership)
        self.fields["units"].label_from_instance = lambda unit: unit.indented_name

    def clean(self):
        data = super().clean()
        target = data.get("target")
        if target in ("units", "supervisors") and not data.get("units"):
            self.add_error("units", _("Choose at least one unit."))
        if target == "people":
            nips = [n.replace(" ", "") for n in _lines(data.get("nips"))]
            if not nips:
                self.add_error("nips", _("Enter at least one NIP."))
                return data
            found = {
                e.nip: e
                for e in Employee.objects.for_agency(self.agency)
                .filter(nip__in=nips)
                .select_related("unit")
            }
            unknown = [n for n in nips if n not in found]
            if unknown:
                self.add_error(
                    "nips",
                    _("No employee of this agency has the NIP on line %(lines)s.")
                    % {"lines": ", ".join(str(nips.index(n) + 1) for n in unknown)},
                )
            data["employees"] = [found[n] for n in nips if n in found]
        return data


def question_blocks(questions, values, errors):
    """What the fill-in page shows per question: options with their checked state, grid rows,
    the current value and the error naming the question. ``values`` is answers_of() or the
    posted answers; ``errors`` maps "q<id>" to a message."""
    blocks = []
    for number, question in enumerate(questions, start=1):
        value = values.get(question.pk)
        block = {
            "number": number,
            "question": question,
            "name": f"q{question.pk}",
            "error": errors.get(f"q{question.pk}"),
            "value": "" if value is None or isinstance(value, dict | list) else str(value),
        }
        kind = question.kind
        if kind == Question.Kind.LIKERT:
            block["options"] = [
                (str(point), label, str(value) == str(point))
                for point, label in question.scale_points
            ]
        elif kind in Question.CHOICE_KINDS:
            chosen = set(value) if isinstance(value, list) else {value}
            block["options"] = [
                (str(index), option, option in chosen)
                for index, option in enumerate(question.choices)
            ]
        elif kind == Question.Kind.RATING_GRID:
            levels = value if isinstance(value, dict) else {}
            block["levels"] = question.scale_points
            block["rows"] = [
                {
                    "id": str(item["id"]),
                    "name": item["name"],
                    "field": f"q{question.pk}_{item['id']}",
                    "options": [
                        (str(point), label, str(levels.get(str(item["id"]), "")) == str(point))
                        for point, label in question.scale_points
                    ],
                }
                for item in question.items
            ]
        blocks.append(block)
    return blocks


def answers_from_post(questions, post):
    """Read the fill-in form: choice options are posted by position, the rest as typed."""
    answers = {}
    for question in questions:
        name = f"q{question.pk}"
        kind = question.kind
        if kind == Question.Kind.MULTIPLE:
            answers[question.pk] = [_option(question, v) for v in post.getlist(name)]
        elif kind == Question.Kind.SINGLE:
            raw = post.get(name, "")
            answers[question.pk] = _option(question, raw) if raw != "" else ""
        elif kind == Question.Kind.RATING_GRID:
            answers[question.pk] = {
                str(item["id"]): post.get(f"{name}_{item['id']}", "") for item in question.items
            }
        else:
            answers[question.pk] = post.get(name, "")
    return answers


def _option(question, raw):
    try:
        return question.choices[int(raw)]
    except (ValueError, IndexError):
        return raw

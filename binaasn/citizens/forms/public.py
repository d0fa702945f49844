"""Forms of the public pages: the SKM survey and the complaint form. Rendered by hand in small
templates (no CSS framework), so the labels and errors are set here."""

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from .. import ikm
from ..models import Complaint, Education, Occupation
from ..models.skm import Gender
from ..services import skm as skm_services

HONEYPOT_FIELD = "website"


class HoneypotMixin:
    """A field people never see (hidden by CSS, skipped by keyboard); bots fill it in."""

    def add_honeypot(self):
        self.fields[HONEYPOT_FIELD] = forms.CharField(required=False, label=_("Leave this empty"))

    @property
    def is_bot(self):
        return bool(self.data.get(HONEYPOT_FIELD, "").strip())


class SkmForm(HoneypotMixin, forms.Form):
    """The nine unsur with the regulation's four answers, the respondent profile and a
    suggestion; no name or other personal data."""

    age = forms.IntegerField(label=_("Age (years)"), min_value=10, max_value=120)
    gender = forms.ChoiceField(label=_("Gender"), choices=Gender.choices, widget=forms.RadioSelect)
    education = forms.ChoiceField(label=_("Education"), choices=[("", "—")] + Education.choices)
    occupation = forms.ChoiceField(
        label=_("Main occupation"), choices=[("", "—")] + Occupation.choices
    )
    suggestion = forms.CharField(
        label=_("Suggestion (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    submission_id = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.unit = unit
        for number, element in enumerate(ikm.ELEMENTS, start=1):
            self.fields[f"u{number}"] = forms.TypedChoiceField(
                label=f"{element.code}. {element.name}",
                choices=[(str(i), label) for i, label in enumerate(element.answers, start=1)],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Choose an answer for %(code)s.") % {"code": element.code},
                    "invalid_choice": _("%(code)s must be 1, 2, 3 or 4.") % {"code": element.code},
                },
            )
        services = unit.service_list
        if services:
            self.fields["service"] = forms.ChoiceField(
                label=_("Service received"), choices=[("", "—")] + [(s, s) for s in services]
            )
        else:
            self.fields["service"] = forms.CharField(label=_("Service received"), max_length=200)
        if not self.is_bound:
            self.initial.setdefault("submission_id", uuid.uuid4())
        self.add_honeypot()

    @property
    def element_fields(self):
        return [self[f"u{n}"] for n in range(1, 10)]

    def answers(self):
        return {f"u{n}": self.cleaned_data[f"u{n}"] for n in range(1, 10)}

    def profile(self):
        data = self.cleaned_data
        return {
            "age_group": skm_services.clean_age(data["age"]),
            "gender": data["gender"],
            "education": data["education"],
            "occupation": data["occupation"],
            "service": data["service"],
            "suggestion": data["suggestion"].strip(),
        }

    def fingerprint(self):
        data = self.cleaned_data
        return "|".join(
            str(data.get(k)) for k in sorted(data) if k not in ("submission_id", HONEYPOT_FIELD)
        )


class KioskForm(SkmForm):
    """The kiosk posts the date it was answered on (it may be sent later, when back online)."""

    client_uuid = forms.UUIDField(widget=forms.HiddenInput)
    answered_on = forms.DateField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            # Without JavaScript the page posts this id; the script sets a new one per answer.
            self.initial.setdefault("client_uuid", uuid.uuid4())


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data if item]
        return [super().clean(data, initial)] if data else []


class ComplaintForm(HoneypotMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("This is a"),
        choices=Complaint.Kind.choices,
        widget=forms.RadioSelect,
        initial=Complaint.Kind.COMPLAINT,
    )
    category = forms.ChoiceField(
        label=_("Category"), choices=[("", "—")] + Complaint.Category.choices
    )
    unit = forms.ChoiceField(label=_("Service unit"), required=False)
    subject = forms.CharField(label=_("Subject"), max_length=200)
    description = forms.CharField(
        label=_("What happened, or what do you suggest?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    attachments = MultipleFileField(
        label=_("Attachments (optional)"),
        required=False,
        help_text=_("Up to 3 files: PDF, JPEG/PNG image or office document."),
    )
    reporter_name = forms.CharField(label=_("Your name (optional)"), max_length=200, required=False)
    reporter_email = forms.EmailField(
        label=_("E-mail (optional)"),
        required=False,
        help_text=_("Only needed if you want the tracking code and replies by e-mail."),
    )
    reporter_phone = forms.CharField(label=_("Phone (optional)"), max_length=30, required=False)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.units = {str(u.pk): u for u in units}
        self.fields["unit"].choices = [("", _("I do not know / not listed"))] + [
            (str(u.pk), u.name) for u in units
        ]
        self.add_honeypot()

    def clean_unit(self):
        value = self.cleaned_data.get("unit")
        return self.units.get(value) if value else None


class TrackingLookupForm(forms.Form):
    kode = forms.CharField(label=_("Tracking code"), max_length=30)


class ComplainantReplyForm(HoneypotMixin, forms.Form):
    body = forms.CharField(
        label=_("Your reply"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_honeypot()

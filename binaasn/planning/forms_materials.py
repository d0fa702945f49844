"""Forms of the material pages of a programme: they parse input; the rules live in
services/materials.py."""

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from .models import MaterialModule, MaterialVersion


class VersionForm(forms.ModelForm):
    class Meta:
        model = MaterialVersion
        fields = ["method", "method_note", "change_note"]
        widgets = {
            "method_note": forms.Textarea(attrs={"rows": 3}),
            "change_note": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "method": _("The method most of the programme is taught with."),
            "change_note": _(
                "Required from version 2 on: what changed and why (e.g. the evaluation finding "
                "it answers)."
            ),
        }


class ModuleForm(forms.ModelForm):
    class Meta:
        model = MaterialModule
        fields = ["title", "jp", "method", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class MaterialFileForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(label=_("File"), help_text=_("PDF, image or office document."))


class ActionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        if obj.due_on:
            return _("%(title)s (due %(due)s)") % {
                "title": obj.title,
                "due": date_format(obj.due_on, "d M Y"),
            }
        return obj.title


class PublishForm(forms.Form):
    closes_action = ActionChoiceField(
        label=_("Follow-up action this version answers"),
        queryset=None,
        required=False,
        empty_label=_("None"),
        help_text=_("The chosen action is closed with a note naming this version."),
    )

    def __init__(self, *args, actions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["closes_action"].queryset = actions
        if not self.is_bound and len(actions) == 1:
            self.fields["closes_action"].initial = actions[0].pk


class CompareForm(forms.Form):
    old = forms.ModelChoiceField(label=_("Compare version"), queryset=None)
    new = forms.ModelChoiceField(label=_("with version"), queryset=None)

    def __init__(self, *args, versions, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("old", "new"):
            self.fields[name].queryset = versions
            self.fields[name].label_from_instance = _version_label
            self.fields[name].widget.attrs["class"] = "form-select"

    def clean(self):
        data = super().clean()
        if data.get("old") and data.get("old") == data.get("new"):
            self.add_error("new", _("Choose two different versions."))
        return data


def _version_label(version):
    label = _("Version %(number)d") % {"number": version.number}
    if version.published_at:
        return f"{label} ({date_format(timezone.localtime(version.published_at), 'd M Y')})"
    return f"{label} ({version.get_status_display().lower()})"

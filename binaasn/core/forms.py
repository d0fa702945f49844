import re

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from . import uploads
from .models import Agency, Membership, Role


class MembershipForm(forms.Form):
    """An agency admin gives a person a role: a new login or an existing one."""

    username = forms.CharField(
        label=_("Username or NIP"), max_length=150, help_text=_("ASN log in with their NIP.")
    )
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    email = forms.EmailField(label=_("E-mail"), required=False)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=None, required=False)
    password = forms.CharField(
        label=_("Initial password"),
        widget=forms.PasswordInput(render_value=True),
        required=False,
        help_text=_("At least 12 characters. Leave empty for an existing login."),
    )

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        from binaasn.people.models import OrgUnit

        self.agency = agency
        self.fields["unit"].queryset = OrgUnit.objects.for_agency(agency).filter(is_active=True)
        self.fields["unit"].label_from_instance = lambda unit: unit.indented_name

    def clean(self):
        data = super().clean()
        User = get_user_model()
        username = data.get("username", "").strip()
        existing = User.objects.filter(username=username).first()
        self.existing_user = existing
        if data.get("role") == Role.OPERATOR and not data.get("unit"):
            self.add_error("unit", _("An operator needs a unit."))
        if existing is None:
            password = data.get("password")
            if not password:
                self.add_error("password", _("A new login needs an initial password."))
            else:
                try:
                    validate_password(
                        password, User(username=username, email=data.get("email", ""))
                    )
                except forms.ValidationError as error:
                    self.add_error("password", error)
            email = data.get("email")
            if email and User.objects.filter(email__iexact=email).exists():
                self.add_error("email", _("Another login already uses this e-mail."))
        elif Membership.objects.filter(
            user=existing, agency=self.agency, role=data.get("role")
        ).exists():
            self.add_error("role", _("This person already has this role in the agency."))
        return data


class AuditFilterForm(forms.Form):
    q = forms.CharField(label=_("Object or change contains"), required=False)
    actor = forms.CharField(label=_("By (name or username)"), required=False)
    model = forms.ChoiceField(label=_("Kind of data"), required=False)
    action = forms.ChoiceField(label=_("Action"), required=False)
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, model_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        from .models import AuditEntry

        self.fields["model"].choices = [("", _("All"))] + list(model_choices)
        self.fields["action"].choices = [("", _("All"))] + list(AuditEntry.Action.choices)


MFA_ROLE_CHOICES = [
    ("admin", _("Agency admins (BKPSDM)")),
    ("operator", _("Unit operators")),
    ("leader", _("Leaders")),
]
REGION_CODE_SHAPES = {
    # Kemendagri region codes: province 2 digits, regency/city 2 more, sub-district 2 more.
    "provinsi": (r"^\d{2}$", "75"),
    "kabupaten": (r"^\d{2}\.\d{2}$", "75.01"),
    "kota": (r"^\d{2}\.\d{2}$", "75.71"),
    "kecamatan": (r"^\d{2}\.\d{2}\.\d{2}$", "75.01.01"),
}
LOGO_KINDS = {"png", "jpeg"}


class LogoField(forms.ImageField):
    """An image field that says "too large" before trying to read a huge file as an image."""

    def to_python(self, data):
        if data and hasattr(data, "size"):
            uploads.check_size(data)
        return super().to_python(data)


class AgencySettingsForm(forms.ModelForm):
    """What an agency admin may change about the agency itself (the slug stays: it is in URLs)."""

    mfa_roles = forms.MultipleChoiceField(
        label=_("Roles that must use an authenticator app (TOTP)"),
        choices=MFA_ROLE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "People in these roles must set up a second factor before they can open the "
            "agency's pages."
        ),
    )

    class Meta:
        model = Agency
        fields = ["name", "short_name", "kind", "region_code", "seat", "logo"]
        field_classes = {"logo": LogoField}
        widgets = {"logo": forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = {r.strip() for r in self.instance.mfa_required_roles.split(",") if r.strip()}
        self.fields["mfa_roles"].initial = [
            code for code, _label in MFA_ROLE_CHOICES if code in current
        ]
        self.fields["logo"].help_text = _("PNG or JPEG, at most %(limit)d MB.") % {
            "limit": settings.UPLOAD_MAX_MB
        }

    def clean_region_code(self):
        code = self.cleaned_data["region_code"].strip()
        kind = self.cleaned_data.get("kind")
        if code and kind in REGION_CODE_SHAPES:
            pattern, example = REGION_CODE_SHAPES[kind]
            if not re.match(pattern, code):
                raise forms.ValidationError(
                    _("For a %(kind)s the Kemendagri region code looks like %(example)s.")
                    % {"kind": Agency.Kind(kind).label.lower(), "example": example}
                )
        return code

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo and "logo" in self.files and uploads.sniff(logo) not in LOGO_KINDS:
            # Pillow also opens GIF, BMP, WebP...; a logo shown on every page stays PNG or JPEG.
            raise forms.ValidationError(_("The logo must be a PNG or JPEG image."))
        return logo

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from .models import Membership, Role


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
                    validate_password(password, User(username=username, email=data.get("email", "")))
                except forms.ValidationError as error:
                    self.add_error("password", error)
            email = data.get("email")
            if email and User.objects.filter(email__iexact=email).exists():
                self.add_error("email", _("Another login already uses this e-mail."))
        elif Membership.objects.filter(user=existing, agency=self.agency, role=data.get("role")).exists():
            self.add_error("role", _("This person already has this role in the agency."))
        return data


class AuditFilterForm(forms.Form):
    q = forms.CharField(label=_("Object or change contains"), required=False)
    actor = forms.CharField(label=_("By (username)"), required=False)
    model = forms.ChoiceField(label=_("Kind of data"), required=False)
    action = forms.ChoiceField(label=_("Action"), required=False)
    date_from = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, model_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        from .models import AuditEntry

        self.fields["model"].choices = [("", _("All"))] + list(model_choices)
        self.fields["action"].choices = [("", _("All"))] + list(AuditEntry.Action.choices)

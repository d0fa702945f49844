from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.forms import LoginForm as BaseLoginForm
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class AccountAdapter(DefaultAccountAdapter):
    """Accounts are made by the agency (imports, admins), never by public sign-up."""

    def is_open_for_signup(self, request):
        return False

    def get_login_redirect_url(self, request):
        return reverse("home")

    def _get_login_attempts_cache_key(self, request, **credentials):
        """Count failed logins per account, whether the person typed the NIP or the e-mail.

        allauth counts per typed identifier; someone guessing passwords would otherwise get
        five tries with the NIP and five more with the e-mail address of the same account.
        """
        login = credentials.get("email", credentials.get("username", "")).strip()
        if login:
            user = (
                get_user_model()
                .objects.filter(Q(username__iexact=login) | Q(email__iexact=login))
                .order_by("pk")
                .values_list("pk", flat=True)
                .first()
            )
            if user is not None:
                return f"user:{user}"
        return super()._get_login_attempts_cache_key(request, **credentials)


class LoginForm(BaseLoginForm):
    """allauth's login form, saying what ASN actually type: their NIP or their e-mail."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["login"]
        field.label = _("NIP or e-mail")
        field.widget.attrs.update(
            {"placeholder": _("18-digit NIP or e-mail address"), "autocomplete": "username"}
        )

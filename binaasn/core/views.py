from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponseBadRequest, HttpResponseServerError
from django.shortcuts import get_object_or_404, redirect, render
from django.template import loader
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import services
from .audit import change_summary
from .exports import wants_xlsx, xlsx_response
from .forms import AgencySettingsForm, AuditFilterForm, MembershipForm
from .models import Agency, AuditEntry, Job, Membership
from .permissions import ALL_ROLES, role_required


@login_required
def home(request):
    """Send a user to the agency they used last, or let them choose."""
    memberships = list(
        Membership.objects.filter(user=request.user, is_active=True, agency__is_active=True)
        .select_related("agency")
        .order_by("agency__name")
    )
    agencies = {m.agency.slug: m.agency for m in memberships}
    last = request.user.last_agency
    if last is not None and last.slug in agencies:
        return redirect("core:home-agency", agency=last.slug)
    if len(agencies) == 1:
        return redirect("core:home-agency", agency=next(iter(agencies)))
    return render(request, "core/choose_agency.html", {"memberships": memberships})


@role_required(*ALL_ROLES)
def home_agency(request, agency):
    from binaasn.people import queries as people_queries

    context = {"panel": people_queries.home_panel(request.agency, request.membership, request.user)}
    if context["panel"]["employee"] is not None:
        from binaasn.learning import queries as learning_queries

        context["jp_progress"] = learning_queries.jp_progress(
            request.agency, context["panel"]["employee"]
        )
    return render(request, "core/home.html", context)


@require_POST
@role_required(*ALL_ROLES)
def switch_role(request, agency):
    role = request.POST.get("role")
    if any(m.role == role for m in request.memberships):
        request.session[f"role:{request.agency.pk}"] = role
    return redirect("core:home-agency", agency=request.agency.slug)


def _audit_queryset(agency, form):
    entries = AuditEntry.objects.filter(agency=agency).select_related("actor", "content_type")
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            entries = entries.filter(
                Q(object_repr__icontains=data["q"])
                | Q(changes__icontains=data["q"])
                | Q(changes_text__icontains=data["q"])
            )
        if data["actor"]:
            entries = entries.filter(
                Q(actor__username__icontains=data["actor"])
                | Q(actor__full_name__icontains=data["actor"])
            )
        if data["model"]:
            entries = entries.filter(content_type_id=data["model"])
        if data["action"] not in ("", None):
            entries = entries.filter(action=data["action"])
        if data["date_from"]:
            entries = entries.filter(timestamp__date__gte=data["date_from"])
        if data["date_to"]:
            entries = entries.filter(timestamp__date__lte=data["date_to"])
    return entries.order_by("-timestamp", "-pk")


def _audited_kinds():
    """(content type id, label) of every model the audit trail records, for the kind filter."""
    from auditlog.registry import auditlog

    models = [model for model in auditlog.get_models() if model._meta.app_label != "auth"]
    types = ContentType.objects.get_for_models(*models)  # cached after the first request
    return sorted(
        ((types[model].pk, str(model._meta.verbose_name).capitalize()) for model in models),
        key=lambda choice: choice[1],
    )


@role_required("admin")
def audit_list(request, agency):
    form = AuditFilterForm(request.GET or None, model_choices=_audited_kinds())
    entries = _audit_queryset(request.agency, form)
    if wants_xlsx(request):
        rows = (
            (
                e.timestamp,
                e.actor.username if e.actor else "",
                e.actor.full_name if e.actor else "",
                e.get_action_display(),
                e.content_type.model_class()._meta.verbose_name
                if e.content_type.model_class()
                else "",
                e.object_repr,
                change_summary(e),
                e.remote_addr or "",
            )
            for e in entries.iterator()
        )
        headers = [
            _("Time"),
            _("By (username)"),
            _("By (name)"),
            _("Action"),
            _("Kind"),
            _("Object"),
            _("Changes (before → after)"),
            _("IP address"),
        ]
        return xlsx_response("audit", headers, rows, title=_("Audit"))
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "core/audit_list.html", {"form": form, "page_obj": page})


@role_required("admin")
def membership_list(request, agency):
    memberships = (
        Membership.objects.filter(agency=request.agency)
        .select_related("user", "unit")
        .order_by("role", "user__username")
    )
    query = request.GET.get("q", "").strip()
    if query:
        memberships = memberships.filter(
            Q(user__username__icontains=query)
            | Q(user__full_name__icontains=query)
            | Q(user__email__icontains=query)
        )
    if wants_xlsx(request):
        rows = (
            (
                m.user.username,
                m.user.full_name,
                m.user.email,
                m.get_role_display(),
                m.unit.name if m.unit else "",
                _("Yes") if m.is_active else _("No"),
            )
            for m in memberships
        )
        headers = [
            _("Username or NIP"),
            _("Full name"),
            _("E-mail"),
            _("Role"),
            _("Unit"),
            _("Active"),
        ]
        return xlsx_response("pengguna", headers, rows, title=_("Users"))
    page = Paginator(memberships, 50).get_page(request.GET.get("page"))
    return render(request, "core/membership_list.html", {"page_obj": page, "q": query})


@role_required("admin")
def membership_create(request, agency):
    form = MembershipForm(request.POST or None, agency=request.agency)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():
            user = form.existing_user
            if user is None:
                user = get_user_model().objects.create_user(
                    username=data["username"].strip(),
                    email=data["email"] or "",
                    password=data["password"],
                    full_name=data["full_name"],
                )
            services.grant_membership(
                user=user,
                agency=request.agency,
                role=data["role"],
                unit=data["unit"],
                by=request.user,
            )
        messages.success(request, _("Access granted to %(name)s.") % {"name": user})
        return redirect("core:membership-list", agency=request.agency.slug)
    return render(request, "core/membership_form.html", {"form": form})


@require_POST
@role_required("admin")
def membership_toggle(request, agency, pk):
    membership = get_object_or_404(Membership.objects.filter(agency=request.agency), pk=pk)
    if membership.user_id == request.user.pk:
        messages.error(request, _("You cannot switch off your own access."))
    else:
        membership.is_active = not membership.is_active
        membership.save(update_fields=["is_active"])
        messages.success(request, _("Access updated."))
    return redirect("core:membership-list", agency=request.agency.slug)


def _job_for(request, pk):
    job = get_object_or_404(Job.objects.for_agency(request.agency), pk=pk)
    if request.membership.role != "admin" and job.created_by_id != request.user.pk:
        raise Http404
    return job


@role_required(*ALL_ROLES)
def job_detail(request, agency, pk):
    job = _job_for(request, pk)
    return render(request, "core/job_detail.html", {"job": job})


@role_required(*ALL_ROLES)
def job_progress(request, agency, pk):
    job = _job_for(request, pk)
    response = render(request, "core/_job_progress.html", {"job": job})
    if job.is_finished and request.htmx:
        # The whole page shows the result once the job is done.
        response["HX-Refresh"] = "true"
    return response


@role_required(*ALL_ROLES)
def job_download(request, agency, pk):
    job = _job_for(request, pk)
    if not job.result_file:
        raise Http404
    return FileResponse(
        job.result_file.open("rb"),
        as_attachment=True,
        filename=job.result_file.name.rsplit("/", 1)[-1],
    )


@role_required(*ALL_ROLES)
def style_guide(request, agency):
    from django import forms as django_forms

    class SampleForm(django_forms.Form):
        name = django_forms.CharField(label=_("Name"))
        nip = django_forms.CharField(label=_("NIP"))

    form = SampleForm({"name": "", "nip": "12345"})
    form.is_valid()
    form.add_error("nip", _("NIP must be 18 digits (this one has %(n)d).") % {"n": 5})
    return render(request, "core/style_guide.html", {"form": form, "sample_progress": [0, 35, 100]})


def error_404(request, exception=None):
    return render(request, "404.html", status=404)


def error_403(request, exception=None):
    return render(request, "403.html", status=403)


def error_400(request, exception=None):
    # Rendered without context processors: the request may be too broken to build a navbar.
    content = loader.get_template("400.html").render({"upload_limit": settings.UPLOAD_MAX_MB})
    return HttpResponseBadRequest(content)


def error_500(request):
    # No context processors either: the error may come from the database they would query.
    return HttpResponseServerError(loader.get_template("500.html").render())


@role_required("admin")
def agency_settings(request, agency):
    """The agency's own name, region code, logo and second-factor policy (admins only)."""
    instance = Agency.objects.get(pk=request.agency.pk)
    form = AgencySettingsForm(request.POST or None, request.FILES or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        services.update_agency_settings(form.instance, mfa_roles=form.cleaned_data["mfa_roles"])
        messages.success(request, _("Agency settings saved."))
        return redirect("core:agency-settings", agency=request.agency.slug)
    return render(request, "core/agency_settings.html", {"form": form})

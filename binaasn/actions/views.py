"""Staff pages of follow-up actions: the list, the overdue list, one action and its status."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from binaasn.core.exports import wants_xlsx, xlsx_response
from binaasn.core.permissions import ALL_ROLES, role_required

from . import services
from .forms import ActionFilterForm, ActionForm, ActionStatusForm
from .models import FollowUpAction


def _visible(request):
    return (
        FollowUpAction.objects.for_agency(request.agency)
        .visible_to(request.membership)
        .select_related("unit", "owner_employee", "owner_user", "source_type")
    )


def _can_manage(membership):
    return membership.role in ("admin", "operator")


def _can_update(request, action):
    user_id = request.user.pk
    owner = action.owner_user_id == user_id or (
        action.owner_employee_id and action.owner_employee.user_id == user_id
    )
    return _can_manage(request.membership) or owner


def _export(actions):
    headers = [
        _("Title"),
        _("Kind"),
        _("Unit"),
        _("Owner"),
        _("Due date"),
        _("Status"),
        _("Overdue"),
        _("Closed at"),
    ]
    today = timezone.localdate()
    rows = (
        (
            a.title,
            a.get_kind_display(),
            a.unit.name if a.unit else "",
            a.owner_display,
            a.due_on,
            a.get_status_display(),
            _("Yes") if a.is_overdue_on(today) else _("No"),
            a.closed_at,
        )
        for a in actions
    )
    return xlsx_response("tindak-lanjut", headers, rows, title=_("Follow-up actions"))


def _render_list(request, actions, *, overdue, form=None):
    if wants_xlsx(request):
        return _export(actions)
    context = {
        "page_obj": Paginator(actions, 50).get_page(request.GET.get("page")),
        "overdue": overdue,
        "form": form,
        "today": timezone.localdate(),
        "can_manage": _can_manage(request.membership),
    }
    return render(request, "actions/action_list.html", context)


@role_required(*ALL_ROLES)
def action_list(request, agency):
    form = ActionFilterForm(request.GET or None)
    actions = _visible(request)
    if form.is_valid():
        status = form.cleaned_data["status"]
        if status == "open_all":
            actions = actions.open()
        elif status:
            actions = actions.filter(status=status)
        if form.cleaned_data["kind"]:
            actions = actions.filter(kind=form.cleaned_data["kind"])
    return _render_list(request, actions, overdue=False, form=form)


@role_required(*ALL_ROLES)
def action_overdue(request, agency):
    return _render_list(request, _visible(request).overdue(timezone.localdate()), overdue=True)


@role_required("admin", "operator")
def action_create(request, agency):
    form = ActionForm(request.POST or None, agency=request.agency)
    if request.method == "POST" and form.is_valid():
        fields = {k: form.cleaned_data[k] for k in services.EDITABLE_FIELDS if k != "title"}
        try:
            action = services.create_action(
                agency=request.agency, title=form.cleaned_data["title"], by=request.user, **fields
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Follow-up action created."))
            return redirect("actions:action-detail", agency=request.agency.slug, pk=action.pk)
    return render(request, "actions/action_form.html", {"form": form})


@role_required(*ALL_ROLES)
def action_detail(request, agency, pk):
    action = get_object_or_404(_visible(request), pk=pk)
    can_update = _can_update(request, action)
    status_form = ActionStatusForm(initial={"status": action.status, "note": action.closing_note})
    if request.method == "POST":
        if not can_update:
            raise Http404
        status_form = ActionStatusForm(request.POST, request.FILES)
        if status_form.is_valid():
            data = status_form.cleaned_data
            try:
                services.set_action_status(
                    action,
                    data["status"],
                    by=request.user,
                    note=data["note"],
                    evidence=data["evidence"],
                )
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    status_form.add_error(field if field in status_form.fields else None, errors)
            else:
                messages.success(request, _("Status saved."))
                return redirect("actions:action-detail", agency=request.agency.slug, pk=action.pk)
    source = action.source if action.source_type_id else None
    return render(
        request,
        "actions/action_detail.html",
        {
            "action": action,
            "status_form": status_form,
            "can_update": can_update,
            "can_manage": _can_manage(request.membership),
            "source": source,
        },
    )


@role_required("admin", "operator")
def action_edit(request, agency, pk):
    action = get_object_or_404(_visible(request), pk=pk)
    form = ActionForm(request.POST or None, instance=action, agency=request.agency)
    if request.method == "POST" and form.is_valid():
        fields = {k: form.cleaned_data[k] for k in services.EDITABLE_FIELDS}
        try:
            services.update_action(action, by=request.user, **fields)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Follow-up action saved."))
            return redirect("actions:action-detail", agency=request.agency.slug, pk=action.pk)
    return render(request, "actions/action_form.html", {"form": form, "action": action})


@role_required(*ALL_ROLES)
def action_evidence(request, agency, pk):
    action = get_object_or_404(_visible(request), pk=pk)
    if not action.evidence:
        raise Http404
    return FileResponse(
        action.evidence.open("rb"),
        as_attachment=True,
        filename=action.evidence.name.rsplit("/", 1)[-1],
    )

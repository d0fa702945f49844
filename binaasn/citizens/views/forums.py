"""Staff pages of dialogue forums: plan, record attendance and minutes, raise issues with their
follow-up actions."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binaasn.actions.models import FollowUpAction
from binaasn.core.exports import wants_xlsx, xlsx_response
from binaasn.core.permissions import role_required

from ..forms.staff import ForumForm, ForumIssueForm
from ..models import Forum
from ..services import forums as forum_services
from .common import attach_errors, can_manage

VIEW_ROLES = ("admin", "operator", "leader")


def _visible(request):
    return (
        Forum.objects.for_agency(request.agency)
        .visible_to(request.membership)
        .select_related("unit")
    )


@role_required(*VIEW_ROLES)
def forum_list(request, agency):
    forums = _visible(request)
    if wants_xlsx(request):
        rows = ((f.held_on, f.theme, f.place, f.unit.name, f.community_attendance) for f in forums)
        headers = [
            _("Date"),
            _("Theme"),
            _("Place"),
            _("Organising unit"),
            _("Members of the public present"),
        ]
        return xlsx_response("forum", headers, rows, title=_("Dialogue forums"))
    page = Paginator(forums, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "citizens/forum_list.html",
        {"page_obj": page, "can_manage": can_manage(request.membership)},
    )


def _forum_fields(data):
    return {name: data[name] for name in forum_services.FORUM_FIELDS}


@role_required("admin", "operator")
def forum_create(request, agency):
    form = ForumForm(
        request.POST or None,
        request.FILES or None,
        agency=request.agency,
        membership=request.membership,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            forum = forum_services.create_forum(
                agency=request.agency,
                by=request.user,
                invited_employees=data["invited_employees"],
                **_forum_fields(data),
            )
            if data["attended_employees"] or data["minutes_file"]:
                forum_services.update_forum(
                    forum,
                    by=request.user,
                    attended_employees=data["attended_employees"],
                    minutes_file=data["minutes_file"],
                )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Forum saved."))
            return redirect("citizens:forum-detail", agency=request.agency.slug, pk=forum.pk)
    return render(request, "citizens/forum_form.html", {"form": form})


@role_required(*VIEW_ROLES)
def forum_detail(request, agency, pk):
    forum = get_object_or_404(_visible(request), pk=pk)
    issues = forum.issues.prefetch_related(
        "actions", "actions__owner_employee", "actions__owner_user"
    ).order_by("pk")
    context = {
        "forum": forum,
        "issues": issues,
        "invited": forum.invited_employees.all(),
        "attended": forum.attended_employees.all(),
        "issue_form": ForumIssueForm(agency=request.agency),
        "can_manage": can_manage(request.membership),
        "public_url": request.build_absolute_uri(
            reverse(
                "citizens_public:forum",
                kwargs={"public_agency": request.agency.slug, "code": forum.public_code},
            )
        ),
    }
    return render(request, "citizens/forum_detail.html", context)


@role_required("admin", "operator")
def forum_edit(request, agency, pk):
    forum = get_object_or_404(_visible(request), pk=pk)
    initial = {name: getattr(forum, name) for name in forum_services.FORUM_FIELDS}
    initial["invited_employees"] = forum.invited_employees.all()
    initial["attended_employees"] = forum.attended_employees.all()
    form = ForumForm(
        request.POST or None,
        request.FILES or None,
        agency=request.agency,
        membership=request.membership,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            forum_services.update_forum(
                forum,
                by=request.user,
                invited_employees=data["invited_employees"],
                attended_employees=data["attended_employees"],
                minutes_file=data["minutes_file"],
                **_forum_fields(data),
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Forum saved."))
            return redirect("citizens:forum-detail", agency=request.agency.slug, pk=forum.pk)
    return render(request, "citizens/forum_form.html", {"form": form, "forum": forum})


@require_POST
@role_required("admin", "operator")
def forum_issue_create(request, agency, pk):
    """Record an issue raised in the forum together with the follow-up action answering it."""
    forum = get_object_or_404(_visible(request), pk=pk)
    form = ForumIssueForm(request.POST, agency=request.agency)
    if form.is_valid():
        data = form.cleaned_data
        try:
            forum_services.raise_issue(
                forum,
                title=data["title"],
                description=data["description"],
                raised_by=data["raised_by"],
                by=request.user,
                action={
                    "title": data["action_title"] or None,
                    "owner_employee": data["owner_employee"],
                    "due_on": data["due_on"],
                    "kind": FollowUpAction.Kind.SERVICE_IMPROVEMENT,
                },
            )
        except ValidationError as error:
            attach_errors(form, error)
    if form.errors:
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            messages.error(request, f"{label}: {' '.join(errors)}" if label else " ".join(errors))
    else:
        messages.success(request, _("Issue and follow-up action recorded."))
    return redirect("citizens:forum-detail", agency=request.agency.slug, pk=forum.pk)


@role_required(*VIEW_ROLES)
def forum_minutes(request, agency, pk):
    forum = get_object_or_404(_visible(request), pk=pk)
    if not forum.minutes_file:
        raise Http404
    return FileResponse(
        forum.minutes_file.open("rb"),
        as_attachment=True,
        filename=forum.minutes_file.name.rsplit("/", 1)[-1],
    )

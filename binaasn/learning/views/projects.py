"""Project-based learning groups: brief, milestones, deliverables, the coach's rubric."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binaasn.core.permissions import ALL_ROLES, role_required

from .. import access
from ..forms import CriterionForm, DeliverableForm, MilestoneForm, ProjectGroupForm, attach_errors
from ..models import ProjectDeliverable, ProjectGroup, ProjectMilestone, RubricCriterion
from ..services import projects as project_services
from ..services import results as result_services
from .common import flash_error, run_action


def _visible(request):
    groups = ProjectGroup.objects.for_agency(request.agency)
    membership = request.membership
    if membership.role in ("admin", "leader"):
        return groups
    me = access.me(request)
    mine = Q(coach=request.user) | (Q(members=me) if me is not None else Q(pk__in=[]))
    if membership.role == "operator" and membership.unit_id:
        mine |= Q(unit__path__startswith=membership.unit.path)
    return groups.filter(mine).distinct()


def _group_or_404(request, pk):
    return get_object_or_404(_visible(request).select_related("coach", "unit"), pk=pk)


def _is_coach(request, group):
    return group.coach_id == request.user.pk


def _can_manage(request, group):
    return _is_coach(request, group) or access.is_staff(request.membership)


def _is_member(request, group):
    me = access.me(request)
    return me is not None and group.members.filter(pk=me.pk).exists()


def _url(agency, pk):
    return reverse("learning:project-detail", kwargs={"agency": agency, "pk": pk})


def _form_errors(request, form):
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)


@role_required(*ALL_ROLES)
def project_list(request, agency):
    groups = (
        _visible(request)
        .select_related("coach")
        .annotate(member_count=Count("members", distinct=True))
        .order_by("-starts_on", "title")
    )
    page = Paginator(groups, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "learning/project_list.html",
        {"page_obj": page, "can_create": access.is_staff(request.membership)},
    )


@role_required("admin", "operator")
def project_create(request, agency):
    group = ProjectGroup(agency=request.agency)
    form = ProjectGroupForm(
        request.POST or None, instance=group, agency=request.agency, membership=request.membership
    )
    if request.method == "POST" and form.is_valid():
        try:
            project_services.create_group(
                form.save(commit=False), members=form.cleaned_data["member_nips"], by=request.user
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Project group created."))
            return redirect(_url(agency, group.pk))
    return render(request, "learning/project_form.html", {"form": form})


@role_required(*ALL_ROLES)
def project_detail(request, agency, pk):
    group = _group_or_404(request, pk)
    criteria = list(group.criteria.all())
    return render(
        request,
        "learning/project_detail.html",
        {
            "group": group,
            "members": group.members.select_related("unit").order_by("name"),
            "milestones": group.milestones.all(),
            "deliverables": group.deliverables.select_related("milestone", "uploaded_by"),
            "criteria": criteria,
            "weighted": project_services.weighted_score(criteria),
            "is_coach": _is_coach(request, group),
            "can_manage": _can_manage(request, group),
            "can_upload": _can_manage(request, group) or _is_member(request, group),
            "milestone_form": MilestoneForm(),
            "deliverable_form": DeliverableForm(group=group),
            "criterion_form": CriterionForm(),
            "credit": project_services.project_credit(group),
        },
    )


@require_POST
@role_required(*ALL_ROLES)
def project_milestone_add(request, agency, pk):
    group = _group_or_404(request, pk)
    if not _can_manage(request, group):
        raise Http404
    form = MilestoneForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return redirect(_url(agency, pk))
    return run_action(
        request,
        lambda: project_services.add_milestone(group, **form.cleaned_data),
        _("Milestone added."),
        _url(agency, pk),
    )


@require_POST
@role_required(*ALL_ROLES)
def project_milestone_done(request, agency, pk):
    milestone = get_object_or_404(ProjectMilestone.objects.for_agency(request.agency), pk=pk)
    group = _group_or_404(request, milestone.group_id)
    if not _can_manage(request, group):
        raise Http404
    return run_action(
        request,
        lambda: project_services.complete_milestone(milestone, done=milestone.completed_on is None),
        _("Milestone updated."),
        _url(agency, group.pk),
    )


@require_POST
@role_required(*ALL_ROLES)
def project_deliverable_upload(request, agency, pk):
    group = _group_or_404(request, pk)
    if not (_can_manage(request, group) or _is_member(request, group)):
        raise Http404
    form = DeliverableForm(request.POST, request.FILES, group=group)
    if not form.is_valid():
        _form_errors(request, form)
        return redirect(_url(agency, pk))
    data = form.cleaned_data
    return run_action(
        request,
        lambda: project_services.upload_deliverable(
            group,
            title=data["title"],
            file=data["file"],
            milestone=data["milestone"],
            by=request.user,
        ),
        _("Deliverable uploaded."),
        _url(agency, pk),
    )


@role_required(*ALL_ROLES)
def project_deliverable_download(request, agency, pk):
    deliverable = get_object_or_404(ProjectDeliverable.objects.for_agency(request.agency), pk=pk)
    _group_or_404(request, deliverable.group_id)
    return FileResponse(
        deliverable.file.open("rb"),
        as_attachment=True,
        filename=deliverable.file.name.rsplit("/", 1)[-1],
    )


@require_POST
@role_required(*ALL_ROLES)
def project_criterion_add(request, agency, pk):
    group = _group_or_404(request, pk)
    if not _can_manage(request, group):
        raise Http404
    form = CriterionForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return redirect(_url(agency, pk))
    return run_action(
        request,
        lambda: project_services.add_criterion(group, **form.cleaned_data),
        _("Criterion added."),
        _url(agency, pk),
    )


@require_POST
@role_required(*ALL_ROLES)
def project_rubric_score(request, agency, pk):
    """The coach scores every criterion 0–100; nothing is saved while any score is wrong."""
    group = _group_or_404(request, pk)
    if not _is_coach(request, group) and request.membership.role != "admin":
        raise Http404
    criteria = list(RubricCriterion.objects.for_agency(request.agency).filter(group=group))
    parsed, errors = {}, []
    for criterion in criteria:
        try:
            parsed[criterion.pk] = result_services.parse_score(
                request.POST.get(f"score_{criterion.pk}", ""), criterion.name
            )
        except ValidationError as error:
            errors.extend(error.messages)
    if errors:
        for error in errors:
            messages.error(request, error)
        return redirect(_url(agency, pk))
    try:
        for criterion in criteria:
            if parsed[criterion.pk] != criterion.score:
                project_services.score_criterion(criterion, parsed[criterion.pk])
    except ValidationError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("Rubric scores saved."))
    return redirect(_url(agency, pk))


@require_POST
@role_required(*ALL_ROLES)
def project_complete(request, agency, pk):
    group = _group_or_404(request, pk)
    if not _can_manage(request, group):
        raise Http404
    return run_action(
        request,
        lambda: project_services.complete_group(group, by=request.user),
        lambda r: (
            (
                _("Project completed with %(score)s: members credited with JP.")
                if r[0]
                else _("Project closed with %(score)s, below the pass score: no JP credited.")
            )
            % {"score": r[1]}
        ),
        _url(agency, pk),
    )

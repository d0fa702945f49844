"""Mentoring pairs: goals, meeting logs, feedback from both sides, completion (NKL02)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binaasn.core.permissions import ALL_ROLES, role_required

from .. import access
from ..forms import FeedbackForm, GoalForm, MeetingForm, MentorshipForm, attach_errors
from ..models import MentoringGoal, Mentorship
from ..services import mentoring as mentoring_services
from .common import flash_error, run_action


def _visible(request):
    pairs = Mentorship.objects.for_agency(request.agency)
    membership = request.membership
    if membership.role in ("admin", "leader"):
        return pairs
    me = access.me(request)
    mine = Q(mentor=me) | Q(mentee=me) if me is not None else Q(pk__in=[])
    if membership.role == "operator" and membership.unit_id:
        return pairs.filter(mine | Q(mentee__unit__path__startswith=membership.unit.path))
    return pairs.filter(mine)


def _pair_or_404(request, pk):
    return get_object_or_404(
        _visible(request).select_related("mentor", "mentee", "mentee__unit"), pk=pk
    )


def _side(request, pair):
    me = access.me(request)
    if me is None:
        return None
    if pair.mentor_id == me.pk:
        return "mentor"
    if pair.mentee_id == me.pk:
        return "mentee"
    return None


def _can_manage(request, pair):
    return access.is_staff(request.membership) or _side(request, pair) == "mentor"


@role_required(*ALL_ROLES)
def mentorship_list(request, agency):
    pairs = (
        _visible(request)
        .select_related("mentor", "mentee")
        .annotate(meeting_count=Count("meetings"))
        .order_by("-starts_on", "-pk")
    )
    page = Paginator(pairs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "learning/mentorship_list.html",
        {"page_obj": page, "can_create": access.is_staff(request.membership)},
    )


@role_required("admin", "operator")
def mentorship_create(request, agency):
    form = MentorshipForm(
        request.POST or None, agency=request.agency, membership=request.membership
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            pair, warning = mentoring_services.create_mentorship(
                agency=request.agency,
                mentor=data["mentor"],
                mentee=data["mentee"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                purpose=data["purpose"],
                by=request.user,
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            if warning:
                messages.warning(request, warning)
            messages.success(request, _("Mentoring pair created."))
            return redirect("learning:mentorship-detail", agency=agency, pk=pair.pk)
    return render(request, "learning/mentorship_form.html", {"form": form})


@role_required(*ALL_ROLES)
def mentorship_detail(request, agency, pk):
    pair = _pair_or_404(request, pk)
    side = _side(request, pair)
    credit, minutes = mentoring_services.mentoring_credit(pair)
    return render(
        request,
        "learning/mentorship_detail.html",
        {
            "pair": pair,
            "side": side,
            "can_manage": _can_manage(request, pair),
            "goals": pair.goals.all(),
            "meetings": pair.meetings.all(),
            "goal_form": GoalForm(agency=request.agency),
            "meeting_form": MeetingForm(),
            "feedback_form": FeedbackForm(
                initial={"text": getattr(pair, f"{side}_feedback", "") if side else ""}
            ),
            "credit": credit,
            "minutes": minutes,
            "rank_warning": mentoring_services.rank_warning(pair.mentor, pair.mentee),
        },
    )


def _detail_url(agency, pk):
    return reverse("learning:mentorship-detail", kwargs={"agency": agency, "pk": pk})


@require_POST
@role_required(*ALL_ROLES)
def mentorship_goal_add(request, agency, pk):
    pair = _pair_or_404(request, pk)
    if not (_can_manage(request, pair) or _side(request, pair)):
        raise Http404
    form = GoalForm(request.POST, agency=request.agency)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(_detail_url(agency, pk))
    data = form.cleaned_data
    return run_action(
        request,
        lambda: mentoring_services.add_goal(
            pair,
            description=data["description"],
            competency=data.get("competency"),
            competency_name=data["competency_name"],
        ),
        _("Goal added."),
        _detail_url(agency, pk),
    )


@require_POST
@role_required(*ALL_ROLES)
def mentorship_goal_toggle(request, agency, pk):
    goal = get_object_or_404(MentoringGoal.objects.for_agency(request.agency), pk=pk)
    pair = _pair_or_404(request, goal.mentorship_id)
    if not _can_manage(request, pair):
        raise Http404
    return run_action(
        request,
        lambda: mentoring_services.set_goal_achieved(goal, not goal.is_achieved),
        _("Goal updated."),
        _detail_url(agency, pair.pk),
    )


@require_POST
@role_required(*ALL_ROLES)
def mentorship_meeting_add(request, agency, pk):
    pair = _pair_or_404(request, pk)
    if not (_can_manage(request, pair) or _side(request, pair)):
        raise Http404
    form = MeetingForm(request.POST)
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}: {error}" if label else error)
        return redirect(_detail_url(agency, pk))
    return run_action(
        request,
        lambda: mentoring_services.log_meeting(pair, by=request.user, **form.cleaned_data),
        _("Meeting logged."),
        _detail_url(agency, pk),
    )


@require_POST
@role_required(*ALL_ROLES)
def mentorship_feedback(request, agency, pk):
    pair = _pair_or_404(request, pk)
    side = _side(request, pair)
    if side is None:
        raise Http404
    form = FeedbackForm(request.POST)
    if form.is_valid():
        mentoring_services.give_feedback(pair, side=side, text=form.cleaned_data["text"])
        messages.success(request, _("Feedback saved."))
    else:
        messages.error(request, _("Write your feedback first."))
    return redirect(_detail_url(agency, pk))


@require_POST
@role_required(*ALL_ROLES)
def mentorship_complete(request, agency, pk):
    pair = _pair_or_404(request, pk)
    if not _can_manage(request, pair):
        raise Http404
    try:
        record = mentoring_services.complete_mentorship(pair, by=request.user)
    except ValidationError as error:
        flash_error(request, error)
    else:
        messages.success(
            request,
            _("Mentoring completed: %(jp)d JP credited to %(name)s.")
            % {"jp": record.jp, "name": pair.mentee.full_name},
        )
    return redirect(_detail_url(agency, pk))

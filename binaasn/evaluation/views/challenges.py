"""Pages of evaluation: the challenges register of an annual plan and the follow-up actions
that mitigate each challenge.

A plan belongs to the whole agency, so operators keep its register with the admins; leaders
read it; trainers and employees have no access."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from binaasn.actions import services as action_services
from binaasn.actions.forms import ActionForm
from binaasn.actions.models import FollowUpAction
from binaasn.core.exports import wants_xlsx, xlsx_response
from binaasn.core.permissions import role_required
from binaasn.planning.models import Plan

from ..forms.challenges import ChallengeFilterForm, ChallengeForm
from ..models import Challenge
from ..services import challenges as services

READERS = ("admin", "operator", "leader")
WRITERS = ("admin", "operator")


def _plan(request, pk):
    return get_object_or_404(Plan.objects.for_agency(request.agency), pk=pk)


def _challenge(request, pk):
    return get_object_or_404(
        Challenge.objects.for_agency(request.agency).select_related("plan", "agency"), pk=pk
    )


def _to_register(request, plan_pk):
    return redirect("evaluation:challenge-list", agency=request.agency.slug, pk=plan_pk)


def _attach(form, error):
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def _first_line(text):
    lines = text.strip().splitlines()
    return lines[0][:200] if lines else ""


def _action_line(action):
    due = date_format(action.due_on, "d-m-Y") if action.due_on else "–"
    parts = [action.title, action.owner_display or "–", due, action.get_status_display()]
    if action.overdue:
        parts.append(_("overdue"))
    return " · ".join(parts)


def _export(plan, challenges):
    headers = [
        _("Category"),
        _("Description"),
        _("Impact"),
        _("Status"),
        _("Mitigation"),
        _("Open actions"),
        _("Overdue actions"),
        _("Mitigation actions (owner · due · status)"),
        _("Recorded at"),
    ]
    rows = (
        (
            c.get_category_display(),
            c.description,
            c.get_impact_display(),
            c.get_status_display(),
            c.mitigation,
            c.open_count,
            c.overdue_count,
            "\n".join(_action_line(a) for a in c.actions),
            c.created_at,
        )
        for c in challenges
    )
    return xlsx_response(f"tantangan-{plan.year}", headers, rows, title=_("Challenges"))


@role_required(*READERS)
def challenge_list(request, agency, pk):
    plan = _plan(request, pk)
    form = ChallengeFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    today = timezone.localdate()
    challenges = services.plan_register(
        plan,
        category=filters.get("category", ""),
        impact=filters.get("impact", ""),
        status=filters.get("status", ""),
        today=today,
    )
    if wants_xlsx(request):
        return _export(plan, challenges)
    context = {
        "plan": plan,
        "challenges": challenges,
        "form": form,
        "is_filtered": any(filters.values()) if filters else False,
        "can_write": request.membership.role in WRITERS,
        "today": today,
    }
    return render(request, "evaluation/challenge_list.html", context)


@role_required(*WRITERS)
def challenge_create(request, agency, pk):
    plan = _plan(request, pk)
    form = ChallengeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.create_challenge(
                plan,
                by=request.user,
                **{k: form.cleaned_data[k] for k in services.CHALLENGE_FIELDS},
            )
        except ValidationError as error:
            _attach(form, error)
        else:
            messages.success(request, _("Challenge recorded."))
            return _to_register(request, plan.pk)
    return render(request, "evaluation/challenge_form.html", {"form": form, "plan": plan})


@role_required(*WRITERS)
def challenge_edit(request, agency, pk):
    challenge = _challenge(request, pk)
    form = ChallengeForm(request.POST or None, instance=challenge)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_challenge(
                challenge,
                by=request.user,
                resolution_note=form.cleaned_data["resolution_note"],
                **{k: form.cleaned_data[k] for k in services.CHALLENGE_FIELDS},
            )
        except ValidationError as error:
            _attach(form, error)
        else:
            messages.success(request, _("Challenge saved."))
            return _to_register(request, challenge.plan_id)
    return render(
        request,
        "evaluation/challenge_form.html",
        {
            "form": form,
            "plan": challenge.plan,
            "challenge": challenge,
            "open_actions": services.open_actions(challenge).count(),
        },
    )


@role_required(*WRITERS)
def challenge_action_create(request, agency, pk):
    challenge = _challenge(request, pk)
    form = ActionForm(
        request.POST or None,
        agency=request.agency,
        initial={"kind": FollowUpAction.Kind.GENERAL, "title": _first_line(challenge.mitigation)},
    )
    if request.method == "POST" and form.is_valid():
        fields = {k: form.cleaned_data[k] for k in action_services.EDITABLE_FIELDS if k != "title"}
        try:
            services.create_challenge_action(
                challenge, by=request.user, title=form.cleaned_data["title"], **fields
            )
        except ValidationError as error:
            _attach(form, error)
        else:
            messages.success(request, _("Mitigation action created."))
            return _to_register(request, challenge.plan_id)
    return render(
        request,
        "evaluation/challenge_action_form.html",
        {"form": form, "plan": challenge.plan, "challenge": challenge},
    )


urlpatterns = [
    path("rencana/<int:pk>/tantangan/", challenge_list, name="challenge-list"),
    path("rencana/<int:pk>/tantangan/tambah/", challenge_create, name="challenge-create"),
    path("tantangan/<int:pk>/ubah/", challenge_edit, name="challenge-edit"),
    path(
        "tantangan/<int:pk>/tindak-lanjut/",
        challenge_action_create,
        name="challenge-action-create",
    ),
]

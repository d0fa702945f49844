"""Complaint patterns: recurring complaints (one service unit, one category, at least N
complaints in a period) and the follow-up actions that answer them."""

import datetime
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from binaasn.actions.forms import ActionForm
from binaasn.actions.models import FollowUpAction
from binaasn.core.exports import wants_xlsx, xlsx_response
from binaasn.core.permissions import role_required

from .. import queries
from ..forms.patterns import PatternFilterForm
from ..forms.staff import PeriodForm
from ..models import Complaint, ComplaintPattern
from ..services import patterns as pattern_services
from .common import attach_errors, visible_units

VIEW_ROLES = ("admin", "operator", "leader")
MANAGE_ROLES = ("admin", "operator")


def _months(start, end):
    months, day = [], start.replace(day=1)
    while day <= end:
        months.append(day)
        day = (day + datetime.timedelta(days=32)).replace(day=1)
    return months


def _noted_patterns(request, units, period):
    actions = FollowUpAction.objects.for_agency(request.agency).select_related(
        "owner_employee", "owner_user"
    )
    return list(
        ComplaintPattern.objects.for_agency(request.agency)
        .filter(unit__in=units, starts_on__lte=period.end, ends_on__gte=period.start)
        .select_related("unit", "agency")
        .prefetch_related(Prefetch("actions", queryset=actions.order_by("due_on", "pk")))
        .order_by("-created_at", "pk")
    )


def _pattern_rows(request, form, units):
    """The unit × category counts at or above the minimum, with their months and the actions
    of patterns already noted for them: three or four queries whatever the number of rows."""
    period = form.period
    scoped = units if request.membership.role == "operator" else None
    counts = queries.complaint_counts(
        request.agency, period.start, period.end, by=("unit", "category"), units=scoped
    )
    unit, category = form.chosen_unit, form.chosen_category
    rows = [
        row
        for row in counts
        if row["unit"] is not None
        and row["count"] >= form.minimum_value
        and (unit is None or row["unit"] == unit.pk)
        and (not category or row["category"] == category)
    ]
    months = _months(period.start, period.end) if form.by_month else []
    per_month = {}
    if months and rows:
        for item in queries.complaint_counts(
            request.agency, period.start, period.end, by=("unit", "category", "month"), units=scoped
        ):
            per_month[(item["unit"], item["category"], item["month"])] = item["count"]
    noted = _noted_patterns(request, units, period)
    actions = {}
    for pattern in noted:
        actions.setdefault((pattern.unit_id, pattern.category), []).extend(pattern.actions.all())
    labels = dict(Complaint.Category.choices)
    query = urlencode({"periode": "custom", "dari": period.start, "sampai": period.end})
    for row in rows:
        key = (row["unit"], row["category"])
        row["category_label"] = labels.get(row["category"], row["category"])
        row["months"] = [per_month.get((*key, month), 0) for month in months]
        row["actions"] = actions.get(key, [])
        row["action_url"] = "{}?{}".format(
            reverse(
                "citizens:complaint-pattern-action",
                kwargs={
                    "agency": request.agency.slug,
                    "pk": row["unit"],
                    "category": row["category"],
                },
            ),
            query,
        )
    return rows, months, noted


@role_required(*VIEW_ROLES)
def complaint_patterns(request, agency):
    units = visible_units(request)
    form = PatternFilterForm(request.GET or None, units=units)
    rows, months, noted = _pattern_rows(request, form, units)
    if wants_xlsx(request):
        headers = [
            _("Service unit"),
            _("Category"),
            _("Complaints"),
            *[month.strftime("%Y-%m") for month in months],
            _("Follow-up actions"),
        ]
        data = (
            (
                row["unit_name"],
                row["category_label"],
                row["count"],
                *row["months"],
                "; ".join(f"{a.title} ({a.get_status_display()})" for a in row["actions"]),
            )
            for row in rows
        )
        return xlsx_response("pola-pengaduan", headers, data, title=_("Complaint patterns"))
    context = {
        "form": form,
        "period": form.period,
        "minimum": form.minimum_value,
        "rows": rows,
        "months": months,
        "noted": noted,
        "can_act": request.membership.role in MANAGE_ROLES,
    }
    return render(request, "citizens/complaint_patterns.html", context)


@role_required(*MANAGE_ROLES)
def complaint_pattern_action(request, agency, pk, category):
    """Note the pattern of a unit and category in a period, with the follow-up action that
    answers it (the action form of actions, owner required)."""
    unit = get_object_or_404(visible_units(request), pk=pk)
    if category not in Complaint.Category.values:
        raise Http404
    period_form = PeriodForm(request.GET or None)
    period = period_form.period
    count = pattern_services.count_for(unit, category, period.start, period.end)
    label = dict(Complaint.Category.choices)[category]
    form = ActionForm(
        request.POST or None,
        agency=request.agency,
        initial={
            "title": _("Reduce complaints about %(category)s at %(unit)s")
            % {"category": label.lower(), "unit": unit.name},
            "kind": FollowUpAction.Kind.SERVICE_IMPROVEMENT,
            "unit": unit.org_unit_id,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            pattern, _action = pattern_services.note_complaint_pattern(
                unit=unit,
                category=category,
                start=period.start,
                end=period.end,
                by=request.user,
                action=form.cleaned_data,
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Complaint pattern noted with its follow-up action."))
            return redirect(pattern.staff_url)
    context = {
        "form": form,
        "unit": unit,
        "category_label": label,
        "period": period,
        "count": count,
        "back_url": "{}?{}".format(
            reverse("citizens:complaint-patterns", kwargs={"agency": request.agency.slug}),
            urlencode({"periode": "custom", "dari": period.start, "sampai": period.end}),
        ),
    }
    return render(
        request,
        "citizens/complaint_pattern_action.html",
        context,
        status=400 if form.errors else 200,
    )

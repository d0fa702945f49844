"""Scores (typed in or imported) and assignment grades; completion shown per participant."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from binaasn.core.exports import xlsx_response
from binaasn.core.permissions import role_required
from binaasn.core.uploads import validate_spreadsheet

from .. import access, completion
from ..forms import AssignmentForm, ScoreImportForm
from ..models import Assignment, AssignmentGrade, Attendance, Enrolment
from ..services import results as result_services

RUNNERS = ("admin", "operator", "trainer")


def _participants(request, offering):
    enrolments = list(
        Enrolment.objects.for_agency(request.agency)
        .filter(offering=offering, status=Enrolment.Status.ENROLLED)
        .select_related("employee")
        .order_by("employee__name")
    )
    total = offering.sessions.count()
    attended = {}
    for enrolment_id in (
        Attendance.objects.for_agency(request.agency)
        .filter(session__offering=offering, is_present=True)
        .values_list("enrolment_id", flat=True)
    ):
        attended[enrolment_id] = attended.get(enrolment_id, 0) + 1
    for enrolment in enrolments:
        enrolment.outcome = completion.evaluate(
            attended=attended.get(enrolment.pk, 0),
            total_sessions=total,
            post_test=enrolment.post_test,
            min_attendance_percent=offering.min_attendance_percent,
            min_post_test=offering.min_post_test,
        )
        enrolment.gain = completion.normalised_gain(enrolment.pre_test, enrolment.post_test)
    return enrolments


@role_required(*RUNNERS)
def score_sheet(request, agency, pk):
    """Type pre- and post-test scores for every participant; all rows are checked first and
    nothing is saved while any row is wrong."""
    offering = access.run_offering_or_404(request, pk)
    enrolments = _participants(request, offering)
    errors = {}
    if request.method == "POST":
        parsed = {}
        for enrolment in enrolments:
            row = {}
            for key, label in (("pre", _("Pre-test")), ("post", _("Post-test"))):
                raw = request.POST.get(f"{key}_{enrolment.pk}", "")
                enrolment.typed = {**getattr(enrolment, "typed", {}), key: raw}
                try:
                    row[key] = result_services.parse_score(
                        raw, f"{enrolment.employee.full_name}, {label}"
                    )
                except ValidationError as error:
                    errors.setdefault(enrolment.pk, []).extend(error.messages)
            parsed[enrolment.pk] = row
        if not errors:
            saved = 0
            try:
                with transaction.atomic():
                    for enrolment in enrolments:
                        row = parsed[enrolment.pk]
                        if (row["pre"], row["post"]) != (enrolment.pre_test, enrolment.post_test):
                            result_services.set_scores(
                                enrolment,
                                pre_test=row["pre"],
                                post_test=row["post"],
                                by=request.user,
                            )
                            saved += 1
            except ValidationError as error:
                for message in error.messages:
                    messages.error(request, message)
            else:
                messages.success(
                    request,
                    ngettext(
                        "Scores saved for %(n)d participant.",
                        "Scores saved for %(n)d participants.",
                        saved,
                    )
                    % {"n": saved},
                )
                return redirect("learning:score-sheet", agency=agency, pk=pk)
        else:
            messages.error(
                request, _("Nothing was saved: correct the scores marked below (0–100).")
            )
    for enrolment in enrolments:
        enrolment.errors = errors.get(enrolment.pk, [])
    return render(
        request,
        "learning/score_sheet.html",
        {
            "offering": offering,
            "enrolments": enrolments,
            "assignments": offering.assignments.all(),
        },
    )


@role_required(*RUNNERS)
def score_template(request, agency, pk):
    offering = access.run_offering_or_404(request, pk)
    return xlsx_response(
        f"nilai-{offering.pk}",
        result_services.SCORE_HEADERS,
        result_services.score_template_rows(offering),
        title=_("Scores"),
    )


@role_required(*RUNNERS)
def score_import(request, agency, pk):
    offering = access.run_offering_or_404(request, pk)
    form = ScoreImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            kind = validate_spreadsheet(upload)
        except ValidationError as error:
            form.add_error("file", error)
        else:
            count, errors = result_services.import_scores(offering, upload, kind, by=request.user)
            if not errors:
                messages.success(
                    request, _("Scores imported for %(n)d participants.") % {"n": count}
                )
                return redirect("learning:score-sheet", agency=agency, pk=pk)
            messages.error(
                request,
                _("Nothing was imported: %(n)d problems in the file, listed below.")
                % {"n": len(errors)},
            )
    return render(
        request,
        "learning/score_import.html",
        {"offering": offering, "form": form, "errors": errors},
    )


@role_required(*RUNNERS)
def assignment_create(request, agency, pk):
    offering = access.run_offering_or_404(request, pk)
    form = AssignmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        assignment = result_services.add_assignment(offering, **form.cleaned_data)
        messages.success(request, _("Assignment added."))
        return redirect("learning:assignment-grades", agency=agency, pk=assignment.pk)
    return render(request, "learning/assignment_form.html", {"offering": offering, "form": form})


@role_required(*RUNNERS)
def assignment_grades(request, agency, pk):
    assignment = get_object_or_404(
        Assignment.objects.for_agency(request.agency).select_related("offering__unit"), pk=pk
    )
    offering = access.run_offering_or_404(request, assignment.offering_id)
    enrolments = list(
        Enrolment.objects.for_agency(request.agency)
        .filter(offering=offering, status=Enrolment.Status.ENROLLED)
        .select_related("employee")
        .order_by("employee__name")
    )
    grades = {
        g.enrolment_id: g
        for g in AssignmentGrade.objects.for_agency(request.agency).filter(assignment=assignment)
    }
    errors = {}
    if request.method == "POST":
        parsed = {}
        for enrolment in enrolments:
            raw = request.POST.get(f"score_{enrolment.pk}", "")
            try:
                parsed[enrolment.pk] = result_services.parse_score(
                    raw, f"{enrolment.employee.full_name}, {_('Score')}"
                )
            except ValidationError as error:
                errors[enrolment.pk] = error.messages
        if not errors:
            for enrolment in enrolments:
                current = grades.get(enrolment.pk)
                if parsed[enrolment.pk] != (current.score if current else None):
                    result_services.grade_assignment(
                        assignment, enrolment, score=parsed[enrolment.pk], by=request.user
                    )
            messages.success(request, _("Grades saved."))
            return redirect("learning:assignment-grades", agency=agency, pk=pk)
        messages.error(request, _("Nothing was saved: correct the grades marked below (0–100)."))
    for enrolment in enrolments:
        enrolment.grade = grades.get(enrolment.pk)
        enrolment.errors = errors.get(enrolment.pk, [])
        enrolment.typed = (
            request.POST.get(f"score_{enrolment.pk}") if request.method == "POST" else None
        )
    return render(
        request,
        "learning/assignment_grades.html",
        {"assignment": assignment, "offering": offering, "enrolments": enrolments},
    )

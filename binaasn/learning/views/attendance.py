"""Attendance: the trainer's tick list, the rotating QR screen, and participants' check-in."""

import datetime

import segno
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from binaasn.core.permissions import ALL_ROLES, role_required

from .. import access, checkin
from ..models import Attendance, Enrolment, Session
from ..services import attendance as attendance_services

RUNNERS = ("admin", "operator", "trainer")


@role_required(*RUNNERS)
def session_attendance(request, agency, pk):
    session = access.run_session_or_404(request, pk)
    if request.method == "POST":
        ids = {int(v) for v in request.POST.getlist("present") if v.isdigit()}
        present, total = attendance_services.record_attendance(session, ids, by=request.user)
        messages.success(
            request,
            _("Attendance saved: %(present)d of %(total)d present.")
            % {"present": present, "total": total},
        )
        return redirect("learning:session-attendance", agency=agency, pk=pk)
    enrolments = list(
        Enrolment.objects.for_agency(request.agency)
        .filter(offering=session.offering, status=Enrolment.Status.ENROLLED)
        .select_related("employee", "employee__unit")
        .order_by("employee__name")
    )
    marks = {
        a.enrolment_id: a
        for a in Attendance.objects.for_agency(request.agency).filter(session=session)
    }
    for enrolment in enrolments:
        enrolment.mark = marks.get(enrolment.pk)
    return render(
        request,
        "learning/session_attendance.html",
        {
            "session": session,
            "offering": session.offering,
            "enrolments": enrolments,
            "present_count": sum(1 for m in marks.values() if m.is_present),
        },
    )


def _qr_context(request, session):
    now = timezone.now()
    code = attendance_services.current_code(session, now)
    url = request.build_absolute_uri(
        reverse("learning:checkin", kwargs={"agency": request.agency.slug, "code": code})
    )
    start, end = session.window()
    return {
        "session": session,
        "code": code,
        "checkin_url": url,
        "qr_svg": segno.make(url, error="m").svg_inline(scale=8, title=_("Check-in code")),
        "seconds_left": checkin.seconds_left(now.timestamp()),
        "is_open": start - attendance_services.EARLY_CHECKIN <= now <= end,
    }


@role_required(*RUNNERS)
def session_qr(request, agency, pk):
    session = access.run_session_or_404(request, pk)
    return render(request, "learning/session_qr.html", _qr_context(request, session))


@role_required(*RUNNERS)
def session_qr_code(request, agency, pk):
    """The fragment htmx swaps in every few seconds: the current code and the count present."""
    session = access.run_session_or_404(request, pk)
    context = _qr_context(request, session)
    context["present_count"] = (
        Attendance.objects.for_agency(request.agency)
        .filter(session=session, is_present=True)
        .count()
    )
    return render(request, "learning/_session_qr_code.html", context)


@role_required(*ALL_ROLES)
def checkin_page(request, agency, code):
    """A participant scanned the code: confirm with one button (GET never writes)."""
    context = {"code": code}
    try:
        if request.method == "POST":
            session_id = attendance_services.read_confirmation(
                request.POST.get("token", ""), request.user
            )
            session = (
                Session.objects.for_agency(request.agency)
                .select_related("offering")
                .filter(pk=session_id)
                .first()
            )
            if session is None:
                raise attendance_services.CheckinRefused(_("This is not a valid check-in code."))
            attendance = attendance_services.check_in(session, access.me(request), by=request.user)
            messages.success(
                request,
                _("Checked in to “%(topic)s” at %(time)s.")
                % {
                    "topic": session.topic,
                    "time": timezone.localtime(attendance.recorded_at).strftime("%H:%M"),
                },
            )
            return redirect("learning:my-learning", agency=agency)
        session = attendance_services.session_for_code(request.agency, code)
        attendance_services.check_window(session)
        enrolment = attendance_services.own_enrolment(session, access.me(request))
        attendance_services.check_not_yet(session, enrolment)
        context.update(
            session=session, token=attendance_services.confirmation_token(session, request.user)
        )
    except attendance_services.CheckinRefused as error:
        context["error"] = error.messages[0]
    return render(request, "learning/checkin.html", context)


@role_required("admin", "operator", "trainer")
def trainer_sessions(request, agency):
    today = timezone.localdate()
    sessions = (
        Session.objects.for_agency(request.agency)
        .filter(trainer=request.user, held_on__gte=today - datetime.timedelta(days=30))
        .select_related("offering")
        .order_by("held_on", "starts_at")
    )
    taught = (
        Session.objects.for_agency(request.agency)
        .filter(offering__trainers=request.user, held_on__gte=today - datetime.timedelta(days=30))
        .exclude(trainer=request.user)
        .select_related("offering")
        .order_by("held_on", "starts_at")
    )
    return render(
        request,
        "learning/trainer_sessions.html",
        {"sessions": sessions, "taught": taught, "today": today},
    )

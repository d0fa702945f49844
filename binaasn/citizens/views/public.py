"""Public pages under /publik/<agency>/: no login, no personal data, and no JavaScript needed
(the counter kiosk adds a small script for working offline)."""

import datetime
import json
import uuid

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .. import ikm, kiosk, pagecache, periods, queries, ratelimit
from ..forms.public import (
    ComplainantReplyForm,
    ComplaintForm,
    KioskForm,
    SkmForm,
    TrackingLookupForm,
)
from ..models import Complaint, Forum, ServiceUnit, SkmResponse
from ..models.complaints import normalise_tracking_code
from ..services import complaints as complaint_services
from ..services import skm as skm_services


def _units(request):
    return ServiceUnit.objects.for_agency(request.agency).active()


def _public_unit(request, code):
    return get_object_or_404(_units(request), public_code=code.strip().upper())


def _too_many(request, template="citizens/public/limited.html"):
    return render(request, template, {}, status=429)


def index(request, public_agency):
    """The agency's public participation page: surveys, results, complaints, forums."""
    context = {
        "units": _units(request).order_by("name"),
        "forums": Forum.objects.for_agency(request.agency)
        .filter(is_published=True)
        .select_related("unit")[:10],
    }
    return render(request, "citizens/public/index.html", context)


# --- SKM survey ---------------------------------------------------------------------------


def skm_form(request, public_agency, code):
    if request.method != "POST":
        return HttpResponse(_survey_page(request, code))
    unit = _public_unit(request, code)
    if not ratelimit.allow(request, "skm"):
        return _too_many(request)
    form = SkmForm(request.POST, unit=unit)
    thanks = redirect(
        "citizens_public:skm-thanks", public_agency=request.agency.slug, code=unit.public_code
    )
    if form.is_bot:
        return thanks  # say nothing to a robot
    if form.is_valid():
        if ratelimit.seen_recently(request, f"skm:{unit.pk}", form.fingerprint()):
            return thanks  # the same answers again from the same client: already stored
        try:
            skm_services.record_response(
                unit,
                answers=form.answers(),
                profile=form.profile(),
                source=SkmResponse.Source.ONLINE,
                client_uuid=form.cleaned_data.get("submission_id"),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return thanks
    context = {"unit": unit, "form": form, "csrf_value": get_token(request)}
    return render(request, "citizens/public/skm_form.html", context)


# Filled in per request in the page rendered once (pagecache.py).
CSRF_MARK = "csrf-value-to-fill-in-5b1e"
SUBMISSION_MARK = "submission-id-to-fill-in-5b1e"


def _survey_page(request, code):
    """The empty survey: the copy this process rendered for the unit and language, with a
    fresh CSRF token and submission id (bench/skm_page_bench.py measures why)."""
    agency = request.agency
    key = (agency.pk, code.strip().upper(), translation.get_language())
    html = pagecache.get(key)
    if html is None:
        unit = _public_unit(request, code)
        form = SkmForm(unit=unit, initial={"submission_id": SUBMISSION_MARK})
        context = {"unit": unit, "form": form, "agency": agency, "csrf_value": CSRF_MARK}
        html = pagecache.put(key, render_to_string("citizens/public/skm_form.html", context))
    return html.replace(CSRF_MARK, get_token(request)).replace(SUBMISSION_MARK, str(uuid.uuid4()))


def skm_thanks(request, public_agency, code):
    unit = _public_unit(request, code)
    return render(request, "citizens/public/skm_thanks.html", {"unit": unit})


def _kiosk_unit(request, code, token):
    unit = _public_unit(request, code)
    if not kiosk.token_matches(token, unit):
        raise Http404
    return unit


def skm_kiosk(request, public_agency, code, token):
    """The survey for a tablet at the counter: answers queue in the browser while offline."""
    unit = _kiosk_unit(request, code, token)
    form = KioskForm(unit=unit)
    context = {
        "unit": unit,
        "form": form,
        "token": token,
        "thanked": "terima-kasih" in request.GET,
        "submit_url": reverse(
            "citizens_public:skm-kiosk-submit",
            kwargs={"public_agency": request.agency.slug, "code": unit.public_code, "token": token},
        ),
    }
    return render(request, "citizens/public/skm_kiosk.html", context)


def _kiosk_date(value):
    """The date the kiosk says the answer was given: at most a day ahead (clock skew, taken as
    today) and at most a year back."""
    today = timezone.localdate()
    if value is None:
        return today
    if value > today + datetime.timedelta(days=1) or value < today - datetime.timedelta(days=365):
        raise ValidationError({"answered_on": _("The date of the answer is not plausible.")})
    return min(value, today)


@csrf_exempt  # authenticated by the signed kiosk link, not by a cookie
@require_POST
def skm_kiosk_submit(request, public_agency, code, token):
    """Store one kiosk answer; idempotent on the client's UUID so a retry is never a second
    answer. JSON in, JSON out for the script; a plain form post redirects back."""
    unit = _kiosk_unit(request, code, token)
    wants_json = request.content_type == "application/json"
    if not ratelimit.allow(request, "kiosk"):
        if wants_json:
            return JsonResponse(
                {"ok": False, "error": _("Too many answers at once; retrying later.")}, status=429
            )
        return _too_many(request)
    if wants_json:
        try:
            data = json.loads(request.body or b"{}")
        except ValueError:
            return JsonResponse(
                {"ok": False, "error": _("The data sent is not valid JSON.")}, status=400
            )
        if not isinstance(data, dict):
            return JsonResponse(
                {"ok": False, "error": _("The data sent is not valid JSON.")}, status=400
            )
        data = {key: str(value) for key, value in data.items() if value is not None}
    else:
        data = request.POST
    form = KioskForm(data, unit=unit)
    back = reverse(
        "citizens_public:skm-kiosk",
        kwargs={"public_agency": request.agency.slug, "code": unit.public_code, "token": token},
    )
    if form.is_bot:
        return (
            JsonResponse({"ok": True, "created": False})
            if wants_json
            else redirect(back + "?terima-kasih=1")
        )
    created = False
    if form.is_valid():
        try:
            _response, created = skm_services.record_response(
                unit,
                answers=form.answers(),
                profile=form.profile(),
                source=SkmResponse.Source.KIOSK,
                client_uuid=form.cleaned_data["client_uuid"],
                answered_on=_kiosk_date(form.cleaned_data.get("answered_on")),
            )
        except ValidationError as error:
            form.add_error(None, error)
    if form.errors:
        if wants_json:
            return JsonResponse({"ok": False, "errors": form.errors}, status=400)
        context = {"unit": unit, "form": form, "token": token, "submit_url": request.path}
        return render(request, "citizens/public/skm_kiosk.html", context, status=400)
    if wants_json:
        return JsonResponse({"ok": True, "created": created})
    return redirect(back + "?terima-kasih=1")


def skm_results(request, public_agency):
    """Published SKM results of the agency (publication duty): IKM per unit, no personal data."""
    error = None
    try:
        period = (
            periods.parse_period(request.GET["periode"]) if request.GET.get("periode") else None
        )
    except ValueError as problem:
        period, error = None, str(problem)
    period = period or periods.default_period(timezone.localdate())
    agency_result = queries.ikm_for_agency(request.agency, period.start, period.end)
    by_unit = queries.ikm_by_unit(request.agency, period.start, period.end)
    context = {
        "period": period,
        "period_error": error,
        "period_choices": periods.recent_choices(timezone.localdate()),
        "result": agency_result,
        "by_unit": by_unit,
        "method": queries.ikm_method(request.agency),
        "elements": _element_rows(agency_result),
    }
    return render(request, "citizens/public/skm_results.html", context)


def _element_rows(result):
    if result is None:
        return []
    weakest = set(result.weakest(3))
    rows = []
    for i, element in enumerate(ikm.ELEMENTS):
        rows.append(
            {
                "code": element.code,
                "name": element.name,
                "nrr": result.nrr_display()[i],
                "converted": result.element_converted[i],
                "mutu": result.element_mutu[i],
                "weak": i in weakest,
            }
        )
    return rows


# --- complaints ---------------------------------------------------------------------------


def _status_url(request, complaint):
    return request.build_absolute_uri(
        reverse(
            "citizens_public:complaint-status",
            kwargs={"public_agency": request.agency.slug, "code": complaint.tracking_code},
        )
    )


def complaint_form(request, public_agency):
    units = list(_units(request).order_by("name"))
    form = ComplaintForm(request.POST or None, request.FILES or None, units=units)
    if request.method == "POST":
        if not ratelimit.allow(request, "complaint"):
            return _too_many(request)
        if form.is_bot:
            return redirect("citizens_public:complaint-lookup", public_agency=request.agency.slug)
        if form.is_valid():
            data = form.cleaned_data
            try:
                complaint = complaint_services.submit_complaint(
                    agency=request.agency,
                    kind=data["kind"],
                    category=data["category"],
                    unit=data["unit"],
                    subject=data["subject"],
                    description=data["description"],
                    reporter_name=data["reporter_name"],
                    reporter_email=data["reporter_email"],
                    reporter_phone=data["reporter_phone"],
                    attachments=data["attachments"],
                    status_url_for=lambda c: _status_url(request, c),
                )
            except ValidationError as error:
                for field, messages in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, messages)
            else:
                url = reverse(
                    "citizens_public:complaint-status",
                    kwargs={"public_agency": request.agency.slug, "code": complaint.tracking_code},
                )
                return redirect(url + "?baru=1")
    return render(request, "citizens/public/complaint_form.html", {"form": form})


def _not_found(request, form=None):
    form = form or TrackingLookupForm()
    return render(
        request,
        "citizens/public/complaint_lookup.html",
        {"form": form, "not_found": True},
        status=404,
    )


def complaint_lookup(request, public_agency):
    """Find a complaint by its tracking code; a wrong code says only that nothing was found."""
    if "kode" not in request.GET:
        return render(
            request, "citizens/public/complaint_lookup.html", {"form": TrackingLookupForm()}
        )
    if not ratelimit.allow(request, "lookup"):
        return _too_many(request)
    form = TrackingLookupForm(request.GET)
    code = normalise_tracking_code(form.data.get("kode"))
    if code is None or not _complaints(request).filter(tracking_code=code).exists():
        return _not_found(request, form)
    return redirect(
        "citizens_public:complaint-status", public_agency=request.agency.slug, code=code
    )


def _complaints(request):
    return Complaint.objects.for_agency(request.agency)


def _complaint_by_code(request, code):
    normalised = normalise_tracking_code(code)
    if normalised is None:
        return None
    return _complaints(request).select_related("unit").filter(tracking_code=normalised).first()


def complaint_status(request, public_agency, code):
    if not ratelimit.allow(request, "lookup"):
        return _too_many(request)
    complaint = _complaint_by_code(request, code)
    if complaint is None:
        return _not_found(request)
    complaint_services.close_if_stale(complaint)
    context = {
        "complaint": complaint,
        "public_messages": complaint.messages.filter(is_public=True).order_by("created_at", "pk"),
        "reply_form": ComplainantReplyForm(),
        "is_new": "baru" in request.GET,
    }
    return render(request, "citizens/public/complaint_status.html", context)


@require_POST
def complaint_reply(request, public_agency, code):
    if not ratelimit.allow(request, "reply"):
        return _too_many(request)
    complaint = _complaint_by_code(request, code)
    if complaint is None:
        return _not_found(request)
    complaint_services.close_if_stale(complaint)
    form = ComplainantReplyForm(request.POST)
    status_url = reverse(
        "citizens_public:complaint-status",
        kwargs={"public_agency": request.agency.slug, "code": complaint.tracking_code},
    )
    if form.is_bot:
        return redirect(status_url)
    if form.is_valid():
        try:
            complaint_services.reply_as_complainant(complaint, body=form.cleaned_data["body"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect(status_url + "#balasan")
    context = {
        "complaint": complaint,
        "public_messages": complaint.messages.filter(is_public=True).order_by("created_at", "pk"),
        "reply_form": form,
    }
    return render(request, "citizens/public/complaint_status.html", context, status=400)


# --- forums -------------------------------------------------------------------------------


def forum_summary(request, public_agency, code):
    """What a forum discussed and what is being done about it; no names of people."""
    forum = get_object_or_404(
        Forum.objects.for_agency(request.agency).filter(is_published=True).select_related("unit"),
        public_code=code,
    )
    issues = forum.issues.prefetch_related("actions").order_by("pk")
    context = {
        "forum": forum,
        "issues": issues,
        "asn_present": forum.attended_employees.count(),
    }
    return render(request, "citizens/public/forum_summary.html", context)

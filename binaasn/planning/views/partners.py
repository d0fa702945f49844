"""Partner institutions and speakers: lists with Excel export, forms for the admin."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from binaasn.core.exports import wants_xlsx, xlsx_response
from binaasn.core.permissions import role_required

from .. import services
from ..forms import PartnerForm, SpeakerForm, attach_errors
from ..models import Partner, Speaker

READERS = ("admin", "operator", "leader")


@role_required(*READERS)
def partner_list(request, agency):
    partners = (
        Partner.objects.for_agency(request.agency)
        .annotate(programme_count=Count("programmes"))
        .order_by("name", "pk")
    )
    query = request.GET.get("q", "").strip()
    if query:
        partners = partners.filter(Q(name__icontains=query) | Q(contact_name__icontains=query))
    if wants_xlsx(request):
        headers = [
            _("Name"),
            _("Kind"),
            _("MoU number"),
            _("MoU from"),
            _("MoU until"),
            _("Contact person"),
            _("Contact phone"),
            _("Contact e-mail"),
            _("Address"),
            _("Active"),
        ]
        rows = (
            (
                p.name,
                p.get_kind_display(),
                p.mou_number,
                p.mou_starts_on,
                p.mou_ends_on,
                p.contact_name,
                p.contact_phone,
                p.contact_email,
                p.address,
                _("Yes") if p.is_active else _("No"),
            )
            for p in partners
        )
        return xlsx_response("mitra", headers, rows, title=_("Partners"))
    page = Paginator(partners, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "planning/partner_list.html",
        {"page_obj": page, "q": query, "today": timezone.localdate()},
    )


def _partner_form(request, partner):
    form = PartnerForm(request.POST or None, instance=partner)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_partner(request.agency, form.save(commit=False), by=request.user)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Partner saved."))
            return redirect("planning:partner-list", agency=request.agency.slug)
    return render(
        request,
        "planning/partner_form.html",
        {"form": form, "partner": partner if partner.pk else None},
    )


@role_required("admin")
def partner_create(request, agency):
    return _partner_form(request, Partner(agency=request.agency))


@role_required("admin")
def partner_edit(request, agency, pk):
    return _partner_form(
        request, get_object_or_404(Partner.objects.for_agency(request.agency), pk=pk)
    )


@role_required(*READERS)
def speaker_list(request, agency):
    speakers = (
        Speaker.objects.for_agency(request.agency)
        .select_related("partner")
        .annotate(programme_count=Count("programmes"))
        .order_by("name", "pk")
    )
    query = request.GET.get("q", "").strip()
    if query:
        speakers = speakers.filter(
            Q(name__icontains=query)
            | Q(expertise__icontains=query)
            | Q(institution__icontains=query)
        )
    if wants_xlsx(request):
        headers = [
            _("Name"),
            _("Expertise"),
            _("Institution"),
            _("Phone"),
            _("E-mail"),
            _("Active"),
        ]
        rows = (
            (
                s.name,
                s.expertise,
                s.institution_name,
                s.phone,
                s.email,
                _("Yes") if s.is_active else _("No"),
            )
            for s in speakers
        )
        return xlsx_response("narasumber", headers, rows, title=_("Speakers"))
    page = Paginator(speakers, 50).get_page(request.GET.get("page"))
    return render(request, "planning/speaker_list.html", {"page_obj": page, "q": query})


def _speaker_form(request, speaker):
    form = SpeakerForm(request.POST or None, instance=speaker, agency=request.agency)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_speaker(request.agency, form.save(commit=False), by=request.user)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Speaker saved."))
            return redirect("planning:speaker-list", agency=request.agency.slug)
    return render(
        request,
        "planning/speaker_form.html",
        {"form": form, "speaker": speaker if speaker.pk else None},
    )


@role_required("admin")
def speaker_create(request, agency):
    return _speaker_form(request, Speaker(agency=request.agency))


@role_required("admin")
def speaker_edit(request, agency, pk):
    return _speaker_form(
        request, get_object_or_404(Speaker.objects.for_agency(request.agency), pk=pk)
    )

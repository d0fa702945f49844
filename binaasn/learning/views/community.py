"""Community activities (bakti sosial, penyuluhan) with participants and photos."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binaasn.core.permissions import role_required
from binaasn.core.uploads import sniff

from .. import access
from ..forms import CommunityActivityForm, PhotoForm, attach_errors
from ..models import CommunityActivity, CommunityPhoto
from ..services import community as community_services
from .common import run_action

VIEWERS = ("admin", "operator", "leader")


def _visible(request):
    activities = CommunityActivity.objects.for_agency(request.agency)
    membership = request.membership
    if membership.role == "operator":
        if not membership.unit_id:
            return activities.none()
        return activities.filter(organiser_unit__path__startswith=membership.unit.path)
    return activities


def _url(agency, pk):
    return reverse("learning:community-detail", kwargs={"agency": agency, "pk": pk})


@role_required(*VIEWERS)
def community_list(request, agency):
    activities = (
        _visible(request)
        .select_related("organiser_unit")
        .annotate(participant_count=Count("participants"))
        .order_by("-held_on", "-pk")
    )
    page = Paginator(activities, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "learning/community_list.html",
        {"page_obj": page, "can_create": access.is_staff(request.membership)},
    )


@role_required("admin", "operator")
def community_create(request, agency):
    return _edit(request, agency, CommunityActivity(agency=request.agency))


@role_required("admin", "operator")
def community_edit(request, agency, pk):
    return _edit(request, agency, get_object_or_404(_visible(request), pk=pk))


def _edit(request, agency, activity):
    form = CommunityActivityForm(
        request.POST or None,
        instance=activity,
        agency=request.agency,
        membership=request.membership,
    )
    if request.method == "POST" and form.is_valid():
        try:
            community_services.save_activity(
                form.save(commit=False),
                participants=form.cleaned_data["participant_nips"],
                by=request.user,
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(
                request, _("Activity saved and recorded on the participants' learning records.")
            )
            return redirect(_url(agency, activity.pk))
    return render(
        request,
        "learning/community_form.html",
        {"form": form, "activity": activity if activity.pk else None},
    )


@role_required(*VIEWERS)
def community_detail(request, agency, pk):
    activity = get_object_or_404(_visible(request).select_related("organiser_unit"), pk=pk)
    credit, minutes = community_services.activity_credit(activity)
    return render(
        request,
        "learning/community_detail.html",
        {
            "activity": activity,
            "participants": activity.participants.select_related("unit").order_by("name"),
            "photos": activity.photos.all(),
            "photo_form": PhotoForm(),
            "credit": credit,
            "can_manage": access.is_staff(request.membership),
        },
    )


@require_POST
@role_required("admin", "operator")
def community_photo_upload(request, agency, pk):
    activity = get_object_or_404(_visible(request), pk=pk)
    form = PhotoForm(request.POST, request.FILES)
    if not form.is_valid():
        for field, errors in form.errors.items():
            for error in errors:
                messages.error(
                    request,
                    f"{form.fields[field].label}: {error}" if field in form.fields else error,
                )
        return redirect(_url(agency, pk))
    return run_action(
        request,
        lambda: community_services.add_photo(
            activity, image=form.cleaned_data["image"], caption=form.cleaned_data["caption"]
        ),
        _("Photo added."),
        _url(agency, pk),
    )


@role_required(*VIEWERS)
def community_photo(request, agency, pk):
    photo = get_object_or_404(CommunityPhoto.objects.for_agency(request.agency), pk=pk)
    if not _visible(request).filter(pk=photo.activity_id).exists():
        raise Http404
    handle = photo.image.open("rb")
    content_type = "image/png" if sniff(handle) == "png" else "image/jpeg"
    return FileResponse(handle, content_type=content_type)

"""Curriculum and material versions of a programme: modules, files, publishing, comparison."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Sum
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from binaasn.core.exports import wants_xlsx, xlsx_response
from binaasn.core.permissions import role_required
from binaasn.learning.models import Offering

from ..forms import attach_errors
from ..forms_materials import CompareForm, MaterialFileForm, ModuleForm, PublishForm, VersionForm
from ..models import MaterialFile, MaterialModule, MaterialVersion, Programme
from ..services import materials as services

READERS = ("admin", "operator", "leader")
WRITERS = ("admin",)


def _programme(request, pk):
    return get_object_or_404(
        Programme.objects.for_agency(request.agency).select_related("plan"), pk=pk
    )


def _versions(request):
    return MaterialVersion.objects.for_agency(request.agency).select_related("programme__plan")


def _version(request, pk):
    return get_object_or_404(_versions(request), pk=pk)


def _readable_version(request, pk):
    """Readers see every version; a trainer those of the offerings they teach."""
    version = _version(request, pk)
    if request.membership.role == "trainer":
        taught = (
            Offering.objects.for_agency(request.agency)
            .visible_to(request.membership)
            .filter(material_version=version)
        )
        if not taught.exists():
            raise PermissionDenied
    return version


def _module(request, pk):
    return get_object_or_404(
        MaterialModule.objects.for_agency(request.agency).select_related(
            "version__programme__plan"
        ),
        pk=pk,
    )


def _file(request, pk):
    return get_object_or_404(
        MaterialFile.objects.for_agency(request.agency).select_related("version__programme"),
        pk=pk,
    )


def _to_version(request, version):
    return redirect("planning:material-detail", agency=request.agency.slug, pk=version.pk)


def _refuse_published(request, version):
    """Published versions are frozen: say so and go back to the version."""
    messages.error(
        request,
        _("Version %(number)d is published and can no longer be changed; start a new version.")
        % {"number": version.number},
    )
    return _to_version(request, version)


def _export_modules(programme, version, modules):
    headers = [_("Version"), _("No."), _("Module"), _("JP"), _("Method"), _("Description")]
    rows = (
        (version.number, index, m.title, m.jp, m.get_method_display(), m.description)
        for index, m in enumerate(modules, start=1)
    )
    return xlsx_response(f"materi-v{version.number}", headers, rows, title=programme.title)


@role_required(*READERS)
def material_list(request, agency, pk):
    programme = _programme(request, pk)
    versions = list(
        MaterialVersion.objects.for_agency(request.agency)
        .filter(programme=programme)
        .annotate(
            module_count=Count("modules", distinct=True),
            offering_count=Count("offerings", distinct=True),
        )
        .select_related("published_by", "closes_action")
        .order_by("-number")
    )
    chosen = versions[0] if versions else None
    wanted = request.GET.get("version", "")
    if wanted.isdigit():
        chosen = next((v for v in versions if v.number == int(wanted)), chosen)
    modules = list(chosen.modules.all()) if chosen else []
    if wants_xlsx(request):
        if chosen is None:
            raise Http404
        return _export_modules(programme, chosen, modules)
    context = {
        "programme": programme,
        "plan": programme.plan,
        "versions": versions,
        "chosen": chosen,
        "modules": modules,
        "total_jp": sum(m.jp for m in modules),
        "has_draft": any(not v.is_published for v in versions),
        "can_write": request.membership.role in WRITERS,
    }
    return render(request, "planning/material_list.html", context)


@role_required(*WRITERS)
def material_create(request, agency, pk):
    programme = _programme(request, pk)
    source = services.latest_version(programme)
    initial = {}
    if source is not None:
        initial = {"method": source.method, "method_note": source.method_note}
    form = VersionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.create_version(
                programme,
                by=request.user,
                method=form.cleaned_data["method"],
                method_note=form.cleaned_data["method_note"],
                change_note=form.cleaned_data["change_note"],
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            if source is not None:
                messages.success(
                    request,
                    _("Version %(number)d started as a copy of version %(source)d.")
                    % {"number": version.number, "source": source.number},
                )
            else:
                messages.success(request, _("Version 1 started. Add its modules."))
            return _to_version(request, version)
    return render(
        request,
        "planning/material_form.html",
        {"form": form, "programme": programme, "source": source},
    )


@role_required(*READERS, "trainer")
def material_detail(request, agency, pk):
    version = _readable_version(request, pk)
    programme = version.programme
    modules = list(version.modules.all())
    total = sum(m.jp for m in modules)
    offerings = (
        Offering.objects.for_agency(request.agency)
        .visible_to(request.membership)
        .filter(material_version=version)
        .order_by("-starts_on", "title")
    )
    can_write = request.membership.role in WRITERS
    context = {
        "version": version,
        "programme": programme,
        "plan": programme.plan,
        "modules": modules,
        "total_jp": total,
        "jp_differs": bool(modules) and total != programme.jp_per_participant,
        "files": list(version.files.all()),
        "offerings": list(offerings[:50]),
        "can_write": can_write,
        "can_edit": can_write and not version.is_published,
        "module_form": ModuleForm() if can_write and not version.is_published else None,
        "file_form": MaterialFileForm() if can_write and not version.is_published else None,
        "is_reader": request.membership.role in READERS,
    }
    return render(request, "planning/material_detail.html", context)


@role_required(*WRITERS)
def material_edit(request, agency, pk):
    version = _version(request, pk)
    if version.is_published:
        return _refuse_published(request, version)
    form = VersionForm(request.POST or None, instance=version)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_version(
                version, by=request.user, **{k: form.cleaned_data[k] for k in form.fields}
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Version saved."))
            return _to_version(request, version)
    return render(
        request,
        "planning/material_form.html",
        {"form": form, "programme": version.programme, "version": version},
    )


@role_required(*WRITERS)
def material_publish(request, agency, pk):
    version = _version(request, pk)
    if version.is_published:
        return _refuse_published(request, version)
    programme = version.programme
    actions = list(services.revision_actions(programme).select_related("owner_user"))
    data = request.POST if request.method == "POST" else None
    form = PublishForm(data, actions=services.revision_actions(programme))
    if request.method == "POST" and form.is_valid():
        try:
            result = services.publish_version(
                version, by=request.user, closes_action=form.cleaned_data["closes_action"]
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            parts = [
                _("Version %(number)d published.") % {"number": version.number},
                ngettext(
                    "%(count)d offering that has not started yet now uses it.",
                    "%(count)d offerings that have not started yet now use it.",
                    result.moved_offerings,
                )
                % {"count": result.moved_offerings},
            ]
            if result.closed_action is not None:
                parts.append(
                    _("The follow-up action “%(title)s” is closed.")
                    % {"title": result.closed_action.title}
                )
            messages.success(request, " ".join(parts))
            if result.jp_differs:
                messages.warning(
                    request,
                    _(
                        "The modules add up to %(total)d JP; the programme plans %(planned)d JP "
                        "per participant."
                    )
                    % {"total": result.total_jp, "planned": programme.jp_per_participant},
                )
            return _to_version(request, version)
    modules = version.modules.aggregate(count=Count("pk"), total=Sum("jp"))
    pending = (
        Offering.objects.for_agency(request.agency)
        .filter(
            programme=programme,
            starts_on__gt=timezone.localdate(),
            status__in=[Offering.Status.DRAFT, Offering.Status.OPEN],
        )
        .exclude(material_version=version)
        .count()
    )
    context = {
        "version": version,
        "programme": programme,
        "form": form,
        "actions": actions,
        "module_count": modules["count"],
        "total_jp": modules["total"] or 0,
        "jp_differs": (modules["total"] or 0) != programme.jp_per_participant,
        "pending_offerings": pending,
    }
    return render(request, "planning/material_publish.html", context)


@require_POST
@role_required(*WRITERS)
def material_delete(request, agency, pk):
    version = _version(request, pk)
    programme = version.programme
    try:
        services.delete_version(version, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _to_version(request, version)
    messages.success(request, _("Version %(number)d deleted.") % {"number": version.number})
    return redirect("planning:material-list", agency=request.agency.slug, pk=programme.pk)


@role_required(*READERS)
def material_compare(request, agency, pk):
    programme = _programme(request, pk)
    versions = MaterialVersion.objects.for_agency(request.agency).filter(programme=programme)
    ordered = list(versions.order_by("-number")[:2])
    data = request.GET if {"old", "new"} <= set(request.GET) else None
    initial = {}
    if len(ordered) == 2:
        initial = {"old": ordered[1].pk, "new": ordered[0].pk}
    form = CompareForm(data, versions=versions.order_by("-number"), initial=initial)
    comparison = old = new = None
    if data is not None and form.is_valid():
        old, new = form.cleaned_data["old"], form.cleaned_data["new"]
    elif data is None and len(ordered) == 2:
        old, new = ordered[1], ordered[0]
    if old is not None and new is not None:
        comparison = services.compare_versions(old, new)
    context = {
        "programme": programme,
        "plan": programme.plan,
        "form": form,
        "old": old,
        "new": new,
        "comparison": comparison,
        "version_count": versions.count(),
    }
    return render(request, "planning/material_compare.html", context)


@role_required(*WRITERS)
def module_create(request, agency, pk):
    version = _version(request, pk)
    if version.is_published:
        return _refuse_published(request, version)
    form = ModuleForm(
        request.POST or None,
        instance=MaterialModule(agency=request.agency, version=version),
        initial={"method": version.method} if version.method else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.save_module(form.save(commit=False), by=request.user)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Module added."))
            return _to_version(request, version)
    return render(
        request,
        "planning/material_module_form.html",
        {"form": form, "version": version, "programme": version.programme},
    )


@role_required(*WRITERS)
def module_edit(request, agency, pk):
    module = _module(request, pk)
    version = module.version
    if version.is_published:
        return _refuse_published(request, version)
    form = ModuleForm(request.POST or None, instance=module)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_module(form.save(commit=False), by=request.user)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Module saved."))
            return _to_version(request, version)
    return render(
        request,
        "planning/material_module_form.html",
        {"form": form, "version": version, "programme": version.programme, "module": module},
    )


@require_POST
@role_required(*WRITERS)
def module_delete(request, agency, pk):
    module = _module(request, pk)
    try:
        services.delete_module(module, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Module deleted."))
    return _to_version(request, module.version)


@require_POST
@role_required(*WRITERS)
def module_move(request, agency, pk):
    module = _module(request, pk)
    try:
        services.move_module(module, request.POST.get("direction", ""), by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return _to_version(request, module.version)


@role_required(*WRITERS)
def materialfile_upload(request, agency, pk):
    version = _version(request, pk)
    if version.is_published:
        return _refuse_published(request, version)
    form = MaterialFileForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_file(
                version,
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["file"],
                by=request.user,
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("File uploaded."))
            return _to_version(request, version)
    return render(
        request,
        "planning/material_file_form.html",
        {"form": form, "version": version, "programme": version.programme},
    )


@role_required(*READERS, "trainer")
def materialfile_download(request, agency, pk):
    item = _file(request, pk)
    _readable_version(request, item.version_id)
    if not item.file or not item.file.storage.exists(item.file.name):
        raise Http404
    return FileResponse(
        item.file.open("rb"), as_attachment=True, filename=item.file.name.rsplit("/", 1)[-1]
    )


@require_POST
@role_required(*WRITERS)
def materialfile_delete(request, agency, pk):
    item = _file(request, pk)
    try:
        services.delete_file(item, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("File removed."))
    return _to_version(request, item.version)

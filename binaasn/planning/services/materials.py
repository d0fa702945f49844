"""Versions of a programme's curriculum and material: modules with JP and method, files, the
change note, publishing (which freezes a version, may close the follow-up action that asked
for the revision, and moves offerings that have not started yet onto it) and comparison."""

from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from binaasn.actions import services as action_services
from binaasn.actions.models import FollowUpAction
from binaasn.core.uploads import validate_document
from binaasn.learning.services.offerings import move_offerings_to_material_version

from ..models import MaterialFile, MaterialModule, MaterialVersion, Programme

VERSION_FIELDS = ("method", "method_note", "change_note")
MODULE_FIELDS = ("title", "jp", "method", "description")


def _require_draft(version):
    if version.is_published:
        raise ValidationError(
            _("Version %(number)d is published and can no longer be changed; start a new version.")
            % {"number": version.number}
        )


def latest_version(programme):
    """The programme's newest version, draft or published, or None."""
    return (
        MaterialVersion.objects.for_agency(programme.agency)
        .filter(programme=programme)
        .order_by("-number")
        .first()
    )


def latest_published_version(programme):
    """The version new offerings of the programme use, or None."""
    return (
        MaterialVersion.objects.for_agency(programme.agency)
        .filter(programme=programme, status=MaterialVersion.Status.PUBLISHED)
        .order_by("-number")
        .first()
    )


def total_jp(version):
    """Sum of the JP of the version's modules."""
    return (
        MaterialModule.objects.for_agency(version.agency)
        .filter(version=version)
        .aggregate(total=Sum("jp"))["total"]
        or 0
    )


@transaction.atomic
def create_version(programme, *, by=None, method=None, method_note=None, change_note=""):
    """A new draft numbered after the programme's last version, with a copy of the latest
    version's modules and its files (the files are shared by reference, not copied)."""
    draft = (
        MaterialVersion.objects.for_agency(programme.agency)
        .filter(programme=programme, status=MaterialVersion.Status.DRAFT)
        .first()
    )
    if draft is not None:
        raise ValidationError(
            _("Version %(number)d is still a draft; publish or delete it before starting another.")
            % {"number": draft.number}
        )
    source = latest_version(programme)
    last = (
        MaterialVersion.objects.for_agency(programme.agency)
        .filter(programme=programme)
        .aggregate(n=Max("number"))["n"]
        or 0
    )
    version = MaterialVersion(
        agency=programme.agency,
        programme=programme,
        number=last + 1,
        method=method if method is not None else (source.method if source else ""),
        method_note=method_note
        if method_note is not None
        else (source.method_note if source else ""),
        change_note=change_note,
        created_by=by,
    )
    version.full_clean(exclude=["created_by", "closes_action", "published_by"])
    version.save()
    if source is not None:
        for module in source.modules.all():
            MaterialModule.objects.create(
                agency=version.agency,
                version=version,
                position=module.position,
                title=module.title,
                jp=module.jp,
                method=module.method,
                description=module.description,
            )
        for item in source.files.all():
            MaterialFile.objects.create(
                agency=version.agency, version=version, title=item.title, file=item.file.name
            )
    return version


@transaction.atomic
def update_version(version, *, by=None, **fields):
    """Change the main method, the note on how it is taught or the change note of a draft."""
    unknown = set(fields) - set(VERSION_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    _require_draft(version)
    for name, value in fields.items():
        setattr(version, name, value)
    version.full_clean(exclude=["created_by", "closes_action", "published_by"])
    version.save()
    return version


@transaction.atomic
def save_module(module, *, by=None):
    """Add a module to a draft (at the end) or change one."""
    _require_draft(module.version)
    module.agency_id = module.version.agency_id
    if module.pk is None:
        last = (
            MaterialModule.objects.for_agency(module.agency_id)
            .filter(version=module.version)
            .aggregate(n=Max("position"))["n"]
        )
        module.position = 1 if last is None else last + 1
    module.full_clean(exclude=["version"])
    module.save()
    return module


@transaction.atomic
def delete_module(module, *, by=None):
    _require_draft(module.version)
    module.delete()


@transaction.atomic
def move_module(module, direction, *, by=None):
    """Move a module one place up or down in its draft; returns whether it moved."""
    if direction not in ("up", "down"):
        raise ValidationError(_("Unknown direction."))
    _require_draft(module.version)
    modules = list(
        MaterialModule.objects.for_agency(module.agency_id)
        .filter(version=module.version)
        .order_by("position", "pk")
    )
    index = next(i for i, m in enumerate(modules) if m.pk == module.pk)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(modules):
        return False
    modules[index], modules[other] = modules[other], modules[index]
    for position, item in enumerate(modules, start=1):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position"])
    return True


@transaction.atomic
def add_file(version, *, title, upload, by=None):
    """Attach a handout, slides or module book to a draft (PDF, image or office document)."""
    _require_draft(version)
    try:
        validate_document(upload)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from None
    item = MaterialFile(agency=version.agency, version=version, title=title.strip())
    if not item.title:
        raise ValidationError({"title": _("Give the file a title.")})
    item.file.save(upload.name.rsplit("/", 1)[-1], upload, save=False)
    item.full_clean(exclude=["version", "file"])
    item.save()
    return item


@transaction.atomic
def delete_file(item, *, by=None):
    """Remove a file from a draft; the stored file goes too unless another version shares it."""
    _require_draft(item.version)
    name = item.file.name
    item.delete()
    shared = MaterialFile.objects.for_agency(item.agency_id).filter(file=name).exists()
    if name and not shared:
        transaction.on_commit(lambda: item.file.storage.delete(name))


def revision_actions(programme):
    """Open follow-up actions of kind "revise material" about this programme: made on the
    programme itself or on an evaluation finding of the programme or of one of its offerings."""
    agency = programme.agency
    finding_model = apps.get_model("evaluation", "Finding")
    findings = (
        finding_model.objects.for_agency(agency)
        .filter(Q(programme=programme) | Q(offering__programme=programme))
        .values("pk")
    )
    return (
        FollowUpAction.objects.for_agency(agency)
        .open()
        .filter(kind=FollowUpAction.Kind.REVISE_MATERIAL)
        .filter(
            Q(source_type=ContentType.objects.get_for_model(finding_model), source_id__in=findings)
            | Q(source_type=ContentType.objects.get_for_model(Programme), source_id=programme.pk)
        )
        .order_by("due_on", "pk")
    )


@dataclass
class Publication:
    version: MaterialVersion
    total_jp: int
    moved_offerings: int
    closed_action: FollowUpAction | None

    @property
    def jp_differs(self):
        return self.total_jp != self.version.programme.jp_per_participant


@transaction.atomic
def publish_version(version, *, by, closes_action=None, today=None):
    """Freeze a draft and make it the version new offerings use. Offerings of the programme
    that have not started yet (draft or open, starting after ``today``) move to it;
    ``closes_action``, an open "revise material" action about the programme, is closed with a
    note naming the version."""
    # A second click on "publish" waits for the first and then finds the version published.
    _require_draft(MaterialVersion.objects.select_for_update().get(pk=version.pk))
    errors = {}
    jp = total_jp(version)
    if not version.modules.exists():
        errors.setdefault("__all__", []).append(_("Add at least one module before publishing."))
    if version.number > 1 and not version.change_note.strip():
        errors["change_note"] = _("Say what changed since the previous version.")
    if (
        closes_action is not None
        and not revision_actions(version.programme).filter(pk=closes_action.pk).exists()
    ):
        errors["closes_action"] = _("Choose an open “revise material” action about this programme.")
    if errors:
        raise ValidationError(errors)
    version.status = MaterialVersion.Status.PUBLISHED
    version.published_at = timezone.now()
    version.published_by = by
    version.closes_action = closes_action
    version.save()
    if closes_action is not None:
        action_services.close_action(
            closes_action,
            by=by,
            note=_("Answered by publishing %(version)s.") % {"version": version},
        )
    moved = move_offerings_to_material_version(version, by=by, today=today)
    return Publication(
        version=version, total_jp=jp, moved_offerings=moved, closed_action=closes_action
    )


@transaction.atomic
def delete_version(version, *, by=None):
    """A draft can go; a version that offerings recorded cannot."""
    count = version.offerings.count()
    if count:
        raise ValidationError(
            _("%(count)d offerings used version %(number)d; it cannot be deleted.")
            % {"count": count, "number": version.number}
        )
    names = [item.file.name for item in version.files.all()]
    version.delete()
    shared = set(
        MaterialFile.objects.for_agency(version.agency_id)
        .filter(file__in=names)
        .values_list("file", flat=True)
    )
    storage = MaterialFile._meta.get_field("file").storage
    for name in set(names) - shared:
        transaction.on_commit(lambda name=name: storage.delete(name))


def _key(title):
    return " ".join(title.lower().split())


def compare_versions(old, new):
    """Modules of two versions side by side, matched by title: added, removed, changed (JP or
    method) and unchanged rows, in the newer version's order, removed ones last."""
    before = {_key(m.title): m for m in old.modules.all()}
    rows = []
    seen = set()
    for module in new.modules.all():
        key = _key(module.title)
        seen.add(key)
        previous = before.get(key)
        if previous is None:
            state = "added"
        elif previous.jp != module.jp or previous.method != module.method:
            state = "changed"
        else:
            state = "same"
        rows.append({"state": state, "old": previous, "new": module})
    for key, module in before.items():
        if key not in seen:
            rows.append({"state": "removed", "old": module, "new": None})
    counts = {state: 0 for state in ("added", "removed", "changed", "same")}
    for row in rows:
        counts[row["state"]] += 1
    return {
        "rows": rows,
        "counts": counts,
        "old_jp": sum(m.jp for m in before.values()),
        "new_jp": sum(row["new"].jp for row in rows if row["new"] is not None),
    }

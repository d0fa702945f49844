"""Writes of the competency area: the dictionary, position standards, assessments."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from binaasn.core.models import AuditEntry
from binaasn.people.models import Position

from . import profile as profile_rules
from .models import (
    Assessment,
    AssessmentScore,
    Competency,
    CurrentLevel,
    JpmBand,
    PositionStandard,
)
from .spreadsheets import cell_text, read_rows

DEFAULT_JPM_BANDS = (
    ("90", "Optimal", "good"),
    ("78", "Cukup optimal", "fair"),
    ("0", "Kurang optimal", "poor"),
)


# --- dictionary -----------------------------------------------------------------------------


def save_technical_competency(agency, competency, by=None):
    """Create or update one of the agency's technical competencies (from a validated form)."""
    competency.agency = agency
    competency.kind = Competency.Kind.TECHNICAL
    competency.full_clean()
    competency.save()
    return competency


# --- JPM categories ------------------------------------------------------------------------


def jpm_bands(agency):
    """The agency's JPM categories, highest first; the defaults until it sets its own."""
    bands = list(JpmBand.objects.for_agency(agency).order_by("-min_percent"))
    if bands:
        return bands
    return [
        JpmBand(agency=agency, min_percent=minimum, label=label, css_class=css)
        for minimum, label, css in DEFAULT_JPM_BANDS
    ]


@transaction.atomic
def replace_jpm_bands(agency, bands, by=None):
    """Replace the agency's JPM categories with ``bands``: (min_percent, label, css_class)."""
    thresholds = [minimum for minimum, _label, _css in bands]
    if len(set(thresholds)) != len(thresholds):
        raise ValidationError(_("Two categories start at the same percentage."))
    if not any(minimum == 0 for minimum in thresholds):
        raise ValidationError(_("One category must start at 0% so every score has a category."))
    JpmBand.objects.for_agency(agency).delete()
    for minimum, label, css in bands:
        JpmBand.objects.create(agency=agency, min_percent=minimum, label=label, css_class=css)


# --- position standards -------------------------------------------------------------------


@transaction.atomic
def set_position_standards(position, levels, by=None):
    """Make ``position`` require exactly ``levels`` ({competency: level}); None drops one."""
    existing = {
        s.competency_id: s
        for s in PositionStandard.objects.for_agency(position.agency).filter(position=position)
    }
    for competency, level in levels.items():
        standard = existing.get(competency.pk)
        if not level:
            if standard is not None:
                standard.delete()
            continue
        if standard is None:
            PositionStandard.objects.create(
                agency=position.agency,
                position=position,
                competency=competency,
                required_level=int(level),
            )
        elif standard.required_level != int(level):
            standard.required_level = int(level)
            standard.save(update_fields=["required_level"])


@transaction.atomic
def copy_position_standards(source, target, by=None):
    """Give ``target`` the same standards as ``source``, replacing what it had."""
    if source.pk == target.pk:
        raise ValidationError(_("Choose another position to copy from."))
    agency = target.agency
    PositionStandard.objects.for_agency(agency).filter(position=target).delete()
    copied = [
        PositionStandard(
            agency=agency,
            position=target,
            competency_id=s.competency_id,
            required_level=s.required_level,
        )
        for s in PositionStandard.objects.for_agency(agency).filter(position=source)
    ]
    # One by one so each new standard gets its audit entry.
    for standard in copied:
        standard.save()
    return len(copied)


STANDARD_COLUMNS = ("Jabatan", "Kompetensi", "Level")


def import_position_standards(agency, upload, kind, by=None):
    """Import standards from a sheet with columns Jabatan, Kompetensi, Level (row 1 = headers).

    All or nothing: every row is checked first; any error and nothing is written. Returns
    ``(count, errors)`` where errors are dicts with row, column and message.
    """
    rows = read_rows(upload, kind)
    errors = []
    if not rows:
        return 0, [{"row": 1, "column": "", "message": _("The file has no header row.")}]
    header = [cell_text(cell).lower() for cell in rows[0]]
    columns = {}
    for name in STANDARD_COLUMNS:
        if name.lower() not in header:
            errors.append(
                {
                    "row": 1,
                    "column": name,
                    "message": _("Column %(name)s is missing.") % {"name": name},
                }
            )
        else:
            columns[name] = header.index(name.lower())
    if errors:
        return 0, errors

    positions = {}
    for position in Position.objects.for_agency(agency).filter(is_active=True):
        positions.setdefault(position.name.strip().lower(), []).append(position)
    competencies = {}
    for competency in Competency.objects.for_agency(agency).active():
        competencies[competency.name.strip().lower()] = competency
        if competency.code:
            competencies.setdefault(competency.code.strip().lower(), competency)

    planned = {}
    for number, row in enumerate(rows[1:], start=2):
        cells = [
            cell_text(row[columns[name]]) if columns[name] < len(row) else ""
            for name in STANDARD_COLUMNS
        ]
        if not any(cells):
            continue
        position_name, competency_name, level_text = cells
        matches = positions.get(position_name.lower(), [])
        if not position_name:
            errors.append(
                {"row": number, "column": "Jabatan", "message": _("The position is empty.")}
            )
        elif not matches:
            errors.append(
                {
                    "row": number,
                    "column": "Jabatan",
                    "message": _("Unknown position “%(name)s”.") % {"name": position_name},
                }
            )
        elif len(matches) > 1:
            errors.append(
                {
                    "row": number,
                    "column": "Jabatan",
                    "message": _("Several positions are called “%(name)s”; rename them first.")
                    % {"name": position_name},
                }
            )
        competency = competencies.get(competency_name.lower())
        if not competency_name:
            errors.append(
                {"row": number, "column": "Kompetensi", "message": _("The competency is empty.")}
            )
        elif competency is None:
            errors.append(
                {
                    "row": number,
                    "column": "Kompetensi",
                    "message": _("Unknown competency “%(name)s”.") % {"name": competency_name},
                }
            )
        if level_text not in {"1", "2", "3", "4", "5"}:
            errors.append(
                {
                    "row": number,
                    "column": "Level",
                    "message": _("The level must be a whole number from 1 to 5, not “%(value)s”.")
                    % {"value": level_text},
                }
            )
        if len(matches) == 1 and competency is not None:
            key = (matches[0].pk, competency.pk)
            if key in planned:
                errors.append(
                    {
                        "row": number,
                        "column": "Kompetensi",
                        "message": _("This position and competency already appear in row %(row)d.")
                        % {"row": planned[key][2]},
                    }
                )
            elif level_text in {"1", "2", "3", "4", "5"}:
                planned[key] = (matches[0], competency, number, int(level_text))
    if errors:
        return 0, errors
    with transaction.atomic():
        by_position = {}
        for position, competency, _row, level in planned.values():
            by_position.setdefault(position, {})[competency] = level
        for position, levels in by_position.items():
            set_position_standards(position, levels, by=by)
    return len(planned), []


# --- assessments ---------------------------------------------------------------------------


@transaction.atomic
def record_assessment(
    employee, *, source, assessed_on, levels, assessor="", note="", evidence=None, by=None
):
    """Record one assessment (``levels``: {competency: level}) and refresh the current profile."""
    levels = {competency: int(level) for competency, level in levels.items() if level}
    if not levels:
        raise ValidationError(_("Give a level for at least one competency."))
    assessment = Assessment(
        agency=employee.agency,
        employee=employee,
        source=source,
        assessed_on=assessed_on,
        assessor=assessor,
        note=note,
        created_by=by,
    )
    if evidence:
        assessment.evidence = evidence
    assessment.save()
    for competency, level in levels.items():
        if not 1 <= level <= 5:
            raise ValidationError(
                _("%(name)s: the level must be from 1 to 5.") % {"name": competency}
            )
        AssessmentScore.objects.create(
            agency=employee.agency, assessment=assessment, competency=competency, level=level
        )
    refresh_current_levels(employee)
    return assessment


@transaction.atomic
def delete_assessment(assessment, by=None):
    employee = assessment.employee
    if assessment.evidence:
        assessment.evidence.delete(save=False)
    assessment.delete()
    refresh_current_levels(employee)


def refresh_current_levels(employee):
    """Recompute the employee's current levels from all their scores (profile.py rules)."""
    agency = employee.agency
    scores = (
        AssessmentScore.objects.for_agency(agency)
        .filter(assessment__employee=employee)
        .values_list(
            "competency_id",
            "assessment__source",
            "assessment__assessed_on",
            "assessment_id",
            "level",
        )
    )
    current = profile_rules.current_profile(scores)
    CurrentLevel.objects.for_agency(agency).filter(employee=employee).delete()
    CurrentLevel.objects.bulk_create(
        [
            CurrentLevel(
                agency=agency,
                employee=employee,
                competency_id=competency_id,
                level=level,
                source=source,
                assessed_on=assessed_on,
            )
            for competency_id, (level, source, assessed_on) in current.items()
        ]
    )
    return current


# --- batches (demo data, imports of assessment results) -------------------------------------


def _log_batch(agency, summary, counts, by=None):
    """One audit entry for a whole batch, as bulk work in the project does."""
    return AuditEntry.objects.log_create(
        agency,
        force_log=True,
        action=AuditEntry.Action.CREATE,
        changes={name: ["", str(value)] for name, value in counts.items()},
        changes_text=summary,
        additional_data={"agency": agency.pk, "summary": summary},
        **({"actor": by} if by is not None and by.is_authenticated else {}),
    )


@transaction.atomic
def set_standards_in_bulk(agency, standards, *, by=None):
    """Replace the standards of many positions at once: ``{position_id: {competency_id:
    level}}``; one audit entry for the batch."""
    rows = []
    for position_id, levels in standards.items():
        for competency_id, level in levels.items():
            if not 1 <= int(level) <= 5:
                raise ValidationError(_("The level must be a whole number from 1 to 5."))
            rows.append(
                PositionStandard(
                    agency=agency,
                    position_id=position_id,
                    competency_id=competency_id,
                    required_level=int(level),
                )
            )
    PositionStandard.objects.for_agency(agency).filter(position_id__in=list(standards)).delete()
    PositionStandard.objects.bulk_create(rows, batch_size=2000)
    counts = {"positions": len(standards), "standards": len(rows)}
    _log_batch(
        agency,
        _(
            "Position standards written in one batch: %(positions)d positions, "
            "%(standards)d required levels."
        )
        % counts,
        counts,
        by,
    )
    return len(rows)


@transaction.atomic
def record_assessments_in_bulk(agency, entries, *, by=None):
    """Record many assessments at once and refresh the profiles of the ASN concerned.

    ``entries``: (employee_id, source, assessed_on, {competency_id: level}, assessor). One audit
    entry for the batch.
    """
    entries = [entry for entry in entries if entry[3]]
    assessments = [
        Assessment(
            agency=agency,
            employee_id=employee_id,
            source=source,
            assessed_on=day,
            assessor=assessor,
            created_by=by,
        )
        for employee_id, source, day, _levels, assessor in entries
    ]
    Assessment.objects.bulk_create(assessments, batch_size=2000)
    scores = []
    for assessment, (_employee, _source, _day, levels, _assessor) in zip(
        assessments, entries, strict=True
    ):
        for competency_id, level in levels.items():
            if not 1 <= int(level) <= 5:
                raise ValidationError(_("The level must be a whole number from 1 to 5."))
            scores.append(
                AssessmentScore(
                    agency=agency,
                    assessment_id=assessment.pk,
                    competency_id=competency_id,
                    level=int(level),
                )
            )
    AssessmentScore.objects.bulk_create(scores, batch_size=5000)
    employee_ids = sorted({entry[0] for entry in entries})
    refresh_current_levels_in_bulk(agency, employee_ids)
    counts = {"assessments": len(assessments), "scores": len(scores), "asn": len(employee_ids)}
    _log_batch(
        agency,
        _(
            "Assessments recorded in one batch: %(assessments)d assessments with "
            "%(scores)d levels for %(asn)d ASN."
        )
        % counts,
        counts,
        by,
    )
    return len(assessments)


def refresh_current_levels_in_bulk(agency, employee_ids, chunk=2000):
    """``refresh_current_levels`` for many employees, a chunk at a time."""
    for start in range(0, len(employee_ids), chunk):
        ids = employee_ids[start : start + chunk]
        by_employee = {}
        rows = (
            AssessmentScore.objects.for_agency(agency)
            .filter(assessment__employee_id__in=ids)
            .values_list(
                "assessment__employee_id",
                "competency_id",
                "assessment__source",
                "assessment__assessed_on",
                "assessment_id",
                "level",
            )
        )
        for employee_id, *score in rows:
            by_employee.setdefault(employee_id, []).append(tuple(score))
        CurrentLevel.objects.for_agency(agency).filter(employee_id__in=ids).delete()
        CurrentLevel.objects.bulk_create(
            [
                CurrentLevel(
                    agency=agency,
                    employee_id=employee_id,
                    competency_id=competency_id,
                    level=level,
                    source=source,
                    assessed_on=assessed_on,
                )
                for employee_id, scores in by_employee.items()
                for competency_id, (level, source, assessed_on) in profile_rules.current_profile(
                    scores
                ).items()
            ],
            batch_size=5000,
        )

"""The needs analysis (AKPK): campaign, needs questionnaire, interviews, analysis, scores."""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from binaasn.competencies.models import Competency, CurrentLevel, PositionStandard
from binaasn.people.models import Employee, OrgUnit, Position
from binaasn.surveys import queries as survey_queries
from binaasn.surveys import services as surveys
from binaasn.surveys.models import Questionnaire

from .. import paths, priority
from ..models import Campaign, Interview, Need, PositionGroup
from ._audit import audit_batch


def _scale_labels():
    return [
        _("No need"),
        _("Small need"),
        _("Moderate need"),
        _("Large need"),
        _("Very large need"),
    ]


@transaction.atomic
def create_campaign(
    agency, *, year, title, description="", grouping=PositionGroup.UNIT, by=None, **weights
):
    if Campaign.objects.for_agency(agency).filter(year=year).exists():
        raise ValidationError(
            {"year": _("The agency already has a needs analysis for %(year)s.") % {"year": year}}
        )
    campaign = Campaign(
        agency=agency,
        year=year,
        title=title,
        description=description,
        grouping=grouping,
        created_by=by,
        **weights,
    )
    campaign.full_clean(exclude=["created_by"])
    campaign.save()
    return campaign


@transaction.atomic
def update_campaign(campaign, *, by=None, **changes):
    """Change a campaign; new weights re-score the stored needs at once."""
    old_weights = campaign.weights
    old_grouping = campaign.grouping
    for field, value in changes.items():
        setattr(campaign, field, value)
    campaign.full_clean(exclude=["agency", "created_by", "questionnaire"])
    if (
        Campaign.objects.for_agency(campaign.agency)
        .filter(year=campaign.year)
        .exclude(pk=campaign.pk)
        .exists()
    ):
        raise ValidationError(
            {
                "year": _("The agency already has a needs analysis for %(year)s.")
                % {"year": campaign.year}
            }
        )
    campaign.save()
    if campaign.analysed_at and campaign.grouping != old_grouping:
        analyse_campaign(campaign, by=by)
    elif campaign.analysed_at and campaign.weights != old_weights:
        rescore_needs(campaign, by=by)
    return campaign


# --- needs questionnaire (through the questionnaire engine) -------------------------------


def questionnaire_competencies(agency):
    """The competencies asked about: the national dictionary and every technical competency
    some position of the agency requires."""
    required = PositionStandard.objects.for_agency(agency).values("competency_id")
    return list(
        Competency.objects.for_agency(agency)
        .active()
        .filter(Q(agency__isnull=True) | Q(pk__in=required))
        .order_by("sort_order", "name")
    )


@transaction.atomic
def prepare_needs_questionnaire(campaign, *, by=None, closes_on=None):
    """Create the campaign's needs questionnaire: a competency-rating grid (how much
    development is needed, 1–5) and two open questions. Returns the draft questionnaire."""
    if campaign.questionnaire_id:
        raise ValidationError(_("This needs analysis already has its questionnaire."))
    agency = campaign.agency
    competencies = questionnaire_competencies(agency)
    if not competencies:
        raise ValidationError(_("There are no competencies to ask about."))
    questionnaire = surveys.create_questionnaire(
        agency,
        title=_("Competency development needs %(year)s") % {"year": campaign.year},
        description=_(
            "Rate how much development is needed in each competency: for yourself, or for the "
            "employee named when you answer as a supervisor."
        ),
        purpose=Questionnaire.Purpose.NEEDS_ANALYSIS,
        closes_on=closes_on,
        by=by,
    )
    surveys.add_question(
        questionnaire,
        kind="rating_grid",
        code="needs",
        text=_("How much development is needed in each competency?"),
        help_text=_("1 = no need, 5 = very large need."),
        items=[{"id": c.pk, "name": c.name} for c in competencies],
        scale_labels=_scale_labels(),
        by=by,
    )
    surveys.add_question(
        questionnaire,
        kind="long_text",
        code="forms",
        text=_("Which forms of development would help most (training, mentoring, internship, …)?"),
        is_required=False,
        by=by,
    )
    surveys.add_question(
        questionnaire,
        kind="long_text",
        code="other",
        text=_("Other development needs or remarks"),
        is_required=False,
        by=by,
    )
    campaign.questionnaire = questionnaire
    campaign.save(update_fields=["questionnaire"])
    return questionnaire


@transaction.atomic
def publish_needs_questionnaire(
    campaign, *, units, ask_supervisors=True, closes_on=None, by=None, base_url="", send_emails=True
):
    """Invite the ASN of ``units`` (and their supervisors about them) and open the
    questionnaire; the campaign then collects answers. Invitees with an e-mail address get one
    unless ``send_emails`` is False (demo data)."""
    if not units:
        raise ValidationError({"units": _("Choose at least one unit whose ASN will answer.")})
    questionnaire = campaign.questionnaire or prepare_needs_questionnaire(
        campaign, by=by, closes_on=closes_on
    )
    if closes_on and questionnaire.is_draft:
        surveys.update_questionnaire(questionnaire, closes_on=closes_on, by=by)
    result = surveys.invite(
        questionnaire,
        units=list(units),
        supervisors_of=list(units) if ask_supervisors else [],
        by=by,
        base_url=base_url,
        send_emails=send_emails,
    )
    if questionnaire.is_draft:
        surveys.publish(questionnaire, by=by, base_url=base_url, send_emails=send_emails)
    campaign.status = Campaign.Status.COLLECTING
    campaign.save(update_fields=["status"])
    return result


# --- interviews ---------------------------------------------------------------------------


@transaction.atomic
def save_interview(interview, *, competencies, by=None, within=None):
    """Create or update an interview record. ``within``: the operator's unit, which the
    interviewed employee or unit must lie in."""
    if interview.employee_id:
        interview.unit = interview.employee.unit
        if interview.employee.position_id and not interview.position_type:
            interview.position_type = interview.employee.position.position_type
    if not interview.employee_id and not interview.group_description:
        raise ValidationError(
            {"group_description": _("Name the employee or describe the group interviewed.")}
        )
    if within is not None:
        if interview.unit is None or not interview.unit.path.startswith(within.path):
            raise ValidationError({"unit": _("Operators record interviews within their own unit.")})
    unknown = [form for form in interview.proposed_forms if form not in paths.FORM_PATH]
    if unknown:
        raise ValidationError({"proposed_forms": _("Unknown development form.")})
    if interview.recorded_by_id is None:
        interview.recorded_by = by
    interview.full_clean(exclude=["agency", "campaign", "recorded_by"])
    interview.save()
    interview.competencies.set(competencies)
    return interview


# --- analysis -----------------------------------------------------------------------------


def _group_of_units(agency):
    """``{unit_id: (group unit id, label)}``: the OPD of each unit (the unit right below the
    agency's root; the root itself stays its own group)."""
    units = {u["pk"]: u for u in OrgUnit.objects.for_agency(agency).values("pk", "path", "name")}
    groups = {}
    for pk, unit in units.items():
        ids = [int(part) for part in unit["path"].strip("/").split("/") if part]
        group_id = ids[1] if len(ids) > 1 else (ids[0] if ids else pk)
        group = units.get(group_id, unit)
        groups[pk] = (group["pk"], group["name"])
    return groups


def _gap_rows(agency):
    """(unit_id, position_type, competency_id, considered, affected, gap_sum) for every active
    ASN × competency their position requires: one aggregate query in the database."""
    employee = Employee._meta.db_table
    position = Position._meta.db_table
    standard = PositionStandard._meta.db_table
    current = CurrentLevel._meta.db_table
    sql = f"""
        SELECT e.unit_id, p.position_type, s.competency_id, COUNT(*),
               SUM(CASE WHEN s.required_level > COALESCE(c.level, 0) THEN 1 ELSE 0 END),
               SUM(CASE WHEN s.required_level > COALESCE(c.level, 0)
                        THEN s.required_level - COALESCE(c.level, 0) ELSE 0 END)
        FROM {employee} e
        JOIN {position} p ON p.id = e.position_id
        JOIN {standard} s ON s.position_id = p.id
        LEFT JOIN {current} c ON c.employee_id = e.id AND c.competency_id = s.competency_id
        WHERE e.agency_id = %s AND e.is_active = %s
        GROUP BY e.unit_id, p.position_type, s.competency_id
    """  # noqa: S608 (table names come from model metadata, values are parameters)
    with connection.cursor() as cursor:
        cursor.execute(sql, [agency.pk, True])
        return cursor.fetchall()


def _position_type_labels():
    return dict(Position.Type.choices)


class _Collector:
    """Accumulates the numbers of each need key (competency, unit id, position type)."""

    def __init__(self, campaign):
        self.campaign = campaign
        self.by_unit = campaign.grouping == PositionGroup.UNIT
        self.units = _group_of_units(campaign.agency)
        self.group_names = dict(self.units.values())
        self.type_labels = _position_type_labels()
        self.rows = {}

    def key(self, competency_id, unit_id, position_type):
        if self.by_unit:
            group = self.units.get(unit_id)
            return (competency_id, group[0] if group else None, "")
        return (competency_id, None, position_type or "")

    def row(self, key):
        if key not in self.rows:
            self.rows[key] = {
                "considered": 0,
                "affected": 0,
                "gap_sum": 0,
                "ratings": [],
                "mentions": 0,
            }
        return self.rows[key]

    def label(self, key):
        _competency, unit_id, position_type = key
        if self.by_unit:
            if unit_id is None:
                return _("All units")
            return self.group_names.get(unit_id, "")
        return str(self.type_labels.get(position_type, _("All position types")))


def _collect_gaps(collector):
    for unit_id, position_type, competency_id, considered, affected, gap_sum in _gap_rows(
        collector.campaign.agency
    ):
        row = collector.row(collector.key(competency_id, unit_id, position_type))
        row["considered"] += considered
        row["affected"] += affected or 0
        row["gap_sum"] += gap_sum or 0


def _collect_survey(collector):
    questionnaire = collector.campaign.questionnaire
    if questionnaire is None:
        return
    ratings = survey_queries.competency_ratings(questionnaire)
    subject_ids = {r["employee_id"] for r in ratings}
    people = {}
    agency = collector.campaign.agency
    ids = list(subject_ids)
    for start in range(0, len(ids), 5000):
        chunk = ids[start : start + 5000]
        for pk, unit_id, position_type in (
            Employee.objects.for_agency(agency)
            .filter(pk__in=chunk)
            .values_list("pk", "unit_id", "position__position_type")
        ):
            people[pk] = (unit_id, position_type)
    known = set(Competency.objects.for_agency(agency).values_list("pk", flat=True))
    for rating in ratings:
        try:
            competency_id = int(rating["item_id"])
        except (TypeError, ValueError):
            continue
        if competency_id not in known or rating["employee_id"] not in people:
            continue
        unit_id, position_type = people[rating["employee_id"]]
        collector.row(collector.key(competency_id, unit_id, position_type))["ratings"].append(
            rating["level"]
        )


def _collect_interviews(collector):
    campaign = collector.campaign
    pairs = Interview.competencies.through.objects.filter(interview__campaign=campaign).values_list(
        "competency_id", "interview__unit_id", "interview__position_type"
    )
    agency_wide = {}
    for competency_id, unit_id, position_type in pairs:
        specific = unit_id is not None if collector.by_unit else bool(position_type)
        if specific:
            collector.row(collector.key(competency_id, unit_id, position_type))["mentions"] += 1
        else:
            agency_wide[competency_id] = agency_wide.get(competency_id, 0) + 1
    # A mention that names no unit (or position type) counts for every group of that competency.
    for competency_id, count in agency_wide.items():
        keys = [key for key in collector.rows if key[0] == competency_id]
        if not keys:
            keys = [(competency_id, None, "")]
        for key in keys:
            collector.row(key)["mentions"] += count


def _mean(values):
    if not values:
        return None
    return (Decimal(sum(values)) / Decimal(len(values))).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )


@transaction.atomic
def analyse_campaign(campaign, *, by=None):
    """Compute and store the campaign's needs from competency gaps, the needs questionnaire and
    the interview records. Needs already accepted or rejected keep their decision."""
    collector = _Collector(campaign)
    _collect_gaps(collector)
    _collect_survey(collector)
    _collect_interviews(collector)
    keys = [
        key
        for key, row in collector.rows.items()
        if row["affected"] or row["ratings"] or row["mentions"]
    ]
    campaign.max_affected = max((collector.rows[k]["affected"] for k in keys), default=0)
    campaign.max_mentions = max((collector.rows[k]["mentions"] for k in keys), default=0)
    campaign.employees_considered = Employee.objects.for_agency(campaign.agency).active().count()
    weights = campaign.weights
    existing = {
        (n.competency_id, n.unit_id, n.position_type): n
        for n in Need.objects.for_agency(campaign.agency).filter(campaign=campaign)
    }
    to_create, to_update = [], []
    for key in keys:
        row = collector.rows[key]
        need = existing.pop(key, None) or Need(
            agency=campaign.agency,
            campaign=campaign,
            competency_id=key[0],
            unit_id=key[1],
            position_type=key[2],
        )
        need.group_label = collector.label(key)[:200]
        need.employees_considered = row["considered"]
        need.affected_count = row["affected"]
        need.total_gap = row["gap_sum"]
        need.avg_gap = (
            (Decimal(row["gap_sum"]) / Decimal(row["affected"])).quantize(
                Decimal("0.01"), rounding=ROUND_HALF_UP
            )
            if row["affected"]
            else Decimal("0.00")
        )
        need.survey_mean = _mean(row["ratings"])
        need.survey_count = len(row["ratings"])
        need.interview_mentions = row["mentions"]
        need.score = priority.score(_inputs(need, campaign), weights)
        (to_update if need.pk else to_create).append(need)
    Need.objects.bulk_create(to_create, batch_size=1000)
    Need.objects.bulk_update(
        to_update,
        [
            "group_label",
            "employees_considered",
            "affected_count",
            "total_gap",
            "avg_gap",
            "survey_mean",
            "survey_count",
            "interview_mentions",
            "score",
        ],
        batch_size=1000,
    )
    # Needs that no longer show up go, unless someone decided on them or a programme uses them.
    stale = [n.pk for n in existing.values() if n.status == Need.Status.PROPOSED]
    Need.objects.for_agency(campaign.agency).filter(pk__in=stale, programmes__isnull=True).delete()
    campaign.status = Campaign.Status.ANALYSED
    campaign.analysed_at = timezone.now()
    campaign.analysed_by = by
    campaign.save()
    audit_batch(campaign, f"analysis: {len(keys)} needs", by)
    return len(keys)


def _inputs(need, campaign):
    return priority.Inputs(
        avg_gap=need.avg_gap,
        affected=need.affected_count,
        max_affected=campaign.max_affected,
        survey_mean=need.survey_mean,
        mentions=need.interview_mentions,
        max_mentions=campaign.max_mentions,
    )


def need_inputs(need):
    """The inputs of a stored need's score (for the page that explains it)."""
    return _inputs(need, need.campaign)


@transaction.atomic
def rescore_needs(campaign, *, by=None):
    """Recompute every stored need's score with the campaign's current weights."""
    needs = list(Need.objects.for_agency(campaign.agency).filter(campaign=campaign))
    weights = campaign.weights
    for need in needs:
        need.score = priority.score(_inputs(need, campaign), weights)
    Need.objects.bulk_update(needs, ["score"], batch_size=1000)
    audit_batch(campaign, f"weights changed: {len(needs)} needs re-scored", by)


@transaction.atomic
def set_need_status(needs, status, *, by=None):
    needs = list(needs)
    if status not in Need.Status.values:
        raise ValidationError(_("Unknown status."))
    for need in needs:
        need.status = status
        need.save(update_fields=["status"])
    return len(needs)


def default_closing_date(today=None):
    return (today or timezone.localdate()) + datetime.timedelta(days=14)

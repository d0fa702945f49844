"""The evaluation report of an offering or a programme: reaction (L1), learning (L2),
behaviour (L3) and results (L4) side by side, as page data, XLSX (``workbook``) and PDF
(``pdf``). A programme report also compares its offerings by the material version they used."""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from binaasn.learning.models import Offering

from ..feedback import behaviour_results, reaction_results
from ..learning_results import learning_results
from ..models import Finding
from ..outcomes import offering_outcomes
from .feedback_figures import feedback_by_offering, pooled

NO_VERSION = _("No version recorded")


@dataclass
class VersionRow:
    """One material version of a programme and what its offerings achieved."""

    version: object  # planning.MaterialVersion or None
    offerings: list
    participants: int
    learning: object  # gain.LearningSummary
    reaction_mean: object = None
    behaviour_mean: object = None

    @property
    def label(self):
        if self.version is None:
            return str(NO_VERSION)
        return str(_("Version %(number)s") % {"number": self.version.number})


@dataclass
class Report:
    """Everything one report shows. ``subject`` is the offering or the programme."""

    agency: object
    subject: object
    kind: str  # "offering" or "programme"
    offerings: list
    learning: object  # learning_results.LearningResults
    outcomes: object  # outcomes.Outcomes
    reaction: object = None
    behaviour: object = None
    versions: list = field(default_factory=list)
    findings: list = field(default_factory=list)
    feedback: dict = field(default_factory=dict)  # {offering id: OfferingFeedback}

    @property
    def title(self):
        return self.subject.title

    @property
    def is_programme(self):
        return self.kind == "programme"

    @property
    def participants(self):
        return self.learning.overall.participants


def _findings(agency, **lookup):
    return list(Finding.objects.for_agency(agency).filter(**lookup).select_related("created_by"))


def offering_report(agency, offering, today=None):
    """The report of one offering."""
    offerings = [offering]
    report = Report(
        agency=agency,
        subject=offering,
        kind="offering",
        offerings=offerings,
        learning=learning_results(agency, offerings),
        outcomes=offering_outcomes(agency, offerings, today=today),
        findings=_findings(agency, offering=offering),
    )
    _add_feedback(report)
    return report


def programme_offerings(agency, programme, visible=None):
    """The finished offerings of ``programme`` (within ``visible``, the offerings the member may
    see), oldest first, with their material versions."""
    offerings = visible if visible is not None else Offering.objects.for_agency(agency)
    return list(
        offerings.filter(programme=programme, status=Offering.Status.FINISHED)
        .select_related("material_version", "unit")
        .order_by("starts_on", "pk")
    )


def programme_report(agency, programme, offerings, today=None):
    """The report of a programme over ``offerings`` (see ``programme_offerings``)."""
    offerings = list(offerings)
    report = Report(
        agency=agency,
        subject=programme,
        kind="programme",
        offerings=offerings,
        learning=learning_results(agency, offerings),
        outcomes=offering_outcomes(agency, offerings, today=today),
        findings=_findings(agency, programme=programme),
    )
    _add_feedback(report)
    report.versions = version_rows(report)
    return report


def version_rows(report):
    """One row per material version (newest last; offerings without one first)."""
    groups = {}
    for offering in report.offerings:
        groups.setdefault(offering.material_version_id, []).append(offering)
    rows = []
    for version_id, offerings in sorted(
        groups.items(), key=lambda item: (item[0] is not None, _number(item[1][0]))
    ):
        ids = [o.pk for o in offerings]
        learning = report.learning.pooled(ids)
        rows.append(
            VersionRow(
                version=offerings[0].material_version if version_id else None,
                offerings=offerings,
                participants=learning.participants,
                learning=learning,
                reaction_mean=_pooled_mean(report, ids, "reaction"),
                behaviour_mean=_pooled_mean(report, ids, "behaviour"),
            )
        )
    return rows


def _number(offering):
    return offering.material_version.number if offering.material_version_id else 0


# --- reaction (L1) and behaviour (L3) -----------------------------------------------------------


def _add_feedback(report):
    """Reaction and behaviour results of the report's offerings taken together, and each
    offering's figures for the version table."""
    report.reaction = reaction_results(report.agency, report.offerings)
    report.behaviour = behaviour_results(report.agency, report.offerings)
    if report.is_programme:
        report.feedback = feedback_by_offering(report.agency, [o.pk for o in report.offerings])


def _pooled_mean(report, offering_ids, level):
    return pooled(report.feedback, offering_ids, level).mean

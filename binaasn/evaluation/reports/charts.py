"""Chart data of the report pages (drawn by ``evaluation/report_charts.js`` from JSON the page
carries; every chart repeats figures a table on the page shows)."""

from django.utils.translation import gettext as _


def _number(value):
    return None if value is None else float(value)


def chart_data(report):
    charts = []
    summary = report.learning.overall
    if summary.pairs:
        charts.append(
            {
                "id": "learning",
                "labels": [_("Pre-test"), _("Post-test")],
                "datasets": [
                    {
                        "label": _("Mean score"),
                        "values": [_number(summary.mean_pre), _number(summary.mean_post)],
                    }
                ],
                "max": 100,
            }
        )
    ikm = report.outcomes.row("ikm")
    if ikm is not None:
        result = ikm.result
        charts.append(
            {
                "id": "outcomes",
                "labels": [_("Participants' units"), _("Comparison units")],
                "datasets": [
                    {
                        "label": _("Before"),
                        "values": [
                            _number(result.treated_before.value),
                            _number(result.comparison_before.value),
                        ],
                    },
                    {
                        "label": _("After"),
                        "values": [
                            _number(result.treated_after.value),
                            _number(result.comparison_after.value),
                        ],
                    },
                ],
                "max": 100,
            }
        )
    if report.is_programme and report.versions:
        charts.append(
            {
                "id": "versions",
                "labels": [row.label for row in report.versions],
                "datasets": [
                    {
                        "label": _("Normalised gain"),
                        "values": [
                            _number(row.learning.normalised_gain) for row in report.versions
                        ],
                    }
                ],
                "max": 1,
            }
        )
    return charts

"""Results: per-question figures and charts, response rate per unit, raw-answer export."""

from django.contrib import messages
from django.shortcuts import render
from django.utils.translation import gettext as _

from binaasn.core.exports import wants_xlsx, xlsx_response
from binaasn.core.permissions import role_required

from .. import queries
from .common import to_detail, visible_questionnaire


@role_required("admin", "operator", "leader")
def results(request, agency, pk):
    questionnaire = visible_questionnaire(request, pk)
    outcome = queries.results(questionnaire)
    if wants_xlsx(request):
        if outcome.hidden:
            messages.error(
                request,
                _(
                    "This questionnaire is anonymous: its answers can be exported from "
                    "%(n)d responses on."
                )
                % {"n": outcome.threshold},
            )
            return to_detail(request, questionnaire)
        headers, rows = queries.export_table(questionnaire)
        return xlsx_response(f"kuesioner-{questionnaire.pk}", headers, rows, title=_("Answers"))
    return render(
        request,
        "surveys/results.html",
        {
            "questionnaire": questionnaire,
            "results": outcome,
            "charts": outcome.charts(),
            "rates": queries.response_rate_by_unit(questionnaire),
        },
    )

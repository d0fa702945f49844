"""Evaluation listens to training delivery: a finished offering sends its reaction
questionnaire (binaasn.evaluation.services.feedback)."""

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.dispatch import receiver
from django_scopes import scope

from binaasn.learning.signals import offering_finished

from .services.feedback import start_offering_evaluation

logger = logging.getLogger(__name__)


@receiver(offering_finished, dispatch_uid="evaluation_start_offering_evaluation")
def send_reaction_questionnaire(sender, offering, by=None, **kwargs):
    """The offering has already finished (the signal comes after commit): a refusal here must
    not turn that into an error page, so it is logged and the offering's evaluation page
    offers the manual send, which shows the reason."""
    with scope(agency=offering.agency_id):
        try:
            start_offering_evaluation(
                offering, by=by, base_url=getattr(settings, "BINAASN_BASE_URL", "")
            )
        except ValidationError as error:
            logger.warning(
                "Reaction questionnaire of offering %s not sent: %s",
                offering.pk,
                " ".join(error.messages),
            )

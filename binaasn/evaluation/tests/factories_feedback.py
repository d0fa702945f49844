"""Offerings that finished, with participants, speakers and answers, for the L1/L3 tests."""

import datetime

from binaasn.learning.models import Enrolment, Offering
from binaasn.learning.tests.factories import EnrolmentFactory, OfferingFactory
from binaasn.people.tests.factories import EmployeeFactory
from binaasn.planning.models import Speaker
from binaasn.surveys import services as surveys


def make_speaker(agency, name="Dr. Rahmawati"):
    return Speaker.objects.create(agency=agency, name=name, expertise="Pelayanan publik")


def finished_offering(agency, *, unit=None, participants=(), speakers=(), trainers=(), **kwargs):
    """An offering marked finished (without going through learning's close_offering), its
    participants enrolled and completed."""
    kwargs.setdefault("ends_on", datetime.date(2026, 3, 4))
    offering = OfferingFactory(agency=agency, unit=unit, status=Offering.Status.FINISHED, **kwargs)
    offering.finished_at = datetime.datetime.combine(
        offering.ends_on, datetime.time(15), tzinfo=datetime.UTC
    )
    offering.save(update_fields=["finished_at"])
    offering.speakers.add(*speakers)
    offering.trainers.add(*trainers)
    for employee in participants:
        EnrolmentFactory(offering=offering, employee=employee, result=Enrolment.Result.COMPLETED)
    return offering


def participants(agency, unit, n, supervisor=None):
    return [
        EmployeeFactory(agency=agency, unit=unit, supervisor=supervisor, name=f"Peserta {i}")
        for i in range(1, n + 1)
    ]


def answer(questionnaire, employee, answers, subject=None, today=None):
    """Submit ``answers`` (by question code) as ``employee``'s response."""
    invitation = questionnaire.invitations.get(employee=employee, subject=subject or employee)
    return surveys.submit_response(invitation, answers, today=today)


def reaction_answers(level=4, speakers=None, before=2, after=4, **texts):
    values = {
        code: level
        for code in (
            "material_relevance",
            "material_usefulness",
            "material_clarity",
            "organisation_schedule",
            "organisation_information",
            "organisation_service",
            "facilities_room",
            "facilities_equipment",
        )
    }
    values.update(ability_before=before, ability_after=after, **texts)
    if speakers is not None:
        values["speaker_mastery"] = speakers
    return values


def behaviour_answers(frequency=4, quality=4, improvement=4, **texts):
    return {
        "application_frequency": frequency,
        "application_quality": quality,
        "work_improvement": improvement,
        **texts,
    }

import datetime

import factory

from binaasn.learning.models import Enrolment, Offering, Session


class OfferingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Offering
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Bimtek Pelayanan Publik Angkatan {n}")
    path_code = "KL10"
    form = "bimtek"
    starts_on = datetime.date(2026, 3, 2)
    ends_on = datetime.date(2026, 3, 4)
    venue = "Aula BKPSDM"
    quota = 30
    jp = 24
    min_attendance_percent = 80
    status = Offering.Status.OPEN


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    agency = factory.SelfAttribute("offering.agency")
    offering = factory.SubFactory(OfferingFactory)
    held_on = factory.SelfAttribute("offering.starts_on")
    starts_at = datetime.time(8, 0)
    ends_at = datetime.time(12, 0)
    topic = factory.Sequence(lambda n: f"Materi {n}")


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrolment

    agency = factory.SelfAttribute("offering.agency")
    offering = factory.SubFactory(OfferingFactory)
    status = Enrolment.Status.ENROLLED
    source = Enrolment.Source.OPERATOR

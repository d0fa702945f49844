import datetime

import factory

from binaasn.citizens.models import Complaint, Forum, ServiceUnit, SkmResponse
from binaasn.citizens.periods import add_working_days
from binaasn.core.tests.factories import AgencyFactory
from binaasn.people.tests.factories import OrgUnitFactory


class ServiceUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceUnit

    agency = factory.SubFactory(AgencyFactory)
    org_unit = factory.SubFactory(OrgUnitFactory, agency=factory.SelfAttribute("..agency"))
    name = factory.Sequence(lambda n: f"Unit Layanan {n}")
    public_code = factory.Sequence(lambda n: f"UNIT-{n}")
    services = "Pelayanan KTP-el\nPelayanan Kartu Keluarga"


class SkmResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SkmResponse

    agency = factory.SelfAttribute("unit.agency")
    unit = factory.SubFactory(ServiceUnitFactory)
    answered_on = datetime.date(2026, 3, 2)
    u1 = u2 = u3 = u4 = u5 = u6 = u7 = u8 = u9 = 3
    age_group = "30-39"
    gender = "L"
    education = "SMA"
    occupation = "Swasta"
    service = "Pelayanan KTP-el"
    source = SkmResponse.Source.PAPER


class ComplaintFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Complaint

    agency = factory.SubFactory(AgencyFactory)
    category = Complaint.Category.TIME
    subject = factory.Sequence(lambda n: f"Antrean lama {n}")
    description = "Antrean di loket sangat lama."
    verify_due_on = factory.LazyFunction(lambda: add_working_days(datetime.date.today(), 3))


class ForumFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Forum

    agency = factory.SubFactory(AgencyFactory)
    theme = factory.Sequence(lambda n: f"Forum pelayanan {n}")
    held_on = datetime.date(2026, 10, 5)
    place = "Aula kantor"
    unit = factory.SubFactory(OrgUnitFactory, agency=factory.SelfAttribute("..agency"))
    community_groups = "Karang Taruna\nPKK"

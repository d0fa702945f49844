import datetime

import factory

from binaasn.core.tests.factories import AgencyFactory
from binaasn.people.models import CareerEntry, Employee, OrgUnit, Position
from binaasn.people.nip import compose_nip


class OrgUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrgUnit

    agency = factory.SubFactory(AgencyFactory)
    name = factory.Sequence(lambda n: f"Unit {n}")
    kind = OrgUnit.Kind.OPD


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Position

    agency = factory.SubFactory(AgencyFactory)
    name = factory.Sequence(lambda n: f"Jabatan {n}")
    position_type = Position.Type.PELAKSANA


class EmployeeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employee

    agency = factory.SubFactory(AgencyFactory)
    name = factory.Sequence(lambda n: f"Pegawai {n}")
    gender = "L"
    birth_date = datetime.date(1985, 5, 17)
    status = Employee.Status.PNS
    golongan = "III/a"
    tmt_cpns = datetime.date(2010, 3, 1)
    education_level = "S-1"
    nip = factory.LazyAttributeSequence(
        lambda o, n: (
            compose_nip(o.birth_date, o.gender, n % 1000, tmt=o.tmt_cpns)
            if o.status != "PPPK"
            else compose_nip(o.birth_date, o.gender, n % 1000, pppk_year=2022)
        )
    )


class CareerEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CareerEntry

    agency = factory.SelfAttribute("employee.agency")
    employee = factory.SubFactory(EmployeeFactory)
    kind = CareerEntry.Kind.RANK
    new_value = "III/b"
    effective_on = datetime.date(2020, 4, 1)

import datetime

import factory

from binaasn.competencies.models import Assessment, AssessmentScore, Competency, PositionStandard


class TechnicalCompetencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Competency

    agency = None
    kind = Competency.Kind.TECHNICAL
    name = factory.Sequence(lambda n: f"Kompetensi Teknis {n}")
    group = "Kesehatan"
    level_1 = "Memahami dasar"
    level_2 = "Menerapkan dengan bimbingan"
    level_3 = "Menerapkan mandiri"
    level_4 = "Menganalisis dan memperbaiki"
    level_5 = "Menjadi rujukan"


class PositionStandardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PositionStandard

    agency = factory.SelfAttribute("position.agency")
    required_level = 3


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assessment

    agency = factory.SelfAttribute("employee.agency")
    source = "supervisor"
    assessed_on = datetime.date(2025, 3, 1)


class AssessmentScoreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AssessmentScore

    agency = factory.SelfAttribute("assessment.agency")
    level = 2


def national(name):
    return Competency.objects.get(agency=None, name=name)

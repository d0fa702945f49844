import datetime

import factory

from binaasn.actions.models import FollowUpAction
from binaasn.core.tests.factories import AgencyFactory


class FollowUpActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUpAction

    agency = factory.SubFactory(AgencyFactory)
    title = factory.Sequence(lambda n: f"Tindak lanjut {n}")
    due_on = datetime.date(2026, 12, 15)

import pytest
from django.utils import translation
from django_scopes import scope


@pytest.fixture(autouse=True)
def _english(settings):
    """Assertions read the English source strings, whatever the Indonesian catalogue says."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def alpha(cast):
    """The cast, with agency A's scope active (services query through scoped managers)."""
    with scope(agency=cast.a):
        yield cast

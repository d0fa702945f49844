import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english(settings):
    """Assertions read the English source strings, whatever the Indonesian catalogue says."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield

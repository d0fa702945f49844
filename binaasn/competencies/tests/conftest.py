import pytest


@pytest.fixture(autouse=True)
def _english(settings):
    """Assertions read the English source text and English number formats."""
    settings.LANGUAGE_CODE = "en"

import pytest
from django.core.cache import cache
from django_scopes import scopes_disabled

from binaasn.citizens import pagecache
from binaasn.citizens.tests.factories import ServiceUnitFactory


@pytest.fixture(autouse=True)
def _clear_rate_limits(request):
    """Rate-limit counters live in the (database) cache; every test that uses the database
    starts with none."""
    if not {"db", "transactional_db", "cast"} & set(request.fixturenames):
        yield
        return
    if "transactional_db" not in request.fixturenames:
        request.getfixturevalue("db")
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _empty_page_cache():
    """Rendered public pages live in this process between requests: none between tests."""
    pagecache.clear()
    yield
    pagecache.clear()


@pytest.fixture(autouse=True)
def _english(settings):
    """Assert on the English source texts: they stay put when the Indonesian catalogue lands."""
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def dukcapil_unit(cast):
    with scopes_disabled():
        return ServiceUnitFactory(
            agency=cast.a,
            org_unit=cast.dukcapil,
            name="Dinas Kependudukan dan Pencatatan Sipil",
            public_code="DISDUKCAPIL",
            services="Pelayanan KTP-el\nPelayanan Kartu Keluarga",
        )


@pytest.fixture
def puskesmas_unit(cast):
    with scopes_disabled():
        return ServiceUnitFactory(
            agency=cast.a,
            org_unit=cast.puskesmas,
            name="Puskesmas Telaga",
            public_code="PKM-TELAGA",
            services="",
        )

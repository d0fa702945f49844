"""The permission matrix as data (CONVENTIONS.md, "Tests").

Every app lists its URL names in ``binaasn/<app>/tests/permission_rows.py`` as ``ROWS``: which
status each role of agency A gets. The generated test in ``test_permissions.py`` runs every row
for the five roles, anonymous visitors and agency B's admin, walks object URLs with agency B's
ids, and fails when a URL name of the project has no row.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

ROLES = ("admin", "operator", "leader", "trainer", "employee")


@dataclass(frozen=True)
class Row:
    url_name: str
    # kwargs besides ``agency``/``public_agency``, built from the cast (conftest.py)
    kwargs: Callable = lambda cast: {}
    # the same kwargs naming agency B's objects: agency A's URL with them must be a 404
    foreign: Callable | None = None
    # status per role of agency A; a role left out gets 403
    expect: dict = field(default_factory=dict)
    method: str = "get"
    data: Callable = lambda cast: {}
    public: bool = False  # /publik/ pages: anonymous visitors get ``expect["anonymous"]``
    query: str = ""

    def status_for(self, role):
        return self.expect.get(role, 403)


def everyone(status=200, **overrides):
    expect = {role: status for role in ROLES}
    expect.update(overrides)
    return expect

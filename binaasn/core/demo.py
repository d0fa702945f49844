"""Demo data: the three agencies of the field reports, their people, one login per role.

``manage.py seed_demo`` creates the agencies below and runs ``DEMO_STEPS`` in order for each of
them. A step is a function of one ``DemoContext``; it must be deterministic (draw only from
``ctx.seed(...)``) and idempotent (write only what is missing), and may leave objects for later
steps in ``ctx.data``. Another area adds its demo by appending its step's dotted path here.
"""

import functools
import hashlib
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils.module_loading import import_string

from . import services
from .models import Agency, Membership, User

DEMO_STEPS = [
    "binaasn.people.demo.seed_people",  # leaves "operator_unit" and "asn" in ctx.data
    "binaasn.core.demo.seed_logins",
    "binaasn.surveys.demo.seed_step",
    "binaasn.competencies.demo.seed_competencies",
    "binaasn.planning.demo.seed_planning",  # after competencies: the analysis reads their gaps
    "binaasn.learning.demo.seed_learning",  # after planning: offerings of the approved plan
    "binaasn.citizens.demo.seed_step",
    "binaasn.evaluation.demo.seed_step",  # after learning: evaluates the finished offerings
]

SEED = "binaasn-demo-1"


@dataclass(frozen=True)
class DemoAgency:
    slug: str
    name: str
    short_name: str
    kind: str
    region_code: str
    seat: str


DEMO_AGENCIES = [
    DemoAgency("gorontalo", "Pemerintah Kabupaten Gorontalo", "Kab. Gorontalo",
               Agency.Kind.KABUPATEN, "75.01", "Limboto"),
    DemoAgency("candisari", "Kecamatan Candisari", "Candisari",
               Agency.Kind.KECAMATAN, "33.74.06", "Kota Semarang"),
    DemoAgency("kutacane", "Pemerintah Kabupaten Aceh Tenggara", "Kab. Aceh Tenggara",
               Agency.Kind.KABUPATEN, "11.02", "Kutacane"),
]  # fmt: skip

# role, username pattern, full name pattern; the employee login is the demo ASN's NIP.
STAFF_LOGINS = [
    ("admin", "admin.{slug}", "Admin {short}"),
    ("operator", "operator.{slug}", "Operator {unit}"),
    ("leader", "pimpinan.{slug}", "Pimpinan {short}"),
    ("trainer", "pelatih.{slug}", "Pelatih {short}"),
]
EMAIL_LOCAL = {"admin": "admin", "operator": "operator", "leader": "pimpinan",
               "trainer": "pelatih", "employee": "asn"}  # fmt: skip


def demo_email(role, slug):
    return f"{EMAIL_LOCAL[role]}@{slug}.binaasn.test"


@dataclass
class DemoContext:
    agency: Agency
    data: dict = field(default_factory=dict)

    def seed(self, step):
        """A seed of its own for each agency and step, so adding a step changes no other."""
        return hashlib.sha256(f"{SEED}:{self.agency.slug}:{step}".encode()).hexdigest()


def ensure_agency(spec):
    """The demo agency, created with a second factor optional for every role (a newcomer can
    look around); an existing one is left as its admins set it."""
    agency, _ = Agency.objects.get_or_create(
        slug=spec.slug,
        defaults={
            "name": spec.name, "short_name": spec.short_name, "kind": spec.kind,
            "region_code": spec.region_code, "seat": spec.seat, "mfa_required_roles": "",
        },
    )  # fmt: skip
    return agency


def seed_demo():
    """Create or complete every demo agency; returns {slug: {step: result}}."""
    # Named "app:function" in the report (several apps call their step seed_step).
    steps = [
        (path.removeprefix("binaasn.").replace(".demo.", ":"), import_string(path))
        for path in DEMO_STEPS
    ]
    report = {}
    for spec in DEMO_AGENCIES:
        with transaction.atomic():
            ctx = DemoContext(agency=ensure_agency(spec))
            report[spec.slug] = {name: step(ctx) for name, step in steps}
    return report


@functools.cache
def _demo_password_hash():
    # Hashing is slow on purpose; every demo login shares the one published demo password.
    return make_password(settings.BINAASN_DEMO_PASSWORD)


def _demo_user(username, email, full_name):
    """A demo login, created once with the demo password; never changed afterwards."""
    user = User.objects.filter(username=username).first()
    if user is not None:
        return user, False
    user = User.objects.create(
        username=username, email=email, full_name=full_name, password=_demo_password_hash()
    )
    return user, True


def _grant(user, agency, role, unit=None):
    if Membership.objects.filter(user=user, agency=agency, role=role).exists():
        return False
    services.grant_membership(user=user, agency=agency, role=role, unit=unit)
    return True


def seed_logins(ctx):
    """Demo step: admin, operator, leader and trainer logins, and the ASN's login by NIP."""
    from binaasn.people.services import link_employee_login

    agency, slug = ctx.agency, ctx.agency.slug
    unit = ctx.data.get("operator_unit")
    created = 0
    for role, username, full_name in STAFF_LOGINS:
        if role == "operator" and unit is None:
            continue
        name = full_name.format(short=agency.display_name, unit=unit.name if unit else "")
        user, new = _demo_user(username.format(slug=slug), demo_email(role, slug), name)
        created += new
        _grant(user, agency, role, unit if role == "operator" else None)
    asn = ctx.data.get("asn")
    if asn is not None:
        user, new = _demo_user(asn.nip, demo_email("employee", slug), asn.full_name)
        created += new
        _grant(user, agency, "employee")  # a membership named by a NIP links the employee
        link_employee_login(asn, user)  # unless it already is linked
    return created


def demo_logins():
    """Rows (agency, role, username, password) of the demo logins that exist in the database."""
    slugs = [spec.slug for spec in DEMO_AGENCIES]
    roles = [role for role, *_ in STAFF_LOGINS] + ["employee"]
    memberships = (
        Membership.objects.filter(agency__slug__in=slugs, is_active=True)
        .select_related("agency", "user")
        .filter(user__email__endswith=".binaasn.test")
    )
    rows = [
        (m.agency.slug, m.role, m.user.username, settings.BINAASN_DEMO_PASSWORD)
        for m in memberships
        if m.user.email == demo_email(m.role, m.agency.slug)
    ]
    return sorted(rows, key=lambda row: (slugs.index(row[0]), roles.index(row[1])))

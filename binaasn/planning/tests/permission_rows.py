from binaasn.core.tests.matrix import Row

READ = {"admin": 200, "operator": 200, "leader": 200}
ADMIN = {"admin": 200}
ADMIN_POST = {"admin": 302}


def prepare(cast):
    from binaasn.competencies.models import Competency
    from binaasn.planning.models import PlanVersion
    from binaasn.planning.tests import factories as f

    integritas = Competency.objects.get(agency=None, name="Integritas")
    for suffix, agency, unit in (("", cast.a, cast.puskesmas), ("_b", cast.b, cast.b_unit)):
        campaign = f.make_campaign(agency)
        need = f.make_need(campaign, integritas, unit=unit)
        interview = f.make_interview(campaign, unit=unit)
        plan = f.make_plan(agency, campaign=campaign)
        programme = f.make_programme(plan)
        line = f.make_line(programme)
        version = PlanVersion.objects.create(
            agency=agency,
            plan=plan,
            number=1,
            change_note="Versi awal",
            snapshot={"title": plan.title, "programmes": [], "total": "0"},
        )
        partner = f.make_partner(agency)
        speaker = f.make_speaker(agency, partner=partner)
        for name, value in (
            ("campaign", campaign),
            ("need", need),
            ("interview", interview),
            ("plan", plan),
            ("programme", programme),
            ("line", line),
            ("version", version),
            ("partner", partner),
            ("speaker", speaker),
        ):
            setattr(cast, f"{name}{suffix}", value)


def pk_of(name):
    return lambda c: {"pk": getattr(c, name).pk}


def pk_of_b(name):
    return lambda c: {"pk": getattr(c, f"{name}_b").pk}


def row(url_name, thing=None, expect=READ, method="get", query="", data=None):
    extra = {}
    if thing:
        extra = {"kwargs": pk_of(thing), "foreign": pk_of_b(thing)}
    if data is not None:
        extra["data"] = data
    return Row(f"planning:{url_name}", expect=expect, method=method, query=query, **extra)


ROWS = [
    row("campaign-list"),
    row("campaign-create", expect=ADMIN),
    row("campaign-detail", "campaign"),
    row("campaign-edit", "campaign", expect=ADMIN),
    row("campaign-publish", "campaign", expect=ADMIN_POST, method="post"),
    row("campaign-analyse", "campaign", expect=ADMIN_POST, method="post"),
    row("campaign-weights", "campaign", expect=ADMIN_POST, method="post"),
    row("need-list", "campaign"),
    row("need-list", "campaign", query="format=xlsx"),
    row("need-decide", "campaign", expect=ADMIN_POST, method="post"),
    row("need-detail", "need"),
    row("need-programme", "need", expect=ADMIN),
    row("interview-list", "campaign"),
    row("interview-list", "campaign", query="format=xlsx"),
    row("interview-create", "campaign", expect={"admin": 200, "operator": 200}),
    row("interview-edit", "interview", expect={"admin": 200, "operator": 200}),
    row("plan-list"),
    row("plan-create", expect=ADMIN),
    row("plan-detail", "plan"),
    row("plan-detail", "plan", query="format=xlsx"),
    row("plan-edit", "plan", expect=ADMIN),
    row("plan-submit", "plan", expect=ADMIN_POST, method="post"),
    row("plan-approve", "plan", expect=ADMIN_POST, method="post"),
    row("plan-return", "plan", expect=ADMIN_POST, method="post"),
    row("plan-revise", "plan", expect=ADMIN_POST, method="post"),
    row("plan-versions", "plan"),
    row("plan-version-detail", "version"),
    row("plan-calendar", "plan"),
    row("plan-coverage", "plan"),
    row("plan-coverage", "plan", query="format=xlsx"),
    row("plan-pdf", "plan"),
    row("programme-create", "plan", expect=ADMIN),
    row("programme-detail", "programme"),
    row("programme-edit", "programme", expect=ADMIN),
    row("programme-delete", "programme", expect=ADMIN_POST, method="post"),
    row("budgetline-create", "programme", expect=ADMIN),
    row("budgetline-edit", "line", expect=ADMIN),
    row("budgetline-delete", "line", expect=ADMIN_POST, method="post"),
    row("ceiling-list", expect=ADMIN),
    row("partner-list"),
    row("partner-list", query="format=xlsx"),
    row("partner-create", expect=ADMIN),
    row("partner-edit", "partner", expect=ADMIN),
    row("speaker-list"),
    row("speaker-list", query="format=xlsx"),
    row("speaker-create", expect=ADMIN),
    row("speaker-edit", "speaker", expect=ADMIN),
]


# Curriculum and material versions of a programme.

_prepare_plans = prepare
PDF = b"%PDF-1.4\n% materi\n"


def _prepare_materials(cast):
    from django.core.files.base import ContentFile

    from binaasn.learning.tests.factories import OfferingFactory
    from binaasn.planning.models import MaterialFile, MaterialModule, MaterialVersion

    for suffix, agency in (("", cast.a), ("_b", cast.b)):
        programme = getattr(cast, f"programme{suffix}")
        made = {}
        for number, status, name in ((1, "published", "material"), (2, "draft", "material_draft")):
            version = MaterialVersion.objects.create(
                agency=agency,
                programme=programme,
                number=number,
                status=status,
                change_note="Studi kasus ditambah" if number > 1 else "",
            )
            module = MaterialModule.objects.create(
                agency=agency,
                version=version,
                position=1,
                title="Etika ASN",
                jp=8,
                method="lecture",
            )
            item = MaterialFile(agency=agency, version=version, title="Bahan ajar")
            item.file.save("bahan-ajar.pdf", ContentFile(PDF), save=True)
            made[name] = version
            made[f"{name}_module"] = module
            made[f"{name}_file"] = item
        for name, value in made.items():
            setattr(cast, f"{name}{suffix}", value)
    taught = OfferingFactory(
        agency=cast.a, programme=cast.programme, material_version=cast.material
    )
    taught.trainers.add(cast.trainer)


def prepare(cast):
    _prepare_plans(cast)
    _prepare_materials(cast)


READ_TRAINER = {**READ, "trainer": 200}

ROWS += [
    row("material-list", "programme"),
    row("material-list", "programme", query="format=xlsx"),
    row("material-create", "programme", expect=ADMIN),
    row("material-compare", "programme"),
    row("material-detail", "material", expect=READ_TRAINER),
    row("material-detail", "material_draft"),
    row("material-edit", "material_draft", expect=ADMIN),
    row("material-publish", "material_draft", expect=ADMIN),
    row("material-publish", "material_draft", expect=ADMIN_POST, method="post"),
    row("material-delete", "material_draft", expect=ADMIN_POST, method="post"),
    row("module-create", "material_draft", expect=ADMIN),
    row("module-edit", "material_draft_module", expect=ADMIN),
    row("module-delete", "material_draft_module", expect=ADMIN_POST, method="post"),
    row(
        "module-move",
        "material_draft_module",
        expect=ADMIN_POST,
        method="post",
        data=lambda c: {"direction": "down"},
    ),
    row("materialfile-upload", "material_draft", expect=ADMIN),
    row("materialfile-download", "material_file", expect=READ_TRAINER),
    row("materialfile-delete", "material_draft_file", expect=ADMIN_POST, method="post"),
]

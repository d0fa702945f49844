"""Permission rows of public participation (see binaasn/core/tests/matrix.py)."""

import datetime

from django.core.files.base import ContentFile
from django_scopes import scopes_disabled

from binaasn.citizens import kiosk
from binaasn.citizens.models import ComplaintAttachment, ServiceUserCount
from binaasn.citizens.tests.factories import (
    ComplaintFactory,
    ForumFactory,
    ServiceUnitFactory,
    SkmResponseFactory,
)
from binaasn.core.tests.matrix import Row

STAFF = {"admin": 200, "operator": 200, "leader": 200}
MANAGE = {"admin": 200, "operator": 200}
ANSWERS = {f"u{n}": "3" for n in range(1, 10)}
PROFILE = {
    "age": "34",
    "gender": "P",
    "education": "SMA",
    "occupation": "Swasta",
    "service": "Pelayanan KTP-el",
}


def prepare(cast):
    # The operator (Dinas Kesehatan subtree) sees the puskesmas unit, not Disdukcapil.
    cast.service_unit = ServiceUnitFactory(
        agency=cast.a, org_unit=cast.puskesmas, name="Puskesmas Telaga", public_code="PKM-TELAGA"
    )
    cast.dukcapil_unit = ServiceUnitFactory(
        agency=cast.a, org_unit=cast.dukcapil, name="Disdukcapil", public_code="DISDUKCAPIL"
    )
    cast.service_unit_b = ServiceUnitFactory(
        agency=cast.b, org_unit=cast.b_unit, name="Dinkes Beta", public_code="BETA-DINKES"
    )
    cast.count_b = ServiceUserCount.objects.create(
        agency=cast.b,
        unit=cast.service_unit_b,
        start_on=datetime.date(2026, 1, 1),
        end_on=datetime.date(2026, 6, 30),
        count=500,
    )
    cast.response_b = SkmResponseFactory(unit=cast.service_unit_b)
    cast.complaint = ComplaintFactory(agency=cast.a, unit=cast.service_unit)
    cast.complaint_dukcapil = ComplaintFactory(agency=cast.a, unit=cast.dukcapil_unit)
    cast.complaint_b = ComplaintFactory(agency=cast.b, unit=cast.service_unit_b)
    cast.attachment = ComplaintAttachment.objects.create(
        agency=cast.a,
        complaint=cast.complaint,
        file=ContentFile(b"%PDF-1.4 x", name="bukti.pdf"),
        original_name="bukti.pdf",
        size=10,
    )
    cast.attachment_b = ComplaintAttachment.objects.create(
        agency=cast.b,
        complaint=cast.complaint_b,
        file=ContentFile(b"%PDF-1.4 x", name="bukti.pdf"),
        original_name="bukti.pdf",
        size=10,
    )
    cast.forum = ForumFactory(
        agency=cast.a, unit=cast.dinkes, minutes_file=ContentFile(b"%PDF-1.4 x", name="notulen.pdf")
    )
    cast.forum_dukcapil = ForumFactory(agency=cast.a, unit=cast.dukcapil)
    cast.forum_b = ForumFactory(
        agency=cast.b, unit=cast.b_unit, minutes_file=ContentFile(b"%PDF-1.4 x", name="notulen.pdf")
    )


def new_count(cast):
    with scopes_disabled():
        row, _created = ServiceUserCount.objects.get_or_create(
            agency=cast.a,
            unit=cast.service_unit,
            start_on=datetime.date(2025, 1, 1),
            end_on=datetime.date(2025, 12, 31),
            defaults={"count": 1000},
        )
        return row


def new_paper_response(cast):
    with scopes_disabled():
        return SkmResponseFactory(unit=cast.service_unit)


unit = lambda c: {"pk": c.service_unit.pk}  # noqa: E731
unit_b = lambda c: {"pk": c.service_unit_b.pk}  # noqa: E731

ROWS = [
    # staff: SKM/IKM
    Row("citizens:ikm-agency", expect=STAFF),
    Row(
        "citizens:ikm-agency",
        query="periode=2026-S1&format=xlsx",
        expect={"admin": 200, "leader": 200, "operator": 200},
    ),
    Row(
        "citizens:ikm-agency",
        query="periode=2026&format=pdf",
        expect={"admin": 200, "leader": 200, "operator": 200},
    ),
    Row("citizens:ikm-unit", kwargs=unit, foreign=unit_b, expect=STAFF),
    Row(
        "citizens:ikm-unit",
        kwargs=lambda c: {"pk": c.dukcapil_unit.pk},
        expect={"admin": 200, "leader": 200, "operator": 404},
    ),
    Row("citizens:ikm-unit", kwargs=unit, query="format=pdf", expect=STAFF),
    Row("citizens:ikm-unit", kwargs=unit, query="format=xlsx", expect=STAFF),
    Row("citizens:response-create", expect=MANAGE),
    Row(
        "citizens:response-create",
        method="post",
        expect={"admin": 302, "operator": 302},
        data=lambda c: {"unit": c.service_unit.pk, "answered_on": "2026-03-02", **ANSWERS},
    ),
    Row("citizens:response-list", expect=STAFF),
    Row("citizens:response-list", query="format=xlsx", expect=STAFF),
    Row(
        "citizens:response-delete",
        method="post",
        kwargs=lambda c: {"pk": new_paper_response(c).pk},
        foreign=lambda c: {"pk": c.response_b.pk},
        expect={"admin": 302},
    ),
    Row("citizens:response-import", expect=MANAGE),
    Row("citizens:response-import-template", expect=MANAGE),
    Row("citizens:settings", expect={"admin": 200}),
    Row("citizens:historical-list", expect=STAFF),
    Row("citizens:historical-create", expect={"admin": 200}),
    # staff: service units
    Row("citizens:unit-list", expect=STAFF),
    Row("citizens:unit-list", query="format=xlsx", expect=STAFF),
    Row("citizens:unit-create", expect=MANAGE),
    Row("citizens:unit-detail", kwargs=unit, foreign=unit_b, expect=STAFF),
    Row(
        "citizens:unit-detail",
        kwargs=lambda c: {"pk": c.dukcapil_unit.pk},
        expect={"admin": 200, "leader": 200, "operator": 404},
    ),
    Row("citizens:unit-edit", kwargs=unit, foreign=unit_b, expect=MANAGE),
    Row(
        "citizens:unit-population",
        method="post",
        kwargs=unit,
        foreign=unit_b,
        expect={"admin": 302, "operator": 302},
        data=lambda c: {"start_on": "2026-01-01", "end_on": "2026-06-30", "count": "800"},
    ),
    Row(
        "citizens:unit-population-delete",
        method="post",
        kwargs=lambda c: {"pk": c.service_unit.pk, "count_pk": new_count(c).pk},
        foreign=lambda c: {"pk": c.service_unit_b.pk, "count_pk": c.count_b.pk},
        expect={"admin": 302, "operator": 302},
    ),
    Row("citizens:unit-poster", kwargs=unit, foreign=unit_b, expect=STAFF),
    # staff: complaints
    Row("citizens:complaint-list", expect=STAFF),
    Row("citizens:complaint-list", query="format=xlsx", expect=STAFF),
    Row("citizens:complaint-stats", expect=STAFF),
    Row("citizens:complaint-stats", query="format=xlsx", expect=STAFF),
    Row(
        "citizens:complaint-detail",
        kwargs=lambda c: {"pk": c.complaint.pk},
        foreign=lambda c: {"pk": c.complaint_b.pk},
        expect=STAFF,
    ),
    Row(
        "citizens:complaint-detail",
        kwargs=lambda c: {"pk": c.complaint_dukcapil.pk},
        expect={"admin": 200, "leader": 200, "operator": 404},
    ),
    Row(
        "citizens:complaint-act",
        method="post",
        kwargs=lambda c: {"pk": c.complaint.pk},
        foreign=lambda c: {"pk": c.complaint_b.pk},
        data=lambda c: {"do": "note", "body": "Dicek ke loket."},
        expect={"admin": 302, "operator": 302},
    ),
    Row("citizens:complaint-patterns", expect=STAFF),
    Row("citizens:complaint-patterns", query="format=xlsx&per_month=on", expect=STAFF),
    Row(
        "citizens:complaint-pattern-action",
        kwargs=lambda c: {"pk": c.service_unit.pk, "category": "time"},
        foreign=lambda c: {"pk": c.service_unit_b.pk, "category": "time"},
        expect=MANAGE,
    ),
    Row(
        "citizens:complaint-pattern-action",
        kwargs=lambda c: {"pk": c.dukcapil_unit.pk, "category": "time"},
        expect={"admin": 200, "operator": 404},
    ),
    Row(
        "citizens:complaint-pattern-action",
        method="post",
        kwargs=lambda c: {"pk": c.service_unit.pk, "category": "time"},
        foreign=lambda c: {"pk": c.service_unit_b.pk, "category": "time"},
        data=lambda c: {
            "title": "Tambah loket antrean",
            "kind": "service_improvement",
            "owner_employee": c.employee.pk,
            "due_on": "2027-01-31",
        },
        expect={"admin": 302, "operator": 302},
    ),
    Row(
        "citizens:complaint-attachment",
        kwargs=lambda c: {"pk": c.complaint.pk, "attachment_pk": c.attachment.pk},
        foreign=lambda c: {"pk": c.complaint_b.pk, "attachment_pk": c.attachment_b.pk},
        expect=STAFF,
    ),
    # staff: forums
    Row("citizens:forum-list", expect=STAFF),
    Row("citizens:forum-list", query="format=xlsx", expect=STAFF),
    Row("citizens:forum-create", expect=MANAGE),
    Row(
        "citizens:forum-detail",
        kwargs=lambda c: {"pk": c.forum.pk},
        foreign=lambda c: {"pk": c.forum_b.pk},
        expect=STAFF,
    ),
    Row(
        "citizens:forum-detail",
        kwargs=lambda c: {"pk": c.forum_dukcapil.pk},
        expect={"admin": 200, "leader": 200, "operator": 404},
    ),
    Row(
        "citizens:forum-edit",
        kwargs=lambda c: {"pk": c.forum.pk},
        foreign=lambda c: {"pk": c.forum_b.pk},
        expect=MANAGE,
    ),
    Row(
        "citizens:forum-issue-create",
        method="post",
        kwargs=lambda c: {"pk": c.forum.pk},
        foreign=lambda c: {"pk": c.forum_b.pk},
        expect={"admin": 302, "operator": 302},
        data=lambda c: {
            "title": "Jam layanan",
            "owner_employee": c.supervisor.pk,
            "due_on": "2026-12-31",
        },
    ),
    Row(
        "citizens:forum-minutes",
        kwargs=lambda c: {"pk": c.forum.pk},
        foreign=lambda c: {"pk": c.forum_b.pk},
        expect=STAFF,
    ),
    # public pages: no login; agency B's codes under agency A's address are not found
    Row("citizens_public:index", public=True, expect={"anonymous": 200}),
    Row(
        "citizens_public:skm",
        public=True,
        kwargs=lambda c: {"code": c.service_unit.public_code},
        foreign=lambda c: {"code": c.service_unit_b.public_code},
        expect={"anonymous": 200},
    ),
    Row(
        "citizens_public:skm",
        public=True,
        method="post",
        kwargs=lambda c: {"code": c.service_unit.public_code},
        data=lambda c: {**ANSWERS, **PROFILE},
        expect={"anonymous": 302},
    ),
    Row(
        "citizens_public:skm-thanks",
        public=True,
        kwargs=lambda c: {"code": c.service_unit.public_code},
        foreign=lambda c: {"code": c.service_unit_b.public_code},
        expect={"anonymous": 200},
    ),
    Row(
        "citizens_public:skm-kiosk",
        public=True,
        kwargs=lambda c: {
            "code": c.service_unit.public_code,
            "token": kiosk.kiosk_token(c.service_unit),
        },
        foreign=lambda c: {
            "code": c.service_unit_b.public_code,
            "token": kiosk.kiosk_token(c.service_unit_b),
        },
        expect={"anonymous": 200},
    ),
    Row(
        "citizens_public:skm-kiosk",
        public=True,
        kwargs=lambda c: {
            "code": c.service_unit.public_code,
            "token": kiosk.kiosk_token(c.dukcapil_unit),
        },
        expect={"anonymous": 404},
    ),
    Row(
        "citizens_public:skm-kiosk-submit",
        public=True,
        method="post",
        kwargs=lambda c: {
            "code": c.service_unit.public_code,
            "token": kiosk.kiosk_token(c.service_unit),
        },
        foreign=lambda c: {
            "code": c.service_unit_b.public_code,
            "token": kiosk.kiosk_token(c.service_unit_b),
        },
        data=lambda c: {
            **ANSWERS,
            **PROFILE,
            "client_uuid": "5b0f4c9e-3d4b-4b8e-9d7a-1c2b3a4d5e6f",
        },
        expect={"anonymous": 302},
    ),
    Row("citizens_public:skm-results", public=True, expect={"anonymous": 200}),
    Row("citizens_public:complaint-create", public=True, expect={"anonymous": 200}),
    Row("citizens_public:complaint-lookup", public=True, expect={"anonymous": 200}),
    Row(
        "citizens_public:complaint-status",
        public=True,
        kwargs=lambda c: {"code": c.complaint.tracking_code},
        foreign=lambda c: {"code": c.complaint_b.tracking_code},
        expect={"anonymous": 200},
    ),
    Row(
        "citizens_public:complaint-reply",
        public=True,
        method="post",
        kwargs=lambda c: {"code": c.complaint.tracking_code},
        foreign=lambda c: {"code": c.complaint_b.tracking_code},
        data=lambda c: {"body": "Terima kasih."},
        expect={"anonymous": 302},
    ),
    Row(
        "citizens_public:forum",
        public=True,
        kwargs=lambda c: {"code": c.forum.public_code},
        foreign=lambda c: {"code": c.forum_b.public_code},
        expect={"anonymous": 200},
    ),
]

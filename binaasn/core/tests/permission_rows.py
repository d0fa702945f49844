from binaasn.core.tests.matrix import Row, everyone

ROWS = [
    Row("core:home-agency", expect=everyone(200)),
    Row("core:switch-role", method="post", data=lambda c: {"role": "admin"}, expect=everyone(302)),
    Row("core:audit-list", expect={"admin": 200}),
    Row("core:audit-list", query="format=xlsx", expect={"admin": 200}),
    Row("core:membership-list", expect={"admin": 200}),
    Row("core:membership-create", expect={"admin": 200}),
    Row(
        "core:membership-toggle",
        method="post",
        kwargs=lambda c: {"pk": c.extra_membership.pk},
        foreign=lambda c: {"pk": c.b.memberships.get(role="admin").pk},
        expect={"admin": 302},
    ),
    Row(
        "core:job-detail",
        kwargs=lambda c: {"pk": c.job.pk},
        foreign=lambda c: {"pk": c.job_b.pk},
        expect={"admin": 200, "operator": 404, "leader": 404, "trainer": 404, "employee": 404},
    ),
    Row(
        "core:job-progress",
        kwargs=lambda c: {"pk": c.job.pk},
        foreign=lambda c: {"pk": c.job_b.pk},
        expect={"admin": 200, "operator": 404, "leader": 404, "trainer": 404, "employee": 404},
    ),
    Row(
        "core:job-download",
        kwargs=lambda c: {"pk": c.job.pk},
        foreign=lambda c: {"pk": c.job_b.pk},
        expect={"admin": 200, "operator": 404, "leader": 404, "trainer": 404, "employee": 404},
    ),
    Row("core:style-guide", expect=everyone(200)),
    Row("core:agency-settings", expect={"admin": 200}),
    Row(
        "core:agency-settings",
        method="post",
        data=lambda c: {
            "name": "Pemerintah Kabupaten Alpha",
            "kind": "kabupaten",
            "region_code": "75.01",
        },
        expect={"admin": 302},
    ),
]

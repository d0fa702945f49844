"""Curriculum and material versions: numbering, copying, publishing (freezes the version,
closes the follow-up action, moves offerings that have not started), deletion, comparison and
the pages around them."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_scopes import scope
from python_calamine import CalamineWorkbook

from binaasn.actions import services as action_services
from binaasn.actions.models import FollowUpAction
from binaasn.evaluation.models import Finding
from binaasn.learning.models import Offering
from binaasn.learning.tests.factories import OfferingFactory
from binaasn.planning.models import MaterialFile, MaterialModule, MaterialVersion
from binaasn.planning.services import materials
from binaasn.planning.tests import factories as f

TODAY = datetime.date(2026, 5, 1)
PDF = b"%PDF-1.4\n% modul\n"


def url(name, **kwargs):
    return reverse(f"planning:{name}", kwargs={"agency": "alpha", **kwargs})


@pytest.fixture
def alpha(cast):
    with scope(agency=cast.a):
        yield cast


@pytest.fixture
def programme(alpha):
    plan = f.make_plan(alpha.a, year=2026)
    return f.make_programme(plan, title="Pelatihan Pelayanan Publik", jp_per_participant=24)


def add_module(version, title, jp, method="lecture"):
    return materials.save_module(
        MaterialModule(agency=version.agency, version=version, title=title, jp=jp, method=method)
    )


def published(programme, by, modules=(("Etika pelayanan", 8), ("Standar pelayanan", 16))):
    version = materials.create_version(programme, by=by, change_note="Perbaikan")
    for title, jp in modules:
        add_module(version, title, jp)
    materials.publish_version(version, by=by, today=TODAY)
    version.refresh_from_db()
    return version


# services


def test_versions_are_numbered_one_two_three(alpha, programme):
    first = published(programme, alpha.admin)
    second = published(programme, alpha.admin)
    third = materials.create_version(programme, by=alpha.admin)
    assert [first.number, second.number, third.number] == [1, 2, 3]


def test_a_new_version_copies_the_modules_and_files_of_the_latest(alpha, programme):
    first = materials.create_version(programme, by=alpha.admin, method="case_study")
    add_module(first, "Etika pelayanan", 8)
    add_module(first, "Standar pelayanan", 16, method="simulation")
    upload = SimpleUploadedFile("modul.pdf", PDF, content_type="application/pdf")
    materials.add_file(first, title="Buku modul", upload=upload)
    materials.publish_version(first, by=alpha.admin, today=TODAY)

    second = materials.create_version(programme, by=alpha.admin, change_note="Studi kasus baru")

    assert second.status == MaterialVersion.Status.DRAFT
    assert second.method == "case_study"
    assert [(m.title, m.jp, m.method) for m in second.modules.all()] == [
        ("Etika pelayanan", 8, "lecture"),
        ("Standar pelayanan", 16, "simulation"),
    ]
    copied = second.files.get()
    assert copied.title == "Buku modul"
    assert copied.file.name == first.files.get().file.name
    assert first.modules.count() == 2


def test_only_one_draft_at_a_time(alpha, programme):
    materials.create_version(programme, by=alpha.admin)
    with pytest.raises(ValidationError, match="still a draft"):
        materials.create_version(programme, by=alpha.admin)


def test_publishing_freezes_the_version(alpha, programme):
    version = published(programme, alpha.admin)
    module = version.modules.first()
    assert version.is_published and version.published_by == alpha.admin
    with pytest.raises(ValidationError, match="published"):
        add_module(version, "Tambahan", 2)
    module.jp = 40
    with pytest.raises(ValidationError, match="published"):
        materials.save_module(module)
    with pytest.raises(ValidationError, match="published"):
        materials.update_version(version, change_note="diubah")
    with pytest.raises(ValidationError, match="published"):
        materials.delete_module(module)
    with pytest.raises(ValidationError, match="published"):
        materials.publish_version(version, by=alpha.admin)


def test_publishing_needs_a_module_and_from_version_two_a_change_note(alpha, programme):
    empty = materials.create_version(programme, by=alpha.admin)
    with pytest.raises(ValidationError, match="at least one module"):
        materials.publish_version(empty, by=alpha.admin)
    add_module(empty, "Etika pelayanan", 24)
    materials.publish_version(empty, by=alpha.admin)
    second = materials.create_version(programme, by=alpha.admin)
    with pytest.raises(ValidationError) as error:
        materials.publish_version(second, by=alpha.admin)
    assert error.value.message_dict["change_note"] == [
        "Say what changed since the previous version."
    ]


def test_publishing_reports_jp_different_from_the_programme(alpha, programme):
    version = materials.create_version(programme, by=alpha.admin)
    add_module(version, "Etika pelayanan", 8)
    result = materials.publish_version(version, by=alpha.admin, today=TODAY)
    assert result.total_jp == 8 and result.jp_differs


def test_publishing_closes_the_revision_action_and_moves_offerings_not_started(alpha, programme):
    first = published(programme, alpha.admin)
    old = OfferingFactory(
        agency=alpha.a,
        programme=programme,
        material_version=first,
        starts_on=datetime.date(2026, 3, 2),
        ends_on=datetime.date(2026, 3, 4),
        status=Offering.Status.FINISHED,
    )
    coming = OfferingFactory(
        agency=alpha.a,
        programme=programme,
        material_version=first,
        starts_on=datetime.date(2026, 6, 1),
        ends_on=datetime.date(2026, 6, 3),
    )
    draft_offering = OfferingFactory(
        agency=alpha.a,
        programme=programme,
        material_version=first,
        starts_on=datetime.date(2026, 7, 1),
        ends_on=datetime.date(2026, 7, 3),
        status=Offering.Status.DRAFT,
    )
    cancelled = OfferingFactory(
        agency=alpha.a,
        programme=programme,
        material_version=first,
        starts_on=datetime.date(2026, 7, 1),
        ends_on=datetime.date(2026, 7, 3),
        status=Offering.Status.CANCELLED,
    )
    finding = Finding.objects.create(
        agency=alpha.a, level="l1", offering=old, text="Materi terlalu teoretis."
    )
    action = action_services.create_action(
        agency=alpha.a,
        title="Tambah studi kasus",
        kind=FollowUpAction.Kind.REVISE_MATERIAL,
        source=finding,
        owner_user=alpha.admin,
    )
    second = materials.create_version(programme, by=alpha.admin, change_note="Studi kasus")
    assert list(materials.revision_actions(programme)) == [action]

    result = materials.publish_version(second, by=alpha.admin, closes_action=action, today=TODAY)

    assert result.moved_offerings == 2
    action.refresh_from_db()
    assert action.status == FollowUpAction.Status.DONE
    assert "version 2" in action.closing_note
    second.refresh_from_db()
    assert second.closes_action == action
    versions = {o.pk: o.material_version_id for o in Offering.objects.all()}
    assert versions[coming.pk] == second.pk
    assert versions[draft_offering.pk] == second.pk
    assert versions[old.pk] == first.pk
    assert versions[cancelled.pk] == first.pk


def test_an_action_about_another_programme_cannot_be_closed(alpha, programme):
    other = f.make_programme(programme.plan, title="Lain")
    action = action_services.create_action(
        agency=alpha.a,
        title="Revisi",
        kind=FollowUpAction.Kind.REVISE_MATERIAL,
        source=other,
        owner_user=alpha.admin,
    )
    version = materials.create_version(programme, by=alpha.admin)
    add_module(version, "Etika", 24)
    with pytest.raises(ValidationError) as error:
        materials.publish_version(version, by=alpha.admin, closes_action=action)
    assert "closes_action" in error.value.message_dict
    action.refresh_from_db()
    assert action.is_open


def test_a_version_used_by_offerings_cannot_be_deleted_a_draft_can(alpha, programme):
    first = published(programme, alpha.admin)
    OfferingFactory(agency=alpha.a, programme=programme, material_version=first)
    with pytest.raises(ValidationError, match="cannot be deleted"):
        materials.delete_version(first)
    draft = materials.create_version(programme, by=alpha.admin)
    materials.delete_version(draft)
    assert list(MaterialVersion.objects.values_list("number", flat=True)) == [1]


def test_modules_move_up_and_down(alpha, programme):
    version = materials.create_version(programme, by=alpha.admin)
    a, b, c = (add_module(version, title, 8) for title in "ABC")
    materials.move_module(c, "up")
    assert [m.title for m in version.modules.all()] == ["A", "C", "B"]
    assert materials.move_module(a, "up") is False


def test_comparison_names_added_removed_and_changed_modules(alpha, programme):
    first = published(programme, alpha.admin, modules=[("Etika", 8), ("Teori", 8), ("Praktik", 8)])
    second = materials.create_version(programme, by=alpha.admin, change_note="x")
    modules = {m.title: m for m in second.modules.all()}
    materials.delete_module(modules["Teori"])
    modules["Praktik"].jp = 12
    materials.save_module(modules["Praktik"])
    add_module(second, "Studi kasus", 4, method="case_study")
    result = materials.compare_versions(first, second)
    states = {(row["new"] or row["old"]).title: row["state"] for row in result["rows"]}
    assert states == {
        "Etika": "same",
        "Praktik": "changed",
        "Studi kasus": "added",
        "Teori": "removed",
    }
    assert (result["old_jp"], result["new_jp"]) == (24, 24)


def test_a_file_that_is_not_a_document_is_refused(alpha, programme):
    version = materials.create_version(programme, by=alpha.admin)
    upload = SimpleUploadedFile("virus.exe", b"MZ\x90\x00", content_type="application/pdf")
    with pytest.raises(ValidationError) as error:
        materials.add_file(version, title="Modul", upload=upload)
    assert "file" in error.value.message_dict
    assert not MaterialFile.objects.exists()


# pages


def test_admin_publishes_through_the_page_and_is_told_what_moved(alpha, programme, login):
    first = published(programme, alpha.admin)
    OfferingFactory(
        agency=alpha.a,
        programme=programme,
        material_version=first,
        starts_on=datetime.date(2099, 1, 5),
        ends_on=datetime.date(2099, 1, 6),
    )
    second = materials.create_version(programme, by=alpha.admin, change_note="Studi kasus")
    client = login(alpha.admin)
    page = client.get(url("material-publish", pk=second.pk))
    assert "1 offering that has not started yet will move" in page.content.decode()
    response = client.post(url("material-publish", pk=second.pk), follow=True)
    text = response.content.decode()
    assert "Version 2 published." in text
    assert "1 offering that has not started yet now uses it." in text


def test_a_module_form_with_errors_keeps_what_was_typed(alpha, programme, login):
    version = materials.create_version(programme, by=alpha.admin)
    response = login(alpha.admin).post(
        url("module-create", pk=version.pk),
        {"title": "Etika pelayanan publik", "jp": "0", "method": "lecture", "description": "Isi"},
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert 'value="Etika pelayanan publik"' in text
    assert "Ensure this value is greater than or equal to 1." in text
    assert not version.modules.exists()


def test_a_published_version_cannot_be_edited_through_the_pages(alpha, programme, login):
    version = published(programme, alpha.admin)
    client = login(alpha.admin)
    response = client.get(url("module-create", pk=version.pk), follow=True)
    assert "can no longer be changed" in response.content.decode()
    response = client.post(
        url("module-edit", pk=version.modules.first().pk),
        {"title": "X", "jp": "3", "method": "lecture"},
    )
    assert response.status_code == 302
    assert version.modules.first().title == "Etika pelayanan"


def test_the_upload_page_refuses_a_non_document_and_keeps_the_title(alpha, programme, login):
    version = materials.create_version(programme, by=alpha.admin)
    upload = SimpleUploadedFile("skrip.sh", b"#!/bin/sh\n", content_type="text/plain")
    response = login(alpha.admin).post(
        url("materialfile-upload", pk=version.pk), {"title": "Bahan tayang", "file": upload}
    )
    text = response.content.decode()
    assert "Upload a PDF, an image (PNG/JPEG) or an office document." in text
    assert 'value="Bahan tayang"' in text


def test_the_list_exports_the_modules_and_its_queries_do_not_grow(
    alpha, programme, login, django_assert_max_num_queries
):
    published(programme, alpha.admin)
    client = login(alpha.leader)
    with django_assert_max_num_queries(12):
        client.get(url("material-list", pk=programme.pk))
    second = materials.create_version(programme, by=alpha.admin, change_note="x")
    for n in range(5):
        add_module(second, f"Modul {n}", 2)
    with django_assert_max_num_queries(12):
        response = client.get(url("material-list", pk=programme.pk))
    assert "Modul 4" in response.content.decode()
    response = client.get(url("material-list", pk=programme.pk) + "?version=1&format=xlsx")
    rows = CalamineWorkbook.from_filelike(io.BytesIO(response.content)).get_sheet_by_index(0)
    titles = [row[2] for row in rows.to_python()[1:]]
    assert titles == ["Etika pelayanan", "Standar pelayanan"]


def test_compare_page_shows_the_changes(alpha, programme, login):
    published(programme, alpha.admin, modules=[("Etika", 8)])
    second = materials.create_version(programme, by=alpha.admin, change_note="x")
    add_module(second, "Studi kasus", 4)
    text = login(alpha.leader).get(url("material-compare", pk=programme.pk)).content.decode()
    assert "1 added, 0 removed, 0 changed, 1 unchanged." in text


def test_trainer_reads_the_material_of_an_offering_they_teach(alpha, programme, login):
    version = published(programme, alpha.admin)
    client = login(alpha.trainer)
    assert client.get(url("material-detail", pk=version.pk)).status_code == 403
    offering = OfferingFactory(agency=alpha.a, programme=programme, material_version=version)
    offering.trainers.add(alpha.trainer)
    assert client.get(url("material-detail", pk=version.pk)).status_code == 200
    assert client.get(url("material-list", pk=programme.pk)).status_code == 403


def test_programme_page_links_to_its_material(alpha, programme, login):
    text = login(alpha.operator).get(url("programme-detail", pk=programme.pk)).content.decode()
    assert url("material-list", pk=programme.pk) in text


# offerings record the version they use


def offering_data(programme, **extra):
    data = {
        "programme": programme.pk,
        "title": "Pelayanan Publik Angkatan I",
        "path_code": "KL03",
        "organiser": "BKPSDM",
        "starts_on": "2026-08-03",
        "ends_on": "2026-08-05",
        "quota": 30,
        "min_attendance_percent": 80,
    }
    data.update(extra)
    return data


def offering_url(name, **kwargs):
    return reverse(f"learning:{name}", kwargs={"agency": "alpha", **kwargs})


def test_a_new_offering_uses_the_latest_published_version(alpha, programme, login):
    published(programme, alpha.admin)
    second = published(programme, alpha.admin)
    materials.create_version(programme, by=alpha.admin)  # a draft is never used
    client = login(alpha.admin)
    response = client.post(offering_url("offering-create"), offering_data(programme))
    offering = Offering.objects.get()
    assert response.status_code == 302
    assert offering.material_version == second
    detail = client.get(offering_url("offering-detail", pk=offering.pk)).content.decode()
    assert url("material-detail", pk=second.pk) in detail
    assert "Version 2" in detail


def test_an_offering_may_choose_an_older_published_version(alpha, programme, login):
    first = published(programme, alpha.admin)
    published(programme, alpha.admin)
    login(alpha.admin).post(
        offering_url("offering-create"), offering_data(programme, material_version=first.pk)
    )
    assert Offering.objects.get().material_version == first


def test_a_version_of_another_programme_is_refused_and_the_form_keeps_its_values(
    alpha, programme, login
):
    other = f.make_programme(programme.plan, title="Pelatihan Kearsipan")
    foreign = published(other, alpha.admin)
    response = login(alpha.admin).post(
        offering_url("offering-create"), offering_data(programme, material_version=foreign.pk)
    )
    assert response.status_code == 200
    assert "material_version" in response.context["form"].errors
    assert 'value="Pelayanan Publik Angkatan I"' in response.content.decode()
    assert not Offering.objects.exists()


def test_the_offering_form_offers_only_published_versions_of_its_programme(alpha, programme):
    from binaasn.core.models import Membership
    from binaasn.learning.forms import OfferingForm

    first = published(programme, alpha.admin)
    draft = materials.create_version(programme, by=alpha.admin)
    other = published(f.make_programme(programme.plan, title="Lain"), alpha.admin)
    offering = OfferingFactory(agency=alpha.a, programme=programme, material_version=first)
    membership = Membership.objects.get(user=alpha.admin, agency=alpha.a)
    form = OfferingForm(instance=offering, agency=alpha.a, membership=membership)
    choices = list(form.fields["material_version"].queryset)
    assert choices == [first]
    assert draft not in choices and other not in choices

"""Background job pages: progress while it runs (htmx polling), the result once it is done."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django_scopes import scopes_disabled

from binaasn.core import services
from binaasn.core.models import Job


def make_job(agency, by, **fields):
    with scopes_disabled():
        return Job.objects.create(
            agency=agency, kind="export", title="Ekspor pegawai", created_by=by, **fields
        )


def url(name, job, agency="alpha"):
    return reverse(f"core:{name}", kwargs={"agency": agency, "pk": job.pk})


def test_running_job_shows_its_progress_and_polls(cast, login):
    job = make_job(
        cast.a, cast.admin, status=Job.Status.RUNNING, progress_done=50, progress_total=200
    )
    html = login(cast.admin).get(url("job-detail", job)).content.decode()
    assert "Ekspor pegawai" in html
    assert 'data-width="25"' in html and "25%" in html
    assert "50 / 200" in html
    assert f'hx-get="{url("job-progress", job)}"' in html
    assert 'hx-trigger="every 1s"' in html


def test_progress_partial_of_a_running_job_keeps_polling_without_refresh(cast, login):
    job = make_job(cast.a, cast.admin, status=Job.Status.RUNNING, progress_done=3, progress_total=4)
    response = login(cast.admin).get(url("job-progress", job), HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "HX-Refresh" not in response
    assert html.lstrip().startswith('<div id="job-progress"')
    assert "<html" not in html  # a fragment, not a page
    assert 'data-width="75"' in html and 'hx-trigger="every 1s"' in html


def test_progress_partial_asks_for_a_full_refresh_once_finished(cast, login):
    job = make_job(cast.a, cast.admin, status=Job.Status.RUNNING, progress_done=3, progress_total=4)
    client = login(cast.admin)
    services.finish_job(job, message="4 baris diekspor.")
    response = client.get(url("job-progress", job), HTTP_HX_REQUEST="true")
    assert response["HX-Refresh"] == "true"
    html = response.content.decode()
    assert 'data-width="100"' in html and "hx-trigger" not in html
    assert "4 baris diekspor." in html


def test_finished_progress_without_htmx_is_a_plain_fragment(cast, login):
    job = make_job(cast.a, cast.admin, status=Job.Status.SUCCEEDED)
    response = login(cast.admin).get(url("job-progress", job))
    assert "HX-Refresh" not in response


def test_failed_job_shows_its_message_as_an_error(cast, login):
    job = make_job(cast.a, cast.admin, status=Job.Status.RUNNING, progress_done=1, progress_total=4)
    services.finish_job(job, message="Baris 3: NIP tidak valid.", failed=True)
    html = login(cast.admin).get(url("job-detail", job)).content.decode()
    assert "text-danger" in html and "Baris 3: NIP tidak valid." in html
    assert "hx-get" not in html


@pytest.mark.parametrize(
    ("status", "done", "total", "percent"),
    [("queued", 0, 0, 0), ("running", 1, 3, 33), ("running", 5, 4, 100), ("succeeded", 0, 0, 100)],
)
def test_percent_shown_is_bounded_and_whole(status, done, total, percent):
    assert Job(status=status, progress_done=done, progress_total=total).percent == percent


def test_finished_job_offers_its_file(cast, login):
    job = make_job(cast.a, cast.admin, status=Job.Status.SUCCEEDED)
    with scopes_disabled():
        job.result_file.save("pegawai.xlsx", ContentFile(b"PK-data"))
    html = login(cast.admin).get(url("job-detail", job)).content.decode()
    assert url("job-download", job) in html


def download(client, job):
    return client.get(url("job-download", job))


@pytest.fixture
def employee_job(cast):
    job = make_job(cast.a, cast.employee_user, status=Job.Status.SUCCEEDED)
    with scopes_disabled():
        job.result_file.save("riwayat.xlsx", ContentFile(b"PK-employee-data"))
    return job


def test_creator_downloads_their_own_result(cast, login, employee_job):
    response = download(login(cast.employee_user), employee_job)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"PK-employee-data"
    assert 'attachment; filename="riwayat.xlsx"' in response["Content-Disposition"]


def test_admin_of_the_agency_downloads_anyones_result(cast, login, employee_job):
    assert download(login(cast.admin), employee_job).status_code == 200


@pytest.mark.parametrize("who", ["operator", "leader", "trainer"])
def test_other_members_cannot_see_or_download_someone_elses_job(cast, login, employee_job, who):
    client = login(getattr(cast, who))
    assert download(client, employee_job).status_code == 404
    assert client.get(url("job-detail", employee_job)).status_code == 404


def test_admin_of_another_agency_cannot_download(cast, login, employee_job):
    client = login(cast.admin_b)
    assert download(client, employee_job).status_code == 404
    assert client.get(url("job-download", employee_job, agency="beta")).status_code == 404


def test_job_without_a_file_has_nothing_to_download(cast, login):
    job = make_job(cast.a, cast.admin, status=Job.Status.RUNNING)
    assert download(login(cast.admin), job).status_code == 404

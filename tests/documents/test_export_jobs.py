"""The PDF List of Participants is rendered by a worker, not in the web request."""

import subprocess

import pytest
from django.urls import reverse

from documents.models import ExportJob
from tests.helpers import staff_user, visible_text

pytestmark = pytest.mark.django_db


def test_office_asks_for_the_pdf_and_downloads_it_when_the_worker_is_done(
    client,
    open_registration,
    office_user,
    django_capture_on_commit_callbacks,
    tmp_path,
):
    client.force_login(office_user)
    page = client.get(reverse("staff:participants", args=["pdf"]) + "?public=1")
    assert "Prepare the PDF" in visible_text(page)
    assert ExportJob.objects.count() == 0  # a GET asks for nothing

    with django_capture_on_commit_callbacks(execute=True):
        asked = client.post(reverse("staff:export-request", args=["pdf"]), {"public": "1"})

    job = ExportJob.objects.get()
    response = client.get(asked.headers["Location"])
    assert (job.fmt, job.public, job.status) == ("pdf", True, ExportJob.Status.DONE)
    assert job.requested_by == office_user
    assert "Ready. Download the file" in visible_text(response)
    download = client.get(reverse("staff:export-download", args=[job.pk]))
    path = tmp_path / "list.pdf"
    path.write_bytes(b"".join(download.streaming_content))
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    assert "List of Participants" in " ".join(text.split())


def test_a_job_still_rendering_says_so_and_refreshes(client, open_registration, office_user):
    client.force_login(office_user)
    job = ExportJob.objects.create(
        meeting=open_registration,
        fmt="pdf",
        public=False,
        created_at=open_registration.registration_deadline,
    )

    response = client.get(reverse("staff:export-job", args=[job.pk]))

    assert "Being prepared by a worker" in visible_text(response)
    assert '<meta http-equiv="refresh" content="3">' in response.content.decode()
    assert client.get(reverse("staff:export-download", args=[job.pk])).status_code == 404


def test_exports_are_refused_to_staff_without_the_permission_and_to_visitors(
    client,
    open_registration,
    roles,
):
    job = ExportJob.objects.create(
        meeting=open_registration,
        fmt="pdf",
        public=False,
        created_at=open_registration.registration_deadline,
    )
    urls = [
        reverse("staff:export-job", args=[job.pk]),
        reverse("staff:export-download", args=[job.pk]),
    ]
    for url in urls:
        assert "/admin/login/" in client.get(url).headers["Location"]
    assert client.post(reverse("staff:export-request", args=["pdf"])).status_code == 302

    client.force_login(staff_user("clerk"))
    for url in urls:
        assert client.get(url).status_code == 403
    assert client.post(reverse("staff:export-request", args=["pdf"])).status_code == 403
    assert ExportJob.objects.count() == 1

"""The internal List of Participants of those who came (checked in at the door), as a
PDF: asked for on the staff pages like the other PDFs, rendered by a worker with only
the people checked in, named so, and deleted at retention like every internal list."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from checkin.models import CheckinList
from checkin.services import checkin_delegate, checkin_lists_ensure
from documents.models import ExportJob
from tests.conftest import geneva
from tests.helpers import pdf_text, register, staff_user, visible_text

pytestmark = pytest.mark.django_db

REQUEST = reverse("staff:export-request", args=["pdf"])


@pytest.fixture
def came(open_registration, clock_at, roles):
    """Diallo1 (France, head) and Diallo3 (ICRC) came on 7 June; Diallo2 (France) did
    not."""
    meeting = open_registration
    delegates = [
        register(meeting, state="FRA", n=1, role="head")[0],
        register(meeting, state="FRA", n=2)[0],
        register(meeting, acronym="ICRC", n=3)[0],
    ]
    clock_at(geneva(2018, 6, 7, 9, 5))
    day_one = next(
        cl for cl in checkin_lists_ensure(meeting=meeting) if cl.kind == CheckinList.Kind.MEETING
    )
    door = staff_user("door", "Venue staff")
    for delegate in (delegates[0], delegates[2]):
        checkin_delegate(
            checkin_list=day_one,
            delegate_pk=delegate.pk,
            by=door,
            method="search",
            nonce=f"came-{delegate.pk:04}",
        )
    return meeting


def ask_and_download(client, data, capture):
    """Ask for the PDF as the page's form does; the worker renders it (after the
    commit). Returns the job, its page, the download and the PDF's text."""
    with capture(execute=True):
        asked = client.post(REQUEST, data)
    job = ExportJob.objects.latest("pk")
    assert asked.headers["Location"] == reverse("staff:export-job", args=[job.pk])
    page = client.get(asked.headers["Location"])
    download = client.get(reverse("staff:export-download", args=[job.pk]))
    return job, page, download, pdf_text(b"".join(download.streaming_content))


def test_the_staff_index_links_the_pdf_of_those_who_came(client, came, office_user):
    client.force_login(office_user)

    html = client.get(reverse("staff:index")).content.decode()

    line = html.split("Internal List of Participants, only those who came")[1].split("</li>")[0]
    assert f'href="{reverse("staff:participants", args=["pdf"])}?attended=1">PDF</a>' in line
    assert '?attended=1">XLSX' in line and '?attended=1">CSV' in line


def test_the_pdf_of_those_who_came_lists_only_the_people_checked_in(
    client, came, office_user, media, django_capture_on_commit_callbacks
):
    client.force_login(office_user)
    page = client.get(reverse("staff:participants", args=["pdf"]) + "?attended=1")
    text = visible_text(page)
    assert "Internal List of Participants, only those who came (PDF)" in text
    assert "Only the delegates checked in at the door" in text
    assert 'name="attended" value="1"' in page.content.decode()
    assert not ExportJob.objects.exists()  # a GET asks for nothing

    job, job_page, download, pdf = ask_and_download(
        client, {"public": "0", "attended": "1"}, django_capture_on_commit_callbacks
    )

    assert (job.public, job.attended, job.status) == (False, True, ExportJob.Status.DONE)
    assert job.requested_by == office_user
    job_text = visible_text(job_page)
    assert "Internal List of Participants, only those who came (PDF)" in job_text
    assert "Ready. Download the file" in job_text
    assert download["Content-Disposition"].endswith(
        f'filename="participants-{came.slug}-internal-attended.pdf"'
    )
    words = " ".join(pdf.split())
    assert "Only those who came: the delegates checked in at the door." in words
    assert "DIALLO1" in words and "DIALLO3" in words
    assert "DIALLO2" not in words
    # Internal: e-mail addresses and statuses, as in the whole internal list.
    assert "amina1@mission.example" in words


def test_the_whole_internal_pdf_still_lists_everyone(
    client, came, office_user, media, django_capture_on_commit_callbacks
):
    client.force_login(office_user)

    job, job_page, download, pdf = ask_and_download(
        client, {"public": "0"}, django_capture_on_commit_callbacks
    )

    assert job.attended is False
    assert "only those who came" not in visible_text(job_page)
    assert download["Content-Disposition"].endswith('-internal.pdf"')
    assert all(name in pdf for name in ("DIALLO1", "DIALLO2", "DIALLO3"))
    assert "Only those who came" not in pdf


def test_a_list_to_publish_is_never_limited_to_those_who_came(
    client, came, office_user, media, django_capture_on_commit_callbacks
):
    client.force_login(office_user)
    page = client.get(reverse("staff:participants", args=["pdf"]) + "?public=1&attended=1")
    assert "List of Participants to publish (PDF)" in visible_text(page)

    job, _page, _download, pdf = ask_and_download(
        client, {"public": "1", "attended": "1"}, django_capture_on_commit_callbacks
    )

    assert (job.public, job.attended) == (True, False)
    assert all(name in pdf for name in ("DIALLO1", "DIALLO2", "DIALLO3"))
    assert "@" not in pdf


def test_the_recent_requests_are_those_of_the_same_list(client, came, office_user):
    client.force_login(office_user)
    both = {"meeting": came, "fmt": "pdf", "public": False, "created_at": geneva(2018, 6, 7, 10)}
    whole = ExportJob.objects.create(**both)
    attended = ExportJob.objects.create(**both, attended=True)

    page = client.get(reverse("staff:participants", args=["pdf"]) + "?attended=1")

    html = page.content.decode()
    assert reverse("staff:export-job", args=[attended.pk]) in html
    assert reverse("staff:export-job", args=[whole.pk]) not in html


def test_the_pdf_of_those_who_came_is_refused_as_the_other_pdfs_are(client, came):
    job = ExportJob.objects.create(
        meeting=came,
        fmt="pdf",
        public=False,
        attended=True,
        created_at=geneva(2018, 6, 7, 10),
    )
    urls = [
        reverse("staff:participants", args=["pdf"]) + "?attended=1",
        reverse("staff:export-job", args=[job.pk]),
        reverse("staff:export-download", args=[job.pk]),
    ]
    # A visitor is sent to the admin's login page.
    for url in urls:
        assert "/admin/login/" in client.get(url).headers["Location"]
    assert "/admin/login/" in client.post(REQUEST, {"attended": "1"}).headers["Location"]
    # Staff without the export permission: the venue staff at the door, or a clerk.
    for user in (staff_user("clerk"), staff_user("volunteer", "Venue staff")):
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == 403
        assert client.post(REQUEST, {"attended": "1"}).status_code == 403
    assert ExportJob.objects.count() == 1


def test_the_database_refuses_a_public_list_of_those_who_came(came):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        ExportJob.objects.create(
            meeting=came,
            fmt="pdf",
            public=True,
            attended=True,
            created_at=geneva(2018, 6, 7, 10),
        )


def test_retention_deletes_the_pdf_of_those_who_came_even_when_the_published_list_stays(
    client, came, office_user, media, django_capture_on_commit_callbacks
):
    client.force_login(office_user)
    attended = ask_and_download(client, {"attended": "1"}, django_capture_on_commit_callbacks)[0]
    published = ask_and_download(client, {"public": "1"}, django_capture_on_commit_callbacks)[0]
    attended_file = Path(attended.file.path)
    assert attended_file.exists()

    with django_capture_on_commit_callbacks(execute=True):
        call_command(
            "apply_retention",
            "--meeting",
            came.slug,
            "--keep-published-list",
            stdout=io.StringIO(),
        )

    assert list(ExportJob.objects.all()) == [published]
    assert not attended_file.exists()


def test_the_command_writes_the_list_of_those_who_came(came, tmp_path):
    output = tmp_path / "came.csv"
    out = io.StringIO()

    call_command(
        "export_participants", "--format", "csv", "--attended", "--output", str(output), stdout=out
    )

    content = output.read_text(encoding="utf-8-sig")
    assert "Diallo1" in content and "Diallo3" in content and "Diallo2" not in content
    assert "internal (only those who came) List of Participants (2 people)" in out.getvalue()

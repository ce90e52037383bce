"""The retention rule: a year after the meeting, everyone is anonymised; the figures
stay the same, and no name or address is left in any text column of any table or in
any file of the media folder."""

import io
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from accreditation.models import AccessNeeds, IdentityDetails, Nomination, Photo
from accreditation.tasks import daily as accreditation_daily
from documents.models import Badge, BadgeBatch, ExportJob
from figures.tables import figures
from intersessional.celery import app as celery_app
from outbox.models import Notification
from privacy.models import RetentionRun
from privacy.tasks import apply_retention
from registration.models import Delegate, Delegation
from tests.conftest import geneva

from .conftest import needles

TEXT_TYPES = ("character varying", "character", "text", "json", "jsonb")


def database_hits(words) -> dict:
    """{(table, column): [words found]} over every text column of every table."""
    patterns = [f"%{w}%" for w in words]
    hits = {}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = 'public' AND data_type = ANY(%s)",
            [list(TEXT_TYPES)],
        )
        columns = cursor.fetchall()
        assert len(columns) > 50  # every table, not a few
        for table, column in columns:
            cursor.execute(
                f'SELECT "{column}"::text FROM "{table}" WHERE "{column}"::text ILIKE ANY(%s)',  # noqa: S608
                [patterns],
            )
            found = [
                w for (value,) in cursor.fetchall() for w in words if w.lower() in value.lower()
            ]
            if found:
                hits[(table, column)] = sorted(set(found))
    return hits


def media_hits(words, tmp_path) -> dict:
    """{file: [words found]} in every file of the media folder (PDFs read as text)."""
    hits = {}
    for path in Path(settings.MEDIA_ROOT).rglob("*"):
        if not path.is_file():
            continue
        text = path.read_bytes().decode("utf-8", "replace")
        if path.suffix == ".pdf":
            out = tmp_path / "pdf.txt"
            subprocess.run(["pdftotext", "-q", str(path), str(out)], check=True)
            text += out.read_text()
        found = [w for w in words if w.lower() in text.lower()]
        if found:
            hits[path.name] = found
    return hits


def test_a_year_after_the_meeting_everyone_is_anonymised_and_the_figures_stay(
    populated, clock_at, tmp_path, django_capture_on_commit_callbacks
):
    meeting = populated
    words = needles()
    before = figures(meeting)
    # The search finds what it looks for: the people are everywhere before.
    found = database_hits(words)
    assert {"registration_delegate", "outbox_notification", "auditlog_logentry"} <= {
        table for table, _ in found
    }
    assert media_hits(words, tmp_path)
    files = [
        Path(settings.MEDIA_ROOT) / p
        for p in ("badges", "badge-batches", "exports", "nominations", "photos")
    ]
    assert all(any(folder.iterdir()) for folder in files)

    # The beat task, on the day the retention period ends: nothing yet.
    clock_at(geneva(2019, 6, 8, 12))
    apply_retention.apply()
    assert not RetentionRun.objects.exists()

    # The next day, the meeting is due.
    clock_at(geneva(2019, 6, 9, 3))
    with django_capture_on_commit_callbacks(execute=True):
        apply_retention.apply()

    assert figures(meeting) == before
    assert database_hits(words) == {}
    assert media_hits(words, tmp_path) == {}
    assert not any(path.is_file() for path in Path(settings.MEDIA_ROOT).rglob("*"))
    # What the figures need is still there.
    assert Delegate.objects.filter(meeting=meeting).count() == 5
    assert sorted(Delegate.objects.values_list("gender", flat=True)) == sorted(
        ["woman", "man", "undisclosed", "man", "woman"]
    )
    assert set(Delegation.objects.values_list("state__alpha3", flat=True)) == {
        "FRA",
        "CHE",
        None,
    }
    # The private links no longer open anything; the outbox rows say only what was sent.
    assert not Delegate.objects.exclude(access_token_hash="").exists()
    assert not Delegation.objects.exclude(access_token_hash="").exists()
    assert Notification.objects.exists()
    assert not Notification.objects.exclude(to_email="", body_text="").exists()
    assert not (Badge.objects.exists() or BadgeBatch.objects.exists() or ExportJob.objects.exists())
    # No photo is left: neither its row nor its two files (checked above: no file at all).
    assert not Photo.objects.exists()
    assert not (IdentityDetails.objects.exists() or Nomination.objects.exists())
    assert list(AccessNeeds.objects.values_list("wheelchair", flat=True)) == [True]
    run = RetentionRun.objects.get(meeting=meeting)
    assert "5 delegates anonymised" in run.report

    # Once done, the meeting is not due again.
    apply_retention.apply()
    assert RetentionRun.objects.count() == 1


def test_identity_details_go_a_week_after_the_meeting_the_rest_a_year_after(
    populated, clock_at, tmp_path, django_capture_on_commit_callbacks
):
    meeting = populated
    before = figures(meeting)
    assert IdentityDetails.objects.count() == 1
    clock_at(geneva(2018, 6, 16, 3))  # the meeting ended on 8 June

    accreditation_daily.apply()

    assert not IdentityDetails.objects.exists()
    # Nothing else has gone yet: the nomination, the names, the needs in words.
    assert Nomination.objects.count() == 1
    assert (
        "Vintersnø"
        in media_hits(["Vintersnø"], tmp_path)[Path(Nomination.objects.get().file.name).name]
    )
    assert AccessNeeds.objects.get().other.startswith("Xilostrand")
    assert figures(meeting) == before

    clock_at(geneva(2019, 6, 9, 3))
    with django_capture_on_commit_callbacks(execute=True):
        apply_retention.apply()

    report = RetentionRun.objects.get(meeting=meeting).report
    assert "0 identity details deleted" in report
    assert "1 nominations deleted (files)" in report
    assert "1 accessibility needs kept, their free text removed" in report
    assert figures(meeting) == before
    assert media_hits(needles(), tmp_path) == {}
    assert database_hits(needles()) == {}


def test_the_dry_run_says_what_it_would_do_and_changes_nothing(populated, clock_at, tmp_path):
    clock_at(geneva(2019, 7, 1, 12))
    words = needles()
    before = database_hits(words)
    out = io.StringIO()

    call_command("apply_retention", "--dry-run", stdout=out)

    report = out.getvalue()
    assert report.startswith("Dry run: nothing is changed. It would do this:")
    assert "2018 Intersessional Meetings: kept until 2019-06-08" in report
    for line in [
        "5 delegates anonymised",
        "1 rendered badges deleted",
        "1 badge print batches deleted",
        "2 exports deleted",
        # The registrations' e-mails, the one that brought the visa letter and the
        # rejected photo's.
        "7 e-mails emptied",
        "1 visa support letters deleted",
        "1 certificates of attendance deleted",
        "2 photos deleted (files)",
        "1 delegations' focal points removed",
    ]:
        assert f"  {line}" in report
    assert database_hits(words) == before
    assert not RetentionRun.objects.exists()


def test_the_isu_can_keep_the_published_list_of_participants(
    populated, clock_at, tmp_path, django_capture_on_commit_callbacks
):
    published = ExportJob.objects.get(public=True)
    internal = ExportJob.objects.get(public=False)
    published_file = Path(published.file.path)
    internal_file = Path(internal.file.path)
    out = io.StringIO()

    with django_capture_on_commit_callbacks(execute=True):
        call_command(
            "apply_retention", "--meeting", populated.slug, "--keep-published-list", stdout=out
        )

    assert "1 published Lists of Participants kept as published" in out.getvalue()
    assert ExportJob.objects.get() == published
    assert published_file.exists() and not internal_file.exists()
    # The list as published still names who consented; nothing else does.
    hits = media_hits(needles(), tmp_path)
    assert list(hits) == [published_file.name]
    assert database_hits(needles()) == {}


def test_the_retention_period_is_a_setting_and_beat_runs_the_task(settings):
    assert settings.PERSONAL_DATA_RETENTION_DAYS == 365
    entry = settings.CELERY_BEAT_SCHEDULE["apply-retention"]
    assert entry["task"] == "privacy.apply_retention"
    assert "privacy.apply_retention" in celery_app.tasks


def test_nothing_is_due_before_the_end_of_the_retention_period(meeting, clock_at):
    clock_at(geneva(2019, 1, 1, 12))
    out = io.StringIO()

    call_command("apply_retention", stdout=out)

    assert "nothing to do" in out.getvalue()


@pytest.mark.parametrize("days", [30])
def test_a_shorter_retention_period_is_due_sooner(meeting, clock_at, settings, days):
    settings.PERSONAL_DATA_RETENTION_DAYS = days
    clock_at(geneva(2018, 7, 10, 12))
    out = io.StringIO()

    call_command("apply_retention", "--dry-run", stdout=out)

    assert "kept until 2018-07-08" in out.getvalue()


def test_unpublished_statements_go_and_published_ones_stay(
    populated, clock_at, tmp_path, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from floor import services as floor_services
    from floor.models import Statement
    from programme.models import AgendaItem
    from tests.helpers import MINIMAL_PDF

    item = AgendaItem.objects.filter(allows_floor_requests=True).order_by("number").first()
    delegation = Delegation.objects.get(state__alpha3="CHE")

    def upload(name):
        with django_capture_on_commit_callbacks(execute=True):
            return floor_services.statement_upload(
                delegation=delegation,
                agenda_item=item,
                kind="statement",
                language="en",
                reflects_gender_and_diversity=True,
                includes_disaggregated_data=False,
                upload=SimpleUploadedFile(name, MINIMAL_PDF, content_type="application/pdf"),
            )

    published, draft = upload("Quennevey-speech.pdf"), upload("Quennevey-draft.pdf")
    Statement.objects.filter(pk=published.pk).update(
        delivered_at=published.uploaded_at, published_at=published.uploaded_at
    )
    published_file, draft_file = Path(published.file.path), Path(draft.file.path)
    before = figures(populated)

    with django_capture_on_commit_callbacks(execute=True):
        call_command("apply_retention", "--meeting", populated.slug, stdout=io.StringIO())

    assert figures(populated) == before
    assert published_file.exists() and not draft_file.exists()
    assert Statement.objects.count() == 2
    assert set(Statement.objects.values_list("original_name", flat=True)) == {""}
    assert database_hits(["Quennevey"]) == {}

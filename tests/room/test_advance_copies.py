"""The interpreters' advance copies: the next session's statements in speaking order,
stamped on every page, downloads recorded, nothing else of the site for the booths;
the reminder the day before, sent once."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile

from floor.models import Statement
from outbox.models import Notification
from programme.models import AgendaItem
from room import services
from room.models import AdvanceCopyDownload, AdvanceCopyReminder
from tests.conftest import geneva
from tests.helpers import pdf_text, visible_text

pytestmark = pytest.mark.django_db


def three_page_pdf() -> bytes:
    from weasyprint import HTML

    html = "".join(
        f'<p style="page-break-after: always">Page {n} of our statement</p>' for n in (1, 2, 3)
    )
    return HTML(string=html).write_pdf()


def statement(delegation, agenda_item, *, uploaded_at, content=b"", file_type="pdf", **kw):
    row = Statement(
        delegation=delegation,
        agenda_item=agenda_item,
        kind="statement",
        language=kw.get("language", "fr"),
        file_type=file_type,
        size=len(content),
        original_name=f"ours.{file_type}",
        reflects_gender_and_diversity=False,
        includes_disaggregated_data=False,
        uploaded_at=uploaded_at,
    )
    row.file.save(
        f"s-{delegation.pk}-{agenda_item.pk}.{file_type}", ContentFile(content), save=False
    )
    row.save()
    return row


@pytest.fixture
def copies(lists, settings, tmp_path, clock_at):
    settings.MEDIA_ROOT = tmp_path
    session = lists["item"].session
    on_time = statement(
        lists["USA"],
        lists["item"],
        uploaded_at=session.starts_at - timedelta(hours=30),
        content=three_page_pdf(),
        language="en",
    )
    late = statement(
        lists["FRA"],
        lists["item"],
        uploaded_at=session.starts_at - timedelta(hours=2),
        content=three_page_pdf(),
    )
    # Another day's session: not for the booths today.
    later_item = (
        AgendaItem.objects.exclude(session__date=session.date)
        .exclude(session__kind="bilateral")
        .first()
    )
    other = statement(
        lists["FRA"],
        later_item,
        uploaded_at=session.starts_at - timedelta(hours=40),
        content=three_page_pdf(),
    )
    clock_at(session.starts_at - timedelta(hours=1))
    return {"on_time": on_time, "late": late, "other": other}


def test_interpreters_see_the_next_session_in_speaking_order(client, interpreter, copies, lists):
    client.force_login(interpreter)

    text = visible_text(client.get("/staff/room/advance-copies/"))

    assert lists["item"].title in text
    # France speaks before the United States (the speakers' list), whenever they sent it.
    assert text.index("France French") < text.index("United States of America English")
    assert "on time" in text.split("United States of America")[1][:80]
    assert "late" in text.split("France French")[1][:80]
    assert f"/staff/room/advance-copies/{copies['other'].pk}/" not in text


def test_the_downloaded_pdf_is_stamped_on_every_page_and_recorded(client, interpreter, copies):
    client.force_login(interpreter)

    response = client.get(f"/staff/room/advance-copies/{copies['late'].pk}/file")

    assert response.status_code == 200
    assert "advance-copy-embargoed-" in response["Content-Disposition"]
    pages = pdf_text(response.content).split("\f")
    pages = [page for page in pages if page.strip()]
    assert len(pages) == 3
    for n, page in enumerate(pages, start=1):
        assert "Check against delivery - embargoed until delivered" in page
        assert f"Page {n} of our statement" in page
    download = AdvanceCopyDownload.objects.get()
    assert (download.statement, download.by) == (copies["late"], interpreter)


def test_a_copy_of_another_session_is_not_given(client, interpreter, copies):
    client.force_login(interpreter)
    assert client.get(f"/staff/room/advance-copies/{copies['other'].pk}/file").status_code == 404
    assert not AdvanceCopyDownload.objects.exists()


@pytest.mark.parametrize(
    "url",
    [
        "/staff/room/console/",
        "/staff/participants.csv",
        "/staff/figures/",
        "/staff/checkin/",
        "/admin/registration/delegate/",
        "/admin/floor/statement/",
        "/admin/room/advancecopydownload/",
    ],
)
def test_interpreters_are_refused_everything_else(client, interpreter, url):
    client.force_login(interpreter)
    assert client.get(url).status_code == 403


def test_the_interpreters_staff_index_has_their_one_link(client, interpreter):
    client.force_login(interpreter)
    text = visible_text(client.get("/staff/"))
    assert "Advance copies for the interpreters" in text
    for other in ("List of Participants", "Chair's console", "diversity figures", "Check-in"):
        assert other not in text


def test_the_presidents_office_does_not_read_embargoed_copies(client, office_user, copies):
    client.force_login(office_user)
    assert client.get("/staff/room/advance-copies/").status_code == 403


def test_the_reminder_goes_once_to_delegations_without_a_copy(lists, clock_at, meeting):
    session = lists["item"].session
    day_before = geneva(session.date.year, session.date.month, session.date.day, 9) - timedelta(
        days=1
    )
    clock_at(day_before)

    first = services.advance_copy_reminders_send()
    second = services.advance_copy_reminders_send()

    reminded = {reminder.delegation for reminder in first}
    assert reminded == {lists["FRA"], lists["USA"], lists["ICRC"]}
    assert second == []
    assert AdvanceCopyReminder.objects.count() == 3
    notes = Notification.objects.filter(kind="advance_copy_reminder")
    assert notes.count() == 3
    body = notes.get(to_email="amina1@mission.example").body_text
    assert "3. Article 5 implementation" in body or "item 3" in body


def test_a_delegation_that_sent_its_copy_is_not_reminded(lists, clock_at, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    session = lists["item"].session
    statement(lists["FRA"], lists["item"], uploaded_at=session.starts_at - timedelta(days=2))
    clock_at(session.starts_at - timedelta(hours=20))

    reminded = {r.delegation for r in services.advance_copy_reminders_send()}

    assert lists["FRA"] not in reminded
    assert lists["USA"] in reminded


def test_beat_runs_the_reminders_by_name(lists, clock_at, settings):
    from room.tasks import advance_copy_reminders

    assert settings.CELERY_BEAT_SCHEDULE["advance-copy-reminders"]["task"] == (
        advance_copy_reminders.name
    )
    session = lists["item"].session
    clock_at(session.starts_at - timedelta(hours=20))
    assert advance_copy_reminders() == 3
    assert advance_copy_reminders() == 0

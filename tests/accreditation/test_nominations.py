"""Nominations: a note verbale or letter of nomination sent through the focal point's
or the head's private link, typed by its bytes, stored under a name of our own, opened
only by staff (each download in the audit log); the ISU marks it received and checked
in the admin; one reminder to the delegations without one, ten days before."""

import io
from pathlib import Path

import pytest
from auditlog.models import LogEntry
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from PIL import Image

from accreditation import services
from accreditation.models import Nomination, NominationReminder
from accreditation.tasks import daily
from outbox.models import Notification
from tests.conftest import geneva
from tests.helpers import (
    MINIMAL_PDF,
    not_a_document,
    person,
    register,
    register_delegation,
    staff_user,
    visible_text,
)

pytestmark = pytest.mark.django_db
committed = pytest.mark.django_db(transaction=True)


@pytest.fixture
def site(open_registration, media):
    return open_registration


def image(fmt: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(buffer, format=fmt)
    return buffer.getvalue()


def focal_point(meeting, state="AFG"):
    return register_delegation(
        meeting,
        state=state,
        members=[
            person(1, role="head", email=f"head@{state.lower()}.example"),
            person(2, email=f"member@{state.lower()}.example"),
        ],
        email=f"focal@{state.lower()}.example",
    )


def page(token, kind="delegation"):
    return reverse(f"accreditation:{kind}-nomination", args=[token])


def send(client, token, content: bytes, name="Note verbale.pdf", kind="delegation", **extra):
    return client.post(
        page(token, kind), {"file": SimpleUploadedFile(name, content), **extra}, follow=True
    )


@pytest.mark.parametrize(
    ("content", "file_type"),
    [(MINIMAL_PDF, "pdf"), (image("JPEG"), "jpg"), (image("PNG"), "png")],
)
@committed
def test_a_note_verbale_is_stored_under_a_name_of_our_own(client, site, media, content, file_type):
    delegation, token = focal_point(site)
    head = delegation.delegates.get(role="head")

    response = send(client, token, content, name="Note verbale 2018.pdf", members=[head.pk])

    nomination = Nomination.objects.get()
    assert (nomination.delegation, nomination.file_type) == (delegation, file_type)
    assert Path(nomination.file.name).parent == Path("nominations")
    assert "verbale" not in nomination.file.name
    assert (Path(media) / nomination.file.name).read_bytes() == content
    assert list(nomination.members.all()) == [head]
    text = visible_text(response)
    assert "Thank you: the nomination is received. The ISU will check it." in text
    assert "Note verbale 2018.pdf" in text
    assert "Waiting for the ISU" in text


@pytest.mark.parametrize("what", ["exe", "html", "zip"])
def test_a_file_that_is_not_a_pdf_or_an_image_is_refused_whatever_its_name(client, site, what):
    _delegation, token = focal_point(site)

    response = send(client, token, not_a_document(what), name="note.pdf")

    assert response.status_code == 400
    assert "This file is not a PDF, JPEG or PNG" in visible_text(response)
    assert not Nomination.objects.exists()


def test_a_file_over_10_mb_is_refused_in_the_pages_language(client, site):
    _delegation, token = focal_point(site)
    big = MINIMAL_PDF + b"0" * (10 * 1024 * 1024)

    response = client.post(
        page(token).replace("/en/", "/fr/"),
        {"file": SimpleUploadedFile("n.pdf", big)},
    )

    assert response.status_code == 400
    assert "Le fichier dépasse 10 Mo" in visible_text(response)
    assert not Nomination.objects.exists()


def test_the_head_sends_it_through_their_own_link_and_a_member_cannot(client, site):
    _head, head_token = register(site, state="FRA", role="head")
    _member, member_token = register(site, state="FRA", n=2)

    assert "Nomination" in visible_text(
        client.get(reverse("registration:delegate", args=[head_token]))
    )
    assert "Send or review your nomination" not in visible_text(
        client.get(reverse("registration:delegate", args=[member_token]))
    )
    assert client.get(page(head_token, "delegate")).status_code == 200
    assert client.get(page(member_token, "delegate")).status_code == 404


def test_another_delegations_link_shows_none_of_its_nominations(client, site):
    delegation, token = focal_point(site)
    services.nomination_upload(delegation=delegation, upload=pdf_upload("Secret name.pdf"))
    _other, other_token = focal_point(site, state="CHE")

    assert "Secret name.pdf" in visible_text(client.get(page(token)))
    assert "Secret name.pdf" not in visible_text(client.get(page(other_token)))


def pdf_upload(name="note.pdf"):
    return SimpleUploadedFile(name, MINIMAL_PDF)


@committed
def test_only_staff_download_the_file_as_an_attachment_and_each_download_is_audited(
    client, site, isu_user
):
    delegation, _token = focal_point(site)
    nomination = services.nomination_upload(delegation=delegation, upload=pdf_upload())
    url = reverse("staff:nomination-file", args=[nomination.pk])

    assert client.get(url).status_code == 302  # to the admin's login
    client.force_login(staff_user("venue", "Venue staff"))
    assert client.get(url).status_code == 403
    # The President's office reads each nomination's status in the internal list only.
    client.force_login(staff_user("office", "President's office"))
    assert client.get(url).status_code == 403
    assert client.get(reverse("admin:accreditation_nomination_changelist")).status_code == 403
    client.force_login(isu_user)
    response = client.get(url)

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == MINIMAL_PDF
    access = LogEntry.objects.get_for_object(nomination).filter(action=LogEntry.Action.ACCESS)
    assert [(e.actor, e.changes) for e in access] == [(isu_user, {"file": ["", "downloaded"]})]


def test_the_isu_marks_it_checked_in_the_admin_and_the_delegation_sees_it(client, site, isu_user):
    delegation, token = focal_point(site)
    nomination = services.nomination_upload(delegation=delegation, upload=pdf_upload())
    head = delegation.delegates.get(role="head")
    client.force_login(isu_user)
    url = reverse("admin:accreditation_nomination_change", args=[nomination.pk])
    assert "Download the file" in visible_text(client.get(url))

    response = client.post(
        url, {"members": [head.pk], "received_on": "", "checked_on": "2018-05-30"}
    )

    assert response.status_code == 302
    nomination.refresh_from_db()
    assert (str(nomination.received_on), str(nomination.checked_on)) == ("2018-05-30", "2018-05-30")
    assert nomination.checked_by == isu_user
    assert list(nomination.members.all()) == [head]
    client.logout()
    assert "Checked by the ISU on 30 May 2018" in visible_text(client.get(page(token)))


def test_the_delegations_filter_finds_those_without_a_checked_nomination(client, site, isu_user):
    checked, _ = focal_point(site, state="AFG")
    waiting, _ = focal_point(site, state="CHE")
    focal_point(site, state="DEU")
    services.nomination_mark(
        nomination=services.nomination_upload(delegation=checked, upload=pdf_upload()),
        checked_on=geneva(2018, 5, 30).date(),
    )
    services.nomination_upload(delegation=waiting, upload=pdf_upload())
    client.force_login(isu_user)

    changelist = reverse("admin:registration_delegation_changelist")
    unchecked = client.get(changelist + "?nomination=unchecked")
    every = visible_text(client.get(changelist))

    assert {d.name for d in unchecked.context["cl"].result_list} == {"Switzerland", "Germany"}
    assert "received, not checked" not in every
    assert "sent, not yet received" in every and "none sent" in every and "checked" in every


def test_the_delegations_list_reads_the_statuses_in_one_query(
    client, site, isu_user, django_assert_max_num_queries
):
    for state in ["AFG", "CHE", "DEU", "ITA"]:
        delegation, _ = focal_point(site, state=state)
        services.nomination_upload(delegation=delegation, upload=pdf_upload())
    client.force_login(isu_user)
    changelist = reverse("admin:registration_delegation_changelist")
    client.get(changelist)

    with django_assert_max_num_queries(12):
        client.get(changelist)


# The reminder ------------------------------------------------------------------------


def test_ten_days_before_the_meeting_one_reminder_goes_to_those_without_one(
    site, clock_at, django_capture_on_commit_callbacks
):
    sent, _ = focal_point(site, state="AFG")
    services.nomination_upload(delegation=sent, upload=pdf_upload())
    missing, _ = focal_point(site, state="CHE")
    register(site, state="FRA", language="fr", role="head")
    # The meeting opens on 7 June 2018: eleven days before, nothing yet.
    clock_at(geneva(2018, 5, 27, 9))
    assert services.nomination_reminders_send() == 0

    clock_at(geneva(2018, 5, 28, 9))
    with django_capture_on_commit_callbacks(execute=True):
        daily.apply()
        daily.apply()  # beat's next run (or a second worker) sends nothing more
        call_command("accreditation_daily", stdout=io.StringIO())

    assert NominationReminder.objects.count() == 2
    reminders = Notification.objects.filter(kind="nomination_reminder")
    assert sorted(r.to_email for r in reminders) == ["amina1@mission.example", "focal@che.example"]
    french = reminders.get(to_email="amina1@mission.example")
    assert french.language == "fr"
    assert "note verbale" in french.body_text and "France" in french.body_text
    assert sorted(m.to[0] for m in mail.outbox) == ["amina1@mission.example", "focal@che.example"]


def test_no_reminder_once_the_meeting_has_started(site, clock_at):
    focal_point(site, state="CHE")
    clock_at(geneva(2018, 6, 7, 9))

    assert services.nomination_reminders_send() == 0

"""Badges: every script present in the PDF and set in a font that has its glyphs;
nothing fetched; rendered again only when what it shows changes; staff only."""

import subprocess

import pytest
from django.core import signing
from django.core.management import call_command
from django.urls import reverse

from checkin import codes
from documents import services as documents_services
from documents.badges import BADGE_SALT, render_badges, signed_badge_id
from documents.models import Badge, BadgeBatch
from reference.models import Organisation, State
from registration import services
from registration.models import Delegate
from tests.helpers import pdf_text, person, printed

pytestmark = pytest.mark.django_db

# name, State (ISO code) or organisation acronym, and the font family that has its glyphs
PEOPLE = [
    ("Amina", "Diallo", "FRA", "Noto-Sans"),
    ("ليلى", "الحسيني", "JOR", "Noto-Sans-Arabic"),
    ("李", "小龙", "CHN", "Noto-Sans-CJK"),
    ("राजेश", "कुमार", "IND", "Noto-Sans-Devanagari"),
    ("Ольга", "Иванова", "RUS", "Noto-Sans"),
    ("דוד", "לוי", "ICRC", "Noto-Sans-Hebrew"),
    ("さくら", "山田", "JPN", "Noto-Sans-CJK"),
    ("지민", "박", "KOR", "Noto-Sans-CJK"),
]


def make_delegates(meeting):
    delegates = []
    for n, (given, family, code, _font) in enumerate(PEOPLE):
        state = State.objects.filter(alpha3=code).first()
        organisation = None if state else Organisation.objects.get(acronym=code)
        identity = services.identity_for(meeting=meeting, state=state, organisation=organisation)
        data = {**person(n, given_name=given, family_name=family), "public_list_consent": True}
        delegate, _ = services.delegate_register(meeting=meeting, identity=identity, data=data)
        delegates.append(delegate)
    return delegates


def pdf_fonts(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "fonts.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout


def test_every_script_is_printed_in_a_font_that_has_its_glyphs(open_registration, tmp_path):
    delegates = make_delegates(open_registration)

    pdf = render_badges(delegates)

    text = pdf_text(pdf)
    for given, family, _code, _font in PEOPLE:
        # pdftotext gives right-to-left names in logical order, word by word.
        assert printed(given, text) and printed(family, text), (given, family)
    assert "Viet Nam" not in text
    flat = " ".join(text.split())
    assert "Jordan" in flat and "International Committee of the Red Cross" in flat
    assert "STATE PARTY" in flat and "INTERNATIONAL ORGANISATION" in flat
    fonts = pdf_fonts(pdf, tmp_path)
    for _given, _family, _code, font in PEOPLE:
        assert f"+{font}" in fonts, font
    # Every font is embedded: no reader falls back to boxes.
    for line in fonts.splitlines()[2:]:
        assert " yes yes yes " in line, line


def test_four_badges_to_an_a4_sheet(open_registration, tmp_path):
    delegates = make_delegates(open_registration)  # eight

    pdf = render_badges(delegates)

    path = tmp_path / "sheet.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    assert "Pages:           2" in info
    assert "x 841.89 pts (A4)" in info


def test_a_long_name_is_printed_whole(open_registration):
    long_family = "Wolfeschlegelsteinhausenbergerdorff Featherstonehaugh y Montgomery"
    [delegate] = make_delegates(open_registration)[:1]
    Delegate.objects.filter(pk=delegate.pk).update(family_name=long_family)
    delegate.refresh_from_db()

    text = pdf_text(render_badges([delegate]))

    assert long_family.replace(" ", "") in "".join(text.split())


def test_the_qr_code_carries_a_signed_badge_id_and_version(open_registration):
    [delegate] = make_delegates(open_registration)[:1]

    value = signed_badge_id(delegate)

    assert value.startswith(f"B{delegate.pk}V1S")
    assert codes.decode(value) == codes.BadgeCode(delegate.pk, 1)
    assert codes.decode(value.replace(f"B{delegate.pk}V", f"B{delegate.pk + 1}V", 1)) is None
    assert codes.decode(value.replace("V1S", "V2S", 1)) is None
    # Only characters that a Swiss or US keyboard layout types alike, in the QR
    # code's alphanumeric mode.
    assert set(value) <= set("0123456789ABCDEFGHJKLMNPQRSTUVWX")


def test_a_text_signed_with_the_badge_salt_in_another_shape_is_no_badge(open_registration):
    [delegate] = make_delegates(open_registration)[:1]
    other_shape = signing.Signer(salt=BADGE_SALT).sign(f"badge:{delegate.pk}")

    assert codes.decode(other_shape) is None


def test_markup_in_a_name_is_printed_as_text_and_fetches_nothing(open_registration):
    [delegate] = make_delegates(open_registration)[:1]
    hostile = '<img src="file:///etc/passwd"><link rel=stylesheet href="http://127.0.0.1:9/x.css">'
    Delegate.objects.filter(pk=delegate.pk).update(badge_name=hostile[:100])
    delegate.refresh_from_db()

    text = pdf_text(render_badges([delegate]))

    assert '<img src="file:///etc/passwd">' in text
    assert "root:" not in text


def test_the_url_fetcher_refuses_files_and_the_network():
    from weasyprint import HTML

    from intersessional.documents import no_fetching

    html = (
        '<link rel="stylesheet" href="file:///etc/passwd">'
        '<img src="file:///etc/passwd"><p style="background:url(http://127.0.0.1:9/)">x</p>'
    )
    pdf = HTML(string=html, url_fetcher=no_fetching(data_uris=True)).write_pdf()

    assert b"root:x" not in pdf
    with pytest.raises(ValueError, match="not allowed"):
        no_fetching().fetch("file:///etc/passwd")


def test_a_badge_is_rendered_again_only_when_what_it_shows_changed(open_registration):
    [delegate] = make_delegates(open_registration)[:1]

    first = documents_services.badge_pdf_for(delegate=delegate)
    rendered_at = Badge.objects.get().rendered_at
    again = documents_services.badge_pdf_for(delegate=delegate)
    assert again == first
    assert Badge.objects.get().rendered_at == rendered_at

    delegate.badge_name = "Dr Amina Diallo"
    delegate.save()
    changed = documents_services.badge_pdf_for(delegate=delegate)
    assert changed != first
    assert Badge.objects.get().rendered_at > rendered_at


def test_staff_print_a_batch_from_the_admin_and_download_it(
    admin_client, open_registration, django_capture_on_commit_callbacks
):
    delegates = make_delegates(open_registration)
    url = reverse("admin:registration_delegate_changelist")

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            url,
            {"action": "print_badges", "_selected_action": [d.pk for d in delegates]},
            follow=True,
        )

    assert "8 badges are being rendered" in response.content.decode()
    batch = BadgeBatch.objects.get()
    assert (batch.status, batch.done, batch.total) == (BadgeBatch.Status.DONE, 8, 8)
    page = admin_client.get(reverse("admin:documents_badgebatch_change", args=[batch.pk]))
    assert "8 of 8 badges laid out (100%)" in page.content.decode()
    download = admin_client.get(reverse("badges:batch-download", args=[batch.pk]))
    pdf = b"".join(download.streaming_content)
    assert "राजेश" in pdf_text(pdf)


def test_badges_are_for_staff_only(client, open_registration, django_user_model):
    [delegate] = make_delegates(open_registration)[:1]
    batch = documents_services.badge_batch_request(delegates=Delegate.objects.all())
    urls = [
        reverse("badges:batch-download", args=[batch.pk]),
        reverse("badges:delegate", args=[delegate.pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response.headers["Location"]
        assert not response.content.startswith(b"%PDF")

    staff_without_permission = django_user_model.objects.create_user(
        "clerk", password="pw-clerk-123", is_staff=True
    )
    client.force_login(staff_without_permission)
    for url in urls:
        response = client.get(url)
        assert response.status_code == 403
        assert not response.content.startswith(b"%PDF")


def test_print_badges_command_writes_a_pdf_with_filters(open_registration, tmp_path):
    delegates = make_delegates(open_registration)
    for delegate in delegates[:3]:
        services.delegate_confirm(delegate=delegate)
    output = tmp_path / "out.pdf"

    call_command("print_badges", "--output", str(output), "--category", "state_party")

    text = pdf_text(output.read_bytes())
    assert "Amina" in text and printed("ليلى", text)
    assert "李" not in text  # China was not a party in 2018
    assert "Ольга" not in text  # not confirmed


def test_confirmation_email_carries_the_meetings_calendar(
    admin_client, open_registration, django_capture_on_commit_callbacks
):
    from django.core import mail
    from icalendar import Calendar

    [delegate] = make_delegates(open_registration)[:1]
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            reverse("admin:registration_delegate_changelist"),
            {"action": "confirm", "_selected_action": [delegate.pk]},
        )

    delegate.refresh_from_db()
    assert delegate.status == Delegate.Status.CONFIRMED
    [message] = mail.outbox
    assert message.subject == "Registration confirmed: 2018 Intersessional Meetings"
    [(filename, content, mimetype)] = message.attachments
    assert (filename, mimetype) == ("meeting.ics", "text/calendar")
    events = Calendar.from_ical(content).walk("VEVENT")
    assert events, "the calendar has the meeting's sessions"
    first = min(event.decoded("DTSTART") for event in events)
    assert first.isoformat() == "2018-06-07T10:00:00+02:00"

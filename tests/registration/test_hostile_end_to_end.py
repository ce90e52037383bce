"""Hostile input end to end (issue 7, item 6).

Every line of the Big List of Naughty Strings goes in through the public forms, as
a person types it; each line the form accepts then goes out through every channel
staff and delegates see it in: the admin, the exports, the badges and the e-mails.
Nowhere a server error, nowhere markup of a line run as markup, and the text intact
(after the strip Django does on the way in) or, in a spreadsheet, neutralised with
exactly one leading apostrophe.

The lines are registered once for the module (about 500 POSTs through the public
form and 80 delegation registrations: about 6 s here) inside a transaction that is rolled
back when the module is done; each test runs in a savepoint of it, which
pytest-django supports (it skips TestCase's class setup precisely so that tests can
be wrapped in a transaction of a wider scope).

What goes in. One delegate per line, the line in each of the free-text fields whose
length limit it fits (title 40, names 100, function 200 characters): a line of 60
characters is in the names and the function, not refused because the title is
short. A line that fits no field goes into all of them and must be refused with a
clear error (tests/registration/test_hostile_input.py checks the wording). A sample
of the lines is also the name of the focal point of a delegation registration (one
State each, so there are fewer of these than lines).
"""

import csv
import io
import re
import subprocess
import unicodedata
from dataclasses import dataclass, field
from email import message_from_bytes, policy

import openpyxl
import pytest
from django.core import mail
from django.db import transaction
from django.test import Client, TestCase, override_settings
from django.urls import reverse
from django.utils.html import escape
from openpyxl.utils.escape import unescape as ooxml_unescape

from documents.badges import delegates_for_badges, render_badges
from documents.models import ExportJob
from outbox.models import Notification
from reference.load import load_organisations, load_states
from reference.models import State
from registration.models import Delegate, Delegation
from tests.conftest import BEFORE_DEADLINE
from tests.helpers import delegation_registration, person, self_registration
from tests.registration.test_hostile_input import naughty_strings

pytestmark = pytest.mark.django_db

FREE_TEXT = ["title", "given_name", "family_name", "badge_name", "function"]
LIMITS = {"title": 40, "given_name": 100, "family_name": 100, "badge_name": 100, "function": 200}
# What the exports must put before a value a spreadsheet would run (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FOCAL_POINTS = 80


@dataclass
class Registered:
    line: str  # as in the file
    value: str  # what the form keeps: the line without surrounding white space
    fields: list[str]  # the free-text fields that hold it
    data: dict  # what was posted
    pk: int = 0

    def expected(self, name: str) -> str:
        """What the delegate's field must hold: the line or the harmless default."""
        return self.value if name in self.fields else self.data[name].strip()

    @property
    def full_name(self) -> str:
        return f"{self.expected('given_name')} {self.expected('family_name')}".strip()


@dataclass
class Hostile:
    delegates: list[Registered] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    # (name kept, delegation pk, focal point's e-mail)
    focal_points: list[tuple[str, int, str]] = field(default_factory=list)
    outbox: list = field(default_factory=list)


def fields_for(value: str) -> list[str]:
    fitting = [name for name in FREE_TEXT if len(value) <= LIMITS[name]]
    return fitting or FREE_TEXT


def is_markup(value: str) -> bool:
    return any(c in value for c in "<>&\"'")


def focal_point_sample(lines: list[str]) -> list[str]:
    """The lines with markup or invisible characters first, then every other one."""
    kept = [line.strip() for line in lines if line.strip() and "\x00" not in line]
    kept = [v for v in kept if len(v) <= 200]
    odd = [v for v in kept if is_markup(v) or not v.isprintable()]
    rest = [v for v in kept if v not in odd]
    return (odd + rest[:: max(1, len(rest) // FOCAL_POINTS)])[:FOCAL_POINTS]


def _register_everything() -> Hostile:
    from programme.reference import load_meeting_2018

    load_meeting_2018()
    load_states()
    load_organisations()
    hostile = Hostile()
    france = State.objects.get(alpha3="FRA")
    client = Client()
    delegate_url = reverse("registration:register-delegate")
    delegation_url = reverse("registration:register-delegation")
    # The e-mails are sent when the registrations commit: run the callbacks as a
    # commit would (a worker sends them eagerly without a broker, to locmem).
    with TestCase.captureOnCommitCallbacks(execute=True):
        for n, line in enumerate(naughty_strings()):
            value = line.strip()
            fields = fields_for(value)
            data = self_registration(state=france, n=n)
            data.update(dict.fromkeys(fields, line))
            response = client.post(delegate_url, data)
            assert response.status_code in (200, 302), (line, response.status_code)
            delegate = Delegate.objects.filter(email=data["email"]).first()
            if delegate is None:
                errors = response.context["form"].errors
                # Refused next to a free-text field (the wording: test_hostile_input.py).
                assert errors and set(errors) <= set(FREE_TEXT), (line, errors)
                hostile.refused.append(line)
                continue
            hostile.delegates.append(Registered(line, value, fields, data, delegate.pk))

        states = State.objects.exclude(pk=france.pk).order_by("alpha3")
        for n, (value, state) in enumerate(
            zip(focal_point_sample(naughty_strings()), states, strict=False)
        ):
            email = f"focal{n}@mission.example"
            data = delegation_registration(
                state,
                [person(10_000 + n, role="head")],
                focal_point_name=f"  {value}\t",
                focal_point_email=email,
            )
            response = client.post(delegation_url, data)
            assert response.status_code == 302, (value, response.status_code)
            delegation = Delegation.objects.get(focal_point_email=email)
            assert delegation.focal_point_name == value, value
            hostile.focal_points.append((value, delegation.pk, email))
    hostile.outbox = list(mail.outbox)
    return hostile


@pytest.fixture(scope="module")
def hostile(django_db_setup, django_db_blocker):
    """All the lines registered once; rolled back when the module is done."""
    with django_db_blocker.unblock(), transaction.atomic():
        try:
            with override_settings(INTERSESSIONAL_NOW=BEFORE_DEADLINE, RATELIMIT_POSTS=0):
                mail.outbox.clear()
                registered = _register_everything()
            yield registered
        finally:
            transaction.set_rollback(True)


def test_the_form_keeps_what_it_accepts_and_refuses_the_rest(hostile):
    delegates = {d.pk: d for d in Delegate.objects.filter(pk__in=[r.pk for r in hostile.delegates])}
    for registered in hostile.delegates:
        delegate = delegates[registered.pk]
        for name in FREE_TEXT:
            assert getattr(delegate, name) == registered.expected(name), (name, registered.line)
    assert len(hostile.delegates) + len(hostile.refused) == len(naughty_strings())
    assert len(hostile.delegates) > 500, len(hostile.delegates)
    # Refused only what is blank once stripped or longer than every field: no line
    # is refused for what it says.
    assert hostile.refused
    assert all(not line.strip() or len(line.strip()) > 200 for line in hostile.refused)


# Admin ---------------------------------------------------------------------------

# Every <script> of an admin page loads the admin's own files: none comes from a line.
SCRIPT_TAG = re.compile(r"<script\b[^>]*>", re.IGNORECASE)
OWN_SCRIPT = re.compile(r'\ssrc="/(static/admin/js/|admin/jsi18n/)')


def assert_nothing_runs(html: str, values) -> None:
    for tag in SCRIPT_TAG.findall(html):
        assert OWN_SCRIPT.search(tag), tag
    for value in values:
        if "<" in value:
            assert value not in html, value


def input_value(html: str, name: str) -> str | None:
    """The value attribute of the text input `name`, as written in the page."""
    match = re.search(rf'<input type="text" name="{name}"( value="([^"]*)")?', html)
    assert match, name
    return match.group(2)


def test_admin_lists_and_forms_show_every_line_escaped(hostile, admin_client):
    url = reverse("admin:registration_delegate_changelist")
    first = admin_client.get(url)
    rows = {}
    for page in range(1, first.context["cl"].paginator.num_pages + 1):
        response = admin_client.get(url, {"p": page})
        assert response.status_code == 200, page
        html = response.content.decode()
        assert_nothing_runs(html, [d.value for d in hostile.delegates])
        # Family name (the link) and given name, as the changelist writes them.
        for pk, family, given in re.findall(
            r'<a href="/admin/registration/delegate/(\d+)/change/[^"]*">([^<]*)</a></th>'
            r'<td class="field-given_name">([^<]*)</td>',
            html,
        ):
            rows[int(pk)] = (family, given)

    for d in hostile.delegates:
        assert rows[d.pk] == (escape(d.expected("family_name")), escape(d.expected("given_name")))
        response = admin_client.get(reverse("admin:registration_delegate_change", args=[d.pk]))
        assert response.status_code == 200, d.line
        html = response.content.decode()
        assert_nothing_runs(html, [d.value])
        for name in FREE_TEXT:
            expected = d.expected(name)
            assert input_value(html, name) == (escape(expected) if expected else None), (
                name,
                d.line,
            )


def test_admin_search_finds_each_line(hostile, admin_client):
    """A line typed into the admin's search box finds its delegate. Searched: every
    line with a character that means something to the search (quotes, which group
    words) or to SQL's LIKE (% _ \\), and every third other line, to keep the time
    down. Not the lines of 101-200 characters: they are only in the function, which
    is not a search field."""
    url = reverse("admin:registration_delegate_changelist")
    missed = []
    searched = {"given_name", "family_name", "badge_name"}
    candidates = [d for d in hostile.delegates if searched & set(d.fields)]
    special = set("%_\\'\"")
    sample = [d for i, d in enumerate(candidates) if special & set(d.value) or i % 3 == 0]
    assert len(sample) > 150, len(sample)
    for d in sample:
        response = admin_client.get(url, {"q": d.value})
        assert response.status_code == 200, d.line
        html = response.content.decode()
        assert_nothing_runs(html, [d.value])
        if not response.context["cl"].queryset.filter(pk=d.pk).exists():
            missed.append(d.value)
    assert not missed, missed


def test_admin_shows_focal_points_and_members_escaped(hostile, admin_client):
    listing = admin_client.get(reverse("admin:registration_delegation_changelist"))
    assert listing.status_code == 200
    html = listing.content.decode()
    values = [value for value, _pk, _email in hostile.focal_points]
    assert_nothing_runs(html, values)
    shown = re.findall(r'<td class="field-focal_point_name">([^<]*)</td>', html)
    # France's delegation, made by the self-registrations, has no focal point: "-".
    assert sorted(shown) == sorted([*(escape(v) for v in values), "-"])
    for value, pk, _email in hostile.focal_points:
        response = admin_client.get(reverse("admin:registration_delegation_change", args=[pk]))
        assert response.status_code == 200, value
        page = response.content.decode()
        assert_nothing_runs(page, [value])
        assert input_value(page, "focal_point_name") == escape(value), value

    # France's delegation lists every self-registered delegate read-only (inline).
    france = Delegate.objects.get(pk=hostile.delegates[0].pk).delegation_id
    response = admin_client.get(reverse("admin:registration_delegation_change", args=[france]))
    assert response.status_code == 200
    page = response.content.decode()
    assert_nothing_runs(page, [d.value for d in hostile.delegates])
    cells = {}
    for name, content in re.findall(r'<td class="field-(\w+)">\s*<p>([^<]*)</p>', page):
        cells.setdefault(name, []).append(content)
    for name in ["title", "given_name", "family_name", "function"]:
        expected = [escape(d.expected(name)) for d in hostile.delegates]
        assert sorted(cells[name]) == sorted(expected), name


def test_admin_shows_the_emails_as_text(hostile, admin_client):
    """The outbox in the admin: the HTML body is shown as text, escaped once more."""
    delegates = [d for d in hostile.delegates if "<" in d.value]
    assert len(delegates) > 100
    notifications = dict(
        Notification.objects.filter(
            reference__in=[f"delegate:{d.pk}" for d in delegates]
        ).values_list("reference", "pk")
    )
    for d in delegates:
        url = reverse("admin:outbox_notification_change", args=[notifications[f"delegate:{d.pk}"]])
        response = admin_client.get(url)
        assert response.status_code == 200, d.line
        page = response.content.decode()
        assert_nothing_runs(page, [d.value])
        assert escape(f"Dear {escape(d.full_name)},") in page, d.line


# Exports ---------------------------------------------------------------------------


def in_a_spreadsheet(value: str) -> str:
    """The rule, written again here: exactly one apostrophe before a value that a
    spreadsheet would run (= + - @ tab CR at the start), nothing before any other."""
    return "'" + value if value[:1] in FORMULA_STARTS else value


def assert_every_line_in(rows: list[dict], hostile: Hostile) -> None:
    by_email = {row["E-mail"]: row for row in rows}
    assert len(by_email) == len(rows) == len(hostile.delegates) + len(hostile.focal_points)
    headers = {"title": "Title", "given_name": "Given name", "family_name": "Family name"}
    headers["function"] = "Function"
    for d in hostile.delegates:
        row = by_email[d.data["email"]]
        for name, header in headers.items():
            assert row[header] == in_a_spreadsheet(d.expected(name)), (header, d.line, row)
    # The rule was put to the test: lines that start with + - @ went through (no line
    # of the list starts with "=", test_exports.py has those; tab and CR cannot start
    # a value that the form stripped).
    starts = {d.value[0] for d in hostile.delegates}
    assert {"+", "-", "@"} <= starts


def staff_download(client, fmt: str) -> bytes:
    response = client.get(reverse("staff:participants", args=[fmt]))
    assert response.status_code == 200, fmt
    return response.content


def test_csv_holds_every_line_exactly_or_neutralised(hostile, admin_client):
    content = staff_download(admin_client, "csv")

    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"), newline="")))
    assert_every_line_in(rows, hostile)


def test_xlsx_holds_every_line_exactly_or_neutralised(hostile, admin_client):
    content = staff_download(admin_client, "xlsx")

    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    table = list(sheet.iter_rows())
    for row in table:
        for cell in row:
            # Every cell a string: no formula, number or link.
            assert cell.data_type == "s", (cell.coordinate, cell.value)
    # XML cannot hold most control characters: the file writes them (and a literal
    # "_x" that would read as one) as the OOXML escape _xHHHH_, which Excel decodes;
    # openpyxl leaves the escapes of inline strings as they are, so decode them here.
    values = [[ooxml_unescape(cell.value or "") for cell in row] for row in table]
    header = values[0]
    rows = [dict(zip(header, row, strict=True)) for row in values[1:]]
    assert_every_line_in(rows, hostile)


def pdf_text(pdf: bytes, tmp_path, name: str) -> str:
    """The text of a PDF in the order it was written (-raw): in layout order,
    pdftotext mixes the marks of a Zalgo line that reach into the next line with the
    words of that line."""
    path = tmp_path / name
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def in_the_pdf_sample(value: str) -> bool:
    """The lines whose text pdftotext can give back as it was typed.

    Left out, though printed: control and format characters, unassigned and private
    code points (str.isprintable: the fonts have no glyph for a control character,
    an invisible one leaves no text); combining marks (Zalgo text, Hebrew points,
    Arabic vowels, emoji variation selectors and keycaps: pdftotext gives the marks
    apart from their letters, or drops them); right-to-left text (pdftotext adds
    embedding marks and gives the runs in another order)."""
    return value.isprintable() and not any(
        unicodedata.category(c) in ("Mn", "Me", "Mc")
        or unicodedata.bidirectional(c) in ("R", "AL", "AN")
        for c in value
    )


def letters(text: str) -> str:
    """Text compared without white space (a PDF breaks lines after "/" and between
    full-width letters) and in NFKC (pdftotext gives the ligature "ﬁ" as "fi")."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def test_pdf_export_prints_each_line_of_the_sample(
    hostile, admin_client, django_capture_on_commit_callbacks, tmp_path
):
    with django_capture_on_commit_callbacks(execute=True):
        asked = admin_client.post(reverse("staff:export-request", args=["pdf"]))
    assert asked.status_code == 302
    assert admin_client.get(asked.headers["Location"]).status_code == 200
    job = ExportJob.objects.get()
    assert job.status == ExportJob.Status.DONE
    download = admin_client.get(reverse("staff:export-download", args=[job.pk]))
    assert download.status_code == 200
    text = letters(pdf_text(b"".join(download.streaming_content), tmp_path, "list.pdf"))

    sample = [d for d in hostile.delegates if in_the_pdf_sample(d.value)]
    assert len(sample) > 400, len(sample)
    for d in sample:
        # One line a person: title, given name, FAMILY NAME, function.
        printed = (
            f"{d.expected('title')} {d.expected('given_name')} "
            f"{d.expected('family_name').upper()}, {d.expected('function')}"
        )
        assert letters(printed) in text, d.line


# Badges ----------------------------------------------------------------------------


def test_one_pdf_of_all_the_badges_prints_the_names(hostile, tmp_path):
    delegates = delegates_for_badges(
        Delegate.objects.filter(pk__in=[d.pk for d in hostile.delegates])
    )

    pdf = render_badges(delegates)

    text = letters(pdf_text(pdf, tmp_path, "badges.pdf"))
    sample = [d for d in hostile.delegates if in_the_pdf_sample(d.value)]
    assert len(sample) > 400, len(sample)
    for d in sample:
        # The name on the badge (the badge name, or the full name where the line was
        # too long for it) and the function, which holds every line.
        name = d.expected("badge_name") or d.full_name
        assert letters(name) in text, d.line
        assert letters(d.expected("function")) in text, d.line


# E-mails ---------------------------------------------------------------------------


def read_back(message):
    """The message as a mail client reads it: serialised (headers checked and encoded
    by Django) and parsed again."""
    return message_from_bytes(message.message().as_bytes(), policy=policy.default)


def assert_one_line_subject(message, expected: str) -> None:
    assert message.subject == expected
    assert "\r" not in message.subject and "\n" not in message.subject


def test_each_email_carries_the_name_exactly_and_escaped_in_html(hostile):
    sent = {}
    for message in hostile.outbox:
        [to] = message.to
        sent.setdefault(to, []).append(message)
    assert len(hostile.outbox) == len(hostile.delegates) + len(hostile.focal_points)

    for d in hostile.delegates:
        [message] = sent[d.data["email"]]
        assert_one_line_subject(message, "Registration received: 2018 Intersessional Meetings")
        greeting = f"Dear {d.full_name},"
        assert greeting in message.body, d.line
        [(html, mimetype)] = message.alternatives
        assert mimetype == "text/html"
        assert f"Dear {escape(d.full_name)}," in html, d.line
        assert "<script" not in html.lower(), d.line
        parsed = read_back(message)
        assert parsed["Subject"] == message.subject
        assert greeting in parsed.get_body(("plain",)).get_content(), d.line
        assert f"Dear {escape(d.full_name)}," in parsed.get_body(("html",)).get_content()

    for value, _pk, email in hostile.focal_points:
        [message] = sent[email]
        assert_one_line_subject(message, "Delegation registered: 2018 Intersessional Meetings")
        assert f"Dear {value}," in message.body, value
        [(html, _mimetype)] = message.alternatives
        assert f"Dear {escape(value)}," in html, value
        assert "<script" not in html.lower(), value
        parsed = read_back(message)
        assert parsed["Subject"] == message.subject
        assert f"Dear {value}," in parsed.get_body(("plain",)).get_content(), value
        assert f"Dear {escape(value)}," in parsed.get_body(("html",)).get_content(), value


def test_confirmation_emails_carry_the_name_exactly(
    hostile, admin_client, django_capture_on_commit_callbacks
):
    """Staff confirm the registrations of the lines with markup: the confirmation
    (with the meeting's calendar) greets each by name, exactly and escaped."""
    delegates = [d for d in hostile.delegates if is_markup(d.value)]
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:registration_delegate_changelist"),
            {"action": "confirm", "_selected_action": [d.pk for d in delegates]},
        )

    assert response.status_code == 302
    sent = {message.to[0]: message for message in mail.outbox}
    assert len(sent) == len(mail.outbox) == len(delegates)
    for d in delegates:
        message = sent[d.data["email"]]
        assert_one_line_subject(message, "Registration confirmed: 2018 Intersessional Meetings")
        assert f"Dear {d.full_name}," in message.body, d.line
        [(html, _mimetype)] = message.alternatives
        assert f"Dear {escape(d.full_name)}," in html, d.line
        parsed = read_back(message)
        assert f"Dear {d.full_name}," in parsed.get_body(("plain",)).get_content(), d.line

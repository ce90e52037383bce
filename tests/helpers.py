"""The helpers of the test suite (plain functions, not factory_boy factories): what a
person types, registrations made through the services (as the public forms make them),
staff accounts with their roles, the text a person sees on a page, in a PDF, CSV or
XLSX file, and small test utilities (free ports, agenda items)."""

import csv
import io
import random
import re
import socket
import subprocess
from html import unescape

import openpyxl
from django.apps import apps
from django.contrib.auth.models import Group, User

from intersessional.roles import grant_roles
from programme.models import AgendaItem, BilateralSlot
from reference.models import Organisation, State
from registration import services


def visible_text(response) -> str:
    """The words of a page as a person reads them: no tags, scripts or styles, and
    HTML entities read as the characters they stand for."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


# What make bench does not count as statements (pg_stat_statements, track_utility off).
_NOT_COUNTED = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE SAVEPOINT")


def statements(captured) -> list[str]:
    """The SQL statements a request ran (a CaptureQueriesContext), counted as `make
    bench` counts them: without BEGIN, COMMIT and savepoints."""
    return [q["sql"] for q in captured if not q["sql"].lstrip().startswith(_NOT_COUNTED)]


def item(number):
    """The 2018 programme's agenda item of that number."""
    return AgendaItem.objects.get(number=number)


def free_port(start: int | None = None) -> int:
    """A free loopback port below the ephemeral range (32768 and up). Without a start,
    a random one: suites run side by side on one machine would otherwise race for the
    same port."""
    if start is None:
        start = random.randrange(20000, 28000)
    for port in range(start, min(start + 2000, 32768)):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port")


def pdf_text(pdf: bytes) -> str:
    """The text of a PDF as a person copies it out (poppler's pdftotext)."""
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


def printed(word: str, text: str) -> bool:
    """The word is in a PDF's extracted text. pdftotext gives back some Arabic ligatures
    (lam with alef maksura) with their letters swapped, so a word of the same letters
    also counts (tests/documents/test_badges.py shows which font set them)."""
    tokens = text.replace("\u202b", " ").replace("\u202c", " ").split()
    return word in text or any(sorted(token) == sorted(word) for token in tokens)


def read_csv(content: bytes) -> list[dict]:
    """The rows of a CSV export as a spreadsheet reads them (UTF-8 with its BOM)."""
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def read_xlsx(content: bytes) -> list[dict]:
    """The rows of an XLSX export; every cell must be text."""
    sheet = openpyxl.load_workbook(io.BytesIO(content), read_only=False).active
    rows = list(sheet.iter_rows())
    header = [cell.value for cell in rows[0]]
    for row in rows:
        for cell in row:
            # Every cell a string: nothing a spreadsheet would run.
            assert cell.data_type == "s", (cell.coordinate, cell.value)
    return [dict(zip(header, [cell.value or "" for cell in row], strict=True)) for row in rows[1:]]


def person(n: int = 1, **overrides) -> dict:
    """The fields of one delegate as a person types them."""
    data = {
        "title": "Ms",
        "given_name": f"Amina{n}",
        "family_name": f"Diallo{n}",
        "badge_name": "",
        "function": "Counsellor",
        "role": "delegate",
        "email": f"amina{n}@mission.example",
        "gender": "woman",
        "age_band": "35_44",
        "public_list_consent": "on",
    }
    data.update(overrides)
    return data


def self_registration(state=None, organisation=None, **overrides) -> dict:
    """The public one-person form's POST data."""
    data = {
        "kind": "state" if state else "organisation",
        "state": state.pk if state else "",
        "organisation": organisation.pk if organisation else "",
    }
    data.update(person(**overrides))
    return data


def delegation_registration(state, members: list[dict], **overrides) -> dict:
    """The public delegation form's POST data, with its members' formset."""
    data = {
        "kind": "state",
        "state": state.pk,
        "organisation": "",
        "focal_point_name": "Jean Dupont",
        "focal_point_email": "focal@mission.example",
        "members-TOTAL_FORMS": str(len(members)),
        "members-INITIAL_FORMS": "0",
        "members-MIN_NUM_FORMS": "1",
        "members-MAX_NUM_FORMS": "40",
    }
    for i, member in enumerate(members):
        for key, value in member.items():
            data[f"members-{i}-{key}"] = value
    data.update(overrides)
    return data


def identity(meeting, *, state: str | None = None, acronym: str | None = None):
    """The Identity of a State (by ISO alpha-3) or an organisation (by acronym)."""
    return services.identity_for(
        meeting=meeting,
        state=State.objects.get(alpha3=state) if state else None,
        organisation=Organisation.objects.get(acronym=acronym) if acronym else None,
    )


def register(meeting, *, state: str | None = "FRA", acronym: str | None = None, n=1, **overrides):
    """One delegate registered through the service, as the public form does (consenting
    to the public list unless told otherwise). Returns (delegate, private token)."""
    who = identity(meeting, state=None if acronym else state, acronym=acronym)
    data = {**person(n), "public_list_consent": True, **overrides}
    return services.delegate_register(meeting=meeting, identity=who, data=data)


def register_delegation(meeting, *, state: str, members: list[dict], **focal_point):
    """A whole delegation through the service. Returns (delegation, focal point's token)."""
    return services.delegation_register(
        meeting=meeting,
        identity=identity(meeting, state=state),
        focal_point_name=focal_point.get("name", "Focal Point"),
        focal_point_email=focal_point.get("email", "focal@mission.example"),
        members=[{**member, "public_list_consent": True} for member in members],
    )


def make_roles() -> dict[str, Group]:
    """The staff groups that the migrations make (idempotent: a test that flushed the
    database gets them back)."""
    grant_roles(apps, None)
    return {group.name: group for group in Group.objects.all()}


def staff_user(username, group=None) -> User:
    user = User.objects.create_user(username, f"{username}@isu.example", "pw", is_staff=True)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def verify_second_factor(client, user):
    """Mark the client's session as signed in with a one-time code too (what the admin's
    login form does after a right code): django-otp keeps the device in the session."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name="test authenticator", defaults={"confirmed": True}
    )
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device


def totp_device(user):
    """A confirmed TOTP device (an authenticator app) for this account."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


def totp_token(device) -> str:
    """The code the authenticator app shows now."""
    from django_otp.oath import totp

    code = totp(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{code:0{device.digits}d}"


# Documents as delegations send them (issue 13): small but real files ----------------

MINIMAL_PDF = (
    b"%PDF-1.4\n"
    b"1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n"
    b"2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n"
    b"3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 200 200]>> endobj\n"
    b"trailer <</Root 1 0 R>>\n"
    b"%%EOF\n"
)


def _zip(entries: list[tuple[str, bytes]]) -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries:
            # OpenDocument wants its `mimetype` first and stored, as office suites write it.
            method = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            archive.writestr(zipfile.ZipInfo(name), data, compress_type=method)
    return buffer.getvalue()


def _ooxml(main_part: str, content_type: str) -> bytes:
    return _zip(
        [
            (
                "[Content_Types].xml",
                b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.'
                b'openxmlformats.org/package/2006/content-types"><Default Extension="rels" '
                b'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                b'<Default Extension="xml" ContentType="application/xml"/><Override PartName="/'
                + main_part.encode()
                + b'" ContentType="'
                + content_type.encode()
                + b'"/></Types>',
            ),
            (
                "_rels/.rels",
                b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
                b'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
                b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
                b'officeDocument" Target="' + main_part.encode() + b'"/></Relationships>',
            ),
            (main_part, b'<?xml version="1.0" encoding="UTF-8"?><document/>'),
        ]
    )


def _odf(mimetype: str) -> bytes:
    return _zip(
        [
            ("mimetype", mimetype.encode()),
            (
                "content.xml",
                b'<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office='
                b'"urn:oasis:names:tc:opendocument:xmlns:office:1.0" office:version="1.2"/>',
            ),
            (
                "META-INF/manifest.xml",
                b'<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
                b'"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry '
                b'manifest:full-path="/" manifest:media-type="' + mimetype.encode() + b'"/>'
                b"</manifest:manifest>",
            ),
        ]
    )


def document(file_type: str) -> bytes:
    """A small valid file of each accepted type: 'pdf', 'docx', 'pptx', 'odt', 'odp'."""
    return {
        "pdf": lambda: MINIMAL_PDF,
        "docx": lambda: _ooxml(
            "word/document.xml",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        ),
        "pptx": lambda: _ooxml(
            "ppt/presentation.xml",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
        ),
        "odt": lambda: _odf("application/vnd.oasis.opendocument.text"),
        "odp": lambda: _odf("application/vnd.oasis.opendocument.presentation"),
    }[file_type]()


def not_a_document(what: str) -> bytes:
    """Files that must be refused whatever their name says."""
    return {
        # The start of a Windows executable (MZ header, PE signature) and of an ELF one.
        "exe": b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"
        + b"\x00" * 44
        + b"\x80\x00\x00\x00"
        + b"\x00" * 64
        + b"PE\x00\x00"
        + b"\x00" * 200,
        "elf": b"\x7fELF\x02\x01\x01" + b"\x00" * 300,
        "html": b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>",
        "zip": _zip([("readme.txt", b"not a document")]),
        "docm": _zip(
            [
                ("[Content_Types].xml", b"<Types/>"),
                ("word/document.xml", b"<document/>"),
                ("word/vbaProject.bin", b"\xd0\xcf\x11\xe0"),
            ]
        ),
    }[what]


def statement_data(item, file_type="pdf", *, name=None, content=None, **overrides) -> dict:
    """The statement form's POST data, with its file."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = {
        "agenda_item": item.pk,
        "kind": "statement",
        "language": "en",
        "reflects_gender_and_diversity": "yes",
        "includes_disaggregated_data": "no",
        "file": SimpleUploadedFile(
            name or f"Our statement.{file_type}",
            document(file_type) if content is None else content,
            content_type="application/octet-stream",
        ),
    }
    data.update(overrides)
    return data


def confirm_obligations(*alpha3: str, kind: str | None = None) -> int:
    """The ISU confirms the loaded obligations of these States (of one kind, or all), as
    the admin's action does: registered delegations of those States are invited to
    present their updates."""
    from floor import services as floor_services
    from reference.models import Obligation

    rows = Obligation.objects.filter(state__alpha3__in=alpha3)
    if kind:
        rows = rows.filter(kind=kind)
    confirmed, _invited = floor_services.obligations_confirm(obligations=list(rows))
    return confirmed


def bilateral_slot(*, meeting, committee, starts_at, ends_at, room) -> BilateralSlot:
    """A slot for the President (committee=None) or a Committee, saved as the admin
    saves it: validated first (the bilateral day, the end after the start, no host
    booked twice), then saved."""
    slot = BilateralSlot(
        meeting=meeting, committee=committee, starts_at=starts_at, ends_at=ends_at, room=room
    )
    slot.full_clean()
    slot.save()
    return slot


def photo_bytes(width=700, height=900, fmt="JPEG", *, background=(40, 90, 160), exif=None) -> bytes:
    """A made-up photo: a grey head-and-shoulders silhouette on a plain background
    (clearly no one's face), as JPEG or PNG, with EXIF data when given."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (width, height), background)
    draw = ImageDraw.Draw(image)
    cx, unit = width // 2, min(width, height) // 10
    draw.ellipse(
        (cx - 2 * unit, 2 * unit, cx + 2 * unit, 6 * unit + unit // 2), fill=(200, 200, 200)
    )
    draw.ellipse((cx - 4 * unit, 7 * unit, cx + 4 * unit, height + 4 * unit), fill=(200, 200, 200))
    buffer = io.BytesIO()
    options = {"exif": exif} if exif is not None else {}
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def upload(content: bytes, name="photo.jpg", content_type="image/jpeg"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type=content_type)


def pdf_images(pdf: bytes) -> list[tuple[int, int, str]]:
    """(width, height, encoding) of every image drawn in a PDF (poppler's pdfimages)."""
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf)
        f.flush()
        listing = subprocess.run(
            ["pdfimages", "-list", f.name], capture_output=True, check=True
        ).stdout.decode()
    rows = []
    for line in listing.splitlines()[2:]:
        cells = line.split()
        # page num type width height color comp bpc enc ...
        if cells[2] == "image":
            rows.append((int(cells[3]), int(cells[4]), cells[8]))
    return rows

"""Every public page is valid HTML by the Nu Html Checker (vnu.jar from the npm
package vnu-jar, installed by `make test` into .cache/npm), run with the machine's Java."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from programme.models import AgendaItem
from tests.e2e.test_accessibility import (
    AFTER_DEADLINE,
    STATIC_PAGES,
    prepare,
    private_link,
    updates_invitation_link,
)
from tests.helpers import register, upload

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
# The Nu Html Checker, installed by `make test` (the Makefile's VNU_JAR).
VNU = ROOT / ".cache" / "npm" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def collect_pages(client, meeting, clock_at) -> dict[str, str]:
    prepare(meeting, clock_at)
    pages = {}
    for name, path in STATIC_PAGES:
        response = client.get(path)
        assert response.status_code == 200, name
        pages[name] = response.content.decode()
    response = client.post("/en/register/delegate/", {"kind": "state"})
    assert response.status_code == 200
    pages["delegate form with errors"] = response.content.decode()
    response = client.post("/en/register/delegation/", {"members-TOTAL_FORMS": "1"})
    pages["delegation form with errors"] = response.content.decode()
    link = private_link(meeting)
    pages["private link"] = client.get(link).content.decode()
    pages["statements through the private link"] = client.get(link + "statements/").content.decode()
    pages["photo through the private link"] = client.get(link + "photo/").content.decode()
    refused = client.post(link + "photo/", {"image": upload(b"%PDF-1.7", "photo.jpg")})
    assert refused.status_code == 200
    pages["photo refused"] = refused.content.decode()
    # Accreditation: identity details and needs (with an error), a head's nomination page.
    meeting.asks_identity_details = True
    meeting.save(update_fields=["asks_identity_details"])
    pages["accreditation through the private link"] = client.get(
        link + "accreditation/"
    ).content.decode()
    pages["identity details with errors"] = client.post(
        link + "accreditation/", {"part": "identity", "identity-date_of_birth": "2030-01-01"}
    ).content.decode()
    head = register(meeting, state="FRA", role="head", email="head.checker@mission.example")
    pages["nomination through the private link"] = client.get(
        f"/en/registration/{head[1]}/nomination/"
    ).content.decode()
    invitation = client.get(updates_invitation_link(meeting))
    assert invitation.status_code == 200
    pages["invitation to present updates"] = invitation.content.decode()
    item = AgendaItem.objects.get(number=3)
    pages["statements of an item"] = client.get(
        f"/en/programme/item/{item.pk}/statements/"
    ).content.decode()
    clock_at(AFTER_DEADLINE)
    pages["closed"] = client.get("/en/register/").content.decode()
    return pages


def page_name(files: dict[str, str], url: str) -> str:
    return files.get(url.removeprefix("file:"), url)


def files_on_disk(files: dict[str, str]) -> list[str]:
    return list(files)


def vnu_errors(pages: dict[str, str], tmp_path) -> list[str]:
    """The Nu Html Checker's errors on these pages ({name: HTML}), one line each."""
    if not VNU.exists():
        pytest.fail(f"{VNU} is missing: `make test` installs it (npm vnu-jar)")
    java = shutil.which("java")
    assert java, "java is missing: scripts/system-packages.sh installs default-jre-headless"
    files = {}
    for name, html in pages.items():
        path = tmp_path / (name.replace(" ", "-").replace("/", "-") + ".html")
        path.write_text(html, encoding="utf-8")
        files[str(path)] = name

    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", *files_on_disk(files)],
        capture_output=True,
        text=True,
        timeout=300,
    )

    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    return [
        f"{page_name(files, m.get('url', ''))}: line {m.get('lastLine')}: {m['message']}"
        f"\n    {m.get('extract', '').strip()}"
        for m in messages
        if m.get("type") == "error" or m.get("subType") == "fatal"
    ]


def test_public_pages_are_valid_html(client, meeting, clock_at, tmp_path):
    errors = vnu_errors(collect_pages(client, meeting, clock_at), tmp_path)

    assert errors == [], f"{len(errors)} HTML error(s):\n" + "\n".join(errors)

"""The Sponsorship Programme's pages are valid HTML (the Nu Html Checker, as
test_html_validity.py runs it): the application form with errors in French, a
person's application with an offer and with travel, the committee's page, the travel
page and the report."""

import json
import shutil
import subprocess

import pytest

from registration import links
from sponsorship import services
from tests.e2e.test_html_validity import VNU
from tests.helpers import register, staff_user
from tests.sponsorship.conftest import BEFORE_SPONSORSHIP_DEADLINE, accepted, apply, make_programme

pytestmark = pytest.mark.django_db


def test_the_sponsorship_pages_are_valid_html(
    client, open_registration, clock_at, roles, media, tmp_path, django_capture_on_commit_callbacks
):
    if not VNU.exists():
        pytest.fail(f"{VNU} is missing: `make test` installs it (npm vnu-jar)")
    clock_at(BEFORE_SPONSORSHIP_DEADLINE)
    programme = make_programme(open_registration)
    _delegate, token = register(open_registration, state="TCD", email="t@gov.example")
    pages = {
        "form with errors": client.post(f"/fr/registration/{token}/sponsorship/", {}),
    }
    offered, _ = apply(programme, state="NER", n=2)
    offered = services.application_decide(
        application=offered, decision="offer", reason="r", version=offered.version, by=None
    )
    # The decision's e-mail carried a new link; one more for this page.
    offered_token = links.issue_token(offered)
    offered.save(update_fields=["access_token_hash"])
    pages["offer"] = client.get(f"/fr/sponsorship/{offered_token}/")
    accepted(programme, state="AGO", n=3)
    client.force_login(staff_user("coordinator", "Sponsorship committee"))
    pages["committee"] = client.get("/staff/sponsorship/")
    pages["report"] = client.get("/staff/sponsorship/report/")
    client.force_login(staff_user("travel", "Travel administrator"))
    pages["travel"] = client.get("/staff/sponsorship/travel/")
    files = {}
    for name, response in pages.items():
        assert response.status_code == 200, name
        path = tmp_path / f"{name.replace(' ', '-')}.html"
        path.write_text(response.content.decode(), encoding="utf-8")
        files[str(path)] = name

    result = subprocess.run(
        [shutil.which("java"), "-jar", str(VNU), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=300,
    )

    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = [
        f"{files.get(m.get('url', '').removeprefix('file:'), m.get('url'))}: "
        f"line {m.get('lastLine')}: {m['message']}"
        for m in messages
        if m.get("type") == "error" or m.get("subType") == "fatal"
    ]
    assert errors == [], "\n".join(errors)

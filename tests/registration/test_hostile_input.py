"""Every line of the Big List of Naughty Strings in every free-text field of the
public form: stored and shown back exactly (escaped), or refused with a clear
error next to the field. Never a server error."""

from pathlib import Path

import pytest
from django.urls import reverse
from django.utils.html import escape

from registration.models import Delegate
from tests.helpers import self_registration

pytestmark = pytest.mark.django_db

BLNS = Path(__file__).resolve().parents[1] / "data" / "blns.txt"
FREE_TEXT = ["title", "given_name", "family_name", "badge_name", "function"]
LIMITS = {"title": 40, "given_name": 100, "family_name": 100, "badge_name": 100, "function": 200}


def naughty_strings() -> list[str]:
    lines = BLNS.read_text(encoding="utf-8").split("\n")
    return [line for line in lines if line and not line.startswith("#")]


def test_the_list_is_there_and_long():
    assert len(naughty_strings()) > 500


CLEAR_REFUSALS = ("This field is required.", "Ensure this value has at most", "Null characters")


@pytest.mark.slow  # some 500 strings, each through the form
def test_every_naughty_string_round_trips_or_is_refused(client, open_registration, france):
    url = reverse("registration:register-delegate")
    stored = refused = 0
    for n, line in enumerate(naughty_strings()):
        data = self_registration(state=france, n=n)
        data.update(dict.fromkeys(FREE_TEXT, line))

        response = client.post(url, data)

        assert response.status_code in (200, 302), (line, response.status_code)
        delegate = Delegate.objects.filter(email=data["email"]).first()
        if delegate is None:
            errors = response.context["form"].errors
            # Each refusal is explained next to a free-text field, in words.
            assert errors and set(errors) <= set(FREE_TEXT), (line, errors)
            for messages in errors.values():
                assert all(m.startswith(CLEAR_REFUSALS) for m in messages), (line, messages)
            refused += 1
            continue
        stored += 1
        # Django trims surrounding white space; the rest is kept to the letter.
        for field in FREE_TEXT:
            assert getattr(delegate, field) == line.strip(), (field, line)
        link = client.get(reverse("registration:done")).context["private_link"]
        page = client.get(link.removeprefix("http://127.0.0.1:8000"))
        assert escape(delegate.family_name) in page.content.decode(), line
        assert "<script>alert" not in page.content.decode()
    assert stored > 250 and refused > 0, (stored, refused)

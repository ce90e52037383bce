"""The photo at the door: after a scan the outcome shows the approved photo, fetched by
the page from a signed address (no query is added to the scan), so that the volunteer
compares it with the face; a placeholder says when there is none. Staff at the door
only."""

import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image

from accreditation import services as photo_services
from documents.badges import signed_badge_id
from tests.helpers import make_roles, photo_bytes, staff_user, upload

from .test_door import _statements, scan

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved(delegates, media, django_capture_on_commit_callbacks):
    """Amina1's photo, approved (a silhouette on blue, clearly no one)."""
    with django_capture_on_commit_callbacks(execute=True):
        photo = photo_services.photo_upload(delegate=delegates[0], upload=upload(photo_bytes()))
    photo_services.photo_approve(photo=photo)
    return photo


def photo_src(response) -> str:
    html = (
        response.json()["html"]
        if response["Content-Type"] == "application/json"
        else (response.content.decode())
    )
    return re.search(r'<img class="door-photo" src="([^"]+)"', html).group(1)


def test_the_outcome_shows_the_approved_photo(client, venue_user, day_one, delegates, approved):
    client.force_login(venue_user)

    response = scan(client, day_one, signed_badge_id(delegates[0]), json=True)

    assert response.json()["result"] == "welcome"
    photo = client.get(photo_src(response))
    assert (photo.status_code, photo["Content-Type"]) == (200, "image/jpeg")
    assert "no-store" in photo["Cache-Control"]
    image = Image.open(io.BytesIO(b"".join(photo.streaming_content)))
    assert image.size == (413, 531)
    # The silhouette's blue background, as sent.
    red, green, blue = image.getpixel((5, 5))
    assert blue > 140 and red < 70


def test_without_an_approved_photo_the_door_says_so(client, venue_user, day_one, delegates):
    client.force_login(venue_user)

    response = scan(client, day_one, signed_badge_id(delegates[1]))  # the page, no JSON

    placeholder = client.get(photo_src(response))
    assert placeholder["Content-Type"] == "image/svg+xml; charset=utf-8"
    assert "No approved photo" in placeholder.content.decode()


def test_the_photo_adds_no_statement_to_the_scan(client, venue_user, day_one, delegates, approved):
    client.force_login(venue_user)
    with CaptureQueriesContext(connection) as captured:
        scan(client, day_one, signed_badge_id(delegates[0]), nonce="counted-scan", json=True)
    assert not any("accreditation_photo" in sql for sql in _statements(captured))


def test_the_photo_address_is_signed_and_for_the_door_only(
    client, venue_user, day_one, delegates, approved
):
    client.force_login(venue_user)
    src = photo_src(scan(client, day_one, signed_badge_id(delegates[0]), json=True))
    forged = re.sub(r"/photo/\d+", f"/photo/{delegates[1].pk}", src)
    assert forged != src
    assert client.get(forged).status_code == 404
    assert client.get(src.rsplit(":", 1)[0] + ":AAAA").status_code == 404

    make_roles()
    office = staff_user("office", "President's office")
    client.force_login(office)
    assert client.get(src).status_code == 403
    client.logout()
    assert client.get(src).status_code == 302  # to the sign-in page

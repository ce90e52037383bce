"""A new SECRET_KEY with the old one in SECRET_KEY_FALLBACKS (docs/operations.md):
the private links already e-mailed keep opening; without the fallback they do not."""

import pytest
from django.urls import reverse

from tests.helpers import register, visible_text

pytestmark = pytest.mark.django_db


def rotate(settings, *, keep_old: bool) -> None:
    old = settings.SECRET_KEY
    settings.SECRET_KEY = "rotated-" + old
    settings.SECRET_KEY_FALLBACKS = [old] if keep_old else []


def test_an_emailed_link_still_opens_after_a_rotation_with_the_old_key_kept(
    client, open_registration, settings
):
    _delegate, token = register(open_registration, n=1)

    rotate(settings, keep_old=True)
    response = client.get(reverse("registration:delegate", args=[token]))

    assert response.status_code == 200
    assert "Amina1 Diallo1" in visible_text(response)


def test_without_the_old_key_an_emailed_link_is_refused(client, open_registration, settings):
    _delegate, token = register(open_registration, n=1)

    rotate(settings, keep_old=False)
    response = client.get(reverse("registration:delegate", args=[token]))

    assert response.status_code == 404

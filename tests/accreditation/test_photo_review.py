"""The ISU's review in the admin: approve one or many; reject with a reason, which the
delegate receives in their own language with a link of its own to send another."""

import io

import pytest
from django.urls import reverse
from django.utils import translation
from PIL import Image

from accreditation import services
from accreditation.models import Photo
from outbox.models import Notification
from registration import services as registration_services
from tests.helpers import make_roles, photo_bytes, register, staff_user, upload, visible_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(open_registration, media, django_capture_on_commit_callbacks):
    """Two delegates' photos waiting for the ISU; the first's language is French."""
    photos = []
    for n in (1, 2):
        delegate, _token = register(open_registration, n=n)
        with django_capture_on_commit_callbacks(execute=True):
            photos.append(services.photo_upload(delegate=delegate, upload=upload(photo_bytes())))
    registration_services.delegate_set_language(delegate=photos[0].delegate, language="fr")
    return photos


def change_url(photo):
    return reverse("admin:accreditation_photo_change", args=[photo.pk])


def test_the_isu_approves_the_selected_photos_at_once(client, sent, isu_user):
    client.force_login(isu_user)
    response = client.post(
        reverse("admin:accreditation_photo_changelist"),
        {"action": "approve", "_selected_action": [p.pk for p in sent]},
        follow=True,
    )
    assert "2 photos approved." in visible_text(response)
    assert set(Photo.objects.values_list("status", "decided_by")) == {("approved", isu_user.pk)}


def test_the_admin_shows_the_photo_to_staff_only(client, sent, isu_user):
    client.force_login(isu_user)
    page = client.get(change_url(sent[0]))
    image_url = reverse("admin:accreditation_photo_image", args=[sent[0].pk])
    assert image_url in page.content.decode()
    assert "700 × 900" in visible_text(page)
    image = client.get(image_url)
    assert (image.status_code, image["Content-Type"]) == (200, "image/jpeg")
    assert Image.open(io.BytesIO(b"".join(image.streaming_content))).size == (700, 900)
    # The list's thumbnails are the small print renditions.
    listing = client.get(reverse("admin:accreditation_photo_changelist")).content.decode()
    assert f'{image_url}?badge"' in listing
    small = client.get(image_url + "?badge")
    assert Image.open(io.BytesIO(b"".join(small.streaming_content))).size == (413, 531)
    client.logout()
    assert client.get(image_url).status_code == 302  # to the admin's sign-in


def reject(client, photo, **data):
    form = {"status": "rejected", "rejection_reason": "", "rejection_note": "", **data}
    return client.post(change_url(photo), form, follow=True)


def test_a_rejection_needs_a_reason(client, sent, isu_user):
    client.force_login(isu_user)
    response = reject(client, sent[0])
    assert "Say why: the delegate is told." in visible_text(response)
    response = reject(client, sent[0], rejection_reason="other")
    assert "Explain the other reason here." in visible_text(response)
    assert Photo.objects.get(pk=sent[0].pk).status == "pending"
    assert not Notification.objects.filter(kind="photo_rejected").exists()


def test_a_rejection_is_emailed_in_the_persons_language_with_a_link_to_send_another(
    client, sent, isu_user, django_capture_on_commit_callbacks
):
    client.force_login(isu_user)
    reject(client, sent[0], rejection_reason="not_a_photo", rejection_note="Merci !")

    photo = Photo.objects.get(pk=sent[0].pk)
    assert (photo.status, photo.rejection_reason, photo.decided_by) == (
        "rejected",
        "not_a_photo",
        isu_user,
    )
    mail = Notification.objects.get(kind="photo_rejected")
    assert (mail.to_email, mail.language) == ("amina1@mission.example", "fr")
    assert "Votre photo pour le badge" in mail.subject
    with translation.override("fr"):
        reason = str(Photo.Reason.NOT_A_PHOTO.label)
    assert reason in mail.body_text and "Merci !" in mail.body_text
    link = next(line for line in mail.body_text.splitlines() if "/fr/photo/" in line).strip()

    # The link opens the photo page (and only it), in French, with the reason.
    path = link.split("://", 1)[1].split("/", 1)[1]
    page = client.get("/" + path)
    assert page.status_code == 200
    assert reason in visible_text(page)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/" + path, {"image": upload(photo_bytes(800, 1200))}, follow=True)
    photo.refresh_from_db()
    assert (photo.status, photo.rejection_reason, photo.width) == ("pending", "", 800)


def test_rejecting_twice_emails_once(sent):
    assert services.photo_reject(photo=sent[1], reason="face")
    assert not services.photo_reject(photo=sent[1], reason="face")
    assert Notification.objects.filter(kind="photo_rejected").count() == 1


def test_the_presidents_office_sees_no_photos(client, sent):
    make_roles()
    office = staff_user("office", "President's office")
    client.force_login(office)
    image_url = reverse("admin:accreditation_photo_image", args=[sent[0].pk])

    assert client.get(reverse("admin:accreditation_photo_changelist")).status_code == 403
    assert client.get(change_url(sent[0])).status_code == 403
    assert client.get(image_url).status_code == 403
    assert "Photos" not in visible_text(client.get(reverse("admin:index")))
    response = reject(client, sent[0], rejection_reason="face")
    assert response.status_code == 403
    assert Photo.objects.get(pk=sent[0].pk).status == "pending"

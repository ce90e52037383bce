"""A delegate's photo through the private link: sent without JavaScript (a plain file
field, cut around its centre by the server), refused with a message in the page's
language next to the field, shown back to its delegate only, and its status on the
private-link page."""

import io
from pathlib import Path

import pytest
from django.urls import reverse
from PIL import Image

from accreditation import services
from accreditation.models import Photo
from registration import services as registration_services
from tests.helpers import photo_bytes, register, upload, visible_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def amina(open_registration, media):
    return register(open_registration, n=1)


def photo_url(token, name="photo"):
    return reverse(f"accreditation:delegate-{name}", args=[token])


def send(client, token, content, name="photo.jpg", language=None, capture=None):
    url = photo_url(token)
    if language:
        url = url.replace("/en/", f"/{language}/", 1)
    with capture(execute=True):
        return client.post(url, {"image": upload(content, name)}, follow=True)


def test_a_photo_sent_without_javascript_is_cut_around_its_centre_and_kept(
    client, amina, media, django_capture_on_commit_callbacks
):
    delegate, token = amina
    response = send(
        client, token, photo_bytes(1600, 1000), capture=django_capture_on_commit_callbacks
    )

    text = visible_text(response)
    assert "Thank you: your photo is received. The ISU will check it." in text
    assert "Your photo is waiting for the ISU's approval." in text
    photo = Photo.objects.get(delegate=delegate)
    assert (photo.status, photo.width, photo.height) == ("pending", 778, 1000)
    # Stored under random names, not the one sent, with the badge's rendition beside.
    assert photo.image.name.startswith("photos/") and "photo.jpg" not in photo.image.name
    assert Image.open(Path(media) / photo.image.name).size == (778, 1000)
    assert Image.open(Path(media) / photo.badge_image.name).size == (413, 531)


def test_the_delegate_sees_their_own_photo_and_no_one_else_does(
    client, amina, open_registration, django_capture_on_commit_callbacks
):
    delegate, token = amina
    send(client, token, photo_bytes(), capture=django_capture_on_commit_callbacks)
    _other, other_token = register(open_registration, n=2)

    own = client.get(photo_url(token, "photo-image"))
    assert own.status_code == 200
    assert own["Content-Type"] == "image/jpeg"
    assert own["Cache-Control"] == "private, no-store"
    assert Image.open(io.BytesIO(b"".join(own.streaming_content))).size == (700, 900)
    # Another delegate's link shows their own (none), a made-up one nothing.
    assert client.get(photo_url(other_token, "photo-image")).status_code == 404
    assert client.get(photo_url("made-up:token", "photo-image")).status_code == 404
    # Media files are never served by the site.
    assert client.get("/media/" + Photo.objects.get().image.name).status_code == 404


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (
            b"%PDF-1.7\n%%EOF\n",
            "photo.jpg",
            "Ce fichier n’est pas une photo JPEG ou PNG (son contenu a été vérifié, pas son nom).",
        ),
        (photo_bytes(100, 100), "thumb.jpg", "Cette photo est trop petite"),
        (photo_bytes(700, 900)[:9000], "cut.jpg", "Cette photo n’a pas pu être lue"),
    ],
)
def test_bad_input_is_refused_in_the_pages_language_next_to_the_field(
    client, amina, content, name, message, django_capture_on_commit_callbacks
):
    _delegate, token = amina
    response = send(
        client, token, content, name, language="fr", capture=django_capture_on_commit_callbacks
    )

    assert response.status_code == 200
    html = response.content.decode()
    # Next to the field (crispy's invalid-feedback under the input), and said above.
    field = html[html.index('id="id_image"') :]
    assert message in visible_text(response)
    assert field.index("invalid-feedback") < field.index("</form>")
    assert "Veuillez corriger les champs signalés ci-dessous." in visible_text(response)
    assert not Photo.objects.exists()


def test_a_20_megapixel_photo_is_refused(client, amina, django_capture_on_commit_callbacks):
    _delegate, token = amina
    response = send(
        client, token, photo_bytes(5472, 3648), capture=django_capture_on_commit_callbacks
    )
    assert "This photo has too many pixels (at most 16 megapixels)." in visible_text(response)
    assert not Photo.objects.exists()


def test_a_new_photo_replaces_the_old_one_and_its_files(
    client, amina, media, django_capture_on_commit_callbacks
):
    delegate, token = amina
    send(client, token, photo_bytes(), capture=django_capture_on_commit_callbacks)
    first = Photo.objects.get()
    old_files = [Path(media) / first.image.name, Path(media) / first.badge_image.name]
    Photo.objects.filter(pk=first.pk).update(status="approved")

    send(client, token, photo_bytes(800, 1200), capture=django_capture_on_commit_callbacks)

    photo = Photo.objects.get()
    assert (photo.pk, photo.status, photo.width) == (first.pk, "pending", 800)
    assert not any(path.exists() for path in old_files)
    assert sorted(p.name for p in (Path(media) / "photos").iterdir()) == sorted(
        [Path(photo.image.name).name, Path(photo.badge_image.name).name]
    )


def test_the_private_link_page_says_where_the_photo_stands(
    client, amina, django_capture_on_commit_callbacks
):
    delegate, token = amina
    page = reverse("registration:delegate", args=[token])
    assert "You have not sent one yet." in visible_text(client.get(page))

    send(client, token, photo_bytes(), capture=django_capture_on_commit_callbacks)
    assert "Your photo is waiting for the ISU's approval." in visible_text(client.get(page))
    Photo.objects.update(status="approved")
    text = visible_text(client.get(page))
    assert "Your photo is approved: it is printed on your badge." in text
    assert photo_url(token) in client.get(page).content.decode()


def test_a_withdrawn_delegate_cannot_send_a_photo(client, amina):
    delegate, token = amina
    registration_services.delegate_withdraw(delegate=delegate)
    assert client.get(photo_url(token)).status_code == 404
    response = client.post(photo_url(token), {"image": upload(photo_bytes())})
    assert response.status_code == 404
    assert not Photo.objects.exists()


def test_the_page_names_the_script_and_no_inline_code(client, amina):
    _delegate, token = amina
    html = client.get(photo_url(token)).content.decode()
    assert "/static/js/photo" in html
    assert "<script>" not in html and "style=" not in html
    assert 'accept="image/jpeg,image/png"' in html


def test_the_persons_copy_of_their_data_says_what_is_known_of_the_photo(
    client, amina, django_capture_on_commit_callbacks
):
    delegate, token = amina
    send(client, token, photo_bytes(), capture=django_capture_on_commit_callbacks)
    photo = Photo.objects.get()

    services.photo_reject(photo=photo, reason="face")

    data = client.get(reverse("privacy:personal-data", args=[token])).json()

    assert data["photo"]["status"] == "Rejected"
    assert data["photo"]["reason_for_the_rejection"].startswith("The face is not clearly")
    assert (data["photo"]["width"], data["photo"]["height"]) == (700, 900)

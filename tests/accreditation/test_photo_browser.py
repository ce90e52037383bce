"""The photo from end to end in Chromium: taken with the browser's fake camera (a Y4M
video of a made-up silhouette), cut to 35 x 45 on the page, sent, approved, printed on
the badge (found among the PDF's images) and shown at the door after a scan. The crop
and the door are kept as screenshots in var/test-artefacts/."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from PIL import Image
from playwright.sync_api import expect

from accreditation import services as photo_services
from accreditation.models import Photo
from checkin.models import CheckinList
from checkin.services import checkin_lists_ensure
from documents.badges import delegates_for_badges, render_badges, signed_badge_id
from registration.models import Delegate
from tests.checkin.conftest import MORNING_OF_7_JUNE
from tests.checkin.test_door_browser import door_url, signed_in
from tests.conftest import CHROMIUM
from tests.helpers import pdf_images, photo_bytes, register, staff_user

pytestmark = pytest.mark.django_db(transaction=True)
ARTEFACTS = Path(settings.BASE_DIR) / "var" / "test-artefacts"


def camera_video(tmp_path: Path, width=1280, height=960) -> Path:
    """A Y4M video for Chromium's fake camera: I420 frames of even sizes, showing a
    grey silhouette on blue (tests/helpers.photo_bytes)."""
    image = Image.open(io.BytesIO(photo_bytes(width, height, "PNG"))).convert("RGB")
    y, cb, cr = image.convert("YCbCr").split()
    half = (width // 2, height // 2)
    frame = y.tobytes() + cb.resize(half).tobytes() + cr.resize(half).tobytes()
    video = tmp_path / "face.y4m"
    with video.open("wb") as out:
        out.write(f"YUV4MPEG2 W{width} H{height} F10:1 Ip A1:1 C420jpeg\n".encode())
        for _ in range(3):
            out.write(b"FRAME\n" + frame)
    return video


def test_a_photo_taken_with_the_camera_is_printed_and_shown_at_the_door(
    playwright, live_server, open_registration, roles, media, clock_at, tmp_path
):
    delegate, token = register(open_registration, n=1)
    day_one = next(
        cl
        for cl in checkin_lists_ensure(meeting=open_registration)
        if cl.kind == CheckinList.Kind.MEETING
    )
    venue_user = staff_user("door", "Venue staff")
    isu_user = staff_user("isu", "ISU staff")
    clock_at(MORNING_OF_7_JUNE)
    browser = playwright.chromium.launch(
        executable_path=CHROMIUM,
        args=[
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--use-fake-ui-for-media-stream",
            "--use-fake-device-for-media-stream",
            f"--use-file-for-fake-video-capture={camera_video(tmp_path)}",
        ],
    )
    try:
        page = browser.new_context().new_page()
        page.goto(live_server.url + reverse("accreditation:delegate-photo", args=[token]))
        page.get_by_role("button", name="Take a photo with the camera").click()
        # The page's strict policy refuses the eval that wait_for_function would need.
        video = page.locator("#photo-video")
        expect(video).to_be_visible()
        for _ in range(200):
            if video.evaluate("v => v.videoWidth") > 0:
                break
            page.wait_for_timeout(100)
        page.get_by_role("button", name="Take the photo").click()
        crop = page.get_by_role("img", name="The part of the photo that the badge will show")
        expect(crop).to_be_visible()
        # Zoom in a little and move the frame up with the keyboard: still large enough.
        page.get_by_label("Zoom").fill("1.1")
        crop.focus()
        page.keyboard.press("ArrowUp")
        expect(page.locator("#photo-crop-warning")).to_have_text("")
        ARTEFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=ARTEFACTS / "photo-crop.png", full_page=True)
        page.get_by_role("button", name="Send the photo").click()
        expect(page.get_by_text("Thank you: your photo is received.")).to_be_visible()
        expect(page.get_by_text("Your photo is waiting for the ISU's approval.")).to_be_visible()

        photo = Photo.objects.get(delegate=delegate)
        # What the frame showed, at the camera's own resolution: 960 / 1.1 high.
        assert (photo.width, photo.height) == (678, 872)
        stored = Image.open(photo.image.path)
        assert stored.size == (678, 872)
        # The silhouette's grey face in the middle and the blue background at the top.
        face = stored.getpixel((339, 330))
        corner = stored.getpixel((10, 10))
        assert min(face) > 160 and corner[2] > 120 and corner[0] < 90, (face, corner)

        photo_services.photo_approve(photo=photo, by=isu_user)
        pdf = render_badges(delegates_for_badges(Delegate.objects.filter(pk=delegate.pk)))
        assert (413, 531, "jpeg") in pdf_images(pdf)

        # At the door: the badge is scanned, the photo appears beside the name.
        door = browser.new_context()
        signed_in(door, live_server, venue_user)
        page = door.new_page()
        page.goto(door_url(live_server, day_one))
        with page.expect_response(lambda r: "/staff/checkin/photo/" in r.url) as fetched:
            page.keyboard.type(signed_badge_id(delegate))
            page.keyboard.press("Enter")
        assert fetched.value.headers["content-type"] == "image/jpeg"
        outcome = page.get_by_role("alert")
        expect(outcome).to_contain_text("Welcome Amina1 Diallo1")
        shown = outcome.get_by_role("img", name="The photo on file, to compare with the face")
        expect(shown).to_be_visible()
        assert shown.evaluate("img => img.complete && img.naturalWidth") == 413
        page.screenshot(path=ARTEFACTS / "door-with-photo.png")
        (ARTEFACTS / "badge-with-photo.pdf").write_bytes(pdf)
    finally:
        browser.close()


def photo_page(live_server, token) -> str:
    return live_server.url + reverse("accreditation:delegate-photo", args=[token])


def test_a_chosen_file_is_cut_on_the_page_and_sent_as_cut(
    page, live_server, open_registration, media, tmp_path
):
    delegate, token = register(open_registration, n=1)
    landscape = tmp_path / "holiday.png"
    landscape.write_bytes(photo_bytes(1600, 1000, "PNG"))
    page.goto(photo_page(live_server, token))

    page.locator("#id_image").set_input_files(landscape)
    expect(page.locator("#photo-crop")).to_be_visible()
    page.get_by_role("button", name="Send the photo").click()

    expect(page.get_by_text("Thank you: your photo is received.")).to_be_visible()
    photo = Photo.objects.get(delegate=delegate)
    # The page's cut (the whole height, 35 x 45), sent as a JPEG: the server keeps it.
    assert (photo.width, photo.height) == (777, 999)


def test_without_javascript_the_file_is_sent_and_the_server_cuts_it(
    browser, live_server, open_registration, media, tmp_path
):
    delegate, token = register(open_registration, n=1)
    landscape = tmp_path / "holiday.png"
    landscape.write_bytes(photo_bytes(1600, 1000, "PNG"))
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(photo_page(live_server, token))
    expect(page.get_by_role("button", name="Take a photo with the camera")).to_be_hidden()

    page.locator("#id_image").set_input_files(landscape)
    page.get_by_role("button", name="Send the photo").click()

    expect(page.get_by_text("Thank you: your photo is received.")).to_be_visible()
    photo = Photo.objects.get(delegate=delegate)
    assert (photo.width, photo.height) == (778, 1000)  # centred, on the server
    thumbnail = tmp_path / "thumb.png"
    thumbnail.write_bytes(photo_bytes(100, 100, "PNG"))
    page.locator("#id_image").set_input_files(thumbnail)
    page.get_by_role("button", name="Send the photo").click()
    expect(page.locator(".invalid-feedback")).to_contain_text("This photo is too small")
    context.close()

"""The door in Chromium: a handheld scanner (a keyboard that types the code and Enter),
the camera (Chromium's fake camera showing a real badge of the project), JavaScript
off, and scans made while the connection is down."""

import subprocess
import time
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from PIL import Image
from playwright.sync_api import Page, expect

from checkin.models import Checkin
from documents.badges import render_badges, signed_badge_id
from tests.conftest import CHROMIUM

pytestmark = pytest.mark.django_db(transaction=True)


def signed_in(context, live_server, user):
    """The browser context carries a session of `user` (made by Django's test client)."""
    client = Client()
    client.force_login(user)
    context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": live_server.url,
            }
        ]
    )


def door_url(live_server, checkin_list):
    return live_server.url + reverse("staff:checkin-door", args=[checkin_list.pk])


def test_a_handheld_scanner_types_the_code_and_enter(
    page: Page, live_server, venue_user, day_one, delegates
):
    signed_in(page.context, live_server, venue_user)
    page.goto(door_url(live_server, day_one))
    code_input = page.get_by_label("Scan a badge, or type a name")
    expect(code_input).to_be_focused()

    # The scanner is a keyboard: it types the code and presses Enter, nothing else.
    page.keyboard.type(signed_badge_id(delegates[0]))
    page.keyboard.press("Enter")

    outcome = page.get_by_role("alert")
    expect(outcome).to_contain_text("Welcome")
    expect(outcome).to_contain_text("Amina1 Diallo1")
    expect(outcome).to_contain_text("France · State Party")
    expect(code_input).to_be_focused()
    expect(code_input).to_have_value("")
    # The next badge at once, on the same page (no reload), and the same badge again.
    page.keyboard.type(signed_badge_id(delegates[0]))
    page.keyboard.press("Enter")
    expect(outcome).to_contain_text("Already checked in at 09:05 by Door Keeper.")
    # The outcome clears itself.
    expect(page.get_by_role("alert")).to_have_count(0, timeout=15000)
    assert Checkin.objects.get().method == "scanner"


def test_the_door_works_with_javascript_off(browser, live_server, venue_user, day_one, delegates):
    context = browser.new_context(java_script_enabled=False)
    signed_in(context, live_server, venue_user)
    page = context.new_page()
    page.goto(door_url(live_server, day_one))
    # Through the field itself, not the keyboard at large: on a loaded machine the
    # keys could otherwise arrive before the page has focused its field.
    field = page.get_by_label("Scan a badge, or type a name")

    field.fill(signed_badge_id(delegates[1]))
    field.press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("Welcome Amina2 Diallo2")

    # A forgotten badge: the name, then one click.
    field.fill("amina")
    field.press("Enter")
    page.get_by_role("button", name="Check in Amina3 Diallo3").click()
    expect(page.get_by_role("alert")).to_contain_text("Welcome Amina3 Diallo3")
    context.close()

    assert sorted(Checkin.objects.values_list("delegate__given_name", "method")) == [
        ("Amina2", "scanner"),
        ("Amina3", "search"),
    ]


def test_scans_made_offline_are_sent_once_when_the_connection_returns(
    page: Page, live_server, venue_user, day_one, delegates
):
    signed_in(page.context, live_server, venue_user)
    page.goto(door_url(live_server, day_one))
    expect(page.locator("#door-camera")).to_be_visible()  # the script is running

    page.context.set_offline(True)
    for delegate in delegates[:2]:
        page.keyboard.type(signed_badge_id(delegate))
        page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_have_text("2 scans waiting to be sent (no connection).")
    assert not Checkin.objects.exists()

    page.context.set_offline(False)
    expect(page.locator("#door-queue")).to_be_hidden(timeout=15000)
    expect(page.get_by_role("alert")).to_contain_text("Amina2 Diallo2")
    # Sent again after a reload (the queue is empty, and a nonce counts once anyway).
    page.reload()
    page.wait_for_timeout(500)
    assert sorted(Checkin.objects.values_list("delegate__given_name", flat=True)) == [
        "Amina1",
        "Amina2",
    ]


def badge_video(delegate, tmp_path: Path) -> Path:
    """A Y4M video of the delegate's real badge: the project's PDF rendered to PNG by
    pdftoppm, then converted to I420 frames (even sizes) for Chromium's fake camera."""
    pdf = tmp_path / "badge.pdf"
    pdf.write_bytes(render_badges([delegate], layout="single"))
    subprocess.run(
        ["pdftoppm", "-r", "200", "-png", "-singlefile", str(pdf), str(tmp_path / "badge")],
        check=True,
    )
    image = Image.open(tmp_path / "badge.png").convert("RGB")
    width, height = image.width // 2 * 2, image.height // 2 * 2
    y, cb, cr = image.crop((0, 0, width, height)).convert("YCbCr").split()
    half = (width // 2, height // 2)
    frame = y.tobytes() + cb.resize(half).tobytes() + cr.resize(half).tobytes()
    video = tmp_path / "badge.y4m"
    with video.open("wb") as out:
        out.write(f"YUV4MPEG2 W{width} H{height} F10:1 Ip A1:1 C420jpeg\n".encode())
        for _ in range(10):
            out.write(b"FRAME\n" + frame)
    return video


def test_the_camera_reads_a_real_badge(
    playwright, live_server, venue_user, day_one, delegates, tmp_path
):
    video = badge_video(delegates[2], tmp_path)
    browser = playwright.chromium.launch(
        executable_path=CHROMIUM,
        args=[
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--use-fake-ui-for-media-stream",
            "--use-fake-device-for-media-stream",
            f"--use-file-for-fake-video-capture={video}",
        ],
    )
    try:
        context = browser.new_context()
        signed_in(context, live_server, venue_user)
        page = context.new_page()
        page.goto(door_url(live_server, day_one))

        page.get_by_role("button", name="Use the camera").click()

        outcome = page.get_by_role("alert")
        expect(outcome).to_contain_text("Welcome", timeout=20000)
        expect(outcome).to_contain_text("Amina3 Diallo3")
        # The badge stays in front of the camera: still one entry.
        time.sleep(1)
    finally:
        browser.close()
    entry = Checkin.objects.get()
    assert (entry.delegate, entry.method) == (delegates[2], "camera")

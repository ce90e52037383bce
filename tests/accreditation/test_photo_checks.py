"""What the server accepts as a badge photo (accreditation/photos.py), from the bytes:
the four kinds of bad input the issue names, the orientation phones write in EXIF,
and no metadata left (phones write the GPS position)."""

import io

import pytest
from PIL import Image

from accreditation import photos
from tests.helpers import photo_bytes, upload


def refused(content: bytes, name="photo.jpg") -> str:
    with pytest.raises(photos.PhotoRefused) as caught:
        photos.prepare(upload(content, name))
    return caught.value.message


def opened(content: bytes) -> Image.Image:
    return Image.open(io.BytesIO(content))


def test_a_renamed_pdf_is_not_a_photo():
    pdf = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
    assert refused(pdf, "photo.jpg") == (
        "This file is not a JPEG or PNG photo (its content was checked, not its name)."
    )


def test_a_gif_is_not_accepted_whatever_its_name():
    image = io.BytesIO()
    Image.new("RGB", (700, 900)).save(image, "GIF")
    assert "not a JPEG or PNG" in refused(image.getvalue(), "photo.png")


def test_a_20_megapixel_photo_is_refused_before_it_is_decoded(monkeypatch):
    content = photo_bytes(5472, 3648)  # a 20-megapixel camera's frame
    decoded = []
    monkeypatch.setattr(Image.Image, "load", lambda self: decoded.append(self))
    assert refused(content) == (
        "This photo has too many pixels (at most 16 megapixels). Please send a smaller "
        "version of it."
    )
    assert decoded == []


def test_a_decompression_bomb_png_is_refused():
    # A 10,000 x 10,000 PNG of one colour: 100 megapixels in a few hundred kilobytes.
    image = io.BytesIO()
    Image.new("L", (10000, 10000)).save(image, "PNG")
    assert len(image.getvalue()) < 1_000_000
    assert "too many pixels" in refused(image.getvalue(), "bomb.png")


def test_a_thumbnail_is_too_small_for_a_badge():
    assert refused(photo_bytes(100, 100)) == (
        "This photo is too small: 78 x 100 pixels once cut to the badge's proportions. "
        "A badge needs at least 600 x 800 pixels."
    )


def test_a_corrupt_jpeg_is_refused_even_where_weasyprint_is_loaded():
    # WeasyPrint tells Pillow, for the whole process, to fill truncated images with grey.
    import weasyprint  # noqa: F401
    from PIL import ImageFile

    assert ImageFile.LOAD_TRUNCATED_IMAGES
    content = photo_bytes(700, 900)
    assert refused(content[: len(content) // 2]) == (
        "This photo could not be read: the file is damaged or incomplete. Please send it again."
    )
    assert ImageFile.LOAD_TRUNCATED_IMAGES  # left as WeasyPrint wants it


def test_a_landscape_photo_is_cut_around_its_centre_to_35_by_45():
    prepared = photos.prepare(upload(photo_bytes(1600, 1000)))
    assert (prepared.width, prepared.height) == (778, 1000)
    assert opened(prepared.photo).size == (778, 1000)
    assert opened(prepared.badge).size == (413, 531)


def test_a_photo_already_cut_by_the_page_keeps_its_size():
    prepared = photos.prepare(upload(photo_bytes(746, 959)))
    assert (prepared.width, prepared.height) == (746, 959)


def test_a_large_photo_is_kept_at_most_1050_by_1350_and_a_png_becomes_a_jpeg():
    prepared = photos.prepare(upload(photo_bytes(2100, 2700, "PNG"), "photo.png"))
    kept = opened(prepared.photo)
    assert (kept.format, kept.size) == ("JPEG", (1050, 1350))


def test_the_exif_orientation_is_applied_then_every_exif_field_is_removed():
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: the camera was turned; the picture must be turned back
    exif[0x010F] = "PhoneMaker"  # Make
    gps = {1: "N", 2: (46.0, 13.0, 30.0), 3: "E", 4: (6.0, 8.0, 20.0)}
    exif[0x8825] = gps  # GPSInfo: where the photo was taken
    # Stored 900 wide and 700 high, turned: 700 x 900 once the orientation is applied.
    content = photo_bytes(900, 700, exif=exif)
    assert opened(content).getexif()[0x0112] == 6

    prepared = photos.prepare(upload(content))

    assert (prepared.width, prepared.height) == (700, 900)
    for stored in (prepared.photo, prepared.badge):
        image = opened(stored)
        assert dict(image.getexif()) == {}
        assert "exif" not in image.info and "xmp" not in image.info
        assert b"PhoneMaker" not in stored and b"Exif" not in stored

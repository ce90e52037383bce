"""What a badge photo must be, checked with Pillow on the bytes the server received:
never the file's name or what the browser says it is.

A photo is read only if its bytes are a JPEG or a PNG, of at most MAX_PIXELS (a
decompression bomb is refused from its header, before any pixel is decoded), and
decoded whole (a corrupt or truncated file is refused). Then the orientation that
phones write in EXIF is applied, the picture is cut to the badge's 35 x 45
proportions around its centre (the page's JavaScript has usually cut it already: then
nothing more goes), and it must still be at least MIN_WIDTH x MIN_HEIGHT. It is
encoded again as a JPEG that carries none of the original's metadata: no EXIF (the
GPS position, the camera, the time), no XMP, no comments.

Two files are kept: the photo (at most KEEP_SIZE, for the ISU's review) and its
rendition at the badge's print size (BADGE_SIZE: 35 x 45 mm at 300 dpi), made once
here so that a batch of a thousand badges embeds small JPEGs as they are, without
decoding a single photo again.
"""

import io
import warnings
from dataclasses import dataclass

from django.utils.translation import gettext as _
from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

# The badge's photo: 35 mm wide, 45 mm high.
RATIO = (35, 45)
MIN_WIDTH, MIN_HEIGHT = 600, 800
# A phone's photo is 12 megapixels; far more is refused before decoding.
MAX_PIXELS = 16_000_000
MAX_BYTES = 20 * 1024 * 1024
# What is kept for the ISU's review (the door and the badge use the rendition).
KEEP_SIZE = (1050, 1350)
# 35 x 45 mm at 300 dots per inch.
BADGE_SIZE = (413, 531)
FORMATS = ("JPEG", "PNG")


class PhotoRefused(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Prepared:
    photo: bytes  # JPEG, at most KEEP_SIZE, no metadata
    badge: bytes  # JPEG, BADGE_SIZE, no metadata
    width: int
    height: int


def _open(upload) -> Image.Image:
    if upload.size > MAX_BYTES:
        raise PhotoRefused(_("The file is larger than 20 MB. Please send a smaller photo."))
    upload.seek(0)
    not_a_photo = PhotoRefused(
        _("This file is not a JPEG or PNG photo (its content was checked, not its name).")
    )
    try:
        with warnings.catch_warnings():
            # Pillow warns (and refuses at twice its own limit): ours is lower, below.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(upload, formats=FORMATS)
    except Image.DecompressionBombError:
        raise _too_large() from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise not_a_photo from error
    if image.width * image.height > MAX_PIXELS:
        raise _too_large()
    # WeasyPrint, once imported, lets Pillow fill a truncated image with grey
    # (ImageFile.LOAD_TRUNCATED_IMAGES, a global): here a photo must decode whole.
    lenient = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        image.load()
    except (OSError, SyntaxError, ValueError, EOFError) as error:
        raise PhotoRefused(
            _(
                "This photo could not be read: the file is damaged or incomplete. Please "
                "send it again."
            )
        ) from error
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = lenient
    return image


def _too_large() -> PhotoRefused:
    return PhotoRefused(
        _(
            "This photo has too many pixels (at most 16 megapixels). Please send a smaller "
            "version of it."
        )
    )


def centred_crop(image: Image.Image) -> Image.Image:
    """The largest 35 x 45 part of the image around its centre (itself if it is one)."""
    width, height = image.size
    wide, high = RATIO
    crop_width = round(height * wide / high)
    if crop_width < width:
        left = (width - crop_width) // 2
        return image.crop((left, 0, left + crop_width, height))
    crop_height = round(width * high / wide)
    if crop_height < height:
        top = (height - crop_height) // 2
        return image.crop((0, top, width, top + crop_height))
    return image


def _rgb(image: Image.Image) -> Image.Image:
    """RGB for a JPEG: a transparent PNG on white, CMYK and palettes converted."""
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        image = image.convert("RGBA")
        background = Image.new("RGB", image.size, "white")
        background.paste(image, mask=image.getchannel("A"))
        return background
    return image.convert("RGB") if image.mode != "RGB" else image


def _jpeg(image: Image.Image, quality: int) -> bytes:
    buffer = io.BytesIO()
    # A new image's info is empty, and nothing is passed on: no EXIF, ICC, XMP or comment.
    image.save(buffer, "JPEG", quality=quality, optimize=True)
    return buffer.getvalue()


def prepare(upload) -> Prepared:
    """The photo and its badge rendition from an upload, or PhotoRefused with a message
    for the person (in the active language)."""
    image = _open(upload)
    image = ImageOps.exif_transpose(image)
    image = centred_crop(image)
    if image.width < MIN_WIDTH or image.height < MIN_HEIGHT:
        raise PhotoRefused(
            _(
                "This photo is too small: %(width)s x %(height)s pixels once cut to the "
                "badge's proportions. A badge needs at least 600 x 800 pixels."
            )
            % {"width": image.width, "height": image.height}
        )
    image = _rgb(image)
    # A fresh image: what Pillow read with the file (EXIF, XMP, comments) stays behind.
    clean = Image.new("RGB", image.size)
    clean.paste(image)
    kept = clean.copy()
    kept.thumbnail(KEEP_SIZE, Image.Resampling.LANCZOS)
    badge = clean.resize(BADGE_SIZE, Image.Resampling.LANCZOS)
    return Prepared(
        photo=_jpeg(kept, 90), badge=_jpeg(badge, 88), width=kept.width, height=kept.height
    )

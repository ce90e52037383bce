"""The demo's badge photos: made here, clearly no one's. A grey head-and-shoulders
silhouette, or a person's initials on a coloured square, the way a site draws an
avatar for someone without a picture; never a face, never an image from anywhere."""

import io

from PIL import Image, ImageDraw, ImageFont

SIZE = (700, 900)  # the badge's 35 x 45 proportions, above the 600 x 800 minimum
BACKGROUNDS = [(31, 78, 121), (22, 107, 84), (122, 62, 134), (161, 78, 32), (70, 85, 95)]


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def silhouette(n: int) -> bytes:
    image = Image.new("RGB", SIZE, BACKGROUNDS[n % len(BACKGROUNDS)])
    draw = ImageDraw.Draw(image)
    draw.ellipse((220, 170, 480, 490), fill=(205, 205, 205))
    draw.ellipse((90, 560, 610, 1200), fill=(205, 205, 205))
    return _png(image)


def initials(letters: str, n: int) -> bytes:
    image = Image.new("RGB", SIZE, BACKGROUNDS[n % len(BACKGROUNDS)])
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=300)
    draw.text((SIZE[0] / 2, SIZE[1] / 2), letters.upper(), fill="white", font=font, anchor="mm")
    return _png(image)

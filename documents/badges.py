"""PDF badges with WeasyPrint: many badges in one document, since fonts are subset
once per document (200 badges: seconds in one document, minutes as 200).

WeasyPrint never fetches anything it was not given: the QR code is a data: URI made
here, the CSS is inline, the approved photos are read from the storage by the URL
fetcher under the names the database gave for this batch (the small renditions that
accreditation stored when each was sent: no photo is decoded again), and every other
URL is refused, so no name on a badge can make it read a local file or reach the
network.
"""

import hashlib
import json
import unicodedata
from collections.abc import Callable, Iterable
from itertools import islice

import segno
from django.template.loader import render_to_string
from django.utils import translation

from accreditation.queries import badge_photos
from accreditation.queries import read as read_photo
from checkin.codes import BADGE_SALT, badge_code
from intersessional import dates
from intersessional.documents import no_fetching
from registration.models import Delegate

__all__ = ["BADGE_SALT", "render_badges", "signed_badge_id"]
PER_SHEET = 4
# How many badges are laid out at a time: the progress a batch shows moves by this.
CHUNK = 100


def batched(items, size):
    """itertools.batched of Python 3.12."""
    iterator = iter(items)
    while chunk := tuple(islice(iterator, size)):
        yield chunk


def signed_badge_id(delegate: Delegate) -> str:
    """What the QR code carries: the badge id and its version, signed, so that the door
    can tell a real badge from a made-up one, and the last print from an older one
    (the format is checkin/codes.py's, which reads it back at the door)."""
    return badge_code(delegate.pk, delegate.badge_version)


def name_size(name: str) -> str:
    """Long names get a smaller size so that they fit whole, never cut."""
    length = len(name)
    for limit, size in ((16, "xl"), (24, "l"), (36, "m"), (60, "s")):
        if length <= limit:
            return size
    return "xs"


def badge_content(delegate: Delegate, photo: str = "") -> dict:
    """Everything a badge shows; its fingerprint decides whether to render again.
    `photo`: the storage name of the approved photo's rendition ("" for none), whose
    random name changes with each photo.

    The meeting's header is in the delegate's language, whatever language (none, in
    the worker) is active: the Convention, the meeting's title and its dates."""
    meeting = delegate.meeting
    delegation = delegate.delegation
    language = delegate.language
    with translation.override(language):
        convention = translation.gettext("Anti-Personnel Mine Ban Convention")
        meeting_title = meeting.title
    return {
        "language": language,
        "convention": convention,
        "name": delegate.name_on_badge,
        "function": delegate.function,
        "delegation": delegation.name,
        "category": delegation.category,
        # In English and French, whatever the language of the batch (issue 11).
        "category_label": bilingual_category(delegation),
        "meeting_title": meeting_title,
        "dates": dates.date_range(meeting.starts_on, meeting.ends_on, language),
        "badge_id": signed_badge_id(delegate),
        "photo": photo,
    }


def bilingual_category(delegation) -> str:
    """'State Party · État partie': the category in English and in French."""
    words = []
    for language in ("en", "fr"):
        with translation.override(language):
            words.append(str(delegation.get_category_display()))
    return " · ".join(dict.fromkeys(words))


def fingerprint(content: dict) -> str:
    return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()


def is_right_to_left(text: str) -> bool:
    """Whether the first letter with a direction is Arabic or Hebrew (and the like)."""
    for char in text:
        direction = unicodedata.bidirectional(char)
        if direction in ("R", "AL"):
            return True
        if direction == "L":
            return False
    return False


def _with_layout(content: dict) -> dict:
    # A fixed mask: any mask is valid, and choosing the "best" one costs 10 ms a code.
    qr = segno.make_qr(content["badge_id"], error="m", mask=0)
    return {
        **content,
        "header_dir": "rtl"
        if translation.get_language_info(content["language"])["bidi"]
        else "ltr",
        "name_dir": "rtl" if is_right_to_left(content["name"]) else "ltr",
        "delegation_dir": "rtl" if is_right_to_left(content["delegation"]) else "ltr",
        "name_size": name_size(content["name"]),
        # A PNG of one pixel a module as a data: URI: drawn far faster than an SVG of
        # many squares, and 16 times fewer pixels to encode and embed than at scale 4;
        # the CSS scales it to 22 mm with image-rendering: pixelated (no blur).
        "qr_png": qr.png_data_uri(scale=1, border=0),
        # A small JPEG (413 x 531) that WeasyPrint embeds as it is, read from the
        # storage by the URL fetcher (_fetcher): only the photos of this batch.
        "photo_jpeg": PHOTO_SCHEME + content["photo"] if content["photo"] else "",
    }


PHOTO_SCHEME = "badge-photo:"


def _fetcher(photos: set[str]):
    """no_fetching's fetcher (data: URIs only), which also reads the approved photos of
    this batch from the storage, by the names the database gave: nothing else."""
    from weasyprint.urls import URLFetcherResponse

    fetcher = no_fetching(data_uris=True)
    refuse = fetcher.fetch

    def fetch(url, headers=None):
        name = url.removeprefix(PHOTO_SCHEME)
        if url.startswith(PHOTO_SCHEME) and name in photos:
            return URLFetcherResponse(url, read_photo(name), headers={"Content-Type": "image/jpeg"})
        return refuse(url, headers)

    fetcher.fetch = fetch
    return fetcher


def _html(badges: list[dict], layout: str) -> str:
    per_page = 1 if layout == "single" else PER_SHEET
    return render_to_string(
        "documents/badges/badges.html",
        {
            "css": render_to_string("documents/badges/badges.css"),
            "layout": layout,
            "sheets": list(batched(badges, per_page)),
        },
    )


def render_badges(
    delegates: Iterable[Delegate],
    *,
    layout: str = "sheet",
    progress: Callable[[int], None] | None = None,
    photos: dict[int, str] | None = None,
) -> bytes:
    """One PDF of the delegates' badges: four to an A4 sheet with cut marks, or one
    A6 badge a page (layout="single"). `progress(n)` is told how many are laid out.
    `photos`: {delegate id: rendition} when the caller has them (else one query)."""
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    delegates = list(delegates)
    if photos is None:
        photos = badge_photos(d.pk for d in delegates)
    contents = [_with_layout(badge_content(d, photos.get(d.pk, ""))) for d in delegates]
    fetcher = _fetcher(set(photos.values()))
    documents = []
    laid_out = 0
    # One font configuration for every chunk: the fonts are looked up once.
    fonts = FontConfiguration()
    # Laid out in chunks (whole sheets) so that progress can be shown; written as one
    # PDF, so the fonts are still subset once.
    for chunk in batched(contents, CHUNK):
        html = HTML(string=_html(list(chunk), layout), url_fetcher=fetcher)
        documents.append(html.render(font_config=fonts))
        laid_out += len(chunk)
        if progress:
            progress(laid_out)
    if not documents:
        documents.append(
            HTML(string=_html([], layout), url_fetcher=no_fetching(data_uris=True)).render()
        )
    pages = [page for document in documents for page in document.pages]
    return documents[0].copy(pages).write_pdf()


def delegates_for_badges(queryset=None):
    queryset = Delegate.objects.all() if queryset is None else queryset
    return queryset.select_related(
        "meeting", "delegation__state", "delegation__organisation"
    ).order_by("delegation__category", "family_name", "given_name")

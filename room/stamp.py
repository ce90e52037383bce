"""The interpreters' copies: a PDF stamped on every page "Check against delivery -
embargoed until delivered" (pypdf lays a one-line strip rendered by WeasyPrint over
the top of each page), and a download name that says it for the other types (a DOCX,
PPTX or OpenDocument file is not rewritten: the site does not convert office files,
and the page that lists them says they are embargoed too)."""

import functools
import io

from intersessional.documents import no_fetching

STAMP = "Check against delivery - embargoed until delivered"
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "odp": "application/vnd.oasis.opendocument.presentation",
}
# The strip: as wide as an A4 page, in points; scaled to each page's width.
STRIP_WIDTH, STRIP_HEIGHT = 595.0, 22.0


@functools.cache
def _strip() -> bytes:
    from weasyprint import HTML

    html = (
        "<html><head><style>"
        f"@page {{ size: {STRIP_WIDTH}pt {STRIP_HEIGHT}pt; margin: 0 }}"
        "body { margin: 0; font: bold 10pt 'Noto Sans', sans-serif; color: #b00020;"
        f" text-align: center; line-height: {STRIP_HEIGHT}pt;"
        " background: rgba(255, 255, 255, 0.85) }"
        f"</style></head><body>{STAMP}</body></html>"
    )
    return HTML(string=html, url_fetcher=no_fetching()).write_pdf()


def stamp_pdf(content: bytes) -> bytes:
    """The same PDF with the stamp over the top of every page."""
    from pypdf import PdfReader, PdfWriter, Transformation

    strip = PdfReader(io.BytesIO(_strip())).pages[0]
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(content)))
    for page in writer.pages:
        box = page.mediabox
        scale = float(box.width) / STRIP_WIDTH
        top = float(box.top) - STRIP_HEIGHT * scale
        page.merge_transformed_page(
            strip, Transformation().scale(scale, scale).translate(float(box.left), top)
        )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def advance_copy_name(statement) -> str:
    """The download's name, made here (never from what was uploaded)."""
    return f"advance-copy-embargoed-{statement.download_name}"

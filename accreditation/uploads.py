"""What an uploaded nomination is, told from its bytes (as floor/uploads.py tells a
statement's): `filetype` reads the magic numbers at the start of the file; the name
the browser sent and the type it claims are never trusted."""

import unicodedata

import filetype
from django.utils.translation import gettext as _

MAX_BYTES = 10 * 1024 * 1024
HEAD_BYTES = 8192
TYPES = {"pdf": "pdf", "jpg": "jpg", "png": "png"}
CONTENT_TYPES = {"pdf": "application/pdf", "jpg": "image/jpeg", "png": "image/png"}


class UploadRefused(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def too_large_message() -> str:
    return _("The file is larger than 10 MB. Please send a smaller scan of it.")


def display_name(name: str) -> str:
    """The name the file was sent under, as text to show staff; never a path."""
    if not name or "/" in name or "\\" in name or ".." in name:
        raise UploadRefused(_("The file's name must not contain “/”, “\\” or “..”."))
    if any(unicodedata.category(c).startswith("C") for c in name):
        raise UploadRefused(_("The file's name contains characters that cannot be shown."))
    return name[:200]


def file_type(upload) -> str:
    """'pdf', 'jpg' or 'png', found in the bytes of `upload`, or UploadRefused."""
    if upload.size > MAX_BYTES:
        raise UploadRefused(too_large_message())
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is not None and kind.extension in TYPES:
        return TYPES[kind.extension]
    raise UploadRefused(
        _("This file is not a PDF, JPEG or PNG (its content was checked, not its name).")
    )

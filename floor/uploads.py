"""What an uploaded statement is, told from its bytes: never from its name or from
what the browser says it is.

`filetype` (PyPI) reads the magic numbers at the start of the file; a ZIP container
is then opened to tell DOCX, PPTX, ODT and ODP apart by the files inside it (the
OOXML part that holds the document, the OpenDocument `mimetype` entry), so a ZIP
of anything else, or a macro-enabled Office file, is refused.
"""

import unicodedata
import zipfile

import filetype
from django.utils.translation import gettext as _

MAX_BYTES = 20 * 1024 * 1024
# filetype reads at most this many bytes of the start.
HEAD_BYTES = 8192

ODF_MIMETYPES = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.presentation": "odp",
}
OOXML_MAIN_PARTS = {"word/document.xml": "docx", "ppt/presentation.xml": "pptx"}


class UploadRefused(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def display_name(name: str) -> str:
    """The name the file was sent under, as text to show, or a refusal if it tries to
    be a path. It is never used to build one: files are stored under random names."""
    if not name or "/" in name or "\\" in name or ".." in name:
        raise UploadRefused(_("The file's name must not contain “/”, “\\” or “..”."))
    if any(unicodedata.category(c).startswith("C") for c in name):
        raise UploadRefused(_("The file's name contains characters that cannot be shown."))
    return name[:200]


def file_type(upload) -> str:
    """'pdf', 'docx', 'pptx', 'odt' or 'odp', found in the bytes of `upload` (a Django
    UploadedFile or any seekable binary file), or UploadRefused."""
    if upload.size > MAX_BYTES:
        raise UploadRefused(
            _("The file is larger than 20 MB. Please send a smaller version of it.")
        )
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is not None and kind.extension == "pdf":
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        found = _zip_document_type(upload)
        upload.seek(0)
        if found:
            return found
    raise UploadRefused(
        _(
            "This file is not a PDF, DOCX, PPTX, ODT or ODP document (its content was "
            "checked, not its name)."
        )
    )


def _zip_document_type(upload) -> str | None:
    try:
        archive = zipfile.ZipFile(upload)
        names = set(archive.namelist())
        if "mimetype" in names and "content.xml" in names:
            with archive.open("mimetype") as entry:
                return ODF_MIMETYPES.get(entry.read(100).strip())
        if "[Content_Types].xml" in names:
            # A macro-enabled document (.docm, .pptm) carries a VBA project: refused.
            if any(name.lower().endswith("vbaproject.bin") for name in names):
                return None
            found = [kind for part, kind in OOXML_MAIN_PARTS.items() if part in names]
            return found[0] if len(found) == 1 else None
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError):
        return None
    return None


CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "odp": "application/vnd.oasis.opendocument.presentation",
}

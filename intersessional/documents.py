"""Helpers for every file the site writes from what people typed: PDFs rendered by
WeasyPrint and cells of CSV and XLSX files. Below every app, so that badges, lists,
speakers' lists and figures share one guard each."""

import unicodedata

# A spreadsheet runs a cell that starts with one of these as a formula (or DDE).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: str) -> str:
    """Make a value that a spreadsheet would evaluate plain text: a leading apostrophe."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def alphabetical(text: str) -> str:
    """A sort key that files names as a reader of the UN lists expects: "Côte d'Ivoire"
    between Costa Rica and Croatia, "the former Yugoslav Republic..." under T. The
    database's collation cannot be trusted with either (C.UTF-8 in the tests)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def no_fetching(*, data_uris: bool = False):
    """A WeasyPrint URL fetcher that refuses every URL (but data: URIs when asked: the
    badges' QR codes, which the site makes): no file, no network, whatever a name says."""
    # WeasyPrint is imported here, not at the top: most processes never render a PDF.
    from weasyprint.urls import URLFetcher

    class OnlyDataURIs(URLFetcher):
        def fetch(self, url, headers=None):
            if not (data_uris and url.startswith("data:")):
                raise ValueError(f"Fetching {url[:80]!r} is not allowed in this document.")
            return super().fetch(url, headers)

    return OnlyDataURIs(allowed_protocols=("data",) if data_uris else ())

"""What a badge's QR code carries, and how the door reads it back.

The code is "B<delegate pk>V<badge version>S<signature>", the signature an HMAC of
"badge:<pk>:<version>" (salt BADGE_SALT, the site's SECRET_KEY), 80 bits written in
16 characters of a 32-letter alphabet. Why this shape:

- A handheld scanner is a keyboard: it sends key presses as if the keyboard were
  American. On a laptop set to a Swiss (QWERTZ) layout `y` and `z` swap and `-`, `_`
  and `:` become other characters, so a code with them arrives changed. This code has
  only digits and capital letters other than I, O, Y and Z: every character comes out
  the same on a Swiss, German, French-Swiss or US layout, and caps lock changes nothing
  (the door upper-cases what it reads).
- Capital letters and digits only also fit the QR code's compact alphanumeric mode.
- Reprinting a badge raises the delegate's `badge_version`: the old badge's code
  still verifies, but names an old version, so the door refuses it as superseded.
"""

import base64
import re
from dataclasses import dataclass

from django.utils.crypto import constant_time_compare, salted_hmac

BADGE_SALT = "registration.badge"
# 32 characters that survive a keyboard-layout swap: no I or O (read as 1 and 0 by
# people typing a code by hand), no Y or Z (swapped by QWERTZ layouts).
ALPHABET = "0123456789ABCDEFGHJKLMNPQRSTUVWX"
_FROM_BASE32 = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", ALPHABET)
SIGNATURE_LENGTH = 16  # 80 bits
CODE = re.compile(rf"^B(\d{{1,12}})V(\d{{1,6}})S([{ALPHABET}]{{{SIGNATURE_LENGTH}}})$")


@dataclass(frozen=True)
class BadgeCode:
    delegate_pk: int
    version: int


def _signature(pk: int, version: int) -> str:
    digest = salted_hmac(BADGE_SALT, f"badge:{pk}:{version}", algorithm="sha256").digest()
    return base64.b32encode(digest[:10]).decode().translate(_FROM_BASE32)


def badge_code(pk: int, version: int) -> str:
    """The text of a badge's QR code."""
    return f"B{pk}V{version}S{_signature(pk, version)}"


def normalise(text: str) -> str:
    """What a scanner typed, as the code was printed: spaces around it dropped, in
    capitals (caps lock, or a scanner that sends lower case)."""
    return text.strip().upper()


def decode(text: str) -> BadgeCode | None:
    """The badge a scanned text names, or None when it is no badge of this site
    (made up, altered, or signed with another key)."""
    match = CODE.match(normalise(text))
    if not match:
        return None
    pk, version, signature = int(match[1]), int(match[2]), match[3]
    if not constant_time_compare(signature, _signature(pk, version)):
        return None
    return BadgeCode(pk, version)


def is_code_like(text: str) -> bool:
    """Whether the door should treat the text as a scan (valid or not) rather than a
    name to search for."""
    # No name has a digit in it; every badge code (and every other QR code a person
    # might hold up: a URL, a ticket) has. Those are refused as codes, not searched.
    return any(char.isdigit() for char in text) or "://" in text

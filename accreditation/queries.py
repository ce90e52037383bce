"""Reads of the accreditation app that other apps need: the approved photos' badge
renditions (documents' badges, the door's screen)."""

from collections.abc import Iterable

from .models import Photo


def badge_photos(delegate_ids: Iterable[int]) -> dict[int, str]:
    """{delegate id: the storage name of the approved photo's badge rendition}, in one
    query, for the delegates that have one."""
    return dict(
        Photo.objects.filter(delegate_id__in=list(delegate_ids), status=Photo.Status.APPROVED)
        .exclude(badge_image="")
        .values_list("delegate_id", "badge_image")
    )


def badge_photo(delegate_id: int) -> str:
    """The storage name of the delegate's approved badge rendition, or ""."""
    return badge_photos([delegate_id]).get(delegate_id, "")


def open_file(name: str):
    """A stored photo file, open for reading, by its storage name (as this module gave
    it; never a name from a request)."""
    return Photo._meta.get_field("badge_image").storage.open(name, "rb")


def read(name: str) -> bytes:
    with open_file(name) as f:
        return f.read()

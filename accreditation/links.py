"""The private link of a rejected photo's e-mail: it opens the page to send another
photo, and nothing else of the registration (registration/links.py)."""

from registration.links import LinkKind

PHOTO = LinkKind(
    "accreditation.photo-link",
    "accreditation:link-photo",
    ("delegate__meeting", "delegate__delegation__state", "delegate__delegation__organisation"),
)

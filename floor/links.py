"""The private link of a bilateral invitation (registration's private links, with a
salt of its own so that it opens nothing else)."""

from registration import links

from .models import BilateralInvitation

BILATERAL = links.LinkKind(
    "registration.bilateral-invitation-link",
    "floor:bilateral",
    ("slot__meeting", "slot__committee", "delegation__state", "delegation__organisation"),
)
links.register(BilateralInvitation, BILATERAL)

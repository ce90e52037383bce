"""The private links of a bilateral invitation and of an invitation to present updates
(registration's private links, each kind with a salt of its own so that it opens
nothing else)."""

from registration import links

BILATERAL = links.LinkKind(
    # Named for the app that issued these links before floor held them: a new salt
    # would make every invitation already e-mailed stop working.
    "registration.bilateral-invitation-link",
    "floor:bilateral",
    ("slot__meeting", "slot__committee", "delegation__state", "delegation__organisation"),
)

# Opens the updates a delegation is invited to present and the one-step button for
# those speakers' lists; not the registration: a new delegate's or focal point's link
# would end the one they already hold (only a hash is kept, see registration/links.py).
UPDATES = links.LinkKind(
    "floor.updates-invitation-link",
    "floor:updates-invitation",
    ("delegation__meeting", "delegation__state"),
)

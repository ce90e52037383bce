"""The private link of a sponsorship application: the person follows their application,
answers an offer and finds their travel and sponsorship letter there. A link of its own
(registration's private links, a salt of its own): a new delegate's link would end the
one they already hold (only a hash is kept, see registration/links.py)."""

from registration import links

APPLICATION = links.LinkKind(
    "sponsorship.application-link",
    "sponsorship:application",
    ("programme__meeting", "delegate__delegation__state", "travel"),
)

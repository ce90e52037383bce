"""The seating order and the nameplates (UN practice): the States Parties in the
English alphabetical order of their names, starting from a State drawn by lot, then
the States not party, then the international and the non-governmental organisations,
each in alphabetical order. Only the delegations registered (an active member) sit.

A draw is a random seed (secrets) kept with its result: the seed's SHA-256, modulo the
number of States Parties in alphabetical order, gives the same State every time, so
anyone can check it."""

import hashlib
from dataclasses import dataclass

from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.utils import translation

from intersessional.documents import alphabetical, no_fetching
from reference.models import State
from registration.models import Category, Delegate, Delegation

# States whose own script is not the Latin one, and the UN language that writes their
# name in it: the members of the League of Arab States in Arabic, China in Chinese,
# the States whose official language is Russian in Russian.
ARABIC = "DZA BHR COM DJI EGY IRQ JOR KWT LBN LBY MRT MAR OMN PSE QAT SAU SOM SDN SYR TUN ARE YEM"
OWN_SCRIPT = dict.fromkeys(ARABIC.split(), "ar") | {
    "CHN": "zh_hans",
    "RUS": "ru",
    "BLR": "ru",
    "KAZ": "ru",
    "KGZ": "ru",
}
GROUPS = [Category.STATE_PARTY, Category.STATE_NOT_PARTY, Category.INTERNATIONAL]
GROUPS += [Category.NON_GOVERNMENTAL]


def english_name(delegation: Delegation) -> str:
    if delegation.state_id:
        return delegation.state.un_name_en or delegation.state.un_name
    return delegation.organisation.name_en or delegation.organisation.name


def french_name(delegation: Delegation) -> str:
    if delegation.state_id:
        return delegation.state.un_name_fr or english_name(delegation)
    return delegation.organisation.name_fr or english_name(delegation)


def own_script_name(delegation: Delegation) -> str:
    """The name in the delegation's own script where that is not the Latin one, else ""."""
    if not delegation.state_id:
        return ""
    column = OWN_SCRIPT.get(delegation.state.alpha3)
    return getattr(delegation.state, f"un_name_{column}", "") if column else ""


def parties(meeting) -> list[State]:
    """The States Parties on the meeting's first day, in English alphabetical order."""
    return sorted(
        (s for s in State.objects.all() if s.is_party_on(meeting.starts_on)),
        key=lambda s: alphabetical(s.un_name_en or s.un_name),
    )


def draw(meeting, seed: str) -> State:
    """The State the lot gives for this seed: the same seed, the same State."""
    candidates = parties(meeting)
    return candidates[int(hashlib.sha256(seed.encode()).hexdigest(), 16) % len(candidates)]


@dataclass
class Seat:
    number: int
    delegation: Delegation
    english: str
    french: str
    own: str

    @property
    def names(self) -> list[str]:
        """What the nameplate prints, each once: English, French, the own script."""
        return list(dict.fromkeys(n for n in (self.english, self.french, self.own) if n))


def seating(meeting, drawn: State) -> list[Seat]:
    """The seats in order, for the delegations registered."""
    active = Delegate.objects.active().filter(delegation=OuterRef("pk"))
    delegations = list(
        Delegation.objects.filter(meeting=meeting)
        .filter(Exists(active))
        .select_related("state", "organisation")
    )
    ordered = []
    for group in GROUPS:
        members = sorted(
            (d for d in delegations if d.category == group),
            key=lambda d: alphabetical(english_name(d)),
        )
        if group == Category.STATE_PARTY and members:
            start = alphabetical(drawn.un_name_en or drawn.un_name)
            first = next(
                (n for n, d in enumerate(members) if alphabetical(english_name(d)) >= start), 0
            )
            members = members[first:] + members[:first]
        ordered.extend(members)
    return [
        Seat(n, d, english_name(d), french_name(d), own_script_name(d))
        for n, d in enumerate(ordered, start=1)
    ]


def _render(name: str, context: dict) -> bytes:
    """documents/seating/<name>.html with its stylesheet (no inline style: CSP)."""
    from weasyprint import CSS, HTML

    with translation.override("en"):
        html = render_to_string(f"documents/seating/{name}.html", context)
        css = render_to_string(f"documents/seating/{name}.css")
    fetcher = no_fetching()
    return HTML(string=html, url_fetcher=fetcher).write_pdf(
        stylesheets=[CSS(string=css, url_fetcher=fetcher)]
    )


def plan_pdf(meeting, draw_row) -> bytes:
    """The printable seating plan: seat, delegation in English and French."""
    return _render(
        "plan",
        {"meeting": meeting, "draw": draw_row, "seats": seating(meeting, draw_row.state)},
    )


def nameplates_pdf(meeting, draw_row) -> bytes:
    """One folded A4 tent card per delegation, in seat order: the name in large type
    in English and French, and in its own script where that differs; the upper half
    upside down, so that both faces read upright once folded."""
    return _render(
        "nameplates",
        {"meeting": meeting, "seats": seating(meeting, draw_row.state)},
    )

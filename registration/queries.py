"""Reads of the registration app that several places need: the List of Participants
(exports, staff pages, the management command) and the coverage of States."""

import unicodedata
from dataclasses import dataclass
from itertools import groupby

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from programme.models import Meeting

from .models import Category, Delegate, State

# The official order of the List of Participants.
CATEGORY_ORDER = {category: rank for rank, category in enumerate(Category.values)}
ROLE_ORDER = {role: rank for rank, role in enumerate(Delegate.Role.values)}
CATEGORY_LABELS = dict(Category.choices)
ROLE_LABELS = dict(Delegate.Role.choices)
STATUS_LABELS = dict(Delegate.Status.choices)
# The List of Participants' section headings, in the plural.
CATEGORY_HEADINGS = {
    Category.STATE_PARTY: _("States Parties"),
    Category.STATE_NOT_PARTY: _("States not party"),
    Category.INTERNATIONAL: _("International organisations"),
    Category.NON_GOVERNMENTAL: _("Non-governmental organisations"),
}


@dataclass(frozen=True, slots=True)
class Participant:
    """One line of the List of Participants. In the public version `email` is empty."""

    category: str
    delegation_id: int
    delegation: str
    role: str
    title: str
    given_name: str
    family_name: str
    function: str
    email: str
    status: str
    public_list_consent: bool

    @property
    def category_label(self) -> str:
        return str(CATEGORY_LABELS[self.category])

    @property
    def role_label(self) -> str:
        return str(ROLE_LABELS[self.role])

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])

    @property
    def name(self) -> str:
        return " ".join(part for part in (self.title, self.given_name, self.family_name) if part)


def alphabetical(text: str) -> str:
    """A sort key that files names as a reader of the UN lists expects: "Côte d'Ivoire"
    between Costa Rica and Croatia, "the former Yugoslav Republic..." under T. The
    database's collation cannot be trusted with either (C.UTF-8 in the tests)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _official_order(p: Participant):
    return (
        CATEGORY_ORDER[p.category],
        alphabetical(p.delegation),
        p.delegation_id,
        ROLE_ORDER[p.role],
        alphabetical(p.family_name),
        alphabetical(p.given_name),
    )


def list_of_participants(meeting: Meeting, *, public: bool, delegates=None) -> list[Participant]:
    """The active delegates (registered or confirmed) of a meeting in the official order;
    `delegates`, a queryset, narrows it to a selection (the admin's action).

    Public: only those who consented to appear, and no e-mail address. One query; the
    sort is done here (see `alphabetical`), which for 10,000 lines takes milliseconds.
    """
    delegates = Delegate.objects.all() if delegates is None else delegates
    delegates = delegates.active().filter(meeting=meeting)
    if public:
        delegates = delegates.filter(public_list_consent=True)
    rows = delegates.values_list(
        "delegation__category",
        "delegation_id",
        "delegation__state__un_name",
        "delegation__organisation__name",
        "role",
        "title",
        "given_name",
        "family_name",
        "function",
        "email",
        "status",
        "public_list_consent",
    )
    participants = [
        Participant(
            category=category,
            delegation_id=delegation_id,
            delegation=state_name or organisation_name or "",
            role=role,
            title=title,
            given_name=given_name,
            family_name=family_name,
            function=function,
            email="" if public else email,
            status=status,
            public_list_consent=consent,
        )
        for (
            category,
            delegation_id,
            state_name,
            organisation_name,
            role,
            title,
            given_name,
            family_name,
            function,
            email,
            status,
            consent,
        ) in rows.iterator(chunk_size=2000)
    ]
    participants.sort(key=_official_order)
    return participants


def grouped(participants: list[Participant]):
    """[(category heading, [(delegation name, [participants])])] in the list's order."""
    return [
        (
            CATEGORY_HEADINGS[category],
            [
                (members[0].delegation, members)
                for members in (
                    list(group) for _, group in groupby(lines, key=lambda p: p.delegation_id)
                )
            ],
        )
        for category, lines in (
            (c, list(g)) for c, g in groupby(participants, lambda p: p.category)
        )
    ]


def states_without_delegates(meeting: Meeting) -> tuple[list[State], list[State]]:
    """(States Parties, States not party) with no active delegate at the meeting, by UN
    name; a State is a party when the Convention is in force for it on the first day."""
    registered = Delegate.objects.active().filter(meeting=meeting, delegation__state=OuterRef("pk"))
    missing = sorted(
        State.objects.filter(~Exists(registered)), key=lambda s: alphabetical(s.un_name)
    )
    parties = [s for s in missing if s.is_party_on(meeting.starts_on)]
    return parties, [s for s in missing if not s.is_party_on(meeting.starts_on)]

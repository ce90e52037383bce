"""The List of Participants: its lines in the official order, for the exports, the
staff pages, the admin's action and the management command."""

from dataclasses import dataclass
from itertools import groupby

from django.conf import settings
from django.db import connection
from django.db.models import (
    Case,
    CharField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce, DenseRank, NullIf
from django.utils.translation import gettext_lazy as _

from accreditation.models import Nomination
from checkin.models import Checkin
from intersessional.documents import alphabetical
from intersessional.languages import collated
from programme.models import Meeting
from registration.models import Category, Delegate

# The official order of the List of Participants.
CATEGORY_ORDER = {category: rank for rank, category in enumerate(Category.values)}
ROLE_ORDER = {role: rank for rank, role in enumerate(Delegate.Role.values)}
CATEGORY_LABELS = dict(Category.choices)
ROLE_LABELS = dict(Delegate.Role.choices)
STATUS_LABELS = dict(Delegate.Status.choices)
NOMINATION_LABELS = {
    "checked": _("checked"),
    "received": _("received, not checked"),
    "waiting": _("sent, not yet received"),
    "": _("none sent"),
}
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
    # The delegation's place in the reader's alphabet (the database's ICU collation), or
    # None where the database has none (SQLite): then `alphabetical` orders.
    delegation_rank: int | None
    role: str
    title: str
    given_name: str
    family_name: str
    function: str
    email: str
    status: str
    public_list_consent: bool
    # Where the delegation's nomination stands (accreditation): "checked", "received",
    # "waiting" (sent, not yet received) or "" (none sent). Internal list only.
    nomination: str = ""

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
    def nomination_label(self) -> str:
        return str(NOMINATION_LABELS[self.nomination])

    @property
    def name(self) -> str:
        return " ".join(part for part in (self.title, self.given_name, self.family_name) if part)


def _official_order(p: Participant):
    return (
        CATEGORY_ORDER[p.category],
        (p.delegation_rank, "")
        if p.delegation_rank is not None
        else (0, alphabetical(p.delegation)),
        p.delegation_id,
        ROLE_ORDER[p.role],
        alphabetical(p.family_name),
        alphabetical(p.given_name),
    )


def nomination_status():
    """The best of the delegation's nominations, for each line (three indexed EXISTS)."""
    mine = Nomination.objects.filter(delegation=OuterRef("delegation_id"))
    return Case(
        When(Exists(mine.filter(checked_on__isnull=False)), then=Value("checked")),
        When(Exists(mine.filter(received_on__isnull=False)), then=Value("received")),
        When(Exists(mine), then=Value("waiting")),
        default=Value(""),
        output_field=CharField(),
    )


def delegation_name_in(language: str):
    """The delegation's name in `language`: the State's UN name or the organisation's,
    the English one where that language's is empty."""
    suffix = language.replace("-", "_")
    return Coalesce(
        NullIf(F(f"delegation__state__un_name_{suffix}"), Value("")),
        F("delegation__state__un_name_en"),
        NullIf(F(f"delegation__organisation__name_{suffix}"), Value("")),
        F("delegation__organisation__name_en"),
        output_field=CharField(),
    )


def list_of_participants(
    meeting: Meeting,
    *,
    public: bool,
    delegates=None,
    attended: bool = False,
    language: str = settings.LANGUAGE_CODE,
) -> list[Participant]:
    """The active delegates (registered or confirmed) of a meeting in the official order;
    `delegates`, a queryset, narrows it to a selection (the admin's action); `attended`
    to those checked in at the door on any of the meeting's lists.

    Public: only those who consented to appear, and no e-mail address. The delegations
    under their names in `language`, in that language's alphabetical order (the
    database's ICU collation on PostgreSQL). One query; the rest of the sort is done
    here, which for 10,000 lines takes milliseconds.
    """
    delegates = Delegate.objects.all() if delegates is None else delegates
    delegates = delegates.active().filter(meeting=meeting)
    if public:
        delegates = delegates.filter(public_list_consent=True)
    if attended:
        delegates = delegates.filter(
            Exists(Checkin.objects.filter(delegate=OuterRef("pk"), checkin_list__meeting=meeting))
        )
    name = delegation_name_in(language)
    delegates = delegates.annotate(delegation_name=name)
    if connection.vendor == "postgresql":
        order = [collated(name, language).asc(), F("delegation_id").asc()]
        rank = Window(DenseRank(), order_by=order)
    else:
        rank = Value(None, output_field=IntegerField())
    delegates = delegates.annotate(
        delegation_rank=rank,
        nomination=Value("", output_field=CharField()) if public else nomination_status(),
    )
    rows = delegates.values_list(
        "delegation__category",
        "delegation_id",
        "delegation_name",
        "delegation_rank",
        "role",
        "title",
        "given_name",
        "family_name",
        "function",
        "email",
        "status",
        "public_list_consent",
        "nomination",
    )
    participants = [
        Participant(
            category=category,
            delegation_id=delegation_id,
            delegation=delegation_name or "",
            delegation_rank=delegation_rank,
            role=role,
            title=title,
            given_name=given_name,
            family_name=family_name,
            function=function,
            email="" if public else email,
            status=status,
            public_list_consent=consent,
            nomination=nomination,
        )
        for (
            category,
            delegation_id,
            delegation_name,
            delegation_rank,
            role,
            title,
            given_name,
            family_name,
            function,
            email,
            status,
            consent,
            nomination,
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

"""Every write of the registration app. Each function is one transaction that also
writes the outbox rows for the e-mails it causes."""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from intersessional import clock, dates
from outbox.queries import queued_since
from programme.models import Meeting
from reference.models import Organisation, State

from . import extensions, links
from .emails import meeting_ics, queue_email, queue_received_email, reference_for
from .models import Category, DeclineReason, Delegate, Delegation, InterventionRequest

# The fields of a Delegate that a person fills in.
DELEGATE_FIELDS = [
    "title",
    "given_name",
    "family_name",
    "badge_name",
    "function",
    "role",
    "email",
    "gender",
    "age_band",
    "public_list_consent",
]


# At most one new private link per delegate in this time (see private_link_resend).
LINK_RESEND_INTERVAL = timedelta(minutes=10)


class RegistrationError(Exception):
    """A refusal with a message for the person and, where it belongs to one, a field."""

    field: str | None = None

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field or self.field


class RegistrationClosed(RegistrationError):
    pass


class DuplicateEmail(RegistrationError):
    field = "email"


class HeadAlreadyNamed(RegistrationError):
    field = "role"


class DelegationAlreadyRegistered(RegistrationError):
    pass


class EditConflict(RegistrationError):
    """The row changed after the form was opened: saving would overwrite that change."""


def edit_conflict_message() -> str:
    return _(
        "Someone else changed this registration while you were editing it, so your "
        "changes were not saved. What you typed is shown below: open the registration "
        "again to see the current details, then make your change there."
    )


def lock_version(model, pk, expected=None) -> int:
    """Lock the row (until the caller's transaction ends) and return its version;
    refuse with EditConflict when it is not `expected`, the version the form was
    filled in from. Every write raises the version by one."""
    current = model.objects.select_for_update().filter(pk=pk).values_list("version", flat=True)
    current = current.first()
    if current is None or (expected is not None and int(expected) != current):
        raise EditConflict(edit_conflict_message())
    return current


def _bump(obj, expected=None) -> None:
    obj.version = lock_version(type(obj), obj.pk, expected) + 1


@dataclass(frozen=True)
class Identity:
    """Who a delegation is: a State or an organisation, and the category that follows."""

    category: str
    state: State | None = None
    organisation: Organisation | None = None


def identity_for(*, meeting: Meeting, state=None, organisation=None) -> Identity:
    """States Parties and States not party are told apart from the reference data, on
    the meeting's first day; organisations by their kind."""
    if state is not None:
        party = state.is_party_on(meeting.starts_on)
        return Identity(Category.STATE_PARTY if party else Category.STATE_NOT_PARTY, state=state)
    category = (
        Category.NON_GOVERNMENTAL
        if organisation.kind == Organisation.Kind.NON_GOVERNMENTAL
        else Category.INTERNATIONAL
    )
    return Identity(category, organisation=organisation)


def _require_open(meeting: Meeting, by_staff: bool) -> None:
    if not by_staff and not meeting.registration_is_open(clock.now()):
        raise RegistrationClosed(
            _(
                "Registration closed on %(deadline)s (Geneva time). Please write to the "
                "Implementation Support Unit at %(email)s."
            )
            % {
                "deadline": dates.moment(meeting.registration_deadline),
                "email": meeting.contact_email,
            }
        )


def _refusal(delegate: Delegate) -> RegistrationError | None:
    """Which of the database's rules the delegate's row broke, as a message for the
    person (None: another one). Asked rather than parsed from the database's message,
    whose wording differs between PostgreSQL and SQLite."""
    others = Delegate.objects.exclude(pk=delegate.pk).exclude(status=Delegate.Status.WITHDRAWN)
    if others.filter(meeting=delegate.meeting, email__iexact=delegate.email).exists():
        return DuplicateEmail(
            _(
                "%(email)s is already registered for this meeting. You can have "
                "your private link sent to it again."
            )
            % {"email": delegate.email}
        )
    if delegate.role == Delegate.Role.HEAD:
        return HeadAlreadyNamed(
            _("%(delegation)s already has a head of delegation.")
            % {"delegation": delegate.delegation.name}
        )
    return None


def _save_delegate(delegate: Delegate, update_fields=None) -> None:
    """Save, turning the database's refusals into messages for the person."""
    try:
        with transaction.atomic():
            delegate.save(update_fields=update_fields)
    except IntegrityError as error:
        refusal = _refusal(delegate)
        if refusal is None:
            raise
        raise refusal from error


def _find_or_create_delegation(
    *, meeting, identity: Identity, focal_point=("", "", settings.LANGUAGE_CODE)
):
    lookup = {"meeting": meeting, "state": identity.state, "organisation": identity.organisation}
    try:
        # get(), not filter().first(): the constraints allow one row, and first()'s
        # ORDER BY cost about 0.15 ms of CPU on every registration (performance.md).
        delegation = Delegation.objects.get(**lookup)
    except Delegation.DoesNotExist:
        pass
    else:
        # The State or organisation and the meeting are already in hand: no second
        # query for its name or for the hooks (extensions.py), which read the meeting.
        delegation.state, delegation.organisation = identity.state, identity.organisation
        delegation.meeting = meeting
        return delegation, False
    delegation = Delegation(
        **lookup,
        category=identity.category,
        focal_point_name=focal_point[0],
        focal_point_email=focal_point[1],
        focal_point_language=focal_point[2],
        created_at=clock.now(),
    )
    try:
        with transaction.atomic():
            delegation.save()
    except IntegrityError:
        # Another registration for the same State created it a moment ago.
        return Delegation.objects.get(**lookup), False
    return delegation, True


def _new_delegate(*, meeting, delegation, data: dict, late: bool, language: str) -> Delegate:
    now = clock.now()
    return Delegate(
        meeting=meeting,
        delegation=delegation,
        registered_late=late,
        language=data.get("language") or language,
        created_at=now,
        updated_at=now,
        **{field: data[field] for field in DELEGATE_FIELDS if field in data},
    )


def delegate_register(
    *, meeting: Meeting, identity: Identity, data: dict, language: str = settings.LANGUAGE_CODE
) -> tuple[Delegate, str]:
    """One person registers themself, before the deadline (staff add people after it
    with `delegate_add_by_staff`), in `language` (the page's: their e-mails' language).
    Returns the delegate and their signed private token."""
    try:
        return _delegate_register(meeting=meeting, identity=identity, data=data, language=language)
    except IntegrityError as error:
        # The delegate's INSERT has no savepoint of its own (two round trips on every
        # registration): a refused one rolls the registration back whole, then the
        # database is asked which rule it broke.
        delegation = Delegation(
            meeting=meeting, state=identity.state, organisation=identity.organisation
        )
        refusal = _refusal(
            _new_delegate(
                meeting=meeting, delegation=delegation, data=data, late=False, language=language
            )
        )
        if refusal is None:
            raise
        raise refusal from error


@transaction.atomic
def _delegate_register(*, meeting, identity, data, language) -> tuple[Delegate, str]:
    _require_open(meeting, by_staff=False)
    delegation, _created = _find_or_create_delegation(meeting=meeting, identity=identity)
    delegate = _new_delegate(
        meeting=meeting, delegation=delegation, data=data, late=False, language=language
    )
    token = links.issue_token(delegate)
    delegate.save()
    if data.get("floor_items"):
        _set_floor_requests(delegate=delegate, items=data["floor_items"])
    queue_received_email(delegate, token)
    extensions.member_joined(delegation=delegation)
    return delegate, token


@transaction.atomic
def delegation_register(
    *,
    meeting: Meeting,
    identity: Identity,
    focal_point_name: str,
    focal_point_email: str,
    members: list[dict],
    language: str = settings.LANGUAGE_CODE,
) -> tuple[Delegation, str]:
    """A focal point registers a whole delegation in `language` (the page's: theirs and,
    until changed, the members'). Returns it and the focal point's token."""
    _require_open(meeting, by_staff=False)
    delegation, created = _find_or_create_delegation(
        meeting=meeting,
        identity=identity,
        focal_point=(focal_point_name, focal_point_email, language),
    )
    if not created:
        raise DelegationAlreadyRegistered(
            _(
                "A delegation of %(name)s is already registered. Its focal point can add "
                "members through their private link, or each person can register on their "
                "own; the Implementation Support Unit (%(email)s) can help."
            )
            % {"name": delegation.name, "email": meeting.contact_email}
        )
    token = links.issue_token(delegation)
    delegation.save(update_fields=["access_token_hash"])
    delegates = []
    for data in members:
        delegate = _new_delegate(
            meeting=meeting, delegation=delegation, data=data, late=False, language=language
        )
        _save_delegate(delegate)
        delegates.append(delegate)
    queue_email(
        kind="delegation_received",
        to=focal_point_email,
        language=language,
        context=lambda: {
            "meeting": meeting,
            "delegation": delegation,
            "delegates": delegates,
            "focal_point_name": focal_point_name,
            "link": links.url(Delegation, token),
        },
    )
    extensions.member_joined(delegation=delegation)
    return delegation, token


# What the ISU checked when it confirmed a registration: a change to one of these
# through a private link sends the registration back to waiting for confirmation, so
# that the badge and the lists never carry unchecked data.
RECHECKED_FIELDS = ["title", "given_name", "family_name", "badge_name", "function", "delegation_id"]


def _needs_confirming_again(delegate: Delegate, data: dict) -> bool:
    """Whether a confirmed delegate's change touches what the ISU checked. Read from
    the locked row (a bound ModelForm has already changed `delegate` in memory)."""
    if delegate.status != Delegate.Status.CONFIRMED:
        return False
    stored = Delegate.objects.filter(pk=delegate.pk).values(*RECHECKED_FIELDS).first()
    new = {f: data[f] for f in RECHECKED_FIELDS if f in data}
    if "delegation" in data:
        new["delegation_id"] = getattr(data["delegation"], "pk", data["delegation"])
    return any(stored[f] != value for f, value in new.items())


@transaction.atomic
def delegate_update(*, delegate: Delegate, data: dict, by_staff: bool = False) -> Delegate:
    """Save what a person corrected. With `data["version"]` (the edit forms send the
    version they were filled in from), a change made meanwhile by someone else (staff,
    the focal point) is not overwritten: EditConflict. A confirmed delegate who changes
    their name, function or delegation through a private link waits for confirmation
    again (RECHECKED_FIELDS); the audit log keeps what changed for the ISU."""
    _require_open(delegate.meeting, by_staff)
    _bump(delegate, data.get("version"))
    fields = [*DELEGATE_FIELDS, "language", "updated_at", "version"]
    if not by_staff and _needs_confirming_again(delegate, data):
        delegate.status = Delegate.Status.REGISTERED
        fields.append("status")
    for field in [*DELEGATE_FIELDS, "language"]:
        if field in data:
            setattr(delegate, field, data[field])
    delegate.updated_at = clock.now()
    # Only what the person may change: a status the ISU set meanwhile is kept.
    _save_delegate(delegate, update_fields=fields)
    if "floor_items" in data:
        _set_floor_requests(delegate=delegate, items=data["floor_items"])
    return delegate


@transaction.atomic
def delegate_set_language(*, delegate: Delegate, language: str) -> Delegate:
    """The language of the delegate's next e-mails. Not bound to the deadline: it
    changes nothing of the registration itself."""
    delegate.language = language
    delegate.updated_at = clock.now()
    delegate.save(update_fields=["language", "updated_at"])
    return delegate


@transaction.atomic
def delegation_set_language(*, delegation: Delegation, language: str) -> Delegation:
    delegation.focal_point_language = language
    delegation.save(update_fields=["focal_point_language"])
    return delegation


class NotActive(RegistrationError):
    pass


@transaction.atomic
def delegate_withdraw(*, delegate: Delegate, by_staff: bool = False) -> Delegate:
    _require_open(delegate.meeting, by_staff)
    # A declined registration stays declined. The status is checked on the locked row,
    # so two withdrawals at once change it (and send the e-mail) once.
    if not _change_status(
        delegate,
        from_statuses=[Delegate.Status.REGISTERED, Delegate.Status.CONFIRMED],
        to=Delegate.Status.WITHDRAWN,
    ):
        raise NotActive(_("This registration is no longer active."))
    extensions.member_left(delegate=delegate)
    queue_email(
        kind="registration_withdrawn",
        to=delegate.email,
        delegate=delegate,
        language=delegate.language,
        context={"meeting": delegate.meeting, "delegate": delegate},
    )
    return delegate


def _change_status(delegate: Delegate, *, from_statuses, to) -> bool:
    """Staff move a registration from one of `from_statuses` to `to`; False when it was
    in none of them. Locked, then saved (not a bare UPDATE): the change is recorded in
    the audit log, and two officers acting at once change it (and e-mail) once.
    `delegate` is updated from the locked row, so the caller needs no second query."""
    row = (
        Delegate.objects.select_for_update()
        .filter(pk=delegate.pk, status__in=from_statuses)
        .first()
    )
    if row is None:
        return False
    row.status = to
    row.updated_at = clock.now()
    row.version += 1
    row.save(update_fields=["status", "updated_at", "version"])
    for field in Delegate._meta.concrete_fields:
        setattr(delegate, field.attname, getattr(row, field.attname))
    return True


@transaction.atomic
def delegate_confirm(*, delegate: Delegate) -> bool:
    """The ISU confirms a registration; the delegate gets an e-mail with the meeting's
    calendar. Returns False (and sends nothing) when it was not waiting for it."""
    if not _change_status(
        delegate, from_statuses=[Delegate.Status.REGISTERED], to=Delegate.Status.CONFIRMED
    ):
        return False
    queue_email(
        kind="registration_confirmed",
        to=delegate.email,
        delegate=delegate,
        language=delegate.language,
        context={"meeting": delegate.meeting, "delegate": delegate},
        # The sessions' titles and rooms in the delegate's language too.
        ics=lambda: meeting_ics(delegate.meeting),
    )
    return True


@transaction.atomic
def delegate_decline(*, delegate: Delegate, reason: str, note: str = "") -> bool:
    """The ISU declines a registration for `reason` (a DeclineReason); the person gets
    an e-mail that gives it in their language, with the officer's `note` as written.
    False (and no e-mail) when the registration was not active."""
    reason = DeclineReason(reason)
    if not _change_status(
        delegate,
        from_statuses=[Delegate.Status.REGISTERED, Delegate.Status.CONFIRMED],
        to=Delegate.Status.DECLINED,
    ):
        return False
    extensions.member_left(delegate=delegate)
    queue_email(
        kind="registration_declined",
        to=delegate.email,
        delegate=delegate,
        language=delegate.language,
        # Called inside the person's language: the reason's label is translated there.
        context=lambda: {
            "meeting": delegate.meeting,
            "delegate": delegate,
            "reason": str(reason.label),
            "note": note.strip(),
        },
    )
    return True


@transaction.atomic
def delegation_add_member(
    *, delegation: Delegation, data: dict, language: str = settings.LANGUAGE_CODE
) -> Delegate:
    _require_open(delegation.meeting, by_staff=False)
    delegate = _new_delegate(
        meeting=delegation.meeting, delegation=delegation, data=data, late=False, language=language
    )
    _save_delegate(delegate)
    extensions.member_joined(delegation=delegation)
    return delegate


@transaction.atomic
def private_link_resend(*, meeting: Meeting, email: str) -> bool:
    """Send a new private link to whoever registered with this address; the old link
    stops working. Returns whether there was anyone (the view does not tell)."""
    delegate = (
        Delegate.objects.active()
        .select_for_update()
        .filter(meeting=meeting, email__iexact=email)
        .first()
    )
    if delegate is None:
        return False
    # Each new link ends the old one: without a limit per address, a stranger who
    # knows it could keep a delegate locked out and fill their inbox.
    if queued_since(
        reference=reference_for(delegate),
        kind="private_link",
        since=clock.now() - LINK_RESEND_INTERVAL,
    ):
        return False
    token = links.issue_token(delegate)
    delegate.version += 1
    delegate.save(update_fields=["access_token_hash", "version"])
    queue_email(
        kind="private_link",
        to=delegate.email,
        delegate=delegate,
        language=delegate.language,
        context=lambda: {
            "meeting": meeting,
            "delegate": delegate,
            "link": links.url(Delegate, token),
        },
    )
    return True


@transaction.atomic
def delegate_add_by_staff(*, delegate: Delegate) -> Delegate:
    """Staff add a delegate in the admin, also after the deadline (marked late)."""
    meeting = delegate.delegation.meeting
    now = clock.now()
    delegate.meeting = meeting
    delegate.created_at = delegate.updated_at = now
    delegate.registered_late = not meeting.registration_is_open(now)
    token = links.issue_token(delegate)
    _save_delegate(delegate)
    queue_received_email(delegate, token)
    extensions.member_joined(delegation=delegate.delegation)
    return delegate


def _set_floor_requests(*, delegate: Delegate, items) -> None:
    """Make the delegate's requests for the floor match `items` (agenda items). Two
    members of a delegation asking for one item at the same moment: the database's
    unique index refuses the second, and it gets the same message."""
    try:
        with transaction.atomic():
            _write_floor_requests(delegate=delegate, items=items)
    except IntegrityError as error:
        raise RegistrationError(
            _("Your delegation has already asked for the floor on one of these items."),
            field="floor_items",
        ) from error


def _write_floor_requests(*, delegate: Delegate, items) -> None:
    wanted = {item.pk: item for item in items}
    for item in wanted.values():
        if not item.allows_floor_requests:
            raise RegistrationError(
                _("Item %(item)s does not take requests for the floor.") % {"item": item},
                field="floor_items",
            )
    mine = InterventionRequest.objects.filter(speaker=delegate)
    mine.exclude(agenda_item_id__in=wanted).delete()
    taken = dict(
        InterventionRequest.objects.filter(
            delegation=delegate.delegation, agenda_item_id__in=wanted
        ).values_list("agenda_item_id", "speaker_id")
    )
    for pk, item in wanted.items():
        if pk not in taken:
            InterventionRequest.objects.create(
                delegation=delegate.delegation,
                agenda_item=item,
                speaker=delegate,
                requested_at=clock.now(),
            )
        elif taken[pk] != delegate.pk:
            raise RegistrationError(
                _("Your delegation has already asked for the floor on item %(item)s.")
                % {"item": item},
                field="floor_items",
            )


@transaction.atomic
def delegate_badge_reissue(*, delegates) -> int:
    """The delegates' badges are to be printed again (lost, wrong): each gets a new
    version, so the door refuses the badge printed before. Returns how many."""
    return delegates.update(badge_version=models.F("badge_version") + 1, updated_at=clock.now())


@transaction.atomic
def floor_requests_add(*, delegation: Delegation, speaker: Delegate, items) -> list:
    """Put the delegation on the speakers' lists of `items`, with `speaker`, where it is
    not on them yet; return the items it was added to. For the apps above that ask a
    delegation in one step (floor: the updates its State is invited to present).
    Registration's deadline applies, as to every request for the floor."""
    _require_open(delegation.meeting, by_staff=False)
    if speaker.delegation_id != delegation.pk or speaker.status not in (
        Delegate.Status.REGISTERED,
        Delegate.Status.CONFIRMED,
    ):
        raise NotActive(_("This delegate cannot take the floor for the delegation."))
    taken = set(
        InterventionRequest.objects.filter(
            delegation=delegation, agenda_item__in=items
        ).values_list("agenda_item_id", flat=True)
    )
    added = []
    for item in items:
        if item.pk in taken or not item.allows_floor_requests:
            continue
        try:
            with transaction.atomic():
                InterventionRequest.objects.create(
                    delegation=delegation,
                    agenda_item=item,
                    speaker=speaker,
                    requested_at=clock.now(),
                )
        except IntegrityError:
            continue  # another member asked at the same moment: the delegation is on it
        added.append(item)
    return added

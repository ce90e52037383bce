"""Every write of the floor app: bilateral invitations and their answers, the updates a
State is invited to present, statements and presentations."""

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from intersessional import clock, dates
from reference import services as reference_services
from reference.models import Obligation, State, confirmed_obligations_by_state
from registration import links
from registration import services as registration_services
from registration.emails import queue_email
from registration.models import Delegate, Delegation, InterventionRequest
from registration.services import RegistrationError

from . import queries, uploads
from .models import BilateralInvitation, Statement, UpdatesInvitation


@transaction.atomic
def bilateral_invite(*, slot, delegation: Delegation):
    """Invite a delegation to a slot of the bilateral day; its focal point gets an
    e-mail with a private link to accept or decline."""

    # Asked first for a clear message; the database's constraints settle a race.
    conflict = bilateral_conflict(slot=slot, delegation=delegation)
    if conflict:
        raise RegistrationError(conflict)
    invitation = BilateralInvitation(
        slot=slot,
        delegation=delegation,
        starts_at=slot.starts_at,
        ends_at=slot.ends_at,
        invited_at=clock.now(),
    )
    token = links.issue_token(invitation)
    try:
        with transaction.atomic():
            invitation.save()
    except IntegrityError as error:
        raise RegistrationError(bilateral_conflict(slot=slot, delegation=delegation)) from error
    # To the focal point in their language, else to the first member in theirs.
    if delegation.focal_point_email:
        recipient = (delegation.focal_point_email, delegation.focal_point_language)
    else:
        recipient = (
            delegation.delegates.active()
            .order_by("created_at")
            .values_list("email", "language")
            .first()
        )
    if recipient:
        queue_email(
            kind="bilateral_invitation",
            to=recipient[0],
            language=recipient[1],
            # Built in the recipient's language: the link's /<language>/ prefix.
            context=lambda: {
                "meeting": slot.meeting,
                "invitation": invitation,
                "slot": slot,
                "delegation": delegation,
                "link": links.url(BilateralInvitation, token),
            },
        )
    return invitation, token


def bilateral_conflict(*, slot, delegation: Delegation) -> str:
    """Which of the database's rules an invitation would break, in words."""

    live = BilateralInvitation.objects.filter(
        status__in=[BilateralInvitation.Status.INVITED, BilateralInvitation.Status.ACCEPTED]
    )
    if live.filter(slot=slot).exists():
        return _("Another delegation is already invited to this slot.")
    if live.filter(
        delegation=delegation, starts_at__lt=slot.ends_at, ends_at__gt=slot.starts_at
    ).exists():
        return _("%(delegation)s already has a bilateral meeting at that time.") % {
            "delegation": delegation.name
        }
    return ""


@transaction.atomic
def bilateral_answer(*, invitation, accept: bool) -> bool:
    """Accept or decline once: of two answers sent at the same moment, one counts.
    Returns whether this answer was the one recorded."""

    if clock.now() >= invitation.starts_at:
        raise RegistrationError(_("This meeting has already begun: it can no longer be answered."))
    status = BilateralInvitation.Status.ACCEPTED if accept else BilateralInvitation.Status.DECLINED
    updated = BilateralInvitation.objects.filter(
        pk=invitation.pk, status=BilateralInvitation.Status.INVITED
    ).update(status=status, answered_at=clock.now())
    invitation.refresh_from_db()
    return bool(updated)


# Updates from implementing States (issue 13) --------------------------------------


def updates_take_floor(*, delegation: Delegation, speaker: Delegate, updates) -> list:
    """Put the delegation on the speakers' lists of every item that calls an update
    it is invited to present (floor.queries.invited_updates); return the items added."""
    # In the programme's order (an item may call two kinds of update: once is enough).
    items = sorted(
        {item.pk: item for update in updates for item in update.items}.values(),
        key=lambda item: (item.session_id, item.order, item.number),
    )
    return registration_services.floor_requests_add(
        delegation=delegation, speaker=speaker, items=items
    )


def speaker_for(delegation: Delegation) -> Delegate | None:
    """Who speaks when the focal point puts the delegation on a list: its head, else
    the first member registered."""
    active = delegation.delegates.active()
    return active.filter(role=Delegate.Role.HEAD).first() or active.order_by("created_at").first()


# The e-mail that invites a delegation to present its updates -----------------------
#
# It is due once both hold: the delegation is registered (it has an active member) and
# its State has confirmed obligations that items of the programme call updates on. Either
# can come second, so both moments send it:
#
# - a registration: registration's services run its member-joined hooks, to which
#   floor's AppConfig.ready() adds updates_invitation_send (registration/extensions.py);
# - the ISU confirming obligations: obligations_confirm and obligation_save below, which
#   the admin of obligations calls (floor/admin.py's mixin on reference's ObligationAdmin,
#   as documents/admin.py extends registration's DelegateAdmin; reference, below
#   registration, knows nothing of delegations).
#
# Both stay in one transaction with the change that makes the e-mail due, and the
# arrows point down: floor calls reference and registration, never the reverse.


def _lock_states(state_ids) -> None:
    """Take the two moments above one after the other, per State. Each side writes its
    own fact (the member, the confirmation), takes this lock, then reads the other's
    fact: whichever comes second waits here for the first to commit, then sees it
    (PostgreSQL's READ COMMITTED reads afresh at each statement), so the e-mail is never
    missed because both ran at once. FOR NO KEY UPDATE: a registration's foreign key to
    the State (FOR KEY SHARE) does not wait for it. No-op on SQLite (one writer)."""
    list(
        State.objects.select_for_update(no_key=True)
        .filter(pk__in=sorted(state_ids))
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def _lock_state_unless_invited(delegation: Delegation) -> bool:
    """_lock_states for the delegation's State, and in the same statement whether the
    delegation was invited already (True: nothing to do). A registration runs this
    (registration's hooks) unless its process knows the State has no confirmed
    obligation: one statement instead of two. An invitation committed by
    another transaction meanwhile is still refused by the unique index below."""
    invited = UpdatesInvitation.objects.filter(delegation=delegation)
    found = (
        State.objects.select_for_update(no_key=True)
        .filter(pk=delegation.state_id)
        .order_by()
        .annotate(invited=Exists(invited))
        .values_list("invited", flat=True)
    )
    return bool(next(iter(found), False))


def updates_invitation_send(*, delegation: Delegation) -> UpdatesInvitation | None:
    """Invite the delegation by e-mail to present the updates the programme asks of its
    State, once ever and until registration closes: to its focal point, else to its head,
    else to its first member, in their language, with a private link to the updates and
    the one-step button for those speakers' lists. Returns the invitation, or None when
    it is not due or was already sent. Call it inside the transaction of the change that
    may make it due (a registration, a confirmation)."""
    meeting = delegation.meeting
    if delegation.state_id is None or not meeting.registration_is_open(clock.now()):
        return None
    if not delegation.state.is_party_on(meeting.starts_on):
        return None
    # Whether the invitation went matters only if the programme invites updates from
    # the State. When this process already knows that it invites none, the lock is
    # taken alone: a simpler statement, 0.3 ms of CPU less on most registrations. What
    # it knows is only peeked at: the obligations are read from the database after the
    # lock, as always (confirmed meanwhile, an invitation already sent is refused by the
    # unique index).
    known = confirmed_obligations_by_state.peek()
    if known is not None and not known.get(delegation.state_id):
        _lock_states([delegation.state_id])
    elif _lock_state_unless_invited(delegation):
        return None
    # Read after the lock, from the database: a confirmation committed meanwhile in
    # another process is seen (what this process keeps may be a minute old).
    updates = queries.invited_updates(delegation, meeting, fresh=True)
    if not updates:
        return None
    member = speaker_for(delegation)
    if member is None:
        return None
    invitation = UpdatesInvitation(delegation=delegation, sent_at=clock.now())
    token = links.issue_token(invitation)
    try:
        with transaction.atomic():
            invitation.save()
    except IntegrityError:
        # Another registration or confirmation sent it a moment ago: the database holds
        # one invitation per delegation.
        return None
    if delegation.focal_point_email:
        to, language = delegation.focal_point_email, delegation.focal_point_language
        name, about = delegation.focal_point_name, None
    else:
        to, language, name, about = member.email, member.language, member.full_name, member
    queue_email(
        kind="updates_invitation",
        to=to,
        language=language,
        delegate=about,
        # Built in the recipient's language: the dates, the items' titles, the link.
        context=lambda: {
            "meeting": meeting,
            "delegation": delegation,
            "name": name or delegation.name,
            "updates": updates,
            "all_on_lists": all(update.on_list for update in updates),
            "deadline": dates.moment(meeting.registration_deadline),
            "link": links.url(UpdatesInvitation, token),
        },
    )
    return invitation


def _invite_delegations_of(state_ids) -> list[UpdatesInvitation]:
    """Invite the registered delegations of these States that were not invited yet."""
    _lock_states(state_ids)
    active = Delegate.objects.active().filter(delegation=OuterRef("pk"))
    delegations = (
        Delegation.objects.filter(state_id__in=state_ids, updates_invitation__isnull=True)
        .filter(Exists(active))
        .select_related("meeting", "state")
        .order_by("pk")
    )
    sent = (updates_invitation_send(delegation=delegation) for delegation in delegations)
    return [invitation for invitation in sent if invitation is not None]


@transaction.atomic
def obligations_confirm(*, obligations) -> tuple[int, list[UpdatesInvitation]]:
    """The ISU confirms obligations (reference's service), and the registered delegations
    of their States are invited to present their updates where they were not yet.
    Returns how many obligations were confirmed and the invitations sent."""
    confirmed = reference_services.obligations_confirm(obligations=obligations)
    return confirmed, _invite_delegations_of({o.state_id for o in obligations})


@transaction.atomic
def obligation_save(*, obligation: Obligation) -> tuple[Obligation, list[UpdatesInvitation]]:
    """A correction in the admin (reference's service); ticking "confirmed" may invite
    the State's registered delegation as obligations_confirm does."""
    obligation = reference_services.obligation_save(obligation=obligation)
    invited = _invite_delegations_of({obligation.state_id}) if obligation.confirmed else []
    return obligation, invited


class StatementRefused(RegistrationError):
    field = "file"


@transaction.atomic
def statement_upload(
    *,
    delegation: Delegation,
    agenda_item,
    kind: str,
    language: str,
    reflects_gender_and_diversity: bool,
    includes_disaggregated_data: bool,
    upload,
) -> Statement:
    """Keep a delegation's statement or presentation for an agenda item. The type is
    read from the file's bytes; the file is stored under a random name through
    Django's storage, and the name it was sent under is kept only as text to show."""
    if agenda_item.session.meeting_id != delegation.meeting_id:
        raise StatementRefused(_("This item is not on your meeting's programme."), field=None)
    try:
        original_name = uploads.display_name(upload.name)
        file_type = uploads.file_type(upload)
    except uploads.UploadRefused as refusal:
        raise StatementRefused(refusal.message) from refusal
    statement = Statement(
        delegation=delegation,
        agenda_item=agenda_item,
        kind=kind,
        language=language,
        reflects_gender_and_diversity=reflects_gender_and_diversity,
        includes_disaggregated_data=includes_disaggregated_data,
        file_type=file_type,
        size=upload.size,
        original_name=original_name,
        uploaded_at=clock.now(),
    )
    # The file is written once the row is committed, so a transaction rolled back
    # (here or in a caller's atomic block) leaves no file behind.
    statement.file.name = statement.file.field.generate_filename(statement, upload.name)
    statement.save()
    transaction.on_commit(lambda: _statement_store(statement, upload))
    return statement


def _statement_store(statement: Statement, upload) -> None:
    """Write a committed statement's file; should that fail, the row goes too, so
    that no statement points to a file that is not there."""
    try:
        stored = statement.file.storage.save(statement.file.name, upload)
    except Exception:
        Statement.objects.filter(pk=statement.pk).delete()
        raise
    if stored != statement.file.name:
        Statement.objects.filter(pk=statement.pk).update(file=stored)
        statement.file.name = stored


@transaction.atomic
def statement_withdraw(*, statement: Statement) -> bool:
    """The delegation takes back a file it sent, until it is delivered."""
    deleted, _rows = Statement.objects.filter(pk=statement.pk, delivered_at__isnull=True).delete()
    if deleted:
        name = statement.file.name
        transaction.on_commit(lambda: statement.file.storage.delete(name))
    return bool(deleted)


@transaction.atomic
def statement_correct(*, statement: Statement) -> Statement:
    """Staff correct what the delegation said of its file (type, language, answers)."""
    statement.save(
        update_fields=[
            "kind",
            "language",
            "reflects_gender_and_diversity",
            "includes_disaggregated_data",
        ]
    )
    return statement


@transaction.atomic
def intervention_save(*, intervention: InterventionRequest, spoke_changed: bool) -> None:
    """Staff save a line of the speakers' list. Ticking "spoke" marks the delegation's
    statements on that item delivered; unticking it (a slip) takes back the mark from
    those not yet published."""
    intervention.save()
    if not spoke_changed:
        return
    statements = Statement.objects.filter(
        delegation_id=intervention.delegation_id, agenda_item_id=intervention.agenda_item_id
    )
    if intervention.spoke:
        statements.filter(delivered_at__isnull=True).update(delivered_at=clock.now())
    else:
        statements.filter(published_at__isnull=True).update(delivered_at=None)


@transaction.atomic
def statements_publish(*, statements) -> int:
    """Publish delivered statements; one not delivered yet stays unpublished."""
    return Statement.objects.filter(
        pk__in=[s.pk for s in statements], delivered_at__isnull=False, published_at__isnull=True
    ).update(published_at=clock.now())


@transaction.atomic
def statements_unpublish(*, statements) -> int:
    return Statement.objects.filter(
        pk__in=[s.pk for s in statements], published_at__isnull=False
    ).update(published_at=None)

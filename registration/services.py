"""Every write of the registration app. Each function is one transaction that also
writes the outbox rows for the e-mails it causes."""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from intersessional import clock
from programme.models import Meeting

from . import links
from .emails import queue_email
from .models import (
    Badge,
    BadgeBatch,
    BilateralInvitation,
    Category,
    Delegate,
    Delegation,
    ExportJob,
    InterventionRequest,
    Notification,
    Organisation,
    State,
)

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
                "deadline": clock.format_geneva(meeting.registration_deadline),
                "email": meeting.contact_email,
            }
        )


def _save_delegate(delegate: Delegate, update_fields=None) -> None:
    """Save, turning the database's refusals into messages for the person."""
    try:
        with transaction.atomic():
            delegate.save(update_fields=update_fields)
    except IntegrityError as error:
        # Ask which rule was broken rather than parse the database's message, whose
        # wording differs between PostgreSQL and SQLite.
        others = Delegate.objects.exclude(pk=delegate.pk).exclude(status=Delegate.Status.WITHDRAWN)
        if others.filter(meeting=delegate.meeting, email__iexact=delegate.email).exists():
            raise DuplicateEmail(
                _(
                    "%(email)s is already registered for this meeting. You can have "
                    "your private link sent to it again."
                )
                % {"email": delegate.email}
            ) from error
        if delegate.role == Delegate.Role.HEAD:
            raise HeadAlreadyNamed(
                _("%(delegation)s already has a head of delegation.")
                % {"delegation": delegate.delegation.name}
            ) from error
        raise


def _find_or_create_delegation(
    *, meeting, identity: Identity, focal_point=("", "", settings.LANGUAGE_CODE)
):
    lookup = {"meeting": meeting, "state": identity.state, "organisation": identity.organisation}
    delegation = Delegation.objects.filter(**lookup).first()
    if delegation is not None:
        # The State or organisation is already in hand: no second query for its name.
        delegation.state, delegation.organisation = identity.state, identity.organisation
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


def _queue_received_email(delegate: Delegate, token: str) -> None:
    """ "Registration received", with the delegate's private link."""
    queue_email(
        kind="registration_received",
        to=delegate.email,
        delegate=delegate,
        language=delegate.language,
        context=lambda: {
            "meeting": delegate.meeting,
            "delegate": delegate,
            "delegation": delegate.delegation,
            "link": links.url(Delegate, token),
        },
    )


@transaction.atomic
def delegate_register(
    *,
    meeting: Meeting,
    identity: Identity,
    data: dict,
    by_staff: bool = False,
    language: str = settings.LANGUAGE_CODE,
) -> tuple[Delegate, str]:
    """One person registers themself, in `language` (the page's). Returns the delegate and
    their signed private token."""
    _require_open(meeting, by_staff)
    delegation, _created = _find_or_create_delegation(meeting=meeting, identity=identity)
    late = by_staff and not meeting.registration_is_open(clock.now())
    delegate = _new_delegate(
        meeting=meeting, delegation=delegation, data=data, late=late, language=language
    )
    token = links.issue_token(delegate)
    _save_delegate(delegate)
    if data.get("floor_items"):
        _set_floor_requests(delegate=delegate, items=data["floor_items"])
    _queue_received_email(delegate, token)
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
    return delegation, token


@transaction.atomic
def delegate_update(*, delegate: Delegate, data: dict, by_staff: bool = False) -> Delegate:
    _require_open(delegate.meeting, by_staff)
    for field in [*DELEGATE_FIELDS, "language"]:
        if field in data:
            setattr(delegate, field, data[field])
    delegate.updated_at = clock.now()
    # Only what the person may change: a status the ISU set meanwhile is kept.
    _save_delegate(delegate, update_fields=[*DELEGATE_FIELDS, "language", "updated_at"])
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
    # A declined registration stays declined; withdrawing twice sends no second e-mail.
    if delegate.status not in (Delegate.Status.REGISTERED, Delegate.Status.CONFIRMED):
        raise NotActive(_("This registration is no longer active."))
    delegate.status = Delegate.Status.WITHDRAWN
    delegate.updated_at = clock.now()
    delegate.save(update_fields=["status", "updated_at"])
    queue_email(
        kind="registration_withdrawn",
        to=delegate.email,
        delegate=delegate,
        language=delegate.language,
        context={"meeting": delegate.meeting, "delegate": delegate},
    )
    return delegate


@transaction.atomic
def delegate_confirm(*, delegate: Delegate) -> bool:
    """The ISU confirms a registration; the delegate gets an e-mail with the meeting's
    calendar. Returns False (and sends nothing) when it was not waiting for it."""
    from .emails import meeting_ics

    updated = Delegate.objects.filter(pk=delegate.pk, status=Delegate.Status.REGISTERED).update(
        status=Delegate.Status.CONFIRMED, updated_at=clock.now()
    )
    if not updated:
        return False
    delegate.refresh_from_db()
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
def delegate_decline(*, delegate: Delegate) -> bool:
    updated = Delegate.objects.filter(
        pk=delegate.pk, status__in=[Delegate.Status.REGISTERED, Delegate.Status.CONFIRMED]
    ).update(status=Delegate.Status.DECLINED, updated_at=clock.now())
    return bool(updated)


@transaction.atomic
def notification_resend(*, notification: Notification) -> Notification:
    """Staff send an e-mail again: a new outbox row, so the first stays as it was."""
    from .tasks import enqueue_notification

    copy = Notification.objects.create(
        kind=notification.kind,
        to_email=notification.to_email,
        language=notification.language,
        subject=notification.subject,
        body_text=notification.body_text,
        body_html=notification.body_html,
        ics=notification.ics,
        delegate=notification.delegate,
        created_at=clock.now(),
    )
    transaction.on_commit(lambda: enqueue_notification(copy.pk))
    return copy


@transaction.atomic
def delegation_add_member(
    *, delegation: Delegation, data: dict, language: str = settings.LANGUAGE_CODE
) -> Delegate:
    _require_open(delegation.meeting, by_staff=False)
    delegate = _new_delegate(
        meeting=delegation.meeting, delegation=delegation, data=data, late=False, language=language
    )
    _save_delegate(delegate)
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
    recent = delegate.notifications.filter(
        kind="private_link", created_at__gt=clock.now() - LINK_RESEND_INTERVAL
    )
    if recent.exists():
        return False
    token = links.issue_token(delegate)
    delegate.save(update_fields=["access_token_hash"])
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
    _queue_received_email(delegate, token)
    return delegate


def badge_pdf_for(*, delegate: Delegate) -> bytes:
    """The delegate's badge alone (A6), rendered again only when what it shows changed."""
    from django.core.files.base import ContentFile

    from .badges import badge_content, fingerprint, render_badges

    current = fingerprint(badge_content(delegate))
    badge = Badge.objects.filter(delegate=delegate).first()
    if badge is not None and badge.fingerprint == current and badge.pdf:
        with badge.pdf.open("rb") as f:
            return f.read()
    pdf = render_badges([delegate], layout="single")
    with transaction.atomic():
        badge = badge or Badge(delegate=delegate)
        if badge.pdf:
            badge.pdf.delete(save=False)
        badge.fingerprint = current
        badge.rendered_at = clock.wall_now()
        badge.pdf.save(f"badge-{delegate.pk}-{current[:12]}.pdf", ContentFile(pdf), save=False)
        badge.save()
    return pdf


@transaction.atomic
def badge_batch_request(*, delegates, by=None):
    """Staff ask for one PDF of these badges; a worker renders it after the commit."""
    from .tasks import enqueue_badge_batch

    pks = list(delegates.values_list("pk", flat=True))
    batch = BadgeBatch.objects.create(requested_by=by, total=len(pks), created_at=clock.now())
    batch.delegates.set(pks)
    transaction.on_commit(lambda: enqueue_badge_batch(batch.pk))
    return batch


def badge_batch_render(*, batch) -> None:
    """Render a claimed batch into one PDF, telling its progress as it goes."""
    from django.core.files.base import ContentFile

    from .badges import delegates_for_badges, render_badges

    def progress(done: int) -> None:
        BadgeBatch.objects.filter(pk=batch.pk).update(done=done)

    delegates = delegates_for_badges(Delegate.objects.filter(pk__in=batch.delegates.all()))
    pdf = render_badges(delegates, progress=progress)
    batch.pdf.save(f"badges-{batch.pk}.pdf", ContentFile(pdf), save=False)
    BadgeBatch.objects.filter(pk=batch.pk).update(
        pdf=batch.pdf.name, status=BadgeBatch.Status.DONE, finished_at=clock.wall_now()
    )


# Speakers' lists -------------------------------------------------------------


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
def floor_requests_set(*, delegate: Delegate, items, by_staff: bool = False) -> None:
    """A delegate says on which agenda items they will take the floor (until the
    deadline). One request per delegation per item: the database holds it."""
    _require_open(delegate.meeting, by_staff)
    _set_floor_requests(delegate=delegate, items=items)


# Bilateral meetings ------------------------------------------------------------


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


# Exports rendered by a worker ----------------------------------------------------


@transaction.atomic
def export_job_request(*, meeting: Meeting, fmt: str, public: bool, by=None):
    """Staff ask for a List of Participants that a worker renders after the commit."""
    from .tasks import enqueue_export_job

    job = ExportJob.objects.create(
        meeting=meeting, fmt=fmt, public=public, requested_by=by, created_at=clock.now()
    )
    transaction.on_commit(lambda: enqueue_export_job(job.pk))
    return job


def export_job_render(*, job) -> None:
    """Render a claimed job's file and mark it ready."""
    import io

    from django.core.files.base import ContentFile

    from . import exports, queries

    buffer = io.BytesIO()
    participants = queries.list_of_participants(job.meeting, public=job.public)
    exports.export(participants, buffer, fmt=job.fmt, meeting=job.meeting, public=job.public)
    name = exports.filename(job.meeting, fmt=job.fmt, public=job.public)
    job.file.save(f"{job.pk}-{name}", ContentFile(buffer.getvalue()), save=False)
    ExportJob.objects.filter(pk=job.pk).update(
        file=job.file.name, status=ExportJob.Status.DONE, finished_at=clock.wall_now()
    )

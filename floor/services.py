"""Every write of the floor app: bilateral invitations and their answers."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from intersessional import clock
from registration import links
from registration.emails import queue_email
from registration.models import Delegation
from registration.services import RegistrationError

from .models import BilateralInvitation


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

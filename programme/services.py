"""Writes to the programme. Each runs in one transaction."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from .models import BilateralSlot, Committee, Meeting


def bilateral_slot_create(
    *,
    meeting: Meeting,
    committee: Committee | None,
    starts_at: datetime,
    ends_at: datetime,
    room: str,
) -> BilateralSlot:
    """A slot for the President (committee=None) or a Committee to meet one delegation.

    Raises ValidationError when the host already has a slot at that time, also when
    another request made that slot a moment earlier: the database's exclusion
    constraint decides the race, and its refusal becomes the same clear message.
    """
    slot = BilateralSlot(
        meeting=meeting, committee=committee, starts_at=starts_at, ends_at=ends_at, room=room
    )
    slot.full_clean()
    try:
        with transaction.atomic():
            slot.save()
    except IntegrityError as error:
        if "bilateral_slot_host_never_double_booked" in str(error):
            raise ValidationError(_("This host already has a slot at that time.")) from error
        raise
    return slot

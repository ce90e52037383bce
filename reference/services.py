"""Every write of the reference data that staff make (the CSV loads are in load.py).

A confirmation here tells no one: reference knows no delegations. The admin confirms
through floor.services (floor/admin.py extends ObligationAdmin), which calls these and
then invites the registered delegations of those States to present their updates."""

from django.db import transaction

from intersessional import clock

from .models import Obligation, confirmed_obligations_by_state


@transaction.atomic
def obligations_confirm(*, obligations) -> int:
    """The ISU confirms obligations it has checked: they are then shown as fact on the
    programme (within its minute of cache) and to the States' delegations."""
    confirmed = Obligation.objects.filter(
        pk__in=[o.pk for o in obligations], confirmed=False
    ).update(confirmed=True, confirmed_at=clock.now())
    # An UPDATE sends no signal: forget this process's copy here (the others' within
    # the minute).
    confirmed_obligations_by_state.forget()
    return confirmed


@transaction.atomic
def obligations_unconfirm(*, obligations) -> int:
    """Take obligations back from the public pages while the ISU checks them again."""
    withdrawn = Obligation.objects.filter(
        pk__in=[o.pk for o in obligations], confirmed=True
    ).update(confirmed=False, confirmed_at=None)
    confirmed_obligations_by_state.forget()
    return withdrawn


@transaction.atomic
def obligation_save(*, obligation: Obligation) -> Obligation:
    """A correction in the admin. Ticking "confirmed" dates the confirmation; unticking
    it takes the row off the public pages."""
    if obligation.confirmed and obligation.confirmed_at is None:
        obligation.confirmed_at = clock.now()
    elif not obligation.confirmed:
        obligation.confirmed_at = None
    obligation.save()
    return obligation

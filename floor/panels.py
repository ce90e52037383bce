"""What floor adds to registration's private-link pages (registered in apps.py; see
registration/extensions.py)."""

from django.template.loader import render_to_string
from django.urls import reverse

from intersessional import clock
from registration.models import Delegate

from . import queries
from .models import BilateralInvitation


def delegation_bilaterals(request, *, page, obj, token) -> str:
    """The delegation's bilateral meetings that are still on."""
    if page != "delegation":
        return ""
    bilaterals = list(
        BilateralInvitation.objects.filter(delegation=obj)
        .select_related("slot__committee")
        .exclude(status=BilateralInvitation.Status.DECLINED)
    )
    if not bilaterals:
        return ""
    return render_to_string(
        "floor/_delegation_bilaterals.html", {"bilaterals": bilaterals}, request=request
    )


def _delegation(page, obj):
    """(delegation, meeting) of a panel's page, or (None, None) for a delegate who is no
    longer active."""
    if page == "delegate":
        if obj.status not in (Delegate.Status.REGISTERED, Delegate.Status.CONFIRMED):
            return None, None
        return obj.delegation, obj.meeting
    return obj, obj.meeting


def updates_invited(request, *, page, obj, token) -> str:
    """Which updates the programme invites from the delegation's State (with the
    Article 5 deadline), and a button that puts it on those speakers' lists."""
    delegation, meeting = _delegation(page, obj)
    if delegation is None:
        return ""
    return updates_panel(
        request,
        delegation=delegation,
        meeting=meeting,
        action=reverse(f"floor:{page}-updates", args=[token]),
    )


def updates_panel(request, *, delegation, meeting, action: str) -> str:
    """The updates panel of a delegation, its button posting to `action`; "" when the
    programme invites no update from its State. Also the page of the e-mail that
    invites the delegation (views.updates_invitation)."""
    updates = queries.invited_updates(delegation, meeting)
    if not updates:
        return ""
    return render_to_string(
        "floor/_updates_panel.html",
        {
            "delegation": delegation,
            "meeting": meeting,
            "updates": updates,
            "all_on_lists": all(update.on_list for update in updates),
            "open": meeting.registration_is_open(clock.now()),
            "action": action,
        },
        request=request,
    )


def statements_link(request, *, page, obj, token) -> str:
    """Where the delegation sends its statements and presentations (no query)."""
    delegation, _meeting = _delegation(page, obj)
    if delegation is None:
        return ""
    return render_to_string(
        "floor/_statements_panel.html",
        {"url": reverse(f"floor:{page}-statements", args=[token])},
        request=request,
    )

"""What sponsorship adds to a delegate's private-link page (registered in apps.py; see
registration/extensions.py): apply, or where the application stands."""

from django.template.loader import render_to_string
from django.urls import reverse

from intersessional import clock

from . import queries, services


def sponsorship(request, *, page, obj, token) -> str:
    if page == "delegation":
        return _members(request, delegation=obj, token=token)
    programme = queries.programme_cached(obj.meeting)
    if programme is None:
        return ""
    # Fetched with the link's row (apps.py: link_related).
    application = getattr(obj, "sponsorship", None)
    if application is None and services.ineligibility(programme, obj, clock.now()):
        return ""
    return render_to_string(
        "sponsorship/_panel.html",
        {
            "programme": programme,
            "application": application,
            "apply_url": reverse("sponsorship:apply", args=[token]),
        },
        request=request,
    )


def _members(request, *, delegation, token) -> str:
    """The focal point applies for members, in an order of priority."""
    programme = queries.programme_cached(delegation.meeting)
    if programme is None or delegation.state_id is None:
        return ""
    members = list(delegation.delegates.active().select_related("sponsorship").order_by("pk"))
    now = clock.now()
    rows = []
    for member in members:
        member.meeting = delegation.meeting
        member.delegation = delegation
        application = getattr(member, "sponsorship", None)
        if application is None and services.ineligibility(programme, member, now):
            continue
        rows.append(
            (
                member,
                application,
                reverse("sponsorship:apply-for-member", args=[token, member.pk]),
            )
        )
    if not rows:
        return ""
    return render_to_string(
        "sponsorship/_members_panel.html",
        {"programme": programme, "rows": rows},
        request=request,
    )

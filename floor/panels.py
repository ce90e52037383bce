"""What floor adds to registration's private-link pages (see registration/panels.py)."""

from django.template.loader import render_to_string

from registration import panels

from .models import BilateralInvitation


@panels.register
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

"""Every change traceable: which models the audit log (django-auditlog) records, and
how a row's history reads in the admin.

Each save and delete of these models writes a LogEntry with the values before and
after, the staff account (actor) and how the change came (privacy/middleware.py:
staff account, private link, public form; none outside a request: the system). The
private-link hashes are masked. The log is personal data too: the retention rule
deletes a meeting's entries with the rest (privacy/parts.py, `audit_log`).
"""

from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.contrib.contenttypes.models import ContentType
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from floor.models import BilateralInvitation
from intersessional import dates
from registration.models import Delegate, Delegation, InterventionRequest
from registration.services import RECHECKED_FIELDS

from .middleware import SYSTEM

# Model: fields left out of the log (they change with every write and say nothing).
TRACKED = {
    Delegate: ["version", "updated_at"],
    Delegation: ["version"],
    InterventionRequest: [],
    BilateralInvitation: [],
}


def register_models() -> None:
    for model, excluded in TRACKED.items():
        if not auditlog.contains(model):
            auditlog.register(
                model,
                # The row's own columns only: left to itself, auditlog also reads each
                # reverse one-to-one (a delegate's badge), a query per save that adds
                # nothing to the entry.
                include_fields=[field.name for field in model._meta.concrete_fields],
                exclude_fields=excluded,
                mask_fields=["access_token_hash"],
            )


def entries_for(obj):
    return (
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(obj), object_pk=str(obj.pk)
        )
        .select_related("actor")
        .order_by("-timestamp", "-pk")
    )


def who(entry) -> str:
    if entry.actor_id:
        return entry.actor.get_username()
    via = (entry.additional_data or {}).get("via")
    return via or SYSTEM


ACTIONS = {
    LogEntry.Action.CREATE: gettext_lazy("created"),
    LogEntry.Action.UPDATE: gettext_lazy("changed"),
    LogEntry.Action.DELETE: gettext_lazy("deleted"),
    LogEntry.Action.ACCESS: gettext_lazy("opened"),
}


def history_html(obj) -> str:
    """A read-only table of the row's history, newest first: when, who, what, before
    and after."""
    entries = list(entries_for(obj)) if obj is not None and obj.pk else []
    if not entries:
        return _("No change recorded yet.")
    rows = []
    for entry in entries:
        changes = entry.changes_display_dict or {}
        detail = format_html_join(
            "",
            "<li><strong>{}</strong>: {} → {}</li>",
            ((field, values[0], values[1]) for field, values in changes.items()),
        )
        rows.append(
            (
                dates.moment(entry.timestamp),
                who(entry),
                ACTIONS.get(entry.action, ACTIONS[LogEntry.Action.UPDATE]),
                format_html("<ul class='audit-changes'>{}</ul>", detail) if changes else "",
            )
        )
    body = format_html_join("", "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>", rows)
    return format_html(
        "<table class='audit-history'><thead><tr><th>{}</th><th>{}</th><th>{}</th>"
        "<th>{}</th></tr></thead><tbody>{}</tbody></table>",
        _("When (Geneva)"),
        _("Who"),
        _("What"),
        _("Before → after"),
        body,
    )


def changes_since_confirmation(delegate) -> list[tuple[str, str, str]]:
    """(field, as confirmed, now) of what the ISU checked (registration's
    RECHECKED_FIELDS) and that changed since the registration was last confirmed, read
    from the history; [] when it is not waiting for confirmation again."""
    if delegate.status != Delegate.Status.REGISTERED:
        return []
    entries = list(reversed(entries_for(delegate)))  # oldest first
    confirmed_at = None
    for index, entry in enumerate(entries):
        status = (entry.changes_dict or {}).get("status")
        if status and status[-1] == Delegate.Status.CONFIRMED:
            confirmed_at = index
    if confirmed_at is None:
        return []
    watched = [f.removesuffix("_id") for f in RECHECKED_FIELDS]
    first, last = {}, {}
    for entry in entries[confirmed_at + 1 :]:
        for field, values in (entry.changes_dict or {}).items():
            if field in watched:
                first.setdefault(field, values[0])
                last[field] = values[-1]
    names = {}
    if "delegation" in first:
        pks = [v for v in (first["delegation"], last["delegation"]) if str(v).isdigit()]
        names = {str(d.pk): d.name for d in Delegation.objects.filter(pk__in=pks)}
    rows = []
    for field in watched:
        if field in first and first[field] != last[field]:
            label = str(Delegate._meta.get_field(field).verbose_name)
            before, after = (names.get(str(v), v) for v in (first[field], last[field]))
            rows.append((label, before, after))
    return rows


def changes_since_confirmation_html(delegate) -> str:
    rows = changes_since_confirmation(delegate)
    if not rows:
        return ""
    return format_html(
        "<p>{}</p><ul class='audit-changes'>{}</ul>",
        _("Confirmed before; changed since through the private link (confirm it again):"),
        format_html_join("", "<li><strong>{}</strong>: {} → {}</li>", rows),
    )

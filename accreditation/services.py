"""Every write of the accreditation app, each one transaction (house style: one
keyword-only function per action). Other apps call these: documents (visa letters),
sponsorship (applications) read and give identity details through
`identity_details_of` and `give_identity_details`."""

from auditlog.models import LogEntry
from django.db import transaction

from intersessional import clock
from reference.models import State
from registration.models import Delegate

from .models import IdentityDetails

# What a person gives, in the order of the form.
IDENTITY_FIELDS = [
    "name_in_document",
    "nationality",
    "date_of_birth",
    "document_type",
    "document_number",
    "document_expires_on",
]
# In the audit log an identity detail is never written, only that it changed.
HIDDEN = "•••"


def audit(instance, *, action, changes: dict, by=None, via: str = "") -> LogEntry:
    """An audit log entry (django-auditlog's, as privacy/audit.py's models write) for
    a row of this app, written by hand so that no value of an identity detail or a
    file's content ever reaches the log: `changes` is {field: [before, after]} as the
    caller chooses to show it. The entry names the row by its number, not the person."""
    return LogEntry.objects.log_create(
        instance,
        action=action,
        changes=changes,
        actor=by if by is not None and by.is_authenticated else None,
        additional_data={"via": via or ("staff account" if by is not None else "private link")},
        object_repr=f"{instance._meta.verbose_name} #{instance.pk}",
        force_log=True,
    )


def identity_details_of(delegate: Delegate) -> IdentityDetails | None:
    """The delegate's identity details, or None when they gave none (or they were
    deleted after the meeting)."""
    return IdentityDetails.objects.filter(delegate=delegate).first()


def _alpha3(nationality) -> str:
    return nationality.alpha3 if isinstance(nationality, State) else str(nationality).upper()


@transaction.atomic
def give_identity_details(*, delegate: Delegate, data: dict, by=None) -> IdentityDetails:
    """Create or update the delegate's identity details from `data` (the cleaned data of
    forms.IdentityDetailsForm: `nationality` a State or its alpha-3 code). `by`: the
    staff account that typed them, None for the person through their private link.
    The audit log records which fields changed, never their values."""
    now = clock.now()
    details = IdentityDetails.objects.select_for_update().filter(delegate=delegate).first()
    created = details is None
    if created:
        details = IdentityDetails(delegate=delegate, given_at=now)
    values = {field: data[field] for field in IDENTITY_FIELDS if field in data}
    if "nationality" in values:
        values["nationality"] = _alpha3(values["nationality"])
    values.setdefault("name_in_document", details.name_in_document or "")
    changed = [f for f, value in values.items() if created or getattr(details, f) != value]
    for field, value in values.items():
        setattr(details, field, value)
    if not created and not changed:
        return details
    details.updated_at = now
    details.full_clean(exclude=["delegate"])
    details.save()
    audit(
        details,
        action=LogEntry.Action.CREATE if created else LogEntry.Action.UPDATE,
        changes={field: ["" if created else HIDDEN, HIDDEN] for field in changed},
        by=by,
    )
    return details

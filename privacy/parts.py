"""What each app holds about people, and how it goes: one small function per app and
kind of record, so that each app's part can be read, tested and extended alone.

- ANONYMISERS run in order, in one transaction, for a `Scope` (a whole meeting when
  its retention period is over, or one person on request). Each returns the `Line`s
  of what it did (or, on a dry run, would do): counts, never a name.
- EXPORTERS build a person's own copy of their data (the JSON download of the
  private-link page): each returns `(key, value)` with JSON-ready values.

**Adding an app** that keeps personal data: write
`anonymise_<what>(scope) -> list[Line]` and `export_<what>(delegate) -> (key, value)`
here, append them to the two lists, and say in docs/privacy.md what it
keeps. Files are removed with `_delete_files` (after the commit, so a rollback loses
nothing). `tests/privacy/test_retention.py` searches every text column of every table
and every file of the media folder for the original names and addresses: a part that
is forgotten fails it.
"""

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from auditlog.models import LogEntry
from django.contrib.admin.models import LogEntry as AdminLogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Case, CharField, F, Q, Value, When
from django.db.models.functions import Cast, Concat, Lower

from accreditation.models import AccessNeeds, IdentityDetails, Nomination, Photo
from checkin.models import Checkin
from documents.models import Badge, BadgeBatch, Certificate, ExportJob, VisaLetter
from floor.models import BilateralInvitation, Statement, UpdatesInvitation
from outbox.models import Notification
from outbox.writing import Gone, write
from programme.models import Meeting
from registration.emails import reference_for
from registration.models import Delegate, Delegation, InterventionRequest
from sponsorship.models import Application, Travel

from . import audit
from .models import ErasureRequest

ANONYMISED_NAME = "Anonymised"
ANONYMISED_DOMAIN = "anonymised.invalid"
OTHER_REMOVED = "(removed by the retention rule)"


@dataclass
class Scope:
    """Whose data goes. `delegation_ids`: delegations whose focal point and links go
    too (a whole meeting's, or the one whose focal point is the person erased)."""

    meeting: Meeting
    delegate_ids: list[int]
    delegation_ids: list[int]
    # The original addresses, lowercased, found before anything changes.
    emails: set[str]
    whole_meeting: bool
    keep_published_list: bool
    dry_run: bool
    now: datetime
    by: object = None  # the staff account, or None: the system
    via: str = "system"
    files: list = field(default_factory=list)


@dataclass(frozen=True)
class Line:
    count: int
    what: str

    def __str__(self):
        return f"{self.count} {self.what}"


def scope_for_meeting(meeting, **options) -> Scope:
    delegates = Delegate.objects.filter(meeting=meeting)
    delegations = Delegation.objects.filter(meeting=meeting)
    emails = {e.lower() for e in delegates.values_list("email", flat=True)}
    emails |= {e.lower() for e in delegations.values_list("focal_point_email", flat=True) if e}
    return Scope(
        meeting=meeting,
        delegate_ids=list(delegates.values_list("pk", flat=True)),
        delegation_ids=list(delegations.values_list("pk", flat=True)),
        emails=emails,
        whole_meeting=True,
        **options,
    )


def scope_for_delegate(delegate, **options) -> Scope:
    delegation = delegate.delegation
    # The person erased may also be their delegation's focal point.
    focal = delegation.focal_point_email.lower() == delegate.email.lower()
    return Scope(
        meeting=delegate.meeting,
        delegate_ids=[delegate.pk],
        delegation_ids=[delegation.pk] if focal else [],
        emails={delegate.email.lower()},
        whole_meeting=False,
        **options,
    )


def _delete_files(scope: Scope, rows, *file_fields: str) -> None:
    for row in rows:
        for name in file_fields:
            file = getattr(row, name)
            if file:
                scope.files.append((file.storage, file.name))


# The anonymisers, one per app and kind of record ------------------------------------


def anonymise_outbox(scope: Scope) -> list[Line]:
    """E-mails to the people: the address and every body go; the row (kind, status,
    when) stays as the trace that an e-mail was sent. One not yet sent is not sent."""
    references = [reference_for(Delegate(pk=pk)) for pk in scope.delegate_ids]
    rows = (
        Notification.objects.annotate(to_lower=Lower("to_email"))
        .filter(Q(reference__in=references) | Q(to_lower__in=scope.emails))
        .exclude(to_email="", subject="", body_text="")
    )
    count = rows.count()
    if not scope.dry_run:
        Notification.objects.filter(pk__in=rows.values("pk")).update(
            to_email="",
            subject="",
            body_text="",
            body_html="",
            ics="",
            values={},
            last_error="",
            status=Case(
                When(
                    status__in=[Notification.Status.PENDING, Notification.Status.SENDING],
                    then=Value(Notification.Status.FAILED),
                ),
                default=F("status"),
            ),
        )
    return [Line(count, "e-mails emptied (address, subject, bodies, calendar)")]


def anonymise_badges(scope: Scope) -> list[Line]:
    badges = list(Badge.objects.filter(delegate_id__in=scope.delegate_ids))
    batches = list(BadgeBatch.objects.filter(delegates__in=scope.delegate_ids).distinct())
    if not scope.dry_run:
        _delete_files(scope, badges, "pdf")
        _delete_files(scope, batches, "pdf")
        Badge.objects.filter(pk__in=[b.pk for b in badges]).delete()
        BadgeBatch.objects.filter(pk__in=[b.pk for b in batches]).delete()
    return [
        Line(len(badges), "rendered badges deleted (PDF files)"),
        Line(len(batches), "badge print batches deleted (PDF files)"),
    ]


def anonymise_letters(scope: Scope) -> list[Line]:
    """Visa letters (most went with the identity details, documents/retention.py) and
    certificates of attendance: rows and PDFs. Their codes no longer verify."""
    letters = list(VisaLetter.objects.filter(delegate_id__in=scope.delegate_ids))
    certificates = list(Certificate.objects.filter(delegate_id__in=scope.delegate_ids))
    if not scope.dry_run:
        _delete_files(scope, letters, "pdf")
        _delete_files(scope, certificates, "pdf")
        VisaLetter.objects.filter(pk__in=[x.pk for x in letters]).delete()
        Certificate.objects.filter(pk__in=[x.pk for x in certificates]).delete()
    return [
        Line(len(letters), "visa support letters deleted (PDF files)"),
        Line(len(certificates), "certificates of attendance deleted (PDF files)"),
    ]


def anonymise_photos(scope: Scope) -> list[Line]:
    """Badge photos: the rows and both files (the photo and its badge rendition) go."""
    photos = list(Photo.objects.filter(delegate_id__in=scope.delegate_ids))
    if not scope.dry_run:
        _delete_files(scope, photos, "image", "badge_image")
        Photo.objects.filter(pk__in=[p.pk for p in photos]).delete()
    return [Line(len(photos), "photos deleted (files)")]


def anonymise_exports(scope: Scope) -> list[Line]:
    """Lists of Participants rendered by a worker. The published (public) list is kept
    as published when the ISU chooses to keep it (PERSONAL_DATA_KEEP_PUBLISHED_LIST)."""
    jobs = ExportJob.objects.filter(meeting=scope.meeting)
    kept = jobs.filter(public=True, status=ExportJob.Status.DONE)
    if scope.keep_published_list:
        jobs = jobs.exclude(pk__in=kept.values("pk"))
    jobs = list(jobs)
    if not scope.dry_run:
        _delete_files(scope, jobs, "file")
        ExportJob.objects.filter(pk__in=[j.pk for j in jobs]).delete()
    lines = [Line(len(jobs), "exports deleted (files)")]
    if scope.keep_published_list:
        lines.append(Line(kept.count(), "published Lists of Participants kept as published"))
    return lines


def anonymise_statements(scope: Scope) -> list[Line]:
    """Statements and presentations are the delegation's, not a person's: a published
    one is part of the meeting's record and stays; the file of one never published
    (which may name people) goes. Every row stays with its two answers for the figures;
    the name the file was sent under goes (it may hold a name). A whole meeting only."""
    if not scope.whole_meeting:
        return []
    rows = Statement.objects.filter(delegation_id__in=scope.delegation_ids)
    unpublished = list(rows.filter(published_at__isnull=True).exclude(file=""))
    if not scope.dry_run:
        _delete_files(scope, unpublished, "file")
        Statement.objects.filter(pk__in=[s.pk for s in unpublished]).update(file="")
        rows.update(original_name="")
    return [Line(len(unpublished), "unpublished statements' files deleted")]


def anonymise_sponsorship(scope: Scope) -> list[Line]:
    """Sponsorship applications and travel: what the person wrote, the reasons given to
    them, the itinerary, the nomination letter and the sponsorship letter go; the
    statuses, the costs and the obligation stay for the coordinator's report.
    (Passports, birth dates and nomination letters went long before, 30 days after
    the meeting: sponsorship.services.personal_data_delete.)"""
    applications = Application.objects.filter(delegate_id__in=scope.delegate_ids)
    travel = Travel.objects.filter(application__delegate_id__in=scope.delegate_ids)
    count = applications.exclude(implementation_role="").count()
    if not scope.dry_run:
        _delete_files(scope, applications.exclude(nomination=""), "nomination")
        _delete_files(scope, travel.exclude(letter=""), "letter")
        applications.update(
            implementation_role="",
            departure_city="",
            reason="",
            nomination="",
            nomination_name="",
            access_token_hash="",
            version=F("version") + 1,
        )
        travel.update(itinerary="", hotel="", letter="")
    return [Line(count, "sponsorship applications emptied (texts, letters, private links)")]


def _accreditation_log(model, pks) -> Q:
    return Q(
        content_type=ContentType.objects.get_for_model(model),
        object_pk__in=[str(pk) for pk in pks],
    )


def anonymise_accreditation(scope: Scope) -> list[Line]:
    """Identity details go (most went IDENTITY_DETAILS_RETENTION_DAYS after the meeting:
    accreditation/services.py); the nominations' files and rows go with the meeting (a
    note verbale is the delegation's, not one person's: a person's erasure keeps it);
    accessibility needs keep their three answers for the figures, and lose their free
    text. The audit entries of these rows go too (AccessNeeds' held the text)."""
    identity = IdentityDetails.objects.filter(delegate_id__in=scope.delegate_ids)
    identity_pks = list(identity.values_list("pk", flat=True))
    needs = AccessNeeds.objects.filter(delegate_id__in=scope.delegate_ids)
    needs_pks = list(needs.values_list("pk", flat=True))
    nominations = (
        list(Nomination.objects.filter(delegation_id__in=scope.delegation_ids))
        if scope.whole_meeting
        else []
    )
    if not scope.dry_run:
        LogEntry.objects.filter(
            _accreditation_log(IdentityDetails, identity_pks)
            | _accreditation_log(AccessNeeds, needs_pks)
            | _accreditation_log(Nomination, [n.pk for n in nominations])
        ).delete()
        IdentityDetails.objects.filter(pk__in=identity_pks).delete()
        # A marker, not "": the figures count who asked for something else.
        needs.exclude(other="").exclude(other=OTHER_REMOVED).update(
            other=OTHER_REMOVED, updated_at=scope.now
        )
        _delete_files(scope, nominations, "file")
        Nomination.objects.filter(pk__in=[n.pk for n in nominations]).delete()
    return [
        Line(len(identity_pks), "identity details deleted"),
        Line(len(nominations), "nominations deleted (files)"),
        Line(len(needs_pks), "accessibility needs kept, their free text removed"),
    ]


def anonymise_delegates(scope: Scope) -> list[Line]:
    """Names, title, function, badge name, e-mail and private link go; what the figures
    count stays: delegation (category, State or organisation), role, gender, age band,
    status, late registration, requests for the floor."""
    rows = Delegate.objects.filter(pk__in=scope.delegate_ids)
    count = rows.exclude(given_name=ANONYMISED_NAME).count()
    if not scope.dry_run:
        pk = Cast("pk", CharField())
        rows.update(
            title="",
            given_name=ANONYMISED_NAME,
            family_name=Concat(Value("#"), pk),
            badge_name="",
            function="",
            # Still one address per delegate: the unique index on the meeting holds.
            email=Concat(Value("delegate-"), pk, Value(f"@{ANONYMISED_DOMAIN}")),
            public_list_consent=False,
            access_token_hash="",
            version=F("version") + 1,
            updated_at=scope.now,
        )
    return [Line(count, "delegates anonymised")]


def anonymise_delegations(scope: Scope) -> list[Line]:
    rows = Delegation.objects.filter(pk__in=scope.delegation_ids)
    count = rows.exclude(focal_point_name="", focal_point_email="", access_token_hash="").count()
    invitations = BilateralInvitation.objects.filter(delegation_id__in=scope.delegation_ids)
    updates = UpdatesInvitation.objects.filter(delegation_id__in=scope.delegation_ids)
    if not scope.dry_run:
        rows.update(
            focal_point_name="",
            focal_point_email="",
            access_token_hash="",
            version=F("version") + 1,
        )
        invitations.update(access_token_hash="")
        updates.update(access_token_hash="")
    return [Line(count, "delegations' focal points removed (name, e-mail, private links)")]


def anonymise_erasure_requests(scope: Scope) -> list[Line]:
    rows = ErasureRequest.objects.filter(
        delegate_id__in=scope.delegate_ids, status=ErasureRequest.Status.OPEN
    )
    count = rows.count()
    if not scope.dry_run:
        rows.update(status=ErasureRequest.Status.DONE, handled_at=scope.now, handled_by=scope.by)
    return [Line(count, "requests for erasure answered")]


def _logged_rows(scope: Scope) -> Q:
    def rows(model, pks) -> Q:
        ct = ContentType.objects.get_for_model(model)
        return Q(content_type=ct, object_pk__in=[str(pk) for pk in pks])

    requests = InterventionRequest.objects.filter(speaker_id__in=scope.delegate_ids)
    invitations = BilateralInvitation.objects.filter(delegation_id__in=scope.delegation_ids)
    applications = Application.objects.filter(delegate_id__in=scope.delegate_ids)
    travel = Travel.objects.filter(application__in=applications)
    return (
        rows(Application, applications.values_list("pk", flat=True))
        | rows(Travel, travel.values_list("pk", flat=True))
        | rows(Delegate, scope.delegate_ids)
        | rows(Delegation, scope.delegation_ids)
        | rows(InterventionRequest, requests.values_list("pk", flat=True))
        | rows(BilateralInvitation, invitations.values_list("pk", flat=True))
    )


def anonymise_audit_log(scope: Scope) -> list[Line]:
    """The history of these rows held every value they ever had: it goes, and one
    entry per delegate says when and by whom they were anonymised. Django's own admin
    log keeps its entries (what was changed, by whom) without the person's name."""
    entries = LogEntry.objects.filter(_logged_rows(scope))
    count = entries.count()
    delegate_type = ContentType.objects.get_for_model(Delegate)
    admin_entries = AdminLogEntry.objects.filter(
        content_type=delegate_type, object_id__in=[str(pk) for pk in scope.delegate_ids]
    )
    if not scope.dry_run:
        entries.delete()
        admin_entries.update(object_repr=Concat(Value(f"{ANONYMISED_NAME} #"), "object_id"))
        LogEntry.objects.bulk_create(
            LogEntry(
                content_type=delegate_type,
                object_pk=str(pk),
                object_id=pk,
                object_repr=f"{ANONYMISED_NAME} #{pk}",
                action=LogEntry.Action.UPDATE,
                changes={"personal data": ["held", "anonymised"]},
                actor=scope.by,
                additional_data={"via": scope.via},
                timestamp=scope.now,
            )
            for pk in scope.delegate_ids
        )
    return [Line(count, "audit log entries deleted (their before and after values)")]


Anonymiser = Callable[[Scope], list[Line]]

# In this order: the outbox is found by the addresses before they go; the audit log
# last, so that nothing after it writes a history with the old values.
ANONYMISERS: list[Anonymiser] = [
    anonymise_outbox,
    anonymise_badges,
    anonymise_letters,
    anonymise_photos,
    anonymise_exports,
    anonymise_statements,
    anonymise_sponsorship,
    anonymise_accreditation,
    anonymise_delegates,
    anonymise_delegations,
    anonymise_erasure_requests,
    anonymise_audit_log,
]


def run(scope: Scope) -> list[Line]:
    """Every part, in one transaction; the files go once it has committed."""
    with transaction.atomic():
        lines = [line for part in ANONYMISERS for line in part(scope)]
        files = list(scope.files)
        transaction.on_commit(lambda: [storage.delete(name) for storage, name in files])
    return lines


# The exporters: a person's own copy of what the site holds about them -------------


def _fields(obj, *, leave_out=()) -> dict:
    """Every column of the row, as a person reads it (a related row by its name)."""
    data = {}
    for f in obj._meta.concrete_fields:
        if f.name in leave_out:
            continue
        if f.is_relation:
            related = getattr(obj, f.name)
            data[f.name] = str(related) if related is not None else None
        elif f.name == "access_token_hash":
            data[f.name] = (
                "(only a fingerprint of your private link is kept)" if getattr(obj, f.name) else ""
            )
        else:
            data[f.name] = f.value_from_object(obj)
    return data


def export_registration(delegate) -> tuple[str, dict]:
    delegation = delegate.delegation
    requests = InterventionRequest.objects.filter(speaker=delegate).select_related("agenda_item")
    return "registration", {
        "delegate": _fields(delegate),
        "delegation": {
            "name": delegation.name,
            "category": delegation.get_category_display(),
            "you_are_its_focal_point": delegation.focal_point_email.lower()
            == delegate.email.lower(),
        },
        "requests_for_the_floor": [
            {"agenda_item": str(r.agenda_item), "asked_at": r.requested_at, "spoke": r.spoke}
            for r in requests
        ],
    }


def export_sponsorship(delegate) -> tuple[str, dict | None]:
    application = Application.objects.filter(delegate=delegate).select_related("obligation").first()
    if application is None:
        return "sponsorship", None
    travel = Travel.objects.filter(application=application).first()
    return "sponsorship", {
        "application": _fields(
            application, leave_out=("programme", "delegate", "nomination", "decided_by")
        ),
        "travel": _fields(travel, leave_out=("application", "recorded_by", "letter"))
        if travel
        else None,
    }


def export_outbox(delegate) -> tuple[str, list]:
    rows = Notification.objects.filter(
        Q(reference=reference_for(delegate)) | Q(to_email__iexact=delegate.email)
    ).order_by("created_at")
    emails = []
    for n in rows:
        if n.values:
            # Not written yet (the worker writes it when it sends it): as it will read.
            with contextlib.suppress(Gone):
                n.subject, n.body_text, n.body_html = write(
                    kind=n.kind, language=n.language, values=n.values
                )
        leave_out = ("reference", "claimed_at", "next_attempt_at", "last_error", "values")
        emails.append(_fields(n, leave_out=leave_out))
    return "emails", emails


def export_documents(delegate) -> tuple[str, dict]:
    badge = Badge.objects.filter(delegate=delegate).first()
    certificate = Certificate.objects.filter(delegate=delegate).first()
    return "documents", {
        "badge_rendered_at": badge.rendered_at if badge else None,
        "badge_print_batches": BadgeBatch.objects.filter(delegates=delegate).count(),
        "visa_support_letters": [
            _fields(letter, leave_out=("id", "delegate", "code", "pdf", "claimed_at"))
            for letter in VisaLetter.objects.filter(delegate=delegate)
        ],
        "certificate_of_attendance": _fields(
            certificate, leave_out=("id", "delegate", "code", "pdf", "claimed_at")
        )
        if certificate
        else None,
    }


def export_photo(delegate) -> tuple[str, dict | None]:
    """What is known of the photo (the picture itself is on the private-link page)."""
    photo = Photo.objects.filter(delegate=delegate).first()
    if photo is None:
        return "photo", None
    return "photo", {
        "sent_at": photo.uploaded_at,
        "width": photo.width,
        "height": photo.height,
        "status": photo.get_status_display(),
        "reason_for_the_rejection": photo.get_rejection_reason_display(),
        "note": photo.rejection_note,
        "decided_at": photo.decided_at,
    }


def export_checkins(delegate) -> tuple[str, list]:
    """Attendance: kept through the anonymisation (the figures count who came), and a
    row holds no name or text; the person still gets their copy."""
    rows = Checkin.objects.filter(delegate=delegate).select_related("checkin_list")
    return "entries_at_the_door", [
        {"list": str(c.checkin_list), "at": c.at, "method": c.get_method_display()}
        for c in rows.order_by("at")
    ]


def export_audit_log(delegate) -> tuple[str, list]:
    return "history", [
        {
            "when": entry.timestamp,
            "who": audit.who(entry),
            "what": str(audit.ACTIONS.get(entry.action, "")),
            "changes": entry.changes_dict,
        }
        for entry in audit.entries_for(delegate)
    ]


def export_accreditation(delegate) -> tuple[str, dict]:
    """Their identity details (decrypted: they are theirs), their accessibility needs,
    and where their delegation's nominations stand."""
    identity = IdentityDetails.objects.filter(delegate=delegate).first()
    needs = AccessNeeds.objects.filter(delegate=delegate).first()
    nominations = Nomination.objects.filter(delegation_id=delegate.delegation_id)
    return "accreditation", {
        "identity_details": _fields(identity, leave_out=("id", "delegate")) if identity else None,
        "accessibility_needs": _fields(needs, leave_out=("id", "delegate")) if needs else None,
        "delegation_nominations": [
            {
                "sent_at": n.uploaded_at,
                "received_on": n.received_on,
                "checked_on": n.checked_on,
                "names_you": n.members.filter(pk=delegate.pk).exists(),
            }
            for n in nominations
        ],
    }


def export_erasure_requests(delegate) -> tuple[str, list]:
    rows = ErasureRequest.objects.filter(delegate=delegate)
    return "requests_for_erasure", [
        {"asked_at": r.requested_at, "status": r.get_status_display()} for r in rows
    ]


Exporter = Callable[[Delegate], tuple[str, object]]

EXPORTERS: list[Exporter] = [
    export_registration,
    export_sponsorship,
    export_outbox,
    export_documents,
    export_photo,
    export_checkins,
    export_accreditation,
    export_audit_log,
    export_erasure_requests,
]

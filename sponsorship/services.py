"""Every write of the Sponsorship Programme, one function per change of state, each in
one transaction and audited (django-auditlog records who and when: privacy/audit.py).

The budget is held by a lock, not a warning: every offer locks its programme's row
(SELECT ... FOR UPDATE) and counts what is committed inside it, so two committee
members offering at once are counted one after the other, and the second is refused
if both would exceed the budget. A decision carries the version of the application
the member saw: a decision taken on an older page is refused, never saved over
another member's."""

from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from accreditation.models import IdentityDetails
from accreditation.services import give_identity_details
from intersessional import clock, dates
from registration import links
from registration.models import Category, Delegate

from . import tasks
from .emails import email
from .models import Application, NominationDownload, Programme, Travel

ACTIVE = [Delegate.Status.REGISTERED, Delegate.Status.CONFIRMED]
ADULT_AGE = 18
# The Schengen rule: a passport valid at least three months after the stay.
PASSPORT_MONTHS_AFTER = 3


class SponsorshipError(Exception):
    """A refusal with a message for the person and, where it belongs to one, a field."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


def programme_for(meeting) -> Programme | None:
    return Programme.objects.filter(meeting=meeting).first()


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def age_on(born: date, day: date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def passport_must_be_valid_until(meeting) -> date:
    return add_months(meeting.ends_on, PASSPORT_MONTHS_AFTER)


def check_identity(meeting, *, date_of_birth: date, document_expires_on: date) -> None:
    """The sponsorship's own rules on the identity details: no minor, and a passport
    valid three months after the meeting (the Schengen rule)."""
    if age_on(date_of_birth, meeting.starts_on) < ADULT_AGE:
        raise SponsorshipError(
            _("The Sponsorship Programme sponsors adults only: check the date of birth."),
            field="date_of_birth",
        )
    until = passport_must_be_valid_until(meeting)
    if document_expires_on < until:
        raise SponsorshipError(
            _(
                "The passport must be valid until at least %(day)s, three months after "
                "the meeting (the Schengen rule). Please renew it before applying."
            )
            % {"day": dates.long_date(until)},
            field="document_expires_on",
        )


def ineligibility(programme: Programme, delegate: Delegate, now) -> str | None:
    """Why this delegate may not apply, or None."""
    if not programme.applications_open or now > programme.deadline:
        return _("Applications for sponsorship are closed.")
    if delegate.status not in ACTIVE:
        return _("Only a registered delegate may apply for sponsorship.")
    delegation = delegate.delegation
    state = delegation.state
    if state is None:
        return _("Only delegates of States may apply for sponsorship.")
    # The delegate's meeting is the programme's, and at hand (the programme may come from
    # the cache without it: queries.programme_cached).
    party = state.is_party_on(delegate.meeting.starts_on)
    if not party and not programme.states_not_party_may_apply:
        return _("Only delegates of States Parties may apply for sponsorship.")
    if delegation.category not in (Category.STATE_PARTY, Category.STATE_NOT_PARTY):
        return _("Only delegates of States may apply for sponsorship.")
    return None


def application_submit(
    *, programme: Programme, delegate: Delegate, data: dict, identity: dict, priority=None
) -> tuple[Application, str]:
    """A delegate (or their focal point, with a `priority`) applies. `data` holds the
    form's cleaned application fields (and the nomination letter as an upload whose type
    was read from its bytes), `identity` the identity details. Returns the application
    and its private link's token."""
    now = clock.now()
    refusal = ineligibility(programme, delegate, now)
    if refusal:
        raise SponsorshipError(refusal)
    check_identity(
        programme.meeting,
        date_of_birth=identity["date_of_birth"],
        document_expires_on=identity["document_expires_on"],
    )
    with transaction.atomic():
        locked = Delegate.objects.select_for_update().get(pk=delegate.pk)
        if Application.objects.filter(delegate=locked).exists():
            raise SponsorshipError(_("This person has already applied for sponsorship."))
        # Given once, shared with accreditation (its audit says what changed, never values).
        give_identity_details(delegate=locked, data=identity)
        upload = data.get("nomination")
        application = Application(
            programme=programme,
            delegate=locked,
            priority=priority,
            obligation=data.get("obligation"),
            implementation_role=data["implementation_role"],
            departure_city=data["departure_city"],
            needs_schengen_visa=data["needs_schengen_visa"],
            applied_at=now,
        )
        if upload is not None:
            application.nomination_type = data["nomination_type"]
            application.nomination_name = data["nomination_name"]
            application.nomination.save("letter", upload, save=False)
        token = links.issue_token(application)
        try:
            with transaction.atomic():
                application.save()
        except IntegrityError:
            raise SponsorshipError(_("This person has already applied for sponsorship.")) from None
        email(application, "sponsorship_received", token)
    return application, token


def committed(programme: Programme) -> Decimal:
    """What the offers open or accepted hold, at their estimate or, once the ticket
    is booked, at its real cost."""
    rows = Application.objects.filter(programme=programme, status__in=Application.COMMITTED)
    booked = rows.filter(travel__isnull=False).aggregate(
        t=Sum("travel__ticket_cost_chf"), a=Sum("travel__allowance_chf")
    )
    estimated = rows.filter(travel__isnull=True).aggregate(e=Sum("estimate_chf"))["e"]
    return (booked["t"] or 0) + (booked["a"] or 0) + (estimated or 0)


class Decision:
    OFFER = "offer"
    WAIT_LIST = "wait_list"
    DECLINE = "decline"
    STATUS = {
        OFFER: Application.Status.OFFERED,
        WAIT_LIST: Application.Status.WAIT_LISTED,
        DECLINE: Application.Status.NOT_OFFERED,
    }


# Where each decision may be taken from.
DECIDABLE = [
    Application.Status.APPLIED,
    Application.Status.WAIT_LISTED,
    Application.Status.NOT_OFFERED,
]


def application_decide(
    *, application: Application, decision: str, reason: str, version: int, by
) -> Application:
    """The committee offers, wait-lists or declines, with a reason e-mailed in the
    person's language. An offer is refused when it would exceed the budget or the
    offers per State."""
    if decision not in Decision.STATUS:
        raise SponsorshipError(_("Choose offer, wait-list or decline."), field="decision")
    if not reason.strip():
        raise SponsorshipError(_("Give the reason the person will read."), field="reason")
    now = clock.now()
    with transaction.atomic():
        # The programme's row first, always: offers are counted one at a time.
        programme = Programme.objects.select_for_update().get(pk=application.programme_id)
        locked = (
            Application.objects.select_for_update(of=("self",))
            .select_related("delegate__delegation__state")
            .get(pk=application.pk)
        )
        if locked.version != version:
            raise SponsorshipError(
                _("Another member decided on this application meanwhile: see it again.")
            )
        if locked.status not in DECIDABLE:
            raise SponsorshipError(_("This application was already decided."))
        status = Decision.STATUS[decision]
        if status == Application.Status.OFFERED:
            estimate = programme.estimate()
            state = locked.delegate.delegation.state
            offered = Application.objects.filter(
                programme=programme,
                status__in=Application.COMMITTED,
                delegate__delegation__state=state,
            ).count()
            if offered >= programme.offers_per_state:
                raise SponsorshipError(
                    _("This State already has %(n)s offer(s), the most the programme allows.")
                    % {"n": offered}
                )
            spent = committed(programme)
            if spent + estimate > programme.budget_chf:
                raise SponsorshipError(
                    _(
                        "Refused: this offer (CHF %(estimate)s) would commit CHF %(total)s, "
                        "more than the budget of CHF %(budget)s."
                    )
                    % {
                        "estimate": estimate,
                        "total": spent + estimate,
                        "budget": programme.budget_chf,
                    }
                )
            locked.estimate_chf = estimate
            locked.answer_by = now.astimezone(clock.GENEVA).date() + timedelta(
                days=programme.days_to_answer
            )
        locked.status = status
        locked.reason = reason.strip()
        locked.decided_at = now
        locked.decided_by = by
        locked.version += 1
        token = links.issue_token(locked)
        locked.save()
        email(locked, "sponsorship_decision", token)
    return locked


def offer_answer(*, application: Application, accept: bool) -> bool:
    """The person accepts or declines their offer through the private link, by its
    date. Returns False when it was already answered."""
    now = clock.now()
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if locked.status != Application.Status.OFFERED:
            return False
        if now.astimezone(clock.GENEVA).date() > locked.answer_by:
            raise SponsorshipError(_("The date to answer this offer has passed."))
        locked.status = Application.Status.ACCEPTED if accept else Application.Status.OFFER_DECLINED
        locked.answered_at = now
        locked.version += 1
        locked.save()
    application.refresh_from_db()
    return True


def offers_lapse(*, today=None) -> int:
    """Offers not answered by their date lapse, and free their part of the budget."""
    today = today or clock.now().astimezone(clock.GENEVA).date()
    lapsed = 0
    for application in Application.objects.filter(
        status=Application.Status.OFFERED, answer_by__lt=today
    ):
        with transaction.atomic():
            lapsed += Application.objects.filter(
                pk=application.pk, status=Application.Status.OFFERED
            ).update(status=Application.Status.OFFER_LAPSED, version=application.version + 1)
    return lapsed


def wait_list_next(programme: Programme) -> Application | None:
    """The first of the wait list: the focal point's priority, then who applied first."""
    return (
        Application.objects.filter(programme=programme, status=Application.Status.WAIT_LISTED)
        .select_related("delegate__delegation__state")
        .order_by("priority", "applied_at")
        .first()
    )


def travel_record(*, application: Application, data: dict, issue: bool, by) -> Travel:
    """The travel administrator records the ticket, hotel and allowance; `issue` marks
    the ticket issued, which renders the sponsorship letter (a worker) and e-mails the
    person their travel with it."""
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if locked.status != Application.Status.ACCEPTED:
            raise SponsorshipError(_("Only an accepted offer gets travel."))
        travel, _created = Travel.objects.update_or_create(
            application=locked, defaults={**data, "recorded_by": by}
        )
        if issue and travel.issued_at is None:
            travel.issued_at = clock.now()
            travel.save(update_fields=["issued_at"])
            transaction.on_commit(lambda: tasks.enqueue_letter(travel.pk))
    return travel


def nomination_downloaded(*, application: Application, by) -> None:
    NominationDownload.objects.create(application=application, by=by, at=clock.now())


# Personal data -------------------------------------------------------------------


def personal_data_due_on(meeting) -> date:
    return meeting.ends_on + timedelta(days=settings.SPONSORSHIP_PERSONAL_DATA_DAYS)


def personal_data_delete(*, meeting, dry_run: bool = False) -> list[str]:
    """Passport numbers, dates of birth (the identity details of everyone who applied)
    and nomination letters go SPONSORSHIP_PERSONAL_DATA_DAYS after the meeting, well
    before the rest; every count of the report stays (it reads none of them)."""
    applications = Application.objects.filter(programme__meeting=meeting)
    letters = list(applications.exclude(nomination=""))
    identities = IdentityDetails.objects.filter(delegate__sponsorship__programme__meeting=meeting)
    counts = [
        f"{len(letters)} nomination letters deleted",
        f"{identities.count()} identity details deleted (passport, date of birth)",
    ]
    if dry_run:
        return counts
    files = [(a.nomination.storage, a.nomination.name) for a in letters]
    with transaction.atomic():
        identities.delete()
        applications.update(nomination="", nomination_name="", personal_data_deleted_at=clock.now())
        transaction.on_commit(lambda: [storage.delete(name) for storage, name in files])
    return counts


def personal_data_apply() -> list[str]:
    """What the daily beat task runs: every meeting past its day, once."""
    from programme.models import Meeting

    today = clock.now().astimezone(clock.GENEVA).date()
    cutoff = today - timedelta(days=settings.SPONSORSHIP_PERSONAL_DATA_DAYS)
    done = Application.objects.filter(personal_data_deleted_at__isnull=False).values(
        "programme__meeting"
    )
    report = []
    for meeting in Meeting.objects.filter(ends_on__lt=cutoff).exclude(pk__in=done):
        if Application.objects.filter(programme__meeting=meeting).exists():
            report += [f"{meeting}: {line}" for line in personal_data_delete(meeting=meeting)]
    return report

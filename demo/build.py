"""Build the demo meeting by replaying its weeks through the site's own services.

Nothing is written to a table directly: each registration, confirmation, withdrawal,
request for the floor, bilateral invitation and answer, upload, badge batch, check-in,
"spoke" tick and publication goes through the service a person or the ISU would use,
with the site's clock moved to the moment it would have happened (clock.travel).
So the demo holds what the site would hold, e-mails in the outbox included, and a
rule the services enforce (the deadline, one head per delegation, the door's checks)
is kept by the demo too.

Idempotent by delegation: a delegation of the cast whose State or organisation is
already registered at the meeting is left alone with everything that hangs from it,
and every step below touches only the delegations of this run; a second run finds
them all and adds nothing. What belongs to the meeting as a whole (the ISU confirming
obligations, the PDF List of Participants, a forged badge at the door) happens only
when the whole cast is new.
"""

import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Q
from django.utils.html import escape

from accreditation import services as accreditation_services
from accreditation.models import Photo
from checkin import codes
from checkin import queries as checkin_queries
from checkin import services as checkin_services
from checkin.models import Checkin, CheckinList, Method
from documents import services as documents_services
from floor import services as floor_services
from floor.models import BilateralInvitation, Statement
from floor.queries import invited_updates
from intersessional import clock
from intersessional.documents import no_fetching
from intersessional.roles import VENUE_STAFF
from privacy import services as privacy_services
from programme.models import AgendaItem, BilateralSlot, Committee, Meeting
from reference.models import Obligation, Organisation, State
from registration import services as registration_services
from registration.models import Delegate, Delegation, InterventionRequest
from room import services as room_services

from . import cast, pictures
from . import sponsorship as sponsorship_story

SEED = cast.SEED
# Who, of the cast, does what (the last member of these delegations): staff add three
# people after the deadline; four withdraw (one of them then asks to be erased); the
# ISU declines two.
ADDED_LATE = {"COL", "IRQ", "USA"}
WITHDRAW = {"FRA", "THA", "HI", "ZWE"}
ASKS_ERASURE = "FRA"
DECLINE = {"PER", "RUS"}
# The first member of these delegations asks for a visa support letter: most are
# approved; YEM's still waits for the ISU; TJK's is revoked (issued for the wrong
# dates). After the meeting the ISU issues SEN's and COD's certificates in a batch.
VISA_LETTERS = {"AFG": "en", "SEN": "fr", "COD": "fr", "IRQ": "en", "YEM": "en", "TJK": "en"}
LETTER_WAITS = "YEM"
LETTER_REVOKED = "TJK"
CERTIFICATES_IN_A_BATCH = {"SEN", "COD"}
VENUE_USERNAME = "venue-demo"
# How many of the cast send a photo for their badge (one is rejected).
PHOTOS = 8


def geneva(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=clock.GENEVA)


def office_hours(moment: datetime) -> datetime:
    """When the ISU acts on something that came at `moment`: the same moment between
    9:00 and 18:00 Geneva time, else the next morning (keeping the minutes, so that
    a morning's work is spread over its first hour)."""
    local = moment.astimezone(clock.GENEVA)
    if 9 <= local.hour < 18:
        return local
    morning = local.date() if local.hour < 9 else local.date() + timedelta(days=1)
    return geneva(morning, 9, local.minute)


@dataclass
class Timeline:
    """What happens, in the order it happens: events are added in any order, then
    played by time, each with the site's clock at its moment."""

    events: list[tuple[datetime, int, Callable[[], None]]] = field(default_factory=list)

    def at(self, moment: datetime, action: Callable[[], None]) -> None:
        self.events.append((moment, len(self.events), action))

    def play(self) -> None:
        for moment, _order, action in sorted(self.events, key=lambda e: e[:2]):
            with clock.travel(moment):
                action()


# The seating's draw by lot: a fixed seed, so the demo draws the same State each time.
SEATING_SEED = "apmbc-2018-demo"


class Demo:
    """One run: the cast's delegations not yet at the meeting, and their story."""

    def __init__(self, meeting: Meeting):
        self.meeting = meeting
        self.rng = random.Random(SEED)  # noqa: S311 (a replayable story, not a secret)
        self.timeline = Timeline()
        # What this run added, by kind, for the command's report.
        self.summary: Counter[str] = Counter()
        self.venue_user = None
        registered = Delegation.objects.filter(meeting=meeting)
        taken_states = set(registered.values_list("state__alpha3", flat=True))
        taken_organisations = set(registered.values_list("organisation__acronym", flat=True))
        self.delegations = [
            d
            for d in cast.cast()
            if d.plan.code not in (taken_states if d.plan.is_state else taken_organisations)
        ]
        self.whole_cast = len(self.delegations) == len(cast.PLANS)
        # The story's dates follow the meeting's (2018: deadline 31 May, meeting 7 June),
        # so that it still holds if the ISU moves them.
        self.deadline_day = meeting.registration_deadline.astimezone(clock.GENEVA).date()
        self.items = {
            item.number: item
            for item in AgendaItem.objects.filter(session__meeting=meeting).select_related(
                "session__meeting"
            )
        }
        # When each person of this run joined (registered, or was added by staff).
        self.joined: dict[str, datetime] = {}
        self.sponsorship = sponsorship_story.Story(self)

    # Lookups at play time: the rows exist only once their event has run.

    def ours(self):
        """This run's delegations (and only them: see the module's docstring)."""
        codes_ = [d.plan.code for d in self.delegations]
        return Delegation.objects.filter(meeting=self.meeting).filter(
            Q(state__alpha3__in=codes_) | Q(organisation__acronym__in=codes_)
        )

    def our_people(self):
        return Delegate.objects.filter(delegation__in=self.ours())

    def delegate(self, person: cast.Person) -> Delegate:
        return Delegate.objects.select_related("delegation", "meeting").get(
            meeting=self.meeting, email=person.email
        )

    def delegation(self, plan: cast.Plan) -> Delegation:
        lookup = (
            {"state__alpha3": plan.code} if plan.is_state else {"organisation__acronym": plan.code}
        )
        return Delegation.objects.select_related("state", "organisation").get(
            meeting=self.meeting, **lookup
        )

    def identity(self, plan: cast.Plan) -> registration_services.Identity:
        if plan.is_state:
            return registration_services.identity_for(
                meeting=self.meeting, state=State.objects.get(alpha3=plan.code)
            )
        return registration_services.identity_for(
            meeting=self.meeting, organisation=Organisation.objects.get(acronym=plan.code)
        )

    # The story.

    def build(self) -> Counter[str]:
        if not self.delegations:
            return self.summary
        self.venue_user = venue_staff_user()
        checkin_services.checkin_lists_ensure(meeting=self.meeting)
        if self.whole_cast:
            letter_week = self.deadline_day - timedelta(days=41)
            self.timeline.at(geneva(letter_week, 10), self.confirm_obligations)
        registered_at = self.registrations()
        if self.whole_cast:
            self.sponsorship.add(geneva(self.deadline_day - timedelta(days=41), 10).date())
        self.requests_for_the_floor(registered_at)
        self.bilaterals(registered_at)
        self.statements()
        self.accreditation(registered_at)
        badges_day = self.meeting.starts_on - timedelta(days=2)
        self.photos(geneva(badges_day - timedelta(days=4), 10))
        self.timeline.at(geneva(badges_day, 16), self.print_badges)
        if self.whole_cast:
            self.timeline.at(geneva(badges_day, 16, 30), self.export_list)
        self.visa_letters()
        self.meeting_days()
        self.timeline.at(geneva(self.meeting.ends_on + timedelta(days=3), 10), self.certificates)
        if self.whole_cast:
            self.timeline.at(geneva(badges_day, 17), self.seating)
            self.timeline.at(geneva(self.meeting.ends_on, 10, 20), self.room_on_the_second_day)
        self.timeline.play()
        return self.summary

    def confirm_obligations(self) -> None:
        # The rows the ISU could check against their source; the conflicting and
        # uncertain ones still wait in the admin, as they would.
        sourced = Obligation.objects.filter(
            confidence=Obligation.Confidence.SOURCED, confirmed=False
        )
        # As the admin's action does: delegations registered by then would be invited
        # to present their updates (none is yet, in the letter's week: each delegation
        # of a State with confirmed obligations is invited as it registers).
        confirmed, _invited = floor_services.obligations_confirm(obligations=list(sourced))
        self.summary["obligations confirmed"] += confirmed

    # Registrations, from the letter's first week to the deadline ---------------------

    def registrations(self) -> dict[str, datetime]:
        """Each delegation registers at a moment between 23 April and the deadline, a
        fifth of them in its last two days; returns those moments by code."""
        first, rush, last = (
            geneva(self.deadline_day - timedelta(days=38), 9),
            geneva(self.deadline_day - timedelta(days=1), 9),
            geneva(self.deadline_day, 17),
        )
        registered_at = {}
        for delegation in self.delegations:
            code = delegation.plan.code
            start = rush if self.rng.random() < 0.2 else first
            moment = self.sponsorship.early(code, start + (last - start) * self.rng.random())
            registered_at[code] = moment
            members = list(delegation.people)
            added_late = members.pop() if code in ADDED_LATE else None
            if delegation.plan.by_focal_point:
                # One form: the whole delegation at once.
                self.timeline.at(moment, self._register_delegation(delegation, members))
                self.joined.update((person.email, moment) for person in members)
            else:
                for n, person in enumerate(members):
                    self.joined[person.email] = moment + timedelta(minutes=20 * n)
                    self.timeline.at(self.joined[person.email], self._register(delegation, person))
            if added_late:
                after_deadline = self.meeting.starts_on - timedelta(days=3)
                when = geneva(after_deadline, 10) + timedelta(hours=len(registered_at) % 7)
                self.joined[added_late.email] = when
                self.timeline.at(when, self._add_late(delegation, added_late))
                self.timeline.at(when + timedelta(minutes=10), self._confirm(added_late))
            self._after_registration(delegation.plan.code, members)
        return registered_at

    def _register(self, delegation: cast.Delegation, person: cast.Person):
        def register():
            registration_services.delegate_register(
                meeting=self.meeting,
                identity=self.identity(delegation.plan),
                data=person.form_data(),
                language=person.language,
            )
            self.summary["delegates"] += 1

        return register

    def _register_delegation(self, delegation: cast.Delegation, members: list[cast.Person]):
        def register():
            registration_services.delegation_register(
                meeting=self.meeting,
                identity=self.identity(delegation.plan),
                focal_point_name=delegation.focal_point_name,
                focal_point_email=delegation.focal_point_email,
                members=[person.form_data() for person in members],
                language=delegation.plan.language,
            )
            self.summary["delegates"] += len(members)

        return register

    def _add_late(self, delegation: cast.Delegation, person: cast.Person):
        def add():
            registration_services.delegate_add_by_staff(
                delegate=Delegate(
                    delegation=self.delegation(delegation.plan),
                    language=person.language,
                    **person.form_data(),
                )
            )
            self.summary["delegates"] += 1
            self.summary["late registrations (added by staff)"] += 1

        return add

    def _after_registration(self, code: str, members: list[cast.Person]) -> None:
        """The ISU confirms registrations within days; the last days' ones wait for it.
        A few people withdraw (one asks to be erased too); the ISU declines two."""
        for n, person in enumerate(members):
            moment = self.joined[person.email]
            last = n == len(members) - 1
            if last and code in WITHDRAW:
                when = min(moment + timedelta(days=2), geneva(self.deadline_day, 22))
                self.timeline.at(when, self._withdraw(person))
                if code == ASKS_ERASURE:
                    self.timeline.at(when + timedelta(hours=1), self._ask_erasure(person))
            elif last and code in DECLINE:
                self.timeline.at(office_hours(moment + timedelta(days=1)), self._decline(person))
            else:
                confirmed = office_hours(moment + timedelta(days=self.rng.uniform(0.5, 4)))
                if confirmed < geneva(self.deadline_day, 12):
                    self.timeline.at(confirmed, self._confirm(person))

    def _confirm(self, person: cast.Person):
        def confirm():
            if registration_services.delegate_confirm(delegate=self.delegate(person)):
                self.summary["confirmed by the ISU"] += 1

        return confirm

    def _withdraw(self, person: cast.Person):
        def withdraw():
            registration_services.delegate_withdraw(delegate=self.delegate(person))
            self.summary["withdrawn"] += 1

        return withdraw

    def _decline(self, person: cast.Person):
        def decline():
            if registration_services.delegate_decline(
                delegate=self.delegate(person), reason="not_nominated"
            ):
                self.summary["declined by the ISU"] += 1

        return decline

    def _ask_erasure(self, person: cast.Person):
        def ask():
            privacy_services.erasure_request(delegate=self.delegate(person))
            self.summary["requests for erasure"] += 1

        return ask

    # The speakers' lists ---------------------------------------------------------------

    def requests_for_the_floor(self, registered_at: dict[str, datetime]) -> None:
        """A day after registering (before the deadline), each State invited to present
        updates asks for the floor on those items in one step, as its private-link page
        offers; many delegations also ask for the floor on other items."""
        other_items = [
            number
            for number, item in sorted(self.items.items())
            if item.allows_floor_requests and not item.obligation_kind
        ]
        for delegation in self.delegations:
            code = delegation.plan.code
            if code == "ICBL":
                wanted = other_items
            elif not delegation.plan.is_state or self.rng.random() < 0.6:
                wanted = self.rng.sample(other_items, self.rng.randint(1, 3))
            else:
                wanted = []
            moment = min(registered_at[code] + timedelta(days=1), geneva(self.deadline_day, 23))
            self.timeline.at(moment, self._take_floor(delegation.plan, sorted(wanted)))

    def _take_floor(self, plan: cast.Plan, numbers: list[int]):
        def take_floor():
            delegation = self.delegation(plan)
            speaker = floor_services.speaker_for(delegation)
            added = floor_services.updates_take_floor(
                delegation=delegation,
                speaker=speaker,
                updates=invited_updates(delegation, self.meeting),
            )
            added += registration_services.floor_requests_add(
                delegation=delegation, speaker=speaker, items=[self.items[n] for n in numbers]
            )
            self.summary["requests for the floor"] += len(added)

        return take_floor

    # The bilateral day -----------------------------------------------------------------

    def bilaterals(self, registered_at: dict[str, datetime]) -> None:
        """The President and the four Committees each offer slots; the ISU invites
        States Parties with obligations. Most accept, some decline (their slot goes to
        another delegation), a few have not answered yet."""
        slots = bilateral_slots(self.meeting)
        with_obligations = set(
            Obligation.objects.filter(confidence=Obligation.Confidence.SOURCED).values_list(
                "state__alpha3", flat=True
            )
        )
        invited = [d.plan for d in self.delegations if d.plan.code in with_obligations]
        # More States than the day's first round: the others wait for a slot to free up.
        first_round = min(len(slots) - 5, 18)
        invitations_from = geneva(self.deadline_day - timedelta(days=17), 10)
        answers_until = geneva(self.meeting.bilateral_day - timedelta(days=1), 17)
        waiting = invited[first_round:]
        for n, (plan, slot) in enumerate(zip(invited[:first_round], slots, strict=False)):
            moment = office_hours(
                max(registered_at[plan.code] + timedelta(days=1), invitations_from)
            )
            self.timeline.at(moment, self._invite(plan, slot))
            answer = ("accept", "accept", "accept", "accept", "decline", "accept", "wait")[n % 7]
            if answer == "wait":
                continue
            answered = min(moment + timedelta(days=self.rng.uniform(0.5, 5)), answers_until)
            self.timeline.at(answered, self._answer(plan, slot, accept=answer == "accept"))
            if answer == "decline" and waiting:
                other = waiting.pop(0)
                again = office_hours(max(answered, registered_at[other.code]) + timedelta(hours=2))
                self.timeline.at(again, self._invite(other, slot))

    def _invite(self, plan: cast.Plan, slot: BilateralSlot):
        def invite():
            try:
                floor_services.bilateral_invite(slot=slot, delegation=self.delegation(plan))
            except registration_services.RegistrationError:
                return  # staff had already given the slot (or the hour) to someone
            self.summary["bilateral invitations"] += 1

        return invite

    def _answer(self, plan: cast.Plan, slot: BilateralSlot, *, accept: bool):
        def answer():
            invitation = BilateralInvitation.objects.filter(
                slot=slot, delegation=self.delegation(plan)
            ).first()
            if invitation and floor_services.bilateral_answer(invitation=invitation, accept=accept):
                self.summary[f"bilateral invitations {'accepted' if accept else 'declined'}"] += 1

        return answer

    # Accreditation: nominations, identity details, accessibility needs -----------------

    def accreditation(self, registered_at: dict[str, datetime]) -> None:
        """A third of the delegations send their note verbale or letter of nomination
        two days after registering and the ISU checks it the next day; a third send it
        and it waits for the ISU; a third send none, and get the one reminder ten days
        before the meeting. The meeting asks for identity details (the ISU ticked it in
        the admin): a few people give them; a few give accessibility needs. No rng:
        the rest of the story stays as it was."""
        if self.whole_cast:
            self.meeting.asks_identity_details = True
            self.meeting.save(update_fields=["asks_identity_details"])
        latest = geneva(self.deadline_day, 20)
        for n, delegation in enumerate(self.delegations):
            code = delegation.plan.code
            if n % 3 == 2:
                continue  # none sent
            sent = min(registered_at[code] + timedelta(days=2, hours=1), latest)
            self.timeline.at(sent, self._nominate(delegation.plan))
            if n % 3 == 0:
                self.timeline.at(
                    office_hours(sent + timedelta(days=1)), self._check(delegation.plan)
                )
        reminder_day = self.meeting.starts_on - timedelta(days=10)
        self.timeline.at(geneva(reminder_day, 7), self.remind)
        people = [(d, p) for d in self.delegations for p in d.people[:1]]
        for n, (delegation, person) in enumerate(people[:6]):
            when = self.joined[person.email] + timedelta(hours=3)
            self.timeline.at(when, self._give_identity(delegation.plan, person, n))
        for n, (_delegation, person) in enumerate(people[6:9]):
            when = self.joined[person.email] + timedelta(hours=4)
            self.timeline.at(when, self._give_needs(person, n))

    def _nominate(self, plan: cast.Plan):
        def nominate():
            delegation = self.delegation(plan)
            members = list(delegation.delegates.active())
            pdf = nomination_pdf(delegation, members)
            name = "note-verbale" if plan.is_state else "letter-of-nomination"
            accreditation_services.nomination_upload(
                delegation=delegation,
                upload=SimpleUploadedFile(f"{name}-{plan.code}.pdf", pdf),
                members=members,
            )
            self.summary["nominations sent"] += 1

        return nominate

    def _check(self, plan: cast.Plan):
        def check():
            nomination = self.delegation(plan).nominations.first()
            today = clock.now().astimezone(clock.GENEVA).date()
            accreditation_services.nomination_mark(nomination=nomination, checked_on=today)
            self.summary["nominations checked by the ISU"] += 1

        return check

    def remind(self) -> None:
        sent = accreditation_services.nomination_reminders_send(meeting=self.meeting)
        self.summary["nomination reminders"] += sent

    def _give_identity(self, plan: cast.Plan, person: cast.Person, n: int):
        def give():
            delegate = self.delegate(person)
            born = date(1960 + 4 * n, 1 + n, 10 + n)
            accreditation_services.give_identity_details(
                delegate=delegate,
                data={
                    "name_in_document": f"{person.family_name.upper()} {person.given_name}",
                    "nationality": plan.code if plan.is_state else "CHE",
                    "date_of_birth": born,
                    "document_type": "passport" if n % 2 == 0 else "identity_card",
                    "document_number": f"DEMO{n:05d}",
                    "document_expires_on": self.meeting.ends_on + timedelta(days=400 + 90 * n),
                },
            )
            self.summary["identity details"] += 1

        return give

    def _give_needs(self, person: cast.Person, n: int):
        def give():
            needs = [
                {"wheelchair": True},
                {"support_person": True, "wheelchair": True},
                {"sign_language": True, "other": "Seat with a view of the interpreter"},
            ][n]
            accreditation_services.give_access_needs(delegate=self.delegate(person), data=needs)
            self.summary["accessibility needs"] += 1

        return give

    # Statements, badges, the List of Participants --------------------------------------

    def statements(self) -> None:
        """States invited to present updates send their statements (one a
        presentation) two days before the meeting. Those delivered on the first day
        (their speaker ticked) are published that evening, all but one, left for the
        ISU to publish; the one for the second day is not delivered yet."""
        sent = self.meeting.starts_on - timedelta(days=2)
        for n, (code, number, kind) in enumerate(STATEMENTS):
            plan = next((d.plan for d in self.delegations if d.plan.code == code), None)
            if plan is not None:
                moment = geneva(sent, 9) + timedelta(minutes=47 * n)
                self.timeline.at(moment, self._upload(plan, number, kind))
        self.timeline.at(geneva(self.meeting.starts_on, 18, 30), self.publish_statements)

    def _upload(self, plan: cast.Plan, number: int, kind: str):
        def upload():
            delegation = self.delegation(plan)
            item = self.items[number]
            # Only a delegation on the item's speakers' list will deliver it.
            if not InterventionRequest.objects.filter(delegation=delegation, agenda_item=item):
                return
            pdf = statement_pdf(delegation, item, kind)
            floor_services.statement_upload(
                delegation=delegation,
                agenda_item=item,
                kind=kind,
                language=plan.language,
                reflects_gender_and_diversity=self.rng.random() < 0.7,
                includes_disaggregated_data=self.rng.random() < 0.5,
                upload=SimpleUploadedFile(
                    f"{kind}-{plan.code}-item-{number}.pdf", pdf, content_type="application/pdf"
                ),
            )
            self.summary["statements and presentations"] += 1

        return upload

    def publish_statements(self) -> None:
        delivered = list(
            Statement.objects.filter(
                delegation__in=self.ours(), delivered_at__isnull=False, published_at__isnull=True
            ).order_by("delivered_at", "pk")
        )
        # The last one delivered waits for the ISU's "publish" in the admin.
        published = floor_services.statements_publish(statements=delivered[:-1])
        self.summary["statements published"] += published

    def photos(self, sent: datetime) -> None:
        """The first PHOTOS people of the run who are still coming send a photo (a
        silhouette or their initials: no one's face); the ISU approves them the next
        morning but one, an initials avatar, rejected as not a photograph of the person.
        The badges printed two days before the meeting carry the approved ones."""
        coming = [
            person
            for delegation in self.delegations
            if delegation.plan.code not in WITHDRAW | DECLINE
            for person in delegation.people
            if person.email in self.joined and self.joined[person.email] < sent
        ][:PHOTOS]
        for n, person in enumerate(coming):
            self.timeline.at(sent + timedelta(minutes=35 * n), self._send_photo(person, n))
        decided = sent + timedelta(days=1, hours=1)
        self.timeline.at(decided, lambda: self._decide_photos(coming))

    def _send_photo(self, person: cast.Person, n: int):
        def send():
            letters = (
                cast.ascii_letters(person.given_name)[:1]
                + cast.ascii_letters(person.family_name)[:1]
            )
            png = pictures.initials(letters, n) if n % 2 and letters else pictures.silhouette(n)
            accreditation_services.photo_upload(
                delegate=self.delegate(person),
                upload=SimpleUploadedFile("photo.png", png, content_type="image/png"),
            )
            self.summary["photos sent"] += 1

        return send

    def _decide_photos(self, people: list[cast.Person]) -> None:
        for n, person in enumerate(people):
            photo = Photo.objects.get(delegate=self.delegate(person))
            if n == 1:  # the first initials avatar
                accreditation_services.photo_reject(photo=photo, reason=Photo.Reason.NOT_A_PHOTO)
                self.summary["photos rejected"] += 1
            else:
                accreditation_services.photo_approve(photo=photo)
                self.summary["photos approved"] += 1

    def print_badges(self) -> None:
        batch = documents_services.badge_batch_request(
            delegates=self.our_people().active().order_by("pk")
        )
        self.summary["badges in a print batch"] += batch.total

    def export_list(self) -> None:
        documents_services.export_job_request(
            meeting=self.meeting, fmt="pdf", public=False, language="en"
        )
        self.summary["List of Participants PDF"] += 1

    # Visa support letters and certificates of attendance ------------------------------

    def visa_letters(self) -> None:
        """A week after registering, a delegate from a capital gives their identity
        details and asks for a letter; the ISU approves two days later."""
        for delegation in self.delegations:
            language = VISA_LETTERS.get(delegation.plan.code)
            if language is None:
                continue
            person = delegation.people[0]
            asked = office_hours(self.joined[person.email] + timedelta(days=3))
            self.timeline.at(asked, self._ask_for_letter(delegation.plan, person, language))
            if delegation.plan.code == LETTER_WAITS:
                continue
            approved = office_hours(asked + timedelta(days=2))
            self.timeline.at(approved, self._approve_letter(person))
            if delegation.plan.code == LETTER_REVOKED:
                self.timeline.at(approved + timedelta(hours=3), self._revoke_letter(person))

    def _ask_for_letter(self, plan: cast.Plan, person: cast.Person, language: str):
        def ask():
            delegate = self.delegate(person)
            # Made up, and says so: no real passport looks like this.
            born = date(1962 + delegate.pk % 30, 1 + delegate.pk % 12, 1 + delegate.pk % 28)
            documents_services.visa_letter_request(
                delegate=delegate,
                consulate=f"Embassy of Switzerland ({plan.code})",
                arrives_on=self.meeting.bilateral_day or self.meeting.starts_on,
                departs_on=self.meeting.ends_on + timedelta(days=1),
                language=language,
                identity={
                    "name_in_document": delegate.full_name.upper(),
                    "nationality": plan.code,
                    "date_of_birth": born,
                    "document_type": "passport",
                    "document_number": f"DEMO{delegate.pk:05d}",
                    "document_expires_on": date(self.meeting.ends_on.year + 5, 12, 31),
                },
            )
            self.summary["visa letters asked for"] += 1

        return ask

    def _approve_letter(self, person: cast.Person):
        def approve():
            letter = documents_services.current_visa_letter(self.delegate(person))
            self.summary["visa letters issued"] += documents_services.visa_letters_approve(
                letters=[letter]
            )

        return approve

    def _revoke_letter(self, person: cast.Person):
        def revoke():
            letter = documents_services.current_visa_letter(self.delegate(person))
            if documents_services.visa_letter_revoke(letter=letter):
                self.summary["visa letters revoked"] += 1

        return revoke

    def certificates(self) -> None:
        """The ISU issues certificates of attendance to two delegations whose ministry
        asked (the others download theirs through their private link)."""
        people = self.our_people().filter(delegation__state__alpha3__in=CERTIFICATES_IN_A_BATCH)
        self.summary["certificates of attendance"] += documents_services.certificates_issue(
            delegates=people
        )

    # The room (issue 25): the seating by lot, its nameplates, a morning under way ------

    def seating(self) -> None:
        """The ISU draws the lot for the seating (a fixed seed: the same State each
        time) and asks for the nameplates."""
        draw = documents_services.seating_draw(meeting=self.meeting, seed=SEATING_SEED)
        documents_services.seating_job_request(draw=draw, kind="nameplates")
        self.summary["seating drawn by lot"] += 1

    def room_on_the_second_day(self) -> None:
        """On the second morning the chair opens the first item with a speakers' list
        on the console: two delegations speak, a third has the floor, and a right of
        reply is inserted. /en/live/ shows it with DEMO_NOW=2018-06-08T10:40:00+02:00."""
        item = (
            AgendaItem.objects.filter(
                session__meeting=self.meeting, session__date=self.meeting.ends_on
            )
            .filter(pk__in=InterventionRequest.objects.values("agenda_item_id"))
            # One without statements: those of the first day show delivery and publication.
            .exclude(pk__in=Statement.objects.values("agenda_item_id"))
            .order_by("session__start_time", "order", "number")
            .first()
        )
        if item is None:
            return
        room = room_services.item_open(
            meeting=self.meeting, agenda_item=item, by=None, version=None
        )
        start = clock.now()
        for minutes in (0, 6, 12):
            with clock.travel(start + timedelta(minutes=minutes)):
                room = room_services.floor_next(meeting=self.meeting, by=None, version=room.version)
        reply = self.ours().filter(state__isnull=False).order_by("pk").first()
        if reply is not None:
            with clock.travel(start + timedelta(minutes=14)):
                room_services.turn_insert(
                    meeting=self.meeting,
                    delegation=reply,
                    kind="reply",
                    by=None,
                    version=room.version,
                )
        self.summary["console actions in the room"] += room.version + 1

    # The meeting days ------------------------------------------------------------------

    def meeting_days(self) -> None:
        first_day = self.meeting.starts_on
        self.timeline.at(geneva(self.meeting.bilateral_day, 9, 40), self.door_on_the_bilateral_day)
        self.timeline.at(geneva(first_day, 8, 30), self.door_on_the_first_day)
        self.timeline.at(geneva(first_day, 9, 50), self.speakers_on_the_first_day)

    def door_on_the_bilateral_day(self) -> None:
        """The heads of the delegations with an accepted invitation come before their
        slot; one who was not invited that day is turned away."""
        door = self._door(CheckinList.Kind.BILATERAL)
        invitations = (
            BilateralInvitation.objects.filter(
                delegation__in=self.ours(), status=BilateralInvitation.Status.ACCEPTED
            )
            .select_related("delegation")
            .order_by("starts_at", "pk")
        )
        for invitation in invitations:
            head = floor_services.speaker_for(invitation.delegation)
            if head is not None:
                arrives = invitation.starts_at - timedelta(minutes=self.rng.randint(5, 20))
                with clock.travel(arrives):
                    self._scan(door, head, Method.SCANNER)
        uninvited = (
            self.our_people()
            .filter(role=Delegate.Role.HEAD)
            .active()
            .exclude(delegation__bilateral_invitations__status__in=checkin_queries.LIVE_INVITATION)
            .order_by("pk")
            .first()
        )
        if uninvited is not None:
            with clock.travel(geneva(self.meeting.bilateral_day, 10, 20)):
                self._scan(door, uninvited, Method.SCANNER)

    def door_on_the_first_day(self) -> None:
        """Most people come in between 8:30 and 10:30, by handheld scanner, camera or
        name search. One lost their badge and has a new one (the old one is refused);
        those who withdrew or were declined and come with their badge are refused, and
        so is a forged code."""
        door = self._door(CheckinList.Kind.MEETING, day=self.meeting.starts_on)
        people = list(self.our_people().select_related("delegation").order_by("pk"))
        morning = geneva(self.meeting.starts_on, 8, 30)
        # The sponsored delegates whose ticket was issued all come; two who accepted and
        # had no visa in time do not (the draw below is made all the same).
        sponsored = sponsorship_story.comes(self.meeting)
        stays_away = sponsorship_story.stays_away(self.meeting)
        lost = next((p for p in people if p.role == Delegate.Role.ALTERNATE), None)
        for person in people:
            with clock.travel(morning + timedelta(minutes=self.rng.uniform(0, 120))):
                if person.status in (Delegate.Status.WITHDRAWN, Delegate.Status.DECLINED):
                    # Came with a badge printed before: refused, with the reason.
                    self._scan(door, person, Method.SCANNER)
                    continue
                absent = self.rng.random() < 0.12
                if (absent and person.pk not in sponsored) or person.pk in stays_away:
                    continue  # did not come (or not yet)
                if person == lost:
                    old_version = person.badge_version
                    registration_services.delegate_badge_reissue(
                        delegates=Delegate.objects.filter(pk=person.pk)
                    )
                    self._scan(door, person, Method.SCANNER, version=old_version)
                    person.refresh_from_db()
                method = self.rng.choices(
                    [Method.SCANNER, Method.CAMERA, Method.SEARCH], weights=[70, 15, 15]
                )[0]
                self._scan(door, person, method)
        if self.whole_cast and people:
            # A real badge's code with its signature altered by one letter.
            real = codes.badge_code(people[0].pk, people[0].badge_version)
            forged = real[:-1] + ("A" if real[-1] != "A" else "B")
            with clock.travel(morning + timedelta(minutes=32)):
                checkin_services.checkin_scan(
                    checkin_list=door,
                    code=forged,
                    by=self.venue_user,
                    method=Method.SCANNER,
                    nonce=f"demo-{door.pk}-forged",
                )
            self.summary["refused at the door"] += 1

    def _door(self, kind: str, day: date | None = None) -> CheckinList:
        lists = CheckinList.objects.filter(meeting=self.meeting, kind=kind)
        return (lists.filter(day=day) if day else lists).order_by("pk").first()

    def _scan(self, door: CheckinList, delegate: Delegate, method: str, version=None) -> None:
        version = version or delegate.badge_version
        nonce = f"demo-{door.pk}-{delegate.pk}-{version}"
        if method == Method.SEARCH:
            outcome = checkin_services.checkin_delegate(
                checkin_list=door,
                delegate_pk=delegate.pk,
                by=self.venue_user,
                method=method,
                nonce=nonce,
            )
        else:
            outcome = checkin_services.checkin_scan(
                checkin_list=door,
                code=codes.badge_code(delegate.pk, version),
                by=self.venue_user,
                method=method,
                nonce=nonce,
            )
        self.summary[
            {"welcome": "checked in", "refused": "refused at the door"}.get(
                outcome.status, "scanned twice"
            )
        ] += 1

    def speakers_on_the_first_day(self) -> None:
        """The chairs tick who spoke on the first day's items, one speaker after the
        other from each session's start (which marks their statements delivered), as
        long as the session lasts; a speaker who did not come through the door does not
        speak. Colombia is moved to the top of the Article 5 item to present its request
        for an extension."""
        day = self.meeting.starts_on
        came = set(
            Checkin.objects.filter(
                checkin_list=self._door(CheckinList.Kind.MEETING, day=day)
            ).values_list("delegate_id", flat=True)
        )
        extension = (
            InterventionRequest.objects.filter(
                delegation__in=self.ours(),
                delegation__state__alpha3="COL",
                agenda_item__session__date=day,
                agenda_item__obligation_kind=Obligation.Kind.ARTICLE_5,
            )
            .order_by("pk")
            .first()
        )
        if extension is not None:
            extension.position = 1
            floor_services.intervention_save(intervention=extension, spoke_changed=False)
        for session in self.meeting.sessions.filter(date=day).order_by("start_time"):
            moment = geneva(day, session.start_time.hour, session.start_time.minute)
            closes = geneva(day, session.end_time.hour, session.end_time.minute)
            items = session.items.filter(allows_floor_requests=True).order_by("order", "number")
            for item in items:
                requests = InterventionRequest.objects.filter(
                    agenda_item=item, delegation__in=self.ours()
                ).speakers_list()
                for request in requests:
                    if request.speaker_id not in came:
                        continue
                    moment += timedelta(minutes=self.rng.randint(4, 9))
                    if moment >= closes:
                        break  # not reached before the session closed
                    with clock.travel(moment):
                        request.spoke = True
                        floor_services.intervention_save(intervention=request, spoke_changed=True)
                    self.summary["spoke"] += 1


# The statements of the demo: (delegation, agenda item, kind).
STATEMENTS = [
    ("AFG", 2, "statement"),
    ("IRQ", 2, "statement"),
    ("SEN", 2, "statement"),
    ("KHM", 3, "statement"),
    ("COL", 3, "presentation"),
    ("BIH", 3, "statement"),
    ("TJK", 3, "statement"),
    ("PER", 3, "statement"),
    ("UKR", 7, "statement"),
]


def bilateral_slots(meeting: Meeting) -> list[BilateralSlot]:
    """Three quarters of an hour each: the President's and each Committee's, through
    the day; made once (the ISU may have edited them since)."""
    room = (
        meeting.sessions.filter(date=meeting.bilateral_day).values_list("room", flat=True).first()
        or meeting.venue_name
    )
    hosts = [None, *Committee.objects.order_by("order")]
    starts = [(10, 0), (11, 0), (12, 0), (15, 0), (16, 0)]
    slots = []
    for hour, minute in starts:
        for host in hosts:
            begins = geneva(meeting.bilateral_day, hour, minute)
            slot, _created = BilateralSlot.objects.get_or_create(
                meeting=meeting,
                committee=host,
                starts_at=begins,
                defaults={"ends_at": begins + timedelta(minutes=45), "room": room},
            )
            slots.append(slot)
    return slots


def statement_pdf(delegation: Delegation, item: AgendaItem, kind: str) -> bytes:
    """A one-page PDF that says what it is: a fictional statement of the demo."""
    from weasyprint import HTML

    html = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<style>body {{ font-family: "Noto Sans", sans-serif; margin: 3cm; }}</style></head><body>
<p>Anti-Personnel Mine Ban Convention: {escape(item.session.meeting.title_en)}</p>
<h1>{escape(delegation.name)}</h1>
<h2>{escape(kind.capitalize())} on item {item.number}: {escape(item.title_en or item.title)}</h2>
<p>This {escape(kind)} is fictional: it was made by the demonstration data of the
registration site and was never delivered by anyone.</p></body></html>"""
    return HTML(string=html, url_fetcher=no_fetching()).write_pdf()


def nomination_pdf(delegation: Delegation, members: list[Delegate]) -> bytes:
    """A one-page PDF that says what it is: a fictional note verbale of the demo."""
    from weasyprint import HTML

    names = "".join(f"<li>{escape(m.full_name)}</li>" for m in members)
    html = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<style>body {{ font-family: "Noto Sans", sans-serif; margin: 3cm; }}</style></head><body>
<h1>{escape(delegation.name)}</h1>
<p>Note verbale: the delegation to the {escape(delegation.meeting.title_en)}.</p>
<ul>{names}</ul>
<p>This note is fictional: it was made by the demonstration data of the registration
site and was never sent by anyone.</p></body></html>"""
    return HTML(string=html, url_fetcher=no_fetching()).write_pdf()


def venue_staff_user():
    """The volunteer who checks the demo's people in (no password: the ISU can set
    one in the admin to try the door)."""
    user, created = get_user_model().objects.get_or_create(
        username=VENUE_USERNAME,
        defaults={"first_name": "Door", "last_name": "Volunteer", "is_staff": True},
    )
    if created:
        user.set_unusable_password()
        user.save()
        user.groups.add(Group.objects.get_or_create(name=VENUE_STAFF)[0])
    return user

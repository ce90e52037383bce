"""The Sponsorship Programme's story of June 2018 (issue 24; reference/data/
apmbc_sponsorship_2018.csv): fictional people apply, the committee offers 16, some
decline, one never answers, two accept and never travel, and ten attend: from Angola,
Chad, the Democratic Republic of the Congo, Niger, Senegal, South Sudan, Sri Lanka,
Sudan, Tajikistan and Zimbabwe, as the coordinator reported. Every step goes through
sponsorship's services at the moment it would have happened (build.Timeline)."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from intersessional import clock
from sponsorship import services
from sponsorship.models import Application, Programme

# The ten States whose sponsored delegates came (the coordinator's statement).
ATTEND = ["AGO", "TCD", "COD", "NER", "SEN", "SSD", "LKA", "SDN", "TJK", "ZWE"]
DECLINE = ["AFG", "KHM", "ETH"]  # offered, declined
LAPSE = ["MOZ"]  # offered, never answered
NO_TRAVEL = ["YEM", "IRQ"]  # accepted; the visa did not come in time
WAIT_LIST = ["UKR", "BIH"]
NOT_OFFERED = ["COL"]
APPLICANT_STATES = ATTEND + DECLINE + LAPSE + NO_TRAVEL + WAIT_LIST + NOT_OFFERED
DEPARTURE = {
    "AGO": "Luanda",
    "TCD": "N'Djamena",
    "COD": "Kinshasa",
    "NER": "Niamey",
    "SEN": "Dakar",
    "SSD": "Juba",
    "LKA": "Colombo",
    "SDN": "Khartoum",
    "TJK": "Dushanbe",
    "ZWE": "Harare",
    "AFG": "Kabul",
    "KHM": "Phnom Penh",
    "ETH": "Addis Ababa",
    "MOZ": "Maputo",
    "YEM": "Sana'a",
    "IRQ": "Baghdad",
    "UKR": "Kyiv",
    "BIH": "Sarajevo",
    "COL": "Bogotá",
}
BORN = {
    "under_25": 1995,
    "25_34": 1988,
    "35_44": 1978,
    "45_54": 1968,
    "55_64": 1958,
    "65_plus": 1950,
    "undisclosed": 1975,
}
# A one-page PDF: the fictional note verbale that nominates the applicant.
LETTER = (
    b"%PDF-1.4\n"
    b"1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n"
    b"2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n"
    b"3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 200 200]>> endobj\n"
    b"trailer <</Root 1 0 R>>\n"
    b"%%EOF\n"
)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=clock.GENEVA)


class Story:
    """Adds the programme's events to the demo's timeline."""

    def __init__(self, demo):
        self.demo = demo
        self.meeting = demo.meeting
        self.deadline = demo.deadline_day - timedelta(days=16)  # 15 May 2018

    def applicants(self):
        """The head of each applying State's delegation, when it is in this run."""
        return {
            d.plan.code: d.people[0]
            for d in self.demo.delegations
            if d.plan.code in APPLICANT_STATES
        }

    def early(self, code: str, moment: datetime) -> datetime:
        """Applicants registered in time to apply before the programme's deadline."""
        if code in APPLICANT_STATES:
            return min(moment, at(self.deadline - timedelta(days=14), 17))
        return moment

    def add(self, letter_week: date) -> None:
        applicants = self.applicants()
        if not applicants:
            return
        timeline = self.demo.timeline
        timeline.at(at(letter_week, 11), self.open_programme)
        for n, (code, person) in enumerate(applicants.items()):
            joined = self.demo.joined[person.email]
            timeline.at(joined + timedelta(days=1, minutes=n), self.apply(code, person))
        decided = at(self.deadline + timedelta(days=3), 10)
        for n, code in enumerate(applicants):
            timeline.at(decided + timedelta(minutes=5 * n), self.decide(code, applicants[code]))
        answered = decided + timedelta(days=2)
        for n, code in enumerate(applicants):
            if code in ATTEND or code in NO_TRAVEL or code in DECLINE:
                timeline.at(answered + timedelta(hours=n), self.answer(applicants[code], code))
        timeline.at(at(self.deadline + timedelta(days=12), 6), self.lapse)
        booked = at(self.demo.deadline_day - timedelta(days=3), 10)
        for n, code in enumerate(c for c in ATTEND if c in applicants):
            timeline.at(booked + timedelta(minutes=10 * n), self.book(code, applicants[code]))

    def open_programme(self) -> None:
        Programme.objects.get_or_create(
            meeting=self.meeting,
            defaults={
                "applications_open": True,
                "deadline": at(self.deadline, 23, 59),
                "budget_chf": Decimal("40000"),
                "daily_allowance_chf": Decimal("250"),
                "ticket_estimate_chf": Decimal("1200"),
                "nights": 3,
                "offers_per_state": 1,
            },
        )

    def apply(self, code, person):
        def apply():
            delegate = self.demo.delegate(person)
            programme = Programme.objects.get(meeting=self.meeting)
            services.application_submit(
                programme=programme,
                delegate=delegate,
                data={
                    "implementation_role": "Fictional: works on the national mine action "
                    "programme (the demo's data).",
                    "departure_city": DEPARTURE[code],
                    "needs_schengen_visa": code not in ("ZWE",),
                    "obligation": delegate.delegation.state.obligations.filter(confirmed=True)
                    .order_by("kind")
                    .first(),
                    "nomination": SimpleUploadedFile("note-verbale.pdf", LETTER),
                    "nomination_type": "pdf",
                    "nomination_name": "note-verbale.pdf",
                },
                identity={
                    "name_in_document": f"{person.family_name} {person.given_name}".upper(),
                    "nationality": code,
                    "date_of_birth": date(BORN[person.age_band], 3, 1 + len(code)),
                    "document_type": "passport",
                    "document_number": f"DEMO{delegate.pk:05d}",
                    "document_expires_on": date(2023, 12, 31),
                },
            )
            self.demo.summary["applied for sponsorship"] += 1

        return apply

    def decide(self, code, person):
        def decide():
            application = Application.objects.get(delegate=self.demo.delegate(person))
            if code in WAIT_LIST:
                decision, reason = "wait_list", "The budget goes first to Article 5 deadlines."
            elif code in NOT_OFFERED:
                decision, reason = "decline", "The State can send an expert without sponsorship."
            else:
                decision, reason = "offer", "An expert of the State's implementation work."
            services.application_decide(
                application=application,
                decision=decision,
                reason=reason,
                version=application.version,
                by=None,
            )
            self.demo.summary[f"sponsorship: {decision}"] += 1

        return decide

    def answer(self, person, code):
        def answer():
            application = Application.objects.get(delegate=self.demo.delegate(person))
            services.offer_answer(application=application, accept=code not in DECLINE)

        return answer

    def lapse(self) -> None:
        self.demo.summary["sponsorship offers lapsed"] += services.offers_lapse()

    def book(self, code, person):
        def book():
            application = Application.objects.get(delegate=self.demo.delegate(person))
            programme = application.programme
            services.travel_record(
                application=application,
                data={
                    "itinerary": f"{DEPARTURE[code]} – Geneva, 5 June 2018\n"
                    f"Geneva – {DEPARTURE[code]}, 9 June 2018 (fictional)",
                    "ticket_cost_chf": Decimal("1100") + 17 * len(DEPARTURE[code]),
                    "hotel": "Hôtel fictif, Geneva",
                    "nights": programme.nights,
                    "allowance_chf": programme.daily_allowance_chf * programme.nights,
                },
                issue=True,
                by=None,
            )
            self.demo.summary["sponsored tickets issued"] += 1

        return book


def stays_away(meeting) -> set[int]:
    """Delegates who accepted an offer and never travelled: they do not come in."""
    return set(
        Application.objects.filter(
            programme__meeting=meeting,
            status=Application.Status.ACCEPTED,
            travel__isnull=True,
        ).values_list("delegate", flat=True)
    )


def comes(meeting) -> set[int]:
    """Delegates whose sponsored ticket was issued: all ten came."""
    return set(
        Application.objects.filter(
            programme__meeting=meeting, travel__issued_at__isnull=False
        ).values_list("delegate", flat=True)
    )

"""`manage.py demo_data`: the living meeting `make run` shows (issue 16). Built on
PostgreSQL through the same services as real registrations, then read back as the ISU,
the President's office and the door would."""

import io
import re
import unicodedata
from collections import Counter

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import models
from django.test import override_settings
from django.urls import reverse

from accreditation.models import (
    AccessNeeds,
    IdentityDetails,
    Nomination,
    NominationReminder,
    Photo,
)
from checkin.models import Checkin, FailedScan
from demo import cast
from demo.build import SEATING_SEED
from documents import seating
from documents.models import BadgeBatch, Certificate, ExportJob, SeatingDraw, SeatingJob, VisaLetter
from floor.models import BilateralInvitation, Statement
from outbox.models import Notification
from privacy.models import ErasureRequest
from programme.models import AgendaItem
from reference.models import Obligation
from registration.models import Category, Delegate, Delegation, InterventionRequest
from room.models import Turn
from tests.conftest import BEFORE_DEADLINE
from tests.helpers import pdf_images, pdf_text, printed, read_csv, read_xlsx, visible_text

CAST = cast.cast()
PEOPLE = [person for delegation in CAST for person in delegation.people]


def run_demo_data(capture) -> str:
    """The command as `make run` runs it; its after-commit work (e-mails, the badge
    batch, the PDF list) done by the tasks, which run in this process in the tests."""
    out = io.StringIO()
    with capture(execute=True):
        call_command("demo_data", stdout=out)
    return out.getvalue()


def every_row_count() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


@pytest.fixture(scope="module")
def demo_built(django_db_blocker, tmp_path_factory):
    """The database as `make run` fills it (reference data, door lists, the demo),
    built once for the module (15 s a build) and committed; each test's transaction
    is rolled back over it. Emptied at the end: tests/conftest.py loads the reference
    data again for the next module."""
    media = tmp_path_factory.mktemp("demo-media")
    out = io.StringIO()
    demo_settings = override_settings(
        DEBUG=True, INTERSESSIONAL_NOW=BEFORE_DEADLINE, MEDIA_ROOT=media
    )
    with demo_settings, django_db_blocker.unblock():
        try:
            call_command("load_reference_data", stdout=io.StringIO())
            call_command("load_checkin_lists", stdout=io.StringIO())
            # Outside a test's transaction, its after-commit work (e-mails, the badge
            # batch, the PDF list) runs at each commit, as in `make run`.
            call_command("demo_data", stdout=out)
            yield out.getvalue(), media
        finally:
            call_command("flush", interactive=False)


@pytest.fixture
def demo(demo_built, db, settings, clock_at):
    output, media = demo_built
    settings.DEBUG = True
    settings.MEDIA_ROOT = media
    clock_at(BEFORE_DEADLINE)
    return output


def scripts_of(text: str) -> set[str]:
    """ "LATIN", "ARABIC", "CYRILLIC", "CJK", "DEVANAGARI"... of the letters of a text;
    "LATIN ACCENTED" for a Latin letter with a mark."""
    found = set()
    for char in text:
        if not char.isalpha():
            continue
        script = unicodedata.name(char).split()[0]
        found.add(script)
        if script == "LATIN" and unicodedata.decomposition(char):
            found.add("LATIN ACCENTED")
    return found


@pytest.mark.parametrize(
    ("setting", "value", "reason"),
    [
        ("DEBUG", False, "DEBUG is off"),
        ("INTERSESSIONAL_NOW", None, "clock is not set"),
        ("CELERY_TASK_ALWAYS_EAGER", False, "with a broker"),
    ],
)
def test_refused_outside_a_demo(db, settings, setting, value, reason):
    settings.DEBUG = True
    settings.INTERSESSIONAL_NOW = BEFORE_DEADLINE
    setattr(settings, setting, value)
    call_command("load_reference_data", stdout=io.StringIO())

    before = every_row_count()

    with pytest.raises(CommandError, match=reason):
        call_command("demo_data")

    assert every_row_count() == before


def test_the_cast_is_fictional_and_varied():
    assert len(CAST) == len(cast.PLANS) >= 40
    assert 110 <= len(PEOPLE) <= 130
    addresses = [p.email for p in PEOPLE] + [d.focal_point_email for d in CAST]
    assert all(a.endswith("@example.org") for a in addresses if a)
    assert len({p.email for p in PEOPLE}) == len(PEOPLE)
    assert {p.gender for p in PEOPLE} == set(cast.GENDERS)
    assert {p.age_band for p in PEOPLE} == set(cast.AGE_BANDS)
    assert {p.role for p in PEOPLE} == {cast.HEAD, cast.ALTERNATE, cast.DELEGATE, cast.ADVISER}
    names = " ".join(f"{p.given_name} {p.family_name} {p.badge_name}" for p in PEOPLE)
    assert {"LATIN ACCENTED", "ARABIC", "CYRILLIC", "CJK", "DEVANAGARI"} <= scripts_of(names)
    # The same people on every run: what makes the command idempotent.
    assert cast.cast() == CAST


def test_the_demo_meeting_has_every_part_and_a_second_run_adds_nothing(
    demo, django_capture_on_commit_callbacks
):
    assert "Demo data added" in demo
    # The delegations of the cast, in all four categories, each with one head.
    delegations = Delegation.objects.all()
    assert delegations.count() == len(CAST)
    assert set(delegations.values_list("category", flat=True)) == set(Category.values)
    assert Delegate.objects.filter(role="head").count() == len(CAST)
    delegates = Delegate.objects.all()
    assert delegates.count() == len(PEOPLE)
    assert set(delegates.values_list("language", flat=True)) == {
        "en",
        "fr",
        "es",
        "ar",
        "zh-hans",
        "ru",
    }
    # Clearly not real: every address, and every e-mail sent, is at example.org.
    assert all(e.endswith("@example.org") for e in delegates.values_list("email", flat=True))
    focal_points = delegations.exclude(focal_point_email="")
    assert focal_points.exists()
    assert all(
        e.endswith("@example.org") for e in focal_points.values_list("focal_point_email", flat=True)
    )
    mails = Notification.objects.all()
    assert mails.count() > len(PEOPLE)
    assert all(to.endswith("@example.org") for to in mails.values_list("to_email", flat=True))
    assert set(mails.values_list("status", flat=True)) == {Notification.Status.SENT}
    # The lives of registrations: confirmed, waiting, withdrawn, declined, late.
    statuses = Counter(delegates.values_list("status", flat=True))
    assert statuses["withdrawn"] == 4 and statuses["declined"] == 2
    assert statuses["confirmed"] > 80 and statuses["registered"] > 0
    assert delegates.filter(registered_late=True).count() == 3
    assert ErasureRequest.objects.filter(status=ErasureRequest.Status.OPEN).count() == 1
    # The ISU confirmed the obligations it could source; the others still wait.
    assert Obligation.objects.confirmed().exists()
    assert Obligation.objects.filter(confirmed=False).exists()
    # Speakers' lists on most items that take requests; 7 June's ticked.
    floor_items = AgendaItem.objects.filter(allows_floor_requests=True)
    with_requests = floor_items.filter(
        pk__in=InterventionRequest.objects.values("agenda_item")
    ).count()
    assert with_requests == floor_items.count()
    assert InterventionRequest.objects.filter(spoke=True, agenda_item__number=3).exists()
    assert InterventionRequest.objects.filter(position__isnull=False).count() == 1
    # The bilateral day: accepted, declined and unanswered invitations.
    invitations = BilateralInvitation.objects.all()
    assert set(invitations.values_list("status", flat=True)) == set(
        BilateralInvitation.Status.values
    )
    # The door: most came on 7 June; refusals of every kind.
    assert Checkin.objects.filter(checkin_list__day="2018-06-07").count() > 80
    assert Checkin.objects.filter(checkin_list__day="2018-06-06").exists()
    assert set(FailedScan.objects.values_list("reason", flat=True)) == set(FailedScan.Reason.values)
    # Only who came through the door on the first day speaks.
    first_day = Checkin.objects.filter(checkin_list__day="2018-06-07").values("delegate")
    assert not (
        InterventionRequest.objects.filter(
            spoke=True, agenda_item__session__date="2018-06-07"
        ).exclude(speaker__in=first_day)
    )
    # Statements: published, delivered but not yet published, and still to deliver.
    statements = Statement.objects.all()
    delivered = statements.filter(delivered_at__isnull=False).count()
    assert delivered >= 3
    assert statements.filter(published_at__isnull=False).count() == delivered - 1
    assert statements.filter(delivered_at__isnull=True).exists()
    # A badge batch and a PDF List of Participants, rendered by the workers.
    batch = BadgeBatch.objects.get()
    assert batch.status == BadgeBatch.Status.DONE
    assert batch.total == Delegate.objects.active().count()
    assert ExportJob.objects.get().status == ExportJob.Status.DONE
    # Visa letters: issued (English and French), one waiting, one revoked; certificates
    # of two delegations issued in a batch after the meeting, with the days attended.
    letters = Counter(VisaLetter.objects.values_list("status", flat=True))
    assert letters == {"issued": 4, "requested": 1, "revoked": 1}
    assert set(VisaLetter.objects.values_list("language", flat=True)) == {"en", "fr"}
    certificates = Certificate.objects.all()
    assert certificates.exists()
    assert {c.status for c in certificates} == {"issued"}
    assert all(c.days and c.pdf for c in certificates)
    # Photos (silhouettes and initials, no one's face): approved, one rejected with its
    # reason e-mailed; the approved ones printed in the batch, before the meeting.
    photos = Counter(Photo.objects.values_list("status", flat=True))
    assert photos == {"approved": 7, "rejected": 1}
    rejected = Photo.objects.get(status="rejected")
    assert rejected.rejection_reason == "not_a_photo"
    assert Notification.objects.filter(
        kind="photo_rejected", to_email=rejected.delegate.email
    ).exists()
    assert pdf_images(batch.pdf.read()).count((413, 531, "jpeg")) == 7

    # Accreditation: nominations checked, waiting and missing (reminded once); identity
    # details and accessibility needs for a few.
    nominations = Nomination.objects.all()
    assert nominations.filter(checked_on__isnull=False).exists()
    assert nominations.filter(checked_on__isnull=True).exists()
    missing = delegations.exclude(nominations__isnull=False)
    assert missing.exists()
    reminded = NominationReminder.objects.values_list("delegation", flat=True)
    # (a delegation reminded may have sent it since)
    assert set(reminded) & set(missing.values_list("pk", flat=True))
    assert Notification.objects.filter(kind="nomination_reminder").count() == len(reminded) > 0
    # Six given through accreditation's pages, five more with a visa letter's request
    # (Afghanistan's head did both), and every sponsorship applicant's (given with the
    # application, shared with the pages' and the letters').
    from sponsorship.models import Application

    applicants = Application.objects.values("delegate")
    assert IdentityDetails.objects.filter(delegate__in=applicants).count() == 19
    assert IdentityDetails.objects.count() == 21
    assert AccessNeeds.objects.count() == 3
    # The room: the seating drawn by lot, its nameplates, the second morning under way.
    assert SeatingJob.objects.get().status == SeatingJob.Status.DONE
    assert SeatingDraw.objects.get().state == seating.draw(
        SeatingDraw.objects.get().meeting, SEATING_SEED
    )
    turns = list(Turn.objects.order_by("position").values_list("kind", "status"))
    assert turns[:3] == [("speaker", "spoke"), ("speaker", "spoke"), ("speaker", "speaking")]
    assert turns[-1] == ("reply", "waiting")

    before = every_row_count()
    again = run_demo_data(django_capture_on_commit_callbacks)

    assert "nothing added" in again
    assert every_row_count() == before


def test_staff_pages_come_alive(demo, client, office_user):
    client.force_login(office_user)
    active = Delegate.objects.active()
    statements = Statement.objects.all()
    came_on_7_june = (
        Checkin.objects.filter(checkin_list__day="2018-06-07").values("delegate").distinct()
    )

    figures = visible_text(client.get(reverse("staff:figures")))
    coverage = visible_text(client.get(reverse("staff:coverage")))
    updates = visible_text(client.get(reverse("staff:updates")))
    door = visible_text(client.get(reverse("staff:checkin-lists")))

    assert f"{active.count()} delegates registered or confirmed" in figures
    women = active.filter(gender="woman").count()
    assert f"All categories {women} {active.count()}" in figures
    # The States of the demo are no longer among those to follow up.
    assert "Albania" in coverage and "Colombia" not in coverage
    reflecting = statements.filter(reflects_gender_and_diversity=True).count()
    assert f"Reflect gender and diversity {reflecting} {statements.count()}" in updates
    assert re.search(rf"Thursday 7 June 2018 [^0-9]+ {came_on_7_june.count()} Counts", door)


def test_the_demo_private_links_in_the_outbox_open_their_pages(demo, client):
    """The ISU can open any demo person's private page from the e-mail in the outbox:
    the delegate's in their language, the focal point's with the whole delegation."""
    received = Notification.objects.filter(kind="registration_received", language="ar").first()
    link = re.search(r"https?://[^/\s]+(/\S+)", received.body_text).group(1)
    page = client.get(link)
    person = Delegate.objects.get(email=received.to_email)
    assert page.status_code == 200
    assert 'lang="ar"' in page.content.decode()
    assert person.family_name in visible_text(page)

    focal = Notification.objects.filter(kind="delegation_received", language="ru").first()
    link = re.search(r"https?://[^/\s]+(/\S+)", focal.body_text).group(1)
    page = visible_text(client.get(link))
    delegation = Delegation.objects.get(focal_point_email=focal.to_email)
    for member in delegation.delegates.all():
        assert member.family_name in page


def test_each_delegation_of_a_state_with_obligations_is_invited_once_to_present_updates(
    demo, client
):
    """Registered after the ISU confirmed the obligations, each delegation of a State
    the programme invites updates from got the e-mail once, whose link opens its page."""
    from floor.models import UpdatesInvitation
    from floor.queries import invited_updates

    expected = {
        delegation.pk
        for delegation in Delegation.objects.select_related("meeting", "state")
        if invited_updates(delegation, delegation.meeting)
    }
    invited = set(UpdatesInvitation.objects.values_list("delegation_id", flat=True))
    mails = Notification.objects.filter(kind="updates_invitation")

    assert len(expected) > 5 and invited == expected
    assert mails.count() == len(expected)
    mail = mails.exclude(language="en").first()
    link = re.search(r"https?://[^/\s]+(/\S+)", mail.body_text).group(1)
    page = client.get(link)
    assert page.status_code == 200
    assert f'lang="{mail.language}"' in page.content.decode().replace("zh-Hans", "zh-hans")


def names(rows) -> Counter:
    """Each person's (given, family) names, as many times as they are listed: two
    people of the cast may share both names, in different delegations."""
    return Counter((row["Given name"], row["Family name"]) for row in rows)


def base_letters(text: str) -> str:
    """The letters of a text without their marks and without spaces."""
    return "".join(c for c in text if unicodedata.category(c).startswith("L"))


def folded(text: str) -> str:
    """For a name the List of Participants prints in capitals: "Yılmaz" and
    "YILMAZ", "Groß" and "GROSS" fold the same."""
    return text.casefold().replace("ı", "i").replace("i̇", "i")


def printed_whole(name: str, text: str) -> bool:
    """Every word of the name is in a PDF's text, in any case. pdftotext splits a
    Devanagari syllable with a reph ("वर्मा" comes back as "व ार्मा"): for a name in
    Devanagari, its letters in order, marks and spaces aside, count."""
    name, text = folded(name), folded(text)
    if all(printed(word, text) for word in name.split()):
        return True
    return "DEVANAGARI" in scripts_of(name) and base_letters(name) in base_letters(text)


def test_every_demo_person_is_on_a_badge_and_in_every_export(
    demo, client, office_user, django_capture_on_commit_callbacks
):
    client.force_login(office_user)
    active = Delegate.objects.active()
    everyone = Counter((d.given_name, d.family_name) for d in active)
    consenting = Counter(
        (d.given_name, d.family_name) for d in active.filter(public_list_consent=True)
    )
    came = Counter(
        (d.given_name, d.family_name)
        for d in active.filter(pk__in=Checkin.objects.values("delegate"))
    )
    # All but the four who withdrew and the two the ISU declined.
    assert everyone.total() == len(PEOPLE) - 6
    assert 0 < consenting.total() < everyone.total() and 0 < came.total() < everyone.total()

    # Badges: one batch, every active person's name as printed, in every script.
    batch = BadgeBatch.objects.get()
    badges = pdf_text(batch.pdf.read())
    for delegate in active:
        assert printed_whole(delegate.name_on_badge, badges), delegate.name_on_badge

    def download(fmt: str, **query) -> bytes:
        response = client.get(reverse("staff:participants", args=[fmt]), query)
        assert response.status_code == 200
        return response.content

    # CSV and XLSX, internal and public, and the internal list of those who came.
    assert names(read_csv(download("csv"))) == everyone
    assert names(read_xlsx(download("xlsx"))) == everyone
    public_csv = download("csv", public="1")
    assert names(read_csv(public_csv)) == consenting
    assert b"@" not in public_csv
    assert names(read_xlsx(download("xlsx", public="1"))) == consenting
    assert names(read_csv(download("csv", attended="1"))) == came
    # In French, the same people under the French names of their delegations.
    assert names(read_csv(download("csv", language="fr"))) == everyone

    # The PDF lists: the internal one the demo had rendered, and a public one asked for.
    internal_pdf = pdf_text(ExportJob.objects.get().file.read())
    for delegate in active:
        assert printed_whole(delegate.given_name, internal_pdf), delegate.given_name
        assert printed_whole(delegate.family_name, internal_pdf), delegate.family_name
    with django_capture_on_commit_callbacks(execute=True):
        asked = client.post(reverse("staff:export-request", args=["pdf"]), {"public": "1"})
    assert asked.status_code == 302
    job = ExportJob.objects.filter(public=True).get()
    assert job.status == ExportJob.Status.DONE
    public_pdf = pdf_text(job.file.read())
    for delegate in active.filter(public_list_consent=True):
        assert printed_whole(delegate.family_name, public_pdf), delegate.family_name

    # The speakers' lists for the chair: every speaker on each item's CSV.
    for item in AgendaItem.objects.filter(allows_floor_requests=True):
        speakers_csv = client.get(reverse("speakers:csv", args=[item.pk])).content.decode()
        for request in InterventionRequest.objects.filter(agenda_item=item):
            assert request.speaker.family_name in speakers_csv


def rows_of_others(code: str) -> dict:
    """What the demo holds outside one delegation of the cast."""
    others = ~models.Q(delegation__state__alpha3=code)
    return {
        "delegates": list(
            Delegate.objects.filter(others).values_list("pk", "status", "badge_version")
        ),
        "requests": list(
            InterventionRequest.objects.filter(others).values_list("pk", "spoke", "position")
        ),
        "invitations": list(BilateralInvitation.objects.filter(others).values_list("pk", "status")),
        "statements": list(Statement.objects.filter(others).values_list("pk", "published_at")),
        "check-ins": Checkin.objects.exclude(delegate__delegation__state__alpha3=code).count(),
        "refused": FailedScan.objects.exclude(delegate__delegation__state__alpha3=code).count(),
        "exports": ExportJob.objects.count(),
        "obligations": list(Obligation.objects.confirmed().values_list("pk", flat=True)),
    }


def test_a_delegation_of_the_cast_deleted_comes_back_alone(
    demo, django_capture_on_commit_callbacks
):
    ecuador = Delegation.objects.get(state__alpha3="ECU")
    people = ecuador.delegates.count()
    ecuador.delete()
    others = rows_of_others("ECU")

    again = run_demo_data(django_capture_on_commit_callbacks)

    assert f"{people} delegates" in again
    assert Delegation.objects.count() == len(CAST)
    assert Delegate.objects.filter(delegation__state__alpha3="ECU").count() == people
    # Nothing of the others changed: no second check-in, tick, publication or reprint.
    assert rows_of_others("ECU") == others
    # Its own badges, in a batch of their own.
    newest = BadgeBatch.objects.order_by("-pk").first()
    assert BadgeBatch.objects.count() == 2
    assert set(newest.delegates.values_list("delegation__state__alpha3", flat=True)) == {"ECU"}


def test_the_sponsorship_story_of_june_2018(demo, client, roles):
    """16 offered, some decline or never travel, 10 attend from the ten States the
    coordinator named; the committee's page and the report come alive."""
    from sponsorship.models import Application
    from tests.helpers import staff_user, visible_text

    offered = Application.objects.exclude(status__in=["applied", "wait_listed", "not_offered"])
    assert offered.count() == 16
    assert Application.objects.filter(status="wait_listed").count() == 2
    client.force_login(staff_user("coordinator", "Sponsorship committee"))

    report = client.get("/staff/sponsorship/report/").context["report"]
    committee = visible_text(client.get("/staff/sponsorship/"))

    applied, offers, accepted, travelled, attended, _spoke = report.totals
    assert (applied, offers, accepted, travelled, attended) == (19, 16, 12, 10, 10)
    by_region = dict(report.tables[2].rows)
    assert by_region["African States"][4] == 8  # and Sri Lanka, Tajikistan in Asia-Pacific
    assert by_region["Asia-Pacific States"][4] == 2
    assert "Sponsorship applications (19)" in committee
    assert "First on the wait list" in committee

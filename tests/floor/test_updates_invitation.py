"""The e-mail that invites a State Party's delegation to present its updates: sent once
per delegation, when it is registered and its State has confirmed obligations (at
registration, or when the ISU confirms them later), before the deadline, to its focal
point (else its head, else its first member) in their language, with a private link
to the updates and the one-step button for those speakers' lists."""

import io
import threading
import time

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import translation

from floor import services as floor_services
from floor.models import UpdatesInvitation
from outbox.models import Notification
from reference.models import Obligation, confirmed_obligations_by_state
from registration import services
from registration.models import Delegate, InterventionRequest
from tests.conftest import geneva
from tests.helpers import (
    confirm_obligations,
    identity,
    person,
    register,
    register_delegation,
    visible_text,
)
from tests.i18n.pages import OTHER_LANGUAGES, english_sentences, proper_names

pytestmark = pytest.mark.django_db

KIND = "updates_invitation"
BEFORE_DEADLINE = geneva(2018, 5, 30, 12, 0)
AFTER_DEADLINE = geneva(2018, 6, 1, 9, 0)


@pytest.fixture
def meeting(obligations, clock_at):
    """The meeting with the States and their 68 obligations (none confirmed), the day
    before the deadline."""
    clock_at(BEFORE_DEADLINE)
    return obligations


def member(n, **overrides) -> dict:
    """A member as the services take them (the forms' "on" is a boolean by then)."""
    return {**person(n, **overrides), "public_list_consent": True}


def invitations():
    return Notification.objects.filter(kind=KIND)


def link_path(notification) -> str:
    """The private link of the e-mail, as the site's path (without SITE_URL)."""
    [line] = [
        line for line in notification.body_text.splitlines() if line.startswith(settings.SITE_URL)
    ]
    return line.removeprefix(settings.SITE_URL)


def test_a_focal_point_is_invited_once_in_their_language_with_a_link_that_works(client, meeting):
    confirm_obligations("AFG")

    delegation, _token = services.delegation_register(
        meeting=meeting,
        identity=identity(meeting, state="AFG"),
        focal_point_name="Focal Point",
        focal_point_email="focal@afg.example",
        members=[member(1, role="head"), member(2)],
        language="fr",
    )

    [mail] = invitations()
    assert (mail.to_email, mail.language, mail.reference) == ("focal@afg.example", "fr", "")
    assert mail.subject == (
        "Invitation à présenter des informations actualisées : Réunions intersessions de 2018"
    )
    body = " ".join(mail.body_text.split())
    assert body.startswith("Bonjour Focal Point, La lettre de la Présidente invite les États")
    # The updates and their items, in French, the Article 5 deadline, the deadline.
    assert "(Afghanistan) :" in body
    assert "- Article 5 : déminage, échéance au titre de l'article 5 : 1er mars 2023" in body
    assert "point 3, Application de l'article 5" in body
    assert "- Assistance aux victimes: point 2, Assistance aux victimes" in body
    assert "avant la clôture des inscriptions, le jeudi 31 mai 2018 à 23 h 59 (heure de" in body
    assert "<a href=" in mail.body_html and 'lang="fr"' in mail.body_html
    path = link_path(mail)
    assert path.startswith("/fr/updates/")

    # The link opens the updates and the one-step button; pressing it puts the
    # delegation on both lists with its head as the speaker.
    page = client.get(path)
    assert page.status_code == 200
    html = page.content.decode()
    action = html.split('class="updates-panel')[1].split('action="')[1].split('"')[0]
    assert action == path + "speakers/"
    answered = client.post(action, follow=True)

    head = delegation.delegates.get(role=Delegate.Role.HEAD)
    requests = InterventionRequest.objects.filter(delegation=delegation)
    assert sorted(r.agenda_item.number for r in requests) == [2, 3]
    assert {r.speaker for r in requests} == {head}
    assert answered.redirect_chain[-1][0] == path
    assert "Afghanistan" in visible_text(answered)
    assert "Votre délégation est inscrite sur la liste des orateurs de chacun de ces points." in (
        visible_text(answered)
    )

    # Another member registering through the focal point's page sends nothing more.
    services.delegation_add_member(delegation=delegation, data=member(3))
    assert invitations().count() == 1
    assert UpdatesInvitation.objects.get().delegation == delegation


def test_in_english_the_email_names_the_updates_items_deadline_and_link(meeting):
    confirm_obligations("AFG")

    register_delegation(meeting, state="AFG", members=[person(1, role="head")])

    [mail] = invitations()
    text = " ".join(mail.body_text.split())
    assert text.startswith("Dear Focal Point,")
    assert "The programme invites these updates from Afghanistan:" in text
    assert (
        "- Article 5: mine clearance, Article 5 deadline: 1 March 2023: item 3, Article 5 "
        "implementation, with the presentation of requests for extension of Article 5 "
        "deadlines" in text
    )
    assert "- Victim assistance: item 2, Victim assistance" in text
    assert (
        "To put your delegation on the speakers' list for these items in one step, open this "
        "private link before registration closes on Thursday 31 May 2018, 23:59 (Geneva time):"
    ) in text
    assert mail.subject == "Invitation to present updates: 2018 Intersessional Meetings"
    html = " ".join(mail.body_html.split())
    assert f'<a href="{settings.SITE_URL}{link_path(mail)}">' in html
    assert "<li><strong>Article 5: mine clearance</strong>" in html


def test_a_delegation_registering_member_by_member_is_invited_once_by_its_first_member(meeting):
    confirm_obligations("KHM")

    first, _token = register(meeting, state="KHM", n=1, language="es")
    register(meeting, state="KHM", n=2, role="head")
    register(meeting, state="KHM", n=3)

    [mail] = invitations()
    assert (mail.to_email, mail.language) == (first.email, "es")
    assert mail.reference == f"delegate:{first.pk}"
    assert link_path(mail).startswith("/es/updates/")
    assert "Camboya" in mail.body_text


def test_a_delegation_already_on_the_lists_is_told_so(meeting):
    from programme.models import AgendaItem

    confirm_obligations("COL", kind="article_5")

    register(meeting, state="COL", n=1, floor_items=[AgendaItem.objects.get(number=3)])

    [mail] = invitations()
    text = " ".join(mail.body_text.split())
    assert "of Article 5 deadlines (on the speakers' list)" in text
    assert "Your delegation is on the speakers' list for each of these items." in text
    assert "in one step" not in text


def test_no_email_for_a_state_without_confirmed_obligations_or_an_organisation(meeting):
    confirm_obligations("AFG")

    register(meeting, state="FRA", n=1)  # a State Party with no obligation
    register(meeting, state="AGO", n=2)  # obligations loaded, none confirmed
    register(meeting, state="USA", n=3)  # not party
    register(meeting, acronym="ICRC", n=4)
    register(meeting, acronym="MAG", n=5)
    services.delegation_register(
        meeting=meeting,
        identity=identity(meeting, state="THA"),  # a conflicting row, never confirmed
        focal_point_name="Focal Point",
        focal_point_email="focal@tha.example",
        members=[member(6, role="head")],
    )

    assert not invitations().exists()
    assert not UpdatesInvitation.objects.exists()


def test_sent_when_the_isu_confirms_an_obligation_after_the_delegation_registered(
    client, meeting, isu_user
):
    member, _token = register(meeting, state="COL", n=1, language="fr")
    head, _token = register(meeting, state="COL", n=2, role="head", language="ru")
    assert not invitations().exists()
    client.force_login(isu_user)
    changelist = reverse("admin:reference_obligation_changelist")
    article_5 = Obligation.objects.get(state__alpha3="COL", kind="article_5")

    answer = client.post(
        changelist,
        {"action": "confirm", "_selected_action": [article_5.pk]},
        follow=True,
    )

    text = visible_text(answer)
    assert "1 obligation confirmed" in text
    assert "1 registered delegation is invited by e-mail to present its updates." in text
    [mail] = invitations()
    # No focal point: the head of delegation, in their language.
    assert (mail.to_email, mail.language) == (head.email, "ru")
    assert link_path(mail).startswith("/ru/updates/")
    assert client.get(link_path(mail)).status_code == 200

    # Another obligation confirmed later (ticked in the admin's form), a confirmation
    # withdrawn and given again: never a second e-mail.
    victim_assistance = Obligation.objects.get(state__alpha3="COL", kind="victim_assistance")
    change = reverse("admin:reference_obligation_change", args=[victim_assistance.pk])
    saved = client.post(
        change,
        {
            "state": victim_assistance.state_id,
            "kind": victim_assistance.kind,
            "deadline": "",
            "note": victim_assistance.note,
            "source": victim_assistance.source,
            "confidence": victim_assistance.confidence,
            "confirmed": "on",
        },
    )
    assert saved.status_code == 302
    victim_assistance.refresh_from_db()
    assert victim_assistance.confirmed
    client.post(changelist, {"action": "unconfirm", "_selected_action": [article_5.pk]})
    client.post(changelist, {"action": "confirm", "_selected_action": [article_5.pk]})
    assert invitations().count() == 1
    assert member.pk != head.pk


def test_ticking_confirmed_in_the_admin_form_invites_a_registered_delegation(
    client, meeting, isu_user
):
    register(meeting, state="MOZ", n=1)
    client.force_login(isu_user)
    obligation = Obligation.objects.get(state__alpha3="MOZ", kind="victim_assistance")

    answer = client.post(
        reverse("admin:reference_obligation_change", args=[obligation.pk]),
        {
            "state": obligation.state_id,
            "kind": obligation.kind,
            "deadline": "",
            "note": obligation.note,
            "source": obligation.source,
            "confidence": obligation.confidence,
            "confirmed": "on",
        },
        follow=True,
    )

    assert "1 registered delegation is invited by e-mail" in visible_text(answer)
    [mail] = invitations()
    assert "item 2, Victim assistance" in mail.body_text


def test_not_sent_after_the_deadline(meeting, clock_at):
    register(meeting, state="COL", n=1)
    clock_at(AFTER_DEADLINE)

    confirm_obligations("COL")
    services.delegate_add_by_staff(
        delegate=Delegate(
            delegation=Delegate.objects.get().delegation,
            **{k: v for k, v in person(2).items() if k != "public_list_consent"},
        )
    )

    assert not invitations().exists()


def test_not_sent_to_a_delegation_whose_members_all_withdrew(meeting):
    delegate, _token = register(meeting, state="COL", n=1)
    services.delegate_withdraw(delegate=delegate)

    confirm_obligations("COL")

    assert not invitations().exists()


def test_the_invitations_link_opens_only_its_page(client, meeting):
    confirm_obligations("AFG")
    register_delegation(meeting, state="AFG", members=[person(1, role="head")])
    path = link_path(invitations().get())
    token = path.split("/")[3]

    assert client.get(path).status_code == 200
    # Not a registration's or a focal point's link, nor a bilateral invitation's.
    assert client.get(reverse("registration:delegate", args=[token])).status_code == 404
    assert client.get(reverse("registration:delegation", args=[token])).status_code == 404
    assert client.get(reverse("floor:bilateral", args=[token])).status_code == 404
    # A forged or altered link opens nothing.
    assert client.get(path.replace(token, token[:-2] + "xx")).status_code == 404
    assert client.post(path.replace(token, "forged") + "speakers/").status_code == 404
    assert not InterventionRequest.objects.exists()


def test_after_the_deadline_the_page_says_how_to_take_the_floor(client, meeting, clock_at):
    confirm_obligations("AFG")
    register_delegation(meeting, state="AFG", members=[person(1, role="head")])
    path = link_path(invitations().get())
    clock_at(AFTER_DEADLINE)

    text = visible_text(client.get(path))
    pressed = client.post(path + "speakers/", follow=True)

    assert "Registration has closed: to take the floor, write to" in text
    assert "Put us on the speakers' list" not in text
    assert "Registration closed on" in visible_text(pressed)
    assert not InterventionRequest.objects.exists()


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_the_email_and_its_page_leave_no_english_sentence(client, meeting, language):
    confirm_obligations("AFG")
    english, _token = register(meeting, state="AFG", n=1, role="head", language="en")
    [english_mail] = invitations()
    services.delegate_withdraw(delegate=english)
    UpdatesInvitation.objects.all().delete()

    register(meeting, state="AFG", n=2, role="head", language=language)

    mail = invitations().exclude(pk=english_mail.pk).get()
    allowed = proper_names(language) | {"2018 Intersessional Meetings"}
    assert english_sentences(mail.body_html, english_mail.body_html, allowed=allowed) == set()
    english_lines = {line.strip() for line in english_mail.body_text.splitlines()}
    left = {
        line.strip()
        for line in mail.body_text.splitlines()
        if line.strip() in english_lines and len(line.split()) > 2
    }
    assert {line for line in left if not line.startswith(("http", "isu@"))} == set()
    with translation.override("en"):
        english_page = client.get(link_path(english_mail))
    page = client.get(link_path(mail))
    assert page.status_code == 200
    found = english_sentences(page.content.decode(), english_page.content.decode(), allowed=allowed)
    assert found == set()


def test_retention_ends_the_invitations_link(client, meeting, django_capture_on_commit_callbacks):
    confirm_obligations("AFG")
    register_delegation(meeting, state="AFG", members=[person(1, role="head")])
    path = link_path(invitations().get())

    with django_capture_on_commit_callbacks(execute=True):
        call_command("apply_retention", "--meeting", meeting.slug, stdout=io.StringIO())

    assert client.get(path).status_code == 404
    assert not UpdatesInvitation.objects.exclude(access_token_hash="").exists()


# At the same moment, on PostgreSQL ---------------------------------------------------


def run_at_once(*targets):
    """Run the targets in threads that start together; return what each returned or
    raised."""
    from django.db import connections

    barrier = threading.Barrier(len(targets))
    results = [None] * len(targets)

    def worker(i, target):
        try:
            barrier.wait()
            results[i] = target()
        except Exception as error:  # asserted on by the caller
            results[i] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i, t)) for i, t in enumerate(targets)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


@pytest.mark.django_db(transaction=True)
def test_two_officers_confirming_at_once_send_one_email(meeting):
    register(meeting, state="COL", n=1)
    rows = Obligation.objects.filter(state__alpha3="COL").order_by("kind")
    assert rows.count() == 2

    results = run_at_once(
        *(lambda row=row: floor_services.obligations_confirm(obligations=[row]) for row in rows)
    )

    assert not [r for r in results if isinstance(r, Exception)], results
    assert invitations().count() == 1
    assert sorted(len(invited) for _confirmed, invited in results) == [0, 1]


@pytest.mark.django_db(transaction=True)
def test_members_registering_at_once_make_one_email(meeting):
    confirm_obligations("COL")
    who = identity(meeting, state="COL")

    results = run_at_once(
        *(
            lambda n=n: services.delegate_register(
                meeting=meeting, identity=who, data={**person(n), "public_list_consent": True}
            )
            for n in range(1, 5)
        )
    )

    assert all(isinstance(r, tuple) for r in results), results
    assert Delegate.objects.filter(delegation__state__alpha3="COL").count() == 4
    assert invitations().count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("known", [False, True], ids=["obligations-unread", "none-known"])
def test_a_registration_and_a_confirmation_at_the_same_moment_send_one_email(meeting, known):
    # The registration is saved but not yet committed while the ISU confirms: each
    # transaction alone sees no reason to write (the other's row is not visible yet),
    # unless the second waits for the first (floor.services._lock_states). Also when
    # the process already knows the State has no confirmed obligation, and takes the
    # lock alone (the common case).
    if known:
        assert "COL" not in {o.state.alpha3 for o in _confirmed_known()}
    registered = threading.Event()

    def register_and_hold():
        with transaction.atomic():
            register(meeting, state="COL", n=1)
            registered.set()
            time.sleep(1)  # the confirmation runs meanwhile

    def confirm_meanwhile():
        assert registered.wait(10)
        return floor_services.obligations_confirm(
            obligations=list(Obligation.objects.filter(state__alpha3="COL"))
        )

    results = run_at_once(register_and_hold, confirm_meanwhile)

    assert not [r for r in results if isinstance(r, Exception)], results
    assert invitations().count() == 1


def _confirmed_known():
    """Read the confirmed obligations as a process keeps them for a minute."""
    return [o for rows in confirmed_obligations_by_state().values() for o in rows]


def test_a_process_that_missed_a_confirmation_still_invites_once(meeting):
    # This process read the obligations a moment before another process confirmed
    # Cambodia's: what it keeps for the minute still says none (a confirmation forgets
    # only the copy of the process that saves it). The hook reads them afresh after the
    # State's lock: the invitation is sent, and once.
    cambodia = Obligation.objects.filter(state__alpha3="KHM")
    assert not confirmed_obligations_by_state().get(cambodia[0].state_id)
    cambodia.update(confirmed=True)  # as the other process's transaction commits it
    assert not confirmed_obligations_by_state().get(cambodia[0].state_id)

    first, _token = register(meeting, state="KHM", n=1)
    register(meeting, state="KHM", n=2)

    [mail] = invitations()
    assert mail.to_email == first.email
    assert UpdatesInvitation.objects.count() == 1

"""Deciding: offer, wait-list, decline with a reason e-mailed in the person's language;
the budget and the offers per State held, also against two members at once."""

import threading
from decimal import Decimal

import pytest
from django.db import connection, connections

from outbox.models import Notification
from sponsorship import services
from sponsorship.models import Application, Programme
from tests.helpers import staff_user

from .conftest import apply, make_programme

pytestmark = pytest.mark.django_db


def decide(application, decision="offer", reason="Article 5 deadline in 2019", by=None):
    application.refresh_from_db()
    return services.application_decide(
        application=application,
        decision=decision,
        reason=reason,
        version=application.version,
        by=by,
    )


def test_an_offer_is_e_mailed_with_its_reason_in_the_persons_language(programme, roles):
    application, _ = apply(programme)
    application.delegate.language = "fr"
    application.delegate.save()
    member = staff_user("coordinator", "Sponsorship committee")

    decided = decide(application, reason="Échéance de l'article 5 en 2019", by=member)

    assert decided.status == Application.Status.OFFERED
    assert decided.decided_by == member
    assert decided.estimate_chf == Decimal("2000.00")  # 1,400 + 3 nights x 200
    mail = Notification.objects.filter(kind="sponsorship_decision").get()
    assert mail.language == "fr"
    assert "parrainage" in mail.subject.lower()
    assert "Échéance de l'article 5 en 2019" in mail.body_text
    assert "/fr/sponsorship/" in mail.body_text


def test_a_wait_list_and_a_decline_each_tell_the_person_why(programme):
    first, _ = apply(programme, n=1)
    second, _ = apply(programme, state="TCD", n=2)

    decide(first, "wait_list", reason="Budget first for States with 2019 deadlines")
    decide(second, "decline", reason="The State has no obligation left")

    decisions = Notification.objects.filter(kind="sponsorship_decision")
    mails = {m.subject: m.body_text for m in decisions}
    assert any("wait list" in s for s in mails)
    assert any("The State has no obligation left" in body for body in mails.values())


def test_a_decision_without_a_reason_is_refused(programme):
    application, _ = apply(programme)

    with pytest.raises(services.SponsorshipError) as refusal:
        decide(application, reason="  ")

    assert refusal.value.field == "reason"


def test_an_offer_beyond_the_budget_is_refused_not_warned(open_registration, clock_at):
    from .conftest import BEFORE_SPONSORSHIP_DEADLINE

    clock_at(BEFORE_SPONSORSHIP_DEADLINE)
    programme = make_programme(open_registration, budget_chf=Decimal("3000"))
    first, _ = apply(programme, state="AGO", n=1)
    second, _ = apply(programme, state="TCD", n=2)
    decide(first)

    with pytest.raises(services.SponsorshipError) as refusal:
        decide(second)

    assert "more than the budget of CHF 3000" in refusal.value.message
    second.refresh_from_db()
    assert second.status == Application.Status.APPLIED
    assert services.committed(programme) == Decimal("2000.00")


def test_a_declined_offer_frees_its_budget_and_proposes_the_wait_list(programme):
    first, first_token = apply(programme, state="AGO", n=1)
    waiting, _ = apply(programme, state="TCD", n=2)
    decide(first)
    decide(waiting, "wait_list", reason="Next in line")

    services.offer_answer(application=first, accept=False)

    assert services.committed(programme) == 0
    assert services.wait_list_next(programme) == waiting


def test_offers_per_state_are_held(open_registration, clock_at):
    from .conftest import BEFORE_SPONSORSHIP_DEADLINE

    clock_at(BEFORE_SPONSORSHIP_DEADLINE)
    programme = make_programme(open_registration, offers_per_state=1)
    first, _ = apply(programme, state="AGO", n=1)
    second, _ = apply(programme, state="AGO", n=2)
    decide(first)

    with pytest.raises(services.SponsorshipError, match="most the programme allows"):
        decide(second)


def test_a_decision_taken_on_an_older_page_is_refused(programme):
    application, _ = apply(programme)
    seen = application.version
    services.application_decide(
        application=application, decision="wait_list", reason="Later", version=seen, by=None
    )

    with pytest.raises(services.SponsorshipError, match="meanwhile"):
        services.application_decide(
            application=application, decision="offer", reason="Now", version=seen, by=None
        )

    application.refresh_from_db()
    assert application.status == Application.Status.WAIT_LISTED
    assert application.reason == "Later"


def test_an_offer_cannot_be_answered_after_its_date(programme, clock_at):
    from tests.conftest import geneva

    application, _ = apply(programme)
    decide(application)
    application.refresh_from_db()
    clock_at(geneva(2018, 5, 30, 12))  # the offer ran until 17 May

    with pytest.raises(services.SponsorshipError, match="passed"):
        services.offer_answer(application=application, accept=True)
    assert services.offers_lapse() == 1
    application.refresh_from_db()
    assert application.status == Application.Status.OFFER_LAPSED


@pytest.mark.django_db(transaction=True)
def test_two_offers_at_once_that_exceed_the_budget_together_one_is_refused(
    open_registration, clock_at
):
    if connection.vendor != "postgresql":
        pytest.fail("Concurrency is tested against PostgreSQL: run it through `make test`.")
    from .conftest import BEFORE_SPONSORSHIP_DEADLINE

    clock_at(BEFORE_SPONSORSHIP_DEADLINE)
    # Room for one offer of CHF 2,000, not two.
    programme = make_programme(open_registration, budget_chf=Decimal("3000"))
    applications = [apply(programme, state="AGO", n=1)[0], apply(programme, state="TCD", n=2)[0]]
    barrier = threading.Barrier(2)
    results = []

    def offer(application):
        try:
            barrier.wait()
            results.append(
                services.application_decide(
                    application=application,
                    decision="offer",
                    reason="Both at once",
                    version=application.version,
                    by=None,
                )
            )
        except services.SponsorshipError as error:
            results.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=offer, args=(a,)) for a in applications]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)

    refused = [r for r in results if isinstance(r, services.SponsorshipError)]
    assert len(refused) == 1
    assert "budget" in refused[0].message
    assert Application.objects.filter(status=Application.Status.OFFERED).count() == 1
    assert services.committed(Programme.objects.get()) == Decimal("2000.00")

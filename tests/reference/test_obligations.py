"""The States Parties' obligations: loaded as reference data for the ISU to confirm,
shown on the programme only once confirmed."""

import time as wall_clock
from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse

from reference.load import load_obligations
from reference.models import Obligation
from tests.helpers import confirm_obligations, visible_text

pytestmark = pytest.mark.django_db


def test_obligations_load_unconfirmed_with_their_sources_and_confidence(obligations):
    assert Obligation.objects.count() == 68
    assert Obligation.objects.filter(kind="article_5").count() == 34
    assert Obligation.objects.filter(kind="article_4").count() == 5
    assert Obligation.objects.filter(kind="victim_assistance").count() == 29
    assert not Obligation.objects.filter(confirmed=True).exists()

    afghanistan = Obligation.objects.get(state__alpha3="AFG", kind="article_5")
    assert afghanistan.deadline == date(2023, 3, 1)
    assert afghanistan.source.startswith("http://www.the-monitor.org/")
    thailand = Obligation.objects.get(state__alpha3="THA", kind="article_5")
    assert thailand.confidence == Obligation.Confidence.CONFLICTING
    assert "31 December 2023" in thailand.note
    nigeria = Obligation.objects.get(state__alpha3="NGA", kind="article_5")
    assert (nigeria.confidence, nigeria.deadline) == (Obligation.Confidence.UNCERTAIN, None)
    # "sourced (2012 list)" is sourced; its note says the list is of 2012.
    albania = Obligation.objects.get(state__alpha3="ALB")
    assert albania.confidence == Obligation.Confidence.SOURCED
    assert "2012" in albania.note


def test_loading_again_keeps_the_isus_corrections_and_confirmations(obligations):
    angola = Obligation.objects.get(state__alpha3="AGO", kind="article_5")
    angola.deadline = date(2025, 12, 30)
    angola.save()
    confirm_obligations("AGO", kind="article_5")
    Obligation.objects.filter(state__alpha3="GRC").delete()

    load_obligations()

    angola.refresh_from_db()
    assert (angola.deadline, angola.confirmed) == (date(2025, 12, 30), True)
    assert Obligation.objects.count() == 68  # the deleted row is back, unconfirmed
    assert not Obligation.objects.get(state__alpha3="GRC").confirmed


def test_load_reference_data_loads_the_obligations_idempotently(db, capsys):
    call_command("load_reference_data")
    call_command("load_reference_data")

    assert "68 obligations" in capsys.readouterr().out
    assert Obligation.objects.count() == 68


def programme_text(client) -> str:
    return visible_text(client.get(reverse("programme:programme")))


def test_programme_lists_only_confirmed_obligations_under_the_items_that_call_them(
    client, obligations
):
    confirm_obligations("AFG", "GRC", "MOZ")

    text = programme_text(client)

    assert "States Parties invited to present updates (Article 5: mine clearance): " in text
    assert "Afghanistan (Article 5 deadline: 1 March 2023)" in text
    assert "States Parties invited to present updates (Article 4: stockpile destruction): " in text
    assert "Greece" in text
    assert "Mozambique" in text  # victim assistance, under item 2
    # Loaded but not confirmed: never on the public page, not even the uncertain rows.
    for unconfirmed in ["Angola", "Nigeria", "Thailand", "Algeria"]:
        assert unconfirmed not in text


def test_an_article_5_deadline_is_under_the_article_5_item(client, obligations):
    confirm_obligations("AFG")

    html = client.get(reverse("programme:programme")).content.decode()

    item_3 = html.index("Article 5 implementation")
    item_4 = html.index("Cooperative compliance")
    assert item_3 < html.index("Article 5 deadline: 1 March 2023") < item_4
    # Afghanistan's victim assistance obligation sits under item 2, without a deadline.
    assert html.index("Victim assistance") < html.index("Afghanistan") < item_3


def test_a_confirmation_shows_on_the_programme_within_the_minute(client, obligations, monkeypatch):
    assert "Senegal" not in programme_text(client)
    confirm_obligations("SEN", kind="article_5")

    later = wall_clock.time() + 61
    monkeypatch.setattr(wall_clock, "time", lambda: later)
    assert "Senegal (Article 5 deadline: 1 March 2021)" in programme_text(client)


def test_isu_staff_confirm_obligations_in_the_admin(client, obligations, isu_user):
    client.force_login(isu_user)
    rows = Obligation.objects.filter(state__alpha3="AFG")

    response = client.post(
        reverse("admin:reference_obligation_changelist"),
        {"action": "confirm", "_selected_action": [o.pk for o in rows]},
        follow=True,
    )

    assert "2 obligations confirmed" in visible_text(response)
    assert rows.filter(confirmed=True, confirmed_at__isnull=False).count() == 2


def test_isu_staff_correct_a_deadline_in_the_admin(client, obligations, isu_user):
    client.force_login(isu_user)
    thailand = Obligation.objects.get(state__alpha3="THA", kind="article_5")

    client.post(
        reverse("admin:reference_obligation_change", args=[thailand.pk]),
        {
            "state": thailand.state_id,
            "kind": "article_5",
            "deadline": "2023-12-31",
            "note": "Thailand gives 31 December 2023; checked by the ISU",
            "source": thailand.source,
            "confidence": "sourced",
            "confirmed": "on",
        },
    )

    thailand.refresh_from_db()
    assert (thailand.deadline, thailand.confirmed) == (date(2023, 12, 31), True)
    assert thailand.confirmed_at is not None


def test_the_presidents_office_cannot_confirm(client, obligations, office_user):
    client.force_login(office_user)
    rows = Obligation.objects.filter(state__alpha3="AFG")

    client.post(
        reverse("admin:reference_obligation_changelist"),
        {"action": "confirm", "_selected_action": [o.pk for o in rows]},
    )

    assert not rows.filter(confirmed=True).exists()

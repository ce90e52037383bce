import csv
import io
import subprocess

import pytest
from django.urls import reverse

from floor.speakers import speakers_csv
from reference.models import State
from registration import services
from registration.models import Delegate, InterventionRequest
from tests import helpers
from tests.conftest import geneva
from tests.helpers import item, person, self_registration, visible_text

pytestmark = pytest.mark.django_db


def register(meeting, code, n, clock_at=None, minute=0, **overrides):
    """A delegate of a State or organisation (`code`: alpha-3 or acronym), registered at
    12:`minute` on 30 May when `clock_at` is given (the order of the requests)."""
    if clock_at:
        clock_at(geneva(2018, 5, 30, 12, minute))
    is_state = State.objects.filter(alpha3=code).exists()
    return helpers.register(
        meeting,
        state=code if is_state else None,
        acronym=None if is_state else code,
        n=n,
        **overrides,
    )


def test_delegate_asks_for_the_floor_when_registering(client, open_registration, france):
    data = self_registration(state=france)
    data["floor_items"] = [item(2).pk, item(6).pk]

    client.post(reverse("registration:register-delegate"), data)

    delegate = Delegate.objects.get()
    requested = InterventionRequest.objects.filter(speaker=delegate)
    assert sorted(r.agenda_item.number for r in requested) == [2, 6]
    assert {r.delegation for r in requested} == {delegate.delegation}


def test_an_item_closed_to_requests_is_not_offered_and_refused(client, open_registration, france):
    form_page = client.get(reverse("registration:register-delegate"))
    assert "Victim assistance" in visible_text(form_page)
    assert "Opening of the intersessional meetings" not in visible_text(form_page)

    data = self_registration(state=france)
    data["floor_items"] = [item(1).pk]
    response = client.post(reverse("registration:register-delegate"), data)

    assert "Select a valid choice." in response.context["form"].errors["floor_items"][0]
    assert Delegate.objects.count() == 0


def test_one_request_per_delegation_per_item(open_registration):
    first, _ = register(open_registration, "FRA", 1)
    second, _ = register(open_registration, "FRA", 2)
    services.delegate_update(delegate=first, data={"floor_items": [item(3)]})

    with pytest.raises(services.RegistrationError, match="already asked for the floor"):
        services.delegate_update(delegate=second, data={"floor_items": [item(3)]})

    assert InterventionRequest.objects.filter(agenda_item=item(3)).count() == 1


def test_delegate_changes_the_items_through_the_private_link(client, open_registration):
    delegate, token = register(open_registration, "FRA", 1)
    services.delegate_update(delegate=delegate, data={"floor_items": [item(2)]})
    data = {**person(1), "floor_items": [item(4).pk, item(5).pk]}

    form_page = client.get(reverse("registration:delegate-edit", args=[token]))
    assert form_page.context["form"].initial["floor_items"] == [item(2).pk]

    response = client.post(reverse("registration:delegate-edit", args=[token]), data, follow=True)

    assert "You intend to take the floor on" in visible_text(response)
    numbers = InterventionRequest.objects.filter(speaker=delegate).values_list(
        "agenda_item__number", flat=True
    )
    assert sorted(numbers) == [4, 5]


def test_speakers_list_order_parties_then_states_not_party_then_organisations(
    open_registration, clock_at
):
    # Asked in this order: an organisation, a State not party, two States Parties.
    asked = [("ICRC", 1), ("USA", 2), ("MOZ", 3), ("FRA", 4)]
    for minute, (code, n) in enumerate(asked):
        delegate, _ = register(open_registration, code, n, clock_at, minute)
        services.delegate_update(delegate=delegate, data={"floor_items": [item(3)]})

    order = [
        r.delegation.name
        for r in InterventionRequest.objects.filter(agenda_item=item(3)).speakers_list()
    ]

    assert order == [
        "Mozambique",
        "France",
        "United States of America",
        "International Committee of the Red Cross",
    ]


def test_staff_move_a_speaker_to_the_top_and_the_export_follows(
    admin_client, open_registration, clock_at, tmp_path
):
    for minute, (code, n) in enumerate([("FRA", 1), ("USA", 2), ("ICRC", 3)]):
        delegate, _ = register(
            open_registration, code, n, clock_at, minute, function="=HYPERLINK(1)"
        )
        services.delegate_update(delegate=delegate, data={"floor_items": [item(3)]})
    icrc = InterventionRequest.objects.get(delegation__organisation__acronym="ICRC")
    InterventionRequest.objects.filter(pk=icrc.pk).update(position=1, spoke=True)

    rows = list(csv.reader(io.StringIO(speakers_csv(item(3)))))

    assert rows[0] == ["Order", "Delegation", "Category", "Speaker", "Function", "Spoke"]
    assert [row[1] for row in rows[1:]] == [
        "International Committee of the Red Cross",
        "France",
        "United States of America",
    ]
    assert rows[1][4] == "'=HYPERLINK(1)"  # never run as a formula
    assert rows[1][5] == "yes"

    pdf = admin_client.get(reverse("speakers:pdf", args=[item(3).pk]))
    path = tmp_path / "list.pdf"
    path.write_bytes(pdf.content)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    flat = " ".join(text.split())
    assert flat.index("International Committee of the Red Cross") < flat.index("France")
    assert "Speakers' list: item 3." in flat


@pytest.mark.parametrize("count", [1, 20])
def test_speakers_list_export_runs_a_fixed_number_of_queries(
    admin_client, open_registration, django_assert_max_num_queries, count
):
    states = State.objects.order_by("un_name")[:count]
    for n, state in enumerate(states):
        delegate, _ = register(open_registration, state.alpha3, n)
        services.delegate_update(delegate=delegate, data={"floor_items": [item(3)]})

    # The same at 1 and at 20 speakers (the session, the user, the second factor's
    # device, the item, the list).
    with django_assert_max_num_queries(6):
        response = admin_client.get(reverse("speakers:csv", args=[item(3).pk]))
    assert response.content.decode().count("\n") == count + 1


def test_speakers_list_export_is_for_staff_only(client, open_registration):
    url = reverse("speakers:csv", args=[item(3).pk])

    response = client.get(url)

    assert response.status_code == 302 and "/admin/login/" in response.headers["Location"]
    assert not response.get("Content-Type", "").startswith("text/csv")


def test_focal_point_says_where_a_member_will_take_the_floor(client, open_registration):
    identity = services.identity_for(
        meeting=open_registration, state=State.objects.get(alpha3="FRA")
    )
    delegation, token = services.delegation_register(
        meeting=open_registration,
        identity=identity,
        focal_point_name="Jean Dupont",
        focal_point_email="focal@mission.example",
        members=[{**person(1, role="head"), "public_list_consent": True}],
    )
    head = delegation.delegates.get()
    url = reverse("registration:delegation-member", args=[token, head.pk])
    assert "Items on which you intend to take the floor" in visible_text(client.get(url))

    client.post(url, {**person(1, role="head"), "floor_items": [item(2).pk, item(8).pk]})

    requests = InterventionRequest.objects.filter(delegation=delegation, speaker=head)
    assert sorted(r.agenda_item.number for r in requests) == [2, 8]

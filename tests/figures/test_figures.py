import io

import openpyxl
import pytest
from django.urls import reverse

from figures import tables
from figures.queries import states_without_delegates
from registration.models import Delegate
from tests.documents.test_exports import bulk_delegates, register
from tests.helpers import visible_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def mixed(open_registration):
    """France: a woman heads it, with a man and someone who preferred not to say.
    Germany: two men (a woman withdrew). China: one person who preferred not to say.
    ICRC: one woman. Mines Advisory Group: a man and someone of another gender."""
    m = open_registration
    register(m, state="FRA", n=1, role="head", gender="woman", age_band="45_54")
    register(m, state="FRA", n=2, gender="man", age_band="25_34")
    register(m, state="FRA", n=3, gender="undisclosed", age_band="undisclosed")
    register(m, state="DEU", n=4, role="head", gender="man", age_band="55_64")
    register(m, state="DEU", n=5, gender="man", age_band="under_25")
    gone = register(m, state="DEU", n=6, gender="woman")
    Delegate.objects.filter(pk=gone.pk).update(status=Delegate.Status.WITHDRAWN)
    register(m, state="CHN", n=7, role="head", gender="undisclosed", age_band="35_44")
    register(m, acronym="ICRC", n=8, gender="woman", age_band="65_plus")
    register(m, acronym="MAG", n=9, role="head", gender="man", age_band="35_44")
    register(m, acronym="MAG", n=10, gender="other", age_band="35_44")
    return m


def counts(table) -> dict:
    return {row.label: [cell.count for cell in row.cells] for row in table.rows}


def test_delegates_by_gender_overall_and_per_category(mixed):
    result = tables.figures(mixed)

    assert result.total == 9
    assert result.by_gender.columns == ["Woman", "Man", "In another way", "Prefer not to say"]
    assert counts(result.by_gender) == {
        "All categories": [2, 4, 1, 2],
        "State Party": [1, 3, 0, 1],
        "State not party": [0, 0, 0, 1],
        "International organisation": [1, 0, 0, 0],
        "Non-governmental organisation": [0, 1, 1, 0],
    }


def test_delegates_by_age_group_counts_prefer_not_to_say_as_such(mixed):
    result = tables.figures(mixed)

    assert counts(result.by_age_band)["All categories"] == [1, 1, 3, 1, 1, 1, 1]
    assert counts(result.by_age_band)["State Party"] == [1, 1, 0, 1, 1, 0, 1]


def test_heads_of_delegation_by_gender(mixed):
    result = tables.figures(mixed)

    assert counts(result.heads_by_gender) == {
        "All categories": [1, 2, 0, 1],
        "State Party": [1, 1, 0, 0],
        "State not party": [0, 0, 0, 1],
        "International organisation": [0, 0, 0, 0],
        "Non-governmental organisation": [0, 1, 0, 0],
    }


def test_share_of_women_is_of_every_delegate_including_who_preferred_not_to_say(mixed):
    result = tables.figures(mixed)

    shares = {
        cell.label: (cell.count, cell.total, round(cell.share, 1)) for cell in result.share_of_women
    }
    assert shares == {
        "All categories": (2, 9, 22.2),
        "State Party": (1, 5, 20.0),
        "State not party": (0, 1, 0.0),
        "International organisation": (1, 1, 100.0),
        "Non-governmental organisation": (0, 2, 0.0),
    }


def test_delegations_with_no_woman_in_the_lists_order(mixed):
    result = tables.figures(mixed)

    assert [(d.name, d.category, d.members, d.undisclosed) for d in result.no_woman] == [
        ("Germany", "State Party", 2, 0),
        ("China", "State not party", 1, 1),
        ("Mines Advisory Group", "Non-governmental organisation", 2, 0),
    ]


def test_speakers_by_gender_counts_each_request_for_the_floor(mixed):
    from programme.models import AgendaItem
    from registration import services

    items = list(AgendaItem.objects.filter(number__in=[2, 3]))
    for email in ["amina1@mission.example", "amina4@mission.example"]:
        services.delegate_update(
            delegate=Delegate.objects.get(email=email), data={"floor_items": items}
        )
    services.delegate_update(
        delegate=Delegate.objects.get(email="amina8@mission.example"),
        data={"floor_items": items[:1]},
    )

    table = tables.figures(mixed).speakers_by_gender

    assert counts(table)["All categories"] == [3, 2, 0, 0]
    assert counts(table)["State Party"] == [2, 2, 0, 0]
    assert counts(table)["International organisation"] == [1, 0, 0, 0]


def test_figures_page_shows_the_numbers_and_css_bars(client, mixed, office_user):
    client.force_login(office_user)

    response = client.get(reverse("staff:figures"))

    text = visible_text(response)
    html = response.content.decode()
    assert "9 delegates registered or confirmed" in text
    assert "Share of women in each category" in text
    assert "22.2 %" in text
    assert "Germany" in text and "China" in text
    assert "Speakers on the speakers’ lists by gender" in text
    assert 'class="bar bar-22"' in html
    # The strict CSP: no inline style or script anywhere on the page.
    assert "style=" not in html and "<style" not in html
    assert "<script>" not in html


def test_figures_xlsx_reads_back(client, mixed, office_user):
    client.force_login(office_user)

    response = client.get(reverse("staff:figures-xlsx"))

    assert response["Content-Disposition"].startswith("attachment;")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == [
        "1 Delegates by gender",
        "2 Delegates by age group",
        "3 Heads of delegation by gender",
        "4 Speakers on the speakers' lis",
        "5 Attendance by gender",
        "6 Attendance by age group",
        "7 Heads of delegation, attendan",
        "Registered, did not come",
        "Accessibility needs",
        "Refused at the door",
        "Share of women",
        "No woman",
    ]
    gender = book["1 Delegates by gender"]
    assert [c.value for c in gender[3]][:9] == [
        "All categories",
        2,
        2 / 9,
        4,
        4 / 9,
        1,
        1 / 9,
        2,
        2 / 9,
    ]
    assert gender.cell(3, 10).value == 9
    no_woman = [[c.value for c in row] for row in book["No woman"].iter_rows(min_row=2)]
    assert no_woman[0] == ["Germany", "State Party", 2, 0]


@pytest.mark.parametrize("size", [1, 200])
def test_figures_run_six_queries_at_any_size(reference, django_assert_max_num_queries, size):
    bulk_delegates(reference, size)

    # ...the sixth counts the accessibility needs.
    with django_assert_max_num_queries(6):
        result = tables.figures(reference)

    assert result.total == size


def test_coverage_lists_states_with_no_active_delegate(client, mixed, office_user):
    parties, non_parties = states_without_delegates(mixed)
    client.force_login(office_user)

    text = visible_text(client.get(reverse("staff:coverage")))

    party_names = [s.un_name for s in parties]
    assert "France" not in party_names and "Germany" not in party_names
    assert "Afghanistan" in party_names and "Côte d'Ivoire" in party_names
    assert party_names.index("Côte d'Ivoire") < party_names.index("Croatia")
    assert "China" not in [s.un_name for s in non_parties]
    assert "United States of America" in [s.un_name for s in non_parties]
    assert f"States Parties: {len(parties)}" in text
    assert f"States not party: {len(non_parties)}" in text
    assert "Afghanistan" in text and "United States of America" in text


def test_a_state_whose_only_delegate_withdrew_is_not_covered(mixed):
    register(mixed, state="AFG", n=20)
    Delegate.objects.filter(email="amina20@mission.example").update(
        status=Delegate.Status.WITHDRAWN
    )

    parties, _ = states_without_delegates(mixed)

    assert "Afghanistan" in [s.un_name for s in parties]

"""Seating by lot and the nameplates (UN practice): the same draw gives the same plan,
which starts at the drawn State; every registered delegation has a nameplate whose
names are in the PDF, in every script; the worker renders them."""

import pytest

from documents import seating, services
from documents.models import SeatingJob
from documents.tasks import render_seating_job
from reference.models import State
from tests.conftest import BEFORE_DEADLINE
from tests.helpers import pdf_text, printed, register, visible_text

pytestmark = pytest.mark.django_db

REGISTERED = ["FRA", "CHN", "JOR", "RUS", "USA", "AFG", "ZWE", "NOR"]


@pytest.fixture
def registered(meeting, clock_at):
    clock_at(BEFORE_DEADLINE)
    for n, code in enumerate(REGISTERED, start=1):
        register(meeting, state=code, n=n)
    register(meeting, acronym="ICRC", n=20)
    return meeting


def english(seats):
    return [seat.english for seat in seats]


def test_the_same_seed_draws_the_same_state(registered):
    first = services.seating_draw(meeting=registered, seed="a3f1")
    again = seating.draw(registered, "a3f1")

    assert first.state == again
    assert first.state.is_party_on(registered.starts_on)


def test_the_plan_starts_at_the_drawn_state_then_non_parties_then_organisations(registered):
    norway = State.objects.get(alpha3="NOR")
    seats = seating.seating(registered, norway)

    # USA and China (not parties in 2018) after the parties; the ICRC last.
    assert english(seats) == [
        "Norway",
        "Zimbabwe",
        "Afghanistan",
        "France",
        "Jordan",
        "China",
        "Russian Federation",
        "United States of America",
        "International Committee of the Red Cross",
    ]
    assert seats == seating.seating(registered, norway)


def test_a_drawn_state_not_registered_starts_at_the_next_in_the_alphabet(registered):
    mexico = State.objects.get(alpha3="MEX")
    assert english(seating.seating(registered, mexico))[0] == "Norway"


def test_every_nameplate_has_the_names_in_every_script(registered, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    draw = services.seating_draw(meeting=registered, seed="x")
    job = services.seating_job_request(draw=draw, kind="nameplates")
    render_seating_job(job.pk)
    job.refresh_from_db()
    assert job.status == SeatingJob.Status.DONE

    text = pdf_text(job.file.read())

    pages = [page for page in text.split("\f") if page.strip()]
    assert len(pages) == len(REGISTERED) + 1
    for seat in seating.seating(registered, draw.state):
        for name in seat.names:
            for word in name.split():
                assert printed(word, text), (seat.english, name, word)
    china = next(s for s in seating.seating(registered, draw.state) if s.english == "China")
    assert china.names == ["China", "Chine", "中国"]
    jordan = next(s for s in seating.seating(registered, draw.state) if s.english == "Jordan")
    assert jordan.own and jordan.own == State.objects.get(alpha3="JOR").un_name_ar
    russia = next(s for s in seating.seating(registered, draw.state) if "Russia" in s.english)
    assert russia.own == "Российская Федерация"


def test_the_plan_pdf_lists_every_seat(registered, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    draw = services.seating_draw(meeting=registered, seed="x")
    text = " ".join(pdf_text(seating.plan_pdf(registered, draw)).split())
    for seat in seating.seating(registered, draw.state):
        assert seat.english in text


def test_the_seating_page_draws_and_shows_the_plan(registered, client, isu_user, office_user):
    client.force_login(office_user)
    assert client.post("/staff/seating/draw").status_code == 403
    client.force_login(isu_user)

    page = client.post("/staff/seating/draw", follow=True)

    text = visible_text(page)
    assert "Drawn by lot on" in text
    assert "International Committee of the Red Cross" in text

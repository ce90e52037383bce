"""`manage.py load_reference_data` only adds what is missing: what the ISU edit in the
admin survives every later load (the containers run it on every start)."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse

from programme.models import AgendaItem, Committee, Meeting, Session
from reference.models import Obligation, Organisation, State
from tests.conftest import geneva


def load_reference_data():
    call_command("load_reference_data", stdout=io.StringIO())


def admin_save(client, row, **changes):
    """Open the row's change form in the admin and save it with `changes`, as a person
    would: every other field is posted back as the form shows it."""
    url = reverse(f"admin:{row._meta.app_label}_{row._meta.model_name}_change", args=[row.pk])
    form = client.get(url).context["adminform"].form
    data = {}
    for field in form:
        value = changes.pop(field.name, field.value())
        widget = field.field.widget.get_context(field.html_name, value, {})["widget"]
        # A date and time is two inputs (SplitDateTimeWidget), other fields one.
        for part in widget.get("subwidgets") or [widget]:
            if part["value"] is not None:
                data[part["name"]] = part["value"]
    assert not changes, f"not fields of the form: {changes}"
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    return response


@pytest.fixture
def isu_admin(client, django_user_model):
    user = django_user_model.objects.create_superuser("isu-admin", "isu@example.org", "x")
    client.force_login(user)
    return user


def test_loading_again_keeps_what_the_isu_edited_in_the_admin(db, client, isu_admin):
    load_reference_data()
    meeting = Meeting.objects.get()
    extended = meeting.registration_deadline + timedelta(days=3)
    committee = Committee.objects.get(slug="article-5")
    state = State.objects.get(alpha3="CIV")

    admin_save(client, meeting, registration_deadline=extended, venue_name_en="CICG")
    admin_save(client, committee, name_en="Committee on Mine Clearance (Article 5)")
    admin_save(client, state, un_name_en="Côte d’Ivoire")
    load_reference_data()
    load_reference_data()

    meeting.refresh_from_db()
    assert meeting.registration_deadline == extended
    assert meeting.venue_name_en == "CICG"
    committee.refresh_from_db()
    assert committee.name_en == "Committee on Mine Clearance (Article 5)"
    # The other languages were not touched either (the ISU's to change next).
    assert committee.name_fr == "Comité sur l'application de l'article 5"
    state.refresh_from_db()
    assert state.un_name_en == "Côte d’Ivoire"
    assert Meeting.objects.count() == 1
    assert Committee.objects.count() == 4
    assert State.objects.count() == 197


def test_loading_again_fills_only_the_empty_translations(db):
    load_reference_data()
    State.objects.filter(alpha3="CIV").update(un_name_fr="", un_name_es="Costa de Marfil")
    Committee.objects.filter(slug="victim-assistance").update(name_es="")
    # Renamed in English: the loaded French would translate the old name, so none is added.
    Committee.objects.filter(slug="article-5").update(name_en="Article 5 Committee", name_fr="")

    load_reference_data()

    state = State.objects.get(alpha3="CIV")
    assert state.un_name_fr == "Côte d'Ivoire"
    assert state.un_name_es == "Costa de Marfil"
    assert Committee.objects.get(slug="victim-assistance").name_es == (
        "Comité de Asistencia a las Víctimas"
    )
    assert Committee.objects.get(slug="article-5").name_fr == ""


def test_a_fresh_database_gets_everything(db):
    out = io.StringIO()

    call_command("load_reference_data", stdout=out)

    meeting = Meeting.objects.get()
    assert meeting.title_fr == "Réunions intersessions de 2018"
    assert meeting.registration_deadline == geneva(2018, 5, 31, 23, 59, 59)
    assert Committee.objects.count() == 4
    assert State.objects.count() == 197
    assert State.objects.get(alpha3="CIV").un_name_ru == "Кот-д’Ивуар"
    assert Organisation.objects.filter(acronym="ICRC").exists()
    assert Obligation.objects.count() == 68
    assert Session.objects.filter(meeting=meeting).count() == 6
    assert AgendaItem.objects.filter(session__meeting=meeting).count() == 11
    assert "197 States" in out.getvalue()

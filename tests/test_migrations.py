"""Issue 10's move keeps every row: a database at the migrations of before the move
(registration 0007, where States, the outbox, badges, exports and bilateral
invitations all lived in registration), filled through the models of that time, is
migrated to the new layout, and every row, relation and permission is found again."""

from datetime import datetime

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from documents.models import Badge, BadgeBatch, ExportJob
from floor.models import BilateralInvitation
from intersessional.roles import grant_roles
from outbox.models import Notification
from programme.models import AgendaItem, Committee, Meeting
from programme.reference import load_meeting_2018
from reference.models import Organisation, State
from registration.models import Delegate, Delegation, InterventionRequest
from tests.conftest import GENEVA
from tests.helpers import bilateral_slot

BEFORE_THE_MOVE = [("registration", "0007_export_jobs")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def fill_the_old_layout(old) -> dict:
    """Rows of every model that moves, through the models as they were at 0007."""
    meeting = load_meeting_2018()
    staff = User.objects.create_user("isu", is_staff=True)
    get = old.get_model
    state = get("registration", "State").objects.create(
        un_name="Mozambique", alpha3="MOZ", entry_into_force="1999-03-01"
    )
    organisation = get("registration", "Organisation").objects.create(
        name="International Committee of the Red Cross", acronym="ICRC", kind="international"
    )
    now = datetime(2018, 5, 30, 12, tzinfo=GENEVA)
    delegation = get("registration", "Delegation").objects.create(
        meeting_id=meeting.pk, category="state_party", state=state, created_at=now
    )
    get("registration", "Delegation").objects.create(
        meeting_id=meeting.pk, category="international", organisation=organisation, created_at=now
    )
    Delegate_ = get("registration", "Delegate")
    delegates = [
        Delegate_.objects.create(
            meeting_id=meeting.pk,
            delegation=delegation,
            given_name=f"Amina{n}",
            family_name="Diallo",
            email=f"amina{n}@mission.example",
            gender="woman",
            age_band="35_44",
            role="head" if n == 1 else "delegate",
            created_at=now,
            updated_at=now,
        )
        for n in (1, 2)
    ]
    Notification_ = get("registration", "Notification")
    Notification_.objects.create(
        kind="registration_received",
        to_email="amina1@mission.example",
        subject="Registration received",
        body_text="Your link",
        delegate=delegates[0],
        status="sent",
        created_at=now,
    )
    Notification_.objects.create(
        kind="delegation_received",
        to_email="focal@mission.example",
        subject="Delegation received",
        body_text="Your link",
        created_at=now,
    )
    item = AgendaItem.objects.filter(allows_floor_requests=True).first()
    get("registration", "InterventionRequest").objects.create(
        delegation=delegation,
        agenda_item_id=item.pk,
        speaker=delegates[0],
        requested_at=now,
        position=1,
    )
    slot = bilateral_slot(
        meeting=meeting,
        committee=None,
        starts_at=datetime(2018, 6, 6, 10, tzinfo=GENEVA),
        ends_at=datetime(2018, 6, 6, 10, 30, tzinfo=GENEVA),
        room="Room 7",
    )
    get("registration", "BilateralInvitation").objects.create(
        slot_id=slot.pk,
        delegation=delegation,
        starts_at=slot.starts_at,
        ends_at=slot.ends_at,
        status="accepted",
        access_token_hash="a" * 64,
        invited_at=now,
    )
    get("registration", "Badge").objects.create(
        delegate=delegates[0], fingerprint="f" * 64, pdf="badges/b.pdf", rendered_at=now
    )
    batch = get("registration", "BadgeBatch").objects.create(
        requested_by_id=staff.pk, total=2, done=2, status="done", created_at=now
    )
    batch.delegates.set(delegates)
    get("registration", "ExportJob").objects.create(
        meeting_id=meeting.pk, fmt="pdf", public=True, status="done", created_at=now
    )
    return {"meeting": meeting, "slot": slot, "item": item, "delegates": delegates}


@pytest.mark.django_db(transaction=True)
def test_the_move_to_one_app_per_concern_keeps_every_row_and_relation():
    # The old layout is filled from empty: the reference data the session loaded goes
    # (tests/conftest.py loads it again after this test).
    Meeting.objects.all().delete()
    Committee.objects.all().delete()
    State.objects.all().delete()
    Organisation.objects.all().delete()
    try:
        old = migrate(BEFORE_THE_MOVE)
        grant_roles(old, None)  # the groups as registration 0002 and 0006 left them
        before = fill_the_old_layout(old)
        migrate(latest())
    finally:
        migrate(latest())  # never leave the test database half migrated

    mozambique = State.objects.get(alpha3="MOZ")
    delegation = Delegation.objects.get(state=mozambique)
    amina1, amina2 = Delegate.objects.filter(delegation=delegation).order_by("given_name")
    assert [d.pk for d in (amina1, amina2)] == [d.pk for d in before["delegates"]]
    assert Delegation.objects.get(organisation__acronym="ICRC").category == "international"
    assert Organisation.objects.count() == 1
    # The outbox keeps its rows, and what tied one to a delegate as an opaque reference.
    received = Notification.objects.get(kind="registration_received")
    assert (received.status, received.reference) == ("sent", f"delegate:{amina1.pk}")
    assert Notification.objects.get(kind="delegation_received").reference == ""
    request = InterventionRequest.objects.get()
    assert (request.speaker, request.agenda_item, request.position) == (amina1, before["item"], 1)
    invitation = BilateralInvitation.objects.get()
    assert (invitation.delegation, invitation.slot_id) == (delegation, before["slot"].pk)
    assert invitation.status == "accepted"
    assert Badge.objects.get().delegate == amina1
    batch = BadgeBatch.objects.get()
    assert set(batch.delegates.all()) == {amina1, amina2}
    assert batch.requested_by.username == "isu"
    assert ExportJob.objects.get().meeting == before["meeting"]
    # The groups' permissions followed the models; the outbox stays hidden from the
    # President's office, whose members must not read private links.
    isu = Group.objects.get(name="ISU staff").permissions
    office = Group.objects.get(name="President's office").permissions
    for label, model in [("outbox", "notification"), ("documents", "badgebatch"),
                         ("floor", "bilateralinvitation"), ("reference", "state")]:  # fmt: skip
        assert isu.filter(content_type__app_label=label, codename=f"change_{model}").exists()
    assert office.filter(content_type__app_label="documents", codename="view_badgebatch").exists()
    assert not office.filter(content_type__app_label="outbox").exists()
    assert not Permission.objects.filter(
        content_type__app_label="registration",
        codename__in=["view_notification", "view_badgebatch", "view_state"],
    ).exists()
    # New rows still get fresh ids in the renamed tables.
    assert State.objects.create(un_name="Angola", alpha3="AGO").pk > mozambique.pk


@pytest.mark.django_db(transaction=True)
def test_an_existing_presidents_office_loses_the_photos_and_the_nominations():
    """grant_roles only adds: a database whose office was given every view_ permission
    (before the photos and nominations were hidden from it) has them taken back by
    accreditation 0004, and keeps the rest."""
    try:
        migrate([("accreditation", "0003_photos")])
        office, _ = Group.objects.get_or_create(name="President's office")
        office.permissions.add(
            *Permission.objects.filter(
                content_type__app_label__in=["accreditation", "registration"],
                codename__in=["view_photo", "view_nomination", "view_delegate"],
            )
        )
        migrate(latest())
    finally:
        migrate(latest())

    codenames = set(office.permissions.values_list("codename", flat=True))
    assert not codenames & {"view_photo", "view_nomination"}
    assert "view_delegate" in codenames

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reference.models import State
from registration import links, services
from registration.models import Delegate
from registration.services import DELEGATE_FIELDS
from tests.documents.test_exports import bulk_delegates, register
from tests.helpers import person, staff_user, visible_text

pytestmark = pytest.mark.django_db


STAFF_PAGES = [
    reverse("staff:index"),
    reverse("staff:participants", args=["csv"]),
    reverse("staff:participants", args=["xlsx"]) + "?public=1",
    reverse("staff:participants", args=["pdf"]),
    reverse("staff:figures"),
    reverse("staff:figures-xlsx"),
    reverse("staff:coverage"),
    reverse("staff:updates"),
    reverse("staff:updates-xlsx"),
]
# The index is open to any staff member; it shows only the links they may follow.
GUARDED_PAGES = STAFF_PAGES[1:]


@pytest.fixture
def listed(open_registration):
    register(open_registration, state="FRA", n=1, family_name="Martin", role="head")
    register(open_registration, state="FRA", n=2, family_name="Private", public_list_consent=False)
    return open_registration


def codenames(group) -> set[str]:
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}


def test_the_migration_gives_each_role_its_permissions(roles):
    isu = codenames(roles["ISU staff"])
    office = codenames(roles["President's office"])

    # The permissions followed the models that left registration (issue 10).
    models = [
        "registration.delegate",
        "registration.delegation",
        "reference.state",
        "reference.organisation",
        "outbox.notification",
        "documents.badgebatch",
        "floor.bilateralinvitation",
    ]
    for model in models:
        app, name = model.split(".")
        for action in ["add", "change", "delete", "view"]:
            assert f"{app}.{action}_{name}" in isu
    for model in ["meeting", "committee"]:
        assert f"programme.change_{model}" in isu
    assert {"registration.export_participants", "registration.view_figures"} <= isu & office
    assert {
        "registration.view_delegate",
        "programme.view_meeting",
        "reference.view_state",
        "documents.view_badgebatch",
        "floor.view_bilateralinvitation",
    } <= office
    # View only, and not the outbox, whose e-mails carry delegates' private links.
    assert not any(p.split(".")[1].startswith(("add_", "change_", "delete_")) for p in office)
    assert "outbox.view_notification" not in office


@pytest.mark.parametrize("url", STAFF_PAGES)
def test_anonymous_visitors_are_sent_to_the_admin_login(client, listed, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/?next=")
    assert b"Martin" not in response.content


def test_a_delegates_private_link_opens_no_staff_page(client, listed):
    identity = services.identity_for(meeting=listed, state=State.objects.get(alpha3="DEU"))
    _delegate, token = services.delegate_register(
        meeting=listed, identity=identity, data={**person(4), "public_list_consent": True}
    )
    assert "Amina4" in visible_text(client.get(links.path(Delegate, token)))

    for url in [*STAFF_PAGES, reverse("admin:registration_delegate_changelist")]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize("url", GUARDED_PAGES)
def test_staff_without_the_permission_are_refused(client, listed, roles, url):
    client.force_login(staff_user("intern"))

    response = client.get(url)

    assert response.status_code == 403
    assert b"Martin" not in response.content


def test_staff_index_shows_only_the_links_a_member_may_follow(client, listed, roles):
    client.force_login(staff_user("intern"))

    text = visible_text(client.get(reverse("staff:index")))

    assert "Lists and figures" in text
    assert "List of Participants" not in text and "figures (XLSX)" not in text


@pytest.mark.parametrize("user_fixture", ["office_user", "isu_user"])
def test_both_roles_can_export_the_list_and_see_the_figures(client, listed, request, user_fixture):
    client.force_login(request.getfixturevalue(user_fixture))

    internal = client.get(reverse("staff:participants", args=["csv"]))
    public = client.get(reverse("staff:participants", args=["csv"]) + "?public=1")
    figures = client.get(reverse("staff:figures"))

    assert internal.status_code == 200
    assert internal["Content-Type"] == "text/csv; charset=utf-8"
    assert internal["Content-Disposition"] == (
        f'attachment; filename="participants-{listed.slug}-internal.csv"'
    )
    assert "no-store" in internal["Cache-Control"]
    assert b"Private" in internal.content and b"amina1@mission.example" in internal.content
    assert b"Martin" in public.content
    assert b"Private" not in public.content and b"@mission.example" not in public.content
    assert "Gender and diversity figures" in visible_text(figures)


def test_the_admin_index_links_to_the_staff_pages(client, listed, office_user):
    client.force_login(office_user)

    response = client.get(reverse("admin:index"))

    assert "Lists and figures" in visible_text(response)
    assert reverse("staff:figures").encode() in response.content


def change_data(delegate, **overrides) -> dict:
    shown = [f for f in DELEGATE_FIELDS if f != "public_list_consent"]
    data = {field: getattr(delegate, field) for field in shown}
    data.update(delegation=delegate.delegation_id, public_list_consent="on", **overrides)
    return data


def test_the_presidents_office_cannot_change_anything_in_the_admin(client, listed, office_user):
    delegate = Delegate.objects.get(family_name="Martin")
    client.force_login(office_user)
    change_url = reverse("admin:registration_delegate_change", args=[delegate.pk])

    page = client.get(change_url)
    changed = client.post(change_url, change_data(delegate, family_name="Changed"))
    added = client.post(reverse("admin:registration_delegate_add"), change_data(delegate))
    deleted = client.post(
        reverse("admin:registration_delegate_delete", args=[delegate.pk]), {"post": "yes"}
    )
    outbox = client.get(reverse("admin:outbox_notification_changelist"))

    assert page.status_code == 200 and "Martin" in visible_text(page)
    assert "Save" not in visible_text(page)
    assert changed.status_code == 403
    assert added.status_code == 403
    assert deleted.status_code == 403
    assert outbox.status_code == 403
    delegate.refresh_from_db()
    assert delegate.family_name == "Martin"
    assert Delegate.objects.count() == 2


def test_isu_staff_can_change_a_registration_in_the_admin(client, listed, isu_user):
    delegate = Delegate.objects.get(family_name="Martin")
    client.force_login(isu_user)

    response = client.post(
        reverse("admin:registration_delegate_change", args=[delegate.pk]),
        change_data(delegate, family_name="Martin-Durand"),
    )
    # A status changes through the action, which sends the confirmation e-mail.
    client.post(
        reverse("admin:registration_delegate_changelist"),
        {"action": "confirm", "_selected_action": [delegate.pk]},
    )

    assert response.status_code == 302
    delegate.refresh_from_db()
    assert delegate.family_name == "Martin-Durand"
    assert delegate.status == Delegate.Status.CONFIRMED


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


# Session, user, the second factor's device, the user's and the groups' permissions (one
# statement: intersessional/auth.py), the meeting: 5; then the data.
@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (reverse("staff:participants", args=["csv"]), 6),
        (reverse("staff:participants", args=["xlsx"]) + "?public=1", 6),
        (reverse("staff:participants", args=["pdf"]) + "?public=1", 6),
        # With the statements' two shares (issue 13) and the accessibility needs (23).
        (reverse("staff:figures"), 12),
        (reverse("staff:figures-xlsx"), 11),
        (reverse("staff:coverage"), 6),
        # The obligations, tagged items, delegations, requests, statements, two shares.
        (reverse("staff:updates"), 11),
        (reverse("staff:updates-xlsx"), 11),
    ],
)
def test_staff_pages_run_a_bounded_number_of_queries_at_1_and_200_delegates(
    client, reference, office_user, url, expected
):
    client.force_login(office_user)
    bulk_delegates(reference, 1)
    at_one = count_queries(client, url)

    bulk_delegates(reference, 199)
    at_two_hundred = count_queries(client, url)

    # An upper bound, not today's exact statements; and no more at 200 than at 1.
    assert at_two_hundred <= at_one <= expected, (at_one, at_two_hundred)

"""intersessional.auth.ModelBackend: Django's permissions, read in one statement."""

import pytest
from django.contrib.auth import backends
from django.contrib.auth.models import Group, Permission, User

from intersessional.auth import ModelBackend

pytestmark = pytest.mark.django_db


def permission(codename: str) -> Permission:
    return Permission.objects.get(codename=codename)


@pytest.fixture
def member():
    """A user with a permission of their own and two groups' (one shared with it)."""
    user = User.objects.create_user("member", is_staff=True)
    user.user_permissions.add(permission("view_state"), permission("add_checkin"))
    readers, door = Group.objects.create(name="readers"), Group.objects.create(name="door")
    readers.permissions.add(permission("view_meeting"), permission("view_state"))
    door.permissions.add(permission("add_checkin"))
    user.groups.add(readers, door)
    Group.objects.create(name="others").permissions.add(permission("delete_delegate"))
    return User.objects.get(pk=user.pk)


def test_the_same_permissions_as_djangos_backend_in_at_most_two_statements(
    member, django_assert_max_num_queries
):
    expected = backends.ModelBackend().get_all_permissions(User.objects.get(pk=member.pk))

    # Django's backend takes two (the user's, the groups'): a bound either meets.
    with django_assert_max_num_queries(2):
        found = ModelBackend().get_all_permissions(member)
        assert member.has_perm("checkin.add_checkin") and member.has_perm("programme.view_meeting")

    assert (
        found
        == expected
        == {
            "reference.view_state",
            "checkin.add_checkin",
            "programme.view_meeting",
        }
    )
    assert not member.has_perm("registration.delete_delegate")


def test_inactive_users_hold_nothing_and_superusers_everything(member):
    member.is_active = False
    assert ModelBackend().get_all_permissions(member) == set()

    admin = User.objects.create_superuser("root", "root@example.org", "pw")
    assert len(ModelBackend().get_all_permissions(admin)) == Permission.objects.count()


def test_a_user_with_no_permission_holds_none():
    assert ModelBackend().get_all_permissions(User.objects.create_user("nobody")) == set()

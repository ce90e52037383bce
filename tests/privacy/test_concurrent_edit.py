"""No lost update: a form filled in from an older version of a delegate or delegation
is refused, with a message and what was typed shown back; nothing is overwritten."""

from django.test import Client
from django.urls import reverse

from registration.models import Delegate, Delegation
from tests.helpers import person, register, register_delegation, staff_user, visible_text

CONFLICT = "Someone else changed this registration while you were editing it"


def opened_form(client, url) -> dict:
    """The change form's fields as the admin filled them in when opened."""
    form = client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None}
    data["public_list_consent"] = "on" if data.get("public_list_consent") else ""
    return data


def test_a_second_officers_save_is_refused_with_the_form_shown_back(open_registration, roles):
    delegate, _ = register(open_registration, function="Counsellor")
    url = reverse("admin:registration_delegate_change", args=[delegate.pk])
    first, second = Client(), Client()
    first.force_login(staff_user("first", "ISU staff"))
    second.force_login(staff_user("second", "ISU staff"))
    first_form, second_form = opened_form(first, url), opened_form(second, url)

    saved = first.post(url, {**first_form, "function": "First Secretary"})
    refused = second.post(url, {**second_form, "function": "Second Secretary"})

    assert saved.status_code == 302
    assert refused.status_code == 200
    assert CONFLICT in visible_text(refused)
    # What the second officer typed is in the form shown back.
    assert refused.context["adminform"].form["function"].value() == "Second Secretary"
    assert 'value="Second Secretary"' in refused.content.decode()
    delegate.refresh_from_db()
    assert delegate.function == "First Secretary"
    assert delegate.version == 2  # registered: 1; one save in the admin; the refusal: none


def test_a_focal_points_save_after_staff_changed_the_member_is_refused(
    client, open_registration, isu_user
):
    delegation, token = register_delegation(
        open_registration, state="CHE", members=[person(1, role="head", function="Counsellor")]
    )
    member = delegation.delegates.get()
    member_url = reverse("registration:delegation-member", args=[token, member.pk])
    opened = client.get(member_url)
    version = opened.context["form"]["version"].value()

    # Meanwhile an officer changes the member in the admin.
    staff = Client()
    staff.force_login(isu_user)
    admin_url = reverse("admin:registration_delegate_change", args=[member.pk])
    assert (
        staff.post(admin_url, {**opened_form(staff, admin_url), "function": "Minister"}).status_code
        == 302
    )

    refused = client.post(
        member_url, {**person(1, role="head", function="Ambassador"), "version": version}
    )

    assert refused.status_code == 200
    assert CONFLICT in visible_text(refused)
    assert 'value="Ambassador"' in refused.content.decode()
    member.refresh_from_db()
    assert member.function == "Minister"


def test_staff_saving_over_a_delegates_own_correction_is_refused(
    client, open_registration, isu_user
):
    delegate, token = register(open_registration, function="Counsellor")
    staff = Client()
    staff.force_login(isu_user)
    url = reverse("admin:registration_delegate_change", args=[delegate.pk])
    staff_form = opened_form(staff, url)

    # The delegate corrects their registration through their link meanwhile.
    edit = reverse("registration:delegate-edit", args=[token])
    version = client.get(edit).context["form"]["version"].value()
    client.post(edit, {**person(1, function="First Secretary"), "version": version})

    refused = staff.post(url, {**staff_form, "family_name": "Overwritten"})

    assert CONFLICT in visible_text(refused)
    delegate.refresh_from_db()
    assert (delegate.function, delegate.family_name) == ("First Secretary", "Diallo1")


def test_a_second_save_of_a_delegation_is_refused(open_registration, roles):
    delegation, _ = register_delegation(
        open_registration, state="CHE", members=[person(1, role="head")], name="Jean Dupont"
    )
    url = reverse("admin:registration_delegation_change", args=[delegation.pk])
    first, second = Client(), Client()
    first.force_login(staff_user("first", "ISU staff"))
    second.force_login(staff_user("second", "ISU staff"))
    inline = {
        "delegates-TOTAL_FORMS": "1",
        "delegates-INITIAL_FORMS": "1",
        "delegates-0-id": delegation.delegates.get().pk,
        "delegates-0-delegation": delegation.pk,
    }
    first_form = {**opened_form(first, url), **inline}
    second_form = {**opened_form(second, url), **inline}

    assert first.post(url, {**first_form, "focal_point_name": "Anne"}).status_code == 302
    refused = second.post(url, {**second_form, "focal_point_name": "Bea"})

    assert CONFLICT in visible_text(refused)
    assert 'value="Bea"' in refused.content.decode()
    assert Delegation.objects.get().focal_point_name == "Anne"
    assert Delegate.objects.count() == 1

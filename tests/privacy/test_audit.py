"""Every change traceable: who (a staff account, a private link, a public form, the
system), what, when, before and after; read-only in the admin on each delegate and
delegation."""

from django.urls import reverse

from registration import links, services
from registration.models import Delegate
from tests.helpers import person, register, register_delegation, visible_text


def admin_change(client, delegate, **changes):
    url = reverse("admin:registration_delegate_change", args=[delegate.pk])
    form = client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None}
    data["public_list_consent"] = "on" if data.get("public_list_consent") else ""
    data.update(changes)
    return client.post(url, data)


def test_each_change_says_who_made_it_with_before_and_after(client, open_registration, isu_user):
    delegate, token = register(open_registration, function="Counsellor")
    # The delegate corrects their function through their private link.
    client.post(
        reverse("registration:delegate-edit", args=[token]),
        {**person(1, function="First Secretary"), "version": 1},
    )
    # An officer changes it again in the admin, then confirms (the system's e-mail follows).
    client.force_login(isu_user)
    assert admin_change(client, delegate, function="Minister Counsellor").status_code == 302
    services.delegate_confirm(delegate=delegate)

    page = client.get(reverse("admin:registration_delegate_change", args=[delegate.pk]))
    text = visible_text(page)

    history = text[text.index("History of changes") :]
    # Newest first: who, what, before → after.
    assert "system changed status : Registered → Confirmed" in history
    assert "isu changed function : First Secretary → Minister Counsellor" in history
    assert "private link changed function : Counsellor → First Secretary" in history
    assert "system created" in history  # registered through the service, outside a request
    assert history.index("Registered → Confirmed") < history.index("Counsellor → First")
    # Read-only: the history is no field of the form.
    assert "change_history" not in page.context["adminform"].form.fields


def test_a_delegations_history_is_on_its_page(client, open_registration, isu_user):
    delegation, _ = register_delegation(
        open_registration, state="CHE", members=[person(1, role="head")], name="Jean Dupont"
    )
    client.force_login(isu_user)
    url = reverse("admin:registration_delegation_change", args=[delegation.pk])
    form = client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(focal_point_name="Jeanne Dupont")
    # The read-only inline of members comes with its management form.
    data.update({"delegates-TOTAL_FORMS": "1", "delegates-INITIAL_FORMS": "1"})
    data.update(
        {"delegates-0-id": delegation.delegates.get().pk, "delegates-0-delegation": delegation.pk}
    )
    response = client.post(url, data)
    assert response.status_code == 302, visible_text(response)[:2000]

    text = visible_text(client.get(url))
    assert "Jean Dupont → Jeanne Dupont" in text and "isu" in text


def test_the_presidents_office_reads_the_history_and_cannot_change_it(
    client, open_registration, office_user
):
    delegate, _ = register(open_registration)
    client.force_login(office_user)

    page = client.get(reverse("admin:registration_delegate_change", args=[delegate.pk]))

    assert page.status_code == 200
    assert "system created" in visible_text(page)
    assert Delegate.objects.get().family_name == "Diallo1"
    assert links.find(Delegate, "x") is None


def test_a_registration_through_the_public_form_is_recorded_as_such(client, open_registration):
    from reference.models import State
    from tests.helpers import self_registration

    client.post(
        reverse("registration:register-delegate"),
        self_registration(State.objects.get(alpha3="FRA"), family_name="Quennevey"),
    )

    from auditlog.models import LogEntry

    entry = LogEntry.objects.get(object_repr__contains="Quennevey")
    assert entry.additional_data == {"via": "public form"} and entry.actor is None
    assert entry.remote_addr == "127.0.0.1"

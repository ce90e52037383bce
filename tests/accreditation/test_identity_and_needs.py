"""Identity details and accessibility needs through the delegate's private link; the
"Security liaison" alone sees identity details and downloads the venue's security
list (each download audited); identity details go days after the meeting."""

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from accreditation import services
from accreditation.models import AccessNeeds, IdentityDetails
from accreditation.tasks import daily
from tests.conftest import geneva
from tests.helpers import read_xlsx, register, staff_user, visible_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def asking(open_registration):
    open_registration.asks_identity_details = True
    open_registration.save(update_fields=["asks_identity_details"])
    return open_registration


def url(token):
    return reverse("accreditation:delegate-accreditation", args=[token])


def identity_post(**overrides) -> dict:
    return {
        "part": "identity",
        "identity-name_in_document": "DIALLO Amina",
        "identity-nationality": "SEN",
        "identity-date_of_birth": "1975-02-03",
        "identity-document_type": "passport",
        "identity-document_number": "A1234567",
        "identity-document_expires_on": "2026-10-01",
        **overrides,
    }


def give(delegate, number="A1234567"):
    return services.give_identity_details(
        delegate=delegate,
        data={
            "name_in_document": f"{delegate.family_name} {delegate.given_name}",
            "nationality": "SEN",
            "date_of_birth": geneva(1975, 2, 3).date(),
            "document_type": "passport",
            "document_number": number,
            "document_expires_on": geneva(2026, 10, 1).date(),
        },
    )


def test_without_the_meetings_setting_only_needs_are_asked(client, open_registration):
    _delegate, token = register(open_registration)

    landing = visible_text(client.get(reverse("registration:delegate", args=[token])))
    text = visible_text(client.get(url(token)))

    assert "Give your accessibility needs" in landing
    assert "identity" not in landing.lower()
    assert "Wheelchair access" in text
    assert "Document number" not in text
    response = client.post(url(token), identity_post())
    assert response.status_code == 400
    assert not IdentityDetails.objects.exists()


def test_a_delegate_gives_identity_details_and_they_are_stored_encrypted(client, asking):
    delegate, token = register(asking)
    assert "Give your identity details and needs" in visible_text(
        client.get(reverse("registration:delegate", args=[token]))
    )

    response = client.post(url(token), identity_post(), follow=True)

    assert "Thank you: your identity details are saved." in visible_text(response)
    details = IdentityDetails.objects.get(delegate=delegate)
    assert (details.nationality, details.document_number) == ("SEN", "A1234567")
    again = visible_text(client.get(url(token)))
    assert "Your identity details are saved." in again


def test_bad_dates_come_back_with_what_was_typed_in_the_pages_language(client, asking):
    _delegate, token = register(asking)

    response = client.post(
        url(token).replace("/en/", "/es/"),
        identity_post(**{"identity-date_of_birth": "2010-01-01"}),
    )

    assert response.status_code == 400
    text = visible_text(response)
    assert "Los participantes deben tener al menos 18 años." in text
    assert 'value="A1234567"' in response.content.decode()
    assert not IdentityDetails.objects.exists()


def test_accessibility_needs_are_saved_and_counted_without_names(client, open_registration):
    from figures.tables import figures

    delegate, token = register(open_registration)

    client.post(
        url(token),
        {"part": "needs", "needs-wheelchair": "on", "needs-other": "Large print"},
        follow=True,
    )

    needs = AccessNeeds.objects.get(delegate=delegate)
    assert (needs.wheelchair, needs.sign_language, needs.other) == (True, False, "Large print")
    counts = {str(label): n for label, n in figures(open_registration).access_needs}
    assert counts == {
        "Wheelchair access": 1,
        "Support person": 0,
        "Sign language interpretation": 0,
        "Other needs": 1,
    }


def test_a_withdrawn_delegate_has_no_accreditation_page(client, open_registration):
    from registration import services as registration_services

    delegate, token = register(open_registration)
    registration_services.delegate_withdraw(delegate=delegate)

    assert client.get(url(token)).status_code == 404


# Who sees identity details -----------------------------------------------------------


def test_only_the_security_liaison_sees_identity_details_in_the_admin(
    client, asking, isu_user, office_user
):
    delegate, _ = register(asking)
    details = give(delegate)
    liaison = staff_user("liaison", "Security liaison")
    change = reverse("admin:accreditation_identitydetails_change", args=[details.pk])
    changelist = reverse("admin:accreditation_identitydetails_changelist")

    for user in (isu_user, office_user):
        client.force_login(user)
        assert client.get(changelist).status_code == 403
        assert client.get(change).status_code == 403
        assert "Identity details" not in visible_text(client.get(reverse("admin:index")))
    client.force_login(liaison)
    assert "A1234567" in visible_text(client.get(change))


def test_the_security_list_is_the_liaisons_and_each_download_is_audited(client, asking, isu_user):
    first, _ = register(asking, n=1)
    second, _ = register(asking, n=2)
    register(asking, n=3)  # gave nothing
    give(first, "A1111111")
    give(second, "B2222222")
    liaison = staff_user("liaison", "Security liaison")
    list_url = reverse("staff:security-list")

    client.force_login(isu_user)
    assert client.get(list_url).status_code == 403
    client.force_login(liaison)
    response = client.get(list_url)
    client.get(list_url)

    assert response["Content-Disposition"].startswith("attachment;")
    rows = read_xlsx(response.content)
    assert [(r["Family name"], r["Document number"], r["Nationality"]) for r in rows] == [
        ("Diallo1", "A1111111", "Senegal"),
        ("Diallo2", "B2222222", "Senegal"),
    ]
    assert rows[0]["Date of birth"] == "1975-02-03"
    downloads = LogEntry.objects.get_for_object(asking).filter(action=LogEntry.Action.ACCESS)
    assert [(e.actor, e.changes) for e in downloads] == [
        (liaison, {"security list": ["", "2 rows downloaded"]}),
        (liaison, {"security list": ["", "2 rows downloaded"]}),
    ]
    assert "Security list for the venue" in visible_text(client.get(reverse("staff:index")))


@pytest.mark.parametrize("size", [1, 30])
def test_the_venue_lists_run_a_fixed_number_of_queries(
    client, asking, django_assert_max_num_queries, size
):
    for n in range(size):
        delegate, _ = register(asking, n=n + 1)
        give(delegate, f"N{n:07d}")
        services.give_access_needs(delegate=delegate, data={"wheelchair": True})
    client.force_login(staff_user("liaison", "Security liaison"))

    # The session and user, the meeting, the rows (and the States' names), the audit.
    with django_assert_max_num_queries(9):
        security = client.get(reverse("staff:security-list"))
    with django_assert_max_num_queries(8):
        needs = client.get(reverse("staff:access-needs"))

    assert len(read_xlsx(security.content)) == size
    assert [r["Wheelchair access"] for r in read_xlsx(needs.content)] == ["Yes"] * size


def test_identity_details_go_seven_days_after_the_meeting_before_the_rest(
    asking, clock_at, settings
):
    delegate, _ = register(asking)
    details = give(delegate)
    assert settings.IDENTITY_DETAILS_RETENTION_DAYS == 7
    # The meeting ends on 8 June 2018: kept up to and including 15 June.
    clock_at(geneva(2018, 6, 15, 23))
    daily.apply()
    assert IdentityDetails.objects.filter(pk=details.pk).exists()

    clock_at(geneva(2018, 6, 16, 3))
    daily.apply()

    assert not IdentityDetails.objects.exists()
    assert not LogEntry.objects.filter(
        content_type__model="identitydetails", object_pk=str(details.pk)
    ).exists()
    delegate.refresh_from_db()
    assert delegate.family_name == "Diallo1"  # the rest waits for the retention rule
    assert settings.CELERY_BEAT_SCHEDULE["accreditation-daily"]["task"] == "accreditation.daily"

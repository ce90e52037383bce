"""Two-factor sign-in for staff: under production settings (DEBUG off, as the test
suite runs) a password alone opens neither the admin nor the staff pages; the code of
the authenticator app does."""

import io

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.helpers import totp_device, totp_token, visible_text

PASSWORD = "a long passphrase for the ISU"  # noqa: S105


@pytest.fixture
def officer(roles):
    from django.contrib.auth.models import Group

    user = User.objects.create_user("officer", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="ISU staff"))
    return user


def sign_in(client, **extra):
    return client.post(
        "/admin/login/?next=/admin/", {"username": "officer", "password": PASSWORD, **extra}
    )


def test_production_settings_require_the_second_factor(settings):
    assert settings.DEBUG is False
    assert settings.OTP_REQUIRED is True


def test_staff_sign_in_without_the_code_is_refused(client, officer):
    totp_device(officer)

    response = sign_in(client)

    assert response.status_code == 200
    assert (
        "Please enter your OTP token" in visible_text(response)
        or "token" in visible_text(response).lower()
    )
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302


def test_a_wrong_code_is_refused(client, officer):
    device = totp_device(officer)
    wrong = f"{(int(totp_token(device)) + 1) % 1_000_000:06d}"

    response = sign_in(client, otp_token=wrong)

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_a_password_only_session_opens_neither_the_admin_nor_the_staff_pages(client, officer):
    # Signed in by password alone: the session holds no verified device.
    client.force_login(officer)
    session = client.session
    del session[DEVICE_ID_SESSION_KEY]
    session.save()

    admin = client.get("/admin/")
    staff_page = client.get(reverse("staff:figures"))

    assert admin.status_code == 302 and admin["Location"].startswith("/admin/login/")
    assert staff_page.status_code == 302 and staff_page["Location"].startswith("/admin/login/")


def test_the_password_and_the_code_open_the_admin(client, officer):
    device = totp_device(officer)

    response = sign_in(client, otp_token=totp_token(device))

    assert response.status_code == 302, response.context["form"].errors
    assert response["Location"] == "/admin/"
    index = client.get("/admin/")
    assert index.status_code == 200
    assert "Registrations and programme" in visible_text(index)


def test_without_otp_required_a_password_is_enough(client, officer, settings):
    settings.OTP_REQUIRED = False

    response = sign_in(client)

    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_a_device_is_set_up_from_the_command_line(officer):
    out = io.StringIO()

    call_command("totp_device", "officer", stdout=out)

    device = TOTPDevice.objects.get(user=officer)
    assert device.confirmed
    assert "otpauth://totp/APMBC%20intersessional%3Aofficer?secret=" in out.getvalue()
    assert device.config_url in out.getvalue()


def test_the_demo_account_shows_how(settings, clock_at, db):
    from tests.conftest import geneva

    settings.DEBUG = True
    clock_at(geneva(2018, 5, 30, 12))
    out = io.StringIO()

    call_command("create_demo_staff", stdout=out)

    device = TOTPDevice.objects.get(user__username="isu-demo")
    assert device.config_url in out.getvalue()
    assert "OTP_REQUIRED=true" in out.getvalue()

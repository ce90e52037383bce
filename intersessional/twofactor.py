"""Two-factor sign-in for staff: a password and a one-time code (TOTP, django-otp).

With `OTP_REQUIRED` (on whenever DEBUG is off) the admin and every staff page treat a
staff account that signed in without a code as not signed in: the admin's login form
asks for the code from the authenticator app. Devices are set up in the admin
("TOTP devices", with a QR code) by a superuser, or with
`manage.py totp_device USERNAME`, which prints the otpauth:// address.
"""

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django_otp import devices_for_user
from django_otp.admin import OTPAdminAuthenticationForm


def second_factor_required() -> bool:
    return settings.OTP_REQUIRED


def is_verified(user) -> bool:
    """Whether this request's user may use staff pages as far as the second factor goes."""
    if not second_factor_required():
        return True
    # OTPMiddleware adds is_verified() to the request's user.
    verified = getattr(user, "is_verified", None)
    return bool(verified and verified())


def is_staff_signed_in(user) -> bool:
    return user.is_active and user.is_staff and is_verified(user)


class LoginForm(OTPAdminAuthenticationForm):
    """User name, password and code on one form: an officer with one authenticator (the
    usual case) need not pick it from a list first."""

    def _chosen_device(self, user):
        device = super()._chosen_device(user)
        if device is None and not self.cleaned_data.get("otp_device"):
            devices = list(devices_for_user(user, for_verify=True))
            if len(devices) == 1:
                device = devices[0]
        return device


class AdminSite(admin.AdminSite):
    """Django's admin, asking for the one-time code when OTP_REQUIRED is on (read on
    each request, so a test can turn it on or off)."""

    @property
    def login_form(self):
        return LoginForm if second_factor_required() else AdminAuthenticationForm

    @property
    def login_template(self):
        return "otp/admin111/login.html" if second_factor_required() else None

    def has_permission(self, request):
        return super().has_permission(request) and is_verified(request.user)


def new_totp_device(user, name="authenticator"):
    """A confirmed TOTP device for `user`, replacing any other of that name; returns it.
    Its `config_url` (otpauth://...) goes into an authenticator app, by hand or as a QR
    code."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.filter(user=user, name=name).delete()
    return TOTPDevice.objects.create(user=user, name=name, confirmed=True)


def qr_text(url: str) -> str:
    """The QR code of `url` drawn with characters, for a terminal."""
    import io

    import segno

    out = io.StringIO()
    segno.make(url, error="m").terminal(out=out, compact=True)
    return out.getvalue()

"""What every staff page (the lists, the figures, the door, the exports) shares: the
guard, the admin's context and file downloads. Below every app."""

from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.decorators import permission_required, user_passes_test
from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .twofactor import is_staff_signed_in


def staff_member_required(view):
    """Django's decorator of that name, and the second factor (intersessional/twofactor.py)
    when OTP_REQUIRED is on: staff signed in with a password alone go to the login."""
    return user_passes_test(
        is_staff_signed_in, login_url="admin:login", redirect_field_name=REDIRECT_FIELD_NAME
    )(view)


def staff_page(perm: str | None = None):
    """Signed-in staff only (others go to the admin login), holding `perm` (else 403);
    never cached, since every page here carries personal data or figures."""

    def decorate(view):
        if perm:
            view = permission_required(perm, raise_exception=True)(view)
        return require_GET(never_cache(staff_member_required(view)))

    return decorate


def staff_context(request, **extra):
    # The admin's own context: header, user tools and the "view site" link.
    return {**admin.site.each_context(request), **extra}


def attachment(content: bytes, *, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response

"""What every staff page (the lists, the figures, and the pages of the apps to come)
shares: the guard, the admin's context and file downloads. Below every app."""

from django.contrib import admin
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import permission_required
from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


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

"""Who made a change, for the audit log (django-auditlog): a staff account (the actor),
a private link, a public form, or, outside any request, the system."""

from auditlog.middleware import AuditlogMiddleware

from intersessional.ratelimit import client_ip

PRIVATE_LINK = "private link"
PUBLIC_FORM = "public form"
STAFF = "staff account"
SYSTEM = "system"


def via(request) -> str:
    match = getattr(request, "resolver_match", None)
    if match is not None and "token" in match.kwargs:
        return PRIVATE_LINK
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return STAFF
    return PUBLIC_FORM


class AuditMiddleware(AuditlogMiddleware):
    @staticmethod
    def _get_remote_addr(request):
        # The rate limit's notion of the client: a forged X-Forwarded-For is not trusted.
        return client_ip(request)

    def get_extra_data(self, request):
        data = super().get_extra_data(request)
        # Evaluated when an entry is written, after the URL was resolved.
        data["additional_data"] = lambda: {"via": via(request)}
        return data

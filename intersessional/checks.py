"""`manage.py check --deploy` refuses settings that work on a laptop and fail quietly
in production (as healthchecks does in hc/api/apps.py): each default below is right
for `make run` and wrong behind a real address."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, register

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


@register(Tags.security, deploy=True)
def production_settings_do_not_fail_open(app_configs=None, **kwargs):
    errors = []
    site = urlsplit(settings.SITE_URL)
    if site.scheme != "https" or site.hostname in LOOPBACK:
        errors.append(
            Error(
                f"SITE_URL is {settings.SITE_URL!r}: e-mailed private links would point there.",
                hint="Set SITE_URL to the site's public https:// address.",
                id="intersessional.E001",
            )
        )
    if not settings.EMAIL_HOST:
        errors.append(
            Error(
                "EMAIL_HOST is not set: e-mails would be printed on the console and marked sent.",
                hint="Set EMAIL_HOST (and EMAIL_PORT, credentials) to the SMTP server.",
                id="intersessional.E002",
            )
        )
    if not settings.REDIS_URL:
        errors.append(
            Error(
                "REDIS_URL is not set: e-mails and PDFs would be made inside web requests.",
                hint="Set REDIS_URL to the Celery broker and run a worker and beat.",
                id="intersessional.E003",
            )
        )
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        errors.append(
            Error(
                "DATABASE_URL does not name PostgreSQL: the database's exclusion constraints "
                "(no double-booked bilateral meeting) would not exist.",
                hint="Set DATABASE_URL=postgres://...",
                id="intersessional.E004",
            )
        )
    return errors

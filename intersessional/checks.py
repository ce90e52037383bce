"""Settings that work on a laptop and fail open in production are refused.

With DEBUG off these are system-check Errors on every `manage.py` command that runs
the checks (migrate, check, makemigrations, the project's own commands...), not only
under `check --deploy`: registered without deploy=True, as healthchecks registers
its own (hc/api/apps.py). Each default below is right for `make run` (DEBUG on) and
wrong behind a real address. The ids are stable: docs/operations.md and deployments name them.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, register

LOOPBACK = {"127.0.0.1", "localhost", "::1"}

# Django's backends that keep, print or drop an e-mail: the outbox would mark it sent.
BACKENDS_THAT_DELIVER_NOTHING = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
}


@register(Tags.security)
def production_settings_do_not_fail_open(app_configs=None, **kwargs):
    if settings.DEBUG:
        return []
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
    if not settings.REDIS_URL or settings.CELERY_TASK_ALWAYS_EAGER:
        errors.append(
            Error(
                "Tasks would run inside web requests (REDIS_URL is not set): e-mails and "
                "PDFs would be made while a person waits, and nothing would retry them.",
                hint="Set REDIS_URL to the Celery broker and run a worker and beat.",
                id="intersessional.E003",
            )
        )
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        errors.append(
            Error(
                "DATABASE_URL does not name PostgreSQL: the database's exclusion constraints "
                "(no double-booked bilateral meeting) would not exist.",
                hint="Set DATABASE_URL (or DATABASE_URL_FILE) to postgres://...",
                id="intersessional.E004",
            )
        )
    if settings.INTERSESSIONAL_NOW is not None:
        errors.append(
            Error(
                f"INTERSESSIONAL_NOW is set ({settings.INTERSESSIONAL_NOW.isoformat()}): the "
                "site's clock would stand still, and with it the registration deadline and "
                "the retention of personal data.",
                hint="Unset INTERSESSIONAL_NOW: it is for the demo and the tests only.",
                id="intersessional.E005",
            )
        )
    if settings.EMAIL_BACKEND in BACKENDS_THAT_DELIVER_NOTHING:
        errors.append(
            Error(
                f"EMAIL_BACKEND is {settings.EMAIL_BACKEND!r}: e-mails would be printed, "
                "kept or dropped instead of sent, and marked sent.",
                hint="Unset EMAIL_BACKEND: with EMAIL_HOST set, e-mails go by SMTP.",
                id="intersessional.E006",
            )
        )
    if settings.SECURE_PROXY_SSL_HEADER and not settings.RATELIMIT_PROXY_COUNT > 0:
        errors.append(
            Error(
                "SECURE_PROXY_SSL_HEADER is set but RATELIMIT_PROXY_COUNT is 0: behind the "
                "proxy every client would be the proxy's address, for the rate limit and "
                "for the admin's lockout (one person's failed logins would lock out everyone).",
                hint="Set RATELIMIT_PROXY_COUNT to the number of proxies that append to "
                "X-Forwarded-For (1 for the compose file's nginx).",
                id="intersessional.E007",
            )
        )
    if settings.RATELIMIT_PROXY_COUNT > 0 and not settings.SECURE_PROXY_SSL_HEADER:
        errors.append(
            Error(
                f"RATELIMIT_PROXY_COUNT is {settings.RATELIMIT_PROXY_COUNT} but "
                "SECURE_PROXY_SSL_HEADER is not set: the site says it is behind a proxy for "
                "client addresses but not for https, so either the proxy is missing (and "
                "clients choose their own address in X-Forwarded-For) or every request "
                "looks like plain http.",
                hint="Behind a TLS proxy set both (SECURE_PROXY_SSL_HEADER=X-Forwarded-Proto, "
                "the header it sets to https); without one, set neither.",
                id="intersessional.E008",
            )
        )
    if not settings.IDENTITY_ENCRYPTION_KEYS:
        errors.append(
            Error(
                "IDENTITY_ENCRYPTION_KEYS is not set: passport numbers and dates of birth "
                "cannot be stored encrypted.",
                hint="Make a key with `manage.py rotate_identity_key --new-key` and set "
                "IDENTITY_ENCRYPTION_KEYS (or IDENTITY_ENCRYPTION_KEYS_FILE) to it.",
                id="intersessional.E009",
            )
        )
    return errors

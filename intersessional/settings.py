"""Settings for the intersessional meetings registration site.

One file for every deployment: what differs between the demo (`make run`), the
tests (`make test`) and production (docker-compose.yml) is read from the
environment, with defaults that are safe. docs/operations.md lists the variables.
"""

import base64
import hashlib
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from .env import (
    env_bool,
    env_datetime,
    env_http_header,
    env_int,
    env_list,
    env_secret,
    env_str,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", default=False)

# Secrets may come from files (SECRET_KEY_FILE...: Docker's /run/secrets/), see env_secret.
SECRET_KEY = env_secret("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    # Only ever used with DEBUG on: signed links made with it are worthless elsewhere.
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"  # noqa: S105
# Rotating the key: the old one here (comma-separated) keeps the private links and
# badges signed with it valid until it is removed (docs/operations.md, "Day to day").
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS")

# Never "*": a wrong Host header is refused rather than trusted.
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
if "*" in ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must name the site's hosts, not '*'.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# The public address of the site, used to build the links in e-mails.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    # Before the admin: one column per language for the programme and the reference
    # data (see programme/translation.py and reference/translation.py).
    "modeltranslation",
    # Django's admin with the second factor (intersessional/twofactor.py).
    "intersessional.apps.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "auditlog",
    "intersessional",  # its production checks (intersessional/checks.py)
    # The project's apps, top to bottom: each imports only those below it
    # (the "layers" contract in pyproject.toml holds the order; docs/development.md).
    "adminsite",
    "demo",
    "privacy",
    "figures",
    "sponsorship",
    "documents",
    "checkin",
    "room",
    "floor",
    "accreditation",
    "registration",
    "programme",
    "reference",
    "outbox",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): signed in with the one-time code too.
    "django_otp.middleware.OTPMiddleware",
    # Who made each change of the audit log: a staff account, a private link, the system.
    "privacy.middleware.AuditMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, so that the 429 page has its language; still before any view or CSRF check.
    "intersessional.ratelimit.PostRateLimitMiddleware",
    # Answers a locked-out admin login (django-axes wants to be last).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "intersessional.urls"
WSGI_APPLICATION = "intersessional.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "intersessional.context_processors.site",
                # Last: while a page is rendered to be kept, its CSRF token is a placeholder.
                "intersessional.pagecache.csrf_placeholder",
            ],
        },
    },
]

DATABASE_URL = env_secret("DATABASE_URL")
if not DATABASE_URL:
    # The embedded default: a SQLite file beside the code, for `make run`.
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASE_URL = f"sqlite:///{VAR_DIR / 'db.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# django-axes first: a locked-out address is refused before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's, with a user's and their groups' permissions read in one query.
    "intersessional.auth.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The Convention's six equally authentic languages (Article 22), in the order of the
# UN's language codes. Each page is under its language's prefix (/en/, /fr/, ...);
# "/" goes to the one the browser asks for. Each name is written in its own language
# in the switcher (see intersessional/context_processors.py).
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("ar", _("Arabic")),
    ("zh-hans", _("Chinese")),
    ("en", _("English")),
    ("fr", _("French")),
    ("ru", _("Russian")),
    ("es", _("Spanish")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Content that staff write (the meeting's facts, the Committees, sessions, agenda items,
# the States' and organisations' names) has a column per language; an empty one shows
# the English text.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
USE_I18N = True
# The meeting happens in Geneva: times are stored in UTC and shown in Geneva time.
TIME_ZONE = "Europe/Zurich"
USE_TZ = True

# The site's clock (see intersessional/clock.py). Unset in production.
INTERSESSIONAL_NOW = env_datetime("INTERSESSIONAL_NOW", naive_zone=TIME_ZONE)

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "staticfiles"
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Hashed names so that browsers can cache for a year; the demo skips collectstatic.
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# E-mail: SMTP when EMAIL_HOST is set, otherwise printed on the console.
EMAIL_HOST = env_str("EMAIL_HOST")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_secret("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
DEFAULT_FROM_EMAIL = env_str(
    "DEFAULT_FROM_EMAIL", "APMBC Implementation Support Unit <isu@apminebanconvention.org>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery. Without REDIS_URL the tasks run in the web process (the demo).
REDIS_URL = env_str("REDIS_URL")
# In process (no REDIS_URL): eager tasks still take a producer; a host keeps kombu quiet.
CELERY_BROKER_URL = REDIS_URL or "memory://localhost/"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
# The worker logs through LOGGING below (one line per event), not handlers of its own.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# A hung or stopped broker must not hold a web request for more than about two
# seconds: short socket timeouts, and no reconnection attempts when publishing
# (measured: 6.3 s with kombu's default retries against a refused port, 0.3 s
# without). The outbox sweep hands the e-mail over later instead.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_timeout": 2,
    "socket_connect_timeout": 2,
    "max_retries": 0,
    "visibility_timeout": 3600,
}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "sweep-notifications": {
        "task": "outbox.sweep_notifications",
        "schedule": env_int("NOTIFICATION_SWEEP_SECONDS", 30),
    },
    # Badge batches and exports that a dead worker left, or whose hand-over was lost.
    "sweep-documents": {
        "task": "documents.sweep_jobs",
        "schedule": env_int("NOTIFICATION_SWEEP_SECONDS", 30),
    },
    # Identity details days after the meeting; the one reminder to send a nomination.
    "accreditation-daily": {
        "task": "accreditation.daily",
        "schedule": env_int("RETENTION_CHECK_SECONDS", 24 * 3600),
    },
    # Visa letters go with the identity details they print (documents/retention.py).
    "documents-daily": {
        "task": "documents.daily",
        "schedule": env_int("RETENTION_CHECK_SECONDS", 24 * 3600),
    },
    # Sponsorship: offers past their date lapse, passports and nomination letters go
    # SPONSORSHIP_PERSONAL_DATA_DAYS after the meeting (sponsorship/beat.py).
    "sponsorship-daily": {
        "task": "sponsorship.daily",
        "schedule": env_int("RETENTION_CHECK_SECONDS", 24 * 3600),
    },
    # Anonymises the meetings whose retention period is over (privacy/services.py).
    "apply-retention": {
        "task": "privacy.apply_retention",
        "schedule": env_int("RETENTION_CHECK_SECONDS", 24 * 3600),
    },
}
# The interpreters' advance copies: received this many hours before their session,
# a copy is on time; the day before, delegations on a list without one are reminded.
ADVANCE_COPY_HOURS = env_int("ADVANCE_COPY_HOURS", 24)
CELERY_BEAT_SCHEDULE["advance-copy-reminders"] = {
    "task": "room.advance_copy_reminders",
    "schedule": env_int("ADVANCE_COPY_REMINDER_CHECK_SECONDS", 3600),
}
# How long a worker may hold an e-mail before it is taken for dead and released.
NOTIFICATION_CLAIM_LEASE_SECONDS = env_int("NOTIFICATION_CLAIM_LEASE_SECONDS", 300)
# The first wait after a temporary SMTP failure; it doubles with each attempt.
NOTIFICATION_RETRY_BASE_SECONDS = env_int("NOTIFICATION_RETRY_BASE_SECONDS", 30)

# The cache: Redis when there is one, so that every web process shares the rate
# limit's counts; otherwise each process's memory (the demo and the tests).
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env_str("CACHE_URL", REDIS_URL),
            "KEY_PREFIX": "intersessional",
            # A hung cache must not hold a request: fail fast (the rate limit lets it through).
            "OPTIONS": {"socket_timeout": 1, "socket_connect_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Sessions: with Redis, read from it first and from the database when it fails
# (intersessional/sessions.py), through a cache of their own whose short timeouts keep
# a hung Redis from holding a staff request; without a shared cache, from the database.
if REDIS_URL:
    SESSION_ENGINE = "intersessional.sessions"
    SESSION_CACHE_ALIAS = "sessions"
    CACHES["sessions"] = {
        **CACHES["default"],
        "OPTIONS": {"socket_timeout": 0.25, "socket_connect_timeout": 0.25},
    }
# Rendered fragments that are the same for everyone (the empty registration form):
# kept in each process's memory, so a Redis that is down or hung cannot break a page.
CACHES["fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "fragments",
    "TIMEOUT": 300,
}

# Abuse: POSTs to the public forms per client address per window (intersessional/ratelimit.py).
# 0 turns the limit off. Behind a proxy, say how many append to X-Forwarded-For.
RATELIMIT_POSTS = env_int("RATELIMIT_POSTS", 20)
RATELIMIT_WINDOW_SECONDS = env_int("RATELIMIT_WINDOW_SECONDS", 60)
RATELIMIT_PATH_PREFIXES = (
    "/register/",
    "/registration/",
    "/delegation/",
    "/bilateral/",
    "/updates/",
    "/photo/",
)
RATELIMIT_PROXY_COUNT = env_int("RATELIMIT_PROXY_COUNT", 0)
# Verification pages of visa letters and certificates per client address per minute
# (documents/public_views.py): a consulate checks a few; trying codes needs millions.
VERIFY_PER_MINUTE = env_int("VERIFY_PER_MINUTE", 30)
# Scans and name searches per staff member per minute at the door (checkin/views.py).
CHECKIN_POSTS_PER_MINUTE = env_int("CHECKIN_POSTS_PER_MINUTE", 240)

# Admin login lockout (django-axes): after AXES_FAILURE_LIMIT failed logins for one
# user name from one address, that pair is refused for the cool-off. Every attempt
# is stored (the admin's "Access attempts" and "Access failures") and logged.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
# Its start-up banner on every manage.py command says nothing an operator needs.
AXES_VERBOSE = False
# The same notion of "the client" as the rate limit (trusted proxies only).
AXES_CLIENT_IP_CALLABLE = "intersessional.ratelimit.client_ip"

# Two-factor sign-in for staff (intersessional/twofactor.py): on whenever DEBUG is off.
OTP_REQUIRED = env_bool("OTP_REQUIRED", default=not DEBUG)
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "APMBC intersessional")
# The TOTP key is never shown again once a device exists (only its QR code at set-up).
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# Personal data (privacy/, docs/privacy.md): kept this many days after the
# meeting's last day, then anonymised by the beat task above or
# `manage.py apply_retention`. The List of Participants exported for publication
# (public PDF export jobs) is kept as published when PERSONAL_DATA_KEEP_PUBLISHED_LIST is on.
PERSONAL_DATA_RETENTION_DAYS = env_int("PERSONAL_DATA_RETENTION_DAYS", 365)
PERSONAL_DATA_KEEP_PUBLISHED_LIST = env_bool("PERSONAL_DATA_KEEP_PUBLISHED_LIST", default=False)
# Identity details (passports, dates of birth: accreditation) go sooner, this many days
# after the meeting's last day (accreditation.services.identity_details_delete_expired).
IDENTITY_DETAILS_RETENTION_DAYS = env_int("IDENTITY_DETAILS_RETENTION_DAYS", 7)
# The Sponsorship Programme's passport numbers, dates of birth and nomination letters
# are deleted this many days after the meeting's last day, well before the rest.
SPONSORSHIP_PERSONAL_DATA_DAYS = env_int("SPONSORSHIP_PERSONAL_DATA_DAYS", 30)
# Identity details (passport numbers, dates of birth: accreditation/fields.py) are
# encrypted with these Fernet keys, comma-separated: the first encrypts, every one
# decrypts. Make one with `manage.py rotate_identity_key --new-key`; rotate as
# docs/operations.md says. With DEBUG on and none set, a key derived from SECRET_KEY
# (the demo's); with DEBUG off, one must be set (check intersessional.E009).
IDENTITY_ENCRYPTION_KEYS = [
    key.strip() for key in env_secret("IDENTITY_ENCRYPTION_KEYS").split(",") if key.strip()
]
if not IDENTITY_ENCRYPTION_KEYS and DEBUG:
    IDENTITY_ENCRYPTION_KEYS = [
        base64.urlsafe_b64encode(hashlib.sha256(SECRET_KEY.encode()).digest()).decode()
    ]
# The audit log keeps the address a change came from; its own notion of the client
# (X-Forwarded-For) is replaced by the rate limit's (privacy/middleware.py).
AUDITLOG_DISABLE_REMOTE_ADDR = False

# Security: the defaults hold in production; `make run` turns DEBUG on.
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
# Behind a proxy that terminates TLS, the header it sets to "https" (X-Forwarded-Proto).
# Unset, no header is trusted: without a proxy a client could write it itself.
_PROXY_SSL_HEADER = env_http_header("SECURE_PROXY_SSL_HEADER")
SECURE_PROXY_SSL_HEADER = (_PROXY_SSL_HEADER, "https") if _PROXY_SSL_HEADER else None
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# No inline script or style anywhere: the policy forbids them.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}

# One line per event on standard output, a traceback folded onto it (intersessional/logs.py).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"one_line": {"()": "intersessional.logs.OneLineFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "one_line",
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # WeasyPrint tells every step of every document at INFO: keep its warnings only.
    "loggers": {"weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}

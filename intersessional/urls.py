"""The site's addresses. The one module of the project package that imports the apps
(the "layers" import contract in pyproject.toml lets it)."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from accreditation.urls import staff_patterns as accreditation_staff
from checkin.urls import staff_patterns as checkin_staff
from documents.urls import staff_patterns as documents_staff
from figures.urls import staff_patterns as figures_staff
from room.urls import staff_patterns as room_staff
from sponsorship.urls import staff_patterns as sponsorship_staff

from .env import env_bool
from .health import healthz

admin.site.site_header = _("Intersessional meetings: ISU administration")
admin.site.site_title = _("APMBC intersessional meetings")
admin.site.index_title = _("Registrations and programme")

urlpatterns = [
    # The containers' health checks (docker-compose.yml): the app and its database.
    path("healthz", healthz, name="healthz"),
    path("admin/badges/", include("documents.badge_urls")),
    path("admin/speakers/", include("floor.speakers_urls")),
    path("admin/", admin.site.urls),
    # The staff pages of several apps, under one namespace and one index.
    path(
        "staff/",
        include(
            (
                [
                    *documents_staff,
                    *figures_staff,
                    *checkin_staff,
                    *accreditation_staff,
                    *sponsorship_staff,
                ]
                + room_staff,
                "staff",
            )
        ),
    ),
]
# The public site in each of the six languages: /en/, /fr/, /es/, /ar/, /zh-hans/, /ru/.
# "/" (no prefix) is redirected by LocaleMiddleware to the browser's language.
urlpatterns += i18n_patterns(
    # First: phones poll the live page's state every second or two (room/live.py).
    path("", include("room.urls")),
    path("", include("registration.urls")),
    path("", include("accreditation.urls")),
    path("", include("privacy.urls")),
    path("", include("floor.urls")),
    path("", include("documents.public_urls")),
    path("", include("sponsorship.urls")),
    path("", include("programme.urls")),
)

# The benchmark's baseline page (scripts/bench.sh): never routed unless asked for.
if env_bool("BENCH_BASELINE"):
    from .bench import ok

    urlpatterns.insert(0, path("bench/baseline/", ok, name="bench-baseline"))

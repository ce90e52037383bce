from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from .env import env_bool

admin.site.site_header = _("Intersessional meetings: ISU administration")
admin.site.site_title = _("APMBC intersessional meetings")
admin.site.index_title = _("Registrations and programme")

urlpatterns = [
    path("admin/badges/", include("registration.badge_urls")),
    path("admin/speakers/", include("registration.speakers_urls")),
    path("admin/", admin.site.urls),
    path("staff/", include("registration.staff_urls")),
]
# The public site in each of the six languages: /en/, /fr/, /es/, /ar/, /zh-hans/, /ru/.
# "/" (no prefix) is redirected by LocaleMiddleware to the browser's language.
urlpatterns += i18n_patterns(
    path("", include("registration.urls")),
    path("", include("programme.urls")),
)

# The benchmark's baseline page (scripts/bench.sh): never routed unless asked for.
if env_bool("BENCH_BASELINE"):
    from .bench import ok

    urlpatterns.insert(0, path("bench/baseline/", ok, name="bench-baseline"))

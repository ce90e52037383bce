from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("Intersessional meetings: ISU administration")
admin.site.site_title = _("APMBC intersessional meetings")
admin.site.index_title = _("Registrations and programme")

urlpatterns = [
    path("admin/badges/", include("registration.badge_urls")),
    path("admin/", admin.site.urls),
    path("staff/", include("registration.staff_urls")),
    path("", include("registration.urls")),
    path("", include("programme.urls")),
]

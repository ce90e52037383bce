"""Accreditation's pages through the private links (under the language prefix, with
registration's: the public POSTs' rate limit covers both prefixes, and /photo/, the
link of the e-mail that rejected a photo), and its staff pages (under /staff/, see
intersessional/urls.py)."""

from django.urls import path

from . import staff_views, views

app_name = "accreditation"

urlpatterns = [
    path(
        "registration/<str:token>/accreditation/",
        views.delegate_accreditation,
        name="delegate-accreditation",
    ),
    path(
        "registration/<str:token>/nomination/",
        views.nomination,
        {"kind": "delegate"},
        name="delegate-nomination",
    ),
    path(
        "delegation/<str:token>/nomination/",
        views.nomination,
        {"kind": "delegation"},
        name="delegation-nomination",
    ),
]
# The photo, through a delegate's private link and through the link of the e-mail
# that rejected a photo.
for kind, prefix in (("delegate", "registration/<str:token>/photo"), ("link", "photo/<str:token>")):
    urlpatterns += [
        path(f"{prefix}/", views.photo_page, {"kind": kind}, name=f"{kind}-photo"),
        path(f"{prefix}/image", views.photo_image, {"kind": kind}, name=f"{kind}-photo-image"),
    ]

staff_patterns = [
    path("security-list.xlsx", staff_views.security_list, name="security-list"),
    path("access-needs.xlsx", staff_views.access_needs_list, name="access-needs"),
    path("nominations/<int:pk>/file", staff_views.nomination_file, name="nomination-file"),
]

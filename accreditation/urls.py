"""Accreditation's pages through the private links (under the language prefix, with
registration's: the public POSTs' rate limit covers both prefixes), and its staff
pages (under /staff/, see intersessional/urls.py)."""

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

staff_patterns = [
    path("security-list.xlsx", staff_views.security_list, name="security-list"),
    path("access-needs.xlsx", staff_views.access_needs_list, name="access-needs"),
    path("nominations/<int:pk>/file", staff_views.nomination_file, name="nomination-file"),
]

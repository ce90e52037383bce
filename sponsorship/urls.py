"""The private-link pages (under the language prefixes) and the staff pages (under
/staff/, see intersessional/urls.py)."""

from django.urls import path, re_path

from . import views

app_name = "sponsorship"

urlpatterns = [
    path("registration/<str:token>/sponsorship/", views.apply, name="apply"),
    path(
        "delegation/<str:token>/sponsorship/<int:pk>/",
        views.apply_for_member,
        name="apply-for-member",
    ),
    path("sponsorship/<str:token>/", views.application, name="application"),
    path("sponsorship/<str:token>/letter.pdf", views.letter, name="letter"),
]

staff_patterns = [
    path("sponsorship/", views.committee, name="sponsorship-committee"),
    path("sponsorship/<int:pk>/decide", views.decide, name="sponsorship-decide"),
    path("sponsorship/<int:pk>/nomination", views.nomination, name="sponsorship-nomination"),
    path("sponsorship/travel/", views.travel, name="sponsorship-travel"),
    path("sponsorship/report/", views.report, name="sponsorship-report"),
    re_path(
        r"^sponsorship/report\.(?P<fmt>xlsx|pdf)$",
        views.report_file,
        name="sponsorship-report-file",
    ),
]

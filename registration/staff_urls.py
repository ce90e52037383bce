"""The staff pages: exports, figures and coverage. Included from intersessional/urls.py."""

from django.urls import path, re_path

from . import staff_views

app_name = "staff"

urlpatterns = [
    path("", staff_views.index, name="index"),
    re_path(
        r"^participants\.(?P<fmt>csv|xlsx|pdf)$", staff_views.participants, name="participants"
    ),
    path("figures/", staff_views.figures, name="figures"),
    path("figures.xlsx", staff_views.figures_xlsx, name="figures-xlsx"),
    path("coverage/", staff_views.coverage, name="coverage"),
]

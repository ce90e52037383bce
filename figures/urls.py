"""The staff pages of the figures, included under /staff/ (see intersessional/urls.py)."""

from django.urls import path

from . import views

staff_patterns = [
    path("figures/", views.figures, name="figures"),
    path("figures.xlsx", views.figures_xlsx, name="figures-xlsx"),
    path("coverage/", views.coverage, name="coverage"),
    path("updates/", views.updates_view, name="updates"),
    path("updates.xlsx", views.updates_xlsx, name="updates-xlsx"),
]

"""The staff pages: exports, figures and coverage. Included from intersessional/urls.py."""

from django.urls import path, re_path

from . import staff_views

app_name = "staff"

urlpatterns = [
    path("", staff_views.index, name="index"),
    re_path(
        r"^participants\.(?P<fmt>csv|xlsx|pdf)$", staff_views.participants, name="participants"
    ),
    re_path(
        r"^participants\.(?P<fmt>pdf)/prepare$", staff_views.export_request, name="export-request"
    ),
    path("exports/<int:pk>/", staff_views.export_job, name="export-job"),
    path("exports/<int:pk>/download", staff_views.export_download, name="export-download"),
    path("figures/", staff_views.figures, name="figures"),
    path("figures.xlsx", staff_views.figures_xlsx, name="figures-xlsx"),
    path("coverage/", staff_views.coverage, name="coverage"),
]

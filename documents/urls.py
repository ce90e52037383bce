"""The staff pages of the List of Participants, included under /staff/ with the
figures' (see intersessional/urls.py)."""

from django.urls import path, re_path

from . import staff_views

staff_patterns = [
    path("", staff_views.index, name="index"),
    re_path(
        r"^participants\.(?P<fmt>csv|xlsx|pdf)$", staff_views.participants, name="participants"
    ),
    re_path(
        r"^participants\.(?P<fmt>pdf)/prepare$", staff_views.export_request, name="export-request"
    ),
    path("exports/<int:pk>/", staff_views.export_job, name="export-job"),
    path("exports/<int:pk>/download", staff_views.export_download, name="export-download"),
]

# Seating and nameplates (issue 25).
from . import seating_views  # noqa: E402

staff_patterns += [
    path("seating/", seating_views.seating_page, name="seating"),
    path("seating/draw", seating_views.seating_draw, name="seating-draw"),
    re_path(
        r"^seating/(?P<kind>plan|nameplates)/prepare$",
        seating_views.seating_prepare,
        name="seating-prepare",
    ),
    path("seating/jobs/<int:pk>/", seating_views.seating_job, name="seating-job"),
    path("seating/jobs/<int:pk>/download", seating_views.seating_download, name="seating-download"),
]

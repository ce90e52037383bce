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

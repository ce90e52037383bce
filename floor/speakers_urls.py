from django.urls import path

from . import speakers

app_name = "speakers"

urlpatterns = [
    path("item/<int:pk>.csv", speakers.export, {"fmt": "csv"}, name="csv"),
    path("item/<int:pk>.pdf", speakers.export, {"fmt": "pdf"}, name="pdf"),
]

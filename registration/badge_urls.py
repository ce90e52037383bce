from django.urls import path

from . import staff_badges

app_name = "badges"

urlpatterns = [
    path("batch/<int:pk>/download/", staff_badges.batch_download, name="batch-download"),
    path("delegate/<int:pk>.pdf", staff_badges.delegate_badge, name="delegate"),
]

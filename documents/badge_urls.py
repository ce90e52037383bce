from django.urls import path

from . import badge_views

app_name = "badges"

urlpatterns = [
    path("batch/<int:pk>/download/", badge_views.batch_download, name="batch-download"),
    path("delegate/<int:pk>.pdf", badge_views.delegate_badge, name="delegate"),
]

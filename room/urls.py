"""The room's public pages (under each language's prefix) and its staff pages
(under /staff/, with the others: intersessional/urls.py)."""

from django.urls import path

from . import views

app_name = "room"

urlpatterns = [
    path("live/", views.live_page, name="live"),
    path("live/state.json", views.live_state, name="live-state"),
    path("live/screen/", views.live_page, {"screen": True}, name="screen"),
]

staff_patterns = [
    path("room/console/", views.console, name="room-console"),
    path("room/console/body", views.console_body, name="room-console-body"),
    path("room/console/act", views.console_act, name="room-console-act"),
    path("room/advance-copies/", views.advance_copies, name="room-advance-copies"),
    path("room/advance-copies/<int:pk>/file", views.advance_copy, name="room-advance-copy"),
]

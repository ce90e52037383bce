from django.urls import path

from . import views

app_name = "programme"

urlpatterns = [
    path("", views.home, name="home"),
    path("programme/", views.programme, name="programme"),
    path("programme/meeting.ics", views.meeting_calendar, name="meeting-calendar"),
    path("programme/session/<int:pk>.ics", views.session_calendar, name="session-calendar"),
]

from django.urls import path

from . import views

app_name = "floor"

urlpatterns = [
    path("bilateral/<str:token>/", views.bilateral, name="bilateral"),
    path("bilateral/<str:token>/meeting.ics", views.bilateral_calendar, name="bilateral-ics"),
]

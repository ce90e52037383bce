"""The door's staff pages, included under /staff/ with the others (intersessional/urls.py)."""

from django.urls import path

from . import views

staff_patterns = [
    path("checkin/", views.lists, name="checkin-lists"),
    path("checkin/<int:pk>/", views.door, name="checkin-door"),
    path("checkin/<int:pk>/scan", views.scan, name="checkin-scan"),
    path("checkin/<int:pk>/admit/<int:delegate_pk>", views.admit, name="checkin-admit"),
    path("checkin/<int:pk>/entries/", views.entries, name="checkin-entries"),
    path("checkin/photo/<str:signed>", views.photo, name="checkin-photo"),
]

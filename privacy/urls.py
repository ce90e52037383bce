from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("privacy/", views.notice, name="notice"),
    path("registration/<str:token>/my-data/", views.personal_data, name="personal-data"),
    path("registration/<str:token>/erasure/", views.ask_erasure, name="ask-erasure"),
]

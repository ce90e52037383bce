from django.urls import path

from . import views

app_name = "registration"

urlpatterns = [
    path("register/", views.start, name="start"),
    path("register/delegate/", views.register_delegate, name="register-delegate"),
    path("register/delegation/", views.register_delegation, name="register-delegation"),
    path("register/done/", views.done, name="done"),
    path("register/lost-link/", views.lost_link, name="lost-link"),
    path("registration/<str:token>/", views.delegate_page, name="delegate"),
    path("registration/<str:token>/edit/", views.delegate_edit, name="delegate-edit"),
    path("registration/<str:token>/withdraw/", views.delegate_withdraw, name="delegate-withdraw"),
    path("registration/<str:token>/language/", views.delegate_language, name="delegate-language"),
    path("delegation/<str:token>/", views.delegation_page, name="delegation"),
    path("delegation/<str:token>/language/", views.delegation_language, name="delegation-language"),
    path(
        "delegation/<str:token>/member/<int:pk>/",
        views.delegation_member,
        name="delegation-member",
    ),
]

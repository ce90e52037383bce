from django.urls import path

from . import views

app_name = "floor"

urlpatterns = [
    path("bilateral/<str:token>/", views.bilateral, name="bilateral"),
    path("bilateral/<str:token>/meeting.ics", views.bilateral_calendar, name="bilateral-ics"),
    path("programme/item/<int:pk>/statements/", views.item_statements, name="item-statements"),
    path("statements/<int:pk>/file/", views.statement_file, name="statement-file"),
    # The link of the e-mail that invites a delegation to present its updates.
    path("updates/<str:token>/", views.updates_invitation, name="updates-invitation"),
    path(
        "updates/<str:token>/speakers/",
        views.updates_take_floor,
        {"kind": "invitation"},
        name="invitation-updates",
    ),
]

# The same pages through a delegate's link (/registration/...) and a focal point's
# (/delegation/...): the public POSTs' rate limit covers both prefixes.
for kind, prefix in (("delegate", "registration"), ("delegation", "delegation")):
    urlpatterns += [
        path(
            f"{prefix}/<str:token>/updates/",
            views.updates_take_floor,
            {"kind": kind},
            name=f"{kind}-updates",
        ),
        path(
            f"{prefix}/<str:token>/statements/",
            views.statements,
            {"kind": kind},
            name=f"{kind}-statements",
        ),
        path(
            f"{prefix}/<str:token>/statements/<int:pk>/file/",
            views.own_statement_file,
            {"kind": kind},
            name=f"{kind}-statement-file",
        ),
        path(
            f"{prefix}/<str:token>/statements/<int:pk>/withdraw/",
            views.statement_withdraw,
            {"kind": kind},
            name=f"{kind}-statement-withdraw",
        ),
    ]

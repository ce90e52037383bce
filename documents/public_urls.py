"""The documents' public addresses, under each language's prefix (intersessional/urls.py).
The delegate's pages live under /registration/<token>/, whose POSTs the public forms'
rate limit counts."""

from django.urls import path

from . import public_views

app_name = "documents"

urlpatterns = [
    path("verify/<str:code>/", public_views.verify, name="verify"),
    path("letter/<str:token>/", public_views.visa_letter_link, name="visa-letter-link"),
    path("registration/<str:token>/visa-letter/", public_views.visa_letter, name="visa-letter"),
    path(
        "registration/<str:token>/visa-letter.pdf",
        public_views.visa_letter_download,
        name="visa-letter-pdf",
    ),
    path(
        "registration/<str:token>/certificate.pdf",
        public_views.certificate_download,
        name="certificate-pdf",
    ),
]

"""The e-mails of the Sponsorship Programme, in the person's language, each with the
application's private link (a new link replaces the old one)."""

from registration import links
from registration.emails import queue_email

from .models import Application


def email(application: Application, kind: str, token: str, **extra) -> None:
    delegate = application.delegate
    meeting = application.programme.meeting

    def context():
        return {
            "delegate": delegate,
            "meeting": meeting,
            "application": application,
            "link": links.url(Application, token),
            **extra,
        }

    queue_email(
        kind=kind, to=delegate.email, context=context, language=delegate.language, delegate=delegate
    )

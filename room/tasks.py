"""The room's background work: the advance copies' reminders, once a day (beat)."""

from celery import shared_task

from . import services


@shared_task(name="room.advance_copy_reminders")
def advance_copy_reminders() -> int:
    """The day before a day of sessions: remind the delegations on its speakers' lists
    that sent no advance copy (once each; see services.advance_copy_reminders_send)."""
    return len(services.advance_copy_reminders_send())

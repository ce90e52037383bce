"""Reads of the programme that several places need."""

from django.http import Http404

from .models import Meeting


def current_meeting() -> Meeting:
    meeting = Meeting.objects.current()
    if meeting is None:
        raise Http404("No meeting has been set up yet.")
    return meeting

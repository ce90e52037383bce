from django.shortcuts import render

from intersessional import clock

from .models import Committee
from .queries import current_meeting


def home(request):
    meeting = current_meeting()
    now = clock.now()
    return render(
        request,
        "programme/home.html",
        {
            "meeting": meeting,
            "now": now,
            "registration_open": meeting.registration_is_open(now),
            "committees": Committee.objects.all(),
        },
    )

"""What privacy adds to registration's private-link pages (registered in apps.py; see
registration/extensions.py): on a delegate's page, their own data to download and a
request for erasure."""

from django.template.loader import render_to_string


def personal_data(request, *, page, obj, token) -> str:
    if page != "delegate":
        return ""
    # No query: the page stays at two (asking twice is answered when asked).
    return render_to_string("privacy/_personal_data_panel.html", {"token": token}, request=request)

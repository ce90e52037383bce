from . import clock


def site(request):
    """What every page shows: the site's clock, so the demo banner can say it is set."""
    return {"clock_now": clock.now(), "clock_is_fixed": clock.is_fixed()}

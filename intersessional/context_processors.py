from django.conf import settings

from . import clock


def site(request):
    """What every page shows: the site's clock, so the demo banner can say it is set;
    how long personal data is kept, for the privacy notice."""
    return {
        "clock_now": clock.now(),
        "clock_is_fixed": clock.is_fixed(),
        "retention_days": settings.PERSONAL_DATA_RETENTION_DAYS,
    }

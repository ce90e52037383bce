from django.conf import settings
from django.utils.translation import get_language, get_language_bidi

from . import clock
from .languages import LANGUAGE_NAMES, language_dir, language_tag, list_languages


def site(request):
    """What every page shows: the site's clock, so the demo banner can say it is set;
    the page's language and the same page in the five others (the switcher)."""
    current = get_language() or settings.LANGUAGE_CODE
    path = request.get_full_path()
    prefix = f"/{current}/"
    # Public URLs differ only by their language prefix (no translated paths), so the
    # same page in another language is the same path under another prefix. A page
    # outside the prefixes (staff pages) links to each language's home.
    rest = path[len(prefix) :] if path.startswith(prefix) else ""
    links = [
        {
            "code": code,
            "tag": language_tag(code),
            "name": LANGUAGE_NAMES[code],
            "dir": language_dir(code),
            "url": f"/{code}/{rest}",
            "current": code == current,
        }
        for code, _name in settings.LANGUAGES
    ]
    return {
        "clock_now": clock.now(),
        "clock_is_fixed": clock.is_fixed(),
        "html_lang": language_tag(current),
        "html_dir": "rtl" if get_language_bidi() else "ltr",
        "language_links": links,
        # The staff pages' List of Participants, in each of its languages.
        "list_languages": list_languages(),
    }

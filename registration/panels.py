"""Sections that the apps above registration add to its private-link pages.

A delegation's page shows its bilateral meetings (floor), and later what else those
apps hold for it; registration cannot import them (the arrows go down), so each
registers a panel here, from its AppConfig.ready(). A panel is a function
`(request, *, page, obj, token) -> str` returning HTML (render_to_string of its own
template), or "" when it has nothing to show; `page` is "delegation" or
"delegate" and `obj` the Delegation or Delegate. An explicit list rather than a
signal: every extension is found by searching for `panels.register`.
"""

from collections.abc import Callable

from django.utils.safestring import SafeString

Panel = Callable[..., str]

_PANELS: list[Panel] = []


def register(panel: Panel) -> Panel:
    """Add a panel (usable as a decorator). Registering twice is harmless."""
    if panel not in _PANELS:
        _PANELS.append(panel)
    return panel


def render(request, *, page: str, obj, token: str) -> list[SafeString]:
    """The HTML of every panel that has something to show on this page."""
    html = (panel(request, page=page, obj=obj, token=token) for panel in _PANELS)
    # Panels return template output (SafeString), escaped by the template engine;
    # a plain str would be escaped again where the page shows it.
    return [part for part in html if part]

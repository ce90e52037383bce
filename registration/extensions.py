"""How the apps above registration extend it: the one mechanism, and what it takes.

registration cannot import the apps above it (the arrows go down: pyproject.toml's
import contracts), yet they add to its private-link pages, give private links to
their own rows and do work when someone registers. Each of them registers what it
adds here, from its AppConfig.ready() and nowhere else: to see everything the apps
add to registration, read their apps.py. Registering the same thing twice is
harmless. Four kinds of extension:

- `on_member_joined(hook)`: `hook(*, delegation) -> None`. services.py calls every
  hook inside the registration's transaction, once a new member is saved (a person
  registering, a focal point registering a delegation or adding a member, staff
  adding someone): what a hook writes, e-mails in the outbox included, commits or
  rolls back with the registration. A hook decides for itself whether there is
  anything to do, and is called again for each member: it must do its work once.
  (floor: a State's delegation is invited to present its updates.)
- `on_member_left(hook)`: `hook(*, delegate) -> None`, called inside the transaction
  that withdraws or declines a delegate, once their status has changed: what the
  person was given as a delegate stops being valid. (documents: their visa letters
  are revoked.)
- `panel(panel)`: `panel(request, *, page, obj, token) -> str`, a section of a
  private-link page: `page` is "delegation" or "delegate", `obj` the Delegation or
  Delegate. It returns HTML (render_to_string of its own template), or "" when it
  has nothing to show. Panels are shown in the order they were registered.
  (floor: bilateral meetings, updates, statements; privacy: your personal data.)
- `link_kind(model, kind)`: the rows of `model` get private links of this
  links.LinkKind (a salt of its own, the page's URL name, what the page fetches).
  (floor: bilateral invitations and invitations to present updates; accreditation:
  the link of a rejected photo's e-mail.)
- `link_related(model, *names)`: what a panel shows of the row a link opens is
  fetched with it, in the link's one query (`select_related` names; a reverse
  one-to-one of the app's own model). (accreditation: the delegate's photo.)

An explicit registry rather than Django signals: the order of the panels matters,
and every extension is listed in one place, the ready() of the app that makes it.
"""

from collections.abc import Callable

from django.utils.safestring import SafeString

from . import links

Hook = Callable[..., None]
Panel = Callable[..., str]

_HOOKS: list[Hook] = []
_LEFT_HOOKS: list[Hook] = []
_PANELS: list[Panel] = []


def on_member_joined(hook: Hook) -> Hook:
    """Call `hook(delegation=...)` whenever a delegation gains a member."""
    if hook not in _HOOKS:
        _HOOKS.append(hook)
    return hook


def on_member_left(hook: Hook) -> Hook:
    """Call `hook(delegate=...)` whenever a delegate withdraws or is declined."""
    if hook not in _LEFT_HOOKS:
        _LEFT_HOOKS.append(hook)
    return hook


def panel(panel: Panel) -> Panel:
    """Show `panel`'s HTML on the private-link pages."""
    if panel not in _PANELS:
        _PANELS.append(panel)
    return panel


def link_kind(model, kind: links.LinkKind) -> None:
    """Give the rows of `model` private links of this kind."""
    links.add_kind(model, kind)


def link_related(model, *names: str) -> None:
    """Fetch `names` (select_related) with the rows that links of `model` open."""
    links.add_related(model, *names)


def member_joined(*, delegation) -> None:
    """Run every hook for a delegation that has just gained a member."""
    for hook in _HOOKS:
        hook(delegation=delegation)


def member_left(*, delegate) -> None:
    """Run every hook for a delegate who has just withdrawn or been declined."""
    for hook in _LEFT_HOOKS:
        hook(delegate=delegate)


def panels(request, *, page: str, obj, token: str) -> list[SafeString]:
    """The HTML of every panel that has something to show on this page."""
    html = (panel(request, page=page, obj=obj, token=token) for panel in _PANELS)
    # Panels return template output (SafeString), escaped by the template engine;
    # a plain str would be escaped again where the page shows it.
    return [part for part in html if part]

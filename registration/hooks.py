"""What the apps above registration do when someone joins a delegation.

A registration can start work that belongs to an app above registration (floor
invites the delegation of a State with obligations to present its updates), and
registration cannot import those apps (the arrows go down). So each registers a hook
here from its AppConfig.ready(), as panels do (see panels.py).

A hook is a function `(*, delegation) -> None`. services.py calls every hook inside
the registration's transaction, once the new member is saved (a person registering,
a focal point registering a delegation or adding a member, staff adding someone):
what a hook writes, e-mails in the outbox included, commits or rolls back with the
registration. A hook decides for itself whether there is anything to do, and is
called again for each member: it must do its work once. An explicit list rather than
a signal: every extension is found by searching for `hooks.register`.
"""

from collections.abc import Callable

Hook = Callable[..., None]

_HOOKS: list[Hook] = []


def register(hook: Hook) -> Hook:
    """Add a hook (usable as a decorator). Registering twice is harmless."""
    if hook not in _HOOKS:
        _HOOKS.append(hook)
    return hook


def member_joined(*, delegation) -> None:
    """Run every hook for a delegation that has just gained a member."""
    for hook in _HOOKS:
        hook(delegation=delegation)

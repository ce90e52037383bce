"""How an e-mail is written: its templates, and the writers that let a worker write it.

An e-mail is written either when it is queued (`services.email_queue` with a context:
the row holds the finished message) or by the worker that sends it
(`services.email_queue_later`: the row holds only `values`, the references its kind's
writer reads, and the recipient's language). The second keeps a request's CPU for the
request: the registration POST queues its e-mail this way (docs/performance.md).

A writer is registered once per kind, by the app that sends that kind, from its
AppConfig.ready() (the outbox knows no delegates): `writer(kind, build)`, where
`build(values) -> dict` returns the templates' context; it is called inside the
recipient's language, so the links, dates and names it builds are in it too. When what
the values name is gone (the person was erased), it raises `Gone` and the e-mail is
marked failed with that reason, never sent half-written.
"""

from collections.abc import Callable
from html import unescape

from django.template.loader import render_to_string
from django.utils import translation

Build = Callable[[dict], dict]
_WRITERS: dict[str, Build] = {}


class Gone(LookupError):
    """What an e-mail was to be written from no longer exists."""


def writer(kind: str, build: Build) -> Build:
    """Let a worker write the e-mails of `kind` from their values with `build`."""
    if _WRITERS.setdefault(kind, build) is not build:
        raise ValueError(f"E-mails of kind {kind!r} already have another writer")
    return build


def has_writer(kind: str) -> bool:
    return kind in _WRITERS


def email_render(kind: str, context: dict) -> tuple[str, str, str]:
    """(subject, text, HTML) from the templates emails/<kind>_subject.txt, <kind>.txt
    and <kind>.html."""
    # Subjects are plain text: no HTML escaping, and one line whatever a name held,
    # so no header can be injected.
    subject = unescape(render_to_string(f"emails/{kind}_subject.txt", context))
    subject = " ".join(subject.split())
    text = render_to_string(f"emails/{kind}.txt", context)
    html = render_to_string(f"emails/{kind}.html", context)
    return subject, text, html


def write(*, kind: str, language: str, values: dict) -> tuple[str, str, str]:
    """(subject, text, HTML) of an e-mail queued unwritten, in the recipient's language.
    Raises Gone when what `values` name no longer exists."""
    # A kind without a writer is a deployment's mistake, not the e-mail's: KeyError,
    # and the row waits for the sweep once a worker that has the writer runs.
    build = _WRITERS[kind]
    with translation.override(language):
        return email_render(kind, build(values))

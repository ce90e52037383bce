"""Rows that nearly every public request reads and staff change a few times a year
(the meeting, the States), kept in each process for a minute.

`per_process_minute(fn)` remembers fn's result, per arguments, for MEMO_SECONDS in the
process that asked (a gunicorn worker, a Celery worker). A change saved in the same
process forgets it at once (`forget`, connected to the models' post_save and
post_delete by the apps that own them); another process sees it within the minute.
docs/performance.md gives the figures; the tests forget everything between tests.
"""

import functools
import time
from collections.abc import Callable

MEMO_SECONDS = 60.0

_MEMOS: list[dict] = []


def per_process_minute(fn: Callable) -> Callable:
    """Remember fn(*args) for a minute in this process; a None result is not kept."""
    memo: dict = {}
    _MEMOS.append(memo)

    @functools.wraps(fn)
    def remembered(*args):
        now = time.monotonic()
        kept = memo.get(args)
        if kept is not None and kept[0] > now:
            return kept[1]
        value = fn(*args)
        if value is not None:
            memo[args] = (now + MEMO_SECONDS, value)
        return value

    def peek(*args):
        """What is remembered for args and still fresh, without calling fn: None when
        nothing is. For a caller that must not read before a lock it has yet to take."""
        kept = memo.get(args)
        if kept is not None and kept[0] > time.monotonic():
            return kept[1]
        return None

    remembered.forget = memo.clear
    remembered.peek = peek
    return remembered


def forget(*_args, **_kwargs) -> None:
    """Forget everything remembered in this process (a signal receiver as it stands)."""
    for memo in _MEMOS:
        memo.clear()

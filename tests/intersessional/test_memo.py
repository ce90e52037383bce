"""What a process keeps for a minute (intersessional/memo.py)."""

from intersessional import memo


def test_peek_tells_what_is_kept_without_reading_it(monkeypatch):
    reads = []

    @memo.per_process_minute
    def states():
        reads.append(1)
        return {"FRA": "France"}

    assert states.peek() is None  # nothing read yet, and peeking reads nothing
    assert states() == {"FRA": "France"}
    assert states.peek() == {"FRA": "France"}
    assert len(reads) == 1

    monkeypatch.setattr(memo, "MEMO_SECONDS", 0.0)
    states.forget()
    states()  # kept for no time: stale at once
    assert states.peek() is None
    assert len(reads) == 2

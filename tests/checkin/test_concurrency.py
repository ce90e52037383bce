"""Scans of one badge at the same moment (two doors, a scan and its retry), against
PostgreSQL: one entry, and the others say "already checked in"."""

import pytest

from checkin.models import Checkin, FailedScan
from checkin.services import checkin_scan
from documents.badges import signed_badge_id
from tests.registration.test_concurrency import postgres_only, run_together  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)


def test_concurrent_scans_of_one_badge_make_one_entry(postgres_only, day_one, delegates):  # noqa: F811
    code = signed_badge_id(delegates[0])
    nonces = iter(f"door-{n:04}" for n in range(100))

    results = run_together(
        lambda: checkin_scan(
            checkin_list=day_one, code=code, by=None, method="scanner", nonce=next(nonces)
        ),
        count=6,
    )

    statuses = sorted(getattr(r, "status", repr(r)) for r in results)
    assert statuses == ["already"] * 5 + ["welcome"], results
    assert Checkin.objects.count() == 1


def test_one_scan_sent_twice_at_once_is_applied_once(postgres_only, day_one, delegates):  # noqa: F811
    code = signed_badge_id(delegates[1])

    results = run_together(
        lambda: checkin_scan(
            checkin_list=day_one, code=code, by=None, method="camera", nonce="offline-retry-1"
        ),
        count=4,
    )

    assert [getattr(r, "status", repr(r)) for r in results] == ["welcome"] * 4, results
    assert Checkin.objects.count() == 1


def test_a_forged_code_sent_twice_at_once_is_refused_and_recorded_once(
    postgres_only,  # noqa: F811
    day_one,
    delegates,
):
    """No delegate row to lock: the unique nonce alone keeps the refusal single."""
    results = run_together(
        lambda: checkin_scan(
            checkin_list=day_one,
            code="B1V1SAAAAAAAAAAAAAAAA",
            by=None,
            method="scanner",
            nonce="forged-retry-1",
        ),
        count=4,
    )

    assert [getattr(r, "status", repr(r)) for r in results] == ["refused"] * 4, results
    assert FailedScan.objects.get().reason == "invalid"


def test_repeated_entry_lists_count_each_entry_but_not_a_double_scan(
    postgres_only,  # noqa: F811
    day_one,
    delegates,
    clock_at,
):
    from datetime import timedelta

    from tests.checkin.conftest import MORNING_OF_7_JUNE

    day_one.allow_repeat = True
    day_one.save()
    code = signed_badge_id(delegates[2])
    nonces = iter(f"repeat-{n:04}" for n in range(100))

    def door():
        return checkin_scan(
            checkin_list=day_one, code=code, by=None, method="scanner", nonce=next(nonces)
        )

    at_once = run_together(door, count=3)
    clock_at(MORNING_OF_7_JUNE + timedelta(hours=2))
    after_lunch = door()

    assert sorted(r.status for r in at_once) == ["already", "already", "welcome"]
    assert after_lunch.status == "welcome"
    assert Checkin.objects.count() == 2
    assert Checkin.objects.filter(first=True).count() == 1

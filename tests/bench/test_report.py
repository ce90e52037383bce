"""What `make bench`'s report says of a missed target (scripts/bench/report.py): the
measured reason and the next step, from the run's own figures."""

import importlib.util
from pathlib import Path

import pytest

SPEC = importlib.util.spec_from_file_location(
    "bench_report", Path(__file__).resolve().parents[2] / "scripts/bench/report.py"
)
report = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(report)


def figures(*, rps, p95, web, site, machine, sql=0.0):
    return {
        "rps": rps,
        "p50_ms": p95 * 0.8,
        "p95_ms": p95,
        "p99_ms": p95 * 1.1,
        "cpu": {"web": web, "site": site, "machine": machine, "other": 0.1, "wrk": 0.1},
        "queries": {"web": sql, "web fk": 0.0, "web health": 1.0},
    }


@pytest.fixture
def two_cores(monkeypatch):
    monkeypatch.setattr(report.os, "cpu_count", lambda: 2)
    monkeypatch.setenv("BENCH_CONNECTIONS", "8")


def test_a_missed_p95_is_explained_by_the_cpu_per_request(two_cores):
    baseline = figures(rps=2400, p95=5, web=0.7, site=0.8, machine=0.85)
    scan = figures(rps=290, p95=34.8, web=5.0, site=6.84, machine=7.0, sql=4.0)

    verdicts = {
        target: (met, why)
        for target, met, why in report.verdicts(
            "door scan", report.PAGES["door scan"], scan, baseline
        )
    }

    met, why = verdicts["p95<=20 ms"]
    assert not met
    assert "8 x 7.00 ms" in why
    assert "/ 2 = 28.0 ms on average" in why
    assert "below about 5.0 ms in all" in why
    assert verdicts["SQL<=4"][0]
    met, why = verdicts["web CPU<=2 ms"]
    assert not met
    assert why.startswith("5.00 ms") and "next: " in why

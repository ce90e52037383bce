"""Print the benchmark's tables from the BENCH_RESULT lines of scripts/bench/measure.py.

Usage: report.py RESULTS_FILE. Each page was measured several times; the tables show
the median of each figure over the runs:

1. throughput and latency, the ratio to the baseline's requests per second (a
   Django view that returns "ok", through the same nginx and middleware), and the
   targets of issue 15;
2. where the time goes: CPU milliseconds per request spent by each group of
   processes (read from /proc around the run; the Celery worker's until it had sent
   every e-mail the run queued), the load generator, and "other", the machine's busy
   time that none of these spent (other programs: the noise); then the SQL
   statements per request run by the web processes and by the worker
   (pg_stat_statements, BEGIN and COMMIT not counted).

Exits non-zero when a page answered with a status it should not have (its figures
would measure an error page). Missed targets are printed, not fatal: the figures
depend on the machine.
"""

import json
import statistics
import sys

# label: (expected status, minimum share of the baseline's req/s, p95 target in ms)
PAGES = {
    "baseline": (200, None, None),
    "home": (200, 0.50, 20.0),
    "home (fr)": (200, 0.50, 20.0),
    "programme": (200, 0.50, 20.0),
    "form GET": (200, 0.30, 20.0),
    "form GET (ar)": (200, 0.30, 20.0),
    "private link": (200, 0.20, 20.0),
    "form POST": (302, 0.06, 40.0),
    # The door (issue 12): a badge scan as the door page sends it; no target yet.
    "door scan": (200, None, None),
    # The Sponsorship committee's page with 200 applications (issue 24); no target yet.
    "committee (200)": (200, None, None),
}
# CPU per request of one registration POST: the web process, the worker per e-mail.
POST_CPU_TARGETS_MS = {"web": 3.0, "worker": 3.0}
GROUPS = ["web", "worker", "postgres", "redis", "nginx"]


def read(path):
    runs = {}
    with open(path) as results:
        for line in results:
            if line.startswith("BENCH_RESULT "):
                result = json.loads(line.removeprefix("BENCH_RESULT "))
                runs.setdefault(result["label"], []).append(result)
    return runs


def per_request(result):
    """One run's CPU ms and statements per request, by group."""
    n = max(result["requests"], 1)
    cpu = {name: ms / n for name, ms in result.get("cpu_ms", {}).items()}
    if cpu:
        ours = sum(cpu.get(g, 0.0) for g in GROUPS)
        cpu["site"] = ours
        cpu["other"] = max(cpu.get("machine", 0.0) - ours - cpu.get("wrk", 0.0), 0.0)
    queries = {name: count / n for name, count in result.get("queries", {}).items()}
    return cpu, queries


def medians(results):
    figures = {
        key: statistics.median(r[key] for r in results)
        for key in ("rps", "p50_ms", "p95_ms", "p99_ms")
    }
    cpus, queries = zip(*(per_request(r) for r in results), strict=True)
    figures["cpu"] = {k: statistics.median(c.get(k, 0.0) for c in cpus) for k in cpus[0]}
    figures["queries"] = {k: statistics.median(q.get(k, 0.0) for q in queries) for k in queries[0]}
    return figures


def main(path):
    runs = read(path)
    if "baseline" not in runs:
        sys.exit("No baseline result: nothing to compare with.")
    median = {label: medians(results) for label, results in runs.items()}
    base = median["baseline"]["rps"]

    header = (
        f"{'page':<14}{'req/s':>8}{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}"
        f"{'ratio':>8}  {'targets':<30}{'runs':>5}  statuses"
    )
    print(header)
    print("-" * len(header))
    missed, wrong_status = [], False
    for label, (expected, share, p95_target) in PAGES.items():
        if label not in median:
            continue
        m = median[label]
        ratio = m["rps"] / base
        statuses = {}
        for r in runs[label]:
            for code, n in r["statuses"].items():
                statuses[code] = statuses.get(code, 0) + n
        wrong = {c: n for c, n in statuses.items() if int(c) != expected}
        errors = sum(r["socket_errors"] for r in runs[label])
        verdicts = []
        if share is not None:
            ok = ratio >= share
            verdicts.append(f">={share:.0%} {'ok' if ok else 'MISSED'}")
            if not ok:
                missed.append(f"{label}: {ratio:.1%} of the baseline, target {share:.0%}")
        if p95_target is not None:
            ok = m["p95_ms"] <= p95_target
            verdicts.append(f"p95<={p95_target:.0f} {'ok' if ok else 'MISSED'}")
            if not ok:
                missed.append(f"{label}: p95 {m['p95_ms']:.1f} ms, target {p95_target:.0f}")
        note = f"{expected}: all" if not wrong else f"UNEXPECTED {wrong}"
        wrong_status |= bool(wrong)
        if errors:
            note += f", {errors} socket errors"
        print(
            f"{label:<14}{m['rps']:>8.0f}{m['p50_ms']:>8.1f}{m['p95_ms']:>8.1f}"
            f"{m['p99_ms']:>8.1f}{ratio:>8.1%}  {', '.join(verdicts):<30}"
            f"{len(runs[label]):>5}  {note}"
        )

    print()
    print("CPU ms per request, by process (medians over the runs), and SQL statements per request")
    header = (
        f"{'page':<14}"
        + "".join(f"{g:>9}" for g in GROUPS)
        + f"{'site':>9}{'wrk':>8}{'other':>8}{'SQL web':>9}{'SQL wrkr':>9}"
    )
    print(header)
    print("-" * len(header))
    for label in PAGES:
        if label not in median:
            continue
        cpu, queries = median[label]["cpu"], median[label]["queries"]
        print(
            f"{label:<14}"
            + "".join(f"{cpu.get(g, 0.0):>9.2f}" for g in GROUPS)
            + f"{cpu.get('site', 0.0):>9.2f}{cpu.get('wrk', 0.0):>8.2f}"
            + f"{cpu.get('other', 0.0):>8.2f}"
            + f"{queries.get('web', 0.0):>9.2f}{queries.get('worker', 0.0):>9.2f}"
        )
    if "form POST" in median:
        cpu = median["form POST"]["cpu"]
        for group, target in POST_CPU_TARGETS_MS.items():
            if cpu.get(group, 0.0) > target:
                missed.append(
                    f"form POST: {group} CPU {cpu[group]:.2f} ms per registration, "
                    f"target {target:.0f}"
                )

    print()
    print(
        "ratio = the page's requests per second over the baseline's (a Django view returning "
        "'ok', through the same nginx); site = web + worker + postgres + redis + nginx; "
        "other = busy CPU of the machine that none of these nor wrk spent. For the POST, "
        "worker = CPU per e-mail sent (one per registration)."
    )
    if missed:
        print("Targets missed:\n  " + "\n  ".join(missed))
    if wrong_status:
        sys.exit("Some pages answered with an unexpected status: their figures measure an error.")


if __name__ == "__main__":
    main(sys.argv[1])

"""Print the benchmark's tables from the BENCH_RESULT lines of scripts/bench/measure.py.

Usage: report.py RESULTS_FILE. Each page was measured several times; the tables show
the median of each figure over the runs:

1. throughput and latency, and the ratio to the baseline's requests per second (a
   Django view that returns "ok", through the same nginx and middleware);
2. where the time goes: CPU milliseconds per request spent by each group of
   processes (read from /proc around the run; the Celery worker's until it had sent
   every e-mail the run queued), the load generator, and "other", the machine's busy
   time that none of these spent (other programs: the noise); then the SQL
   statements per request run by the web processes and by the worker
   (pg_stat_statements, BEGIN and COMMIT not counted).

3. each target (issue 26's for the registration POST, the private link and the door
   scan): met, or missed with the measured reason and the next step;
4. with --keep FILE, the previous run's figures beside this run's (a change that
   doubles a request's cost shows the day it lands), then this run's kept in FILE
   (bench.sh keeps one file per number and length of runs in var/bench/).

Exits non-zero when a page answered with a status it should not have (its figures
would measure an error page). Missed targets are printed, not fatal: the figures
depend on the machine.
"""

import argparse
import json
import os
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Page:
    """What a page must answer and the targets it is held to (None: no target)."""

    status: int
    share: float | None = None  # minimum share of the baseline's requests per second
    p95_ms: float | None = None  # at BENCH_CONNECTIONS connections
    web_cpu_ms: float | None = None  # the web processes' CPU per request
    sql: float | None = None  # statements per request in the web process
    site_cpu_ms: float | None = None  # every process of the site, per request


# The targets of issue 26 for the hot requests, issue 15's for the public pages.
PAGES = {
    "baseline": Page(200),
    "home": Page(200, share=0.50, p95_ms=20.0),
    "home (fr)": Page(200, share=0.50, p95_ms=20.0),
    "programme": Page(200, share=0.50, p95_ms=20.0),
    "form GET": Page(200, share=0.30, p95_ms=20.0),
    "form GET (ar)": Page(200, share=0.30, p95_ms=20.0),
    "private link": Page(200, share=0.25, p95_ms=20.0, web_cpu_ms=2.0),
    # The door (issues 12 and 26): a badge scan as the door page sends it.
    "door scan": Page(200, p95_ms=20.0, web_cpu_ms=2.0, sql=4),
    # A registration: web, the worker that writes and sends its e-mail, PostgreSQL...
    "form POST": Page(302, share=0.08, p95_ms=40.0, web_cpu_ms=4.0, sql=6, site_cpu_ms=10.0),
    # The live page as phones poll it (issue 25): 304 from the cache; the state itself,
    # fetched once per phone when the room changes, has no target.
    "live poll": Page(304, share=0.80, p95_ms=20.0),
    "live state": Page(200),
    # The Sponsorship committee's page with 200 applications (issue 24); no target yet.
    "committee (200)": Page(200),
}
# What to try next when a target is missed: (page, figure) -> the next step.
NEXT_STEPS = {
    ("private link", "web CPU"): "the page's template (about 2.3 ms in the test client: "
    "the page, its includes, the context processors run again for each panel) and the link's "
    "one query (1.3 ms, most of it the ORM compiling its joins): keep the page's unchanging "
    "parts per language, or compile the query once per process",
    ("private link", "share"): "lower its web CPU (above); the ratio follows it",
    ("door scan", "web CPU"): "the user and the second-factor device read before the view "
    "(two ORM queries, about a quarter of the scan's CPU): one statement for both needs a "
    "middleware of the site's own in place of django-otp's; then the view's two statements",
    ("door scan", "SQL"): "a scan that writes nothing runs 4 (the session is read from "
    "Redis); a first entry writes one row more: reading the user and the second-factor "
    "device in one statement would bring every scan to 4",
    ("form POST", "web CPU"): "profile it (scripts/bench/profile_pages.py --post): the "
    "middleware stack and the form are what is left beside the statements",
    ("form POST", "SQL"): "the statements left are the delegation, the delegate, its "
    "audit-log entry, the e-mail's row and the floor hook's lock and read (a short run "
    "also pays each process's first read of the meeting and the States, intersessional/"
    "memo.py); fewer needs the hook's read kept with the State's lock",
    ("form POST", "site CPU"): "the worker writes and sends each e-mail (its templates) "
    "and PostgreSQL runs the foreign-key checks of three INSERTs: lower the web's share "
    "(above), then the e-mail templates' cost in the worker",
    ("form POST", "share"): "the site's CPU per registration bounds it: lower web and "
    "PostgreSQL CPU (above)",
}
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


def verdicts(label: str, page: Page, m: dict, base: dict) -> list[tuple[str, bool, str]]:
    """(target, met, why) for each target of the page; `why` is the measured reason
    and the next step when it is missed."""
    out = []
    cpu, sql = m["cpu"], m["queries"]
    ratio = m["rps"] / base["rps"]
    site_floor = base["cpu"].get("site", 0.0)

    def next_step(figure):
        step = NEXT_STEPS.get((label, figure))
        return f"; next: {step}" if step else ""

    if page.share is not None:
        ok = ratio >= page.share
        bound = site_floor / cpu["site"] if cpu.get("site") else 0.0
        out.append(
            (
                f">={page.share:.0%} of baseline",
                ok,
                f"{ratio:.1%}: the site spends {cpu.get('site', 0):.2f} ms of CPU per request "
                f"against the baseline's {site_floor:.2f} (at most {bound:.0%} on a CPU-bound "
                f"machine){next_step('share')}",
            )
        )
    if page.p95_ms is not None:
        ok = m["p95_ms"] <= page.p95_ms
        # With every connection kept busy on CPU-bound cores, a request waits behind the
        # others' CPU (Little's law): the mean latency is connections x the machine's
        # CPU per request / cores, and the p95 sits above it.
        connections = int(os.environ.get("BENCH_CONNECTIONS", "8"))
        cores = os.cpu_count() or 1
        machine = cpu.get("machine", 0.0)
        needed = page.p95_ms * cores / connections
        out.append(
            (
                f"p95<={page.p95_ms:.0f} ms",
                ok,
                f"p95 {m['p95_ms']:.1f} ms: {connections} connections on {cores} cores wait "
                f"behind each other's CPU, {connections} x {machine:.2f} ms (the machine's CPU "
                f"per request, other programs' {cpu.get('other', 0):.2f} included) / {cores} = "
                f"{connections * machine / cores:.1f} ms on average; next: the CPU per request "
                f"below about {needed:.1f} ms in all (above)",
            )
        )
    if page.web_cpu_ms is not None:
        ok = cpu.get("web", 0.0) <= page.web_cpu_ms
        out.append(
            (
                f"web CPU<={page.web_cpu_ms:g} ms",
                ok,
                f"{cpu.get('web', 0):.2f} ms, of which the baseline's middleware and proxy "
                f"account for {base['cpu'].get('web', 0):.2f}{next_step('web CPU')}",
            )
        )
    if page.sql is not None:
        ok = sql.get("web", 0.0) <= page.sql + 0.05
        out.append(
            (
                f"SQL<={page.sql:g}",
                ok,
                f"{sql.get('web', 0):.1f} statements per request (and "
                f"{sql.get('web fk', 0):.1f} foreign-key checks, {sql.get('web health', 0):.1f} "
                f"health check){next_step('SQL')}",
            )
        )
    if page.site_cpu_ms is not None:
        ok = cpu.get("site", 0.0) <= page.site_cpu_ms
        parts = ", ".join(f"{g} {cpu.get(g, 0):.2f}" for g in GROUPS)
        out.append(
            (
                f"all processes<={page.site_cpu_ms:g} ms",
                ok,
                f"{cpu.get('site', 0):.2f} ms ({parts}){next_step('site CPU')}",
            )
        )
    return out


# The figures kept from one run to the next (var/bench/), per label.
KEPT = {
    "ratio": lambda m, base: m["rps"] / base["rps"],
    "p95 ms": lambda m, base: m["p95_ms"],
    "web ms": lambda m, base: m["cpu"].get("web", 0.0),
    "site ms": lambda m, base: m["cpu"].get("site", 0.0),
    "SQL web": lambda m, base: m["queries"].get("web", 0.0),
}


def compare(figures: dict, previous_path: Path | None) -> None:
    """Print this run's figures beside the previous run's (same runs and duration)."""
    if previous_path is None or not previous_path.exists():
        print("No previous run to compare with (kept in var/bench/ from now on).")
        return
    previous = json.loads(previous_path.read_text())
    print(
        f"Beside the previous run ({previous.get('when', '?')}, commit "
        f"{previous.get('commit', '?')}): previous -> now; '!' marks a figure 1.5x worse"
    )
    header = f"{'page':<14}" + "".join(f"{name:>22}" for name in KEPT)
    print(header)
    print("-" * len(header))
    for label, now in figures.items():
        before = previous.get("pages", {}).get(label)
        if before is None:
            continue
        cells = []
        for name in KEPT:
            old, new = before.get(name), now[name]
            if old is None:
                cells.append(f"{'-':>22}")
                continue
            # Higher is better for the ratio only.
            worse = old > 0 and (new / old < 1 / 1.5 if name == "ratio" else new / old > 1.5)
            fmt = (lambda v: f"{v:.1%}") if name == "ratio" else (lambda v: f"{v:.2f}")
            cells.append(f"{fmt(old) + ' -> ' + fmt(new) + ('!' if worse else ' '):>22}")
        print(f"{label:<14}" + "".join(cells))


def save(figures: dict, keep_path: Path, commit: str) -> None:
    """Keep this run's figures for the next run, with the pages measured before and
    not this time (BENCH_PAGES measures only some)."""
    kept = json.loads(keep_path.read_text()) if keep_path.exists() else {}
    kept = {
        "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "commit": commit or "?",
        "pages": {**kept.get("pages", {}), **figures},
    }
    keep_path.parent.mkdir(parents=True, exist_ok=True)
    keep_path.write_text(json.dumps(kept, indent=1))


def live_capacity(median, phones=1000, every_s=2.0):
    """Whether 1,000 phones polling the live page every 2 s fit on this machine: the
    polls a second they send, against the polls a second that the machine's cores
    could answer at the site's CPU per poll (web + redis + nginx...), and by how much."""
    if "live poll" not in median:
        return
    site_ms = median["live poll"]["cpu"].get("site", 0.0)
    if not site_ms:
        return
    cores = os.cpu_count() or 1
    needed = phones / every_s
    capacity = cores * 1000.0 / site_ms
    print()
    print(
        f"Live page: {phones:,} phones polling every {every_s:g} s send {needed:.0f} polls/s; "
        f"at {site_ms:.2f} ms of site CPU a poll, {cores} cores answer up to {capacity:.0f}/s "
        f"({capacity / needed:.1f} times the need; measured {median['live poll']['rps']:.0f}/s "
        f"with the load generator on the same cores)."
    )


def main(path, previous_path: Path | None = None, commit: str = ""):
    runs = read(path)
    if "baseline" not in runs:
        sys.exit("No baseline result: nothing to compare with.")
    median = {label: medians(results) for label, results in runs.items()}
    base = median["baseline"]

    header = (
        f"{'page':<14}{'req/s':>8}{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}"
        f"{'ratio':>8}{'runs':>6}  statuses"
    )
    print(header)
    print("-" * len(header))
    wrong_status = False
    for label, page in PAGES.items():
        if label not in median:
            continue
        m = median[label]
        statuses = {}
        for r in runs[label]:
            for code, n in r["statuses"].items():
                statuses[code] = statuses.get(code, 0) + n
        wrong = {c: n for c, n in statuses.items() if int(c) != page.status}
        errors = sum(r["socket_errors"] for r in runs[label])
        note = f"{page.status}: all" if not wrong else f"UNEXPECTED {wrong}"
        wrong_status |= bool(wrong)
        if errors:
            note += f", {errors} socket errors"
        print(
            f"{label:<14}{m['rps']:>8.0f}{m['p50_ms']:>8.1f}{m['p95_ms']:>8.1f}"
            f"{m['p99_ms']:>8.1f}{m['rps'] / base['rps']:>8.1%}{len(runs[label]):>6}  {note}"
        )

    print()
    print("CPU ms per request, by process (medians over the runs), and SQL statements per request")
    header = (
        f"{'page':<14}"
        + "".join(f"{g:>9}" for g in GROUPS)
        + f"{'site':>9}{'wrk':>8}{'other':>8}{'SQL web':>9}{'+FK/hc':>8}{'SQL wrkr':>9}"
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
            + f"{queries.get('web', 0.0):>9.2f}"
            + f"{queries.get('web fk', 0.0):>4.1f}/{queries.get('web health', 0.0):<3.1f}"
            + f"{queries.get('worker', 0.0):>9.2f}"
        )

    live_capacity(median)
    print()
    print(
        "ratio = the page's requests per second over the baseline's (a Django view returning "
        "'ok', through the same nginx); site = web + worker + postgres + redis + nginx; "
        "other = busy CPU of the machine that none of these nor wrk spent (on a shared "
        "machine, the noise: trust CPU per request and ratios over requests per second). "
        "For the POST, worker = CPU per e-mail written and sent (one per registration). "
        "SQL web = the statements the web processes send (the SQL targets count these); "
        "+FK/hc = what PostgreSQL runs for them besides: foreign-key checks of their "
        "INSERTs, and Django's connection health check (one per request)."
    )

    print()
    print("Targets (issue 26 for the hot requests):")
    missed = 0
    for label, page in PAGES.items():
        if label not in median or label == "baseline":
            continue
        for target, ok, why in verdicts(label, page, median[label], base):
            missed += not ok
            print(f"  {label:<14}{target:<26}" + ("met" if ok else f"MISSED: {why}"))
    print(f"  {missed} target(s) missed" if missed else "  every target met")

    print()
    figures = {
        label: {name: round(get(m, base), 4) for name, get in KEPT.items()}
        for label, m in median.items()
    }
    compare(figures, previous_path)
    if previous_path is not None:
        save(figures, previous_path, commit)
    if wrong_status:
        sys.exit("Some pages answered with an unexpected status: their figures measure an error.")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("results", help="the BENCH_RESULT lines of scripts/bench/measure.py")
    parser.add_argument(
        "--keep",
        type=Path,
        help="JSON of the previous run's figures: printed beside this run's, then replaced",
    )
    parser.add_argument("--commit", default="", help="the commit measured, kept with the figures")
    args = parser.parse_args()
    main(args.results, args.keep, args.commit)

"""Print the benchmark table from wrk.lua's BENCH_RESULT lines.

Usage: report.py RESULTS_FILE. Each page was measured several times; the table shows
the median of each figure, the ratio to the baseline's requests per second, and the
issue's targets. A page that answered with an unexpected status is flagged: its
figures measure an error, not the page.
"""

import json
import statistics
import sys

# label: (expected status, minimum share of the baseline's requests per second)
PAGES = {
    "baseline": (200, None),
    "home": (200, 0.50),
    "programme": (200, 0.30),
    "form GET": (200, 0.30),
    "form POST": (302, 0.15),
    "private link": (200, None),
    "door scan": (200, None),
}
P95_TARGET_MS = 50.0


def read(path):
    runs = {}
    with open(path) as results:
        for line in results:
            if line.startswith("BENCH_RESULT "):
                result = json.loads(line.removeprefix("BENCH_RESULT "))
                runs.setdefault(result["label"], []).append(result)
    return runs


def main(path):
    runs = read(path)
    if "baseline" not in runs:
        sys.exit("No baseline result: nothing to compare with.")
    median = {
        label: {
            key: statistics.median(r[key] for r in results)
            for key in ("rps", "p50_ms", "p95_ms", "p99_ms")
        }
        for label, results in runs.items()
    }
    base = median["baseline"]["rps"]
    header = (
        f"{'page':<14}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}"
        f"{'ratio':>8}  {'target':<26}{'runs':>5}  statuses"
    )
    print(header)
    print("-" * len(header))
    failed = False
    for label, (expected, share) in PAGES.items():
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
            verdicts.append(f">={share:.0%} {'ok' if ratio >= share else 'MISSED'}")
        if label != "baseline":
            verdicts.append(f"p95 {'ok' if m['p95_ms'] <= P95_TARGET_MS else 'MISSED'}")
        target = ", ".join(verdicts)
        failed |= "MISSED" in target
        note = f"{expected}: all" if not wrong else f"UNEXPECTED {wrong}"
        if errors:
            note += f", {errors} socket errors"
        print(
            f"{label:<14}{m['rps']:>9.0f}{m['p50_ms']:>9.1f}{m['p95_ms']:>9.1f}"
            f"{m['p99_ms']:>9.1f}{ratio:>8.1%}  {target:<26}{len(runs[label]):>5}  {note}"
        )
    print()
    print(
        "Medians over the runs; ratio = the page's requests per second over the baseline's "
        f"(a Django view returning 'ok'); p95 target {P95_TARGET_MS:.0f} ms."
    )
    if failed:
        print("Some targets are missed (see MISSED above).")


if __name__ == "__main__":
    main(sys.argv[1])

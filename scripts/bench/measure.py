"""Run one wrk measurement and say which process spent the CPU, and how many queries.

Used by scripts/bench.sh. Around the wrk run it reads, from /proc, the CPU time of
each group of processes (a group is a root process and all its descendants, plus
the children they have already reaped, so a PostgreSQL backend or a gunicorn worker
that exits mid-run still counts), the machine's busy time (what the other groups
and wrk leave over is another program's: the noise), and the statements that
pg_stat_statements counted per database role (the web processes and the Celery
worker connect as different roles). With --drain it waits, after wrk, until the
Celery worker has nothing left to do, so the e-mails a POST queued are paid for in
the same run.

  measure.py --results FILE --groups web=PID,worker=PID,... --stats-url URL \\
      --roles web=postgres,worker=bench_worker [--drain REDIS_URL] -- wrk ARGS...

Appends wrk.lua's BENCH_RESULT line, completed with "cpu_ms" (per group, plus "wrk"
and "machine") and "queries" (per role), to FILE, and prints a one-line summary.
A run whose wrk output has no BENCH_RESULT line fails loudly.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import time

TICK_MS = 1000 / os.sysconf("SC_CLK_TCK")


def proc_table() -> dict[int, tuple[int, int]]:
    """pid -> (parent pid, CPU ticks of the process and its reaped children)."""
    table = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat") as f:
                stat = f.read()
        except OSError:  # gone since listdir
            continue
        # The command name may hold spaces and parentheses: split after the last ')'.
        fields = stat.rsplit(")", 1)[1].split()
        ppid = int(fields[1])
        utime, stime, cutime, cstime = (int(x) for x in fields[11:15])
        table[int(name)] = (ppid, utime + stime + cutime + cstime)
    return table


def group_ms(roots: dict[str, int]) -> dict[str, float]:
    table = proc_table()
    children: dict[int, list[int]] = {}
    for pid, (ppid, _) in table.items():
        children.setdefault(ppid, []).append(pid)
    totals = {}
    for group, root in roots.items():
        if root not in table:
            raise SystemExit(f"measure.py: the {group} process ({root}) is gone")
        ticks, todo = 0, [root]
        while todo:
            pid = todo.pop()
            ticks += table[pid][1]
            todo.extend(children.get(pid, ()))
        totals[group] = ticks * TICK_MS
    return totals


def machine_ms() -> float:
    """Busy CPU time of the whole machine, every core, since boot."""
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = fields[:8]
    return (user + nice + system + irq + softirq + steal) * TICK_MS


# What PostgreSQL runs by itself for a statement the site sends, told apart by its text:
# the foreign-key checks of an INSERT or UPDATE, and Django's connection health check
# (CONN_HEALTH_CHECKS: a "SELECT 1" before each request that reuses the connection).
KINDS_SQL = """
    CASE WHEN s.query LIKE 'SELECT $2 FROM ONLY %' OR s.query LIKE 'SELECT 1 FROM ONLY %'
         THEN 'fk'
         WHEN s.query IN ('SELECT $1', 'SELECT 1') THEN 'health'
         ELSE 'own' END
"""


def statements(stats_url: str | None, roles: dict[str, str]) -> dict[str, int]:
    """Statements counted so far per "name" (the site's own), "name fk" and "name
    health", for each name=role of `roles`."""
    if not stats_url:
        return {}
    import psycopg

    with psycopg.connect(stats_url, autocommit=True) as conn:
        rows = conn.execute(
            f"SELECT r.rolname, {KINDS_SQL} AS kind, sum(s.calls)::bigint "  # noqa: S608
            "FROM pg_stat_statements s JOIN pg_roles r ON r.oid = s.userid GROUP BY 1, 2"
        ).fetchall()
    counts = {(role, kind): int(n) for role, kind, n in rows}
    out = {}
    for name, role in roles.items():
        out[name] = counts.get((role, "own"), 0)
        out[f"{name} fk"] = counts.get((role, "fk"), 0)
        out[f"{name} health"] = counts.get((role, "health"), 0)
    return out


def drain(redis_url: str, worker_root: int, limit_s: float = 300) -> float:
    """Wait until the Celery queue is empty and the worker has spent no CPU for a
    second. Returns the seconds waited; fails past limit_s."""
    import redis

    client = redis.Redis.from_url(redis_url)
    started = time.monotonic()
    last = group_ms({"worker": worker_root})["worker"]
    while time.monotonic() - started < limit_s:
        time.sleep(1.0)
        now = group_ms({"worker": worker_root})["worker"]
        if now == last and client.llen("celery") == 0:
            return time.monotonic() - started
        last = now
    raise SystemExit(f"measure.py: the Celery worker was still busy after {limit_s:.0f} s")


def pairs(text: str) -> dict[str, str]:
    return dict(item.split("=", 1) for item in text.split(",") if item)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--results", help="append the completed result line here")
    parser.add_argument("--groups", type=pairs, required=True, help="name=pid,...")
    parser.add_argument("--stats-url", help="PostgreSQL URL to read pg_stat_statements")
    parser.add_argument("--roles", type=pairs, default={}, help="name=database role,...")
    parser.add_argument("--drain", metavar="REDIS_URL", help="wait for the Celery worker")
    parser.add_argument("wrk", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.wrk[1:] if args.wrk[:1] == ["--"] else args.wrk
    roots = {name: int(pid) for name, pid in args.groups.items()}

    queries_before = statements(args.stats_url, args.roles)
    cpu_before, machine_before = group_ms(roots), machine_ms()
    wrk_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    run = subprocess.run(command, capture_output=True, text=True)  # noqa: S603 (the bench's own wrk)
    wrk_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if run.returncode != 0:
        sys.stderr.write(run.stdout + run.stderr)
        raise SystemExit(f"measure.py: wrk failed (exit {run.returncode})")
    drained_s = drain(args.drain, roots["worker"]) if args.drain else 0.0
    cpu_after, machine_after = group_ms(roots), machine_ms()
    queries_after = statements(args.stats_url, args.roles)

    lines = [line for line in run.stdout.splitlines() if line.startswith("BENCH_RESULT ")]
    if len(lines) != 1:
        sys.stderr.write(run.stdout + run.stderr)
        raise SystemExit("measure.py: wrk printed no BENCH_RESULT line")
    result = json.loads(lines[0].removeprefix("BENCH_RESULT "))
    cpu = {name: cpu_after[name] - cpu_before[name] for name in roots}
    cpu["wrk"] = (
        wrk_after.ru_utime + wrk_after.ru_stime - wrk_before.ru_utime - wrk_before.ru_stime
    ) * 1000
    cpu["machine"] = machine_after - machine_before
    result["cpu_ms"] = {name: round(ms, 1) for name, ms in cpu.items()}
    # Our own pg_stat_statements query runs as a third role: it counts for no one.
    result["queries"] = {
        name: queries_after[name] - queries_before.get(name, 0) for name in queries_after
    }
    result["drained_s"] = round(drained_s, 1)
    line = "BENCH_RESULT " + json.dumps(result)
    if args.results:
        with open(args.results, "a") as out:
            out.write(line + "\n")
    n = max(result["requests"], 1)
    per_request = " ".join(f"{name} {ms / n:.2f}" for name, ms in cpu.items() if name != "machine")
    print(
        f"      {result['rps']:8.0f} req/s  p95 {result['p95_ms']:6.1f} ms  "
        f"CPU ms/request: {per_request}"
        + (f"  (worker drained in {drained_s:.0f} s)" if args.drain else "")
    )


if __name__ == "__main__":
    main()

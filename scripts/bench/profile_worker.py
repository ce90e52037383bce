"""Where the Celery worker's time goes per e-mail: its statements and a CPU profile.

Run by hand with the bench's environment (a database with the reference data and the
fixtures of scripts/bench/fixtures.py, EMAIL_BACKEND the dummy one, REDIS_URL set):
  .venv/bin/python scripts/bench/profile_worker.py STATE_PK [-n N]
  .venv/bin/python scripts/bench/profile_worker.py STATE_PK --celery [-n N]

First registers N delegates of that State through the test client's POST, as make
bench's POST does, with the hand-over to Celery held back, so that each leaves its
"registration received" row in the outbox, unwritten and pending.

By default it then sends them in this process, each with the task's own function
(`send_notification(pk)`, what a Celery pool process runs): it prints the statements
of one e-mail (BEGIN, COMMIT and savepoints left out, as the bench counts them), the
CPU time per e-mail (without the profiler) and its PostgreSQL backend's (read from
/proc: PostgreSQL on this machine), the top functions of a profile (the
profiler's clock is the process's CPU time: waiting on PostgreSQL does not count) and
what the task, outbox/writing.py and registration/emails.py call. Half the rows are
sent without the profiler, half with it.

With --celery it starts a Celery worker as make bench does (prefork, concurrency 1,
no gossip or mingle), hands the rows over through Redis and waits until all are
sent: the worker's CPU per e-mail (its main process and its pool child, read from
/proc, the worker's idle CPU over as long subtracted) is the figure make bench
reports, Celery's own consumer and pool included.
"""

import argparse
import cProfile
import itertools
import os
import pstats
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts" / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intersessional.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from measure import TICK_MS, group_ms, proc_table  # noqa: E402
from profile_pages import NOT_COUNTED, registration_data  # noqa: E402

from outbox import services as outbox_services  # noqa: E402
from outbox.models import Notification  # noqa: E402
from outbox.tasks import enqueue_notification, send_notification  # noqa: E402


def register(state_pk: int, n: int) -> list[int]:
    """N registrations through the POST; the pks of their outbox rows, not handed over."""
    held: list[int] = []
    handed_over = outbox_services.enqueue_notification
    outbox_services.enqueue_notification = held.append
    client, counter, run = Client(), itertools.count(), time.time_ns()
    try:
        for _ in range(n):
            response = client.post(
                "/en/register/delegate/",
                registration_data(state_pk, f"worker-{run}-{next(counter)}@example.org"),
            )
            assert response.status_code == 302, response.content[:2000]
    finally:
        outbox_services.enqueue_notification = handed_over
    assert len(held) == n, held
    return held


def sent(pks: list[int]) -> int:
    return Notification.objects.filter(pk__in=pks, status=Notification.Status.SENT).count()


def in_process(pks: list[int], sort: str) -> None:
    first, timed, profiled = pks[0], pks[1 : len(pks) // 2], pks[len(pks) // 2 :]
    send_notification(first)  # the templates compiled, the connection open
    warm = timed[0]
    with CaptureQueriesContext(connection) as captured:
        send_notification(warm)
    ran = [q["sql"] for q in captured if not q["sql"].lstrip().startswith(NOT_COUNTED)]
    for sql in ran:
        print("  SQL:", " ".join(sql.split())[:160])
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        [backend] = cursor.fetchone()
    started, backend_started = time.process_time(), proc_table()[backend][1]
    for pk in timed[1:]:
        send_notification(pk)
    per_email = (time.process_time() - started) / (len(timed) - 1) * 1000
    backend_ms = (proc_table()[backend][1] - backend_started) * TICK_MS / (len(timed) - 1)
    profile = cProfile.Profile(time.process_time)
    profile.enable()
    for pk in profiled:
        send_notification(pk)
    profile.disable()
    assert sent(pks) == len(pks), "not every e-mail was sent"
    print(
        f"{len(ran)} statements; {per_email:.2f} ms of CPU per e-mail (no profiler), "
        f"{backend_ms:.2f} ms in its PostgreSQL backend"
    )
    stats = pstats.Stats(profile).sort_stats(sort)
    stats.print_stats(45)
    stats.print_callees("send_notification|writing.py|emails.py")


def through_celery(pks: list[int], pool: str) -> None:
    worker = subprocess.Popen(  # noqa: S603 (the bench's own worker)
        [
            str(Path(sys.executable).parent / "celery"),
            "-A",
            "intersessional",
            "worker",
            "--pool",
            pool,
            "--concurrency",
            "1",
            "--without-gossip",
            "--without-mingle",
            "--loglevel",
            "WARNING",
        ],
        cwd=ROOT,
    )
    try:
        # Warm: one e-mail, then the worker's idle CPU over a few seconds.
        enqueue_notification(pks[0])
        deadline = time.monotonic() + 60
        while sent(pks[:1]) < 1:
            assert time.monotonic() < deadline, "the worker sent nothing in 60 s"
            time.sleep(0.2)
        time.sleep(1)
        idle_start, idle_cpu = time.monotonic(), group_ms({"worker": worker.pid})["worker"]
        time.sleep(3)
        idle_rate = (group_ms({"worker": worker.pid})["worker"] - idle_cpu) / (
            time.monotonic() - idle_start
        )
        rest = pks[1:]
        started, cpu = time.monotonic(), group_ms({"worker": worker.pid})["worker"]
        main_cpu = proc_table()[worker.pid][1]
        for pk in rest:
            enqueue_notification(pk)
        while sent(rest) < len(rest):
            assert time.monotonic() < started + 300, "the worker was still busy after 300 s"
            time.sleep(0.05)
        spent = group_ms({"worker": worker.pid})["worker"] - cpu
        main = (proc_table()[worker.pid][1] - main_cpu) * TICK_MS / len(rest)
        wall = time.monotonic() - started
        per_email = (spent - idle_rate * wall) / len(rest)
        print(
            f"{len(rest)} e-mails in {wall:.1f} s; worker CPU {spent:.0f} ms "
            f"(idle {idle_rate:.1f} ms/s): {per_email:.2f} ms per e-mail "
            f"({main:.2f} in the main process, {per_email - main:.2f} in the pool's)"
        )
    finally:
        worker.terminate()
        worker.wait(30)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("state_pk", type=int, help="the State whose delegates register")
    parser.add_argument("-n", type=int, default=200, help="e-mails to send (200)")
    parser.add_argument("--celery", action="store_true", help="send through a Celery worker")
    parser.add_argument("--pool", default="prefork", help="the worker's pool (prefork)")
    parser.add_argument(
        "--sort", default="cumulative", help="the profile's order (cumulative; tottime)"
    )
    args = parser.parse_args()
    pks = register(args.state_pk, args.n + 2)
    if args.celery:
        through_celery(pks, args.pool)
    else:
        in_process(pks, args.sort)


if __name__ == "__main__":
    main()

"""Where a page's time goes: its SQL statements and a CPU profile, in the test client.

Run by hand with the bench's environment (a database with the reference data and the
fixtures of scripts/bench/fixtures.py):
  DEBUG=false SECRET_KEY=x ALLOWED_HOSTS=testserver SECURE_SSL_REDIRECT=false \\
  INTERSESSIONAL_NOW=2018-05-30T12:00:00+02:00 DATABASE_URL=... \\
  .venv/bin/python scripts/bench/profile_pages.py /en/registration/TOKEN/ [-n N]
  .venv/bin/python scripts/bench/profile_pages.py --post STATE_PK [-n N]

GET a path, or with --post register a new delegate of that State each time, as
make bench's POST does. Prints the statements of one request (as the bench counts
them: BEGIN, COMMIT and savepoints left out), the CPU time per request (without the
profiler) and the top functions by cumulative CPU time (the profiler's clock is the
process's CPU time, so waiting on PostgreSQL does not count).
"""

import argparse
import cProfile
import itertools
import os
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intersessional.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

NOT_COUNTED = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE SAVEPOINT")


def registration_data(state_pk: int, email: str) -> dict:
    """The registration form as make bench's POST fills it (scripts/bench/wrk.lua)."""
    return {
        "kind": "state",
        "state": state_pk,
        "title": "Dr",
        "given_name": "Profiled",
        "family_name": "Delegate",
        "function": "Counsellor",
        "role": "delegate",
        "email": email,
        "gender": "undisclosed",
        "age_band": "undisclosed",
    }


def request_maker(client: Client, path: str | None, state_pk: int | None):
    if state_pk is None:

        def get():
            response = client.get(path)
            assert response.status_code == 200, response.status_code

        return get
    counter, run = itertools.count(), time.time_ns()

    def post():
        response = client.post(
            "/en/register/delegate/",
            registration_data(state_pk, f"profile-{run}-{next(counter)}@example.org"),
        )
        assert response.status_code == 302, response.content[:2000]

    return post


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", help="the page to GET")
    parser.add_argument("-n", type=int, default=200, help="requests to time (200)")
    parser.add_argument("--post", type=int, metavar="STATE_PK", help="register instead")
    parser.add_argument(
        "--sort", default="cumulative", help="the profile's order (cumulative; tottime)"
    )
    args = parser.parse_args()
    if (args.path is None) == (args.post is None):
        parser.error("give a path, or --post STATE_PK")
    one = request_maker(Client(), args.path, args.post)
    for _ in range(20):  # the process has served the page in the minute
        one()
    with CaptureQueriesContext(connection) as captured:
        one()
    ran = [q["sql"] for q in captured if not q["sql"].lstrip().startswith(NOT_COUNTED)]
    for sql in ran:
        print("  SQL:", " ".join(sql.split())[:160])
    started = time.process_time()
    for _ in range(args.n):
        one()
    per_request = (time.process_time() - started) / args.n * 1000
    profile = cProfile.Profile(time.process_time)
    profile.enable()
    for _ in range(args.n):
        one()
    profile.disable()
    print(f"{len(ran)} statements; {per_request:.2f} ms of CPU per request (no profiler)")
    pstats.Stats(profile).sort_stats(args.sort).print_stats(40)


if __name__ == "__main__":
    main()

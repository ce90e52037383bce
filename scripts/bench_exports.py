"""Time and peak memory of each List of Participants export at 10,000 delegates.

Not a test: it prints figures and fails on nothing. `make bench` runs it; by hand:

    source scripts/services.sh; services_start
    DATABASE_URL=$DATABASE_URL .venv/bin/python scripts/bench_exports.py [--delegates 10000]
    services_stop

It never touches the database that DATABASE_URL names: like the test runner, it
creates a throwaway `test_<name>` database next to it, fills it and drops it. Each
export runs in a forked child, so that each peak is its own: "peak RSS" is the
child's whole process (Python, Django, WeasyPrint's C libraries, and the parent's
pages it inherited, about the "baseline" printed first). With --tracemalloc,
"Python peak" is what Python code allocated during the export alone; tracing makes
every export several times slower, so its times are not the real ones.
"""

import argparse
import io
import multiprocessing
import os
import resource
import secrets
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intersessional.settings")
os.environ.setdefault("DEBUG", "false")  # DEBUG would keep every query in memory
os.environ.setdefault("SECRET_KEY", "bench-" + secrets.token_urlsafe(30))


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def fill(meeting, count: int) -> None:
    """`count` active delegates spread over every State and organisation, as bulk inserts."""
    from reference.models import Organisation, State
    from registration.models import Category, Delegate, Delegation

    start = meeting.registration_deadline
    delegations = [
        Delegation(
            meeting=meeting,
            category=Category.STATE_PARTY
            if state.is_party_on(meeting.starts_on)
            else Category.STATE_NOT_PARTY,
            state=state,
            created_at=start,
        )
        for state in State.objects.all()
    ] + [
        Delegation(
            meeting=meeting,
            category=Category.NON_GOVERNMENTAL
            if organisation.kind == Organisation.Kind.NON_GOVERNMENTAL
            else Category.INTERNATIONAL,
            organisation=organisation,
            created_at=start,
        )
        for organisation in Organisation.objects.all()
    ]
    delegations = Delegation.objects.bulk_create(delegations)
    roles = [Delegate.Role.ALTERNATE, Delegate.Role.DELEGATE, Delegate.Role.ADVISER]
    genders, bands = Delegate.Gender.values, Delegate.AgeBand.values
    seen = set()
    batch = []
    for i in range(count):
        delegation = delegations[i % len(delegations)]
        head = delegation.pk not in seen
        seen.add(delegation.pk)
        batch.append(
            Delegate(
                meeting=meeting,
                delegation=delegation,
                title=["Ms", "Mr", "H.E. Ms", "Dr"][i % 4],
                given_name=f"Given{i}",
                family_name=["Nguyễn", "Okafor", "García", "Müller", "Ivanova"][i % 5] + str(i),
                function="Counsellor, Permanent Mission to the United Nations Office at Geneva",
                role=Delegate.Role.HEAD if head else roles[i % 3],
                email=f"delegate{i}@mission.example",
                gender=genders[i % len(genders)],
                age_band=bands[i % len(bands)],
                public_list_consent=i % 5 != 0,
                status=Delegate.Status.CONFIRMED if i % 2 else Delegate.Status.REGISTERED,
                created_at=start,
                updated_at=start,
            )
        )
    Delegate.objects.bulk_create(batch, batch_size=2000)


def run_one(meeting_pk: int, fmt: str, public: bool, trace: bool, results) -> None:
    """In a forked child: the query and the export, timed and measured."""
    from django.db import connections

    from documents import exports
    from documents.queries import list_of_participants
    from programme.models import Meeting

    connections.close_all()  # the parent's socket is not ours to use
    meeting = Meeting.objects.get(pk=meeting_pk)
    if trace:
        tracemalloc.start()
    started = time.perf_counter()
    participants = list_of_participants(meeting, public=public)
    queried = time.perf_counter()
    out = io.BytesIO()
    exports.export(participants, out, fmt=fmt, meeting=meeting, public=public)
    finished = time.perf_counter()
    _, python_peak = tracemalloc.get_traced_memory() if trace else (0, float("nan"))
    results.put(
        {
            "lines": len(participants),
            "query_s": queried - started,
            "total_s": finished - started,
            "rss_mb": rss_mb(),
            "python_mb": python_peak / 2**20,
            "size_kb": len(out.getvalue()) / 1024,
        }
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delegates", type=int, default=10_000)
    parser.add_argument("--formats", default="csv,xlsx,pdf")
    parser.add_argument(
        "--tracemalloc",
        action="store_true",
        help="Also measure Python's own peak; slows every export several times over.",
    )
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL server (see scripts/services.sh).")

    import django

    django.setup()
    from django.db import connections
    from django.test.utils import setup_databases, teardown_databases

    from programme.reference import load_meeting_2018
    from reference.load import load_organisations, load_states

    print("Creating a throwaway database...", flush=True)
    old_config = setup_databases(verbosity=0, interactive=False, aliases={"default"})
    try:
        meeting = load_meeting_2018()
        load_states()
        load_organisations()
        started = time.perf_counter()
        fill(meeting, args.delegates)
        print(f"{args.delegates} delegates inserted in {time.perf_counter() - started:.1f} s")
        connections.close_all()
        print(f"baseline RSS before forking: {rss_mb():.0f} MB\n")
        print(
            f"{'export':<16}{'lines':>7}{'query s':>9}{'total s':>9}"
            f"{'peak RSS MB':>13}{'Python peak MB':>16}{'size KB':>9}"
        )
        context = multiprocessing.get_context("fork")
        for fmt in args.formats.split(","):
            for public in (False, True):
                results = context.Queue()
                child = context.Process(
                    target=run_one, args=(meeting.pk, fmt, public, args.tracemalloc, results)
                )
                child.start()
                child.join()
                # A child that raised put nothing: stop here with its exit code, not hang.
                if child.exitcode != 0:
                    sys.exit(f"The {fmt} export failed (exit {child.exitcode}).")
                r = results.get(timeout=5)
                name = f"{fmt} {'public' if public else 'internal'}"
                print(
                    f"{name:<16}{r['lines']:>7}{r['query_s']:>9.2f}{r['total_s']:>9.2f}"
                    f"{r['rss_mb']:>13.0f}{r['python_mb']:>16.1f}{r['size_kb']:>9.0f}",
                    flush=True,
                )
    finally:
        connections.close_all()
        teardown_databases(old_config, verbosity=0)


if __name__ == "__main__":
    main()

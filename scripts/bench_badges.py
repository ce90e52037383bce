"""Benchmark: 1,000 badges of mixed scripts in one batch (one WeasyPrint document).

Prints the wall time and the peak memory of the process. Needs no database: the
delegates are built in memory. Run: .venv/bin/python scripts/bench_badges.py [N]
Target on the 2-core machine (issue 26): at most 10 s and 400 MB for 1,000 badges; on a
shared machine compare the CPU seconds, which other programs do not inflate as much.
"""

import os
import resource
import sys
import time
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intersessional.settings")
os.environ.setdefault("DEBUG", "true")

import django  # noqa: E402

django.setup()

from documents.badges import render_badges  # noqa: E402
from programme.models import Meeting  # noqa: E402
from registration.models import Category, Delegate, Delegation, Organisation, State  # noqa: E402

NAMES = [
    ("Amina", "Diallo", "France"),
    ("ليلى", "الحسيني", "Jordan"),
    ("李", "小龙", "China"),
    ("राजेश", "कुमार", "India"),
    ("Ольга", "Иванова", "Russian Federation"),
    ("さくら", "山田", "Japan"),
    ("지민", "박", "Republic of Korea"),
    ("Hubert Blaine", "Wolfeschlegelsteinhausenbergerdorff Sr.", "Germany"),
    ("דוד", "לוי", "Israel"),
    ("Nguyễn", "Thị Lan", "Viet Nam"),
]
CATEGORIES = [Category.STATE_PARTY, Category.STATE_NOT_PARTY, Category.INTERNATIONAL]


def delegates(count: int):
    meeting = Meeting(
        title="2018 Intersessional Meetings",
        starts_on=date(2018, 6, 7),
        ends_on=date(2018, 6, 8),
        registration_deadline=datetime(2018, 5, 31, 23, 59, 59, tzinfo=ZoneInfo("Europe/Zurich")),
    )
    for i in range(count):
        given, family, where = NAMES[i % len(NAMES)]
        category = CATEGORIES[i % len(CATEGORIES)]
        if category == Category.INTERNATIONAL:
            delegation = Delegation(category=category, organisation=Organisation(name=where))
        else:
            delegation = Delegation(category=category, state=State(un_name=where))
        yield Delegate(
            pk=i + 1,
            meeting=meeting,
            delegation=delegation,
            given_name=f"{given}",
            family_name=f"{family} {i}",
            function="Counsellor",
        )


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    people = list(delegates(count))
    started, cpu_started = time.perf_counter(), time.process_time()
    pdf = render_badges(people)
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"badges: {count} in one batch, {seconds:.1f} s ({cpu:.1f} s of CPU), "
        f"peak memory {peak_mb:.0f} MB, "
        f"PDF {len(pdf) / 1e6:.1f} MB (target: at most 10 s and 400 MB for 1,000)"
    )


if __name__ == "__main__":
    main()

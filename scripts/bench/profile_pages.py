"""Where a page's time goes: cProfile over the Django test client.

Run by hand with the bench's environment (a database with the reference data):
  DEBUG=false SECRET_KEY=x ALLOWED_HOSTS=testserver SECURE_SSL_REDIRECT=false \\
  INTERSESSIONAL_NOW=2018-05-30T12:00:00+02:00 DATABASE_URL=... \\
  .venv/bin/python scripts/bench/profile_pages.py /register/delegate/ [N]
Prints the mean wall time per request and the top functions by cumulative time.
"""

import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intersessional.settings")

import django  # noqa: E402

django.setup()

from django.test import Client  # noqa: E402


def main(path: str, n: int = 200):
    client = Client()
    for _ in range(20):
        assert client.get(path).status_code == 200
    started = time.perf_counter()
    for _ in range(n):
        client.get(path)
    per_request = (time.perf_counter() - started) / n * 1000
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(n):
        client.get(path)
    profile.disable()
    print(f"{path}: {per_request:.2f} ms per request (test client, no profiler)")
    pstats.Stats(profile).sort_stats("cumulative").print_stats(35)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 200)

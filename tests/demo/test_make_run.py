"""`make run` itself, as a new user runs it on a fresh clone (issue 16): the demo is
served, and its staff pages, lists and badges show the demo meeting without anyone
typing a registration; a second `make run` adds nothing.

It runs the real Makefile target (SQLite in a folder of its own, tasks in process,
runserver on a free port), signs in with the password it prints and reads the pages
over HTTP."""

import csv
import http.cookiejar
import io
import os
import re
import signal
import sqlite3
import subprocess
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.helpers import free_port

ROOT = Path(__file__).resolve().parents[2]
# The first run migrates a new database and builds the demo; on a loaded machine the
# whole of it has taken about a minute.
STARTUP_SECONDS = 300


class MakeRun:
    """`make run` in the background, its output collected line by line."""

    def __init__(self, var_dir: Path, port: int, *settings: str):
        env = {
            key: value
            for key, value in os.environ.items()
            # The demo's own defaults: SQLite in VAR_DIR, tasks in process, e-mails in
            # the terminal (the suite's PostgreSQL, Redis and SMTP are not for it).
            if key not in {"DATABASE_URL", "REDIS_URL", "EMAIL_HOST", "EMAIL_PORT", "DEBUG"}
        }
        env["VAR_DIR"] = str(var_dir)
        self.base = f"http://127.0.0.1:{port}"
        self.lines: list[str] = []
        self.process = subprocess.Popen(
            ["make", "run", f"RUN_ADDRESS=127.0.0.1:{port}", "OTP_REQUIRED=false", *settings],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        threading.Thread(target=self._collect, daemon=True).start()

    def _collect(self) -> None:
        for line in self.process.stdout:
            self.lines.append(line)

    @property
    def output(self) -> str:
        return "".join(self.lines)

    def wait_until_served(self) -> None:
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"make run stopped ({self.process.returncode}):\n{self.output}")
            try:
                # Always http://127.0.0.1 (self.base): no other scheme reaches here.
                opener = urllib.request.build_opener()
                with opener.open(f"{self.base}/en/", timeout=5) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(1)
        pytest.fail(f"make run did not serve within {STARTUP_SECONDS} s:\n{self.output}")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


class Browser:
    """Cookies and CSRF, enough to sign in to the admin and read staff pages."""

    def __init__(self, base: str):
        self.base = base
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def get(self, path: str) -> bytes:
        with self.opener.open(self.base + path, timeout=60) as response:
            assert response.status == 200, path
            return response.read()

    def sign_in(self, username: str, password: str) -> None:
        page = self.get("/admin/login/").decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        form = urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": token,
                "username": username,
                "password": password,
                "next": "/admin/",
            }
        ).encode()
        with self.opener.open(self.base + "/admin/login/", data=form, timeout=60) as response:
            landed = response.read().decode()
        assert "Log out" in landed, landed[:2000]


def row_counts(database: Path) -> dict[str, int]:
    """Every table's number of rows (the names come from SQLite's own catalogue)."""
    with sqlite3.connect(database) as db:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: db.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}  # noqa: S608


def active_delegates(database: Path) -> int:
    with sqlite3.connect(database) as db:
        return db.execute(
            "SELECT COUNT(*) FROM registration_delegate WHERE status IN ('registered', 'confirmed')"
        ).fetchone()[0]


def test_make_run_serves_a_living_meeting_and_a_second_run_adds_nothing(tmp_path):
    var_dir = tmp_path / "var"
    database = var_dir / "db.sqlite3"

    first = MakeRun(var_dir, free_port())
    try:
        first.wait_until_served()
        password = re.search(r"user: isu-demo\s+password: (\S+)", first.output).group(1)
        browser = Browser(first.base)
        browser.sign_in("isu-demo", password)
        active = active_delegates(database)
        assert active > 100

        figures = browser.get("/staff/figures/").decode()
        internal_list = browser.get("/staff/participants.csv").decode("utf-8-sig")
        batches = browser.get("/admin/documents/badgebatch/").decode()
        batch_link = re.search(r'href="(/admin/badges/batch/\d+/download/)"', batches)
        badges = browser.get(batch_link.group(1)) if batch_link else b""
        speakers = browser.get("/admin/registration/interventionrequest/").decode()
        home = browser.get("/en/").decode()
    finally:
        first.stop()

    assert "Demo data added" in first.output
    assert f"{active} delegates registered or confirmed" in figures
    assert len(list(csv.DictReader(io.StringIO(internal_list)))) == active
    assert badges.startswith(b"%PDF"), batches[:2000]
    # The speakers' lists in the admin: Colombia asked for the floor on items 3 and more.
    assert "Colombia" in speakers and "Victim assistance" in speakers
    assert "fictional" in home and "example.org" in home
    before = row_counts(database)

    # Again, as the README suggests, on the afternoon of the first day.
    second = MakeRun(var_dir, free_port(), "DEMO_NOW=2018-06-07T16:00:00+02:00")
    try:
        second.wait_until_served()
        banner = Browser(second.base).get("/en/").decode()
    finally:
        second.stop()

    assert "Demo data: already there, nothing added." in second.output
    assert "Thursday 7 June 2018, 16:00" in banner
    assert row_counts(database) == before

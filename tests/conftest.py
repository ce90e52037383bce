import os
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.test.testcases import LiveServerThread
from pytest_django.live_server_helper import LiveServer

# Playwright's sync API runs an event loop in the test thread; Django's ORM calls
# from that thread are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

GENEVA = ZoneInfo("Europe/Zurich")
CHROMIUM = "/usr/bin/chromium"

# The markers of pyproject.toml, given by place so that a new test in these files is
# marked too. `make test-fast` leaves them out; `make test` runs everything.
TESTS = Path(__file__).resolve().parent
PROCESSES = {
    "outbox/test_outbox_faults.py",  # a Celery worker and Redis, stopped and killed
    "test_proxy.py",  # nginx and gunicorn, 200 slow clients
    "demo/test_make_run.py",  # `make run`, twice
    "privacy/test_backup.py",  # scripts/backup.sh and restore.sh
}
SLOW = {
    "demo/test_demo_data.py",  # the demo built (15 s a build)
    "test_migrations.py",  # migrated back and forth
    "test_compose.py",  # compose's own parser
    "test_architecture.py",  # lint-imports on broken copies
    "i18n/test_pages_in_six_languages.py",  # 46 pages in six languages
    "registration/test_hostile_end_to_end.py",  # every naughty string, every output
}


def pytest_collection_modifyitems(config, items):
    for item in items:
        where = item.path.relative_to(TESTS).as_posix()
        if where.startswith("e2e/") or item.path.stem.endswith("_browser"):
            item.add_marker(pytest.mark.e2e)
        if where in PROCESSES:
            item.add_marker(pytest.mark.processes)
        if where in SLOW or where in PROCESSES:
            item.add_marker(pytest.mark.slow)


def geneva(*args) -> datetime:
    """An aware datetime on the Geneva wall clock: geneva(2018, 5, 31, 23, 59, 59)."""
    return datetime(*args, tzinfo=GENEVA)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _english_by_default():
    # The test client's requests activate their page's language in this thread; the
    # next test starts in the site's default again, as a new request would.
    from django.utils import translation

    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture(autouse=True)
def _empty_caches():
    # Rendered fragments and rate-limit counts must not leak from one test to the next.
    from django.core.cache import caches

    from intersessional import memo

    for alias in ("default", "fragments"):
        caches[alias].clear()
    # Nor the meeting and States a process keeps for a minute (intersessional/memo.py).
    memo.forget()


@pytest.fixture(autouse=True)
def _staff_sign_in_with_second_factor(monkeypatch):
    """The tests run with production settings, where staff need a one-time code
    (intersessional/twofactor.py). A test's `client.force_login(staff)` stands for a
    full sign-in: it also verifies a TOTP device of that account, as the login form
    does. tests/intersessional/test_two_factor.py signs in through the real form."""
    from django.test import Client

    from tests.helpers import verify_second_factor

    force_login = Client.force_login

    def force_login_with_second_factor(self, user, backend=None):
        force_login(self, user, backend)
        if user.is_staff:
            verify_second_factor(self, user)

    monkeypatch.setattr(Client, "force_login", force_login_with_second_factor)


@pytest.fixture
def clock_at(settings):
    """Set the site's clock: clock_at(geneva(2018, 5, 30, 12))."""

    def set_clock(moment: datetime):
        settings.INTERSESSIONAL_NOW = moment

    return set_clock


def _load_reference_data():
    from programme.reference import load_meeting_2018
    from reference.load import load_organisations, load_states

    load_meeting_2018()
    load_states()
    load_organisations()


_db_blocker = None


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The 2018 meeting with its Committees and programme, the 197 States and the
    observer organisations, loaded once for the session and committed: each test's
    transaction is rolled back over them. A test that empties the database (the
    transactional ones: threads, browsers) has them loaded again after it, below."""
    global _db_blocker
    with django_db_blocker.unblock():
        _load_reference_data()
    _db_blocker = django_db_blocker


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    result = yield
    # After the last test the test database is gone (nextitem None: session teardown).
    if _db_blocker is not None and nextitem is not None:
        from programme.models import Meeting

        with _db_blocker.unblock():
            if not Meeting.objects.exists():
                _load_reference_data()
    return result


@pytest.fixture
def meeting(db):
    from programme.models import Meeting
    from programme.reference import MEETING_2018_SLUG

    return Meeting.objects.get(slug=MEETING_2018_SLUG)


BEFORE_DEADLINE = geneva(2018, 5, 30, 12, 0)


@pytest.fixture
def reference(meeting):
    """The meeting with the 197 States and the observer organisations (loaded once
    for the session: django_db_setup)."""
    return meeting


@pytest.fixture
def open_registration(reference, clock_at):
    clock_at(BEFORE_DEADLINE)
    return reference


@pytest.fixture
def france(reference):
    from reference.models import State

    return State.objects.get(alpha3="FRA")


@pytest.fixture
def icrc(reference):
    from reference.models import Organisation

    return Organisation.objects.get(acronym="ICRC")


# Staff with their roles, for the staff pages and the admin --------------------------


@pytest.fixture
def roles(db):
    """The groups made by the migrations. A test that flushes the database (the
    concurrency and browser tests) deletes them; making them again is idempotent."""
    from tests.helpers import make_roles

    return make_roles()


@pytest.fixture
def office_user(roles):
    from tests.helpers import staff_user

    return staff_user("office", "President's office")


@pytest.fixture
def isu_user(roles):
    from tests.helpers import staff_user

    return staff_user("isu", "ISU staff")


class WhiteNoiseLiveServer(LiveServer):
    """pytest-django's live server, but static files come through WhiteNoise as in
    production (hashed names from the manifest), not through Django's finders."""

    def __init__(self, addr: str):
        super().__init__(addr, start=False)
        host, _, port = addr.partition(":")
        self.thread = LiveServerThread(
            host,
            static_handler=lambda handler: handler,
            connections_override=self.thread.connections_override,
            port=int(port or 0),
        )
        self.thread.daemon = True
        self.start()


@pytest.fixture(scope="session")
def live_server(request):
    # Below the ephemeral range (see scripts/test.sh, which picks a free port).
    server = WhiteNoiseLiveServer(os.environ.get("LIVE_SERVER_ADDRESS", "localhost:0"))
    request.addfinalizer(server.stop)
    return server


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # No browser download is possible here: drive Debian's Chromium.
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture
def obligations(reference):
    """The meeting, the States and the 68 obligations of the CSV, all unconfirmed."""
    from reference.load import load_obligations

    load_obligations()
    return reference


@pytest.fixture
def media(settings, tmp_path):
    """Uploaded files go to a folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT

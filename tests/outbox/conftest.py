"""The real parts for the outbox tests: a Redis server, a Celery worker process
(with its beat), the web site under gunicorn, and an SMTP server (aiosmtpd) in the
test process. Each test gets its own Redis and processes, so faults do not leak."""

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.db import connection

from tests.helpers import free_port

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def wait_for(predicate, timeout: float, what: str, interval: float = 0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(interval)
    raise AssertionError(f"Timed out after {timeout} s waiting for {what}")


def port_open(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.2)
        return s.connect_ex(("127.0.0.1", port)) == 0


class RedisServer:
    def __init__(self, tmp: Path):
        self.port = free_port(22000)
        self.tmp = tmp
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None
        self.start()

    def start(self):
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.tmp),
            ],
            stdout=subprocess.DEVNULL,
        )
        wait_for(lambda: port_open(self.port), 10, "Redis")

    def stop(self):
        self.process.terminate()
        self.process.wait(10)

    def pause(self):
        """Hung: it keeps accepting connections and never answers."""
        self.process.send_signal(signal.SIGSTOP)

    def resume(self):
        self.process.send_signal(signal.SIGCONT)

    def close(self):
        if self.process.poll() is None:
            self.resume()
            self.stop()


class SmtpHandler:
    """Keeps every message accepted. `temporary_failures` answers 451 that many times;
    `stall_in_rcpt` holds the first conversation at RCPT for that many seconds;
    `before_accepting` and `on_quit`, when set, are called once (in the server's
    thread) before the 250 for a message and when a client says QUIT."""

    def __init__(self):
        self.messages = []
        self.temporary_failures = 0
        self.stall_in_rcpt = 0.0
        self.conversations = 0
        self.before_accepting = None
        self.on_quit = None
        self.quits = 0
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        import asyncio

        with self.lock:
            self.conversations += 1
            stall, self.stall_in_rcpt = self.stall_in_rcpt, 0.0
        if stall:
            await asyncio.sleep(stall)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            if self.temporary_failures > 0:
                self.temporary_failures -= 1
                return "451 4.3.0 Mailbox busy, try again later"
            self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
            before_accepting, self.before_accepting = self.before_accepting, None
        if before_accepting:
            before_accepting()
        return "250 Message accepted"

    async def handle_QUIT(self, server, session, envelope):
        with self.lock:
            self.quits += 1
            on_quit, self.on_quit = self.on_quit, None
        if on_quit:
            on_quit()
        return "221 Bye"


class Process:
    def __init__(self, args, env, log: Path):
        self.log = log
        self.handle = open(log, "wb")  # noqa: SIM115 - closed in stop()
        # Its own process group: a worker started with --beat has a child (the beat
        # process) that must go with it, whether it is stopped or killed.
        self.process = subprocess.Popen(
            args,
            cwd=ROOT,
            env=env,
            stdout=self.handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def _signal_group(self, sig):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, sig)

    def kill(self):
        self._signal_group(signal.SIGKILL)
        self.process.wait(10)

    def kill_now(self):
        """SIGKILL without waiting: from the SMTP server's thread, mid-conversation."""
        self._signal_group(signal.SIGKILL)

    def stop(self):
        self._signal_group(signal.SIGTERM)
        try:
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            self.kill()
        # Whatever is left of the group (a beat child whose parent died) goes too.
        self._signal_group(signal.SIGKILL)
        self.handle.close()


@pytest.fixture
def redis_server(tmp_path):
    server = RedisServer(tmp_path)
    yield server
    server.close()


@pytest.fixture
def smtp_server():
    handler = SmtpHandler()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port(23000))
    controller.start()
    yield handler, controller.port
    controller.stop()


@pytest.fixture
def stack(transactional_db, redis_server, smtp_server, tmp_path, meeting):
    """Start processes on demand: stack.web(), stack.worker(). All share one environment."""
    from reference.load import load_organisations, load_states

    load_states()
    load_organisations()
    handler, smtp_port = smtp_server
    db = connection.settings_dict
    database_url = (
        f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{urllib.parse.quote(db['NAME'])}"
    )
    web_port = free_port(24000)
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DATABASE_CONN_MAX_AGE": "0",
        "REDIS_URL": redis_server.url,
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
        "INTERSESSIONAL_NOW": "2018-05-30T12:00:00+02:00",
        # One address for the web process and the workers, as in production: the worker
        # writes the registration's e-mail, its link included (outbox/writing.py), and
        # its host is each Message-ID's domain.
        "SITE_URL": f"http://127.0.0.1:{web_port}",
        "NOTIFICATION_SWEEP_SECONDS": "1",
        "NOTIFICATION_CLAIM_LEASE_SECONDS": "4",
        "NOTIFICATION_RETRY_BASE_SECONDS": "1",
        "EMAIL_TIMEOUT": "5",
    }
    started = []

    class Stack:
        smtp = handler
        redis = redis_server

        def web(self):
            port = web_port
            process = Process(
                [
                    str(BIN / "gunicorn"),
                    "intersessional.wsgi",
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--workers",
                    "1",
                    "--timeout",
                    "60",
                ],
                env,
                tmp_path / f"web-{port}.log",
            )
            started.append(process)
            wait_for(lambda: port_open(port), 20, "gunicorn")
            process.url = f"http://127.0.0.1:{port}"
            return process

        def worker(self, name="w1", **extra_env):
            process = Process(
                [
                    str(BIN / "celery"),
                    "-A",
                    "intersessional",
                    "worker",
                    "--beat",
                    "--schedule",
                    str(tmp_path / f"beat-{name}"),
                    "--pool",
                    "solo",
                    "--hostname",
                    f"{name}@%h",
                    "--without-gossip",
                    "--without-mingle",
                    "--loglevel",
                    "INFO",
                ],
                {**env, **extra_env},
                tmp_path / f"worker-{name}.log",
            )
            started.append(process)
            wait_for(lambda: "ready." in process.output(), 30, "the Celery worker")
            return process

    yield Stack()
    for process in reversed(started):
        process.stop()


class Browser:
    """Just enough of a browser for a form POST: cookies and the CSRF token."""

    def __init__(self, base: str):
        self.base = base
        self.cookies = {}

    def request(self, method, path, data=None, timeout=30):
        import http.client

        parsed = urllib.parse.urlsplit(self.base)
        conn = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=timeout)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";")[0]
        text = response.read().decode()
        conn.close()
        return response, text

    def submit(self, path, data):
        _response, html = self.request("GET", path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        return self.request("POST", path, {**data, "csrfmiddlewaretoken": token})

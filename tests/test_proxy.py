"""nginx in front of gunicorn, on the real parts (Debian's nginx, gunicorn, loopback only).

- The compose proxy's own configuration (deploy/nginx/compose.conf), pointed at a
  recording upstream and a self-signed certificate: HTTP is redirected, TLS is
  terminated, the client's address and scheme are passed, a 20 MB upload goes
  through buffered and a larger one is refused, static files come from disk.
- Slow clients: 200 connections that send one header byte a second hold nothing
  when nginx is in front; against gunicorn alone they hold every sync worker.
"""

import contextlib
import http.client
import json
import math
import os
import shutil
import signal
import socket
import ssl
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.test import RequestFactory

from intersessional.ratelimit import client_ip
from tests.helpers import free_port

ROOT = Path(__file__).resolve().parents[1]
NGINX = "/usr/sbin/nginx"
CONF_DIR = ROOT / "deploy" / "nginx"
sys.path.insert(0, str(ROOT / "scripts"))
import nginx_conf  # noqa: E402


def wait_for_port(port: int, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"nothing listens on {port}")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def world_readable_dir():
    # nginx's workers run as www-data in compose.conf: pytest's tmp_path is private.
    path = Path(tempfile.mkdtemp(prefix="intersessional-proxy-"))
    path.chmod(0o755)
    yield path
    shutil.rmtree(path, ignore_errors=True)


class Recorder(BaseHTTPRequestHandler):
    """Stands for gunicorn: records what nginx passes on, answers with it as JSON."""

    seen: list = []

    def _answer(self):
        length = int(self.headers.get("Content-Length", 0))
        received = 0
        while received < length:
            received += len(self.rfile.read(min(1 << 20, length - received)))
        record = {
            "path": self.path,
            "method": self.command,
            "body_bytes": received,
            "x_forwarded_for": self.headers.get("X-Forwarded-For"),
            "x_forwarded_proto": self.headers.get("X-Forwarded-Proto"),
            "host": self.headers.get("Host"),
        }
        self.seen.append(record)
        body = json.dumps(record).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer

    def log_message(self, *args):
        pass


@pytest.fixture
def compose_proxy(world_readable_dir):
    """deploy/nginx/compose.conf as compose runs it, with only its addresses, paths
    and certificate replaced by local ones."""
    work = world_readable_dir
    Recorder.seen = []
    upstream = ThreadingHTTPServer(("127.0.0.1", free_port(27300)), Recorder)
    threading.Thread(target=upstream.serve_forever, daemon=True).start()
    http_port, https_port = free_port(27400), free_port(27500)

    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
        + ["-subj", "/CN=localhost", "-keyout", str(work / "privkey.pem")]
        + ["-out", str(work / "fullchain.pem")],
        check=True,
        capture_output=True,
    )
    static = work / "static" / "css"
    static.mkdir(parents=True)
    (static / "site.0123456789ab.css").write_text("body{color:#000}")
    (work / "static").chmod(0o755)

    text = (CONF_DIR / "compose.conf").read_text()
    for old, new in {
        "pid /run/nginx.pid;": f"pid {work}/nginx.pid;",
        "access_log /dev/stdout private;": f"access_log {work}/access.log private;",
        "set $django http://web:8000;": f"set $django http://127.0.0.1:{upstream.server_port};",
        "listen 80 default_server;": f"listen 127.0.0.1:{http_port} default_server;",
        "listen 443 ssl default_server;": f"listen 127.0.0.1:{https_port} ssl default_server;",
        "/etc/nginx/certs/": f"{work}/",
        "/etc/nginx/intersessional/": f"{CONF_DIR}/",
        "/srv/static/": f"{work}/static/",
    }.items():
        assert old in text, old
        text = text.replace(old, new)
    conf = work / "nginx.conf"
    conf.write_text(text)
    check = subprocess.run(
        [NGINX, "-t", "-p", str(work), "-e", str(work / "error.log"), "-c", str(conf)],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stderr
    nginx = subprocess.Popen(
        [NGINX, "-p", str(work), "-e", str(work / "error.log"), "-c", str(conf)]
        + ["-g", "daemon off;"],
        stderr=subprocess.PIPE,
    )
    try:
        wait_for_port(https_port)
        yield http_port, https_port
    finally:
        stop(nginx)
        upstream.shutdown()
        upstream.server_close()


def https(port):
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return http.client.HTTPSConnection("127.0.0.1", port, context=context, timeout=30)


def test_compose_proxy_redirects_http_to_https(compose_proxy):
    http_port, _ = compose_proxy
    conn = http.client.HTTPConnection("127.0.0.1", http_port, timeout=10)
    conn.request("GET", "/register/delegate/?lang=fr")
    response = conn.getresponse()

    assert response.status == 301
    assert response.getheader("Location") == "https://127.0.0.1/register/delegate/?lang=fr"
    assert Recorder.seen == []


def test_compose_proxy_passes_the_client_address_and_scheme(compose_proxy, settings):
    _, https_port = compose_proxy
    conn = https(https_port)
    # What a client writes in X-Forwarded-For itself stays on the left.
    conn.request("GET", "/programme/", headers={"X-Forwarded-For": "203.0.113.9"})
    response = conn.getresponse()

    assert response.status == 200
    seen = json.loads(response.read())
    assert seen["x_forwarded_proto"] == "https"
    assert seen["x_forwarded_for"] == "203.0.113.9, 127.0.0.1"
    # RATELIMIT_PROXY_COUNT=1, as compose sets it: the rate limit sees nginx's peer,
    # not the address the client made up.
    settings.RATELIMIT_PROXY_COUNT = 1
    request = RequestFactory().get(
        "/", HTTP_X_FORWARDED_FOR=seen["x_forwarded_for"], REMOTE_ADDR="172.18.0.5"
    )
    assert client_ip(request) == "127.0.0.1"


def test_compose_proxy_buffers_a_20_mb_upload_and_refuses_a_larger_one(compose_proxy):
    _, https_port = compose_proxy
    body = b"x" * (20 * 2**20)
    conn = https(https_port)
    conn.request("POST", "/upload/", body=body, headers={"Content-Type": "text/plain"})
    response = conn.getresponse()

    assert response.status == 200
    assert json.loads(response.read())["body_bytes"] == len(body)

    conn = https(https_port)
    conn.request("POST", "/upload/", body=b"x" * (26 * 2**20))
    assert conn.getresponse().status == 413
    assert [r["path"] for r in Recorder.seen] == ["/upload/"]


def test_compose_proxy_serves_static_files_from_disk(compose_proxy):
    _, https_port = compose_proxy
    conn = https(https_port)
    conn.request("GET", "/static/css/site.0123456789ab.css")
    response = conn.getresponse()

    assert response.status == 200
    assert response.read() == b"body{color:#000}"
    assert response.getheader("Cache-Control") == "max-age=31536000, immutable"
    assert Recorder.seen == []


# Slow clients ---------------------------------------------------------------------

SLOW_CLIENTS = 200
PHASE_SECONDS = 6.0
NORMAL_TIMEOUT = 2.0


def slow_clients(port: int, stop_at: float) -> None:
    """SLOW_CLIENTS connections to 127.0.0.1:port that each send a request line and
    then one header byte a second until stop_at, never finishing their headers."""
    sockets = []
    for _ in range(SLOW_CLIENTS):
        s = socket.create_connection(("127.0.0.1", port), timeout=5)
        s.setblocking(False)
        with contextlib.suppress(BlockingIOError):
            s.send(b"GET /bench/baseline/ HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
        sockets.append(s)
    try:
        while time.monotonic() < stop_at:
            time.sleep(1.0)
            for s in sockets:
                # OSError: dropped by the server, or its buffer is full.
                with contextlib.suppress(OSError):
                    s.send(b"a")
    finally:
        for s in sockets:
            s.close()


def normal_client(port: int, stop_at: float) -> list[float]:
    """Plain GETs one after another until stop_at; a failure counts as the timeout."""
    latencies = []
    while time.monotonic() < stop_at:
        started = time.monotonic()
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=NORMAL_TIMEOUT)
            conn.request("GET", "/bench/baseline/")
            response = conn.getresponse()
            ok = response.status == 200 and response.read() == b"ok"
            conn.close()
        except OSError:
            ok = False
        latencies.append(time.monotonic() - started if ok else float("inf"))
    return latencies


def under_slow_clients(port: int) -> list[float]:
    stop_at = time.monotonic() + PHASE_SECONDS + 1
    slow = threading.Thread(target=slow_clients, args=(port, stop_at))
    slow.start()
    time.sleep(1.0)  # every slow connection is open and waiting
    try:
        return normal_client(port, stop_at)
    finally:
        slow.join()


def p95(latencies: list[float]) -> float:
    """Nearest rank: a request that timed out (inf) counts, and is never averaged away."""
    ordered = sorted(latencies)
    return ordered[max(math.ceil(0.95 * len(ordered)) - 1, 0)]


def describe(latencies: list[float]) -> str:
    failed = sum(1 for x in latencies if x == float("inf"))
    served = sorted(x for x in latencies if x != float("inf"))
    median = f"{statistics.median(served) * 1000:.1f} ms" if served else "-"
    return (
        f"{len(served)} served, {failed} timed out (>{NORMAL_TIMEOUT:.0f} s), "
        f"median {median}, p95 {p95(latencies):.3f} s"
    )


@pytest.fixture
def gunicorn_behind_nginx(tmp_path):
    """gunicorn with four sync workers (as in compose and make bench) and nginx in front
    with the loopback configuration; the bench's baseline view needs no database."""
    web_port, proxy_port = free_port(27600), free_port(27700)
    env = {**os.environ, "BENCH_BASELINE": "1", "LOG_LEVEL": "WARNING"}
    gunicorn = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "intersessional.wsgi"]
        + ["--bind", f"127.0.0.1:{web_port}", "--workers", "4", "--timeout", "30"],
        cwd=ROOT,
        env=env,
        stderr=subprocess.DEVNULL,
    )
    run_dir = tmp_path / "nginx"
    conf = nginx_conf.write(
        port=proxy_port,
        upstream=f"127.0.0.1:{web_port}",
        static_root=tmp_path,
        run_dir=run_dir,
    )
    nginx = subprocess.Popen(
        [NGINX, "-p", str(run_dir), "-e", str(run_dir / "error.log"), "-c", str(conf)]
    )
    try:
        wait_for_port(proxy_port)
        # The workers boot (import Django) after gunicorn listens: wait for an answer.
        deadline = time.monotonic() + 60
        while max(normal_client(web_port, time.monotonic() + 0.5)) == float("inf"):
            assert time.monotonic() < deadline, "gunicorn did not answer"
        assert float("inf") not in normal_client(proxy_port, time.monotonic() + 0.5)
        yield web_port, proxy_port
    finally:
        stop(nginx)
        stop(gunicorn)


def test_slow_clients_hold_nothing_behind_nginx_and_every_worker_without_it(
    gunicorn_behind_nginx, capsys
):
    web_port, proxy_port = gunicorn_behind_nginx

    through_nginx = under_slow_clients(proxy_port)
    gunicorn_alone = under_slow_clients(web_port)

    with capsys.disabled():
        print(f"\n  {SLOW_CLIENTS} slow clients (one header byte a second), a normal client:")
        print(f"    through nginx:  {describe(through_nginx)}")
        print(f"    gunicorn alone: {describe(gunicorn_alone)}")
    assert len(through_nginx) >= 20
    assert float("inf") not in through_nginx
    assert p95(through_nginx) < 1.0
    # Without the proxy, the four sync workers wait on slow clients' headers.
    assert p95(gunicorn_alone) >= 1.0


def test_compose_proxy_logs_no_private_link_token(compose_proxy, world_readable_dir):
    _, https_port = compose_proxy
    token = "S3cr3tT0ken.sig-nature"
    for path in [f"/fr/registration/{token}/", f"/en/delegation/{token}/language/"]:
        conn = https(https_port)
        conn.request("GET", path)
        conn.getresponse().read()
    conn = https(https_port)
    conn.request("GET", "/en/programme/")
    conn.getresponse().read()

    logged = (world_readable_dir / "access.log").read_text()
    assert token not in logged
    assert '"GET /fr/registration/***/ HTTP/1.1" 200' in logged
    assert '"GET /en/delegation/***/language/ HTTP/1.1" 200' in logged
    assert '"GET /en/programme/ HTTP/1.1" 200' in logged

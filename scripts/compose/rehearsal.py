"""The production rehearsal (`make compose-check`, docs/operations.md).

Runs the repository's own docker-compose.yml (with the laptop profile's mail catcher,
deploy/laptop.env) on loopback, as a deployer would, and checks each step:

1. an upgrade: the stack built from the previous commit, with data in it, then
   rebuilt from this one: the one-shot `migrate` runs once and every row is kept;
2. every service healthy; HTTPS through the proxy, HTTP redirected;
3. a delegate registers in French through the proxy (CSRF and all); the e-mail
   arrives once, in French, with a private link that opens their page;
4. an ISU account made with manage.py signs in with its one-time code, extends the
   deadline and corrects a State's name in the admin, and prints badges that the
   worker container renders;
5. the worker's process is killed in the middle of a queue of e-mails and Docker's
   restart policy brings it back: each e-mail arrives exactly once;
6. `down` then `up`: every row, every uploaded file and the ISU's edits are there;
7. scripts/backup.sh, then the volumes destroyed, then scripts/restore.sh: the
   restored database and media match (rows and file hashes);
8. figures: image sizes, build times, time to healthy, memory at rest and after
   100 registrations.

Then it breaks the compose file (a wrong health check, a missing volume) and shows
that each break fails the check with a message that says what broke. Started by
scripts/compose/check.sh, which provides the engine and the stand-in images.
"""

import argparse
import base64
import concurrent.futures
import hashlib
import hmac
import html.parser
import http.client
import http.cookies
import json
import os
import re
import shutil
import signal
import socket
import ssl
import struct
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email import message_from_bytes, policy
from pathlib import Path

import compose

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / ".cache" / "compose"
COMPOSE_BIN = Path(compose.__file__).parent / "docker-compose"
PROJECT = "intersessional-check"
# Its own image names, so that a deployment's images on the same engine stay as they are.
APP_IMAGE = "intersessional-check:latest"
PROXY_IMAGE = "intersessional-check-proxy:latest"
HOST = "registration.localhost"
# Every long-running service and what "ready" means for it.
HEALTHY = {"postgres", "redis", "web", "worker", "proxy", "mail"}
RUNNING = {"beat"}
ONE_SHOT = {"migrate"}


class CheckFailed(Exception):
    """A step of the rehearsal did not hold; the message says which and why."""


def say(text: str) -> None:
    print(text, flush=True)


def step(text: str) -> None:
    say(f"\n==> {text}")


def free_port(start: int) -> int:
    """A free loopback port below the ephemeral range (32768 and up)."""
    for port in range(start, 32000):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port below 32000")


def wait_until(predicate, timeout: float, what: str, interval: float = 0.5):
    deadline = time.monotonic() + timeout
    while True:
        result = predicate()
        if result:
            return result
        if time.monotonic() > deadline:
            raise CheckFailed(f"Timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(interval)


# -- the stack ------------------------------------------------------------------------


@dataclass
class Stack:
    """One compose project: a compose file, its project directory and environment."""

    directory: Path
    compose_file: Path
    env: dict
    label: str = "this commit"

    def compose(self, *args: str, check: bool = True, timeout: float = 900, stdin=None):
        command = [
            str(COMPOSE_BIN),
            "--project-name",
            PROJECT,
            "--project-directory",
            str(self.directory),
            "--file",
            str(self.compose_file),
            "--profile",
            "laptop",
            "--env-file",
            str(self.directory / "deploy" / "laptop.env"),
            *args,
        ]
        result = subprocess.run(
            command,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
            input=stdin,
        )
        if check and result.returncode != 0:
            raise CheckFailed(
                f"docker compose {' '.join(args)} failed ({result.returncode}):\n"
                f"{result.stderr[-3000:]}{result.stdout[-2000:]}"
            )
        return result

    def containers(self) -> list[dict]:
        output = self.compose("ps", "--all", "--format", "json").stdout
        rows = []
        for line in output.splitlines():
            line = line.strip()
            if not line:
                continue
            parsed = json.loads(line)
            rows.extend(parsed if isinstance(parsed, list) else [parsed])
        return rows

    def container_id(self, service: str) -> str:
        return self.compose("ps", "--all", "--quiet", service).stdout.split()[0]

    def health_log(self, service: str) -> str:
        result = subprocess.run(
            ["docker", "inspect", "--format", "{{json .State.Health}}", self.container_id(service)],
            capture_output=True,
            text=True,
        )
        try:
            health = json.loads(result.stdout)
        except json.JSONDecodeError:
            return result.stdout.strip()
        if not health or not health.get("Log"):
            return "(no health check has run)"
        last = health["Log"][-1]
        return f"exit {last['ExitCode']}: {last['Output'].strip()[:500] or '(no output)'}"

    def logs(self, service: str, lines: int = 30) -> str:
        return self.compose("logs", "--no-color", "--tail", str(lines), service, check=False).stdout

    def up(self, *services: str) -> float:
        """`up --detach` and wait until ready; when compose itself gives up (a service
        it waits on is unhealthy), say which service and what its check says."""
        started = time.monotonic()
        result = self.compose("up", "--detach", *services, check=False)
        if result.returncode != 0:
            self.problems()  # raises for the service that cannot be ready
            raise CheckFailed(f"[{self.label}] docker compose up failed: {result.stderr[-800:]}")
        if not services:
            self.wait_healthy()
        return time.monotonic() - started

    def problems(self) -> list[str]:
        """The services not ready yet; raises for one that never will be (a container
        that stopped, an unhealthy one, a failed migrate)."""
        rows = {row["Service"]: row for row in self.containers()}
        waiting = []
        for service in sorted(HEALTHY | RUNNING | ONE_SHOT):
            row = rows.get(service)
            if row is None:
                raise CheckFailed(f"[{self.label}] service {service} has no container")
            state, health = row.get("State"), row.get("Health", "")
            if service in ONE_SHOT and state == "exited" and row.get("ExitCode") != 0:
                raise CheckFailed(
                    f"[{self.label}] {service} exited with {row.get('ExitCode')}:\n"
                    + self.logs(service)
                )
            if service not in ONE_SHOT and state in {"exited", "dead"}:
                raise CheckFailed(
                    f"[{self.label}] {service} stopped ({row.get('Status')}):\n"
                    + self.logs(service)
                )
            if health == "unhealthy":
                raise CheckFailed(
                    f"[{self.label}] {service} is unhealthy: its health check says "
                    f"{self.health_log(service)}"
                )
            if state == "running" and service in HEALTHY and not health:
                raise CheckFailed(f"[{self.label}] {service} has no health check")
            ready = (
                state == "exited"
                if service in ONE_SHOT
                else state == "running" and (service not in HEALTHY or health == "healthy")
            )
            if not ready:
                waiting.append(service)
        return waiting

    def wait_healthy(self, timeout: float = 240) -> float:
        """Wait for every service to be ready; fail with what is wrong with the first
        one that cannot be."""
        started = time.monotonic()
        while waiting := self.problems():
            if time.monotonic() - started > timeout:
                details = "; ".join(f"{s}: {self.health_log(s)}" for s in waiting if s in HEALTHY)
                raise CheckFailed(
                    f"[{self.label}] not ready after {timeout:.0f} s: {', '.join(waiting)}"
                    + (f" ({details})" if details else "")
                )
            time.sleep(1)
        return time.monotonic() - started

    def exec(self, service: str, *command: str, env: dict | None = None) -> str:
        flags = [arg for name, value in (env or {}).items() for arg in ("-e", f"{name}={value}")]
        return self.compose("exec", "-T", *flags, service, *command).stdout

    def sql(self, query: str) -> list[list[str]]:
        output = self.exec(
            "postgres", "psql", "-U", "intersessional", "-d", "intersessional", "-AtX",
            "-F", "\t", "-c", query,
        )  # fmt: skip
        return [line.split("\t") for line in output.splitlines() if line]

    def row_counts(self) -> dict[str, int]:
        tables = [row[0] for row in self.sql(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
        )]  # fmt: skip
        if not tables:
            return {}
        union = " UNION ALL ".join(f"SELECT '{t}', count(*) FROM \"{t}\"" for t in tables)
        return {name: int(count) for name, count in self.sql(union)}

    def media_hashes(self) -> dict[str, str]:
        output = self.exec(
            "web", "sh", "-c", "cd /app/var/media && find . -type f -exec sha256sum {} +"
        )
        return {
            path: digest for digest, path in (line.split(None, 1) for line in output.splitlines())
        }


# -- a browser of sorts -----------------------------------------------------------------


class FormParser(html.parser.HTMLParser):
    """The forms of a page: action, fields as a browser would send them, select options."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append({"action": a.get("action") or "", "fields": [], "options": {}})
            return
        if not self.forms:
            return
        form = self.forms[-1]
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text").lower()
            if kind in {"submit", "button", "image", "reset", "file"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in a:
                return
            form["fields"].append([name, a.get("value", "on" if kind == "checkbox" else "")])
        elif tag == "select" and name:
            self._select = name
            form["options"][name] = []
            form["fields"].append([name, None])
        elif tag == "option" and self._select:
            value = a.get("value", "")
            form["options"][self._select].append([value, ""])
            field_row = next(f for f in form["fields"] if f[0] == self._select)
            if "selected" in a or field_row[1] is None:
                field_row[1] = value
        elif tag == "textarea" and name:
            self._textarea = [name, ""]
            form["fields"].append(self._textarea)

    def handle_data(self, data):
        if self._select and self.forms and self.forms[-1]["options"].get(self._select):
            self.forms[-1]["options"][self._select][-1][1] += data
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        if tag == "textarea":
            self._textarea = None


@dataclass
class Page:
    status: int
    headers: dict
    body: bytes
    path: str

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    def form(self, contains: str = "") -> dict:
        parser = FormParser()
        parser.feed(self.text)
        for form in parser.forms:
            if contains in form["action"] or any(contains == f[0] for f in form["fields"]):
                return form
        raise CheckFailed(f"{self.path}: no form with {contains!r} (status {self.status})")


@dataclass
class Browser:
    """HTTPS through the proxy on loopback, for the site's own host name."""

    port: int
    language: str = "en"
    cookies: dict = field(default_factory=dict)

    @property
    def origin(self) -> str:
        return f"https://{HOST}:{self.port}"

    def request(self, method: str, path: str, data=None, files=None) -> Page:
        context = ssl._create_unverified_context()  # the script's self-signed certificate
        connection = http.client.HTTPSConnection(
            "127.0.0.1", self.port, context=context, timeout=60
        )
        headers = {
            "Host": f"{HOST}:{self.port}",
            "Accept-Language": self.language,
            "User-Agent": "compose-rehearsal",
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if files:
            body, headers["Content-Type"] = multipart(data or [], files)
        elif data is not None:
            body = urllib.parse.urlencode(data, doseq=True).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if body is not None:
            headers["Referer"] = self.origin + path
            headers["Origin"] = self.origin
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        content = response.read()
        for value in response.headers.get_all("Set-Cookie") or []:
            cookie = http.cookies.SimpleCookie(value)
            for name, morsel in cookie.items():
                self.cookies[name] = morsel.value
        connection.close()
        return Page(response.status, dict(response.headers.items()), content, path)

    def get(self, path: str, follow: bool = True) -> Page:
        page = self.request("GET", path)
        hops = 0
        while follow and page.status in {301, 302, 303} and hops < 5:
            page = self.request("GET", self.local(page.headers["Location"]))
            hops += 1
        return page

    def post(self, path: str, data) -> Page:
        return self.request("POST", path, data)

    def local(self, url: str) -> str:
        parts = urllib.parse.urlsplit(url)
        if parts.netloc and parts.hostname != HOST:
            raise CheckFailed(f"a link leaves the site: {url}")
        return parts.path + (f"?{parts.query}" if parts.query else "")

    def submit(self, page: Page, contains: str, values: dict, extra=(), files=None) -> Page:
        form = page.form(contains)
        fields = [[n, v] for n, v in form["fields"] if v is not None]
        for name, value in values.items():
            fields = [f for f in fields if f[0] != name] + [[name, value]]
        path = self.local(form["action"]) if form["action"] else page.path
        return self.request("POST", path, [*map(tuple, fields), *extra], files)


def multipart(fields, files: dict) -> tuple[bytes, str]:
    """A multipart/form-data body, as a browser sends a form with a file."""
    boundary = f"rehearsal{os.urandom(12).hex()}"
    parts = []
    for name, value in fields:
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
            f"{value}\r\n".encode()
        )
    for name, (filename, content, content_type) in files.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'.encode()
            + content
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def option_value(page: Page, form_contains: str, select: str, label_contains: str) -> str:
    options = page.form(form_contains)["options"].get(select, [])
    for value, label in options:
        if label_contains in label:
            return value
    raise CheckFailed(f"{page.path}: no option {label_contains!r} in {select}")


def errors_of(page: Page) -> str:
    found = re.findall(r'class="[^"]*invalid-feedback[^"]*"[^>]*>(.*?)</', page.text, re.S)
    return "; ".join(re.sub(r"<[^>]+>|\s+", " ", e).strip() for e in found)[:600] or page.text[:300]


# -- the mail catcher -------------------------------------------------------------------


@dataclass
class Mailbox:
    port: int

    def messages(self) -> list[dict]:
        # Mailpit lists 50 by default.
        url = f"http://127.0.0.1:{self.port}/api/v1/messages?limit=5000"
        with urllib.request.urlopen(url, timeout=10) as r:
            return json.load(r)["messages"]

    def raw(self, message_id: str) -> bytes:
        url = f"http://127.0.0.1:{self.port}/api/v1/message/{message_id}/raw"
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.read()

    def to(self, address: str) -> list[dict]:
        return [m for m in self.messages() if any(t["Address"] == address for t in m.get("To", []))]

    def one_for(self, address: str, timeout: float = 60):
        """The e-mail to `address`, which must arrive once (a few seconds more are
        given to a second copy, which would fail the step)."""
        wait_until(lambda: self.to(address), timeout, f"an e-mail to {address}")
        time.sleep(2)
        found = self.to(address)
        if len(found) != 1:
            raise CheckFailed(f"{len(found)} e-mails arrived for {address}, not one")
        return message_from_bytes(self.raw(found[0]["ID"]), policy=policy.default)


def body_text(message) -> str:
    part = message.get_body(preferencelist=("plain",))
    return part.get_content() if part else ""


# -- the steps --------------------------------------------------------------------------


def delegate_fields(page: Page, *, email: str, given: str, family: str, state: str) -> dict:
    return {
        "kind": "state",
        "state": option_value(page, "email", "state", state),
        "title": "Ms",
        "given_name": given,
        "family_name": family,
        "function": "Deputy Permanent Representative",
        "role": "delegate",
        "email": email,
        "gender": "woman",
        "age_band": "35_44",
        "public_list_consent": "on",
    }


def register(browser: Browser, *, email: str, given: str, family: str, state: str) -> None:
    path = f"/{browser.language}/register/delegate/"
    page = browser.get(path)
    if page.status != 200:
        raise CheckFailed(f"GET {path} answered {page.status}")
    fields = delegate_fields(page, email=email, given=given, family=family, state=state)
    answer = browser.submit(page, "email", fields)
    if answer.status != 302:
        raise CheckFailed(f"registering {email} answered {answer.status}: {errors_of(answer)}")


def upload_statement(browser: Browser, private_link: str) -> None:
    """The delegate sends a 3 MB statement through the proxy (nginx buffers it, Django
    writes it to the media volume); it comes back byte for byte through the link."""
    path = f"{private_link}statements/"
    page = browser.get(path)
    if page.status != 200:
        raise CheckFailed(f"GET {path} answered {page.status}")
    # A PDF by its bytes (the site reads the type from them), padded to 3 MB.
    pdf = b"%PDF-1.4\n%rehearsal\n" + os.urandom(3 * 1024 * 1024) + b"\n%%EOF\n"
    answer = browser.submit(
        page,
        "agenda_item",
        {
            "kind": "statement",
            "language": "fr",
            "reflects_gender_and_diversity": "yes",
            "includes_disaggregated_data": "no",
        },
        files={"file": ("déclaration.pdf", pdf, "application/pdf")},
    )
    if answer.status != 302:
        raise CheckFailed(f"the statement's upload answered {answer.status}: {errors_of(answer)}")
    listed = browser.get(path)
    own = re.search(r'href="([^"]*/statements/\d+/file/)"', listed.text)
    back = browser.get(own[1]) if own else None
    if not back or back.status != 200 or back.body != pdf:
        raise CheckFailed("the uploaded statement does not come back byte for byte")


def totp(secret_base32: str, at: float | None = None) -> str:
    """RFC 6238 with SHA-1, 30 s and six digits: the authenticator app's code."""
    key = base64.b32decode(secret_base32 + "=" * (-len(secret_base32) % 8), casefold=True)
    counter = struct.pack(">Q", int((at or time.time()) // 30))
    digest = hmac.new(key, counter, hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    code = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{code % 1_000_000:06d}"


def isu_signs_in(stack: Stack, browser: Browser, username: str = "isu-rehearsal") -> None:
    password = base64.urlsafe_b64encode(os.urandom(18)).decode()
    stack.exec(
        "web", "python", "manage.py", "createsuperuser", "--noinput",
        "--username", username, "--email", f"{username}@example.org",
        env={"DJANGO_SUPERUSER_PASSWORD": password},
    )  # fmt: skip
    printed = stack.exec("web", "python", "manage.py", "totp_device", username)
    secret = re.search(r"secret=([A-Z2-7]+)", printed)
    if not secret:
        raise CheckFailed(f"totp_device printed no otpauth:// secret:\n{printed[-500:]}")
    page = browser.get("/admin/login/?next=/admin/")
    answer = browser.submit(
        page,
        "password",
        {"username": username, "password": password, "otp_token": totp(secret[1])},
    )
    if answer.status != 302:
        raise CheckFailed(f"the ISU's sign-in with a one-time code failed: {errors_of(answer)}")
    if browser.get("/admin/").status != 200:
        raise CheckFailed("signed in, the admin's index does not open")


def admin_edit(browser: Browser, change_path: str, values: dict) -> None:
    page = browser.get(change_path)
    if page.status != 200:
        raise CheckFailed(f"GET {change_path} answered {page.status}")
    # The change form: the one with the first field edited (the page has a logout form too).
    answer = browser.submit(page, next(iter(values)), values, extra=[("_save", "Save")])
    if answer.status != 302:
        raise CheckFailed(f"saving {change_path} failed: {errors_of(answer)}")


@dataclass
class Edits:
    deadline: str
    state_pk: str
    state_name: str


MEETING_DEADLINE = (
    "SELECT id, to_char(registration_deadline AT TIME ZONE 'Europe/Zurich', "
    "'YYYY-MM-DD HH24:MI:SS') FROM programme_meeting ORDER BY id LIMIT 1"
)


def set_deadline(stack: Stack, browser: Browser, deadline: datetime) -> str:
    """The ISU sets the registration deadline (Geneva time) in the meeting's admin page."""
    meeting_pk = stack.sql(MEETING_DEADLINE)[0][0]
    admin_edit(
        browser,
        f"/admin/programme/meeting/{meeting_pk}/change/",
        {
            "registration_deadline_0": deadline.strftime("%Y-%m-%d"),
            "registration_deadline_1": deadline.strftime("%H:%M:%S"),
        },
    )
    return deadline.strftime("%Y-%m-%d %H:%M:%S")


def open_registration(stack: Stack, browser: Browser) -> None:
    """The rehearsal runs long after 31 May 2018 on the real clock (production refuses a
    set one): the ISU first moves the deadline to four weeks from today."""
    later = datetime.combine(datetime.now().date() + timedelta(days=28), datetime.max.time())
    set_deadline(stack, browser, later.replace(microsecond=0))


def isu_edits(stack: Stack, browser: Browser) -> Edits:
    """The ISU extends the deadline by three days and corrects a State's name."""
    deadline = datetime.fromisoformat(stack.sql(MEETING_DEADLINE)[0][1])
    extended = set_deadline(stack, browser, deadline + timedelta(days=3))
    state_pk = stack.sql("SELECT id FROM reference_state WHERE alpha3 = 'CZE'")[0][0]
    corrected = "Czech Republic (corrected by the ISU)"
    admin_edit(browser, f"/admin/reference/state/{state_pk}/change/", {"un_name_en": corrected})
    edits = Edits(extended, state_pk, corrected)
    check_edits(stack, edits, "just after the ISU saved them")
    return edits


def check_edits(stack: Stack, edits: Edits, when: str) -> None:
    deadline = stack.sql(MEETING_DEADLINE)[0][1]
    name = stack.sql(f"SELECT un_name_en FROM reference_state WHERE id = {edits.state_pk}")[0][0]
    if (deadline, name) != (edits.deadline, edits.state_name):
        raise CheckFailed(
            f"the ISU's edits were undone {when}: deadline {deadline} (edited "
            f"{edits.deadline}), State name {name!r} (edited {edits.state_name!r})"
        )


def print_badges(stack: Stack, browser: Browser) -> str:
    pks = [row[0] for row in stack.sql("SELECT id FROM registration_delegate ORDER BY id")]
    page = browser.get("/admin/registration/delegate/")
    form = page.form("action")
    fields = [(n, v) for n, v in form["fields"] if n == "csrfmiddlewaretoken"]
    answer = browser.post(
        "/admin/registration/delegate/",
        [*fields, ("action", "print_badges"), ("index", "0"),
         *(("_selected_action", pk) for pk in pks)],
    )  # fmt: skip
    if answer.status != 302:
        raise CheckFailed(f"the Print badges action answered {answer.status}")
    batch = stack.sql("SELECT id FROM documents_badgebatch ORDER BY id DESC LIMIT 1")[0][0]
    wait_until(
        lambda: (
            stack.sql(f"SELECT status FROM documents_badgebatch WHERE id = {batch}")[0][0]
            in {"done", "failed"}
        ),
        120,
        "the worker container to render the badge batch",
    )
    status = stack.sql(f"SELECT status, error FROM documents_badgebatch WHERE id = {batch}")[0]
    if status[0] != "done":
        raise CheckFailed(f"the badge batch failed in the worker: {status}")
    pdf = browser.get(f"/admin/badges/batch/{batch}/download/")
    if pdf.status != 200 or not pdf.body.startswith(b"%PDF"):
        raise CheckFailed(f"the badge batch's download answered {pdf.status}, not a PDF")
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf.body)
        f.flush()
        text = subprocess.run(["pdftotext", f.name, "-"], capture_output=True, text=True).stdout
    families = [row[0] for row in stack.sql("SELECT family_name FROM registration_delegate")]
    missing = [name for name in families if name.upper() not in text.upper()]
    if missing:
        raise CheckFailed(f"not on the badges the worker rendered: {missing}")
    return batch


def notifications(stack: Stack) -> dict[str, int]:
    return {s: int(n) for s, n in stack.sql(
        "SELECT status, count(*) FROM outbox_notification GROUP BY status"
    )}  # fmt: skip


def kill_worker_in_a_queue(stack: Stack, browser: Browser, mailbox: Mailbox, n: int = 20):
    """The mail server is paused, so the worker hangs on the e-mails it took; the
    worker is killed there, the queue behind it; each must still arrive once."""
    stack.compose("pause", "mail")
    try:
        addresses = [f"queue-{i}@example.org" for i in range(n)]
        for i, address in enumerate(addresses):
            register(browser, email=address, given="Queue", family=f"Delegate {i}", state="Chile")
        wait_until(
            lambda: notifications(stack).get("sending", 0) > 0,
            30,
            "the worker to take an e-mail of the queue",
            interval=0.2,
        )
        held = notifications(stack).get("sending", 0)
        worker = stack.container_id("worker")
        before = inspect(worker, "{{.RestartCount}}")
        # Its main process killed from the host, as the kernel's OOM killer would:
        # Docker's restart policy (unless-stopped) must bring it back by itself.
        os.kill(int(inspect(worker, "{{.State.Pid}}")), signal.SIGKILL)
    finally:
        stack.compose("unpause", "mail")
    wait_until(
        lambda: (
            inspect(worker, "{{.RestartCount}}") != before
            and inspect(worker, "{{.State.Running}}") == "true"
        ),
        60,
        "Docker to restart the killed worker",
    )
    say(f"    worker killed holding {held} e-mail(s), {n} in the queue; Docker restarted it")
    # Once every row is sent nothing can be sent again: then count what arrived.
    wait_until(lambda: set(notifications(stack)) == {"sent"}, 120, "the queue to be sent (outbox)")
    arrived = Counter(t["Address"] for m in mailbox.messages() for t in m.get("To", []))
    wrong = {a: arrived[a] for a in addresses if arrived[a] != 1}
    if wrong:
        raise CheckFailed(f"after the worker was killed, e-mails arrived not once: {wrong}")


def check_migrated_once(stack: Stack) -> None:
    """The one-shot migrate ran once, each migration once, and no web process migrated."""
    restarts = inspect(stack.container_id("migrate"), "{{.RestartCount}}")
    applied = re.findall(r"Applying (\S+)", stack.logs("migrate", 2000))
    twice = sorted(name for name, n in Counter(applied).items() if n > 1)
    if restarts != "0" or twice:
        raise CheckFailed(f"migrate restarted {restarts} times; applied twice: {twice}")
    if "Applying" in stack.logs("web", 2000):
        raise CheckFailed("a web container ran migrations")


def check_persisted(stack: Stack, counts: dict, hashes: dict, when: str) -> None:
    after_counts, after_hashes = stack.row_counts(), stack.media_hashes()
    lost = {t: (n, after_counts.get(t, 0)) for t, n in counts.items() if after_counts.get(t) != n}
    if lost:
        shown = ", ".join(f"{t} {a} -> {b}" for t, (a, b) in sorted(lost.items())[:8])
        raise CheckFailed(f"rows changed {when} (a missing volume?): {shown}")
    if after_hashes != hashes:
        missing = sorted(set(hashes) - set(after_hashes))
        changed = sorted(p for p in hashes if p in after_hashes and after_hashes[p] != hashes[p])
        raise CheckFailed(
            f"uploaded files lost {when} (a missing volume?): missing {missing[:5]}, "
            f"changed {changed[:5]}"
        )


def restart(stack: Stack) -> float:
    stack.compose("down")
    return stack.up()


def backup_and_restore(stack: Stack) -> None:
    counts, hashes = stack.row_counts(), stack.media_hashes()
    backups = CACHE / "backups"
    shutil.rmtree(backups, ignore_errors=True)
    backups.mkdir(parents=True)
    backups.chmod(0o777)  # the app's user (10001) writes there
    mount = f"{backups}:/backups"
    run = ("run", "--rm", "--no-deps", "--volume", mount, "web")
    printed = stack.compose(*run, "scripts/backup.sh", "/backups").stdout.strip().splitlines()
    folder = printed[-1]
    say(f"    backup made in the container's {folder}; the volumes are destroyed")
    stack.compose("down", "--volumes")
    stack.up("postgres")
    wait_until(lambda: _healthy(stack, "postgres"), 60, "an empty PostgreSQL")
    stack.compose(*run, "scripts/restore.sh", folder)
    stack.up()
    check_persisted(stack, counts, hashes, "by backup.sh and restore.sh")


def _healthy(stack: Stack, service: str) -> bool:
    return any(r["Service"] == service and r.get("Health") == "healthy" for r in stack.containers())


def memory(stack: Stack) -> dict[str, str]:
    ids = {stack.container_id(s): s for s in sorted(HEALTHY | RUNNING)}
    output = subprocess.run(
        ["docker", "stats", "--no-stream", "--format", "{{.ID}} {{.MemUsage}}", *ids],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    usage = {}
    for line in output.splitlines():
        container, used = line.split(" ", 1)
        service = next(s for i, s in ids.items() if i.startswith(container))
        usage[service] = used.split("/")[0].strip()
    return usage


def inspect(container: str, template: str) -> str:
    return subprocess.run(
        ["docker", "inspect", "--format", template, container], capture_output=True, text=True
    ).stdout.strip()


def image_exists(name: str) -> bool:
    inspected = subprocess.run(["docker", "image", "inspect", name], capture_output=True)
    return inspected.returncode == 0


def image_size(name: str) -> str:
    size = subprocess.run(
        ["docker", "image", "inspect", "--format", "{{.Size}}", name],
        capture_output=True,
        text=True,
    ).stdout.strip()
    return f"{int(size) / 1e6:.0f} MB" if size else "?"


def build(stack: Stack) -> float:
    started = time.monotonic()
    stack.compose("build", timeout=1800)
    return time.monotonic() - started


# -- the whole rehearsal ----------------------------------------------------------------


def environment(ports: dict) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if key in {"PATH", "HOME", "DOCKER_HOST", "LANG"} or key.endswith("_IMAGE")
    }
    env.update(
        SECRET_KEY=base64.urlsafe_b64encode(os.urandom(40)).decode(),
        IDENTITY_ENCRYPTION_KEYS=base64.urlsafe_b64encode(os.urandom(32)).decode(),
        POSTGRES_PASSWORD=hashlib.sha256(os.urandom(16)).hexdigest()[:24],
        SITE_URL=f"https://{HOST}:{ports['https']}",
        HTTP_PORT=str(ports["http"]),
        HTTPS_PORT=str(ports["https"]),
        MAILPIT_PORT=str(ports["mail"]),
        APP_IMAGE=APP_IMAGE,
        PROXY_IMAGE=PROXY_IMAGE,
        PUBLISH_ADDRESS="127.0.0.1",
        # Operational settings a deployer may tune, shortened so the rehearsal is quick:
        # a killed worker's e-mail is taken back after 15 s instead of 5 minutes.
        NOTIFICATION_CLAIM_LEASE_SECONDS="15",
        NOTIFICATION_SWEEP_SECONDS="5",
        # The rehearsal registers 100+ people from one address within a minute.
        RATELIMIT_POSTS="10000",
    )
    for name in ("BASE_IMAGE", "DEBIAN_IMAGE"):
        if name in os.environ:
            env[name] = os.environ[name]
    return env


def certificate(directory: Path) -> list[Path]:
    """A self-signed certificate where the proxy reads one, unless one is there (a
    deployer's own is used and kept). Returns the files made, to remove at the end."""
    certs = directory / "deploy" / "certs"
    certs.mkdir(parents=True, exist_ok=True)
    if (certs / "fullchain.pem").exists():
        return []
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", f"/CN={HOST}", "-addext", f"subjectAltName=DNS:{HOST}",
         "-keyout", str(certs / "privkey.pem"), "-out", str(certs / "fullchain.pem")],
        check=True,
        capture_output=True,
    )  # fmt: skip
    (certs / "privkey.pem").chmod(0o644)  # read by nginx's master in the proxy container
    return [certs / "privkey.pem", certs / "fullchain.pem"]


def previous_tree(revision: str) -> Path | None:
    """The previous commit's files, if its compose file can run on the stand-ins."""
    commit = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    if not commit:
        say(f"    {revision} is not a commit here: no upgrade to rehearse")
        return None
    shown = subprocess.run(
        ["git", "-C", str(ROOT), "show", f"{commit}:Dockerfile", f"{commit}:docker-compose.yml"],
        capture_output=True,
        text=True,
    ).stdout
    if "ARG BASE_IMAGE" not in shown or "POSTGRES_IMAGE" not in shown:
        say(f"    {commit[:10]} predates the stand-in build arguments: no upgrade to rehearse")
        return None
    tree = CACHE / "previous"
    shutil.rmtree(tree, ignore_errors=True)
    tree.mkdir(parents=True)
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", commit], capture_output=True, check=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
    say(f"    the previous release: {commit[:10]}")
    return tree


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--upgrade-from", default=os.environ.get("UPGRADE_FROM", "HEAD~1"))
    parser.add_argument("--compose-file", type=Path, default=ROOT / "docker-compose.yml")
    parts = parser.add_mutually_exclusive_group()
    parts.add_argument("--no-self-tests", action="store_true", help="skip breaking the file")
    parts.add_argument("--only-self-tests", action="store_true", help="only break the file")
    args = parser.parse_args()

    ports = {"http": free_port(24080), "https": 0, "mail": 0}
    ports["https"] = free_port(ports["http"] + 1)
    ports["mail"] = free_port(ports["https"] + 1)
    env = environment(ports)
    made_certificate = certificate(ROOT)
    stack = Stack(ROOT, args.compose_file.resolve(), env)
    browser = Browser(ports["https"])
    mailbox = Mailbox(ports["mail"])
    figures: dict[str, str] = {}
    stack.compose("down", "--volumes", "--remove-orphans")
    try:
        if not args.only_self_tests:
            run_rehearsal(args, stack, browser, mailbox, env, figures)
            stack.compose("down", "--volumes", "--remove-orphans")
        if not args.no_self_tests:
            self_tests(env, browser)
    except CheckFailed as failure:
        say(f"\nFAILED: {failure}")
        return 1
    finally:
        stack.compose("down", "--volumes", "--remove-orphans", check=False)
        for pem in made_certificate:
            pem.unlink(missing_ok=True)
        # The backup holds the rehearsal's (fictional) people: not kept after the check.
        shutil.rmtree(CACHE / "backups", ignore_errors=True)
    step("Figures")
    for name, value in figures.items():
        say(f"    {name}: {value}")
    return 0


# Two ways to break the compose file, and what the check must then say.
BREAKS = {
    "a wrong health check": (
        "http://127.0.0.1:8000/healthz",
        "http://127.0.0.1:8000/healthz-wrong",
        "web is unhealthy",
    ),
    "a missing volume": (
        "    volumes:\n      - postgres-data:/var/lib/postgresql/data\n",
        "",
        "rows changed by docker compose down and up (a missing volume?): auth_user 1 -> 0",
    ),
}


def self_tests(env: dict, browser: Browser) -> None:
    """Break the compose file each way: the check must fail, saying what broke."""
    for name, (original, broken, expected) in BREAKS.items():
        step(f"Self-test: the check on a compose file with {name}")
        text = (ROOT / "docker-compose.yml").read_text()
        if original not in text:
            raise CheckFailed(f"self-test: {original.strip()!r} is no longer in the file")
        path = CACHE / "docker-compose.broken.yml"
        path.write_text(text.replace(original, broken, 1))
        stack = Stack(ROOT, path, env, label=f"with {name}")
        try:
            persistence(stack)
        except CheckFailed as failure:
            if expected not in str(failure):
                message = f"with {name} the check said {failure}, not {expected!r}"
                raise CheckFailed(message) from None
            say(f"    failed as it must: {str(failure)[:300]}")
        else:
            raise CheckFailed(f"the check passed on a compose file with {name}")
        finally:
            stack.compose("down", "--volumes", "--remove-orphans", check=False)


def persistence(stack: Stack) -> None:
    """Up, one account made (a row that no start re-creates), down, up: all kept."""
    stack.up()
    stack.exec(
        "web", "python", "manage.py", "createsuperuser", "--noinput",
        "--username", "isu-persistence", "--email", "isu-persistence@example.org",
        env={"DJANGO_SUPERUSER_PASSWORD": base64.urlsafe_b64encode(os.urandom(18)).decode()},
    )  # fmt: skip
    counts, hashes = stack.row_counts(), stack.media_hashes()
    restart(stack)
    check_persisted(stack, counts, hashes, "by docker compose down and up")


def run_rehearsal(args, stack, browser, mailbox, env, figures) -> None:
    previous = previous_tree(args.upgrade_from)
    upgraded_counts = None
    if previous is not None:
        step("The previous release: built, started, given data")
        certificate(previous)
        old = Stack(previous, previous / "docker-compose.yml", env, label="previous release")
        cold = not image_exists(APP_IMAGE)
        figures["build of the previous release"] = (
            f"{build(old):.0f} s ({'cold: no image before' if cold else 'some image before'})"
        )
        old.up()
        previous_isu = Browser(browser.port)
        isu_signs_in(old, previous_isu, username="isu-previous")
        open_registration(old, previous_isu)
        register(browser, email="before-upgrade@example.org", given="Ana", family="Antes",
                 state="Colombia")  # fmt: skip
        mailbox.one_for("before-upgrade@example.org")
        upgraded_counts = old.row_counts()
        say(f"    {sum(upgraded_counts.values())} rows in {len(upgraded_counts)} tables")

    step("This commit: build (then again, from the cache)")
    cold = not image_exists(APP_IMAGE)
    figures["build"] = (
        f"{build(stack):.0f} s ({'cold: no image before' if cold else 'some image before'})"
    )
    figures["build again, cached"] = f"{build(stack):.1f} s"
    for image in (APP_IMAGE, PROXY_IMAGE):
        figures[f"image {image}"] = image_size(image)

    step("Up: every service healthy")
    figures["from up to healthy"] = f"{stack.up():.0f} s"
    check_migrated_once(stack)
    if upgraded_counts is not None:
        after = stack.row_counts()
        lost = {t: (n, after.get(t)) for t, n in upgraded_counts.items() if after.get(t, 0) < n}
        if lost:
            raise CheckFailed(f"the upgrade lost rows: {lost}")
        applied = re.findall(r"Applying (\S+)", stack.logs("migrate", 400))
        say(f"    upgraded: every row kept; migrate applied {len(applied)} migration(s) once")

    step("HTTPS through the proxy; HTTP redirected")
    plain = urllib.request.build_opener(NoRedirect()).open
    try:
        plain(urllib.request.Request(
            f"http://127.0.0.1:{env['HTTP_PORT']}/en/", headers={"Host": HOST}
        ), timeout=10)  # fmt: skip
        raise CheckFailed("HTTP was not redirected")
    except urllib.error.HTTPError as redirect:
        if redirect.code != 301 or not redirect.headers["Location"].startswith(f"https://{HOST}/"):
            location = redirect.headers["Location"]
            raise CheckFailed(f"HTTP answered {redirect.code} {location}") from None
    home = browser.get("/en/")
    if home.status != 200 or "Strict-Transport-Security" not in home.headers:
        raise CheckFailed(f"HTTPS home answered {home.status} {home.headers}")
    static = re.search(r'href="(/static/[^"]+\.css)"', home.text)
    stylesheet = browser.get(static[1]) if static else None
    # From nginx's disk, not through Django (whose answers carry its security headers).
    if not stylesheet or stylesheet.status != 200 or "Referrer-Policy" in stylesheet.headers:
        raise CheckFailed("nginx does not serve the stylesheet itself")

    step("ISU: an account made with manage.py signs in with its code and edits")
    isu = Browser(browser.port)
    isu_signs_in(stack, isu)
    if upgraded_counts is None:
        open_registration(stack, isu)
    edits = isu_edits(stack, isu)
    step("A delegate registers in French; the e-mail arrives once, in French")
    french = Browser(browser.port, language="fr")
    rest = memory(stack)
    register(french, email="lea.rehearsal@example.org", given="Léa", family="Dupré",
             state="Sénégal")  # fmt: skip
    message = mailbox.one_for("lea.rehearsal@example.org")
    text = body_text(message)
    if "inscription" not in str(message["Subject"]).lower():
        raise CheckFailed(f"the e-mail is not in French: {message['Subject']!r}")
    if not str(message["Message-ID"]).endswith(f"@{HOST}>"):
        raise CheckFailed(f"the Message-ID is not in the site's domain: {message['Message-ID']}")
    if message["Auto-Submitted"] != "auto-generated":
        raise CheckFailed(f"Auto-Submitted is {message['Auto-Submitted']!r}")
    link = re.search(r"https://\S+/fr/registration/\S+/", text)
    if not link:
        raise CheckFailed(f"no private link in the e-mail:\n{text[:800]}")
    mine = Browser(browser.port, language="fr").get(browser.local(link[0]))
    if mine.status != 200 or "Dupré" not in mine.text:
        raise CheckFailed(f"the private link answered {mine.status} without the delegate's name")
    say(f"    {message['Subject']} | Message-ID {message['Message-ID']}")
    upload_statement(Browser(browser.port, language="fr"), browser.local(link[0]))

    step("ISU: badges of every delegate, rendered by the worker container")
    started = time.monotonic()
    batch = print_badges(stack, isu)
    figures["badge batch rendered by the worker container"] = f"{time.monotonic() - started:.1f} s"
    say(f"    badge batch {batch} rendered by the worker, downloaded, names on it")

    step("The worker container killed in the middle of a queue of e-mails")
    kill_worker_in_a_queue(stack, browser, mailbox)
    say("    each e-mail arrived exactly once; the outbox holds only sent rows")

    step("docker compose down, then up: rows, files and the ISU's edits kept")
    counts, hashes = stack.row_counts(), stack.media_hashes()
    figures["down and up to healthy"] = f"{restart(stack):.0f} s"
    check_persisted(stack, counts, hashes, "by docker compose down and up")
    check_edits(stack, edits, "by a restart (migrate and load_reference_data ran again)")
    say(f"    {sum(counts.values())} rows and {len(hashes)} files kept; the edits too")

    step("scripts/backup.sh and restore.sh against the containers")
    backup_and_restore(stack)
    check_edits(stack, edits, "by backup and restore")
    say("    the restored database and media match (rows and file hashes)")

    step("100 registrations: memory of each service at rest and after")
    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        list(pool.map(
            lambda i: register(Browser(browser.port), email=f"load-{i}@example.org",
                               given="Load", family=f"Test {i}", state="Kenya"),
            range(100),
        ))  # fmt: skip
    figures["100 registrations through the proxy (4 at a time)"] = (
        f"{time.monotonic() - started:.1f} s"
    )
    wait_until(lambda: set(notifications(stack)) == {"sent"}, 120, "the 100 e-mails to be sent")
    after = memory(stack)
    for service in sorted(rest):
        figures[f"memory {service}"] = f"{rest[service]} at rest, {after.get(service)} after"
    load_mails = [m for m in mailbox.messages() if m["To"][0]["Address"].startswith("load-")]
    if len(load_mails) != 100 or len({m["MessageID"] for m in load_mails}) != 100:
        raise CheckFailed(f"{len(load_mails)} e-mails for the 100 registrations")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


if __name__ == "__main__":
    sys.exit(main())

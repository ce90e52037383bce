#!/usr/bin/python3
"""A mail catcher with Mailpit's interface, as far as the rehearsal uses it.

    /mailpit            SMTP on :1025, HTTP on :8025, messages kept in memory
    /mailpit readyz     exit 0 when the HTTP side answers (the health check)

HTTP: GET /readyz, GET /api/v1/messages (newest first), GET /api/v1/message/ID/raw,
DELETE /api/v1/messages. Field names as in Mailpit's API (ID, MessageID, Subject, To).
"""

import json
import sys
import threading
import time
import urllib.parse
import urllib.request
import uuid
from email import message_from_bytes, policy
from email.utils import getaddresses
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from aiosmtpd.controller import Controller

MESSAGES: list[dict] = []
LOCK = threading.Lock()


class Catcher:
    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content or envelope.content
        message = message_from_bytes(raw, policy=policy.default)
        entry = {
            "ID": uuid.uuid4().hex,
            "MessageID": (message.get("Message-ID") or "").strip().strip("<>"),
            "Subject": str(message.get("Subject", "")),
            "To": [{"Name": n, "Address": a} for n, a in getaddresses(message.get_all("To", []))],
            "Created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "Size": len(raw),
            "raw": raw,
        }
        with LOCK:
            MESSAGES.append(entry)
        return "250 Message accepted for delivery"


class Api(BaseHTTPRequestHandler):
    def _send(self, status, body: bytes, content_type="application/json"):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path == "/readyz":
            return self._send(200, b"ok", "text/plain")
        url = urllib.parse.urlsplit(self.path)
        if url.path == "/api/v1/messages":
            # As Mailpit: the newest first, 50 unless ?limit= says otherwise.
            limit = int(urllib.parse.parse_qs(url.query).get("limit", ["50"])[0])
            with LOCK:
                listed = [{k: v for k, v in m.items() if k != "raw"} for m in reversed(MESSAGES)]
            body = {"total": len(listed), "messages_count": len(listed), "messages": listed[:limit]}
            return self._send(200, json.dumps(body).encode())
        parts = self.path.strip("/").split("/")
        if len(parts) == 5 and parts[:3] == ["api", "v1", "message"] and parts[4] == "raw":
            with LOCK:
                found = [m for m in MESSAGES if m["ID"] == parts[3]]
            if found:
                return self._send(200, found[0]["raw"], "text/plain; charset=utf-8")
        return self._send(404, b"not found", "text/plain")

    def do_DELETE(self):
        if self.path == "/api/v1/messages":
            with LOCK:
                MESSAGES.clear()
            return self._send(200, b"ok", "text/plain")
        return self._send(404, b"not found", "text/plain")

    def log_message(self, format, *args):
        pass


def readyz() -> int:
    try:
        with urllib.request.urlopen("http://127.0.0.1:8025/readyz", timeout=3) as response:
            return 0 if response.status == 200 else 1
    except OSError:
        return 1


def serve() -> None:
    smtp = Controller(Catcher(), hostname="0.0.0.0", port=1025)
    smtp.start()
    print("mailpit stand-in: SMTP on :1025, HTTP on :8025", flush=True)
    ThreadingHTTPServer(("0.0.0.0", 8025), Api).serve_forever()


if __name__ == "__main__":
    sys.exit(readyz() if sys.argv[1:] == ["readyz"] else serve())

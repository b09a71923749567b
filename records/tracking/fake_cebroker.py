"""A local stand-in for CE Broker's web service, for tests and the demo: never the real thing.

It keeps course rosters in memory and answers the roster message (cebroker_xml.py) with a
receipt of the documented shape: each attendee with its new identifier, or a Message saying
what was wrong (a course tracking number it does not know, a licence not in the state
database, a licensee already on the roster).
Tests script its failures: `server.fake.script("500", "malformed", "slow", "lost", "queued")`
makes the next requests fail in those ways, one each, in order. It also answers licence
validation (GET /validate) from `licensees`.

Run it with `manage.py fake_cebroker` (the demo) or `FakeCEBrokerServer()` (the test suite):
it listens on 127.0.0.1 only.
"""

import email.parser
import email.policy
import itertools
import json
import re
import threading
import time
from collections import Counter
from socketserver import ThreadingMixIn
from urllib.parse import parse_qs
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server
from xml.sax.saxutils import quoteattr

from defusedxml import ElementTree

LICENCE_FORMAT = re.compile(r"[A-Z]{2}\d{4,7}")
NOT_IN_DATABASE = "License number not found in the state licensing database."
ALREADY = "Licensee is already on the roster for this course."
BAD_FORMAT = "License number is not in the state's format."
UNKNOWN_COURSE = "Course tracking number not found for this provider."


class FakeCEBroker:
    """The WSGI application and its state (thread-safe)."""

    def __init__(self, *, slow_seconds: float = 30.0):
        self.lock = threading.Lock()
        self.rosters: dict[tuple[str, str], dict[str, str]] = {}
        self.unknown_licences: set[str] = set()
        # Course tracking numbers it refuses; when `courses` is not empty, all others too.
        self.unknown_courses: set[str] = set()
        self.courses: set[str] = set()
        self.licensees: dict[str, str] = {}  # licence -> last name, for validation
        self.accounts: dict[str, str] = {}  # username -> password; empty: anyone
        self.uploads: list[str] = []  # upload keys, in order received
        self.refused_duplicates = 0  # licensees sent again for a roster they were on
        self.added = Counter()  # (course, licence) -> times added: never more than 1
        self.plan: list[str] = []
        self.slow_seconds = slow_seconds
        self.release = threading.Event()
        self.ids = itertools.count(700001)

    def script(self, *behaviours: str) -> None:
        with self.lock:
            self.plan.extend(behaviours)

    def on_roster(self, course: str, licence: str) -> bool:
        return any(licence in names for (_, c), names in self.rosters.items() if c == course)

    def knows_course(self, course: str) -> bool:
        return course not in self.unknown_courses and (not self.courses or course in self.courses)

    def roster_size(self) -> int:
        return sum(len(names) for names in self.rosters.values())

    # --- WSGI ---

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        if environ["REQUEST_METHOD"] == "GET" and path.rstrip("/").endswith("/validate"):
            return self._validate(environ, start_response)
        if environ["REQUEST_METHOD"] != "POST":
            return _respond(start_response, "405 Method Not Allowed", b"POST a roster message.")
        with self.lock:
            behaviour = self.plan.pop(0) if self.plan else "ok"
        if behaviour == "500":
            return _respond(start_response, "500 Internal Server Error", b"Server error")
        if behaviour == "malformed":
            return _respond(
                start_response, "200 OK", b"<rosters><roster><attendee key=", "text/xml"
            )
        form = _read_form(environ)
        if self.accounts and self.accounts.get(form.get("username", "")) != form.get("password"):
            return _respond(start_response, "401 Unauthorized", b"Unknown provider account.")
        try:
            root = ElementTree.fromstring(form.get("InXML", b""))
        except ElementTree.ParseError:
            return _respond(start_response, "400 Bad Request", b"The message is not XML.")
        if behaviour == "queued":
            key = quoteattr(root.get("upload_key", ""))
            body = f'<rosters upload_key={key} status="queued"/>'.encode()
            return _respond(start_response, "200 OK", body, "text/xml")
        receipt = self._process(root)
        if behaviour == "lost":  # processed, but the receipt never reaches the provider
            return _respond(start_response, "502 Bad Gateway", b"Upstream connection reset")
        if behaviour == "slow":  # processed; answers after the client has given up
            self.release.wait(self.slow_seconds)
        return _respond(start_response, "200 OK", receipt, "text/xml")

    def _process(self, root) -> bytes:
        stamp = time.strftime("%Y-%m-%dT%H:%M:%S")
        upload_key = root.get("upload_key", "")
        out = [f'<rosters upload_key={quoteattr(upload_key)} id_receipt="RCPT-{next(self.ids)}">']
        with self.lock:
            self.uploads.append(upload_key)
            for roster in root.iter("roster"):
                provider, course = roster.get("id_provider", ""), roster.get("id_course", "")
                out.append(
                    f"<roster id_provider={quoteattr(provider)} id_course={quoteattr(course)}>"
                )
                names = self.rosters.setdefault((provider, course), {})
                known_course = self.knows_course(course)
                for attendee in roster.iter("attendee"):
                    licence = attendee.get("license", "")
                    key = quoteattr(attendee.get("key", ""))
                    head = (
                        f'<attendee key={key} license={quoteattr(licence)} dt_processed="{stamp}"'
                    )
                    if not known_course:
                        out.append(f"{head} Message={quoteattr(UNKNOWN_COURSE)}/>")
                    elif not LICENCE_FORMAT.fullmatch(licence):
                        out.append(f"{head} Message={quoteattr(BAD_FORMAT)}/>")
                    elif licence in self.unknown_licences:
                        out.append(f"{head} Message={quoteattr(NOT_IN_DATABASE)}/>")
                    elif licence in names:
                        self.refused_duplicates += 1
                        out.append(f"{head} Message={quoteattr(ALREADY)}/>")
                    else:
                        names[licence] = str(next(self.ids))
                        self.added[(course, licence)] += 1
                        out.append(f'{head} id_attendance="{names[licence]}" Message=""/>')
                out.append("</roster>")
        out.append("</rosters>")
        return "".join(out).encode()

    def _validate(self, environ, start_response):
        query = parse_qs(environ.get("QUERY_STRING", ""))
        licence = (query.get("license") or [""])[0]
        known = licence in self.licensees or (
            not self.licensees
            and LICENCE_FORMAT.fullmatch(licence)
            and licence not in self.unknown_licences
        )
        if not known:
            return _respond(
                start_response, "404 Not Found", b'{"found": false}', "application/json"
            )
        last_name = self.licensees.get(licence) or (query.get("last_name") or [""])[0]
        body = json.dumps({"found": True, "last_name": last_name, "status": "active"}).encode()
        return _respond(start_response, "200 OK", body, "application/json")


def _respond(start_response, status: str, body: bytes, content_type: str = "text/plain"):
    start_response(status, [("Content-Type", content_type), ("Content-Length", str(len(body)))])
    return [body]


def _read_form(environ) -> dict:
    """The posted fields: a multipart upload (InXML as a file) or a plain form post."""
    length = int(environ.get("CONTENT_LENGTH") or 0)
    body = environ["wsgi.input"].read(length)
    content_type = environ.get("CONTENT_TYPE", "")
    if content_type.startswith("multipart/form-data"):
        message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
            f"Content-Type: {content_type}\r\n\r\n".encode() + body
        )
        fields = {}
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            payload = part.get_payload(decode=True) or b""
            fields[name] = payload if name == "InXML" else payload.decode()
        return fields
    fields = {k: v[0] for k, v in parse_qs(body.decode()).items()}
    if "InXML" in fields:
        fields["InXML"] = fields["InXML"].encode()
    return fields


class _Quiet(WSGIRequestHandler):
    def log_message(self, format, *args):
        pass


class _ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class FakeCEBrokerServer:
    """The fake on a free port of 127.0.0.1, in a thread: `with FakeCEBrokerServer() as s:`."""

    def __init__(self, *, port: int = 0, fake: FakeCEBroker | None = None):
        self.fake = fake or FakeCEBroker()
        self.httpd = make_server(
            "127.0.0.1", port, self.fake, server_class=_ThreadingServer, handler_class=_Quiet
        )
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_port}/roster"

    @property
    def validation_url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_port}/validate"

    def start(self) -> "FakeCEBrokerServer":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.fake.release.set()
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=10)

    def __enter__(self) -> "FakeCEBrokerServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

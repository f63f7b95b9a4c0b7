"""Fakes for the source tests: a local fake API with injectable faults, and a fake ingest.

The server listens on 127.0.0.1 only, in a thread, and behaves like the real APIs: Zendesk
cursor export with ``after_cursor``/``end_of_stream``, comments with ``next_page``,
page-numbered reviews with ``links``, cursor and ``Link`` header pagination. Faults are queued
per route and consumed one per request: ``429`` (Retry-After: 7), ``429-date`` (Retry-After as
an HTTP date), ``429-long``, ``500``, ``503``, ``timeout`` (sleeps past the client timeout),
``malformed`` (truncated JSON), ``shape`` (valid JSON of the wrong shape), ``repeat`` (cursor
or page that repeats), ``offsite`` (next link to another host), ``401`` and ``ok`` (no fault,
to target a later request).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import threading
import time
from collections import defaultdict, deque
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import duckdb
import pandas as pd

from pipelines import store
from pipelines.config import Settings
from pipelines.errors import VocError

TOKEN = "tok-S3CR3T-9f8e7d6c5b4a"
ZD_USER = "agent@example.it/token"
NOW = datetime(2026, 3, 2, 9, 0, 0)
FIXED_DATE = datetime(2026, 3, 2, 9, 0, 0, tzinfo=UTC)


def _ts(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


class FakeApi:
    """State and behaviour of the fake server (mutable by tests between pulls)."""

    def __init__(self) -> None:
        self.base_url = ""
        self.tickets: list[dict[str, Any]] = []  # the export stream, oldest update first
        self.comments: dict[int, list[dict[str, Any]]] = {}
        self.reviews: list[dict[str, Any]] = []
        self.posts: list[dict[str, Any]] = []
        self.linked: list[dict[str, Any]] = []
        self.page_size = 2
        self.timeout_sleep = 0.4
        self.faults: dict[str, deque[str]] = defaultdict(deque)
        self.requests: list[tuple[str, dict[str, str], dict[str, str]]] = []
        self.lock = threading.Lock()

    def fault(self, route: str, *kinds: str) -> None:
        """Queue faults for the next requests of ``route``."""
        self.faults[route].extend(kinds)

    def calls(self, route_prefix: str) -> list[dict[str, str]]:
        """Query strings of the requests whose path starts with ``route_prefix``."""
        return [q for path, q, _ in self.requests if path.startswith(route_prefix)]

    # ------------------------------------------------------------------ data helpers

    def add_ticket(self, tid: int, updated_at: str, *, status: str = "open", n_comments: int = 2,
                   subject: str | None = None) -> None:  # fmt: skip
        requester = 1000 + tid
        self.tickets.append(
            {
                "id": tid,
                "requester_id": requester,
                "status": status,
                "created_at": "2026-02-01T08:00:00Z",
                "updated_at": updated_at,
                "subject": subject or f"Problema numero {tid}",
                "via": {"channel": "email" if tid % 2 else "voice"},
            }
        )
        self.comments[tid] = [
            {
                "id": tid * 100 + i,
                "author_id": requester if i % 2 == 0 else 77,
                "created_at": "2026-02-01T08:00:00Z",
                "plain_body": f"Messaggio {i} del ticket {tid}: la fattura non torna.",
                "public": True,
            }
            for i in range(n_comments)
        ]

    # ------------------------------------------------------------------ routes

    def route(self, path: str) -> tuple[str, Any, re.Match[str] | None]:
        table = [
            ("export", r"/api/v2/incremental/tickets/cursor\.json", self.export),
            ("comments", r"/api/v2/tickets/(\d+)/comments\.json", self.ticket_comments),
            ("reviews", r"/v1/business-units/bu-1/reviews", self.review_page),
            ("posts", r"/api/posts", self.post_page),
            ("linked", r"/api/linked", self.linked_page),
        ]
        for name, pattern, fn in table:
            if match := re.fullmatch(pattern, path):
                return name, fn, match
        return "unknown", None, None

    def export(self, q: dict[str, str], fault: str, _m: Any) -> tuple[int, Any, dict[str, str]]:
        size = min(int(q.get("per_page", 1000)), self.page_size)
        if "cursor" in q:
            if "start_time" in q:
                return 400, {"error": "start_time and cursor are exclusive"}, {}
            pos = int(q["cursor"].removeprefix("cur-"))
        else:
            start = int(q.get("start_time", 0))
            pos = next(
                (
                    i
                    for i, t in enumerate(self.tickets)
                    if _ts(t["updated_at"]).timestamp() >= start
                ),
                len(self.tickets),
            )
        page = self.tickets[pos : pos + size]
        end = pos + len(page)
        after = f"cur-{end}"
        if fault == "repeat":
            after = q.get("cursor", f"cur-{pos}")
        body = {
            "tickets": page,
            "after_cursor": after,
            "before_cursor": f"cur-{pos}",
            "end_of_stream": end >= len(self.tickets),
        }
        return 200, body, {}

    def ticket_comments(
        self, q: dict[str, str], fault: str, m: Any
    ) -> tuple[int, Any, dict[str, str]]:
        tid = int(m.group(1))
        if tid not in self.comments:
            return 404, {"error": "RecordNotFound"}, {}
        page = int(q.get("page", 1))
        items = self.comments[tid][(page - 1) * 2 : page * 2]
        more = page * 2 < len(self.comments[tid])
        nxt = (
            f"{self.base_url}/api/v2/tickets/{tid}/comments.json?page={page + 1}" if more else None
        )
        return 200, {"comments": items, "next_page": nxt, "count": len(self.comments[tid])}, {}

    def review_page(
        self, q: dict[str, str], fault: str, _m: Any
    ) -> tuple[int, Any, dict[str, str]]:
        size = min(int(q.get("perPage", 20)), self.page_size)
        page = 1 if fault == "repeat" else int(q.get("page", 1))
        assert q.get("orderBy") == "createdat.asc"
        items = sorted(self.reviews, key=lambda r: r["createdAt"])
        if since := q.get("startDateTime"):
            items = [r for r in items if _ts(r["createdAt"]) >= _ts(since)]
        chunk = items[(page - 1) * size : page * size]
        links = [{"rel": "self", "href": "x", "method": "GET"}]
        if page * size < len(items):
            links.append({"rel": "next-page", "href": f"?page={page + 1}", "method": "GET"})
        return 200, {"reviews": chunk, "links": links}, {}

    def post_page(self, q: dict[str, str], fault: str, _m: Any) -> tuple[int, Any, dict[str, str]]:
        items = sorted(self.posts, key=lambda p: p["created_at"])
        if since := q.get("since"):
            items = [p for p in items if _ts(p["created_at"]) >= _ts(since)]
        offset = int(q.get("cursor", "o0").removeprefix("o"))
        chunk = items[offset : offset + self.page_size]
        end = offset + len(chunk)
        nxt = f"o{end}" if end < len(items) else None
        if fault == "repeat":
            nxt = q.get("cursor", "o0")
        return 200, {"data": chunk, "meta": {"next_cursor": nxt}}, {}

    def linked_page(
        self, q: dict[str, str], fault: str, _m: Any
    ) -> tuple[int, Any, dict[str, str]]:
        page = int(q.get("page", 1))
        chunk = self.linked[(page - 1) * self.page_size : page * self.page_size]
        headers = {}
        if page * self.page_size < len(self.linked):
            host = "http://other.invalid" if fault == "offsite" else self.base_url
            target = page if fault == "repeat" else page + 1
            headers["Link"] = f'<{host}/api/linked?page={target}>; rel="next"'
        return 200, {"items": chunk}, headers


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:  # quiet test output
        pass

    def date_time_string(self, timestamp: float | None = None) -> str:
        return format_datetime(FIXED_DATE, usegmt=True)  # deterministic Date header

    def _authorized(self) -> bool:
        expected_basic = base64.b64encode(f"{ZD_USER}:{TOKEN}".encode()).decode()
        return (
            self.headers.get("Authorization") in (f"Bearer {TOKEN}", f"Basic {expected_basic}")
            or self.headers.get("apikey") == TOKEN
        )

    def _send(self, status: int, body: bytes, headers: dict[str, str]) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        for key, value in headers.items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        api = self.server.api
        url = urlsplit(self.path)
        query = dict(parse_qsl(url.query))
        name, handler, match = api.route(url.path)
        with api.lock:
            api.requests.append((url.path, query, dict(self.headers)))
            fault = api.faults[name].popleft() if api.faults[name] else "ok"
        if handler is None:
            return self._send(404, b'{"error": "not found"}', {})
        if fault == "401" or not self._authorized():
            return self._send(401, b'{"error": "Couldn\'t authenticate you"}', {})
        if fault == "429":
            return self._send(429, b'{"error": "rate limited"}', {"Retry-After": "7"})
        if fault == "429-long":
            return self._send(429, b'{"error": "rate limited"}', {"Retry-After": "86400"})
        if fault == "429-date":
            # The Date header (fixed, see date_time_string) is the reference: 5 s to wait.
            later = format_datetime(FIXED_DATE + timedelta(seconds=5), usegmt=True)
            return self._send(429, b"{}", {"Retry-After": later})
        if fault in ("500", "503"):
            return self._send(int(fault), b"<html>Internal Server Error</html>", {})
        if fault == "timeout":
            time.sleep(api.timeout_sleep)  # the client gave up already; the reply is lost
        status, body, headers = handler(query, fault, match)
        if fault == "shape":
            body = {"error": None, "results": "maintenance"}  # valid JSON, wrong shape
        raw = json.dumps(body).encode()
        if fault == "malformed":
            raw = raw[: len(raw) // 2]
        self._send(status, raw, headers)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    api: FakeApi

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # broken pipes after client-side timeouts are expected


# --------------------------------------------------------------------------- fake ingest


def _naive(value: Any) -> Any:
    if value in (None, ""):
        return pd.NaT
    return (
        pd.Timestamp(value).tz_convert("UTC").tz_localize(None)
        if pd.Timestamp(value).tzinfo
        else pd.Timestamp(value)
    )


class FakeIngest:
    """Stands in for ``pipelines.steps.ingest_file``: stores JSONL records as documents with
    the real ``store.write_batch`` (idempotent by doc_id), so duplicates would show."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, Path]] = []
        self.crash_next = False

    def __call__(
        self, settings: Settings, kind: str, path: Path, *, now: datetime,
        mapping_path: Path | None = None, fmt: str | None = None,
    ) -> SimpleNamespace:  # fmt: skip
        self.calls.append((kind, Path(path)))
        if self.crash_next:
            self.crash_next = False
            raise RuntimeError("simulated crash between pull and ingest commit")
        try:
            rows = [
                json.loads(line) for line in Path(path).read_text().splitlines() if line.strip()
            ]
        except json.JSONDecodeError:
            raise VocError(f"{Path(path).name}: not valid JSON Lines") from None
        docs, comments = [], []
        for i, row in enumerate(rows, start=1):
            doc_id = f"{kind}:{row['id']}"
            if kind == "tickets":
                text = " ".join(
                    [row.get("subject") or ""]
                    + [c["body"] for c in row["comments"] if c["author_role"] == "customer"]
                )
                for j, c in enumerate(row["comments"]):
                    comments.append(
                        {"doc_id": doc_id, "comment_id": c["id"], "comment_idx": j,
                         "author_role": c["author_role"], "created_at": _naive(c["created_at"]),
                         "text": c["body"]}
                    )  # fmt: skip
            else:
                text = row.get("text") or ""
            docs.append(
                {
                    "doc_id": doc_id, "kind": kind, "source_id": str(row["id"]),
                    "channel": row.get("channel") or row.get("platform"),
                    "customer_id": row.get("customer_id") or row.get("requester_id") or row.get("author_id"),
                    "created_at": _naive(row["created_at"]), "updated_at": _naive(row.get("updated_at")),
                    "title": row.get("title") or row.get("subject"), "text": text,
                    "text_hash": hashlib.sha256(text.encode()).hexdigest(),
                    "rating": float(row["rating"]) if row.get("rating") is not None else float("nan"),
                    "status": row.get("status"), "language": "it", "is_duplicate": False,
                    "duplicate_of": None, "repairs": None, "redacted": True,
                    "source_file": Path(path).name, "source_row": i, "ingest_run_id": None,
                    "ingested_at": now,
                }
            )  # fmt: skip
        frame = pd.DataFrame(docs)
        for column in store.DOCUMENT_COLUMNS:
            if column not in frame:
                frame[column] = None
        con = duckdb.connect(str(settings.db))  # already migrated by pull_source: skip that cost
        try:
            run_id = store.start_run(con, "ingest", {"file": Path(path).name}, now)
            frame["ingest_run_id"] = run_id
            counts = store.write_batch(con, frame, pd.DataFrame(comments), pd.DataFrame())
            store.finish_run(con, run_id, status="ok", stats=counts, finished_at=now)
        finally:
            con.close()
        return SimpleNamespace(run_id=run_id, **counts)


class Sleeps(list):
    """Records requested waits instead of sleeping."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def db_rows(settings: Settings, sql: str) -> list[tuple[Any, ...]]:
    """Rows of a query on the test database."""
    con = duckdb.connect(str(settings.db))
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def api_config(api: FakeApi, kind: str, **extra: Any) -> dict[str, Any]:
    """A source config for the fake API with fast retries and a short timeout."""
    config = {
        "name": f"test_{kind}",
        "type": kind,
        "base_url": api.base_url,
        "auth_env": "TEST_API_TOKEN",
        "timeout": 0.2,
        "backoff": 0.001,
        "retries": 4,
        "trust_env": False,
        "deadline": 30,
    }
    config.update(extra)
    return config

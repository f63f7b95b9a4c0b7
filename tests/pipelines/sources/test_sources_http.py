"""The HTTP framework against the local fake API: retries, Retry-After, timeouts, pagination."""

from __future__ import annotations

import logging
import socket

import httpx
import pytest
from sources_fakes import TOKEN

from pipelines.errors import VocError
from pipelines.sources.http import (
    CursorPagination,
    HttpClient,
    HttpSourceError,
    HttpStatusError,
    LinkHeaderPagination,
    PageNumberPagination,
    RepeatedCursorError,
    RetryPolicy,
    auth_headers,
    check_no_inline_secrets,
    later,
    paginate,
    parse_retry_after,
    redact_headers,
    redact_url,
    resolve_secret,
)

FAST = RetryPolicy(max_attempts=4, base_delay=0.01, max_delay=0.05, timeout=0.2, jitter=0.0)


def client(api, sleeps, policy=FAST, token=TOKEN):
    return HttpClient(
        api.base_url,
        source="test",
        headers={"Authorization": f"Bearer {token}"},
        policy=policy,
        sleep=sleeps,
        trust_env=False,
    )


def test_redact_headers_hides_credentials_only():
    headers = {
        "Authorization": f"Bearer {TOKEN}",
        "apikey": TOKEN,
        "X-Custom-Token": TOKEN,
        "Cookie": "session=abc",
        "Accept": "application/json",
    }
    safe = redact_headers(headers)
    assert TOKEN not in repr(safe)
    assert safe["Accept"] == "application/json"
    assert safe["Authorization"] == "***" and safe["apikey"] == "***"
    assert redact_headers(httpx.Headers(headers))["authorization"] == "***"


def test_redact_url_removes_userinfo_and_secret_params():
    url = f"https://user:{TOKEN}@api.example.com/v1/x?page=2&api_key={TOKEN}&access_token={TOKEN}"
    safe = redact_url(url)
    assert TOKEN not in safe
    assert "page=2" in safe and "api_key=***" in safe and "user" not in safe


def test_parse_retry_after_seconds_and_http_date():
    assert parse_retry_after("7") == 7.0
    assert parse_retry_after("-3") == 0.0
    date = "Mon, 02 Mar 2026 09:00:05 GMT"
    assert parse_retry_after(date, "Mon, 02 Mar 2026 09:00:00 GMT") == 5.0
    assert parse_retry_after(date, None) is None  # no reference clock: caller backs off
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None


def test_429_retry_after_is_honoured(fake_api, sleeps):
    fake_api.linked = [{"n": 1}]
    fake_api.fault("linked", "429", "429-date")
    with client(fake_api, sleeps) as c:
        resp = c.get_json("/api/linked")
    assert resp.payload == {"items": [{"n": 1}]}
    assert sleeps == [7.0, 5.0]  # exactly what the server asked, not the backoff
    assert c.stats.rate_limited == 2 and c.stats.requests == 3


def test_retry_after_beyond_cap_fails_fast(fake_api, sleeps):
    fake_api.fault("linked", "429-long")
    with client(fake_api, sleeps) as c, pytest.raises(HttpSourceError, match="rate limited"):
        c.get_json("/api/linked")
    assert sleeps == []


def test_500_timeout_and_malformed_are_retried_with_backoff(fake_api, sleeps):
    fake_api.linked = [{"n": 1}]
    fake_api.fault("linked", "500", "timeout", "malformed")
    with client(fake_api, sleeps) as c:
        resp = c.get_json("/api/linked")
    assert resp.payload["items"] == [{"n": 1}]
    assert sleeps == pytest.approx([0.01, 0.02, 0.04])  # exponential
    assert (c.stats.server_errors, c.stats.timeouts, c.stats.malformed) == (1, 1, 1)


def test_persistent_failure_gives_clear_bounded_error(fake_api, sleeps):
    fake_api.fault("linked", *["503"] * 10)
    with client(fake_api, sleeps) as c, pytest.raises(HttpSourceError) as info:
        c.get_json("/api/linked", {"page": 1})
    assert "after 4 attempts" in str(info.value) and "HTTP 503" in str(info.value)
    assert c.stats.requests == 4 and len(sleeps) == 3


def test_persistent_timeout_bounded(fake_api, sleeps):
    fake_api.fault("linked", *["timeout"] * 3)
    policy = RetryPolicy(max_attempts=3, base_delay=0.0, timeout=0.1, jitter=0.0)
    with client(fake_api, sleeps, policy) as c, pytest.raises(HttpSourceError, match="timeout"):
        c.get_json("/api/linked")
    assert c.stats.timeouts == 3


def test_deadline_stops_retrying(fake_api):
    ticks = iter(range(0, 1000, 10))  # every clock read advances 10 s
    fake_api.fault("linked", *["500"] * 10)
    c = HttpClient(
        fake_api.base_url, source="t", headers={"Authorization": f"Bearer {TOKEN}"},
        policy=RetryPolicy(max_attempts=10, base_delay=1.0, deadline=25.0, jitter=0.0),
        sleep=lambda s: None, clock=lambda: float(next(ticks)), trust_env=False,
    )  # fmt: skip
    with c, pytest.raises(HttpSourceError, match="deadline"):
        c.get_json("/api/linked")
    assert c.stats.requests < 10


def test_client_errors_are_not_retried(fake_api, sleeps):
    with client(fake_api, sleeps) as c:
        with pytest.raises(HttpStatusError) as info:
            c.get_json("/api/v2/tickets/999/comments.json")
        assert info.value.status == 404
        with pytest.raises(HttpStatusError, match="refused"):
            client(fake_api, sleeps, token="wrong").get_json("/api/linked")
    assert sleeps == []


def test_cursor_pagination_detects_repeating_cursor(fake_api, sleeps):
    fake_api.posts = [
        {"id": i, "created_at": f"2026-02-0{i}T10:00:00Z", "text": "x"} for i in range(1, 7)
    ]
    fake_api.fault("posts", "ok", "repeat")
    pag = CursorPagination(next_cursor=lambda p: p["meta"]["next_cursor"])
    seen = []
    with client(fake_api, sleeps) as c, pytest.raises(RepeatedCursorError):
        for page in paginate(c, "/api/posts", pagination=pag):
            seen.append([p["id"] for p in page.payload["data"]])
    # The repeating page was still yielded (its records are valid), then the loop stopped.
    assert seen == [[1, 2], [3, 4]]
    assert len(fake_api.calls("/api/posts")) == 2


def test_page_pagination_detects_ignored_page_param(fake_api, sleeps):
    fake_api.reviews = [
        {"id": f"r{i}", "createdAt": f"2026-02-0{i}T10:00:00Z", "stars": 5, "text": "ok"}
        for i in range(1, 6)
    ]
    fake_api.fault("reviews", "ok", "repeat")
    pag = PageNumberPagination(items=lambda p: p["reviews"], page_size=2)
    with client(fake_api, sleeps) as c, pytest.raises(RepeatedCursorError):
        list(paginate(c, "/v1/business-units/bu-1/reviews", pagination=pag,
                      params={"orderBy": "createdat.asc"}))  # fmt: skip


def test_page_pagination_max_pages_bound(fake_api, sleeps):
    fake_api.reviews = [
        {"id": f"r{i}", "createdAt": f"2026-02-{i:02d}T10:00:00Z", "stars": 5, "text": "ok"}
        for i in range(1, 20)
    ]
    pag = PageNumberPagination(items=lambda p: p["reviews"], page_size=2)
    with client(fake_api, sleeps) as c, pytest.raises(HttpSourceError, match="max_pages"):
        list(paginate(c, "/v1/business-units/bu-1/reviews", pagination=pag, max_pages=3,
                      params={"orderBy": "createdat.asc"}))  # fmt: skip


def test_link_header_pagination_follows_and_guards(fake_api, sleeps):
    fake_api.linked = [{"n": i} for i in range(5)]
    with client(fake_api, sleeps) as c:
        pages = list(paginate(c, "/api/linked", pagination=LinkHeaderPagination()))
        assert [item["n"] for p in pages for item in p.payload["items"]] == [0, 1, 2, 3, 4]
        fake_api.fault("linked", "offsite")
        with pytest.raises(HttpSourceError, match="another host"):
            list(paginate(c, "/api/linked", pagination=LinkHeaderPagination()))
        fake_api.fault("linked", "ok", "repeat")
        with pytest.raises(RepeatedCursorError):
            list(paginate(c, "/api/linked", pagination=LinkHeaderPagination()))


def test_token_never_logged_even_at_debug(fake_api, sleeps, caplog):
    caplog.set_level(logging.DEBUG)
    fake_api.linked = [{"n": 1}]
    fake_api.fault("linked", "500", "429", "timeout")
    with client(fake_api, sleeps) as c:
        c.get_json("/api/linked", {"api_key": TOKEN})
    assert "retry" in caplog.text  # the retries were logged...
    assert TOKEN not in caplog.text  # ...without the credential
    with pytest.raises(HttpStatusError) as info:
        client(fake_api, sleeps, token="bad" + TOKEN).get_json("/api/linked", {"token": TOKEN})
    assert TOKEN not in str(info.value)


def test_resolve_secret_env_and_prefect_block():
    assert resolve_secret({"auth_env": "X_TOK"}, env={"X_TOK": f" {TOKEN}\n"}) == TOKEN
    with pytest.raises(VocError, match="X_TOK is not set") as info:
        resolve_secret({"name": "zd", "auth_env": "X_TOK"}, env={})
    assert "zd" in str(info.value)
    assert (
        resolve_secret({"auth_secret": "blk"}, secret_loader=lambda n: f"{n}-value") == "blk-value"
    )
    assert resolve_secret({}, env={}) is None


def test_inline_secret_rejected_without_echoing_it():
    with pytest.raises(VocError, match="auth_env") as info:
        check_no_inline_secrets({"token": TOKEN, "base_url": "http://x"}, "zd")
    assert TOKEN not in str(info.value)


def test_auth_header_schemes():
    assert auth_headers({}, "t") == {"Authorization": "Bearer t"}
    assert auth_headers({"auth": "header"}, "t") == {"apikey": "t"}
    basic = auth_headers({"auth": "basic", "auth_user": "a@b.it/token"}, "t")["Authorization"]
    assert basic.startswith("Basic ") and "t" not in basic.removeprefix("Basic ")[:0]
    with pytest.raises(VocError, match="auth_user"):
        auth_headers({"auth": "basic"}, "t")
    assert auth_headers({"auth": "bearer"}, None) == {}


def test_later_keeps_the_max_timestamp():
    assert later(None, "2026-01-01T00:00:00Z") == "2026-01-01T00:00:00Z"
    assert later("2026-01-02T00:00:00Z", "2026-01-01T00:00:00+00:00") == "2026-01-02T00:00:00Z"
    assert later("2026-01-01T00:00:00Z", "2026-01-01T00:30:00+01:00") == "2026-01-01T00:00:00Z"
    assert later("2026-01-01T00:00:00Z", "not a date") == "2026-01-01T00:00:00Z"


def test_client_refuses_non_http_base_url():
    with pytest.raises(VocError, match="http"):
        HttpClient("ftp://127.0.0.1/x")


def test_connection_refused_is_retried_then_reported(sleeps):
    with socket.socket() as sock:  # a port on 127.0.0.1 with nobody listening
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    c = HttpClient(f"http://127.0.0.1:{port}", source="down", policy=FAST, sleep=sleeps,
                   trust_env=False)  # fmt: skip
    with c, pytest.raises(HttpSourceError, match="connection error"):
        c.get_json("/x")
    assert c.stats.requests == 4 and len(sleeps) == 3

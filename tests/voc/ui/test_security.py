"""The workbench's guard: bind rules, tokens, host check, same-origin and CSRF tokens."""

from __future__ import annotations

import pytest

from pipelines.errors import VocError
from voc.ui.security import Guard, is_loopback, make_guard, same_origin

TOKEN = "s3cret-token-of-24-chars"


@pytest.mark.parametrize(
    "host, loopback",
    [("127.0.0.1", True), ("127.5.6.7", True), ("::1", True), ("[::1]", True),
     ("localhost", True), ("0.0.0.0", False), ("192.168.1.20", False), ("::", False),
     ("example.com", False)],
)  # fmt: skip
def test_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_non_loopback_bind_needs_a_long_enough_token() -> None:
    with pytest.raises(VocError, match="VOC_UI_TOKEN"):
        make_guard("0.0.0.0", 8765, None)
    with pytest.raises(VocError, match="too short"):
        make_guard("0.0.0.0", 8765, "short")
    guard = make_guard("0.0.0.0", 8765, TOKEN)
    assert guard.token == TOKEN and guard.allowed_hosts is None


def test_loopback_accepts_only_its_own_host_names() -> None:
    guard = make_guard("127.0.0.1", 8765, None)
    assert guard.host_allowed("127.0.0.1:8765") and guard.host_allowed("localhost:8765")
    # DNS rebinding: another name resolving to 127.0.0.1, or another port, is not this app
    assert not guard.host_allowed("evil.example:8765")
    assert not guard.host_allowed("127.0.0.1:9999")
    assert not guard.host_allowed("")


def test_authentication_by_bearer_or_session_cookie() -> None:
    open_guard = make_guard("127.0.0.1", 1, None)
    assert open_guard.authenticated(None, None)
    guard = make_guard("0.0.0.0", 1, TOKEN)
    assert not guard.authenticated(None, None)
    assert not guard.authenticated("Bearer wrong-token-xxxxxxxx", None)
    assert not guard.authenticated(f"Basic {TOKEN}", None)
    assert guard.authenticated(f"Bearer {TOKEN}", None)
    assert guard.authenticated(None, guard.session_value())
    assert not guard.authenticated(None, "forged")
    # the cookie proves the token without holding it, and dies with the process's key
    assert TOKEN not in guard.session_value()
    other = Guard(token=TOKEN, allowed_hosts=None)
    assert not other.authenticated(None, guard.session_value())


def test_csrf_token_belongs_to_one_browser() -> None:
    guard = make_guard("127.0.0.1", 1, None)
    token = guard.csrf_token("a" * 32)
    assert guard.csrf_valid("a" * 32, token)
    assert not guard.csrf_valid("b" * 32, token)
    assert not guard.csrf_valid("a" * 32, None)
    assert not guard.csrf_valid(None, token)


@pytest.mark.parametrize(
    "origin, referer, ok",
    [
        ("http://127.0.0.1:8765", None, True),
        ("http://evil.example", "http://127.0.0.1:8765/temi", False),  # Origin decides
        ("null", None, False),
        (None, "http://127.0.0.1:8765/temi?x=1", True),
        (None, "http://evil.example/page", False),
        (None, None, False),
    ],
)
def test_same_origin(origin: str | None, referer: str | None, ok: bool) -> None:
    assert same_origin(origin, referer, "127.0.0.1:8765", "http") is ok

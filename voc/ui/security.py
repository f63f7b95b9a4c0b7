"""Who may talk to the workbench, and which requests it trusts.

* **Bind.** Loopback (``127.0.0.1``, ``::1``, ``localhost``) by default. Any other address
  needs a token in ``VOC_UI_TOKEN`` (at least :data:`MIN_TOKEN_CHARS` characters): without one
  the app refuses to start.
* **Authentication.** With a token, every request but the login page and the static files
  needs ``Authorization: Bearer <token>`` or the session cookie the login form sets
  (``HttpOnly``, ``SameSite=Strict``; its value is an HMAC of the token under a key drawn at
  start, so it proves the token without holding it and dies with the process). Anything else
  is ``401``.
* **Host check.** On loopback only ``127.0.0.1``/``localhost``/``[::1]`` with the app's port
  are valid ``Host`` headers: a DNS-rebinding page (``evil.example`` resolving to 127.0.0.1)
  gets ``400`` and never reads a page.
* **CSRF.** Every POST must come from the app's own origin (``Origin``, else ``Referer``, must
  match the request's host; a request with neither is refused) and carry the synchronizer token
  of the form, an HMAC of the browser's client cookie: a cross-site page can neither read the
  token nor send the cookie (``SameSite=Strict``).
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from pipelines.errors import VocError

__all__ = [
    "CLIENT_COOKIE",
    "MIN_TOKEN_CHARS",
    "SESSION_COOKIE",
    "Guard",
    "is_loopback",
    "make_guard",
]

MIN_TOKEN_CHARS = 16
SESSION_COOKIE = "voc_session"
CLIENT_COOKIE = "voc_client"
LOOPBACK_NAMES = ("localhost",)


def is_loopback(host: str) -> bool:
    """Whether ``host`` (an address or ``localhost``) only accepts local connections."""
    name = host.strip().strip("[]").lower()
    if name in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def _sign(key: bytes, purpose: str, value: str) -> str:
    return hmac.new(key, f"{purpose}:{value}".encode(), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Guard:
    """The app's security settings: token, signing key, accepted ``Host`` headers.

    Args:
        token: the access token (``None``: no authentication, loopback only).
        allowed_hosts: ``Host`` header values accepted (``None``: any, token-protected).
        key: signing key of cookies and CSRF tokens (random per process).
    """

    token: str | None
    allowed_hosts: frozenset[str] | None
    key: bytes = field(default_factory=lambda: secrets.token_bytes(32), repr=False)

    def host_allowed(self, host_header: str) -> bool:
        """Whether the request's ``Host`` header names this app."""
        return self.allowed_hosts is None or host_header.lower() in self.allowed_hosts

    def session_value(self) -> str:
        """The session cookie's value (only meaningful with a token)."""
        return _sign(self.key, "session", self.token or "")

    def authenticated(self, authorization: str | None, session: str | None) -> bool:
        """Whether a request proves the token (Bearer header or session cookie)."""
        if self.token is None:
            return True
        if authorization and authorization.lower().startswith("bearer "):
            offered = authorization[7:].strip()
            return hmac.compare_digest(offered.encode(), self.token.encode())
        return bool(session) and hmac.compare_digest(str(session), self.session_value())

    def token_matches(self, offered: str) -> bool:
        """Whether a token typed in the login form is the right one (constant time)."""
        return self.token is not None and hmac.compare_digest(offered.encode(), self.token.encode())

    def csrf_token(self, client: str) -> str:
        """The synchronizer token of a browser (its client cookie) for every form."""
        return _sign(self.key, "csrf", client)

    def csrf_valid(self, client: str | None, offered: str | None) -> bool:
        """Whether a form's token belongs to the browser that sent it."""
        if not client or not offered:
            return False
        return hmac.compare_digest(str(offered), self.csrf_token(client))


def same_origin(origin: str | None, referer: str | None, host: str, scheme: str) -> bool:
    """Whether a POST comes from the page's own origin.

    ``Origin`` decides when present (``null`` is a foreign origin); otherwise ``Referer``;
    a request with neither is refused, since every browser this app supports sends ``Origin``
    on a form POST.
    """
    expected = f"{scheme}://{host}".lower()
    if origin:
        return origin.strip().lower() == expected
    if referer:
        parts = urlsplit(referer)
        return f"{parts.scheme}://{parts.netloc}".lower() == expected
    return False


def make_guard(host: str, port: int, token: str | None) -> Guard:
    """The guard of an app bound to ``host:port`` with ``token`` (``VOC_UI_TOKEN``).

    Raises:
        VocError: a non-loopback bind without a token, or a token shorter than
            :data:`MIN_TOKEN_CHARS`.
    """
    token = token or None
    if token is not None and len(token) < MIN_TOKEN_CHARS:
        raise VocError(
            f"VOC_UI_TOKEN is too short: use at least {MIN_TOKEN_CHARS} characters "
            "(e.g. python -c 'import secrets; print(secrets.token_urlsafe(24))')"
        )
    if not is_loopback(host):
        if token is None:
            raise VocError(
                f"binding to {host} makes the app reachable from other machines: "
                "set VOC_UI_TOKEN (at least 16 characters) or use --host 127.0.0.1"
            )
        return Guard(token=token, allowed_hosts=None)
    names = {"127.0.0.1", "localhost", "[::1]"}
    name = host.strip().lower()
    names.add(f"[{name}]" if ":" in name and not name.startswith("[") else name)
    allowed = frozenset(f"{n}:{port}" for n in names) | (
        frozenset(names) if port in (80,) else frozenset()
    )
    return Guard(token=token, allowed_hosts=allowed)

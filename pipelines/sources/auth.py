"""Credentials of API sources: where they come from, how they are sent, and how they are kept
out of logs.

:func:`resolve_secret` reads the token from the environment variable named in the source config
(``auth_env``) or a Prefect Secret block (``auth_secret``); :func:`auth_headers` turns it into
headers. Tokens never reach logs, error messages, staging files or the database: URLs are logged
through :func:`redact_url` and headers only through :func:`redact_headers`.
"""

from __future__ import annotations

import base64
import logging
import os
from collections.abc import Callable, Mapping
from typing import Any

import httpx

from pipelines.config import INLINE_SECRET_KEYS
from pipelines.errors import VocError

#: Header names whose values are credentials (compared case-insensitively).
SECRET_HEADERS = frozenset(
    {
        "authorization",
        "proxy-authorization",
        "cookie",
        "set-cookie",
        "apikey",
        "api-key",
        "x-api-key",
        "x-auth-token",
        "x-access-token",
    }
)
# Substrings that mark a header or query parameter as secret even when not listed above.
_SECRET_HINTS = ("token", "secret", "password", "passwd", "apikey", "api_key", "api-key",
                 "signature", "auth", "session", "cookie")  # fmt: skip
REDACTED = "***"


# --------------------------------------------------------------------------- redaction


def _is_secret_name(name: str) -> bool:
    low = name.lower()
    return low in SECRET_HEADERS or any(hint in low for hint in _SECRET_HINTS)


def redact_headers(headers: Mapping[str, str] | httpx.Headers) -> dict[str, str]:
    """Copy of ``headers`` safe to log: credential values replaced by ``***``."""
    return {k: (REDACTED if _is_secret_name(k) else v) for k, v in headers.items()}


def redact_url(url: str | httpx.URL) -> str:
    """``url`` without user info and with secret-looking query values replaced by ``***``."""
    try:
        parsed = httpx.URL(str(url))
    except (httpx.InvalidURL, TypeError):
        return "<invalid url>"
    params: list[tuple[str, Any]] = [
        (k, REDACTED if _is_secret_name(k) else v) for k, v in parsed.params.multi_items()
    ]
    clean = parsed.copy_with(userinfo=b"", params=httpx.QueryParams(params) if params else None)
    return str(clean).replace("%2A%2A%2A", REDACTED)


class _RedactUrlFilter(logging.Filter):
    """Redacts URLs in httpx's own request log lines (they include the query string)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(
                redact_url(a) if isinstance(a, httpx.URL) else a for a in record.args
            )
        return True


def install_log_redaction() -> None:
    """Make httpx's request logging safe (idempotent; called when a client is built)."""
    logger = logging.getLogger("httpx")
    if not any(isinstance(f, _RedactUrlFilter) for f in logger.filters):
        logger.addFilter(_RedactUrlFilter())


# --------------------------------------------------------------------------- secrets


def check_no_inline_secrets(config: Mapping[str, Any], source: str) -> None:
    """Refuse a source config that carries a credential inline (it would end up in logs/DB).

    Raises:
        VocError: naming the key (never its value) and the fix.
    """
    for key in config:
        if key.lower() in INLINE_SECRET_KEYS:
            raise VocError(
                f"source '{source}': do not put credentials in the configuration (key '{key}'). "
                'Set auth_env = "NAME_OF_ENV_VAR" or auth_secret = "prefect-block-name".'
            )


def _load_prefect_secret(name: str) -> str:
    try:
        from prefect.blocks.system import Secret
    except ImportError:  # pragma: no cover - prefect is a dependency, guard for slim installs
        raise VocError(
            f"auth_secret '{name}' needs Prefect installed; use auth_env instead."
        ) from None
    try:
        block: Any = Secret.load(name)  # sync call outside an event loop
        value = block.get()
    except Exception as exc:  # the block API raises many types; the message must stay one line
        raise VocError(
            f"cannot load the Prefect Secret block '{name}' ({type(exc).__name__}). "
            "Create it with the Prefect UI or use auth_env."
        ) from None
    return str(value)


def resolve_secret(
    config: Mapping[str, Any],
    *,
    env: Mapping[str, str] | None = None,
    secret_loader: Callable[[str], str] | None = None,
) -> str | None:
    """The API credential of a source, or None when the source needs none.

    Args:
        config: source config; ``auth_env`` names an environment variable, ``auth_secret`` a
            Prefect Secret block (``Secret.load(name).get()``).
        env: environment mapping (defaults to ``os.environ``); injectable for tests.
        secret_loader: replaces the Prefect block lookup (tests).

    Raises:
        VocError: the variable is unset/empty or the block cannot be loaded. The message names
            the variable or block, never a value.
    """
    source = str(config.get("name", "?"))
    env = os.environ if env is None else env
    if var := config.get("auth_env"):
        value = env.get(str(var), "")
        if not value.strip():
            raise VocError(
                f"source '{source}': environment variable {var} is not set; "
                "export it with the API token before pulling."
            )
        return value.strip()
    if block := config.get("auth_secret"):
        value = (secret_loader or _load_prefect_secret)(str(block))
        if not value:
            raise VocError(f"source '{source}': Prefect Secret block '{block}' is empty.")
        return value
    return None


def auth_headers(
    config: Mapping[str, Any], secret: str | None, default: str = "bearer"
) -> dict[str, str]:
    """Request headers carrying ``secret`` as configured by ``auth``.

    ``auth`` is ``bearer`` (``Authorization: Bearer …``), ``basic`` (user from ``auth_user``,
    e.g. Zendesk's ``agent@example.com/token``), ``header`` (raw token in the header named by
    ``auth_header``, default ``apikey``) or ``none``.
    """
    if secret is None:
        return {}
    scheme = str(config.get("auth", default)).lower()
    if scheme == "bearer":
        return {"Authorization": f"Bearer {secret}"}
    if scheme == "basic":
        user = config.get("auth_user")
        if not user:
            raise VocError(
                f"source '{config.get('name', '?')}': auth = \"basic\" needs auth_user "
                '(for Zendesk API tokens: "agent@example.com/token").'
            )
        raw = base64.b64encode(f"{user}:{secret}".encode()).decode("ascii")
        return {"Authorization": f"Basic {raw}"}
    if scheme == "header":
        return {str(config.get("auth_header", "apikey")): secret}
    if scheme == "none":
        return {}
    raise VocError(
        f"source '{config.get('name', '?')}': unknown auth '{scheme}' "
        "(use bearer, basic, header or none)."
    )

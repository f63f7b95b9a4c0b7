"""HTTP source framework: a retrying JSON client, pagination styles and secret handling.

Connectors (:mod:`pipelines.sources.zendesk`, :mod:`~pipelines.sources.reviews_api`,
:mod:`~pipelines.sources.rest`) build on three pieces:

* :class:`HttpClient` — GET with a per-request timeout, retries with exponential backoff on
  timeouts, connection errors, 5xx and malformed JSON, ``429 Retry-After`` honoured (seconds or
  HTTP date), a cap on how long a server may make us wait, and a deadline for the whole pull.
  Every loop is bounded in attempts and in time.
* :func:`paginate` — cursor, page-number, ``Link`` header and next-URL-in-body pagination, with
  a page bound and detection of a cursor/page that repeats (an API bug that would loop forever).
* Secrets — :func:`resolve_secret` reads the token from the environment variable named in the
  source config (``auth_env``) or a Prefect Secret block (``auth_secret``); :func:`auth_headers`
  turns it into headers. Tokens never reach logs, error messages, staging files or the database:
  URLs are logged through :func:`redact_url` and headers only through :func:`redact_headers`.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json
import logging
import os
import random
import ssl
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any, Protocol

import httpx

from pipelines.errors import VocError
from pipelines.store.sources import SourceState

log = logging.getLogger("voc.sources")

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
#: Config keys that would hold a credential inline; secrets must come from env or Prefect.
INLINE_SECRET_KEYS = frozenset(
    {"token", "api_token", "access_token", "api_key", "apikey", "password", "secret", "key"}
)
REDACTED = "***"
RETRY_STATUSES = frozenset({408, 500, 502, 503, 504})


class HttpSourceError(VocError):
    """A source could not be read (after retries); the message names the source and the URL."""


class HttpStatusError(HttpSourceError):
    """The server answered with a non-retryable HTTP status."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


class RepeatedCursorError(HttpSourceError):
    """The API sent back a cursor, page or next URL already visited (it would loop forever)."""


# --------------------------------------------------------------------------- redaction


@functools.lru_cache(maxsize=1)
def _ssl_context() -> ssl.SSLContext:
    # Built once: loading the CA bundle costs ~50 ms, and every pull makes a client.
    return httpx.create_ssl_context()


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


# --------------------------------------------------------------------------- client


@dataclass(frozen=True)
class RetryPolicy:
    """How hard and how long a client tries.

    Attributes:
        max_attempts: tries per request, the first included.
        base_delay: backoff before the 2nd try (seconds); doubles on each further try.
        max_delay: cap of one backoff.
        max_retry_after: a ``Retry-After`` longer than this fails the pull instead of waiting
            (the next scheduled run resumes from the watermark).
        timeout: per-request connect/read/write timeout (seconds).
        deadline: wall time budget of one pull (seconds); checked before every wait.
        jitter: random fraction added to backoffs so parallel clients do not retry in lockstep.
    """

    max_attempts: int = 5
    base_delay: float = 1.0
    max_delay: float = 60.0
    max_retry_after: float = 300.0
    timeout: float = 30.0
    deadline: float = 3600.0
    jitter: float = 0.1

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> RetryPolicy:
        """Policy from source config keys ``retries``, ``backoff``, ``backoff_max``,
        ``max_retry_after``, ``timeout`` and ``deadline`` (unset keys keep the defaults)."""
        base = cls()
        try:
            return cls(
                max_attempts=max(1, int(config.get("retries", base.max_attempts - 1)) + 1),
                base_delay=float(config.get("backoff", base.base_delay)),
                max_delay=float(config.get("backoff_max", base.max_delay)),
                max_retry_after=float(config.get("max_retry_after", base.max_retry_after)),
                timeout=float(config.get("timeout", base.timeout)),
                deadline=float(config.get("deadline", base.deadline)),
                jitter=float(config.get("jitter", base.jitter)),
            )
        except (TypeError, ValueError) as exc:
            raise VocError(
                f"source '{config.get('name', '?')}': invalid retry/timeout setting ({exc})"
            ) from None

    def backoff(self, attempt: int, rng: random.Random) -> float:
        """Delay after failed try number ``attempt`` (1-based)."""
        delay = min(self.max_delay, self.base_delay * 2 ** (attempt - 1))
        return delay * (1.0 + self.jitter * rng.random())


def parse_retry_after(value: str | None, date_header: str | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta seconds or HTTP date).

    An HTTP date is measured against the response's own ``Date`` header, so no local clock is
    read; without one the date form is ignored (the caller falls back to backoff).
    """
    if not value:
        return None
    text = value.strip()
    try:
        return max(0.0, float(text))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(text)
        ref = parsedate_to_datetime(date_header) if date_header else None
    except (TypeError, ValueError, IndexError):
        return None
    if ref is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    if ref.tzinfo is None:
        ref = ref.replace(tzinfo=UTC)
    return max(0.0, (when - ref).total_seconds())


@dataclass
class ClientStats:
    """Counters of one client's life (reported in the pull's run stats)."""

    requests: int = 0
    retries: int = 0
    rate_limited: int = 0
    timeouts: int = 0
    server_errors: int = 0
    malformed: int = 0
    waited_s: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        """Plain dict for JSON."""
        return dict(self.__dict__)


@dataclass(frozen=True)
class HttpResponse:
    """A successful JSON response."""

    payload: Any
    headers: httpx.Headers
    url: str  # absolute, not redacted: only for following links, never for logs
    links: dict[str, str] = field(default_factory=dict)  # rel -> absolute URL (Link header)


class HttpClient:
    """GET-JSON client with bounded retries, backoff, ``Retry-After`` and a pull deadline.

    Args:
        base_url: scheme://host[:port][/prefix] of the API.
        source: source name used in messages.
        headers: default headers (credentials included; they are never logged).
        policy: retry/timeout policy.
        sleep: waits between tries (injected in tests so retries take no time).
        clock: monotonic clock for the deadline.
        transport: optional httpx transport (tests).
        trust_env: honour ``HTTP(S)_PROXY``/``NO_PROXY`` like other tools do.
        seed: seed of the backoff jitter.
    """

    def __init__(
        self,
        base_url: str,
        *,
        source: str = "source",
        headers: Mapping[str, str] | None = None,
        policy: RetryPolicy | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        transport: httpx.BaseTransport | None = None,
        trust_env: bool = True,
        seed: int = 0,
    ) -> None:
        try:
            url = httpx.URL(base_url)
        except (httpx.InvalidURL, TypeError):
            raise VocError(f"source '{source}': invalid base_url") from None
        if url.scheme not in ("http", "https") or not url.host:
            raise VocError(
                f"source '{source}': base_url must be an http(s) URL, got {redact_url(url)}"
            )
        self.base_url = url
        self.source = source
        self.policy = policy or RetryPolicy()
        self.stats = ClientStats()
        self._sleep = sleep
        self._clock = clock
        self._rng = random.Random(seed)
        self._started = clock()
        install_log_redaction()
        self._client = httpx.Client(
            base_url=url,
            headers=dict(headers or {}),
            timeout=httpx.Timeout(self.policy.timeout),
            follow_redirects=False,  # a redirect could carry our Authorization to another host
            transport=transport,
            trust_env=trust_env,
            verify=_ssl_context(),
        )

    def __enter__(self) -> HttpClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Release the connection pool."""
        self._client.close()

    def absolute(self, url: str) -> str:
        """Absolute form of a path or URL relative to the base URL."""
        return str(self._client.build_request("GET", url).url)

    def same_origin(self, url: str) -> bool:
        """Whether ``url`` is on the base URL's scheme, host and port (safe to send auth to)."""
        other = httpx.URL(url)
        return (other.scheme, other.host, other.port) == (
            self.base_url.scheme,
            self.base_url.host,
            self.base_url.port,
        )

    def _wait(self, delay: float, why: str, url: str, attempt: int) -> None:
        elapsed = self._clock() - self._started
        if elapsed + delay > self.policy.deadline:
            raise HttpSourceError(
                f"source '{self.source}': GET {redact_url(url)} still failing ({why}) and the "
                f"pull deadline of {self.policy.deadline:g}s would be exceeded; the next run "
                "resumes from the last saved watermark."
            )
        self.stats.retries += 1
        self.stats.waited_s += delay
        log.warning(
            "source %s: GET %s: %s; retry %d/%d in %.2fs",
            self.source, redact_url(url), why, attempt, self.policy.max_attempts - 1, delay,
        )  # fmt: skip
        self._sleep(delay)

    def get_json(self, url: str, params: Mapping[str, Any] | None = None) -> HttpResponse:
        """GET ``url`` (path relative to the base URL, or absolute) and decode its JSON body.

        Raises:
            HttpStatusError: 4xx other than 408/429, or an unexpected redirect (not retried).
            HttpSourceError: retries exhausted, ``Retry-After`` above the cap, or deadline hit.
        """
        full = self.absolute(url)
        shown = redact_url(httpx.URL(full).copy_merge_params(dict(params or {})))
        why = ""
        for attempt in range(1, self.policy.max_attempts + 1):
            if self._clock() - self._started > self.policy.deadline:
                raise HttpSourceError(
                    f"source '{self.source}': pull deadline of {self.policy.deadline:g}s "
                    "exceeded; the next run resumes from the last saved watermark."
                )
            self.stats.requests += 1
            delay: float | None = None
            try:
                response = self._client.get(url, params=dict(params or {}) or None)
            except httpx.TimeoutException:
                self.stats.timeouts += 1
                why = f"timeout after {self.policy.timeout:g}s"
            except httpx.RequestError as exc:  # connection reset, refused, bad encoding...
                why = f"connection error ({type(exc).__name__})"
            else:
                status = response.status_code
                log.debug("source %s: GET %s -> %d", self.source, shown, status)
                if status == 429:
                    self.stats.rate_limited += 1
                    delay = parse_retry_after(
                        response.headers.get("Retry-After"), response.headers.get("Date")
                    )
                    if delay is not None and delay > self.policy.max_retry_after:
                        raise HttpSourceError(
                            f"source '{self.source}': rate limited by the API for {delay:g}s "
                            f"(more than max_retry_after = {self.policy.max_retry_after:g}s); "
                            "the next run resumes from the last saved watermark."
                        )
                    why = "HTTP 429 rate limited"
                elif status in RETRY_STATUSES:
                    self.stats.server_errors += 1
                    delay = parse_retry_after(
                        response.headers.get("Retry-After"), response.headers.get("Date")
                    )
                    if delay is not None:
                        delay = min(delay, self.policy.max_retry_after)
                    why = f"HTTP {status}"
                elif 300 <= status < 400:
                    raise HttpStatusError(
                        f"source '{self.source}': GET {shown} was redirected (HTTP {status}); "
                        "set base_url to the final address.",
                        status,
                    )
                elif status in (401, 403):
                    raise HttpStatusError(
                        f"source '{self.source}': GET {shown} was refused (HTTP {status}); "
                        "check the credential named by auth_env/auth_secret and its permissions.",
                        status,
                    )
                elif status >= 400:
                    raise HttpStatusError(
                        f"source '{self.source}': GET {shown} failed with HTTP {status}.", status
                    )
                else:
                    try:
                        payload = response.json()
                    except ValueError:
                        self.stats.malformed += 1
                        why = "malformed JSON in the response"
                    else:
                        links = {
                            str(rel): str(response.url.join(link["url"]))
                            for rel, link in response.links.items()
                            if rel and link.get("url")
                        }
                        return HttpResponse(payload, response.headers, str(response.url), links)
            if attempt == self.policy.max_attempts:
                break
            if delay is None:
                delay = self.policy.backoff(attempt, self._rng)
            self._wait(delay, why, full, attempt)
        raise HttpSourceError(
            f"source '{self.source}': GET {shown} failed after {self.policy.max_attempts} "
            f"attempts (last: {why}); the next run resumes from the last saved watermark."
        )


# --------------------------------------------------------------------------- pagination


@dataclass(frozen=True)
class CursorPagination:
    """Opaque cursor pagination (Zendesk ``after_cursor``/``end_of_stream`` and the like).

    Attributes:
        next_cursor: extracts the cursor of the following page from a payload (None = end).
        is_last: True when the payload says it is the last page (the cursor is still kept,
            e.g. Zendesk's ``end_of_stream`` with an ``after_cursor`` to resume from later).
        cursor_param: query parameter carrying the cursor.
        start_cursor: resume from this cursor instead of the first page.
        initial_params: sent only on the very first request (e.g. ``start_time``).
    """

    next_cursor: Callable[[Any], str | None]
    is_last: Callable[[Any], bool] = lambda payload: False
    cursor_param: str = "cursor"
    start_cursor: str | None = None
    initial_params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class PageNumberPagination:
    """``?page=N&perPage=M`` pagination; stops on an empty or short page or no "next" hint.

    Attributes:
        items: extracts the record list of a payload.
        has_next: optional explicit "there is a next page" signal (e.g. a ``next-page`` link).
    """

    items: Callable[[Any], list[Any] | None]
    page_param: str = "page"
    size_param: str | None = "perPage"
    page_size: int = 100
    start_page: int = 1
    has_next: Callable[[Any], bool | None] | None = None


@dataclass(frozen=True)
class LinkHeaderPagination:
    """Follow ``Link: <url>; rel="next"`` response headers (GitHub style)."""

    rel: str = "next"


@dataclass(frozen=True)
class NextUrlPagination:
    """Follow a next-page URL found in the body (Zendesk ``next_page``, ``links.next``)."""

    next_url: Callable[[Any], str | None]


@dataclass(frozen=True)
class SinglePage:
    """No pagination: one request."""


Pagination = (
    CursorPagination | PageNumberPagination | LinkHeaderPagination | NextUrlPagination | SinglePage
)


@dataclass(frozen=True)
class Page:
    """One fetched page.

    Attributes:
        number: 1-based position in this pull.
        payload: decoded JSON.
        headers: response headers.
        next_token: where the following page starts (cursor, page number or URL); None at the
            end. For cursor pagination this is the resume point to store after the page.
    """

    number: int
    payload: Any
    headers: httpx.Headers
    next_token: str | None


def _fingerprint(items: Any) -> str:
    return hashlib.sha256(json.dumps(items, sort_keys=True, default=str).encode()).hexdigest()


def paginate(
    client: HttpClient,
    url: str,
    *,
    pagination: Pagination,
    params: Mapping[str, Any] | None = None,
    max_pages: int = 10_000,
) -> Iterator[Page]:
    """Yield the pages of ``url`` one by one (lazily: the consumer checkpoints between pages).

    Raises:
        RepeatedCursorError: a cursor/URL already visited comes back, or a page repeats the
            previous one (raised after the repeating page was yielded, so its records are kept).
        HttpSourceError: more than ``max_pages`` pages, a next URL on another host, or a failed
            request.
    """
    base = dict(params or {})
    if isinstance(pagination, SinglePage):
        resp = client.get_json(url, base)
        yield Page(1, resp.payload, resp.headers, None)
    elif isinstance(pagination, CursorPagination):
        yield from _cursor_pages(client, url, pagination, base, max_pages)
    elif isinstance(pagination, PageNumberPagination):
        yield from _numbered_pages(client, url, pagination, base, max_pages)
    else:
        yield from _linked_pages(client, url, pagination, base, max_pages)


def _check_bound(source: str, number: int, max_pages: int) -> None:
    if number > max_pages:
        raise HttpSourceError(
            f"source '{source}': more than max_pages = {max_pages} pages in one pull; "
            "the next run continues from the saved watermark."
        )


def _cursor_pages(
    client: HttpClient,
    url: str,
    pagination: CursorPagination,
    base: dict[str, Any],
    max_pages: int,
) -> Iterator[Page]:
    cursor = pagination.start_cursor
    seen: set[str] = set() if cursor is None else {cursor}
    for number in range(1, max_pages + 2):
        _check_bound(client.source, number, max_pages)
        query = dict(base)
        if cursor is None:
            query.update(pagination.initial_params)
        else:
            query[pagination.cursor_param] = cursor
        resp = client.get_json(url, query)
        raw = pagination.next_cursor(resp.payload)
        nxt = None if raw in (None, "") else str(raw)
        yield Page(number, resp.payload, resp.headers, nxt if nxt is not None else cursor)
        if nxt is None or pagination.is_last(resp.payload):
            return
        if nxt in seen:
            raise RepeatedCursorError(
                f"source '{client.source}': the API returned an already visited cursor on page "
                f"{number}; stopped to avoid an endless loop. The next run resumes from the "
                "saved cursor."
            )
        seen.add(nxt)
        cursor = nxt


def _numbered_pages(
    client: HttpClient,
    url: str,
    pagination: PageNumberPagination,
    base: dict[str, Any],
    max_pages: int,
) -> Iterator[Page]:
    previous: str | None = None
    for number in range(1, max_pages + 2):
        _check_bound(client.source, number, max_pages)
        page_no = pagination.start_page + number - 1
        query = {**base, pagination.page_param: page_no}
        if pagination.size_param:
            query[pagination.size_param] = pagination.page_size
        resp = client.get_json(url, query)
        items = pagination.items(resp.payload) or []
        fingerprint = _fingerprint(items)
        if items and fingerprint == previous:
            raise RepeatedCursorError(
                f"source '{client.source}': page {page_no} returned the same records as the "
                "page before (the API ignores the page parameter?); stopped."
            )
        previous = fingerprint
        hint = pagination.has_next(resp.payload) if pagination.has_next else None
        short = hint is None and len(items) < pagination.page_size
        last = not items or hint is False or short
        yield Page(number, resp.payload, resp.headers, None if last else str(page_no + 1))
        if last:
            return


def _linked_pages(
    client: HttpClient,
    url: str,
    pagination: LinkHeaderPagination | NextUrlPagination,
    base: dict[str, Any],
    max_pages: int,
) -> Iterator[Page]:
    seen: set[str] = set()
    target: str = url
    query: dict[str, Any] | None = base
    for number in range(1, max_pages + 2):
        _check_bound(client.source, number, max_pages)
        resp = client.get_json(target, query)
        seen.add(resp.url)
        if isinstance(pagination, LinkHeaderPagination):
            nxt = resp.links.get(pagination.rel)
        else:
            raw = pagination.next_url(resp.payload)
            nxt = str(httpx.URL(resp.url).join(str(raw))) if raw else None
        if nxt is not None and not client.same_origin(nxt):
            raise HttpSourceError(
                f"source '{client.source}': next page points to another host "
                f"({redact_url(nxt)}); refusing to send credentials there."
            )
        yield Page(number, resp.payload, resp.headers, nxt)
        if nxt is None:
            return
        if nxt in seen:
            raise RepeatedCursorError(
                f"source '{client.source}': the next-page link of page {number} points to a "
                "page already read; stopped to avoid an endless loop."
            )
        target, query = nxt, None  # the next URL already carries its query string


# --------------------------------------------------------------------------- connector contract


@dataclass(frozen=True)
class Checkpoint:
    """A resume point that is safe once every record before it is ingested."""

    watermark: str | None
    cursor: str | None


@dataclass
class SourcePage:
    """Records of one page, already in the project's input schema, and the resume point after
    them (None when resuming there could skip records, e.g. an unordered API mid-pull)."""

    records: list[dict[str, Any]]
    checkpoint: Checkpoint | None
    fetched: bool = True  # False for a checkpoint-only marker after the last page


class Connector(Protocol):
    """What :func:`pipelines.sources.pull_source` needs from a connector."""

    kind: str

    def pages(self, state: SourceState) -> Iterator[SourcePage]:
        """Pages from ``state`` onwards."""
        ...


# --------------------------------------------------------------------------- timestamps


def parse_timestamp(value: Any) -> datetime | None:
    """UTC datetime of an ISO 8601 string or epoch seconds; None when unparseable."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return datetime.fromtimestamp(float(value), tz=UTC)
    text = str(value).strip()
    if not text:
        return None
    if text.lstrip("-").isdigit():
        return datetime.fromtimestamp(int(text), tz=UTC)
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def later(current: str | None, candidate: Any) -> str | None:
    """The later of two timestamps, keeping the original spelling (unparseable ones ignored)."""
    cand = parse_timestamp(candidate)
    if cand is None:
        return current
    cur = parse_timestamp(current)
    return str(candidate) if cur is None or cand > cur else current

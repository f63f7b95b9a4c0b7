"""A retrying GET-JSON client for API sources.

:class:`HttpClient` — GET with a per-request timeout, retries with exponential backoff on
timeouts, connection errors, 5xx and malformed JSON, ``429 Retry-After`` honoured (seconds or
HTTP date), a cap on how long a server may make us wait, and a deadline for the whole pull.
Every loop is bounded in attempts and in time.
"""

from __future__ import annotations

import functools
import logging
import random
import ssl
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC
from email.utils import parsedate_to_datetime
from typing import Any

import httpx

from pipelines.errors import VocError
from pipelines.sources.auth import install_log_redaction, redact_url

log = logging.getLogger("voc.sources")

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


@functools.lru_cache(maxsize=1)
def _ssl_context() -> ssl.SSLContext:
    # Built once: loading the CA bundle costs ~50 ms, and every pull makes a client.
    return httpx.create_ssl_context()


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

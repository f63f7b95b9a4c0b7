"""HTTP source framework: a retrying JSON client, pagination styles and secret handling.

Connectors (:mod:`pipelines.sources.zendesk`, :mod:`~pipelines.sources.reviews_api`,
:mod:`~pipelines.sources.rest`) build on four pieces, re-exported here:

* :mod:`~pipelines.sources.client` — :class:`HttpClient`: GET with a per-request timeout,
  retries with exponential backoff on timeouts, connection errors, 5xx and malformed JSON,
  ``429 Retry-After`` honoured (seconds or HTTP date), a cap on how long a server may make us
  wait, and a deadline for the whole pull. Every loop is bounded in attempts and in time.
* :mod:`~pipelines.sources.pagination` — :func:`paginate`: cursor, page-number, ``Link`` header
  and next-URL-in-body pagination, with a page bound and detection of a cursor/page that
  repeats (an API bug that would loop forever).
* :mod:`~pipelines.sources.auth` — secrets: :func:`resolve_secret` reads the token from the
  environment variable named in the source config (``auth_env``) or a Prefect Secret block
  (``auth_secret``); :func:`auth_headers` turns it into headers. Tokens never reach logs, error
  messages, staging files or the database: URLs are logged through :func:`redact_url` and
  headers only through :func:`redact_headers`.
* :mod:`~pipelines.sources.connector` — the connector contract (:class:`Connector`,
  :class:`SourcePage`, :class:`Checkpoint`) and watermark timestamps.
"""

from __future__ import annotations

from pipelines.sources.auth import (
    INLINE_SECRET_KEYS,
    REDACTED,
    SECRET_HEADERS,
    auth_headers,
    check_no_inline_secrets,
    install_log_redaction,
    redact_headers,
    redact_url,
    resolve_secret,
)
from pipelines.sources.client import (
    RETRY_STATUSES,
    ClientStats,
    HttpClient,
    HttpResponse,
    HttpSourceError,
    HttpStatusError,
    RepeatedCursorError,
    RetryPolicy,
    parse_retry_after,
)
from pipelines.sources.connector import (
    Checkpoint,
    Connector,
    ResumePoint,
    SourcePage,
    later,
    parse_timestamp,
)
from pipelines.sources.pagination import (
    CursorPagination,
    LinkHeaderPagination,
    NextUrlPagination,
    Page,
    PageNumberPagination,
    Pagination,
    SinglePage,
    paginate,
)

__all__ = [
    "INLINE_SECRET_KEYS",
    "REDACTED",
    "RETRY_STATUSES",
    "SECRET_HEADERS",
    "Checkpoint",
    "ClientStats",
    "Connector",
    "CursorPagination",
    "HttpClient",
    "HttpResponse",
    "HttpSourceError",
    "HttpStatusError",
    "LinkHeaderPagination",
    "NextUrlPagination",
    "Page",
    "PageNumberPagination",
    "Pagination",
    "RepeatedCursorError",
    "ResumePoint",
    "RetryPolicy",
    "SinglePage",
    "SourcePage",
    "auth_headers",
    "check_no_inline_secrets",
    "install_log_redaction",
    "later",
    "paginate",
    "parse_retry_after",
    "parse_timestamp",
    "redact_headers",
    "redact_url",
    "resolve_secret",
]

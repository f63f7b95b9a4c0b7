"""Pagination styles of API sources: cursor, page number, ``Link`` header and next URL in the
body, each bounded in pages and stopped when a cursor/page repeats (an API bug that would loop
forever).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import httpx

from pipelines.sources.auth import redact_url
from pipelines.sources.client import HttpClient, HttpSourceError, RepeatedCursorError


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

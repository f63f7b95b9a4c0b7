"""Reviews API with page-number pagination (Trustpilot-style business-unit reviews).

``GET {endpoint}?page=N&perPage=M&orderBy=createdat.asc&startDateTime=<watermark>`` returns
``{"reviews": [{"id", "stars", "title", "text", "createdAt", "consumer": {"id"},
"companyReply": {...}}], "links": [{"rel": "next-page", "href": ...}]}``.

Reviews are requested oldest first from the watermark (the latest ``createdAt`` already
ingested), so every page is a safe resume point: a pull that fails on page 7 keeps pages 1–6 and
the next one restarts at their latest date. The boundary is inclusive, so the reviews at exactly
that instant are read again and ingest leaves them unchanged (identity is the review id).
``companyReply`` is the company's answer, not customer text: it is not ingested.

Config (``type = "reviews_api"``): ``base_url``, ``business_unit_id`` (or ``endpoint``, a path),
``auth_env``/``auth_secret`` (sent as the ``apikey`` header unless ``auth``/``auth_header`` say
otherwise), ``per_page`` (default 100), ``channel`` (default ``trustpilot``), ``start_date``
(ISO, first pull only), ``since_param`` (default ``startDateTime``), ``order_param``/
``order_value`` (default ``orderBy``/``createdat.asc``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from pipelines.errors import VocError
from pipelines.sources.http import (
    Checkpoint,
    HttpClient,
    HttpSourceError,
    PageNumberPagination,
    ResumePoint,
    SourcePage,
    later,
    paginate,
)


def _items(payload: Any) -> list[Any] | None:
    items = payload.get("reviews") if isinstance(payload, dict) else None
    return items if isinstance(items, list) else None


def _has_next(payload: Any) -> bool | None:
    links = payload.get("links") if isinstance(payload, dict) else None
    if not isinstance(links, list):
        # Without links, the paginator falls back to "a full page means there may be more".
        return None
    return any(isinstance(link, dict) and link.get("rel") == "next-page" for link in links)


def review_record(review: Mapping[str, Any], channel: str) -> dict[str, Any]:
    """A Trustpilot-style review in the project's review schema."""
    consumer = review.get("consumer") or {}
    customer = consumer.get("id") if isinstance(consumer, dict) else None
    return {
        "id": str(review["id"]),
        "created_at": review.get("createdAt"),
        "text": review.get("text") or "",
        "title": review.get("title"),
        "rating": review.get("stars"),
        "channel": channel,
        "customer_id": None if customer is None else str(customer),
    }


class ReviewsApiSource:
    """Page-based reviews connector (see the module docstring for the config keys)."""

    kind = "reviews"

    def __init__(self, config: Mapping[str, Any], client: HttpClient) -> None:
        self.name = str(config.get("name", "reviews"))
        self.client = client
        endpoint = config.get("endpoint")
        unit = config.get("business_unit_id")
        if not endpoint and not unit:
            raise VocError(
                f"source '{self.name}': set business_unit_id (or endpoint, the reviews path)."
            )
        self.endpoint = str(endpoint or f"/v1/business-units/{unit}/reviews")
        self.per_page = int(config.get("per_page", 100))
        self.channel = str(config.get("channel", "trustpilot"))
        self.start_date = config.get("start_date")
        self.since_param = str(config.get("since_param", "startDateTime"))
        self.order = {
            str(config.get("order_param", "orderBy")): config.get("order_value", "createdat.asc")
        }
        self.max_pages = int(config.get("max_pages", 10_000))

    def pages(self, state: ResumePoint) -> Iterator[SourcePage]:
        """Review pages created at or after the watermark, oldest first."""
        since = state.watermark or self.start_date
        params: dict[str, Any] = dict(self.order)
        if since:
            params[self.since_param] = since
        pagination = PageNumberPagination(
            items=_items,
            page_param="page",
            size_param="perPage",
            page_size=self.per_page,
            has_next=_has_next,
        )
        watermark = state.watermark
        for page in paginate(
            self.client, self.endpoint, pagination=pagination, params=params,
            max_pages=self.max_pages,
        ):  # fmt: skip
            reviews = _items(page.payload)
            if reviews is None:
                raise HttpSourceError(
                    f"source '{self.name}': page {page.number} has no 'reviews' list."
                )
            records = []
            for review in reviews:
                if not isinstance(review, dict) or review.get("id") is None:
                    raise HttpSourceError(
                        f"source '{self.name}': page {page.number} holds a review without an id."
                    )
                records.append(review_record(review, self.channel))
                watermark = later(watermark, review.get("createdAt"))
            yield SourcePage(records, Checkpoint(watermark, None))

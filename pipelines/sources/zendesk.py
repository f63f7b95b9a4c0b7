"""Zendesk tickets: cursor-based incremental export plus each ticket's comments.

First pull: ``GET /api/v2/incremental/tickets/cursor.json?start_time=<epoch>``; then the
``after_cursor`` of every page is the resume point, including the one returned with
``end_of_stream: true``, which is where the next scheduled pull continues. Comments come from
``GET /api/v2/tickets/{id}/comments.json`` (following ``next_page``/``links.next``); a comment
is the customer's when its ``author_id`` is the ticket's ``requester_id``, the agent's otherwise.

Config (``[sources.NAME]`` with ``type = "zendesk"``): ``base_url``
(``https://<subdomain>.zendesk.com``), ``auth_env`` or ``auth_secret``, ``auth`` (``basic``
when ``auth_user = "agent@example.com/token"`` is set, else ``bearer`` for OAuth tokens),
``start_time`` (epoch or ISO date of the first pull, default 0), ``per_page`` (default 1000),
``fetch_comments`` (default true; false uses the ticket description as the only customer
comment), ``include_private_comments`` (default false: internal notes are skipped).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from pipelines.errors import VocError
from pipelines.sources.http import (
    Checkpoint,
    CursorPagination,
    HttpClient,
    HttpSourceError,
    HttpStatusError,
    NextUrlPagination,
    ResumePoint,
    SourcePage,
    later,
    paginate,
    parse_timestamp,
)

EXPORT_PATH = "/api/v2/incremental/tickets/cursor.json"
COMMENTS_PATH = "/api/v2/tickets/{id}/comments.json"
#: Zendesk ``via.channel`` → the project's ticket channels.
CHANNELS = {
    "email": "email",
    "web": "web",
    "web_form": "web",
    "web_widget": "web",
    "mobile": "web",
    "mobile_sdk": "web",
    "chat": "chat",
    "native_messaging": "chat",
    "messaging": "chat",
    "whatsapp": "chat",
    "voice": "phone",
    "phone": "phone",
}
STATUSES = frozenset({"new", "open", "pending", "hold", "solved", "closed"})


def _epoch(value: Any, source: str) -> int:
    if value in (None, ""):
        return 0
    parsed = parse_timestamp(value)
    if parsed is None:
        raise VocError(f"source '{source}': start_time {value!r} is not an epoch or ISO date")
    return max(0, int(parsed.timestamp()))


def _next_comments_url(payload: Any) -> str | None:
    if not isinstance(payload, dict):
        return None
    if payload.get("next_page"):
        return str(payload["next_page"])
    links, meta = payload.get("links") or {}, payload.get("meta") or {}
    if isinstance(meta, dict) and meta.get("has_more") and isinstance(links, dict):
        return links.get("next")
    return None


def ticket_record(
    ticket: Mapping[str, Any],
    comments: list[dict[str, Any]],
    metric_set: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """A Zendesk ticket (plus its mapped comments) in the project's ticket schema."""
    via = ticket.get("via") or {}
    raw_channel = str(via.get("channel") or "") if isinstance(via, dict) else ""
    solved_at = (metric_set or {}).get("solved_at") or ticket.get("solved_at")
    requester = ticket.get("requester_id")
    return {
        "id": str(ticket["id"]),
        "requester_id": None if requester is None else str(requester),
        "status": ticket.get("status"),
        "created_at": ticket.get("created_at"),
        "updated_at": ticket.get("updated_at"),
        "solved_at": solved_at,
        "subject": ticket.get("subject") or ticket.get("raw_subject") or "",
        "channel": CHANNELS.get(raw_channel, raw_channel or None),
        # Service levels: Zendesk's priority and its own reopen count (ticket metrics).
        "priority": ticket.get("priority"),
        "reopens": (metric_set or {}).get("reopens"),
        "comments": comments,
    }


def comment_record(comment: Mapping[str, Any], requester_id: Any) -> dict[str, Any]:
    """A Zendesk comment in the project's comment schema (role from the author)."""
    is_customer = requester_id is not None and str(comment.get("author_id")) == str(requester_id)
    return {
        "id": None if comment.get("id") is None else str(comment["id"]),
        "author_role": "customer" if is_customer else "agent",
        "created_at": comment.get("created_at"),
        "body": comment.get("plain_body") or comment.get("body") or "",
    }


class ZendeskSource:
    """Incremental Zendesk ticket export (see the module docstring for the config keys)."""

    kind = "tickets"

    def __init__(self, config: Mapping[str, Any], client: HttpClient) -> None:
        self.name = str(config.get("name", "zendesk"))
        self.client = client
        self.start_time = _epoch(config.get("start_time"), self.name)
        self.per_page = int(config.get("per_page", 1000))
        self.fetch_comments = bool(config.get("fetch_comments", True))
        self.include_private = bool(config.get("include_private_comments", False))
        self.max_pages = int(config.get("max_pages", 10_000))
        self.skipped_deleted = 0

    def comments(self, ticket: Mapping[str, Any]) -> list[dict[str, Any]]:
        """The ticket's comments, oldest first; [] if the ticket vanished meanwhile (404)."""
        requester = ticket.get("requester_id")
        if not self.fetch_comments:
            body = ticket.get("description") or ""
            if not body:
                return []
            return [
                {
                    "id": f"{ticket['id']}-description",
                    "author_role": "customer",
                    "created_at": ticket.get("created_at"),
                    "body": body,
                }
            ]
        out: list[dict[str, Any]] = []
        url = COMMENTS_PATH.format(id=ticket["id"])
        try:
            for page in paginate(
                self.client,
                url,
                pagination=NextUrlPagination(_next_comments_url),
                max_pages=100,
            ):
                items = page.payload.get("comments") if isinstance(page.payload, dict) else None
                if not isinstance(items, list):
                    raise HttpSourceError(
                        f"source '{self.name}': comments of ticket {ticket['id']} have no "
                        "'comments' list; is base_url a Zendesk instance?"
                    )
                for comment in items:
                    if not isinstance(comment, dict):
                        continue
                    if comment.get("public") is False and not self.include_private:
                        continue
                    out.append(comment_record(comment, requester))
        except HttpStatusError as exc:
            if exc.status != 404:
                raise
            return []
        return out

    def pages(self, state: ResumePoint) -> Iterator[SourcePage]:
        """Ticket pages from the saved cursor (or ``start_time`` on the first pull)."""
        pagination = CursorPagination(
            next_cursor=lambda p: p.get("after_cursor") if isinstance(p, dict) else None,
            is_last=lambda p: bool(p.get("end_of_stream")) if isinstance(p, dict) else True,
            cursor_param="cursor",
            start_cursor=state.cursor,
            initial_params={"start_time": self.start_time},
        )
        watermark = state.watermark
        params = {"per_page": self.per_page, "exclude_deleted": "true"}
        for page in paginate(
            self.client, EXPORT_PATH, pagination=pagination, params=params,
            max_pages=self.max_pages,
        ):  # fmt: skip
            payload = page.payload
            tickets = payload.get("tickets") if isinstance(payload, dict) else None
            if not isinstance(tickets, list):
                raise HttpSourceError(
                    f"source '{self.name}': export page {page.number} has no 'tickets' list; "
                    "is base_url a Zendesk instance?"
                )
            metrics = {
                str(m.get("ticket_id")): m
                for m in payload.get("metric_sets") or []
                if isinstance(m, dict)
            }
            records = []
            for ticket in tickets:
                if not isinstance(ticket, dict) or ticket.get("id") is None:
                    raise HttpSourceError(
                        f"source '{self.name}': export page {page.number} holds a ticket "
                        "without an id."
                    )
                if ticket.get("status") == "deleted":
                    self.skipped_deleted += 1
                    continue
                records.append(
                    ticket_record(ticket, self.comments(ticket), metrics.get(str(ticket["id"])))
                )
                watermark = later(watermark, ticket.get("updated_at"))
            yield SourcePage(records, Checkpoint(watermark, page.next_token))

"""Input rows to prepared records: repeated source ids resolved, dates/ratings parsed, text
normalised, ticket comments flattened (no redaction yet: that happens when the frames are
built, :mod:`pipelines.ingest.prepare_frames`).
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import datetime
from typing import Any

from pipelines.ingest.normalize import normalize_text, parse_datetime, parse_rating_raw

__all__ = ["collapse_source_ids", "prepare_record"]

_STATUS_SYNONYMS = {
    "aperto": "open",
    "aperta": "open",
    "nuovo": "new",
    "nuova": "new",
    "in attesa": "pending",
    "attesa": "pending",
    "sospeso": "hold",
    "on-hold": "hold",
    "on_hold": "hold",
    "on hold": "hold",
    "risolto": "solved",
    "risolta": "solved",
    "chiuso": "closed",
    "chiusa": "closed",
}
_PRIORITY_SYNONYMS = {
    "low": "low", "bassa": "low", "basso": "low",
    "normal": "normal", "normale": "normal", "media": "normal", "medium": "normal",
    "high": "high", "alta": "high", "alto": "high",
    "urgent": "urgent", "urgente": "urgent", "critica": "urgent", "critical": "urgent",
}  # fmt: skip
_CUSTOMER_ROLES = {"customer", "end-user", "end_user", "enduser", "requester", "user", "cliente",
                   "utente", "client", "consumer"}  # fmt: skip
_AGENT_ROLES = {"agent", "admin", "staff", "operator", "operatore", "operatrice", "support",
                "assistenza", "agente"}  # fmt: skip


def _blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and value != value:  # NaN
        return True
    return isinstance(value, str) and not value.strip()


def _str_or_none(value: Any) -> str | None:
    return None if _blank(value) else str(value).strip()


def collapse_source_ids(
    records: list[dict[str, Any]], stats: Counter[str]
) -> tuple[list[dict[str, Any]], list[tuple[int, int]], dict[int, list[str]]]:
    """Resolve repeated source ids.

    Identical copies collapse into the first one (counted as ``identical_duplicates``); among
    different versions the most recent ``updated_at`` (else the last row) wins and the others
    are returned as ``(row, kept_row)`` to quarantine.
    """
    if not records or "id" not in records[0]:
        return records, [], {}
    by_id: dict[str, list[int]] = {}
    for pos, rec in enumerate(records):
        sid = _str_or_none(rec.get("id"))
        if sid is not None:
            by_id.setdefault(sid, []).append(pos)
    drop: set[int] = set()
    superseded: list[tuple[int, int]] = []
    repairs: dict[int, list[str]] = {}
    for positions in by_id.values():
        if len(positions) < 2:
            continue
        seen: dict[str, int] = {}
        distinct: list[int] = []
        for pos in positions:
            key = json.dumps(
                {k: v for k, v in records[pos].items() if k != "_row"},
                sort_keys=True,
                ensure_ascii=False,
                default=str,
            )
            if key in seen:
                drop.add(pos)
                stats["identical_duplicates"] += 1
            else:
                seen[key] = pos
                distinct.append(pos)
        if len(distinct) < 2:
            continue

        def recency(pos: int) -> tuple[int, datetime, int]:
            updated = parse_datetime(records[pos].get("updated_at"))
            return (0, datetime.min, pos) if updated is None else (1, updated, pos)

        keep = max(distinct, key=recency)
        for pos in distinct:
            if pos != keep:
                drop.add(pos)
                superseded.append((int(records[pos]["_row"]), int(records[keep]["_row"])))
                stats["superseded_duplicates"] += 1
        repairs[int(records[keep]["_row"])] = ["superseded_duplicate_id"]
    kept = [rec for pos, rec in enumerate(records) if pos not in drop]
    return kept, superseded, repairs


def prepare_record(rec: dict[str, Any], kind: str, has_id: bool, tz: str) -> dict[str, Any]:
    """Parse and normalise one input row (no redaction yet)."""
    repairs: list[str] = []

    def norm(value: Any) -> str:
        text, reps = normalize_text(None if _blank(value) else str(value))
        for rep in reps:
            if rep not in repairs:
                repairs.append(rep)
        return text

    out: dict[str, Any] = {
        "_row": int(rec["_row"]),
        "source_id": _str_or_none(rec.get("id")) if has_id else None,
        "created_at": parse_datetime(rec.get("created_at"), tz),
        "updated_at": parse_datetime(rec.get("updated_at"), tz),
        "status": None,
        "comments": [],
    }
    rating, note = parse_rating_raw(None if _blank(rec.get("rating")) else rec.get("rating"))
    out["rating"] = float("nan") if rating is None else rating
    out["rating_ok"] = note != "rating_unparseable"
    if note and note != "rating_unparseable":
        repairs.append(note)

    if kind == "tickets":
        out["customer_id"] = _str_or_none(rec.get("requester_id")) or _str_or_none(
            rec.get("customer_id")
        )
        out["channel"] = _lower_or_none(rec.get("channel"))
        status = _lower_or_none(rec.get("status"))
        out["status"] = _STATUS_SYNONYMS.get(status, status) if status else None
        priority = _lower_or_none(rec.get("priority"))
        # An unknown priority is not an error: the ticket gets the default targets.
        out["priority"] = _PRIORITY_SYNONYMS.get(priority or "", "normal")
        out["solved_at"] = parse_datetime(rec.get("solved_at"), tz)
        reopens = _str_or_none(rec.get("reopens"))
        out["reopens"] = int(float(reopens)) if reopens and _is_number(reopens) else None
        subject = norm(rec.get("subject"))
        comments, comment_repairs = _parse_comments(rec.get("comments"), rec.get("description"), tz)
        repairs.extend(r for r in comment_repairs if r not in repairs)
        for c in comments:
            c["text"] = norm(c.pop("body"))
        customer_text = "\n".join(
            c["text"] for c in comments if c["author_role"] == "customer" and c["text"]
        )
        out["comments"] = comments
        out["customer_text"] = customer_text
        out["title"] = subject or None
        out["text"] = "\n".join(t for t in (subject, customer_text) if t)
    else:
        if kind == "social":
            out["customer_id"] = _str_or_none(rec.get("author_id")) or _str_or_none(
                rec.get("customer_id")
            )
            out["channel"] = _lower_or_none(rec.get("platform")) or _lower_or_none(
                rec.get("channel")
            )
            out["title"] = None
        else:
            out["customer_id"] = _str_or_none(rec.get("customer_id"))
            out["channel"] = _lower_or_none(rec.get("channel"))
            out["title"] = norm(rec.get("title")) or None
        out["text"] = norm(rec.get("text"))
    out["repairs"] = repairs
    return out


def _is_number(text: str) -> bool:
    try:
        return float(text) >= 0
    except ValueError:
        return False


def _lower_or_none(value: Any) -> str | None:
    text = _str_or_none(value)
    return text.lower() if text is not None else None


def _parse_comments(
    value: Any, description: Any, tz: str
) -> tuple[list[dict[str, Any]], list[str]]:
    """Ticket comments as ``[{comment_id, author_role, created_at, body}]`` in source order."""
    repairs: list[str] = []
    items: Any = value
    if isinstance(items, str):
        try:
            items = json.loads(items)
        except json.JSONDecodeError:
            # A flat export with the thread as plain text: treat it as one customer comment.
            items = [{"author_role": "customer", "body": items}]
            repairs.append("comments_as_text")
    if isinstance(items, dict):
        items = [items]
    if _blank(items) or (isinstance(items, list) and not items):
        items = []
        if not _blank(description):
            items = [{"author_role": "customer", "body": description}]
            repairs.append("description_as_comment")
    comments: list[dict[str, Any]] = []
    for i, item in enumerate(items if isinstance(items, list) else []):
        if not isinstance(item, dict):
            item = {"author_role": "customer", "body": str(item)}
        role = _lower_or_none(item.get("author_role") or item.get("role"))
        if role in _CUSTOMER_ROLES:
            role = "customer"
        elif role in _AGENT_ROLES:
            role = "agent"
        body = next(
            (
                item[k]
                for k in ("body", "plain_body", "text", "html_body")
                if not _blank(item.get(k))
            ),
            "",
        )
        comments.append(
            {
                "comment_id": _str_or_none(item.get("id")),
                "comment_idx": i,
                "author_role": role,
                "created_at": parse_datetime(item.get("created_at"), tz),
                "body": body if isinstance(body, str) else json.dumps(body, ensure_ascii=False),
            }
        )
    return comments, repairs

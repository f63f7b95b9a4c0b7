"""The compute half of ingestion: one input file -> documents, comments, quarantine.

Steps (see docs/architecture.md for the frames):

1. read (``readers.read_table``; unparsable records go straight to quarantine);
2. collapse rows sharing a source id (identical copies silently, different versions keep the
   most recent by ``updated_at`` else the last row; superseded versions are quarantined);
3. flatten tickets (subject + customer comments are the analysed text; every comment goes to
   the ``comments`` frame);
4. parse dates/ratings and normalise text, then validate with Great Expectations;
5. redact personal data (text, titles, comments, quarantine ``raw``), detect language, build
   ``doc_id``/``text_hash``, flag near-duplicates inside the batch.

Invariant: every input row ends up in exactly one place -- ``documents``, ``quarantine`` or the
``identical_duplicates`` count:
``stats["rows_read"] == len(documents) + stats["quarantined"] + stats["identical_duplicates"]``.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from pipelines.errors import InputFileError, VocError
from pipelines.ingest.dedup import find_near_duplicates, shingle_hashes
from pipelines.ingest.normalize import (
    detect_language,
    normalize_text,
    parse_datetime,
    parse_rating_raw,
)
from pipelines.ingest.readers import read_table
from pipelines.ingest.redact import redact, redact_value
from pipelines.ingest.validate import QUARANTINE_COLUMNS, combine_quarantine, validate_frame

__all__ = [
    "COMMENT_COLUMNS",
    "DOCUMENT_COLUMNS",
    "KINDS",
    "PreparedBatch",
    "canonical_kind",
    "prepare_file",
]

DOCUMENT_COLUMNS: list[str] = [
    "doc_id",
    "kind",
    "source_id",
    "channel",
    "customer_id",
    "created_at",
    "updated_at",
    "title",
    "text",
    "text_hash",
    "rating",
    "status",
    "language",
    "is_duplicate",
    "duplicate_of",
    "repairs",
    "source_file",
    "source_row",
]
COMMENT_COLUMNS: list[str] = [
    "doc_id",
    "comment_id",
    "comment_idx",
    "author_role",
    "created_at",
    "text",
]
KINDS: dict[str, str] = {
    "reviews": "reviews",
    "review": "reviews",
    "tickets": "tickets",
    "ticket": "tickets",
    "social": "social",
    "posts": "social",
}
_TEXT_COLUMNS = {"reviews": ("text",), "social": ("text",), "tickets": ("comments", "description")}
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
_CUSTOMER_ROLES = {"customer", "end-user", "end_user", "enduser", "requester", "user", "cliente",
                   "utente", "client", "consumer"}  # fmt: skip
_AGENT_ROLES = {"agent", "admin", "staff", "operator", "operatore", "operatrice", "support",
                "assistenza", "agente"}  # fmt: skip


@dataclass
class PreparedBatch:
    """Result of :func:`prepare_file`.

    Attributes:
        documents: One row per accepted document, columns :data:`DOCUMENT_COLUMNS`.
        comments: Ticket comments of accepted tickets (empty for other kinds), columns
            :data:`COMMENT_COLUMNS`; ``comment_idx`` is 0-based in source order.
        quarantine: One row per rejected input row (``source_file``, ``source_row``, ``kind``,
            ``field``, ``reason``, ``raw``); ``raw`` is redacted when redaction is on.
        stats: Counters: ``rows_read`` (alias ``rows``), ``documents``, ``quarantined``,
            ``bad_rows``, ``identical_duplicates``, ``superseded_duplicates``,
            ``near_duplicates``, ``comments``, ``redacted_<TYPE>`` and ``repair_<name>``.
        shingles: :func:`~pipelines.ingest.dedup.shingle_hashes` of each document text, keyed by the
            text, so the cross-file duplicate check after storing does not shingle them again.
    """

    documents: pd.DataFrame
    comments: pd.DataFrame
    quarantine: pd.DataFrame
    stats: dict[str, int] = field(default_factory=dict)
    shingles: dict[str, np.ndarray] = field(default_factory=dict)


def canonical_kind(kind: str) -> str:
    """Map ``review``/``reviews``/``ticket``/... to ``reviews``, ``tickets`` or ``social``.

    Raises:
        VocError: Unknown kind.
    """
    canonical = KINDS.get(str(kind).strip().lower())
    if canonical is None:
        raise VocError(f"unknown kind {kind!r}: use reviews, tickets or social.")
    return canonical


def prepare_file(
    path: Path,
    kind: str,
    *,
    fmt: str | None = None,
    mapping: Mapping[str, str | Sequence[str]] | None = None,
    redact_pii: bool = True,
    now: datetime,
    dedup_threshold: float = 0.9,
    seed: int = 1,
    timezone: str = "UTC",
) -> PreparedBatch:
    """Read, validate, clean and redact one export file.

    Args:
        path: Input file (CSV/JSONL/JSON/Parquet).
        kind: ``reviews``, ``tickets`` or ``social``.
        fmt: Force the format instead of inferring it from the extension.
        mapping: ``{canonical: source_column}`` renames (see ``readers.load_mapping``).
        redact_pii: Replace personal data with placeholders everywhere (text, titles, comments,
            quarantine ``raw``, customer ids that contain an e-mail/phone).
        now: Reference time; rows created more than a day after it are quarantined.
        dedup_threshold: Jaccard threshold for near-duplicates.
        seed: MinHash seed.
        timezone: IANA zone of timestamps written without an offset (``settings.timezone``).

    Returns:
        The documents, comments, quarantine frames and counters.

    Raises:
        InputFileError: Unreadable file, no text column, or no created_at column.
        VocError: Unknown kind.
    """
    path = Path(path)
    kind = canonical_kind(kind)
    source_file = path.name
    read = read_table(path, fmt, mapping, text_columns=_TEXT_COLUMNS[kind])
    frame = read.frame
    if "created_at" not in frame.columns:
        found = ", ".join(c for c in frame.columns if c != "_row")
        raise InputFileError(
            f"{source_file}: no created_at column (found: {found}). Use --mapping to rename.",
            path=str(path),
            field="created_at",
        )

    stats: Counter[str] = Counter()
    stats["rows_read"] = len(frame) + len(read.bad_rows)
    stats["rows"] = stats["rows_read"]  # alias used by pipelines.steps
    stats["bad_rows"] = len(read.bad_rows)
    raw_of: dict[int, Any] = {}  # source row -> original record (for quarantine raw)
    quarantine_parts: list[pd.DataFrame] = []

    if read.bad_rows:
        quarantine_parts.append(
            pd.DataFrame.from_records(
                [
                    {
                        "source_file": source_file,
                        "source_row": row,
                        "kind": kind,
                        "field": "row",
                        "reason": f"unreadable row: {reason}",
                        "raw": None,
                    }
                    for row, reason in read.bad_rows
                ],
                columns=QUARANTINE_COLUMNS,
            )
        )
        for row, _ in read.bad_rows:
            raw_of[row] = {"line": read.bad_lines.get(row, "")}

    records = frame.to_dict("records")
    for rec in records:
        raw_of[int(rec["_row"])] = {k: v for k, v in rec.items() if k != "_row"}

    # ---- duplicate source ids
    records, superseded, extra_repairs = _collapse_source_ids(records, stats)
    if superseded:
        quarantine_parts.append(
            pd.DataFrame.from_records(
                [
                    {
                        "source_file": source_file,
                        "source_row": row,
                        "kind": kind,
                        "field": "id",
                        "reason": f"id repeated in this file; superseded by row {kept} "
                        "(the most recent version is kept)",
                        "raw": None,
                    }
                    for row, kept in superseded
                ],
                columns=QUARANTINE_COLUMNS,
            )
        )

    # ---- flatten, parse, normalise
    has_id = "id" in frame.columns
    has_rating = "rating" in frame.columns
    rows = [_prepare_record(rec, kind, has_id, timezone) for rec in records]
    for prepared in rows:
        prepared["repairs"] = extra_repairs.get(prepared["_row"], []) + prepared["repairs"]

    vframe = pd.DataFrame(
        {
            "_row": pd.Series([r["_row"] for r in rows], dtype="int64"),
            "created_at_parsed": pd.to_datetime(
                pd.Series([r["created_at"] for r in rows], dtype=object), errors="coerce"
            ),
        }
    )
    if has_id:
        vframe["id"] = pd.Series([r["source_id"] for r in rows], dtype=object)
    text_col = "customer_text" if kind == "tickets" else "text"
    vframe[text_col] = pd.Series([r[text_col] for r in rows], dtype=object)
    if has_rating:
        vframe["rating"] = pd.Series([r["rating"] for r in rows], dtype="float64")
        vframe["rating_parsed_ok"] = pd.Series([r["rating_ok"] for r in rows], dtype=bool)
    if kind == "tickets" and "status" in frame.columns:
        vframe["status"] = pd.Series([r["status"] for r in rows], dtype=object)

    valid, q_rows = validate_frame(vframe, kind, source_file, now=now, redact_raw=False)
    quarantine_parts.append(q_rows)
    valid_rows = set(valid["_row"].tolist())
    if kind == "tickets":
        cframe = pd.DataFrame(
            {
                "_row": pd.Series([r["_row"] for r in rows for _ in r["comments"]], dtype="int64"),
                "author_role": pd.Series(
                    [c["author_role"] for r in rows for c in r["comments"]], dtype=object
                ),
            }
        )
        if not cframe.empty:
            _, q_comments = validate_frame(
                cframe, "ticket_comments", source_file, now=now, redact_raw=False
            )
            quarantine_parts.append(q_comments)
            valid_rows -= set(q_comments["source_row"].tolist())

    quarantine = combine_quarantine(*quarantine_parts)
    # Replace the working raw with the original row (redacted when asked).
    quarantine["raw"] = [
        _raw_json(raw_of.get(int(row), {}), redact_pii) for row in quarantine["source_row"]
    ]

    accepted = [r for r in rows if r["_row"] in valid_rows]
    documents, comments, identical_after = _build_documents(
        accepted, kind, source_file, redact_pii, stats
    )
    stats["identical_duplicates"] += identical_after

    texts = documents["text"].tolist()
    hashes = [shingle_hashes(t) for t in texts]
    if len(documents) > 1:
        dup_of = find_near_duplicates(
            documents[["doc_id", "text", "created_at", "customer_id"]],
            threshold=dedup_threshold,
            seed=seed,
            hashes=hashes,
        )
        documents["duplicate_of"] = dup_of.reindex(documents["doc_id"]).tolist()
    documents["is_duplicate"] = documents["duplicate_of"].notna().astype(bool)
    stats["near_duplicates"] = int(documents["is_duplicate"].sum())
    stats["documents"] = len(documents)
    stats["quarantined"] = int(quarantine["source_row"].nunique()) if len(quarantine) else 0
    stats["comments"] = len(comments)
    for repairs in documents["repairs"]:
        for rep in repairs:
            stats[f"repair_{rep}"] += 1
    for key in ("superseded_duplicates", "identical_duplicates", "near_duplicates"):
        stats.setdefault(key, 0)
    return PreparedBatch(
        documents=documents.reset_index(drop=True),
        comments=comments.reset_index(drop=True),
        quarantine=quarantine.reset_index(drop=True),
        stats={k: int(v) for k, v in stats.items()},
        shingles=dict(zip(texts, hashes, strict=True)),
    )


# --------------------------------------------------------------------------- helpers


def _blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and value != value:  # NaN
        return True
    return isinstance(value, str) and not value.strip()


def _str_or_none(value: Any) -> str | None:
    return None if _blank(value) else str(value).strip()


def _collapse_source_ids(
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


def _prepare_record(rec: dict[str, Any], kind: str, has_id: bool, tz: str) -> dict[str, Any]:
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


def _raw_json(record: Any, redact_pii: bool) -> str:
    data = _jsonable(record)
    if redact_pii:
        data = redact_value(data)
    return json.dumps(data, ensure_ascii=False, default=str)


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, float) and value != value:
        return None
    return value


def _pseudonymise(value: str | None) -> str | None:
    """Replace a customer id that is itself personal data (an e-mail, a phone) by a hash."""
    if value is None:
        return None
    redacted, counts = redact(value)
    if not counts or redacted == value:
        return value
    return "h:" + hashlib.sha256(value.strip().lower().encode("utf-8")).hexdigest()[:16]


def _build_documents(
    rows: list[dict[str, Any]],
    kind: str,
    source_file: str,
    redact_pii: bool,
    stats: Counter[str],
) -> tuple[pd.DataFrame, pd.DataFrame, int]:
    languages = detect_language([r["text"] for r in rows])
    docs: list[dict[str, Any]] = []
    comment_rows: list[dict[str, Any]] = []
    seen_ids: set[str] = set()
    identical = 0

    def scrub(text: str | None) -> str | None:
        if text is None or not redact_pii:
            return text
        red, counts = redact(text)
        for key, n in counts.items():
            stats[f"redacted_{key}"] += n
        return red

    for row, language in zip(rows, languages, strict=True):
        title = scrub(row["title"])
        if kind == "tickets":
            # Redact each comment on its own (signature rules look at the end of a message),
            # then rebuild the analysed text from the redacted parts.
            for c in row["comments"]:
                c["redacted"] = scrub(c["text"]) or ""
            parts = [title or ""] + [
                c["redacted"] for c in row["comments"] if c["author_role"] == "customer"
            ]
            text = "\n".join(p for p in parts if p)
        else:
            text = scrub(row["text"]) or ""
        customer_id = _pseudonymise(row["customer_id"]) if redact_pii else row["customer_id"]
        source_id = row["source_id"]
        if source_id is not None:
            doc_id = f"{kind}:{source_id}"
        else:
            fingerprint = json.dumps(
                [text, title, customer_id, row["channel"], str(row["created_at"])],
                ensure_ascii=False,
            )
            doc_id = f"{kind}:h:{hashlib.sha256(fingerprint.encode('utf-8')).hexdigest()[:16]}"
        if doc_id in seen_ids:
            # Same content without a source id: an identical copy of a row already kept.
            identical += 1
            continue
        seen_ids.add(doc_id)
        docs.append(
            {
                "doc_id": doc_id,
                "kind": kind,
                "source_id": source_id,
                "channel": row["channel"],
                "customer_id": customer_id,
                "created_at": row["created_at"],
                "updated_at": row["updated_at"],
                "title": title,
                "text": text,
                "text_hash": hashlib.sha256(text.encode("utf-8")).hexdigest(),
                "rating": row["rating"],
                "status": row["status"],
                "language": language,
                "is_duplicate": False,
                "duplicate_of": None,
                "repairs": list(row["repairs"]),
                "source_file": source_file,
                "source_row": row["_row"],
            }
        )
        for c in row["comments"]:
            comment_rows.append(
                {
                    "doc_id": doc_id,
                    "comment_id": c["comment_id"],
                    "comment_idx": c["comment_idx"],
                    "author_role": c["author_role"],
                    "created_at": c["created_at"],
                    "text": c["redacted"],
                }
            )

    documents = pd.DataFrame(
        {col: pd.Series([d[col] for d in docs], dtype=object) for col in DOCUMENT_COLUMNS}
    )
    documents["created_at"] = _timestamps([d["created_at"] for d in docs])
    documents["updated_at"] = _timestamps([d["updated_at"] for d in docs])
    documents["rating"] = pd.Series([d["rating"] for d in docs], dtype="float64")
    documents["is_duplicate"] = pd.Series([False] * len(docs), dtype=bool)
    documents["source_row"] = pd.Series([d["source_row"] for d in docs], dtype="int64")
    comments = pd.DataFrame(
        {col: pd.Series([c[col] for c in comment_rows], dtype=object) for col in COMMENT_COLUMNS}
    )
    comments["comment_idx"] = pd.Series([c["comment_idx"] for c in comment_rows], dtype="int64")
    comments["created_at"] = _timestamps([c["created_at"] for c in comment_rows])
    return documents, comments, identical


def _timestamps(values: list[datetime | None]) -> pd.Series:
    return pd.Series(pd.to_datetime(pd.Series(values, dtype=object)), dtype="datetime64[us]")

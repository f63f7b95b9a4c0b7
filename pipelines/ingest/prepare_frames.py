"""Prepared records to the ``documents`` and ``comments`` frames: redaction, pseudonymised
customer ids, ``doc_id``/``text_hash``, language; and the JSON ``raw`` of quarantined rows.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from datetime import datetime
from typing import Any

import pandas as pd

from pipelines.ingest.normalize import detect_language
from pipelines.ingest.redact import redact
from pipelines.ingest.redact_records import pseudonymise, redact_raw

__all__ = ["COMMENT_COLUMNS", "DOCUMENT_COLUMNS", "build_documents", "raw_json"]

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


def raw_json(record: Any, redact_pii: bool) -> str:
    """The JSON ``raw`` of a quarantined row: the original record, redacted when asked (its
    customer ids hashed like the documents' ones)."""
    data = _jsonable(record)
    if redact_pii:
        data = redact_raw(data)
    return json.dumps(data, ensure_ascii=False, default=str)


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, float) and value != value:
        return None
    return value


def build_documents(
    rows: list[dict[str, Any]],
    kind: str,
    source_file: str,
    redact_pii: bool,
    stats: Counter[str],
) -> tuple[pd.DataFrame, pd.DataFrame, int]:
    """Redact and identify accepted records: the documents and comments frames.

    Args:
        rows: Prepared records (:func:`pipelines.ingest.prepare_records.prepare_record`).
        kind: ``reviews``, ``tickets`` or ``social``.
        source_file: File name recorded on each document.
        redact_pii: Redact texts, titles and comments and pseudonymise personal customer ids.
        stats: Counters updated in place (``redacted_<TYPE>``).

    Returns:
        ``(documents, comments, identical)``: frames with :data:`DOCUMENT_COLUMNS` and
        :data:`COMMENT_COLUMNS`, and the number of rows dropped as identical copies (same
        content without a source id).
    """
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
        customer_id = pseudonymise(row["customer_id"]) if redact_pii else row["customer_id"]
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

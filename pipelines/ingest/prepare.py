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

The row-level work lives in :mod:`~pipelines.ingest.prepare_records` (steps 2-4) and
:mod:`~pipelines.ingest.prepare_frames` (step 5); this module runs the steps in order and
assembles the quarantine.
"""

from __future__ import annotations

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
from pipelines.ingest.prepare_frames import (
    COMMENT_COLUMNS,
    DOCUMENT_COLUMNS,
    build_documents,
    raw_json,
)
from pipelines.ingest.prepare_records import collapse_source_ids, prepare_record
from pipelines.ingest.readers import read_table
from pipelines.ingest.surveys import prepare_survey_record, response_frame, validation_frame
from pipelines.ingest.validate import QUARANTINE_COLUMNS, combine_quarantine, validate_frame

__all__ = [
    "COMMENT_COLUMNS",
    "DOCUMENT_COLUMNS",
    "KINDS",
    "PreparedBatch",
    "canonical_kind",
    "prepare_file",
]

KINDS: dict[str, str] = {
    "reviews": "reviews",
    "review": "reviews",
    "tickets": "tickets",
    "ticket": "tickets",
    "social": "social",
    "posts": "social",
    "surveys": "surveys",
    "survey": "surveys",
    "sondaggi": "surveys",
}
# At least one of these columns must exist (surveys: a score; the verbatim is optional).
_TEXT_COLUMNS = {"reviews": ("text",), "social": ("text",), "tickets": ("comments", "description"),
                 "surveys": ("nps", "csat", "ces")}  # fmt: skip


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
    responses: pd.DataFrame | None = None  #: survey responses (kind ``surveys`` only)
    ticket_details: pd.DataFrame | None = None  #: priority, solved_at, reopens (tickets only)


def canonical_kind(kind: str) -> str:
    """Map ``review``/``reviews``/``ticket``/... to ``reviews``, ``tickets``, ``social``, ``surveys``.

    Raises:
        VocError: Unknown kind.
    """
    canonical = KINDS.get(str(kind).strip().lower())
    if canonical is None:
        raise VocError(f"unknown kind {kind!r}: use reviews, tickets, social or surveys.")
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
    records, superseded, extra_repairs = collapse_source_ids(records, stats)
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
    if kind == "surveys":
        rows = [prepare_survey_record(rec, has_id, timezone) for rec in records]
    else:
        rows = [prepare_record(rec, kind, has_id, timezone) for rec in records]
    for prepared in rows:
        prepared["repairs"] = extra_repairs.get(prepared["_row"], []) + prepared["repairs"]

    if kind == "surveys":
        vframe = validation_frame(rows, has_id)
    else:
        vframe = _validation_frame(rows, kind, frame, has_id, has_rating)
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
        raw_json(raw_of.get(int(row), {}), redact_pii) for row in quarantine["source_row"]
    ]

    accepted = [r for r in rows if r["_row"] in valid_rows]
    responses = None
    if kind == "surveys":
        responses, documents, comments, identical_after = response_frame(
            accepted, source_file, redact_pii, stats
        )
        stats["responses"] = len(responses)
    else:
        documents, comments, identical_after = build_documents(
            accepted, kind, source_file, redact_pii, stats
        )
    stats["identical_duplicates"] += identical_after
    batch = _finish(documents, comments, quarantine, responses, stats, dedup_threshold, seed)
    if kind == "tickets":
        batch.ticket_details = ticket_details(accepted, batch.documents)
    return batch


def ticket_details(rows: list[dict[str, Any]], documents: pd.DataFrame) -> pd.DataFrame:
    """Priority, solve time and helpdesk reopen count of each stored ticket (``ticket_details``)."""
    doc_of_row = dict(zip(documents["source_row"].tolist(), documents["doc_id"], strict=True))
    kept = [r for r in rows if r["_row"] in doc_of_row]
    frame = pd.DataFrame(
        {
            "doc_id": pd.Series([doc_of_row[r["_row"]] for r in kept], dtype=object),
            "priority": pd.Series([r.get("priority") or "normal" for r in kept], dtype=object),
            "solved_at": pd.Series(
                pd.to_datetime(pd.Series([r.get("solved_at") for r in kept], dtype=object)),
                dtype="datetime64[us]",
            ),
            "reopens": pd.array([r.get("reopens") for r in kept], dtype="Int32"),
        }
    )
    return frame


def _validation_frame(
    rows: list[dict[str, Any]], kind: str, frame: pd.DataFrame, has_id: bool, has_rating: bool
) -> pd.DataFrame:
    """The columns the suite of ``kind`` checks, one row per prepared record."""
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
    return vframe


def _finish(
    documents: pd.DataFrame,
    comments: pd.DataFrame,
    quarantine: pd.DataFrame,
    responses: pd.DataFrame | None,
    stats: Counter[str],
    dedup_threshold: float,
    seed: int,
) -> PreparedBatch:
    """Flag near-duplicates inside the batch and count what was prepared."""
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
        responses=responses,
    )

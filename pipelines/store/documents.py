"""Stored documents: upsert a prepared batch (with comments and quarantine), flag duplicates."""

from __future__ import annotations

import duckdb
import pandas as pd

from pipelines.store.db import _stage, _unstage, transaction
from pipelines.store.surveys import write_responses, write_ticket_details

DOCUMENT_COLUMNS = (
    "doc_id", "kind", "source_id", "channel", "customer_id", "created_at", "updated_at",
    "title", "text", "text_hash", "rating", "status", "language", "is_duplicate",
    "duplicate_of", "repairs", "redacted", "source_file", "source_row", "ingest_run_id",
    "ingested_at",
)  # fmt: skip


def write_batch(
    con: duckdb.DuckDBPyConnection,
    documents: pd.DataFrame,
    comments: pd.DataFrame,
    quarantine: pd.DataFrame,
    *,
    responses: pd.DataFrame | None = None,
    ticket_details: pd.DataFrame | None = None,
) -> dict[str, int]:
    """Upsert one prepared batch atomically (with its survey responses or ticket details).

    Identity is ``doc_id``. A row whose content is unchanged is left alone (re-ingesting the same
    file adds and changes nothing); a ticket whose ``updated_at`` moved forward, or whose text
    changed, is updated in place and its comments replaced.

    Returns:
        Counts of inserted, updated and unchanged documents and quarantined rows.
    """
    docs = documents.loc[:, list(DOCUMENT_COLUMNS)]
    with transaction(con):
        _stage(con, "_docs", docs)
        before = con.execute(
            "SELECT count(*) FILTER (WHERE d.doc_id IS NULL),"
            " count(*) FILTER (WHERE d.doc_id IS NOT NULL AND (s.text_hash <> d.text_hash"
            "   OR coalesce(s.updated_at, s.created_at) > coalesce(d.updated_at, d.created_at)"
            "   OR coalesce(s.status, '') <> coalesce(d.status, '')))"
            " FROM _docs s LEFT JOIN documents d USING (doc_id)"
        ).fetchone()
        inserted, updated = (int(before[0]), int(before[1])) if before else (0, 0)
        columns = ", ".join(DOCUMENT_COLUMNS)
        updates = ", ".join(
            f"{c} = excluded.{c}" for c in DOCUMENT_COLUMNS if c not in ("doc_id", "ingested_at")
        )
        con.execute(
            f"INSERT INTO documents ({columns}) SELECT {columns} FROM _docs "
            f"ON CONFLICT (doc_id) DO UPDATE SET {updates} "
            "WHERE excluded.text_hash <> documents.text_hash "
            "   OR coalesce(excluded.updated_at, excluded.created_at)"
            "      > coalesce(documents.updated_at, documents.created_at)"
            "   OR coalesce(excluded.status, '') <> coalesce(documents.status, '')"
        )
        _unstage(con, "_docs")
        if len(comments):
            _stage(con, "_comments", comments)
            con.execute(
                "DELETE FROM ticket_comments WHERE doc_id IN (SELECT DISTINCT doc_id FROM _comments)"
            )
            con.execute(
                "INSERT INTO ticket_comments (doc_id, comment_id, comment_idx, author_role,"
                " created_at, text) SELECT doc_id, comment_id, comment_idx, author_role,"
                " created_at, text FROM _comments"
            )
            _unstage(con, "_comments")
        n_quarantined = 0
        if len(quarantine):
            _stage(con, "_quarantine", quarantine)
            n_quarantined = int(
                con.execute(
                    "SELECT count(*) FROM (SELECT DISTINCT source_file, source_row, kind,"
                    " coalesce(field, '') FROM _quarantine)"
                ).fetchone()[0]  # type: ignore[index]
            )
            con.execute(
                "INSERT INTO quarantine (source_file, source_row, kind, field, reason, raw,"
                " run_id, quarantined_at)"
                " SELECT source_file, source_row, kind, coalesce(field, ''), any_value(reason),"
                " any_value(raw), any_value(run_id), any_value(quarantined_at) FROM _quarantine"
                " GROUP BY ALL ON CONFLICT DO NOTHING"
            )
            _unstage(con, "_quarantine")
        survey_counts = write_responses(con, responses) if responses is not None else {}
        if ticket_details is not None:
            write_ticket_details(con, ticket_details)
    return {
        **survey_counts,
        "inserted": inserted,
        "updated": updated,
        "unchanged": len(docs) - inserted - updated,
        "quarantined": n_quarantined,
    }


def existing_documents(con: duckdb.DuckDBPyConnection, kind: str) -> pd.DataFrame:
    """doc_id, customer_id, created_at and text of stored documents (for cross-batch dedup)."""
    return con.execute(
        "SELECT doc_id, customer_id, created_at, text FROM documents"
        " WHERE kind = ? AND NOT is_duplicate",
        [kind],
    ).df()


def mark_duplicates(con: duckdb.DuckDBPyConnection, mapping: dict[str, str]) -> None:
    """Flag documents as near-duplicates of an earlier one."""
    if not mapping:
        return
    with transaction(con):
        _mark_duplicates(con, mapping)


def _mark_duplicates(con: duckdb.DuckDBPyConnection, mapping: dict[str, str]) -> None:
    frame = pd.DataFrame({"doc_id": list(mapping), "duplicate_of": list(mapping.values())})
    _stage(con, "_dups", frame)
    con.execute(
        "UPDATE documents SET is_duplicate = TRUE, duplicate_of = _dups.duplicate_of"
        " FROM _dups WHERE documents.doc_id = _dups.doc_id"
    )
    _unstage(con, "_dups")

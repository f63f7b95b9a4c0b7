"""Survey responses and ticket details: written with their batch (inside its transaction)."""

from __future__ import annotations

import duckdb
import pandas as pd

from pipelines.store.db import _stage, _unstage

__all__ = ["RESPONSE_COLUMNS", "write_responses", "write_ticket_details"]

RESPONSE_COLUMNS = (
    "response_id", "doc_id", "survey", "touchpoint", "channel", "customer_id", "created_at",
    "nps", "csat", "ces", "source_file", "source_row", "ingest_run_id", "ingested_at",
)  # fmt: skip


def write_responses(con: duckdb.DuckDBPyConnection, responses: pd.DataFrame) -> dict[str, int]:
    """Upsert survey responses by ``response_id`` (no transaction of its own).

    A response whose scores, labels and verbatim link are unchanged is left alone, so
    re-ingesting a file changes nothing.

    Returns:
        ``responses_inserted``, ``responses_updated``.
    """
    if responses.empty:
        return {"responses_inserted": 0, "responses_updated": 0}
    frame = responses.loc[:, list(RESPONSE_COLUMNS)]
    _stage(con, "_responses", frame)
    changed = (
        "coalesce(s.nps, -1) <> coalesce(r.nps, -1) OR coalesce(s.csat, -1) <> coalesce(r.csat, -1)"
        " OR coalesce(s.ces, -1) <> coalesce(r.ces, -1)"
        " OR coalesce(s.doc_id, '') <> coalesce(r.doc_id, '')"
        " OR coalesce(s.survey, '') <> coalesce(r.survey, '')"
        " OR coalesce(s.touchpoint, '') <> coalesce(r.touchpoint, '')"
        " OR coalesce(s.channel, '') <> coalesce(r.channel, '')"
        " OR s.created_at <> r.created_at"
    )
    row = con.execute(
        "SELECT count(*) FILTER (WHERE r.response_id IS NULL),"
        f" count(*) FILTER (WHERE r.response_id IS NOT NULL AND ({changed}))"
        " FROM _responses s LEFT JOIN survey_responses r USING (response_id)"
    ).fetchone()
    inserted, updated = (int(row[0]), int(row[1])) if row else (0, 0)
    columns = ", ".join(RESPONSE_COLUMNS)
    keep = ("response_id", "ingested_at")
    updates = ", ".join(f"{c} = excluded.{c}" for c in RESPONSE_COLUMNS if c not in keep)
    con.execute(
        f"INSERT INTO survey_responses ({columns}) SELECT {columns} FROM _responses"
        f" ON CONFLICT (response_id) DO UPDATE SET {updates}"
        f" WHERE {changed.replace('s.', 'excluded.').replace('r.', 'survey_responses.')}"
    )
    _unstage(con, "_responses")
    return {"responses_inserted": inserted, "responses_updated": updated}


def write_ticket_details(con: duckdb.DuckDBPyConnection, details: pd.DataFrame) -> None:
    """Upsert priority, solve time and reopen count of tickets (no transaction of its own)."""
    if details.empty:
        return
    _stage(con, "_details", details.loc[:, ["doc_id", "priority", "solved_at", "reopens"]])
    con.execute(
        "INSERT INTO ticket_details SELECT doc_id, priority, solved_at, reopens FROM _details"
        " ON CONFLICT (doc_id) DO UPDATE SET priority = excluded.priority,"
        " solved_at = excluded.solved_at, reopens = excluded.reopens"
    )
    _unstage(con, "_details")

"""Theme curation and alert triage tables: the audit log, the derived state, the triage history.

Every function takes an open connection from :func:`pipelines.store.db.connection`. The audit
tables (``theme_edits``, ``alert_triage``) only grow; the derived tables (``themes``,
``theme_members``, ``theme_doc_parts``, ``theme_review``, ``curation_state``) are replaced as
a whole by :func:`write_curation`, in one transaction.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

import duckdb
import pandas as pd

from pipelines.store.db import _stage, _unstage, query_df, transaction

__all__ = [
    "alert_episode",
    "alert_rows",
    "curation_state",
    "hidden_themes",
    "insert_edit",
    "insert_triage",
    "load_edits",
    "mark_undone",
    "next_seq",
    "review_rows",
    "split_documents",
    "taxonomy_ids",
    "theme_labels",
    "theme_overview",
    "theme_rows",
    "topic_chain",
    "triage_current",
    "triage_history",
    "write_curation",
]

EDIT_COLUMNS = (
    "edit_id", "seq", "kind", "topic_ids", "payload", "topic_model", "who", "made_at",
    "applied_at", "undone_at", "undone_by",
)  # fmt: skip
TRIAGE_COLUMNS = (
    "triage_id", "seq", "alert_id", "scope", "series_key", "first_seen_week", "state", "owner",
    "note", "reason", "who", "made_at", "applied_at",
)  # fmt: skip


def next_seq(con: duckdb.DuckDBPyConnection, table: str) -> int:
    """The next application number of ``theme_edits`` or ``alert_triage``."""
    # the table name comes from this fixed mapping, never from data
    name = {"theme_edits": "theme_edits", "alert_triage": "alert_triage"}[table]
    row = con.execute(f"SELECT coalesce(max(seq), 0) + 1 FROM {name}").fetchone()
    return int(row[0]) if row else 1


def insert_edit(con: duckdb.DuckDBPyConnection, row: Mapping[str, Any]) -> bool:
    """Append an edit to the audit log; False when its ``edit_id`` is already there."""
    values = [
        json.dumps(row[c], ensure_ascii=False, default=str) if c == "payload" else row.get(c)
        for c in EDIT_COLUMNS
    ]
    marks = ", ".join("?" for _ in EDIT_COLUMNS)
    before = con.execute(
        "SELECT count(*) FROM theme_edits WHERE edit_id = ?", [row["edit_id"]]
    ).fetchone()
    if before and before[0]:
        return False
    con.execute(f"INSERT INTO theme_edits ({', '.join(EDIT_COLUMNS)}) VALUES ({marks})", values)
    return True


def mark_undone(con: duckdb.DuckDBPyConnection, edit_id: str, at: datetime, who: str) -> None:
    """Stamp an edit as cancelled by an undo."""
    con.execute(
        "UPDATE theme_edits SET undone_at = ?, undone_by = ? WHERE edit_id = ?",
        [at, who, edit_id],
    )


def load_edits(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every edit, in application order (``payload`` as a JSON string)."""
    return query_df(con, f"SELECT {', '.join(EDIT_COLUMNS)} FROM theme_edits ORDER BY seq, edit_id")


def topic_chain(
    con: duckdb.DuckDBPyConnection,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The topic models oldest first, their topics and their lineage events.

    Returns:
        ``models`` (``model_id, created_at, status``), ``topics`` (``topic_model, topic_id,
        label, size``) and ``lineage`` (``topic_model, event, topic_id, related_ids``).
    """
    models = query_df(
        con,
        "SELECT model_id, created_at, status FROM models WHERE task = 'topics'"
        " ORDER BY created_at, model_id",
    )
    topics = query_df(
        con, "SELECT topic_model, topic_id, label, size FROM topics ORDER BY topic_model, topic_id"
    )
    lineage = query_df(
        con,
        "SELECT topic_model, event, topic_id, related_ids FROM topic_lineage"
        " ORDER BY topic_model, event, topic_id",
    )
    return models, topics, lineage


def write_curation(
    con: duckdb.DuckDBPyConnection,
    themes: pd.DataFrame,
    members: pd.DataFrame,
    doc_parts: pd.DataFrame,
    review: pd.DataFrame,
    state: Mapping[str, str],
) -> None:
    """Replace the derived curation tables, atomically."""
    tables = (
        ("themes", themes, (
            "theme_id", "label", "hidden", "category_id", "origin", "unit_ids",
            "parent_topic_id", "edit_ids", "topic_model",
        )),
        ("theme_members", members, ("unit_id", "theme_id")),
        ("theme_doc_parts", doc_parts, ("doc_id", "topic_id", "part_id")),
        ("theme_review", review, ("edit_id", "topic_id", "lineage", "message", "topic_model")),
    )  # fmt: skip
    with transaction(con):
        for table, frame, cols in tables:
            con.execute(f"DELETE FROM {table}")
            if len(frame):
                _stage(con, "_cur", frame.loc[:, list(cols)])
                names = ", ".join(cols)
                con.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM _cur")
                _unstage(con, "_cur")
        con.execute("DELETE FROM curation_state")
        for key, value in state.items():
            con.execute("INSERT INTO curation_state VALUES (?, ?)", [key, value])


def curation_state(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """What the derived tables were computed from (``topic_model``, ``edits``)."""
    rows = con.execute("SELECT key, value FROM curation_state").fetchall()
    return {str(k): str(v) for k, v in rows}


def split_documents(con: duckdb.DuckDBPyConnection, topic_ids: Sequence[int]) -> pd.DataFrame:
    """``doc_id, topic_id, text, text_hash`` of the documents (or aspects) of these topics."""
    if not topic_ids:
        return pd.DataFrame(columns=["doc_id", "topic_id", "text", "text_hash"])
    frame = pd.DataFrame({"topic_id": [int(t) for t in topic_ids]})
    _stage(con, "_split_topics", frame)
    try:
        return query_df(
            con,
            "WITH rows AS ("
            " SELECT e.doc_id, e.topic_id FROM enrichments e JOIN _split_topics s USING (topic_id)"
            " UNION SELECT dt.doc_id, dt.topic_id FROM doc_topics dt"
            "   JOIN _split_topics s USING (topic_id))"
            " SELECT r.doc_id, r.topic_id, d.text, d.text_hash FROM rows r"
            " JOIN documents d USING (doc_id) ORDER BY r.doc_id, r.topic_id",
        )
    finally:
        _unstage(con, "_split_topics")


def taxonomy_ids(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """category_id → label of the taxonomy."""
    rows = con.execute("SELECT category_id, label FROM taxonomy ORDER BY category_id").fetchall()
    return {str(k): str(v) for k, v in rows}


def theme_rows(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The curated themes (``themes`` table)."""
    return query_df(con, "SELECT * FROM themes ORDER BY theme_id")


def review_rows(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Edits a refit could not carry over, with the edit's kind, author and time."""
    return query_df(
        con,
        "SELECT r.edit_id, r.topic_id, r.lineage, r.message, r.topic_model, e.kind, e.who,"
        " e.made_at FROM theme_review r LEFT JOIN theme_edits e USING (edit_id)"
        " ORDER BY e.seq, r.topic_id, r.lineage",
    )


def hidden_themes(con: duckdb.DuckDBPyConnection) -> set[int]:
    """Ids of the themes hidden as noise."""
    rows = con.execute("SELECT theme_id FROM themes WHERE hidden").fetchall()
    return {int(r[0]) for r in rows}


def theme_labels(con: duckdb.DuckDBPyConnection, topic_model: str | None) -> dict[int, str]:
    """Theme id → curated label, for every theme of ``topic_model`` and every split part."""
    frame = query_df(
        con,
        "SELECT coalesce(m.theme_id, t.topic_id) AS theme_id,"
        " coalesce(th.label, t.label) AS label FROM topics t"
        " LEFT JOIN theme_members m ON m.unit_id = t.topic_id"
        " LEFT JOIN themes th ON th.theme_id = coalesce(m.theme_id, t.topic_id)"
        " WHERE t.topic_model = ?"
        " UNION ALL SELECT theme_id, label FROM themes WHERE origin = 'divisione'",
        [topic_model],
    )
    return {int(k): str(v) for k, v in zip(frame["theme_id"], frame["label"], strict=True)}


def theme_overview(con: duckdb.DuckDBPyConnection, topic_model: str | None) -> pd.DataFrame:
    """Every theme of the active model with its size, negative share and keywords.

    One row per theme id shown in ``v_documents`` (curated or not): ``theme_id, label,
    model_label, hidden, category_id, category_label, origin, unit_ids, documents, negativi,
    share_negativo, keywords, quotes, first_week, last_week``.
    """
    return query_df(
        con,
        "WITH docs AS ("
        " SELECT topic_id AS theme_id, count(*) AS documents,"
        "  count(*) FILTER (WHERE sentiment_label = 'negativo') AS negativi,"
        "  count(sentiment_label) AS scored, min(iso_week) AS first_week,"
        "  max(iso_week) AS last_week, any_value(category_id) AS doc_category"
        " FROM v_documents WHERE NOT is_duplicate AND topic_id >= 0 GROUP BY topic_id),"
        " units AS ("
        " SELECT coalesce(m.theme_id, t.topic_id) AS theme_id, t.topic_id, t.label, t.keywords,"
        "  t.quotes, t.category_id, t.size FROM topics t"
        " LEFT JOIN theme_members m ON m.unit_id = t.topic_id WHERE t.topic_model = ?),"
        " model AS ("
        " SELECT theme_id, arg_max(label, size) AS model_label,"
        "  flatten(list(keywords ORDER BY size DESC)) AS keywords,"
        "  flatten(list(quotes ORDER BY size DESC)) AS quotes,"
        "  arg_max(category_id, size) AS model_category, list(topic_id ORDER BY topic_id) AS ids"
        " FROM units GROUP BY theme_id),"
        " ids AS (SELECT theme_id FROM model UNION SELECT theme_id FROM themes"
        "  UNION SELECT theme_id FROM docs)"
        " SELECT i.theme_id, coalesce(th.label, mo.model_label, 'tema ' || i.theme_id) AS label,"
        "  mo.model_label, coalesce(th.hidden, false) AS hidden,"
        "  coalesce(th.category_id, mo.model_category, d.doc_category) AS category_id,"
        "  c.label AS category_label, coalesce(th.origin, 'modello') AS origin,"
        "  coalesce(th.unit_ids, mo.ids, [i.theme_id]) AS unit_ids, th.parent_topic_id,"
        "  coalesce(d.documents, 0) AS documents, coalesce(d.negativi, 0) AS negativi,"
        "  d.negativi / nullif(d.scored, 0) AS share_negativo, mo.keywords[1:10] AS keywords,"
        "  mo.quotes[1:3] AS quotes, d.first_week, d.last_week, th.edit_ids"
        " FROM ids i LEFT JOIN themes th USING (theme_id) LEFT JOIN model mo USING (theme_id)"
        " LEFT JOIN docs d USING (theme_id)"
        " LEFT JOIN taxonomy c"
        "  ON c.category_id = coalesce(th.category_id, mo.model_category, d.doc_category)"
        " WHERE mo.theme_id IS NOT NULL OR th.theme_id IS NOT NULL"
        " ORDER BY documents DESC, i.theme_id",
        [topic_model],
    )


# --------------------------------------------------------------------------- triage


def insert_triage(con: duckdb.DuckDBPyConnection, row: Mapping[str, Any]) -> bool:
    """Append a triage change; False when its ``triage_id`` is already there."""
    before = con.execute(
        "SELECT count(*) FROM alert_triage WHERE triage_id = ?", [row["triage_id"]]
    ).fetchone()
    if before and before[0]:
        return False
    marks = ", ".join("?" for _ in TRIAGE_COLUMNS)
    con.execute(
        f"INSERT INTO alert_triage ({', '.join(TRIAGE_COLUMNS)}) VALUES ({marks})",
        [row.get(c) for c in TRIAGE_COLUMNS],
    )
    return True


def triage_current(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The latest triage row of every triaged episode."""
    return query_df(
        con,
        f"SELECT {', '.join(TRIAGE_COLUMNS)} FROM alert_triage"
        " QUALIFY row_number() OVER (PARTITION BY alert_id ORDER BY seq DESC) = 1"
        " ORDER BY alert_id",
    )


def triage_history(con: duckdb.DuckDBPyConnection, alert_id: str | None = None) -> pd.DataFrame:
    """Every triage change (of one episode), oldest first."""
    return query_df(
        con,
        f"SELECT {', '.join(TRIAGE_COLUMNS)} FROM alert_triage"
        " WHERE ?::VARCHAR IS NULL OR alert_id = ? ORDER BY seq",
        [alert_id, alert_id],
    )


def alert_episode(con: duckdb.DuckDBPyConnection, alert_id: str) -> dict[str, Any] | None:
    """``scope, series_key, first_seen_week, triage_of`` of an alert episode, or None."""
    frame = query_df(
        con,
        "SELECT alert_id, any_value(scope) AS scope, any_value(series_key) AS series_key,"
        " any_value(first_seen_week) AS first_seen_week, any_value(triage_of) AS triage_of"
        " FROM alerts WHERE alert_id = ? GROUP BY alert_id",
        [alert_id],
    )
    return None if frame.empty else frame.iloc[0].to_dict()


def alert_rows(
    con: duckdb.DuckDBPyConnection, week: str | None, states: Sequence[str] | None
) -> pd.DataFrame:
    """``v_emerging_complaints`` rows (of one week, in some triage states), newest first."""
    frame = query_df(
        con,
        "SELECT * FROM v_emerging_complaints WHERE (?::VARCHAR IS NULL OR iso_week = ?)"
        " ORDER BY iso_week DESC, severity DESC NULLS LAST, alert_id",
        [week, week],
    )
    if states:
        frame = frame[frame["triage_state"].isin(list(states))].reset_index(drop=True)
    return frame

"""Reads of the workbench (``voc ui``): filtered counts and the documents behind them.

Every number the app shows and the list of documents it links to are built from the same
predicate (:func:`document_predicate` over ``v_documents``), so a count and its drill-down
cannot disagree. All reads go through the public views, so curated theme names and groupings
reach the app as they reach BI tools. Parameters are always bound; user text is only ever a
parameter, never SQL.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import duckdb
import pandas as pd

from pipelines.store.db import query_df
from pipelines.store.report import relation_exists

__all__ = [
    "DocumentFilter",
    "alert_rows",
    "document_aspects",
    "document_predicate",
    "documents_by_ids",
    "documents_count",
    "documents_page",
    "filter_options",
    "filtered_kind_channels",
    "filtered_themes",
    "filtered_week_series",
    "model_versions",
    "search_words",
    "theme_weeks",
]

#: Search words kept from a query (longer queries are cut: the predicate grows with each word).
MAX_SEARCH_WORDS = 8
MAX_WORD_CHARS = 80
SENTIMENTS = ("negativo", "neutro", "positivo")


@dataclass(frozen=True)
class DocumentFilter:
    """Which documents a number counts, or a list shows (every field optional).

    Duplicates are left out unless ``duplicates`` is set, as in every aggregate view.
    """

    week: str | None = None  #: ISO week ``YYYY-Www`` (local, as in ``v_documents.iso_week``)
    week_from: str | None = None  #: first ISO week of a span (inclusive)
    week_to: str | None = None  #: last ISO week of a span (inclusive)
    kind: str | None = None  #: reviews | tickets | social
    channel: str | None = None  #: a channel; ``sconosciuto`` = no channel, as in the views
    category: str | None = None  #: the document's taxonomy category id
    theme: int | None = None  #: a topic the document talks about (aspect level, like the views)
    sentiment: str | None = None  #: the document's sentiment label
    theme_sentiment: str | None = None  #: sentiment of the sentences about ``theme``
    churn: bool | None = None  #: churn intent detected (True) or not (False)
    scored: bool = False  #: only documents with a sentiment (Italian)
    rated: bool = False  #: only documents with a star rating
    query: str = ""  #: words that must all appear in title or text (case and accents ignored)
    duplicates: bool = False  #: include near-duplicates

    def without_week(self) -> DocumentFilter:
        """The same filter over every week (for trends)."""
        return replace(self, week=None, week_from=None, week_to=None)


def _fold(text: str) -> str:
    """Lower case without accents, the way :func:`document_predicate` compares texts."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def search_words(query: str) -> list[str]:
    """The words of a search query as compared (folded, at most ``MAX_SEARCH_WORDS``)."""
    words = [_fold(w)[:MAX_WORD_CHARS] for w in query.split()]
    return [w for w in words if w][:MAX_SEARCH_WORDS]


def document_predicate(f: DocumentFilter, alias: str = "v") -> tuple[str, list[Any]]:
    """SQL condition over ``v_documents`` (as ``alias``) and its bound parameters.

    Theme filters follow the views: a document counts for a theme when one of its sentences
    is about it (``doc_topics_curated``: the model's topics as the team curated them, of the
    document's topic model), and ``theme_sentiment`` is the sentiment of those sentences, as in
    ``v_weekly_topics.n_negativo``.
    """
    a = alias
    clauses: list[str] = []
    params: list[Any] = []
    if not f.duplicates:
        clauses.append(f"NOT {a}.is_duplicate")
    # One bound equality or bound per filter the user set (an empty value = no filter).
    for value, sql in (
        (f.week, f"{a}.iso_week = ?"),
        (f.week_from, f"{a}.iso_week >= ?"),
        (f.week_to, f"{a}.iso_week <= ?"),
        (f.kind, f"{a}.kind = ?"),
        (f.channel, f"coalesce({a}.channel, 'sconosciuto') = ?"),
        (f.category, f"{a}.category_id = ?"),
        (f.sentiment, f"{a}.sentiment_label = ?"),
    ):
        if value:
            clauses.append(sql)
            params.append(value)
    if f.churn is not None:
        clauses.append(f"coalesce({a}.churn_intent, false) = ?")
        params.append(f.churn)
    if f.scored:
        clauses.append(f"{a}.sentiment_label IS NOT NULL")
    if f.rated:
        clauses.append(f"{a}.rating IS NOT NULL")
    if f.theme is not None:
        aspect = "dt.sentiment_label = ?" if f.theme_sentiment else "true"
        clauses.append(
            "EXISTS (SELECT 1 FROM doc_topics_curated dt WHERE dt.doc_id = "
            f"{a}.doc_id AND dt.topic_model = {a}.topic_model AND dt.topic_id = ? AND {aspect})"
        )
        params.append(f.theme)
        if f.theme_sentiment:
            params.append(f.theme_sentiment)
    for word in search_words(f.query):
        # contains() is a literal substring test: '%' or '_' typed by a user match themselves.
        clauses.append(
            f"contains(strip_accents(lower(coalesce({a}.title, '') || ' ' || {a}.text)), ?)"
        )
        params.append(word)
    return (" AND ".join(clauses) or "true"), params


# --------------------------------------------------------------------------- filter options


def filter_options(con: duckdb.DuckDBPyConnection) -> dict[str, pd.DataFrame]:
    """Weeks, kinds and channels, categories and themes the filters offer.

    Returns:
        ``weeks`` (``iso_week``, newest first), ``channels`` (``kind, channel``),
        ``categories`` (``category_id, category_label``) and ``themes`` (``topic_id,
        topic_label``, the latest name of each).
    """
    # One pass over v_documents (the weeks and channels of v_weekly_overview: non-duplicates)
    # instead of the rollups of v_weekly_overview.
    groups = query_df(
        con,
        "SELECT DISTINCT iso_week, kind, coalesce(channel, 'sconosciuto') AS channel"
        " FROM v_documents WHERE NOT is_duplicate AND iso_week IS NOT NULL",
    )
    weeks = sorted(set(groups["iso_week"]), reverse=True)
    return {
        "weeks": pd.DataFrame({"iso_week": weeks}, dtype=object),
        "channels": groups[["kind", "channel"]]
        .drop_duplicates()
        .sort_values(["kind", "channel"])
        .reset_index(drop=True),
        "categories": query_df(
            con, "SELECT category_id, label AS category_label FROM taxonomy ORDER BY label"
        ),
        # The names v_weekly_topics shows (curated, else the model's label, the latest model's
        # when documents were scored by several), read from the aspect rows directly: the
        # view's weekly rollup costs ten times more for the same few names.
        "themes": query_df(
            con,
            "SELECT dt.topic_id, arg_max(coalesce(th.label, t.label), dt.topic_model)"
            " AS topic_label FROM doc_topics_curated dt"
            " LEFT JOIN themes th ON th.theme_id = dt.topic_id"
            " LEFT JOIN topics t ON t.topic_model = dt.topic_model"
            " AND t.topic_id = dt.model_topic_id"
            " WHERE dt.topic_id >= 0 GROUP BY dt.topic_id ORDER BY topic_label, dt.topic_id",
        ),
    }


# --------------------------------------------------------------------------- counts


def filtered_week_series(
    con: duckdb.DuckDBPyConnection, f: DocumentFilter, first: str, last: str
) -> pd.DataFrame:
    """Per week from ``first`` to ``last``: the counts of ``v_weekly_overview``, under ``f``.

    Columns ``iso_week, volume, scored, n_negativo, n_neutro, n_positivo, mean_rating,
    n_rated, n_churn_intent`` (the week of ``f`` is ignored: the span replaces it).
    """
    where, params = document_predicate(f.without_week())
    return query_df(
        con,
        "SELECT v.iso_week, count(*) AS volume, count(v.sentiment_label) AS scored,"
        " count(*) FILTER (WHERE v.sentiment_label = 'negativo') AS n_negativo,"
        " count(*) FILTER (WHERE v.sentiment_label = 'neutro') AS n_neutro,"
        " count(*) FILTER (WHERE v.sentiment_label = 'positivo') AS n_positivo,"
        " avg(v.rating) AS mean_rating, count(v.rating) AS n_rated,"
        " count(*) FILTER (WHERE v.churn_intent) AS n_churn_intent"
        f" FROM v_documents v WHERE {where} AND v.iso_week BETWEEN ? AND ?"
        " GROUP BY v.iso_week ORDER BY v.iso_week",
        [*params, first, last],
    )


def filtered_kind_channels(
    con: duckdb.DuckDBPyConnection, f: DocumentFilter, weeks: Sequence[str]
) -> pd.DataFrame:
    """``iso_week, kind, channel, volume, scored, n_negativo, n_positivo`` under ``f``.

    One row per (week, kind, channel) of ``weeks``; a missing channel reads ``sconosciuto``.
    """
    if not weeks:
        return pd.DataFrame(
            columns=["iso_week", "kind", "channel", "volume", "scored", "n_negativo", "n_positivo"]
        )
    where, params = document_predicate(f.without_week())
    marks = ", ".join("?" for _ in weeks)
    return query_df(
        con,
        "SELECT v.iso_week, v.kind, coalesce(v.channel, 'sconosciuto') AS channel,"
        " count(*) AS volume, count(v.sentiment_label) AS scored,"
        " count(*) FILTER (WHERE v.sentiment_label = 'negativo') AS n_negativo,"
        " count(*) FILTER (WHERE v.sentiment_label = 'positivo') AS n_positivo"
        f" FROM v_documents v WHERE {where} AND v.iso_week IN ({marks})"
        " GROUP BY ALL ORDER BY v.kind, channel",
        [*params, *weeks],
    )


def filtered_themes(
    con: duckdb.DuckDBPyConnection, f: DocumentFilter, weeks: Sequence[str]
) -> pd.DataFrame:
    """``iso_week, topic_id, volume, n_negativo, hidden`` of the curated themes under ``f``.

    Counted like ``v_weekly_topics`` (a document once per theme it talks about, negative when
    its sentences about the theme are), restricted to the documents ``f`` selects.
    """
    if not weeks:
        return pd.DataFrame(columns=["iso_week", "topic_id", "volume", "n_negativo", "hidden"])
    where, params = document_predicate(f.without_week())
    marks = ", ".join("?" for _ in weeks)
    return query_df(
        con,
        "SELECT v.iso_week, dt.topic_id, count(DISTINCT v.doc_id) AS volume,"
        " count(DISTINCT v.doc_id) FILTER (WHERE dt.sentiment_label = 'negativo') AS n_negativo,"
        " bool_or(dt.theme_hidden) AS hidden"
        " FROM v_documents v"
        " JOIN doc_topics_curated dt ON dt.doc_id = v.doc_id AND dt.topic_model = v.topic_model"
        f" WHERE {where} AND dt.topic_id >= 0 AND v.iso_week IN ({marks})"
        " GROUP BY ALL",
        [*params, *weeks],
    )


# --------------------------------------------------------------------------- documents

_DOCUMENT_COLUMNS = (
    "v.doc_id, v.kind, v.channel, v.customer_id, v.created_at_local, v.iso_week, v.title,"
    " v.text, v.rating, v.language, v.status, v.is_duplicate, v.duplicate_of,"
    " v.sentiment_label, v.sentiment_score, v.p_negativo, v.p_neutro, v.p_positivo,"
    " v.topic_id, v.topic_label, v.category_id, v.category_label, v.churn_intent, v.churn_cues,"
    " v.escalation, v.sentiment_model, v.topic_model, v.enriched_at, v.source_file,"
    " v.model_topic_label, v.theme_hidden, v.sentiment_human, v.topic_human,"
    " v.churn_intent_human, v.model_sentiment_label"
)


def documents_count(con: duckdb.DuckDBPyConnection, f: DocumentFilter) -> int:
    """How many documents ``f`` selects."""
    where, params = document_predicate(f)
    frame = query_df(con, f"SELECT count(*) AS n FROM v_documents v WHERE {where}", params)
    return int(frame["n"].iat[0])


def documents_page(
    con: duckdb.DuckDBPyConnection,
    f: DocumentFilter,
    *,
    limit: int,
    offset: int = 0,
    doc_id: str | None = None,
) -> pd.DataFrame:
    """The documents ``f`` selects, newest first, ``limit`` from ``offset``.

    Args:
        con: open connection (read-only is enough).
        f: the filter.
        limit: page size.
        offset: rows to skip.
        doc_id: only this document (the detail page), whatever ``f`` says about duplicates.
    """
    where, params = document_predicate(f)
    if doc_id is not None:
        where, params = "v.doc_id = ?", [doc_id]
    return query_df(
        con,
        f"SELECT {_DOCUMENT_COLUMNS} FROM v_documents v WHERE {where}"
        " ORDER BY v.created_at DESC, v.doc_id LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )


def documents_by_ids(con: duckdb.DuckDBPyConnection, doc_ids: Sequence[str]) -> pd.DataFrame:
    """The Verbatim columns of these documents, in the order given."""
    frame = pd.DataFrame({"doc_id": list(doc_ids), "pos": range(len(doc_ids))})
    con.register("_ids", frame)
    try:
        return query_df(
            con,
            f"SELECT {_DOCUMENT_COLUMNS} FROM v_documents v JOIN _ids i USING (doc_id)"
            " ORDER BY i.pos",
        )
    finally:
        con.unregister("_ids")


def document_aspects(con: duckdb.DuckDBPyConnection, doc_ids: Sequence[str]) -> pd.DataFrame:
    """``doc_id, topic_id, topic_label, category_label, n_sentences, sentiment_label,
    sentiment_score`` of each document's themes (its sentences' topics), for ``doc_ids``.

    Themes are curated (``doc_topics_curated``): the team's name, else the model's.
    """
    if not doc_ids:
        return pd.DataFrame(
            columns=["doc_id", "topic_id", "topic_label", "category_label", "n_sentences",
                     "sentiment_label", "sentiment_score"]
        )  # fmt: skip
    marks = ", ".join("?" for _ in doc_ids)
    return query_df(
        con,
        "SELECT dt.doc_id, dt.topic_id,"
        " coalesce(th.label, t.label, CASE WHEN dt.topic_id < 0 THEN 'Non assegnato' END)"
        " AS topic_label, c.label AS category_label, dt.n_sentences, dt.sentiment_label,"
        " dt.sentiment_score FROM doc_topics_curated dt"
        " JOIN enrichments e ON e.doc_id = dt.doc_id AND e.topic_model = dt.topic_model"
        " LEFT JOIN themes th ON th.theme_id = dt.topic_id"
        " LEFT JOIN topics t ON t.topic_model = dt.topic_model AND t.topic_id = dt.model_topic_id"
        " LEFT JOIN taxonomy c ON c.category_id = dt.category_id"
        f" WHERE dt.doc_id IN ({marks}) ORDER BY dt.doc_id, dt.n_sentences DESC, dt.topic_id",
        list(doc_ids),
    )


def model_versions(con: duckdb.DuckDBPyConnection, model_ids: Sequence[str]) -> pd.DataFrame:
    """``model_id, task, version, created_at, status`` of the registry rows ``model_ids``."""
    if not model_ids:
        return pd.DataFrame(columns=["model_id", "task", "version", "created_at", "status"])
    marks = ", ".join("?" for _ in model_ids)
    return query_df(
        con,
        "SELECT model_id, task, version, created_at, status FROM models"
        f" WHERE model_id IN ({marks}) ORDER BY task, model_id",
        list(model_ids),
    )


# --------------------------------------------------------------------------- themes


def theme_weeks(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every ``v_weekly_topics`` row of the discovered themes (id ≥ 0), oldest week first."""
    return query_df(
        con,
        "SELECT iso_week, topic_id, topic_label, category_id, category_label, volume,"
        " n_negativo, mean_sentiment, theme_hidden FROM v_weekly_topics WHERE topic_id >= 0"
        " ORDER BY iso_week, topic_id",
    )


# --------------------------------------------------------------------------- alerts


def alert_rows(con: duckdb.DuckDBPyConnection) -> pd.DataFrame | None:
    """Every ``v_emerging_complaints`` row, newest week first; ``None`` before detection."""
    if not relation_exists(con, "v_emerging_complaints"):
        return None
    return query_df(
        con,
        "SELECT * FROM v_emerging_complaints"
        " ORDER BY iso_week DESC, severity DESC NULLS LAST, alert_id",
    )

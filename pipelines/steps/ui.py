"""Read steps of the workbench (``voc ui``): one short read-only connection per page.

DuckDB lets one process write, and while it does no other process may open the file. The app
must never stop a scheduled run, so each page opens the file read-only, reads, and closes it at
once (milliseconds; a run that starts meanwhile waits ``lock_wait_seconds`` for it), and never
waits for a writer: while a run holds the file these steps raise
:class:`~pipelines.errors.DatabaseBusyError` and the app says "aggiornamento in corso".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd

from pipelines import store
from pipelines.config import Settings
from pipelines.errors import DatabaseBusyError, VocError
from pipelines.report.fmt import KIND_LABELS, week_range_label
from pipelines.report.kpis import TREND_WEEKS
from pipelines.report.workbench import alerts_view, document_view, themes_view, week_view
from pipelines.report.workbench_edits import edits_view, pending_view
from pipelines.steps.curation import (
    apply_pending_edits,
    list_edits,
    pending_edits,
    review_items,
)
from pipelines.store import curation as cur
from pipelines.store.ui import SENTIMENTS, DocumentFilter
from pipelines.weeks import choose_week, parse_week, weeks_back

__all__ = [
    "SENTIMENTS",
    "DocumentFilter",
    "DocumentsPage",
    "alerts_page",
    "curation_lists",
    "document_page",
    "documents_page",
    "filter_choices",
    "pending_lines",
    "prepare_database",
    "themes_page",
    "week_page",
]

PAGE_SIZE = 50


def prepare_database(settings: Settings) -> bool:
    """Create or migrate the database when no other process holds it (never waits).

    Returns:
        ``True`` when the schema is up to date, ``False`` when a run holds the file (the app
        then reads what is there; the run migrates it anyway).

    Raises:
        VocError: the database file does not exist (the app never creates an empty one).
    """
    if not Path(settings.db).exists():
        raise VocError(
            f"{settings.db}: database not found. Run 'voc demo' (then 'voc ui --db "
            "voc_demo/voc.duckdb') or 'voc init' and 'voc run' first."
        )
    try:
        with store.connection(settings, wait=False):
            return True
    except DatabaseBusyError:
        return False


def filter_choices(settings: Settings) -> dict[str, Any]:
    """What the filters offer: weeks (newest first), kinds with their channels, categories,
    themes (latest names) and sentiments."""
    with store.connection(settings, read_only=True) as con:
        return _choices(store.filter_options(con))


def _choices(options: dict[str, pd.DataFrame]) -> dict[str, Any]:
    channels = options["channels"]
    return {
        "weeks": options["weeks"]["iso_week"].tolist(),
        "kinds": [(k, KIND_LABELS.get(k, k)) for k in sorted(set(channels["kind"]))],
        "channels": [(c, c) for c in sorted(set(channels["channel"].astype(str)))],
        "categories": list(options["categories"].itertuples(index=False, name=None)),
        "themes": [(int(t), str(n)) for t, n in options["themes"].itertuples(index=False)],
        "sentiments": list(SENTIMENTS),
    }


def _week_of(available: list[str], week: str | None, now: datetime, tz: str) -> str:
    return choose_week(sorted(available), week, now, tz)


def week_page(settings: Settings, f: DocumentFilter, now: datetime) -> dict[str, Any]:
    """The Settimana page: KPI cards, sources and themes of a week under ``f``.

    Args:
        settings: pipeline settings (``db``).
        f: the filter; its ``week`` picks the week (``None``: the last closed week with data).
        now: the clock (picks the default week).

    Raises:
        VocError: no data, or none for the week; DatabaseBusyError: a run holds the file.
    """
    with store.connection(settings, read_only=True) as con:
        options = store.filter_options(con)
        available = sorted(options["weeks"]["iso_week"])
        week = _week_of(available, f.week, now, store.timezone(con))
        weeks = weeks_back(week, TREND_WEEKS)
        recent = weeks[-5:]  # the week and the four weeks its changes are measured against
        series = store.filtered_week_series(con, f, weeks[0], week)
        sources = store.filtered_kind_channels(con, f, recent)
        themes = store.filtered_themes(con, f, recent)
    view = week_view(series, sources, themes, options["themes"], week, weeks)
    return {
        **view,
        "week": week,
        "week_range": week_range_label(week),
        "choices": _choices(options),
    }


@dataclass
class DocumentsPage:
    """One page of the documents a filter selects, with each one's model outputs."""

    filter: DocumentFilter
    total: int
    page: int
    pages: int
    documents: list[dict[str, Any]]
    choices: dict[str, Any]  #: what the filters offer (:func:`filter_choices`)


def _documents(con: Any, rows: pd.DataFrame) -> list[dict[str, Any]]:
    ids = rows["doc_id"].tolist()
    aspects = store.document_aspects(con, ids)
    model_ids = sorted(
        {str(m) for c in ("sentiment_model", "topic_model") for m in rows[c].dropna()}
    )
    versions = {
        str(r["model_id"]): r for r in store.model_versions(con, model_ids).to_dict("records")
    }
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for aspect in aspects.to_dict("records"):
        by_doc.setdefault(str(aspect["doc_id"]), []).append(aspect)
    return [
        document_view(row, by_doc.get(str(row["doc_id"]), []), versions)
        for row in rows.to_dict("records")
    ]


def documents_page(
    settings: Settings, f: DocumentFilter, page: int = 1, page_size: int = PAGE_SIZE
) -> DocumentsPage:
    """The Verbatim page: documents ``f`` selects, newest first, ``page_size`` a page.

    Raises:
        VocError: an invalid week; DatabaseBusyError: a run holds the file.
    """
    for week in (f.week, f.week_from, f.week_to):
        if week:
            parse_week(week)
    with store.connection(settings, read_only=True) as con:
        total = store.documents_count(con, f)
        pages = max(1, -(-total // page_size))
        page = min(max(1, page), pages)
        rows = store.documents_page(con, f, limit=page_size, offset=(page - 1) * page_size)
        documents = _documents(con, rows)
        choices = _choices(store.filter_options(con))
    return DocumentsPage(f, total, page, pages, documents, choices)


def document_page(settings: Settings, doc_id: str) -> dict[str, Any] | None:
    """One document with its model outputs and model versions; ``None``: no such document.

    Raises:
        DatabaseBusyError: a run holds the file.
    """
    with store.connection(settings, read_only=True) as con:
        rows = store.documents_page(con, DocumentFilter(), limit=1, doc_id=doc_id)
        return _documents(con, rows)[0] if len(rows) else None


def themes_page(settings: Settings, now: datetime) -> dict[str, Any]:
    """The Temi page: every theme with size, trend, negative share, keywords and quotes."""
    with store.connection(settings, read_only=True) as con:
        options = store.filter_options(con)
        frames = store.theme_weeks(con)
        active = store.active_model(con, "topics")
        overview = cur.theme_overview(con, str(active["model_id"]) if active else None)
        tz = store.timezone(con)
    available = sorted(options["weeks"]["iso_week"])
    week = _week_of(available, None, now, tz) if available else None
    weeks = weeks_back(week, TREND_WEEKS) if week else []
    return {
        "week": week,
        "weeks": weeks,
        "themes": themes_view(frames, overview, weeks),
        "categories": list(options["categories"].itertuples(index=False, name=None)),
    }


def alerts_page(settings: Settings) -> dict[str, Any]:
    """The Allarmi page: open and past alert episodes with their evidence."""
    with store.connection(settings, read_only=True) as con:
        rows = store.alert_rows(con)
    latest = str(rows["iso_week"].max()) if rows is not None and len(rows) else None
    return {**alerts_view(rows, latest), "latest_week": latest}


def pending_lines(settings: Settings, now: datetime) -> list[dict[str, Any]]:
    """Edits and triage changes waiting for the database (or refused), for the page banner.

    Reads the pending queue (not the DuckDB file, so it works while a run holds it). When
    edits wait and the file is free they are applied first, without waiting for the lock:
    the run that held the file may have ended without a step that drains the queue.
    """
    items = pending_edits(settings)
    if any(not i.get("error") for i in items):
        done = apply_pending_edits(settings, now, wait=False)
        if done["applied"] or done["rejected"]:
            items = pending_edits(settings)
    return pending_view(items, settings.timezone)


def curation_lists(settings: Settings) -> dict[str, Any]:
    """The Temi page's audit log (newest first, with undo) and the edits a refit left for
    review."""
    return {
        "edits": edits_view(list_edits(settings), settings.timezone),
        "review": review_items(settings),
    }

"""Report steps: the weekly HTML report, ``voc insights``, the corpus summary, the BI export and
``voc status``.

Each settings-level step opens the database read-only (``store.connection``), reads the
public views through :mod:`pipelines.store` and hands the frames to the pure code in
:mod:`pipelines.report`. The ``read_*`` / :func:`gather_report_data` / :func:`build_report`
functions do the same on a connection the caller already holds.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from pipelines import store
from pipelines.config import Settings
from pipelines.report.churn import TOP_CHURN, churn_as_of
from pipelines.report.data import ReportFrames, ReportWindow, report_data, report_window
from pipelines.report.emerging import charted_alerts
from pipelines.report.insights import (
    TOP_COMPLAINTS,
    TOP_TOPICS,
    WeeklyInsights,
    corpus_figures,
    insights_week,
)
from pipelines.report.quality import LANGUAGES_SHOWN, REASONS_SHOWN
from pipelines.report.render import render_report, save_report
from pipelines.report.status import OPEN_ALERT_EXCLUDED, status_figures

__all__ = [
    "build_report",
    "corpus_summary",
    "export_views",
    "gather_report_data",
    "gather_status",
    "read_corpus_summary",
    "read_insights",
    "read_status",
    "weekly_insights",
    "write_report",
]


# --------------------------------------------------------------------------- weekly report


def _report_frames(
    con: duckdb.DuckDBPyConnection, window: ReportWindow, totals: pd.DataFrame
) -> ReportFrames:
    """Read everything the report of ``window`` shows."""
    week, first, last = window.week, window.weeks[0], window.weeks[-1]
    alerts = store.emerging_alerts(con, week)
    counts = {
        position: store.alert_counts(con, source, key, first, last)
        for position, (source, key) in charted_alerts(alerts).items()
    }
    snapshot = store.churn_snapshot(con, week)
    as_of = churn_as_of(snapshot)
    # The listed snapshot is only read when there is one for the week (see churn_as_of).
    top = store.churn_top(con, as_of, TOP_CHURN) if as_of else None
    churn_counts = store.churn_counts(con, as_of) if as_of else None
    # A read-only connection on a database not migrated yet has no survey or ticket views.
    cx = store.relation_exists(con, "v_ticket_operations")
    return ReportFrames(
        totals=totals,
        kind_volumes=store.kind_volumes(con, first, last),
        kinds=store.kind_weeks(con, [*window.previous, week]),
        channels=store.channel_weeks(con, [*window.previous, week]),
        alerts=alerts,
        alert_counts=counts,
        churn_snapshot=snapshot,
        churn_top=top,
        churn_counts=churn_counts,
        topic_weeks=store.topic_weeks(con, first, last),
        topic_names=store.topic_names(con, first, last),
        aspects=store.aspect_rows(con, first, last),
        category_names=store.category_names(con),
        week_counts=store.week_document_counts(con, week),
        archive=store.document_count(con),
        languages=store.week_languages(con, week, LANGUAGES_SHOWN),
        quarantined=store.quarantine_count(con),
        quarantine_reasons=store.quarantine_reasons(con, REASONS_SHOWN),
        models_used=store.week_models(con, week),
        scores=store.scores_weeks(con, window.weeks) if cx else None,
        impact=store.theme_impact_rows(con, week) if cx else None,
        tickets=store.ticket_weeks(con, window.weeks) if cx else None,
        sla_themes=store.sla_by_theme(con, window.weeks) if cx else None,
    )


def gather_report_data(
    con: duckdb.DuckDBPyConnection, week: str | None, now: datetime
) -> dict[str, Any]:
    """Read everything the report shows from the public views.

    Args:
        con: open (read-only is enough) database connection.
        week: ISO week ``YYYY-Www``; ``None`` = the last closed week with data.
        now: generation time (shown in the header; picks the default week).

    Returns:
        A dict of formatted, template-ready values and chart fragments.

    Raises:
        VocError: no data at all, or none for the requested week.
    """
    totals = store.weekly_totals(con)
    window = report_window(totals["iso_week"].tolist(), week, now, store.timezone(con))
    return report_data(window, _report_frames(con, window, totals), now)


def build_report(con: duckdb.DuckDBPyConnection, week: str | None, now: datetime) -> str:
    """The weekly report of ``week`` (default: last closed week) as one HTML string.

    Args:
        con: open database connection (read-only is enough).
        week: ISO week ``YYYY-Www`` or ``None``.
        now: generation time.
    """
    return render_report(gather_report_data(con, week, now))


def write_report(settings: Settings, week: str | None, out: Path, now: datetime) -> Path:
    """Build the report from ``settings.db`` (opened read-only) and write it atomically.

    Args:
        settings: pipeline settings (only ``db`` is used).
        week: ISO week or ``None`` for the last closed week.
        out: destination ``.html`` file; parent folders are created.
        now: generation time.

    Returns:
        The written path.
    """
    with store.connection(settings, read_only=True) as con:
        html = build_report(con, week, now)
    return save_report(html, out)


# --------------------------------------------------------------------------- voc insights


def read_insights(con: duckdb.DuckDBPyConnection, week: str | None) -> WeeklyInsights:
    """Overview, per-kind figures, top topics and top complaints of ``week``.

    Args:
        con: open database connection.
        week: ISO week; ``None`` means the latest week with data.

    Raises:
        VocError: no data at all, or none for ``week``.
    """
    weeks = store.overview_weeks(con)
    chosen = insights_week(weeks, week)
    return WeeklyInsights(
        chosen,
        store.week_overview(con, chosen),
        store.week_by_kind(con, chosen),
        store.week_top_topics(con, chosen, TOP_TOPICS),
        store.week_top_complaints(con, chosen, TOP_COMPLAINTS),
        weeks,
    )


def weekly_insights(settings: Settings, week: str | None) -> WeeklyInsights:
    """:func:`read_insights` on ``settings.db`` opened read-only."""
    with store.connection(settings, read_only=True) as con:
        return read_insights(con, week)


def read_corpus_summary(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Rows per kind, weeks covered, quarantine and top complaints over the whole corpus."""
    return corpus_figures(
        store.documents_per_kind(con),
        store.corpus_weeks(con),
        store.quarantine_count(con),
        store.topic_complaints(con, TOP_COMPLAINTS),
    )


def corpus_summary(settings: Settings) -> dict[str, Any]:
    """:func:`read_corpus_summary` on ``settings.db`` opened read-only."""
    with store.connection(settings, read_only=True) as con:
        return read_corpus_summary(con)


# --------------------------------------------------------------------------- export, status


def export_views(
    settings: Settings, out_dir: Path, fmt: str = "parquet"
) -> dict[str, dict[str, Any]]:
    """Write every public view under ``out_dir``, partitioned by week (see
    :func:`pipelines.store.export.export_views`), from ``settings.db`` opened read-only."""
    with store.connection(settings, read_only=True) as con:
        return store.export_views(con, out_dir, fmt)


def read_status(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """The figures shown by ``voc status`` (see :func:`pipelines.report.status.status_figures`).

    Args:
        con: open database connection (read-only is enough).
    """
    return status_figures(
        schema_version=store.schema_version(con),
        by_kind=store.documents_by_kind(con),
        by_week=store.documents_by_week(con),
        quarantined=store.quarantine_count(con),
        runs=store.last_runs(con),
        models=store.active_models(con),
        open_alerts=store.open_alert_count(con, OPEN_ALERT_EXCLUDED),
    )


def gather_status(settings: Settings) -> dict[str, Any]:
    """:func:`read_status` on ``settings.db`` opened read-only."""
    with store.connection(settings, read_only=True) as con:
        return read_status(con)

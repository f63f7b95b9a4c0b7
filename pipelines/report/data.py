"""The report's week window, the frames it is built from, and the template data built from them.

The report step picks the :class:`ReportWindow` from the weeks with
data, reads a :class:`ReportFrames` from the store for it, and :func:`report_data` turns those
frames into the formatted values and chart fragments the template shows. Nothing here queries.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pandas as pd

from pipelines.report import charts
from pipelines.report.churn import churn_section
from pipelines.report.drivers import drivers_section
from pipelines.report.emerging import emerging_section
from pipelines.report.fmt import fmt_timestamp, week_range_label
from pipelines.report.kpis import BASELINE_WEEKS, TREND_WEEKS, kpis, volume_table
from pipelines.report.operations import operations_section
from pipelines.report.quality import quality_section
from pipelines.report.scores import scores_section
from pipelines.report.summary import summary
from pipelines.report.topics import (
    categories_section,
    category_labels,
    main_category,
    topic_label_map,
    topics_section,
)
from pipelines.weeks import choose_week, weeks_back

__all__ = ["REPORT_TITLE", "ReportFrames", "ReportWindow", "report_data", "report_window"]

REPORT_TITLE = "Voce del cliente — report settimanale"


@dataclass(frozen=True)
class ReportWindow:
    """The weeks a report looks at."""

    week: str  #: the report's week
    weeks: list[str]  #: the trend window, oldest first, ending with ``week``
    previous: list[str]  #: the baseline weeks before ``week`` that have data


def report_window(available: list[str], week: str | None, now: datetime, tz: str) -> ReportWindow:
    """The window of the report of ``week`` (``None``: the last closed week with data).

    Args:
        available: weeks with data, oldest first.
        week: ISO week ``YYYY-Www`` or ``None``.
        now: generation time (naive UTC).
        tz: the IANA zone of the local weeks.

    Raises:
        VocError: no data at all, an invalid week, or none for the requested week.
    """
    chosen = choose_week(available, week, now, tz)
    weeks = weeks_back(chosen, TREND_WEEKS)
    have = set(available)
    previous = [w for w in weeks[-1 - BASELINE_WEEKS : -1] if w in have]
    return ReportWindow(chosen, weeks, previous)


@dataclass
class ReportFrames:
    """Everything the report shows, as the store reads it from the public views."""

    totals: pd.DataFrame  #: ``v_weekly_overview`` totals (kind and channel ``tutti``), all weeks
    kind_volumes: pd.DataFrame  #: volume per week and kind over the window (chart)
    kinds: pd.DataFrame  #: per (week, kind), baseline weeks and the week (volume table)
    channels: pd.DataFrame  #: per (week, kind, channel), same weeks
    alerts: pd.DataFrame | None  #: the week's alerts; ``None``: view unavailable
    alert_counts: dict[int, pd.DataFrame]  #: weekly counts per charted alert position
    churn_snapshot: pd.DataFrame | None  #: ``n, latest, as_of``; ``None``: view unavailable
    churn_top: pd.DataFrame | None  #: riskiest customers of the snapshot listed
    churn_counts: pd.DataFrame | None  #: ``risk_level, n`` of that snapshot
    topic_weeks: pd.DataFrame  #: ``v_weekly_topics`` rows of the window
    topic_names: pd.DataFrame  #: ``topic_id, label``
    aspects: pd.DataFrame  #: aspect rows of the window
    category_names: pd.DataFrame  #: ``category_id, category_label``
    week_counts: pd.DataFrame  #: ``received, duplicates, non_italian, scored`` of the week
    archive: int  #: documents in the database
    languages: pd.DataFrame  #: the week's non-Italian languages
    quarantined: int  #: rows in quarantine
    quarantine_reasons: pd.DataFrame  #: most frequent quarantine reasons
    models_used: pd.DataFrame  #: models that scored the week's documents
    scores: pd.DataFrame | None = None  #: ``v_weekly_scores`` rows of the window
    impact: pd.DataFrame | None = None  #: ``v_theme_impact`` rows of the week (rolling)
    tickets: pd.DataFrame | None = None  #: ``v_ticket_operations`` rows of the window
    sla_themes: pd.DataFrame | None = None  #: first-response breaches per category


def report_data(window: ReportWindow, frames: ReportFrames, now: datetime) -> dict[str, Any]:
    """Template-ready values and chart fragments of the report.

    Args:
        window: the report's weeks (:func:`report_window`).
        frames: the data read for ``window``.
        now: generation time (shown in the header).
    """
    week, weeks, previous = window.week, window.weeks, window.previous
    overview = frames.totals[frames.totals["iso_week"].isin(weeks)]
    kpi_section = kpis(overview, weeks, week)
    emerging = emerging_section(frames.alerts, frames.alert_counts, week, weeks)
    churn = churn_section(frames.churn_snapshot, frames.churn_top, frames.churn_counts)
    labels = category_labels(frames.category_names)
    return {
        "title": REPORT_TITLE,
        "summary": summary(kpi_section, emerging, churn),
        "week": week,
        "week_number": int(week.split("-W")[1]),
        "week_range": week_range_label(week),
        "generated_at": fmt_timestamp(now),
        "trend_weeks": TREND_WEEKS,
        "first_trend_week": weeks[0],
        "kpis": kpi_section,
        "volume_rows": volume_table(frames.kinds, frames.channels, week),
        "chart_volume": charts.figure_html(
            charts.volume_by_kind_chart(frames.kind_volumes, weeks, week), "chart-volume"
        ),
        "chart_sentiment": charts.figure_html(
            charts.sentiment_trend_chart(overview, weeks), "chart-sentiment"
        ),
        "emerging": emerging,
        "topics": topics_section(
            frames.topic_weeks, week, weeks, previous, main_category(frames.aspects, labels)
        ),
        "categories": categories_section(
            frames.aspects, topic_label_map(frames.topic_names), labels, week, previous
        ),
        "churn": churn,
        "scores": scores_section(frames.scores, week, weeks),
        "drivers": drivers_section(frames.impact),
        "operations": operations_section(frames.tickets, frames.sla_themes, week, weeks),
        "quality": quality_section(
            frames.week_counts,
            frames.archive,
            frames.languages,
            frames.quarantined,
            frames.quarantine_reasons,
            frames.models_used,
        ),
    }

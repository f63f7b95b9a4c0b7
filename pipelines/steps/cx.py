"""Customer-experience step: ticket operations (SLA) and theme impact on the scores.

``run_cx`` recomputes ``ticket_operations`` from every stored ticket (the ``[sla]`` settings
may have changed since the last run) and the ``theme_impact`` rows of the report week, in one
transaction, and records a run. ``voc insights`` runs it before detection, so the churn
reasons see this week's SLA breaches. :func:`week_cx` reads what ``voc insights`` prints.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pandas as pd

from pipelines import store
from pipelines.config import Settings, weekmask
from pipelines.detect.impact import impact_table
from pipelines.detect.operations import ticket_operations
from pipelines.detect.worktime import BusinessCalendar
from pipelines.errors import VocError
from pipelines.weeks import choose_week

__all__ = ["WeekCx", "calendar_for", "run_cx", "week_cx"]


def calendar_for(settings: Settings, *instants: Any) -> BusinessCalendar:
    """The ``[sla]`` working calendar, with the holidays of the years ``instants`` span."""
    years = {pd.Timestamp(t).year for t in instants if t is not None and not pd.isna(t)}
    span = range(min(years) - 1, max(years) + 2) if years else range(2000, 2001)
    return BusinessCalendar.from_settings(
        settings.sla_business_hours, weekmask(settings.sla_weekdays), settings.sla_holidays,
        settings.sla_holiday_subdiv, settings.timezone, span,
    )  # fmt: skip


def run_cx(settings: Settings, week: str | None, now: datetime) -> dict[str, Any]:
    """Ticket operations of every ticket and the theme impact of ``week``; stored.

    Args:
        settings: ``[sla]``, ``[impact]``, ``seed``, ``timezone`` and ``db``.
        week: ISO week of the impact; ``None`` = the last closed week with data.
        now: when unanswered tickets are measured to; the run's time.

    Returns:
        ``week``, ``tickets``, ``first_response_breaches``, ``impact_rows``, ``run_id``.
    """
    with store.connection(settings) as con:
        run_id = store.start_run(con, "insights", {"week": week, "step": "cx"}, now)
        try:
            tickets, comments = store.ticket_inputs(con)
            calendar = calendar_for(settings, now, *tickets["created_at"].agg(["min", "max"]))
            ops = ticket_operations(
                tickets, comments, calendar, settings.sla_first_response,
                settings.sla_resolution, now,
            )  # fmt: skip
            ops = ops.assign(run_id=run_id, computed_at=now)
            scored, mentions = store.impact_inputs(con)
            chosen = _week(con, week, now, settings.timezone)
            impact = pd.DataFrame()
            if chosen is not None:
                impact = impact_table(
                    scored, mentions, chosen, window_weeks=settings.impact_weeks,
                    n_boot=settings.impact_bootstrap, confidence=settings.impact_confidence,
                    min_mentions=settings.impact_min_mentions, seed=settings.seed,
                ).assign(run_id=run_id, computed_at=now)  # fmt: skip
            with store.transaction(con):
                store.replace_ticket_operations(con, ops)
                if chosen is not None:
                    store.replace_theme_impact(con, chosen, impact)
        except BaseException as exc:
            store.finish_run(con, run_id, status="failed", stats={}, finished_at=now,
                             error=type(exc).__name__)  # fmt: skip
            raise
        stats = {
            "week": chosen,
            "tickets": len(ops),
            "first_response_breaches": int(ops["first_response_breached"].fillna(False).sum())
            if len(ops)
            else 0,
            "impact_rows": len(impact),
        }
        store.finish_run(con, run_id, status="ok", stats=stats, finished_at=now)
        return {**stats, "run_id": run_id}


def _week(con: Any, week: str | None, now: datetime, tz: str) -> str | None:
    weeks = store.overview_weeks(con)
    if not weeks:
        return None
    return choose_week(weeks, week, now, tz, must_exist=False)


@dataclass
class WeekCx:
    """What ``voc insights`` prints about scores and drivers for a week."""

    week: str
    scores: pd.DataFrame  #: the week's overall ``v_weekly_scores`` row (may be empty)
    drivers: pd.DataFrame  #: top themes by priority on NPS (rolling window)
    tickets: pd.DataFrame  #: the week's overall ``v_ticket_operations`` row (may be empty)


def week_cx(settings: Settings, week: str, top: int = 3) -> WeekCx:
    """The week's NPS/CSAT/CES, its top ``top`` NPS drivers and its ticket service levels.

    Raises:
        VocError: the database does not exist.
    """
    if not week:
        raise VocError("no week given")
    with store.connection(settings, read_only=True) as con:
        scores = store.week_scores(con, week)
        impact = store.theme_impact_rows(con, week)
        drivers = impact[(impact["metric"] == "nps") & (impact["scope"] == "category")]
        if drivers.empty:
            drivers = impact[impact["metric"] == "nps"]
        tickets = store.ticket_weeks(con, [week])
        tickets = tickets[(tickets["channel"] == "tutti") & (tickets["priority"] == "tutti")]
        return WeekCx(week, scores, drivers.head(top).reset_index(drop=True), tickets)

"""The weekly run: init → ingest the inbox → topic refit when due → enrich → service levels
and theme impact → detection → insights → report → pending theme edits → BI database.

:func:`weekly_run` is the one copy of that sequence. ``voc run`` and ``voc demo`` call it
in-process; the Prefect ``weekly_flow`` calls it with a :class:`~pipelines.steps.runs.Call`
that runs each sub-step as the Prefect task wrapping it. Whatever runs it, the same sub-steps
run in the same order with the same arguments.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from pipelines import store
from pipelines.config import Settings
from pipelines.errors import VocError
from pipelines.ingest.inbox import discover_inputs
from pipelines.report.insights import WeeklyInsights
from pipelines.steps.bi import publish_bi
from pipelines.steps.curation import apply_pending_edits
from pipelines.steps.cx import run_cx
from pipelines.steps.detect import run_detection
from pipelines.steps.enrich import enrich
from pipelines.steps.ingest import IngestResult, ingest_file
from pipelines.steps.report import read_insights, write_report
from pipelines.steps.runs import Call, Progress, direct
from pipelines.steps.setup import init_db
from pipelines.steps.topics import refit_topics_if_due
from pipelines.weeks import last_closed_week

log = logging.getLogger("voc")

#: ``week`` that reports the latest week with documents instead of the last closed one (the
#: demo, whose data ends before today).
LATEST = "latest"
#: Seconds the end of a run waits for the file to apply the edits queued during it.
EDIT_WAIT_AFTER_RUN = 10.0


@dataclass
class WeekInsights:
    """The week's insight tables, or why there are none (a quiet week is no failure)."""

    week: str | None
    tables: WeeklyInsights | None
    note: str | None = None

    def summary(self) -> dict[str, Any]:
        """Headline figures: ``week``, ``volume``, ``net_sentiment``, ``top_complaints``."""
        if self.tables is None:
            return {"week": self.week, "volume": 0, "net_sentiment": None, "top_complaints": [],
                    "note": self.note}  # fmt: skip
        overview = self.tables.overview
        row = overview.iloc[0] if len(overview) else None
        return {
            "week": self.tables.week,
            "volume": int(row["volume"]) if row is not None else 0,
            "net_sentiment": float(row["net_sentiment"]) if row is not None else None,
            "top_complaints": self.tables.top_complaints["topic_label"].tolist(),
        }


@dataclass
class WeeklyRun:
    """What one weekly run did, sub-step by sub-step."""

    week: str
    ingested: list[IngestResult]
    refit: dict[str, Any]
    enriched: dict[str, Any]
    detection: dict[str, Any]
    insights: WeekInsights
    report: Path | None = None
    edits: dict[str, Any] = field(default_factory=dict)
    bi: dict[str, Any] = field(default_factory=dict)
    cx: dict[str, Any] = field(default_factory=dict)  #: ticket operations and theme impact

    def summary(self) -> dict[str, Any]:
        """Plain data (what ``weekly_flow`` returns and ``voc run --prefect`` prints)."""
        return {
            "week": self.week,
            "ingested": [asdict(r) for r in self.ingested],
            "refit": self.refit,
            "enriched": self.enriched,
            "cx": self.cx,
            "detection": self.detection,
            "insights": self.insights.summary(),
            "report": None if self.report is None else str(self.report),
            "edits": self.edits,
            "bi": self.bi,
        }


def weekly_run(
    settings: Settings,
    now: datetime,
    *,
    inbox: Path | None = None,
    files: Sequence[tuple[str, Path]] = (),
    week: str | None = None,
    report_dir: Path | None = None,
    notify: bool = True,
    progress: Progress | None = None,
    call: Call = direct,
) -> WeeklyRun:
    """Run the whole weekly pipeline once.

    Args:
        settings: pipeline settings.
        now: run time (naive UTC).
        inbox: folder whose ``reviews*``/``tickets*``/``social*``/``surveys*`` files are ingested.
        files: further ``(kind, path)`` inputs, ingested after the inbox's.
        week: ISO week of detection, insights and report; None is the last closed week,
            :data:`LATEST` the latest week with documents.
        report_dir: folder for ``report_<week>.html``; None writes no report.
        notify: send the new alerts' notifications (to the destinations of ``notify_urls``).
        progress: progress display for the enrichment (in-process runs).
        call: runs each sub-step (:func:`~pipelines.steps.runs.direct`, or a flow's tasks).

    Returns:
        Every sub-step's result.
    """
    call(init_db, settings, now)
    ingested = ingest_inbox(settings, now, inbox, files=files, call=call)
    # File names and counts only: customer text never goes to a log.
    log.info(
        "weekly run: %d files ingested (%d new documents)",
        len(ingested),
        sum(r.inserted for r in ingested),
    )
    refit = call(refit_topics_if_due, settings, now)
    enriched = call(enrich, settings, now, progress)
    chosen = call(report_week, settings, now, week)
    # Before detection: the churn reasons read this run's SLA breaches.
    cx = call(run_cx, settings, chosen, now)
    detection = call(run_detection, settings, chosen, now, notify=notify)
    insights = call(week_insights, settings, chosen)
    report = None
    if report_dir is not None:
        report = call(
            write_report, settings, chosen, Path(report_dir) / f"report_{chosen}.html", now
        )
    # Theme edits and triage made in the app while this run held the file (the run's init,
    # enrichment and detection applied the earlier ones): applied now that it is free.
    edits = call(apply_pending_edits, settings, now, wait=EDIT_WAIT_AFTER_RUN)
    log.info("weekly run: week %s, %s documents enriched", chosen, enriched.get("enriched"))
    # Last: BI tools see the week only once everything about it is stored (edits included).
    bi = call(publish_bi, settings, now)
    return WeeklyRun(
        chosen, ingested, refit, enriched, detection, insights, report, edits, bi, cx=cx
    )


def ingest_inbox(
    settings: Settings,
    now: datetime,
    inbox: Path | None,
    *,
    files: Sequence[tuple[str, Path]] = (),
    call: Call = direct,
) -> list[IngestResult]:
    """Ingest every input file of ``inbox`` (sorted by name), then ``files``, one run each."""
    inputs = [*(discover_inputs(Path(inbox)) if inbox is not None else []), *files]
    return [call(ingest_file, settings, kind, path, now=now) for kind, path in inputs]


def report_week(settings: Settings, now: datetime, week: str | None) -> str:
    """The week a run reports: ``week``, the last closed week (None), or :data:`LATEST`."""
    if week != LATEST:
        return week or last_closed_week(now, settings.timezone)
    with store.connection(settings, read_only=True) as con:
        latest = store.latest_week(con)
    if latest is None:
        raise VocError(f"{settings.db}: no documents yet, so no latest week to report.")
    return latest


def week_insights(settings: Settings, week: str | None) -> WeekInsights:
    """The week's insight tables (None: the latest week); a week without data gives a note."""
    with store.connection(settings, read_only=True) as con:
        try:
            return WeekInsights(week, read_insights(con, week))
        except VocError as exc:
            return WeekInsights(week, None, str(exc))

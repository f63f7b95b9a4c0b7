"""What the command line shows of the database, and the model switch of ``voc models``.

Each function opens its own connection (read-only except :func:`activate_model`, so they run
while a pipeline is writing) and returns plain data for the caller to print.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from pipelines import store
from pipelines.config import Settings
from pipelines.report.export import export_views as _export_views
from pipelines.report.insights import WeeklyInsights
from pipelines.report.insights import weekly_insights as _weekly_insights
from pipelines.report.status import gather_status as _gather_status


@dataclass
class AlertsAndChurn:
    """The week's top emerging complaints and the customers most at risk.

    A table is ``None`` when its view does not exist (a database from before the migration).
    """

    alerts: pd.DataFrame | None
    churn: pd.DataFrame | None


def weekly_insights(settings: Settings, week: str | None) -> WeeklyInsights:
    """The insight tables of ``week`` (``None``: the latest week with data)."""
    with store.connection(settings, read_only=True) as con:
        return _weekly_insights(con, week)


def alerts_and_churn(settings: Settings, week: str) -> AlertsAndChurn:
    """Top 10 emerging complaints of ``week`` and top 10 customers at churn risk."""
    with store.connection(settings, read_only=True) as con:
        names = store.view_names(con)
        alerts = (
            store.emerging_complaints_of_week(con, week)
            if "v_emerging_complaints" in names
            else None
        )
        churn = store.churn_risk_top(con) if "v_churn_risk" in names else None
    return AlertsAndChurn(alerts, churn)


def gather_status(settings: Settings) -> dict[str, Any]:
    """The figures of ``voc status`` (see :func:`pipelines.report.status.gather_status`)."""
    with store.connection(settings, read_only=True) as con:
        return _gather_status(con)


def export_views(settings: Settings, out_dir: Path, fmt: str = "parquet") -> dict[str, Any]:
    """Write the public views under ``out_dir`` (see :func:`pipelines.report.export.export_views`)."""
    with store.connection(settings, read_only=True) as con:
        return _export_views(con, out_dir, fmt)


def list_models(settings: Settings) -> pd.DataFrame:
    """The model registry, one row per model."""
    with store.connection(settings, read_only=True) as con:
        return store.list_models(con)


def activate_model(settings: Settings, model_id: str) -> str:
    """Make ``model_id`` the active model of its task; returns the task.

    Does not wait for another writer's lock: it fails at once, as ``voc models activate``
    always has.
    """
    with store.connection(settings, wait=False) as con:
        return store.activate_model(con, model_id)

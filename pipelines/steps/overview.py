"""What the command line shows of the database, and the model switch of ``voc models``.

Each function opens its own connection (read-only except :func:`activate_model`, so they run
while a pipeline is writing) and returns plain data for the caller to print.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from pipelines import store
from pipelines.config import Settings


@dataclass
class AlertsAndChurn:
    """The week's top emerging complaints and the customers most at risk.

    A table is ``None`` when its view does not exist (a database from before the migration).
    """

    alerts: pd.DataFrame | None
    churn: pd.DataFrame | None


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

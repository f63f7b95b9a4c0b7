"""Figures of ``voc status``: what is in the database and how the last runs went.

The store reads the frames; this module turns them into plain Python
values (NaN/NaT → ``None``, JSON columns decoded) for printing or JSON output.
"""

from __future__ import annotations

import json
from typing import Any

import pandas as pd

__all__ = ["OPEN_ALERT_EXCLUDED", "status_figures"]

# Alert statuses that mean "no longer open"; anything else (nuovo, in corso, …) counts as open.
OPEN_ALERT_EXCLUDED = ("rientrato", "chiuso", "closed", "resolved", "archiviato")


def _json(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as dicts with plain Python values (NaN/NaT → None) for printing or JSON."""
    out = []
    for row in frame.astype(object).where(frame.notna(), None).to_dict("records"):
        out.append(
            {k: (v.to_pydatetime() if hasattr(v, "to_pydatetime") else v) for k, v in row.items()}
        )
    return out


def status_figures(
    *,
    schema_version: int,
    by_kind: pd.DataFrame,
    by_week: pd.DataFrame,
    quarantined: int,
    runs: pd.DataFrame,
    models: pd.DataFrame,
    open_alerts: int | None,
) -> dict[str, Any]:
    """Collect the figures shown by ``voc status``.

    Returns:
        A dict with:

        - ``schema_version``: highest applied migration;
        - ``documents``: total documents;
        - ``documents_by_kind``: ``[{kind, documents, duplicates, non_italian, enriched,
          first_at, last_at}]``;
        - ``documents_by_week``: ``[{iso_week, kind, documents}]``, newest week first;
        - ``quarantined``: rows in quarantine;
        - ``runs``: last run of each flow ``[{flow, run_id, status, started_at, finished_at,
          duration_s, error, stats, last_ok_at}]``;
        - ``models``: active models ``[{task, model_id, version, created_at, metrics}]``;
        - ``open_alerts``: open emerging-complaint alerts, or ``None`` when the ``alerts``
          table does not exist yet (before migration 002).
    """
    run_rows = _records(runs)
    for row in run_rows:
        row["stats"] = _json(row.get("stats"))
    model_rows = _records(models)
    for row in model_rows:
        row["metrics"] = _json(row.get("metrics"))
    return {
        "schema_version": schema_version,
        "documents": int(by_kind["documents"].sum()) if len(by_kind) else 0,
        "documents_by_kind": _records(by_kind),
        "documents_by_week": _records(by_week),
        "quarantined": quarantined,
        "runs": run_rows,
        "models": model_rows,
        "open_alerts": open_alerts,
    }

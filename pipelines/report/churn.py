"""The churn-risk section: customers at high or medium risk in the week's snapshot."""

from __future__ import annotations

from typing import Any

import pandas as pd

from pipelines.report.fmt import DASH, as_list, fmt_int, fmt_num, fmt_timestamp, missing, truncate

__all__ = ["TOP_CHURN", "churn_as_of", "churn_section"]

TOP_CHURN = 10


def _unavailable() -> dict[str, Any]:
    return {"available": False, "rows": [], "counts": {}, "note": None}


def churn_as_of(snapshot: pd.DataFrame | None) -> str | None:
    """The snapshot week to list for the report's week, ``None`` when there is none.

    Args:
        snapshot: one row ``n, latest, as_of`` of ``v_churn_risk`` (``as_of``: the latest
            snapshot not after the report's week), or ``None`` when the view is unavailable.
    """
    if snapshot is None:
        return None
    info = snapshot.iloc[0]
    if int(info["n"]) == 0 or missing(info["as_of"]):
        return None
    return str(info["as_of"])


def churn_section(
    snapshot: pd.DataFrame | None, top: pd.DataFrame | None, counts: pd.DataFrame | None
) -> dict[str, Any]:
    """Template data of the churn-risk section.

    Args:
        snapshot: see :func:`churn_as_of`; ``None``: the view is missing or unreadable.
        top: the riskiest high/medium customers of the :func:`churn_as_of` week.
        counts: ``risk_level, n`` of that week.
        Both are ignored when there is no snapshot to list; ``None`` marks the section
        unavailable.
    """
    if snapshot is None:
        return _unavailable()
    info = snapshot.iloc[0]
    if int(info["n"]) == 0:
        return {"available": True, "rows": [], "counts": {}, "note": None, "as_of_week": None}
    if missing(info["as_of"]):
        # v_churn_risk keeps the latest snapshot only: an older week's list is not available.
        note = (
            "Nessuna valutazione del rischio di abbandono per questa settimana: "
            f"la più recente è del {info['latest']}."
        )
        return {"available": True, "rows": [], "counts": {}, "note": note, "as_of_week": None}
    as_of_week = str(info["as_of"])
    if top is None or counts is None:
        return _unavailable()
    rows = []
    for item in top.to_dict("records"):
        texts = [truncate(t, 220) for t in as_list(item.get("last_texts"))]
        rows.append(
            {
                "customer_id": str(item.get("customer_id") or DASH),
                "score": fmt_num(item.get("risk_score"), 2),
                "level": str(item.get("risk_level") or ""),
                "reasons": [str(r) for r in as_list(item.get("reasons"))],
                "last_contact": fmt_timestamp(item.get("last_contact")),
                "contacts_30d": fmt_int(item.get("contacts_30d")),
                "text": texts[0] if texts else "",
            }
        )
    return {
        "available": True,
        "rows": rows,
        "as_of_week": as_of_week,
        "note": None,
        "counts": {str(r.risk_level): fmt_int(r.n) for r in counts.itertuples()},
    }

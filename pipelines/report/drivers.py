"""Report section "Cosa pesa sul voto": theme impact on NPS, CSAT and stars, and what to fix.

For each metric, the themes of the rolling window with their impact (remove and recompute) and
their interval as diverging bars, and the ranking "cosa sistemare per primo" (by the points the
score would recover, the overlap-aware effect times the reach). An interval that crosses zero
is labelled as noise, not as a driver. Frames in, template data out.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from pipelines.report import charts
from pipelines.report.charts_cx import impact_chart
from pipelines.report.fmt import fmt_int, fmt_num, fmt_pct

__all__ = ["METRIC_LABELS", "drivers_section"]

METRIC_LABELS = {"nps": ("NPS", "punti"), "csat": ("CSAT", "punti"), "rating": ("Voto in stelle",
                                                                               "stelle")}  # fmt: skip
SHOWN = 8


def _interval(low: Any, high: Any, digits: int) -> str:
    return f"{fmt_num(low, digits, signed=True)} … {fmt_num(high, digits, signed=True)}"


def _verdict(low: Any, high: Any) -> tuple[str, str]:
    if pd.notna(high) and high < 0:
        return "abbassa il voto", "bad"
    if pd.notna(low) and low > 0:
        return "alza il voto", "good"
    return "entro il rumore", "flat"


def drivers_section(impact: pd.DataFrame | None) -> dict[str, Any]:
    """One block per metric with data: ranking table and diverging impact chart.

    Args:
        impact: ``v_theme_impact`` rows of the report week, period ``rolling``
            (``None``: view unavailable).
    """
    if impact is None or impact.empty:
        return {"available": False, "metrics": []}
    blocks = []
    for metric, (label, unit) in METRIC_LABELS.items():
        rows = impact[(impact["metric"] == metric) & (impact["scope"] == "category")]
        if rows.empty:
            rows = impact[(impact["metric"] == metric) & (impact["scope"] == "topic")]
        if rows.empty:
            continue
        digits = 2 if metric == "rating" else 1
        ranked = rows.sort_values("priority_rank").head(SHOWN)
        table = []
        for r in ranked.to_dict("records"):
            verdict, tone = _verdict(r["effect_low"], r["effect_high"])
            table.append({
                "rank": int(r["priority_rank"]), "label": r["theme_label"] or r["theme_id"],
                "mentions": fmt_int(r["n_mentions"]), "reach": fmt_pct(r["reach"], 0),
                "impact": fmt_num(r["impact"], digits, signed=True),
                "impact_interval": _interval(r["impact_low"], r["impact_high"], digits),
                "effect": fmt_num(r["effect"], digits, signed=True),
                "effect_interval": _interval(r["effect_low"], r["effect_high"], digits),
                "gain": fmt_num(r["gain"], digits, signed=True),
                "verdict": verdict, "tone": tone,
                "negative": fmt_int(r["n_negativo"]), "positive": fmt_int(r["n_positivo"]),
            })  # fmt: skip
        by_impact = rows.sort_values("impact").head(SHOWN)
        chart = impact_chart(by_impact, f"Impatto dei temi sul {label}", unit)
        first = rows.iloc[0]
        blocks.append({
            "metric": metric, "label": label, "unit": unit, "rows": table,
            "chart": charts.figure_html(chart, f"chart-impact-{metric}"),
            "n_responses": fmt_int(first["n_responses"]), "weeks": int(first["weeks"]),
            "score_all": fmt_num(first["score_all"], digits, signed=metric == "nps"),
            "confidence": fmt_pct(first["confidence"], 0),
        })  # fmt: skip
    return {"available": bool(blocks), "metrics": blocks}

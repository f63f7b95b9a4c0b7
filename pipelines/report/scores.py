"""Report section "NPS e soddisfazione": the week's scores with their intervals and changes.

A change against the previous week is shown as a change only when its 95 % interval excludes
zero (``v_weekly_scores.*_change``); otherwise the card says "nessuna variazione
significativa" instead of an arrow. Frames in, template data out.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from pipelines.report import charts
from pipelines.report.charts_cx import score_trend_chart
from pipelines.report.fmt import fmt_int, fmt_num, missing

__all__ = ["scores_section"]

_ARROWS = {"in aumento": ("▲ in aumento", "good"), "in calo": ("▼ in calo", "bad")}
_NO_CHANGE = "nessuna variazione significativa"


def _change(label: Any, delta: Any, digits: int = 0) -> tuple[str, str]:
    if missing(delta) or label is None or (isinstance(label, float) and missing(label)):
        return "prima settimana con risposte", "flat"
    if label in _ARROWS:
        text, tone = _ARROWS[label]
        return f"{text} ({fmt_num(delta, digits, signed=True)})", tone
    return f"{_NO_CHANGE} ({fmt_num(delta, digits, signed=True)})", "flat"


def _card(row: pd.Series, key: str) -> dict[str, Any] | None:
    if key == "nps" and row["n_nps"]:
        change, tone = _change(row["nps_change"], row["nps_delta"])
        return {"key": "nps", "label": "NPS", "value": fmt_num(row["nps"], 0, signed=True),
                "interval": f"{fmt_num(row['nps_low'], 0, signed=True)} … "
                            f"{fmt_num(row['nps_high'], 0, signed=True)}",
                "n": fmt_int(row["n_nps"]), "change": change, "tone": tone,
                "hint": f"{fmt_int(row['promoters'])} promotori, {fmt_int(row['passives'])} "
                        f"passivi, {fmt_int(row['detractors'])} detrattori"}  # fmt: skip
    if key == "csat" and row["n_csat"]:
        change, tone = _change(row["csat_change"], row["csat_delta"])
        return {"key": "csat", "label": "CSAT (% soddisfatti, 4-5)",
                "value": fmt_num(row["csat"], 0) + " %",
                "interval": f"{fmt_num(row['csat_low'], 0)} … {fmt_num(row['csat_high'], 0)} %",
                "n": fmt_int(row["n_csat"]), "change": change, "tone": tone,
                "hint": f"voto medio {fmt_num(row['csat_mean'], 2)} su 5"}  # fmt: skip
    if key == "ces" and row["n_ces"]:
        change, tone = _change(row["ces_change"], row["ces_delta"], 1)
        return {"key": "ces", "label": "CES (facilità, 1-7)",
                "value": fmt_num(row["ces_mean"], 1),
                "interval": f"{fmt_num(row['ces_low'], 1)} … {fmt_num(row['ces_high'], 1)}",
                "n": fmt_int(row["n_ces"]), "change": change, "tone": tone,
                "hint": "più alto = più facile"}  # fmt: skip
    return None


def scores_section(frame: pd.DataFrame | None, week: str, weeks: Sequence[str]) -> dict[str, Any]:
    """Cards, per-channel and per-touchpoint rows and the trend chart of the survey scores.

    Args:
        frame: ``v_weekly_scores`` rows of ``weeks`` (``None``: view unavailable).
        week: the report week.
        weeks: the trend window, oldest first.
    """
    if frame is None or frame.empty:
        return {"available": False, "cards": [], "rows": [], "chart": ""}
    overall = frame[(frame["channel"] == "tutti") & (frame["touchpoint"] == "tutti")]
    this = overall[overall["iso_week"] == week]
    cards: list[dict[str, Any]] = []
    if len(this):
        cards = [c for k in ("nps", "csat", "ces") if (c := _card(this.iloc[0], k))]
    split = frame[(frame["iso_week"] == week)
                  & ((frame["channel"] == "tutti") ^ (frame["touchpoint"] == "tutti"))]  # fmt: skip
    rows = []
    for rec in split.sort_values(["touchpoint", "channel"]).to_dict("records"):
        by_channel = rec["touchpoint"] == "tutti"
        change, tone = _change(rec["nps_change"], rec["nps_delta"])
        rows.append({
            "group": "Canale" if by_channel else "Punto di contatto",
            "label": rec["channel"] if by_channel else rec["touchpoint"],
            "n": fmt_int(rec["n_nps"]),
            "nps": fmt_num(rec["nps"], 0, signed=True),
            "interval": f"{fmt_num(rec['nps_low'], 0, signed=True)} … "
                        f"{fmt_num(rec['nps_high'], 0, signed=True)}",
            "change": change, "tone": tone,
        })  # fmt: skip
    chart = charts.figure_html(score_trend_chart(overall, weeks, "nps"), "chart-nps")
    return {"available": True, "cards": cards, "rows": rows, "chart": chart,
            "responses": fmt_int(this["n_responses"].iat[0]) if len(this) else "0",
            "verbatim": fmt_int(this["n_verbatim"].iat[0]) if len(this) else "0"}  # fmt: skip

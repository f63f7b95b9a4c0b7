"""Report section "Tempi di risposta e SLA": first response, resolution, breaches, backlog.

Times are business hours (opening hours, working days and public holidays of ``[sla]``). The
section shows the week against the previous weeks, per channel, the themes that miss the first-
response target most often, and how the tone of the customer's next message changes after a
slow answer. Frames in, template data out.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from pipelines.report import charts
from pipelines.report.charts_cx import breach_chart
from pipelines.report.fmt import fmt_int, fmt_num, fmt_pct, missing

__all__ = ["operations_section"]

THEMES_SHOWN = 6


def _hours(value: Any) -> str:
    return "–" if missing(value) else f"{fmt_num(value, 1)} h"


def operations_section(
    tickets: pd.DataFrame | None,
    themes: pd.DataFrame | None,
    week: str,
    weeks: Sequence[str],
) -> dict[str, Any]:
    """KPIs, per-channel rows, themes by breach rate, tone after slow answers, trend chart.

    Args:
        tickets: ``v_ticket_operations`` rows of ``weeks`` without the category split
            (``None``: view unavailable).
        themes: per category over ``weeks``: ``category_label``, ``tickets``, ``breaches``,
            ``breach_rate``.
        week: the report week.
        weeks: the trend window, oldest first.
    """
    if tickets is None or tickets.empty:
        return {"available": False}
    rollup = tickets[tickets["priority"] == "tutti"]
    overall = rollup[rollup["channel"] == "tutti"].set_index("iso_week")
    if week not in overall.index:
        return {"available": False}
    now = overall.loc[week]
    before = overall[overall.index < week].tail(8)
    base_rate = before["first_response_breach_rate"].mean() if len(before) else None
    kpis = [
        {"label": "Prima risposta (mediana)", "value": _hours(now["first_response_median"]),
         "hint": f"90° percentile {_hours(now['first_response_p90'])}"},
        {"label": "Fuori SLA di prima risposta", "value": fmt_pct(now["first_response_breach_rate"], 0),
         "hint": "media sett. prec. " + fmt_pct(base_rate, 0)},
        {"label": "Risoluzione (mediana)", "value": _hours(now["resolution_median"]),
         "hint": f"{fmt_int(now['resolution_breaches'])} fuori SLA di risoluzione"},
        {"label": "Riaperti", "value": fmt_pct(now["reopen_rate"], 0),
         "hint": f"{fmt_int(now['reopened'])} su {fmt_int(now['solved'])} risolti"},
        {"label": "Arretrato a fine settimana", "value": fmt_int(now["backlog"]),
         "hint": f"{fmt_int(now['tickets'])} ticket aperti nella settimana"},
    ]  # fmt: skip
    channels = []
    for r in rollup[(rollup["iso_week"] == week) & (rollup["channel"] != "tutti")].to_dict(
        "records"
    ):
        channels.append({"channel": r["channel"], "tickets": fmt_int(r["tickets"]),
                         "first": _hours(r["first_response_median"]),
                         "breach": fmt_pct(r["first_response_breach_rate"], 0),
                         "resolution": _hours(r["resolution_median"]),
                         "backlog": fmt_int(r["backlog"])})  # fmt: skip
    theme_rows = []
    if themes is not None and len(themes):
        for r in themes[themes["tickets"] >= 5].head(THEMES_SHOWN).to_dict("records"):
            theme_rows.append({"label": r["category_label"] or r["category_id"],
                               "tickets": fmt_int(r["tickets"]), "breaches": fmt_int(r["breaches"]),
                               "rate": fmt_pct(r["breach_rate"], 0)})  # fmt: skip
    window = rollup[rollup["channel"] == "tutti"]
    slow_n, fast_n = window["n_after_slow"].sum(), window["n_after_fast"].sum()
    tone = None
    if slow_n >= 5 and fast_n >= 5:
        slow = (window["polarity_after_slow"] * window["n_after_slow"]).sum() / slow_n
        fast = (window["polarity_after_fast"] * window["n_after_fast"]).sum() / fast_n
        tone = {"slow": fmt_num(slow, 2, signed=True), "fast": fmt_num(fast, 2, signed=True),
                "n_slow": fmt_int(slow_n), "n_fast": fmt_int(fast_n),
                "worse": bool(slow < fast)}  # fmt: skip
    chart = charts.figure_html(breach_chart(rollup, weeks), "chart-sla")
    return {"available": True, "kpis": kpis, "channels": channels, "themes": theme_rows,
            "tone": tone, "chart": chart}  # fmt: skip

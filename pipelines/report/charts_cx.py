"""Plotly figures of the customer-experience sections: score trend with its interval band,
diverging bars of theme impact with intervals, first-response breaches per week."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from pipelines.report.charts import ACCENT, MUTED, NEGATIVE, _base_layout, _short_week

__all__ = ["breach_chart", "impact_chart", "score_trend_chart"]

POSITIVE = "#2e7d4f"


def score_trend_chart(frame: pd.DataFrame, weeks: Sequence[str], metric: str = "nps") -> go.Figure:
    """Weekly score (line) inside its 95 % interval (band); weeks without answers are gaps.

    Args:
        frame: overall ``v_weekly_scores`` rows (``iso_week``, ``nps``, ``nps_low``, ``nps_high``
            or the ``csat`` columns).
        weeks: the ISO weeks on the x axis, oldest first.
        metric: ``nps`` or ``csat``.
    """
    data = frame.set_index("iso_week") if len(frame) else pd.DataFrame()

    def column(name: str) -> list[float | None]:
        return [
            None if data.empty or w not in data.index or pd.isna(data.at[w, name])
            else float(data.at[w, name])
            for w in weeks
        ]  # fmt: skip

    labels = [_short_week(w) for w in weeks]
    fig = go.Figure()
    fig.add_scatter(x=labels, y=column(f"{metric}_high"), mode="lines", line={"width": 0},
                    hoverinfo="skip", showlegend=False)  # fmt: skip
    fig.add_scatter(x=labels, y=column(f"{metric}_low"), mode="lines", line={"width": 0},
                    fill="tonexty", fillcolor="rgba(31,78,121,0.15)", name="Intervallo al 95 %",
                    hoverinfo="skip")  # fmt: skip
    name = "NPS" if metric == "nps" else "CSAT (% 4-5)"
    fig.add_scatter(x=labels, y=column(metric), mode="lines+markers", name=name,
                    line={"color": ACCENT, "width": 2}, connectgaps=False,
                    hovertemplate="%{x}: %{y:.0f}<extra>" + name + "</extra>")  # fmt: skip
    layout = _base_layout(f"{name} per settimana, con intervallo di confidenza", 300)
    layout["yaxis"].update({"range": [-100, 100] if metric == "nps" else [0, 100]})
    fig.update_layout(**layout)
    return fig


def impact_chart(rows: pd.DataFrame, title: str, unit: str) -> go.Figure:
    """Diverging horizontal bars: each theme's impact on the score, with its interval.

    Args:
        rows: ``theme_label``, ``impact``, ``impact_low``, ``impact_high`` (most harmful first).
        title: chart title.
        unit: axis suffix (``punti NPS``, ``stelle``).
    """
    rows = rows.iloc[::-1]  # plotly draws the first category at the bottom
    colors = [NEGATIVE if v < 0 else POSITIVE for v in rows["impact"]]
    fig = go.Figure()
    fig.add_bar(
        y=[str(label)[:48] for label in rows["theme_label"]],
        x=rows["impact"].tolist(),
        orientation="h",
        marker_color=colors,
        error_x={
            "type": "data",
            "symmetric": False,
            "color": MUTED,
            "thickness": 1.2,
            "array": (rows["impact_high"] - rows["impact"]).clip(lower=0).tolist(),
            "arrayminus": (rows["impact"] - rows["impact_low"]).clip(lower=0).tolist(),
        },
        hovertemplate="%{y}: %{x:+.2f} " + unit + "<extra></extra>",
        showlegend=False,
    )
    layout = _base_layout(title, max(220, 34 * len(rows) + 90))
    layout["margin"]["l"] = 230
    layout["xaxis"].update({"zeroline": True, "zerolinecolor": MUTED, "ticksuffix": f" {unit}"})
    fig.update_layout(**layout)
    return fig


def breach_chart(frame: pd.DataFrame, weeks: Sequence[str]) -> go.Figure:
    """Share of tickets answered later than their first-response target, per week and channel.

    Args:
        frame: ``v_ticket_operations`` rows with ``priority = 'tutti'`` (``iso_week``,
            ``channel``, ``first_response_breach_rate``).
        weeks: the ISO weeks on the x axis.
    """
    labels = [_short_week(w) for w in weeks]
    fig = go.Figure()
    palette = ("#1f4e79", "#e08e0b", "#5b9bd5", "#7f6a93", "#3a8f8f", "#b5651d")
    channels = [c for c in sorted(frame["channel"].unique()) if c != "tutti"] if len(frame) else []
    for i, channel in enumerate(["tutti", *channels]):
        part = frame[frame["channel"] == channel].set_index("iso_week")
        values = [
            float(part.at[w, "first_response_breach_rate"]) * 100
            if w in part.index and pd.notna(part.at[w, "first_response_breach_rate"]) else None
            for w in weeks
        ]  # fmt: skip
        fig.add_scatter(
            x=labels, y=values, mode="lines+markers",
            name="Tutti i canali" if channel == "tutti" else channel,
            line={"color": "#1d2733" if channel == "tutti" else palette[i % len(palette)],
                  "width": 3 if channel == "tutti" else 1.5},
            hovertemplate="%{x}: %{y:.0f} %<extra>" + channel + "</extra>",
        )  # fmt: skip
    layout = _base_layout("Ticket oltre il tempo di prima risposta (SLA)", 300)
    layout["yaxis"].update({"range": [0, 100], "ticksuffix": " %"})
    fig.update_layout(**layout)
    return fig

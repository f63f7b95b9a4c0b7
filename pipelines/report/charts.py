"""Plotly figures for the weekly report, rendered as offline HTML fragments.

Every fragment is a ``<div>`` plus a ``<script>`` that calls ``Plotly.newPlot``; plotly.js itself
is inlined once by the report template (:func:`plotly_js`), so the report opens with no network
access. The inlined plotly.js is a partial bundle (``vendor/``: scatter, bar, heatmap; 1.26 MB
instead of 4.8 MB), so the report fits in an e-mail: a figure of another trace type fails in
:func:`figure_html`, not silently in the reader's browser. Figures use Italian number separators and a sober palette that also prints well.
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from functools import cache
from importlib import resources
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from markupsafe import Markup

__all__ = [
    "BUNDLED_TRACES",
    "FONT_FAMILY",
    "KIND_COLORS",
    "SENTIMENT_COLORS",
    "figure_html",
    "growth_chart",
    "plotly_js",
    "sentiment_trend_chart",
    "topic_heatmap",
    "volume_by_kind_chart",
]

FONT_FAMILY = (
    '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'
)
INK = "#1d2733"
MUTED = "#6b7785"
GRID = "#e6e9ee"
ACCENT = "#1f4e79"
NEGATIVE = "#c0392b"
SENTIMENT_COLORS = {"negativo": NEGATIVE, "neutro": "#9aa5b1", "positivo": "#2e7d4f"}
KIND_COLORS = {"reviews": "#1f4e79", "tickets": "#e08e0b", "social": "#5b9bd5"}
KIND_LABELS = {"reviews": "Recensioni", "tickets": "Ticket", "social": "Social"}
_EXTRA_COLORS = ("#7f6a93", "#3a8f8f", "#b5651d", "#8c8c8c")

# Plotly's modebar links to plotly.com and its hover tools are noise in an e-mailed report.
_CONFIG: dict[str, Any] = {
    "displayModeBar": False,
    "displaylogo": False,
    "responsive": True,
    "locale": "it",
}


#: Trace types compiled into the vendored bundle (scripts/build_plotly_bundle.sh, ``TRACES``).
BUNDLED_TRACES = frozenset({"scatter", "bar", "heatmap"})
PLOTLY_BUNDLE = "plotly-voc.min.js"


# Every figure carries plotly.py's default template (about 6.5 kB of JSON): it is written once,
# after the bundle, and each figure refers to it (:func:`figure_html`).
_TEMPLATE_VAR = "window.vocPlotlyTemplate"


@cache
def plotly_js() -> Markup:
    """The vendored partial plotly.js bundle (about 1.26 MB) and the figures' shared template,
    to inline once in a ``<script>`` element."""
    text = (resources.files("pipelines.report") / "vendor" / PLOTLY_BUNDLE).read_text("utf-8")
    text += f"\n;{_TEMPLATE_VAR}={_template_json()};\n"
    # "</script" cannot appear inside an inline script; plotly.js has none today, but be safe.
    return Markup(text.replace("</script", "<\\/script"))


@cache
def _template_json() -> str:
    """The default template exactly as ``Figure.to_html`` writes it into a figure's layout."""
    probe = go.Figure().to_html(full_html=False, include_plotlyjs=False, validate=False)
    start = probe.index('"template":') + len('"template":')
    _template, end = json.JSONDecoder().raw_decode(probe, start)
    return probe[start:end]


def _base_layout(title: str, height: int) -> dict[str, Any]:
    return {
        "title": {
            "text": title,
            "x": 0,
            "xanchor": "left",
            "font": {"size": 14, "color": INK},
        },
        "height": height,
        "margin": {"l": 48, "r": 16, "t": 44, "b": 36},
        "font": {"family": FONT_FAMILY, "size": 11, "color": INK},
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        # Italian separators: decimal comma, thousands point.
        "separators": ",.",
        "legend": {"orientation": "h", "y": -0.18, "x": 0, "font": {"size": 11}},
        "xaxis": {"gridcolor": GRID, "linecolor": GRID, "tickfont": {"color": MUTED}},
        "yaxis": {"gridcolor": GRID, "zerolinecolor": GRID, "tickfont": {"color": MUTED}},
        "hoverlabel": {"font": {"family": FONT_FAMILY}},
    }


def figure_html(fig: go.Figure, div_id: str) -> Markup:
    """Render a figure as an HTML fragment that relies on the inlined plotly.js.

    Args:
        fig: the figure.
        div_id: stable element id, so the same data always renders the same HTML.

    Returns:
        Markup safe to insert in the jinja2 template.

    Raises:
        ValueError: a trace type the vendored bundle does not hold (the chart would stay blank).
    """
    missing = {trace.type for trace in fig.data} - BUNDLED_TRACES
    if missing:
        raise ValueError(
            f"trace types {sorted(missing)} are not in the report's plotly.js bundle: add them"
            " to TRACES in scripts/build_plotly_bundle.sh and to BUNDLED_TRACES"
        )
    html = fig.to_html(
        full_html=False,
        include_plotlyjs=False,
        include_mathjax=False,
        config=_CONFIG,
        div_id=div_id,
        validate=True,
    )
    html = html.replace(f'"template":{_template_json()}', f'"template":{_TEMPLATE_VAR}', 1)
    return Markup(f'<figure class="chart">{html}</figure>')


def _short_week(week: str) -> str:
    """``2026-W07`` → ``S07`` (the axis shows the year once, in the title)."""
    return "S" + week.split("-W")[-1]


def volume_by_kind_chart(frame: pd.DataFrame, weeks: Sequence[str], current: str) -> go.Figure:
    """Stacked weekly volume by document kind.

    Args:
        frame: rows with ``iso_week``, ``kind``, ``volume``.
        weeks: the ISO weeks on the x axis, oldest first.
        current: the report week (highlighted).
    """
    fig = go.Figure()
    labels = [_short_week(w) for w in weeks]
    kinds = sorted(frame["kind"].unique()) if len(frame) else []
    for i, kind in enumerate(kinds):
        sub = frame[frame["kind"] == kind].set_index("iso_week")["volume"]
        values = [int(sub.get(w, 0)) for w in weeks]
        fig.add_bar(
            x=labels,
            y=values,
            name=KIND_LABELS.get(kind, kind),
            marker_color=KIND_COLORS.get(kind, _EXTRA_COLORS[i % len(_EXTRA_COLORS)]),
            hovertemplate="%{x}: %{y:,.0f} documenti<extra>%{fullData.name}</extra>",
        )
    layout = _base_layout("Volume settimanale per tipo di fonte", 300)
    layout["barmode"] = "stack"
    layout["bargap"] = 0.25
    layout["yaxis"]["title"] = {"text": "documenti", "font": {"color": MUTED}}
    fig.update_layout(**layout)
    if current in weeks:
        fig.add_annotation(
            x=_short_week(current),
            y=1,
            yref="paper",
            text="questa settimana",
            showarrow=False,
            yanchor="bottom",
            font={"size": 10, "color": MUTED},
        )
    return fig


def sentiment_trend_chart(frame: pd.DataFrame, weeks: Sequence[str]) -> go.Figure:
    """Weekly share of negative, neutral and positive documents (stacked to 100 %).

    Args:
        frame: rows with ``iso_week``, ``share_negativo``, ``share_neutro``, ``share_positivo``.
        weeks: the ISO weeks on the x axis, oldest first.
    """
    fig = go.Figure()
    labels = [_short_week(w) for w in weeks]
    data = frame.set_index("iso_week") if len(frame) else pd.DataFrame()
    for label in ("negativo", "neutro", "positivo"):
        column = f"share_{label}"
        values = [
            None
            if data.empty or w not in data.index or pd.isna(data.at[w, column])
            else float(data.at[w, column]) * 100
            for w in weeks
        ]
        fig.add_bar(
            x=labels,
            y=values,
            name=label.capitalize(),
            marker_color=SENTIMENT_COLORS[label],
            hovertemplate="%{x}: %{y:.1f} %<extra>" + label + "</extra>",
        )
    layout = _base_layout("Composizione del sentiment", 300)
    layout["barmode"] = "stack"
    layout["bargap"] = 0.25
    layout["yaxis"].update({"range": [0, 100], "ticksuffix": " %", "dtick": 25})
    fig.update_layout(**layout)
    return fig


def growth_chart(
    weeks: Sequence[str], volumes: Sequence[float], baseline: float | None, current: str, title: str
) -> go.Figure:
    """Small bar chart of one complaint's weekly volume with its expected level.

    Args:
        weeks: ISO weeks, oldest first.
        volumes: volume per week, aligned with ``weeks``.
        baseline: expected weekly volume (dashed line), when known.
        current: the alert week, drawn in red.
        title: chart title.
    """
    labels = [_short_week(w) for w in weeks]
    colors = [NEGATIVE if w == current else "#b8c4d0" for w in weeks]
    fig = go.Figure()
    fig.add_bar(
        x=labels,
        y=list(volumes),
        marker_color=colors,
        name="volume",
        hovertemplate="%{x}: %{y:,.0f} segnalazioni<extra></extra>",
        showlegend=False,
    )
    if baseline is not None and baseline == baseline:  # not NaN
        fig.add_scatter(
            x=labels,
            y=[baseline] * len(labels),
            mode="lines",
            line={"color": MUTED, "dash": "dash", "width": 1.5},
            name="livello atteso",
            hovertemplate="livello atteso: %{y:,.1f}<extra></extra>",
            showlegend=False,
        )
        fig.add_annotation(
            x=labels[0],
            y=baseline,
            text="livello atteso",
            showarrow=False,
            xanchor="left",
            yanchor="bottom",
            font={"size": 10, "color": MUTED},
        )
    layout = _base_layout(_plain(title), 200)
    layout["title"]["font"]["size"] = 12
    layout["margin"] = {"l": 36, "r": 8, "t": 34, "b": 28}
    layout["bargap"] = 0.3
    fig.update_layout(**layout)
    return fig


def topic_heatmap(
    frame: pd.DataFrame,
    weeks: Sequence[str],
    topics: Sequence[tuple[int, str]],
    value: str,
    title: str,
) -> go.Figure:
    """Topics × weeks heatmap of volume or sentiment.

    Args:
        frame: ``v_weekly_topics`` rows (``iso_week``, ``topic_id``, ``value``).
        weeks: ISO weeks on the x axis, oldest first.
        topics: (topic_id, label) pairs, top row first.
        value: ``"volume"`` (sequential scale) or ``"mean_sentiment"`` (diverging, −1…+1).
        title: chart title.
    """
    data = frame.set_index(["topic_id", "iso_week"])[value] if len(frame) else pd.Series()
    z: list[list[float | None]] = []
    text: list[list[str]] = []
    for topic_id, _label in topics:
        row: list[float | None] = []
        row_text: list[str] = []
        for week in weeks:
            raw = data.get((topic_id, week)) if len(data) else None
            cell = None if raw is None or pd.isna(raw) else float(raw)
            if cell is None and value == "volume":
                cell = 0.0
            row.append(cell)
            if cell is None:
                row_text.append("")
            elif value == "volume":
                row_text.append(f"{cell:,.0f}".replace(",", "."))
            else:
                row_text.append(f"{cell:+.2f}".replace(".", ",").replace("-", "−"))
        z.append(row)
        text.append(row_text)
    labels = [_plain(_truncate(label, 34)) for _id, label in topics]
    if value == "volume":
        colorscale = [[0, "#f4f7fb"], [0.5, "#7aa6d1"], [1, ACCENT]]
        extra: dict[str, Any] = {"zmin": 0}
        hover = "%{y}<br>%{x}: %{z:,.0f} documenti<extra></extra>"
        bar_title = "documenti"
    else:
        colorscale = [[0, NEGATIVE], [0.5, "#f7f3e8"], [1, "#2e7d4f"]]
        extra = {"zmin": -1, "zmax": 1, "zmid": 0}
        hover = "%{y}<br>%{x}: sentiment %{z:+.2f}<extra></extra>"
        bar_title = "sentiment"
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=[_short_week(w) for w in weeks],
            y=labels,
            text=text,
            texttemplate="%{text}",
            textfont={"size": 10},
            colorscale=colorscale,
            hovertemplate=hover,
            hoverongaps=False,
            xgap=2,
            ygap=2,
            colorbar={"title": {"text": bar_title, "side": "right"}, "thickness": 10},
            **extra,
        )
    )
    layout = _base_layout(title, 90 + 30 * max(len(topics), 1))
    layout["margin"] = {"l": 230, "r": 16, "t": 44, "b": 30}
    layout["yaxis"] = {"autorange": "reversed", "tickfont": {"color": INK}, "automargin": False}
    layout["xaxis"] = {"side": "bottom", "tickfont": {"color": MUTED}}
    fig.update_layout(**layout)
    return fig


def _plain(text: str) -> str:
    """Escape ``<``, ``>`` and ``&``: plotly reads labels as pseudo-HTML (``<b>``, ``<a href>``),
    and topic labels are built from customer words."""
    return html.escape(text, quote=False)


def _truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"

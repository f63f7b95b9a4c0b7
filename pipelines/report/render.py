"""The Monday-morning report: one self-contained Italian HTML file.

:func:`gather_report_data` reads the public BI views (``v_weekly_overview``, ``v_weekly_topics``,
``v_documents`` and, when they exist, ``v_emerging_complaints`` and ``v_churn_risk``) into plain
dicts; :func:`render_report` turns them into HTML with jinja2 and plotly. plotly.js, styles and
chart data are inlined and a Content-Security-Policy forbids every fetch, so the file opens
offline, from an e-mail attachment, without a single network request.
"""

from __future__ import annotations

import math
import os
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import duckdb
import jinja2
import pandas as pd
from markupsafe import Markup

from pipelines import store
from pipelines.config import Settings
from pipelines.report import charts
from pipelines.weeks import choose_week, week_monday, weeks_back

__all__ = [
    "build_report",
    "describe_significance",
    "fmt_int",
    "fmt_num",
    "fmt_pct",
    "gather_report_data",
    "render_report",
    "write_report",
]

TREND_WEEKS = 12
BASELINE_WEEKS = 4
TOP_TOPICS = 10
TOP_CHURN = 10
MAX_ALERTS = 8
QUOTES_PER_ALERT = 3
MAX_CHANNELS = 6
QUOTE_CHARS = 280

MINUS = "\u2212"
NBSP = "\u00a0"
DASH = "—"
MONTHS = (
    "gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
    "settembre", "ottobre", "novembre", "dicembre",
)  # fmt: skip
KIND_LABELS = {"reviews": "Recensioni", "tickets": "Ticket", "social": "Social", "tutti": "Tutti"}
NO_ALERTS = "Nessuna lamentela emergente questa settimana"

_TEMPLATES = Path(__file__).resolve().parent / "templates"
_OTHER_LABELS = {"altro": "Altro"}  # models.taxonomy.OTHER has no row in the taxonomy table


# --------------------------------------------------------------------------- Italian formatting


def _missing(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    try:
        return bool(math.isnan(float(value)))
    except (TypeError, ValueError):
        return False


def _swap_separators(text: str) -> str:
    # Python formats "1,234.5"; Italian is "1.234,5".
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def fmt_num(value: Any, digits: int = 1, *, signed: bool = False) -> str:
    """Italian decimal: ``1234.5`` → ``1.234,5``; ``signed`` adds ``+``; minus is U+2212."""
    if _missing(value):
        return DASH
    number = round(float(value), digits)
    if number == 0:
        number = 0.0  # no "−0,0"
    body = _swap_separators(f"{abs(number):,.{digits}f}")
    if number < 0:
        return MINUS + body
    return ("+" + body) if signed and number > 0 else body


def fmt_int(value: Any, *, signed: bool = False) -> str:
    """Italian integer with thousands point: ``1234`` → ``1.234``."""
    return fmt_num(value, 0, signed=signed)


def fmt_pct(share: Any, digits: int = 1, *, signed: bool = False) -> str:
    """A share in [0, 1] as an Italian percentage: ``0.125`` → ``12,5 %``."""
    if _missing(share):
        return DASH
    return fmt_num(float(share) * 100, digits, signed=signed) + NBSP + "%"


def fmt_pp(diff: Any) -> str:
    """A difference of two shares in percentage points: ``0.021`` → ``+2,1 p.p.``."""
    if _missing(diff):
        return DASH
    return fmt_num(float(diff) * 100, 1, signed=True) + NBSP + "p.p."


def _fmt_date(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def week_range_label(week: str) -> str:
    """``2026-W37`` → ``7–13 settembre 2026`` (Monday to Sunday, in Italian)."""
    start = week_monday(week)
    end = start + timedelta(days=6)
    if start.year != end.year:
        return f"{_fmt_date(start)} – {_fmt_date(end)}"
    if start.month != end.month:
        return f"{start.day} {MONTHS[start.month - 1]} – {_fmt_date(end)}"
    return f"{start.day}–{_fmt_date(end)}"


def _fmt_timestamp(value: Any) -> str:
    if _missing(value):
        return DASH
    ts = pd.Timestamp(value)
    return f"{_fmt_date(ts.date())}, {ts:%H:%M}"


def _truncate(text: Any, limit: int) -> str:
    text = " ".join(str(text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    try:
        return [v for v in list(value) if not _missing(v)]
    except TypeError:
        return []


# --------------------------------------------------------------------------- data access


def _relation_exists(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    frame = store.query_df(
        con, "SELECT count(*) AS n FROM information_schema.tables WHERE table_name = ?", [name]
    )
    return bool(frame["n"].iat[0])


def _optional_query(
    con: duckdb.DuckDBPyConnection, relation: str, sql: str, params: list[Any]
) -> pd.DataFrame | None:
    """Run ``sql`` when ``relation`` exists; ``None`` when it does not or cannot be read.

    The detection views come from a later migration: an older database (or a view whose source
    table is missing) must still produce a report, with the section marked as unavailable.
    """
    if not _relation_exists(con, relation):
        return None
    try:
        return store.query_df(con, sql, params)
    except duckdb.Error:
        return None


def _pool(frame: pd.DataFrame) -> dict[str, float | None]:
    """Pooled rates over several weeks (weighted by their documents, not a mean of means)."""
    if frame.empty:
        return {k: None for k in ("volume", "net", "share_neg", "rating", "churn")}
    scored = float(frame["scored"].sum())
    rated = float(frame["n_rated"].sum())
    rating_sum = float((frame["mean_rating"].fillna(0) * frame["n_rated"]).sum())
    return {
        "volume": float(frame["volume"].mean()),
        "net": (float(frame["n_positivo"].sum()) - float(frame["n_negativo"].sum())) / scored
        if scored
        else None,
        "share_neg": float(frame["n_negativo"].sum()) / scored if scored else None,
        "rating": rating_sum / rated if rated else None,
        "churn": float(frame["n_churn_intent"].mean()),
    }


def _sparkline(values: list[float | None], *, width: int = 132, height: int = 34) -> Markup:
    """A tiny inline SVG line of the last weeks (no library, prints crisply)."""
    points = [(i, v) for i, v in enumerate(values) if v is not None]
    if len(points) < 2:
        return Markup("")
    low = min(v for _, v in points)
    high = max(v for _, v in points)
    span = (high - low) or 1.0
    step = (width - 6) / max(len(values) - 1, 1)

    def xy(i: int, v: float) -> tuple[float, float]:
        return 3 + i * step, height - 4 - (v - low) / span * (height - 8)

    coords = " ".join(f"{x:.1f},{y:.1f}" for x, y in (xy(i, v) for i, v in points))
    last_x, last_y = xy(*points[-1])
    return Markup(
        f'<svg class="spark" viewBox="0 0 {width} {height}" width="{width}" height="{height}"'
        ' aria-hidden="true">'
        f'<polyline points="{coords}" fill="none" stroke="currentColor" stroke-width="1.5"'
        ' stroke-linejoin="round" stroke-linecap="round"/>'
        f'<circle cx="{last_x:.1f}" cy="{last_y:.1f}" r="2.6" fill="currentColor"/></svg>'
    )


def _tone(diff: float | None, threshold: float, higher_is: str) -> str:
    if diff is None or abs(diff) < threshold:
        return "flat"
    if higher_is == "neutral":
        return "up" if diff > 0 else "down"
    good = (diff > 0) == (higher_is == "good")
    return "good" if good else "bad"


def _kpis(overview: pd.DataFrame, weeks: list[str], week: str) -> dict[str, Any]:
    by_week = overview.set_index("iso_week")
    previous = [w for w in weeks[-1 - BASELINE_WEEKS : -1] if w in by_week.index]
    current = by_week.loc[week]
    base = _pool(by_week.loc[previous].reset_index()) if previous else _pool(pd.DataFrame())
    n_prev = len(previous)
    base_note = f"media {n_prev} sett. prec." if n_prev != 1 else "settimana precedente"

    def series(column: str) -> list[float | None]:
        return [
            None
            if w not in by_week.index or _missing(by_week.at[w, column])
            else float(by_week.at[w, column])
            for w in weeks
        ]

    def value(column: str) -> float | None:
        raw = current[column]
        return None if _missing(raw) else float(raw)

    volume = value("volume") or 0.0
    cards: list[dict[str, Any]] = []
    vol_diff = (volume - base["volume"]) / base["volume"] if base["volume"] else None
    cards.append(
        {
            "key": "volume",
            "label": "Documenti analizzati",
            "value": fmt_int(volume),
            "delta": fmt_pct(vol_diff, signed=True) if vol_diff is not None else DASH,
            "tone": _tone(vol_diff, 0.01, "neutral"),
            "baseline": f"{base_note}: {fmt_num(base['volume'], 1)}"
            if n_prev
            else "nessuno storico",
            "spark": _sparkline(series("volume")),
            "hint": "recensioni, ticket e post; duplicati esclusi",
        }
    )
    net = value("net_sentiment")
    net_diff = None if net is None or base["net"] is None else net - base["net"]
    cards.append(
        {
            "key": "net_sentiment",
            "label": "Sentiment netto",
            "value": fmt_pct(net, signed=True),
            "delta": fmt_pp(net_diff),
            "tone": _tone(net_diff, 0.005, "good"),
            "baseline": f"{base_note}: {fmt_pct(base['net'], signed=True)}"
            if n_prev
            else "nessuno storico",
            "spark": _sparkline(series("net_sentiment")),
            "hint": "% positivi − % negativi",
        }
    )
    rating = value("mean_rating")
    rating_diff = None if rating is None or base["rating"] is None else rating - base["rating"]
    cards.append(
        {
            "key": "mean_rating",
            "label": "Valutazione media",
            "value": (fmt_num(rating, 2) + NBSP + "/" + NBSP + "5") if rating is not None else DASH,
            "delta": fmt_num(rating_diff, 2, signed=True),
            "tone": _tone(rating_diff, 0.02, "good"),
            "baseline": f"{base_note}: {fmt_num(base['rating'], 2)}"
            if n_prev
            else "nessuno storico",
            "spark": _sparkline(series("mean_rating")),
            "hint": f"su {fmt_int(value('n_rated'))} recensioni con voto",
        }
    )
    share = value("share_negativo")
    share_diff = None if share is None or base["share_neg"] is None else share - base["share_neg"]
    cards.append(
        {
            "key": "share_negativo",
            "label": "Quota di negativi",
            "value": fmt_pct(share),
            "delta": fmt_pp(share_diff),
            "tone": _tone(share_diff, 0.005, "bad"),
            "baseline": f"{base_note}: {fmt_pct(base['share_neg'])}"
            if n_prev
            else "nessuno storico",
            "spark": _sparkline(series("share_negativo")),
            "hint": f"su {fmt_int(value('scored'))} documenti in italiano valutati",
        }
    )
    churn = value("n_churn_intent") or 0.0
    churn_diff = None if base["churn"] is None else churn - base["churn"]
    cards.append(
        {
            "key": "churn_intent",
            "label": "Segnali di abbandono",
            "value": fmt_int(churn),
            "delta": fmt_num(churn_diff, 1, signed=True),
            "tone": _tone(churn_diff, 0.5, "bad"),
            "baseline": f"{base_note}: {fmt_num(base['churn'], 1)}"
            if n_prev
            else "nessuno storico",
            "spark": _sparkline(series("n_churn_intent")),
            "hint": "documenti che citano disdetta o passaggio a un concorrente",
        }
    )
    return {
        "cards": cards,
        "n_previous": n_prev,
        "raw": {
            "volume": volume,
            "net_sentiment": net,
            "mean_rating": rating,
            "share_negativo": share,
            "n_churn_intent": churn,
            "baseline": base,
        },
    }


def _volume_table(
    con: duckdb.DuckDBPyConnection, week: str, previous: list[str]
) -> list[dict[str, Any]]:
    """Rows per kind (with their channels beneath) for the week vs the previous weeks' mean."""
    weeks = [*previous, week]
    placeholders = ", ".join("?" for _ in weeks)
    # A (kind, channel) group with NULL channel also reads 'tutti' in the view; the kind total is
    # always the largest of the two, so keep that one.
    kinds = store.query_df(
        con,
        "SELECT iso_week, kind, volume, scored, n_negativo, n_positivo, mean_rating, n_rated"
        f" FROM v_weekly_overview WHERE iso_week IN ({placeholders})"
        " AND kind <> 'tutti' AND channel = 'tutti'"
        " QUALIFY row_number() OVER (PARTITION BY iso_week, kind ORDER BY volume DESC) = 1",
        weeks,
    )
    channels = store.query_df(
        con,
        "SELECT iso_week, kind, channel, volume, scored, n_negativo, n_positivo, mean_rating,"
        f" n_rated FROM v_weekly_overview WHERE iso_week IN ({placeholders})"
        " AND kind <> 'tutti' AND channel <> 'tutti'",
        weeks,
    )
    n_prev = max(len(set(kinds.loc[kinds["iso_week"] != week, "iso_week"])), 1)

    def row(frame: pd.DataFrame, label: str, level: str) -> dict[str, Any]:
        now = frame[frame["iso_week"] == week]
        before = frame[frame["iso_week"] != week]
        volume = float(now["volume"].sum())
        base = float(before["volume"].sum()) / n_prev if len(before) else None
        scored = float(now["scored"].sum())
        rated = float(now["n_rated"].sum())
        rating = (
            float((now["mean_rating"].fillna(0) * now["n_rated"]).sum()) / rated if rated else None
        )
        change = (volume - base) / base if base else None
        return {
            "label": label,
            "level": level,
            "volume": fmt_int(volume),
            "volume_raw": volume,
            "baseline": fmt_num(base, 1) if base is not None else DASH,
            "change": fmt_pct(change, 0, signed=True) if change is not None else DASH,
            "change_tone": _tone(change, 0.1, "neutral"),
            "share_neg": fmt_pct(float(now["n_negativo"].sum()) / scored) if scored else DASH,
            "net": fmt_pct(
                (float(now["n_positivo"].sum()) - float(now["n_negativo"].sum())) / scored,
                signed=True,
            )
            if scored
            else DASH,
            "rating": fmt_num(rating, 2) if rating is not None else DASH,
        }

    rows: list[dict[str, Any]] = []
    for kind in sorted(kinds["kind"].unique()):
        kind_frame = kinds[kinds["kind"] == kind]
        rows.append(row(kind_frame, KIND_LABELS.get(kind, kind), "kind"))
        sub = channels[channels["kind"] == kind]
        order = (
            sub[sub["iso_week"] == week]
            .groupby("channel")["volume"]
            .sum()
            .sort_values(ascending=False)
        )
        names = list(order.index) + sorted(set(sub["channel"]) - set(order.index))
        for channel in names:
            rows.append(row(sub[sub["channel"] == channel], str(channel), "channel"))
    return rows


# --------------------------------------------------------------------------- emerging complaints


def _p_text(p_value: float) -> str:
    if p_value < 0.001:
        return "p < 0,001"
    return "p = " + fmt_num(p_value, 3)


def describe_significance(alert: dict[str, Any]) -> str:
    """Explain an alert's statistics in one or two plain Italian sentences.

    Args:
        alert: a ``v_emerging_complaints`` row as a dict (``volume``, ``baseline``, ``z_score``,
            ``p_value``, ``scope``).

    Returns:
        e.g. "42 segnalazioni contro le 8,5 attese (4,9 volte tanto). È molto improbabile che
        sia un caso (p < 0,001)."
    """
    volume = None if _missing(alert.get("volume")) else float(alert["volume"])
    baseline = None if _missing(alert.get("baseline")) else float(alert["baseline"])
    parts: list[str] = []
    n = fmt_int(volume) if volume is not None else DASH
    noun = "segnalazione" if volume == 1 else "segnalazioni"
    if alert.get("scope") == "new_topic" or not baseline:
        parts.append(
            f"Tema nuovo: {n} {noun} questa settimana, assente nelle settimane precedenti."
        )
    else:
        ratio = (volume or 0.0) / baseline
        if ratio >= 1.95:
            growth = f"{fmt_num(ratio, 1)} volte tanto"
        else:
            growth = fmt_pct(ratio - 1, 0, signed=True)
        parts.append(
            f"{n} {noun} questa settimana contro le {fmt_num(baseline, 1)} attese in base alle "
            f"settimane precedenti ({growth})."
        )
    p_value = None if _missing(alert.get("p_value")) else float(alert["p_value"])
    z_score = None if _missing(alert.get("z_score")) else float(alert["z_score"])
    if p_value is None and z_score is not None:
        # One-sided normal tail, so a z-only detector still gets a plain-words reading.
        p_value = 0.5 * math.erfc(z_score / math.sqrt(2))
    if p_value is None:
        parts.append("Significatività statistica non disponibile.")
    elif p_value < 0.001:
        parts.append(f"È molto improbabile che sia un caso ({_p_text(p_value)}).")
    elif p_value < 0.01:
        parts.append(f"È improbabile che sia un caso ({_p_text(p_value)}).")
    elif p_value < 0.05:
        parts.append(
            f"Aumento significativo ma da confermare la prossima settimana ({_p_text(p_value)})."
        )
    else:
        parts.append(
            f"Segnale debole: potrebbe essere una fluttuazione casuale ({_p_text(p_value)})."
        )
    return " ".join(parts)


def _alert_label(alert: dict[str, Any]) -> tuple[str, str]:
    scope = alert.get("scope")
    topic = alert.get("topic_label")
    category = alert.get("category_label")
    if scope == "channel" and alert.get("channel"):
        return f"Canale {alert['channel']}", "picco su un canale"
    if scope == "kind" and alert.get("kind"):
        return KIND_LABELS.get(str(alert["kind"]), str(alert["kind"])), "picco su una fonte"
    if scope == "category" and category:
        return str(category), "categoria"
    if topic:
        return str(topic), str(category) if category else "tema"
    return str(category or "Lamentela"), "tema"


def _status_badge(alert: dict[str, Any]) -> tuple[str, str]:
    status = str(alert.get("status") or "")
    if status == "in corso":
        since = alert.get("first_seen_week")
        return (f"In corso dal {since}" if since else "In corso"), "ongoing"
    if status == "rientrato":
        return "Rientrata", "resolved"
    return "Nuova", "new"


def _severity_text(value: Any) -> str:
    if _missing(value):
        return ""
    if isinstance(value, str):
        return value
    return fmt_num(value, 1)


def _alert_series(
    con: duckdb.DuckDBPyConnection, alert: dict[str, Any], weeks: list[str]
) -> tuple[list[float], str]:
    """Weekly counts behind an alert, counted the way the detector counts its series.

    Topics and categories are aspect level (a document belongs to every topic it talks about);
    channels and kinds are document level. Only scored (Italian), non-duplicate documents count.
    """
    scope = alert.get("scope")
    topic_id: Any = alert.get("topic_id")
    span = [weeks[0], weeks[-1]]
    if scope in ("topic", "new_topic") and not _missing(topic_id):
        frame = store.query_df(
            con,
            "SELECT iso_week, sum(volume) AS total, sum(n_negativo) AS negative"
            " FROM v_weekly_topics WHERE topic_id = ? AND iso_week BETWEEN ? AND ?"
            " GROUP BY iso_week",
            [int(topic_id), *span],
        )
    elif scope == "category" and not _missing(alert.get("category_id")):
        frame = store.query_df(
            con,
            "SELECT v.iso_week, count(DISTINCT v.doc_id) AS total,"
            " count(DISTINCT v.doc_id) FILTER (WHERE dt.sentiment_label = 'negativo') AS negative"
            " FROM v_documents v"
            " JOIN doc_topics dt ON dt.doc_id = v.doc_id AND dt.topic_model = v.topic_model"
            " WHERE NOT v.is_duplicate AND v.sentiment_label IS NOT NULL AND dt.category_id = ?"
            " AND v.iso_week BETWEEN ? AND ? GROUP BY v.iso_week",
            [str(alert["category_id"]), *span],
        )
    else:
        column = {"channel": "channel", "kind": "kind"}.get(str(scope))
        value = None if column is None or _missing(alert.get(column)) else str(alert[column])
        # column comes from the fixed mapping above, never from data
        condition = f" AND {column} = ?" if column and value is not None else ""
        frame = store.query_df(
            con,
            "SELECT iso_week, count(*) AS total,"
            " count(*) FILTER (WHERE sentiment_label = 'negativo') AS negative"
            " FROM v_documents WHERE NOT is_duplicate AND sentiment_label IS NOT NULL"
            f" AND iso_week BETWEEN ? AND ?{condition} GROUP BY iso_week",
            [*span, value] if condition else span,
        )
    by_week = frame.set_index("iso_week")
    current = str(alert.get("iso_week"))
    volume: Any = alert.get("volume")
    # The detector's volume is the negative count; should a detector report all documents
    # instead, plot that measure so the chart and the sentence agree.
    measure = "negative"
    if (
        not _missing(volume)
        and current in by_week.index
        and int(by_week.at[current, "total"]) == int(volume)
        and int(by_week.at[current, "negative"]) != int(volume)
    ):
        measure = "total"
    series = [float(by_week.at[w, measure]) if w in by_week.index else 0.0 for w in weeks]
    title = (
        "Segnalazioni negative per settimana"
        if measure == "negative"
        else "Documenti per settimana"
    )
    return series, title


def _emerging(con: duckdb.DuckDBPyConnection, week: str, weeks: list[str]) -> dict[str, Any]:
    frame = _optional_query(
        con,
        "v_emerging_complaints",
        "SELECT * FROM v_emerging_complaints WHERE iso_week = ?"
        " ORDER BY (status = 'rientrato'), severity DESC NULLS LAST, z_score DESC NULLS LAST,"
        " volume DESC NULLS LAST",
        [week],
    )
    if frame is None:
        return {"available": False, "active": [], "resolved": [], "empty_text": NO_ALERTS}
    active: list[dict[str, Any]] = []
    resolved: list[dict[str, Any]] = []
    for i, alert in enumerate(frame.to_dict("records")):
        label, context = _alert_label(alert)
        badge, badge_class = _status_badge(alert)
        if badge_class == "resolved":
            resolved.append({"label": label, "context": context, "badge": badge})
            continue
        if len(active) >= MAX_ALERTS:
            continue
        series, chart_title = _alert_series(con, alert, weeks)
        baseline = None if _missing(alert.get("baseline")) else float(alert["baseline"])
        fig = charts.growth_chart(weeks, series, baseline, week, chart_title)
        quotes = [_truncate(q, QUOTE_CHARS) for q in _as_list(alert.get("quotes"))]
        channels_list = [str(c) for c in _as_list(alert.get("channels"))]
        if len(channels_list) > MAX_CHANNELS:
            hidden = len(channels_list) - MAX_CHANNELS
            channels_list = [*channels_list[:MAX_CHANNELS], f"altri {hidden}"]
        kinds = [KIND_LABELS.get(str(k), str(k)) for k in _as_list(alert.get("kinds"))]
        active.append(
            {
                "label": label,
                "context": context,
                "badge": badge,
                "badge_class": badge_class,
                "severity": _severity_text(alert.get("severity")),
                "significance": describe_significance(alert),
                "volume": fmt_int(alert.get("volume")),
                "share_neg": fmt_pct(alert.get("share_negativo"), 0),
                "channels": channels_list,
                "kinds": kinds,
                "quotes": quotes[:QUOTES_PER_ALERT],
                "chart": charts.figure_html(fig, f"alert-chart-{i}"),
            }
        )
    return {"available": True, "active": active, "resolved": resolved, "empty_text": NO_ALERTS}


# --------------------------------------------------------------------------- topics


def _topics(
    con: duckdb.DuckDBPyConnection,
    week: str,
    weeks: list[str],
    previous: list[str],
    main_category: dict[int, str],
) -> dict[str, Any]:
    trend = store.query_df(
        con,
        "SELECT iso_week, topic_id, topic_label, category_label, volume, n_negativo,"
        " mean_sentiment FROM v_weekly_topics WHERE topic_id >= 0 AND iso_week BETWEEN ? AND ?",
        [weeks[0], weeks[-1]],
    ).sort_values(["iso_week", "topic_id"])
    if trend.empty:
        return {"heatmap_volume": None, "heatmap_sentiment": None, "table": []}
    totals = (
        trend.groupby("topic_id")
        .agg(total=("volume", "sum"), label=("topic_label", "last"))
        .sort_values(["total", "label"], ascending=[False, True])
        .head(TOP_TOPICS)
    )
    topics = [(int(tid), str(row.label)) for tid, row in totals.iterrows()]
    volume_fig = charts.topic_heatmap(
        trend, weeks, topics, "volume", "Volume per tema (documenti a settimana)"
    )
    sentiment_fig = charts.topic_heatmap(
        trend,
        weeks,
        topics,
        "mean_sentiment",
        "Sentiment per tema (da −1 negativo a +1 positivo)",
    )
    current = trend[trend["iso_week"] == week].set_index("topic_id")
    before = trend[trend["iso_week"].isin(previous)]
    prev_mean = before.groupby("topic_id")["volume"].sum() / max(len(previous), 1)
    table = []
    for topic_id, label in topics:
        here = current.loc[topic_id] if topic_id in current.index else None
        volume = float(here["volume"]) if here is not None else 0.0
        base = float(prev_mean.get(topic_id, 0.0))
        change = (volume - base) / base if base else None
        table.append(
            {
                "label": label,
                "category": main_category.get(topic_id, DASH),
                "volume": fmt_int(volume),
                "baseline": fmt_num(base, 1),
                "change": fmt_pct(change, 0, signed=True)
                if change is not None
                else ("nuovo" if volume else DASH),
                "change_tone": _tone(change, 0.1, "neutral")
                if change is not None
                else ("up" if volume else "flat"),
                "share_neg": fmt_pct(float(here["n_negativo"]) / volume, 0)
                if here is not None and volume
                else DASH,
                "sentiment": fmt_num(here["mean_sentiment"], 2, signed=True)
                if here is not None
                else DASH,
            }
        )
    return {
        "heatmap_volume": charts.figure_html(volume_fig, "topic-heatmap-volume"),
        "heatmap_sentiment": charts.figure_html(sentiment_fig, "topic-heatmap-sentiment"),
        "table": table,
    }


def _aspects(con: duckdb.DuckDBPyConnection, weeks: list[str]) -> pd.DataFrame:
    """Aspect rows (document × topic, with the category of its sentences) of the window.

    Categories are counted at aspect level, like ``v_weekly_topics`` and the emerging-complaint
    detector: a document belongs to every category its sentences talk about, and is negative
    for a category when its sentences about it are.
    """
    return store.query_df(
        con,
        "SELECT v.iso_week, v.doc_id, dt.topic_id, dt.category_id,"
        " coalesce(dt.sentiment_label = 'negativo', false) AS negative"
        " FROM v_documents v"
        " JOIN doc_topics dt ON dt.doc_id = v.doc_id AND dt.topic_model = v.topic_model"
        " WHERE NOT v.is_duplicate AND v.sentiment_label IS NOT NULL"
        " AND v.iso_week BETWEEN ? AND ?",
        [weeks[0], weeks[-1]],
    )


def _category_labels(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    frame = store.query_df(
        con,
        "SELECT DISTINCT category_id, category_label FROM v_documents"
        " WHERE category_id IS NOT NULL AND category_label IS NOT NULL",
    )
    labels = dict(_OTHER_LABELS)
    labels.update(zip(frame["category_id"], frame["category_label"], strict=True))
    return labels


def _main_category(aspects: pd.DataFrame, labels: dict[str, str]) -> dict[int, str]:
    """topic_id → label of the category most of its mentions fall under."""
    if aspects.empty:
        return {}
    counts = (
        aspects.dropna(subset=["category_id"])
        .groupby(["topic_id", "category_id"])
        .size()
        .reset_index(name="n")
        .sort_values(["topic_id", "n", "category_id"], ascending=[True, False, True])
        .drop_duplicates("topic_id")
    )
    return {
        int(t): labels.get(str(c), str(c))
        for t, c in zip(counts["topic_id"], counts["category_id"], strict=True)
    }


def _categories(
    aspects: pd.DataFrame,
    topic_labels: dict[int, str],
    labels: dict[str, str],
    week: str,
    previous: list[str],
) -> list[dict[str, Any]]:
    """Taxonomy categories with their volume and the discovered sub-topics under each."""
    frame = aspects.dropna(subset=["category_id"])
    frame = frame[frame["iso_week"].isin([*previous, week])]
    if frame.empty:
        return []
    per_doc = (
        frame.groupby(["iso_week", "category_id", "doc_id"], as_index=False)["negative"]
        .max()
        .groupby(["iso_week", "category_id"], as_index=False)
        .agg(volume=("doc_id", "size"), n_negativo=("negative", "sum"))
    )
    current = per_doc[per_doc["iso_week"] == week].set_index("category_id")
    before = per_doc[per_doc["iso_week"] != week].groupby("category_id")["volume"].sum()
    this_week = frame[(frame["iso_week"] == week) & (frame["topic_id"] >= 0)]
    subtopics = (
        this_week.groupby(["category_id", "topic_id"])["doc_id"].nunique().reset_index(name="n")
    )
    rows: list[dict[str, Any]] = []
    for category_id in sorted(set(per_doc["category_id"])):
        volume = float(current.at[category_id, "volume"]) if category_id in current.index else 0.0
        negative = (
            float(current.at[category_id, "n_negativo"]) if category_id in current.index else 0.0
        )
        base = float(before.get(category_id, 0.0)) / max(len(previous), 1)
        subs = subtopics[subtopics["category_id"] == category_id].sort_values(
            ["n", "topic_id"], ascending=[False, True]
        )
        rows.append(
            {
                "label": labels.get(category_id, category_id),
                "other": category_id in _OTHER_LABELS,
                "volume": fmt_int(volume),
                "volume_raw": volume,
                "baseline": fmt_num(base, 1),
                "share_neg": fmt_pct(negative / volume, 0) if volume else DASH,
                "share_neg_raw": negative / volume if volume else 0.0,
                "subtopics": [
                    {
                        "label": topic_labels.get(int(t), f"Tema {int(t)}"),
                        "volume": fmt_int(n),
                    }
                    for t, n in zip(subs["topic_id"].head(6), subs["n"].head(6), strict=True)
                ],
                "more_subtopics": max(len(subs) - 6, 0),
            }
        )
    # the catch-all category goes last whatever its size
    rows.sort(key=lambda r: (r["other"], -r["volume_raw"], r["label"]))
    return rows


# --------------------------------------------------------------------------- churn risk


def _churn(con: duckdb.DuckDBPyConnection, week: str) -> dict[str, Any]:
    unavailable: dict[str, Any] = {"available": False, "rows": [], "counts": {}, "note": None}
    snapshot = _optional_query(
        con,
        "v_churn_risk",
        "SELECT count(*) AS n, max(as_of_week) AS latest,"
        " max(as_of_week) FILTER (WHERE as_of_week <= ?) AS as_of FROM v_churn_risk",
        [week],
    )
    if snapshot is None:
        return unavailable
    info = snapshot.iloc[0]
    if int(info["n"]) == 0:
        return {"available": True, "rows": [], "counts": {}, "note": None, "as_of_week": None}
    if _missing(info["as_of"]):
        # v_churn_risk keeps the latest snapshot only: an older week's list is not available.
        note = (
            "Nessuna valutazione del rischio di abbandono per questa settimana: "
            f"la più recente è del {info['latest']}."
        )
        return {"available": True, "rows": [], "counts": {}, "note": note, "as_of_week": None}
    as_of_week = str(info["as_of"])
    top = _optional_query(
        con,
        "v_churn_risk",
        "SELECT * FROM v_churn_risk WHERE as_of_week = ? AND risk_level IN ('alto', 'medio')"
        " ORDER BY risk_score DESC, customer_id LIMIT ?",
        [as_of_week, TOP_CHURN],
    )
    counts = _optional_query(
        con,
        "v_churn_risk",
        "SELECT risk_level, count(*) AS n FROM v_churn_risk WHERE as_of_week = ?"
        " GROUP BY risk_level",
        [as_of_week],
    )
    if top is None or counts is None:
        return unavailable
    rows = []
    for item in top.to_dict("records"):
        texts = [_truncate(t, 220) for t in _as_list(item.get("last_texts"))]
        rows.append(
            {
                "customer_id": str(item.get("customer_id") or DASH),
                "score": fmt_num(item.get("risk_score"), 2),
                "level": str(item.get("risk_level") or ""),
                "reasons": [str(r) for r in _as_list(item.get("reasons"))],
                "last_contact": _fmt_timestamp(item.get("last_contact")),
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


# --------------------------------------------------------------------------- data quality


def _quality(con: duckdb.DuckDBPyConnection, week: str) -> dict[str, Any]:
    docs = store.query_df(
        con,
        "SELECT count(*) AS received, count(*) FILTER (WHERE is_duplicate) AS duplicates,"
        " count(*) FILTER (WHERE language IS DISTINCT FROM 'it') AS non_italian,"
        " count(*) FILTER (WHERE NOT is_duplicate AND sentiment_label IS NOT NULL) AS scored"
        " FROM v_documents WHERE iso_week = ?",
        [week],
    ).iloc[0]
    archive = store.query_df(con, "SELECT count(*) AS n FROM documents")["n"].iat[0]
    languages = store.query_df(
        con,
        "SELECT coalesce(language, 'und') AS language, count(*) AS n FROM v_documents"
        " WHERE iso_week = ? AND language IS DISTINCT FROM 'it' GROUP BY ALL"
        " ORDER BY n DESC, language LIMIT 4",
        [week],
    )
    quarantine_total = store.query_df(con, "SELECT count(*) AS n FROM quarantine")["n"].iat[0]
    reasons = store.query_df(
        con,
        "SELECT reason, count(*) AS n FROM quarantine GROUP BY reason ORDER BY n DESC, reason"
        " LIMIT 5",
    )
    used = store.query_df(
        con,
        "SELECT sentiment_model, topic_model, count(*) AS n FROM v_documents"
        " WHERE iso_week = ? AND sentiment_model IS NOT NULL GROUP BY ALL ORDER BY n DESC",
        [week],
    )
    models: list[dict[str, str]] = []
    for column, task in (("sentiment_model", "Sentiment"), ("topic_model", "Temi")):
        if used.empty:
            continue
        counts = used.groupby(column)["n"].sum().sort_values(ascending=False)
        for model_id, n in counts.items():
            models.append({"task": task, "model": str(model_id), "documents": fmt_int(n)})
    received = int(docs["received"])
    return {
        "received": fmt_int(received),
        "duplicates": fmt_int(docs["duplicates"]),
        "non_italian": fmt_int(docs["non_italian"]),
        "non_italian_share": fmt_pct(docs["non_italian"] / received) if received else DASH,
        "languages": ", ".join(f"{r.language}: {fmt_int(r.n)}" for r in languages.itertuples()),
        "scored": fmt_int(docs["scored"]),
        "archive": fmt_int(archive),
        "quarantined": fmt_int(quarantine_total),
        "reasons": [{"reason": str(r.reason), "n": fmt_int(r.n)} for r in reasons.itertuples()],
        "models": models,
    }


# --------------------------------------------------------------------------- public API


def gather_report_data(
    con: duckdb.DuckDBPyConnection, week: str | None, now: datetime
) -> dict[str, Any]:
    """Read everything the report shows from the public views.

    Args:
        con: open (read-only is enough) database connection.
        week: ISO week ``YYYY-Www``; ``None`` = the last closed week with data.
        now: generation time (shown in the header; picks the default week).

    Returns:
        A dict of formatted, template-ready values and chart fragments.

    Raises:
        VocError: no data at all, or none for the requested week.
    """
    overview_all = store.query_df(
        con,
        "SELECT * FROM v_weekly_overview WHERE kind = 'tutti' AND channel = 'tutti'"
        " ORDER BY iso_week",
    )
    available = overview_all["iso_week"].tolist()
    chosen = choose_week(available, week, now, store.timezone(con))
    weeks = weeks_back(chosen, TREND_WEEKS)
    overview = overview_all[overview_all["iso_week"].isin(weeks)]
    kpis = _kpis(overview, weeks, chosen)
    previous = [w for w in weeks[-1 - BASELINE_WEEKS : -1] if w in set(available)]

    by_kind = store.query_df(
        con,
        "SELECT iso_week, kind, volume FROM v_weekly_overview"
        " WHERE kind <> 'tutti' AND channel = 'tutti' AND iso_week BETWEEN ? AND ?"
        " QUALIFY row_number() OVER (PARTITION BY iso_week, kind ORDER BY volume DESC) = 1",
        [weeks[0], weeks[-1]],
    )
    emerging = _emerging(con, chosen, weeks)
    churn = _churn(con, chosen)
    aspects = _aspects(con, weeks)
    labels = _category_labels(con)
    topic_names = store.query_df(
        con,
        "SELECT topic_id, arg_max(topic_label, iso_week) AS label"
        " FROM v_weekly_topics WHERE topic_id >= 0 AND iso_week BETWEEN ? AND ? GROUP BY topic_id",
        [weeks[0], weeks[-1]],
    )
    topic_labels = {
        int(t): str(label)
        for t, label in zip(topic_names["topic_id"], topic_names["label"], strict=True)
    }
    return {
        "title": "Voce del cliente — report settimanale",
        "summary": _summary(kpis, emerging, churn),
        "week": chosen,
        "week_number": int(chosen.split("-W")[1]),
        "week_range": week_range_label(chosen),
        "generated_at": _fmt_timestamp(now),
        "trend_weeks": TREND_WEEKS,
        "first_trend_week": weeks[0],
        "kpis": kpis,
        "volume_rows": _volume_table(con, chosen, previous),
        "chart_volume": charts.figure_html(
            charts.volume_by_kind_chart(by_kind, weeks, chosen), "chart-volume"
        ),
        "chart_sentiment": charts.figure_html(
            charts.sentiment_trend_chart(overview, weeks), "chart-sentiment"
        ),
        "emerging": emerging,
        "topics": _topics(con, chosen, weeks, previous, _main_category(aspects, labels)),
        "categories": _categories(aspects, topic_labels, labels, chosen, previous),
        "churn": churn,
        "quality": _quality(con, chosen),
    }


def _join_it(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " e " + items[-1]


def _summary(kpis: dict[str, Any], emerging: dict[str, Any], churn: dict[str, Any]) -> list[str]:
    """Three or four plain sentences a director reads before anything else."""
    cards = {card["key"]: card for card in kpis["cards"]}
    compare = (
        f"rispetto alla media delle {kpis['n_previous']} settimane precedenti"
        if kpis["n_previous"] > 1
        else "rispetto alla settimana precedente"
    )
    lines = []
    volume = cards["volume"]
    if kpis["n_previous"]:
        lines.append(f"{volume['value']} documenti analizzati ({volume['delta']} {compare}).")
    else:
        lines.append(f"{volume['value']} documenti analizzati (nessuno storico per il confronto).")
    share, net = cards["share_negativo"], cards["net_sentiment"]
    if share["value"] != DASH:
        lines.append(
            f"Quota di negativi {share['value']} ({share['delta']}), sentiment netto "
            f"{net['value']} ({net['delta']})."
        )
    active = emerging["active"]
    if active:
        names = [a["label"] for a in active[:3]]
        more = f" e altre {len(active) - 3}" if len(active) > 3 else ""
        noun = "lamentela emergente" if len(active) == 1 else "lamentele emergenti"
        lines.append(f"{len(active)} {noun}: {_join_it(names)}{more}.")
    else:
        lines.append(NO_ALERTS + ".")
    high = churn.get("counts", {}).get("alto")
    if churn.get("available") and high:
        noun = "cliente" if high == "1" else "clienti"
        lines.append(f"{high} {noun} a rischio alto di abbandono.")
    return lines


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(_TEMPLATES)),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env


def render_report(data: dict[str, Any]) -> str:
    """Render gathered data to the self-contained HTML report."""
    template = _environment().get_template("report.html.j2")
    return template.render(**data, plotly_js=charts.plotly_js())


def build_report(con: duckdb.DuckDBPyConnection, week: str | None, now: datetime) -> str:
    """The weekly report of ``week`` (default: last closed week) as one HTML string.

    Args:
        con: open database connection (read-only is enough).
        week: ISO week ``YYYY-Www`` or ``None``.
        now: generation time.
    """
    return render_report(gather_report_data(con, week, now))


def write_report(settings: Settings, week: str | None, out: Path, now: datetime) -> Path:
    """Build the report from ``settings.db`` (opened read-only) and write it atomically.

    Args:
        settings: pipeline settings (only ``db`` is used).
        week: ISO week or ``None`` for the last closed week.
        out: destination ``.html`` file; parent folders are created.
        now: generation time.

    Returns:
        The written path.
    """
    con = store.connect(settings.db, read_only=True)
    try:
        html = build_report(con, week, now)
    finally:
        con.close()
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    # Write next to the target and rename, so a mail job never picks up half a file.
    fd, tmp = tempfile.mkstemp(prefix=".report-", suffix=".html", dir=out.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(html)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return out

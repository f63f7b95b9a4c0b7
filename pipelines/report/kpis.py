"""The KPI cards (week vs the previous weeks, with sparklines) and the volume-per-source table."""

from __future__ import annotations

from typing import Any

import pandas as pd
from markupsafe import Markup

from pipelines.report.fmt import (
    DASH,
    KIND_LABELS,
    NBSP,
    fmt_int,
    fmt_num,
    fmt_pct,
    fmt_pp,
    missing,
    tone,
)

__all__ = ["BASELINE_WEEKS", "TREND_WEEKS", "kpis", "volume_table"]

TREND_WEEKS = 12
BASELINE_WEEKS = 4


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


def kpis(overview: pd.DataFrame, weeks: list[str], week: str) -> dict[str, Any]:
    """The five KPI cards of ``week`` against the pooled previous weeks.

    Args:
        overview: ``v_weekly_overview`` totals (kind and channel ``tutti``) of the trend window.
        weeks: the trend window, oldest first, ending with ``week``.
        week: the report's week (must be in ``overview``).

    Returns:
        ``{"cards": [...], "n_previous": n, "raw": {...}}`` (raw values for the summary and tests).
    """
    by_week = overview.set_index("iso_week")
    previous = [w for w in weeks[-1 - BASELINE_WEEKS : -1] if w in by_week.index]
    current = by_week.loc[week]
    base = _pool(by_week.loc[previous].reset_index()) if previous else _pool(pd.DataFrame())
    n_prev = len(previous)
    base_note = f"media {n_prev} sett. prec." if n_prev != 1 else "settimana precedente"

    def series(column: str) -> list[float | None]:
        return [
            None
            if w not in by_week.index or missing(by_week.at[w, column])
            else float(by_week.at[w, column])
            for w in weeks
        ]

    def value(column: str) -> float | None:
        raw = current[column]
        return None if missing(raw) else float(raw)

    volume = value("volume") or 0.0
    cards: list[dict[str, Any]] = []
    vol_diff = (volume - base["volume"]) / base["volume"] if base["volume"] else None
    cards.append(
        {
            "key": "volume",
            "label": "Documenti analizzati",
            "value": fmt_int(volume),
            "delta": fmt_pct(vol_diff, signed=True) if vol_diff is not None else DASH,
            "tone": tone(vol_diff, 0.01, "neutral"),
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
            "tone": tone(net_diff, 0.005, "good"),
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
            "tone": tone(rating_diff, 0.02, "good"),
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
            "tone": tone(share_diff, 0.005, "bad"),
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
            "tone": tone(churn_diff, 0.5, "bad"),
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


def volume_table(kinds: pd.DataFrame, channels: pd.DataFrame, week: str) -> list[dict[str, Any]]:
    """Rows per kind (with their channels beneath) for the week vs the previous weeks' mean.

    Args:
        kinds: ``v_weekly_overview`` rows per (week, kind) of the week and the previous weeks.
        channels: the same per (week, kind, channel).
        week: the report's week.
    """
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
            "change_tone": tone(change, 0.1, "neutral"),
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

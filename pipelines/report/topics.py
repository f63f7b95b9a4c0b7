"""The topics section (heatmaps and table) and the taxonomy categories with their sub-topics."""

from __future__ import annotations

from typing import Any

import pandas as pd

from pipelines.report import charts
from pipelines.report.fmt import DASH, fmt_int, fmt_num, fmt_pct, tone

__all__ = [
    "OTHER_LABELS",
    "TOP_TOPICS",
    "categories_section",
    "category_labels",
    "main_category",
    "topic_label_map",
    "topics_section",
]

TOP_TOPICS = 10
OTHER_LABELS = {"altro": "Altro"}  # models.taxonomy.OTHER has no row in the taxonomy table


def topics_section(
    trend: pd.DataFrame,
    week: str,
    weeks: list[str],
    previous: list[str],
    topic_category: dict[int, str],
) -> dict[str, Any]:
    """Heatmaps and table of the top topics over the trend window.

    Args:
        trend: ``v_weekly_topics`` rows (topic_id ≥ 0) of the window.
        week: the report's week.
        weeks: the trend window.
        previous: the baseline weeks with data.
        topic_category: topic id → label of its main category (:func:`main_category`).
    """
    trend = trend.sort_values(["iso_week", "topic_id"])
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
                "category": topic_category.get(topic_id, DASH),
                "volume": fmt_int(volume),
                "baseline": fmt_num(base, 1),
                "change": fmt_pct(change, 0, signed=True)
                if change is not None
                else ("nuovo" if volume else DASH),
                "change_tone": tone(change, 0.1, "neutral")
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


def category_labels(names: pd.DataFrame) -> dict[str, str]:
    """Category id → label from ``category_id, category_label`` rows, plus the catch-all."""
    labels = dict(OTHER_LABELS)
    labels.update(zip(names["category_id"], names["category_label"], strict=True))
    return labels


def topic_label_map(names: pd.DataFrame) -> dict[int, str]:
    """Topic id → label from ``topic_id, label`` rows."""
    return {int(t): str(label) for t, label in zip(names["topic_id"], names["label"], strict=True)}


def main_category(aspects: pd.DataFrame, labels: dict[str, str]) -> dict[int, str]:
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


def categories_section(
    aspects: pd.DataFrame,
    topic_labels: dict[int, str],
    labels: dict[str, str],
    week: str,
    previous: list[str],
) -> list[dict[str, Any]]:
    """Taxonomy categories with their volume and the discovered sub-topics under each.

    Args:
        aspects: aspect rows of the window (``iso_week, doc_id, topic_id, category_id,
            negative``, optionally ``hidden``): a document counts once in every category its
            sentences talk about.
        topic_labels: topic id → label.
        labels: category id → label (:func:`category_labels`).
        week: the report's week.
        previous: the baseline weeks with data.
    """
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
    if "hidden" in this_week.columns:
        # Themes hidden as noise still count in their category, but are not listed under it.
        this_week = this_week[~this_week["hidden"].fillna(False).astype(bool)]
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
                "other": category_id in OTHER_LABELS,
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

"""Theme impact of a week: every theme's weight on NPS, CSAT and star rating (pure).

For the report week, over the rolling window (``impact_weeks`` weeks ending with it) and over
the week alone, and for both theme scopes (discovered topics and taxonomy categories), the
driver analysis of :mod:`models.drivers` runs on the responses that have a verbatim: a theme
only exists where someone wrote something, so responses without a comment count for the
weekly score (:mod:`models.scores`, ``v_weekly_scores``) but not here. NPS and CSAT come from
``survey_responses``; the star rating from every rated document (reviews mostly).

A response mentions a theme when its document is about it: the document's own topic and
category plus the aspect-level topics of its sentences (``doc_topics``), so one response can
mention several themes, which is what the regression is for. The aspect sentiment of those
mentions is counted per theme (``n_negativo``/``n_neutro``/``n_positivo``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from models.drivers import per_response_score, priority_order, theme_impact
from pipelines.weeks import weeks_back

__all__ = ["IMPACT_TABLE_COLUMNS", "METRICS", "SCOPES", "impact_table"]

METRICS = ("nps", "csat", "rating")
SCOPES = ("topic", "category")
IMPACT_TABLE_COLUMNS = [
    "iso_week", "period", "weeks", "metric", "scope", "theme_id", "theme_label", "n_responses",
    "n_mentions", "reach", "score_all", "score_with", "score_without", "impact", "impact_low",
    "impact_high", "effect", "effect_low", "effect_high", "gain", "gain_low", "gain_high",
    "priority_rank", "n_negativo", "n_neutro", "n_positivo", "confidence", "n_bootstrap",
]  # fmt: skip


def impact_table(
    scored: pd.DataFrame,
    mentions: pd.DataFrame,
    week: str,
    *,
    window_weeks: int = 12,
    n_boot: int = 300,
    confidence: float = 0.9,
    min_mentions: int = 10,
    seed: int = 0,
) -> pd.DataFrame:
    """Rows of ``theme_impact`` for ``week``.

    Args:
        scored: one row per scored response or rated document: ``doc_id``, ``iso_week``,
            ``metric`` (nps | csat | rating) and ``value`` (the raw answer).
        mentions: ``doc_id``, ``scope`` (topic | category), ``theme_id`` (str),
            ``theme_label``, ``sentiment_label`` (aspect level, may be NULL).
        week: the report week ``YYYY-Www``.
        window_weeks: length of the rolling window.
        n_boot: bootstrap resamples per estimate.
        confidence: interval coverage.
        min_mentions: themes mentioned fewer times in a sample are left out of it.
        seed: bootstrap seed (each sample gets its own stream derived from it).

    Returns:
        Frame with :data:`IMPACT_TABLE_COLUMNS` (empty when nothing is scored).
    """
    periods = {"rolling": weeks_back(week, window_weeks), "week": [week]}
    parts: list[pd.DataFrame] = []
    for p_idx, (period, weeks) in enumerate(periods.items()):
        for m_idx, metric in enumerate(METRICS):
            sample = scored[(scored["metric"] == metric) & scored["iso_week"].isin(weeks)]
            sample = sample.dropna(subset=["value"]).drop_duplicates("doc_id")
            if len(sample) < 3:
                continue
            for s_idx, scope in enumerate(SCOPES):
                part = _one(sample, mentions[mentions["scope"] == scope], metric, n_boot,
                            confidence, min_mentions, seed + 100 * p_idx + 10 * m_idx + s_idx)  # fmt: skip
                if part is None:
                    continue
                parts.append(part.assign(iso_week=week, period=period, weeks=len(weeks),
                                         metric=metric, scope=scope))  # fmt: skip
    if not parts:
        return pd.DataFrame(columns=IMPACT_TABLE_COLUMNS)
    return pd.concat(parts, ignore_index=True)[IMPACT_TABLE_COLUMNS]


def _one(
    sample: pd.DataFrame,
    mentions: pd.DataFrame,
    metric: str,
    n_boot: int,
    confidence: float,
    min_mentions: int,
    seed: int,
) -> pd.DataFrame | None:
    docs = sample["doc_id"].tolist()
    m = mentions[mentions["doc_id"].isin(set(docs))].drop_duplicates(["doc_id", "theme_id"])
    counts = m["theme_id"].value_counts()
    keep = sorted(counts[counts >= min_mentions].index.tolist())
    if not keep:
        return None
    m = m[m["theme_id"].isin(keep)]
    row_of = {d: i for i, d in enumerate(docs)}
    col_of = {t: j for j, t in enumerate(keep)}
    X = np.zeros((len(docs), len(keep)))
    X[m["doc_id"].map(row_of).to_numpy(), m["theme_id"].map(col_of).to_numpy()] = 1.0
    y = per_response_score(metric, sample["value"].to_numpy(dtype=float))
    out = theme_impact(y, X, keep, n_boot=n_boot, confidence=confidence, seed=seed)
    out["priority_rank"] = priority_order(out).astype(int)
    labels = m.groupby("theme_id")["theme_label"].first()
    sentiment = m.pivot_table(index="theme_id", columns="sentiment_label", values="doc_id",
                              aggfunc="count", fill_value=0)  # fmt: skip
    out = out.rename(columns={"theme": "theme_id"})
    out["theme_label"] = out["theme_id"].map(labels)
    for label in ("negativo", "neutro", "positivo"):
        col = sentiment[label] if label in sentiment.columns else pd.Series(dtype=int)
        out[f"n_{label}"] = out["theme_id"].map(col).fillna(0).astype(int)
    out["confidence"] = confidence
    out["n_bootstrap"] = n_boot
    return out

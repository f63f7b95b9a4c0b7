"""Weekly series of every scope (topic, category, channel, kind) as count arrays."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

SCOPES = ("topic", "category", "channel", "kind")
# Category ids that mean "no category": never a category-level series of their own.
NO_CATEGORY = {"altro", "", "nan", "None"}


@dataclass
class Panel:
    """Weekly counts of every series of one scope.

    Attributes:
        scope: ``topic``, ``category``, ``channel`` or ``kind``.
        keys: series keys (topic ids, category ids, channel or kind names).
        neg: (S, T, C) negative documents per series, week and channel.
        tot: (S, T, C) all scored documents per series, week and channel.
        exposure: (S, T, C) all scored documents of the channel (the series' strata).
        use_volume: whether the count test applies (not for channel/kind: see scan_series).
        members: rows (key, t, doc_id, neg, score) behind the counts, for quotes and labels.
    """

    scope: str
    keys: list[Any]
    neg: np.ndarray
    tot: np.ndarray
    exposure: np.ndarray
    use_volume: bool
    members: pd.DataFrame


def _memberships(docs: pd.DataFrame, aspects: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Per scope: which scored documents belong to which series (key, doc_id, neg, score).

    A document belongs to its main topic and category (with the document's sentiment) and to
    every topic and category of its aspects (with the aspect's sentiment); it is negative for a
    series when either says so. Sentence-level sentiment alone misses complaints whose sentences
    read as neutral facts ("ho aggiornato l'app e mi avete addebitato due volte"); document-level
    sentiment alone misses the one negative aspect of a mixed review.
    """
    cols = ["doc_id", "topic_id", "category_id", "sentiment_label", "sentiment_score"]
    scored = docs[docs["sentiment_label"].notna()]
    rows = scored[cols]
    if len(aspects):
        rows = pd.concat([rows, aspects.merge(scored[["doc_id"]], on="doc_id")[cols]])
    rows = rows.assign(neg=(rows["sentiment_label"] == "negativo"))

    def series(column: str, keep: pd.Series) -> pd.DataFrame:
        part = rows[keep]
        return (
            part.groupby([column, "doc_id"], as_index=False)
            .agg(neg=("neg", "max"), sentiment_score=("sentiment_score", "min"))
            .rename(columns={column: "key"})
        )

    topic = series("topic_id", rows["topic_id"].notna() & (rows["topic_id"] >= 0))
    topic["key"] = topic["key"].astype(int)
    cat_ok = rows["category_id"].notna() & ~rows["category_id"].astype(str).isin(NO_CATEGORY)
    docneg = scored.assign(neg=(scored["sentiment_label"] == "negativo"))
    channel = docneg.assign(key=docneg["channel"])[["key", "doc_id", "neg", "sentiment_score"]]
    kind = docneg.assign(key=docneg["kind"])[["key", "doc_id", "neg", "sentiment_score"]]
    return {
        "topic": topic,
        "category": series("category_id", cat_ok),
        "channel": channel,
        "kind": kind,
    }


def build_panels(
    docs: pd.DataFrame, aspects: pd.DataFrame, weeks: Sequence[str]
) -> dict[str, Panel]:
    """Weekly series of every scope.

    Args:
        docs: documents (``doc_id``, ``iso_week``, ``channel``, ``kind``, ``sentiment_label``,
            ``sentiment_score``, ``topic_id``, ``category_id``).
        aspects: aspect rows (``doc_id``, ``topic_id``, ``category_id``, ``sentiment_label``,
            ``sentiment_score``); may be empty.
        weeks: the continuous week axis.

    Returns:
        scope → :class:`Panel`.
    """
    week_idx = {w: i for i, w in enumerate(weeks)}
    scored = docs[docs["sentiment_label"].notna() & docs["iso_week"].isin(week_idx)]
    channels = sorted(scored["channel"].astype(str).unique().tolist())
    chan_idx = {c: i for i, c in enumerate(channels)}
    where = pd.DataFrame(
        {
            "doc_id": scored["doc_id"].to_numpy(),
            "t": scored["iso_week"].map(week_idx).to_numpy(dtype=int),
            "c": scored["channel"].astype(str).map(chan_idx).to_numpy(dtype=int),
        }
    )
    n_t, n_c = len(weeks), max(len(channels), 1)
    exposure = np.zeros((n_t, n_c))
    np.add.at(exposure, (where["t"].to_numpy(), where["c"].to_numpy()), 1.0)
    panels: dict[str, Panel] = {}
    for scope, members in _memberships(scored, aspects).items():
        m = members.merge(where, on="doc_id")
        keys = sorted(m["key"].unique().tolist(), key=str)
        k_idx = {k: i for i, k in enumerate(keys)}
        s = m["key"].map(k_idx).to_numpy(dtype=int)
        neg = np.zeros((len(keys), n_t, n_c))
        tot = np.zeros((len(keys), n_t, n_c))
        np.add.at(tot, (s, m["t"].to_numpy(), m["c"].to_numpy()), 1.0)
        np.add.at(neg, (s, m["t"].to_numpy(), m["c"].to_numpy()), m["neg"].to_numpy(dtype=float))
        if scope in ("topic", "category"):
            exp = np.broadcast_to(exposure, tot.shape).copy()
            panels[scope] = Panel(scope, keys, neg, tot, exp, True, m)
        else:
            # A channel's (or kind's) own traffic is its only stratum: share test only.
            flat_neg = neg.sum(axis=2, keepdims=True)
            flat_tot = tot.sum(axis=2, keepdims=True)
            panels[scope] = Panel(scope, keys, flat_neg, flat_tot, flat_tot.copy(), False, m)
    # A category with a single topic, a kind with a single channel: one alert is enough.
    for scope, other in (("category", "topic"), ("kind", "channel")):
        if scope in panels and other in panels:
            panels[scope] = _drop_duplicate_series(panels[scope], panels[other])
    return panels


def _drop_duplicate_series(panel: Panel, other: Panel) -> Panel:
    """Drop series whose weekly counts equal those of a series in ``other``."""
    seen = {
        (other.tot[j].sum(axis=-1).tobytes(), other.neg[j].sum(axis=-1).tobytes())
        for j in range(len(other.keys))
    }
    keep = [
        i
        for i in range(len(panel.keys))
        if (panel.tot[i].sum(axis=-1).tobytes(), panel.neg[i].sum(axis=-1).tobytes()) not in seen
    ]
    kept = [panel.keys[i] for i in keep]
    return Panel(
        panel.scope, kept, panel.neg[keep], panel.tot[keep], panel.exposure[keep],
        panel.use_volume, panel.members[panel.members["key"].isin(kept)],
    )  # fmt: skip

"""Embedding space: new topics among unassigned complaints, dense groups among all of them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from models.detection import (
    STATUS_RESOLVED,
    DetectionParams,
    NewTopicEpisode,
    detect_dense_groups,
    detect_new_topics,
    distinctive_keywords,
)
from pipelines.detect.alert_rows import NameSpace, theme_rows
from pipelines.detect.panels import Panel
from pipelines.detect.terms import TermEvidence, holding_series


def _negative_weeks(
    docs: pd.DataFrame, weeks: Sequence[str], vectors: Mapping[str, np.ndarray], unassigned: bool
) -> tuple[list[pd.DataFrame], list[np.ndarray], np.ndarray]:
    """Per week, the negative documents with an embedding (only those without a topic when
    ``unassigned``), their embedding matrices, and the scored documents per week."""
    cand = docs[(docs["sentiment_label"] == "negativo") & docs["text_hash"].isin(set(vectors))]
    if unassigned:
        cand = cand[cand["topic_id"].fillna(-1) < 0]
    week_idx = {w: i for i, w in enumerate(weeks)}
    per_week = [cand[cand["iso_week"] == w].reset_index(drop=True) for w in weeks]
    dim = len(next(iter(vectors.values())))
    mats = [
        np.vstack([vectors[h] for h in f["text_hash"]]) if len(f) else np.zeros((0, dim))
        for f in per_week
    ]
    exposure = (
        docs[docs["sentiment_label"].notna()]["iso_week"].map(week_idx).value_counts()
        .reindex(range(len(weeks)), fill_value=0).to_numpy(dtype=float)
    )  # fmt: skip
    return per_week, mats, exposure


def _episode_weeks(
    ep: NewTopicEpisode, per_week: Sequence[pd.DataFrame], mats: Sequence[np.ndarray]
) -> list[dict[str, Any]]:
    """The weeks of an episode with their documents, most central first (for quotes)."""
    out = []
    for wk in ep.weeks:
        t = wk["week"]
        members = per_week[t].iloc[wk["members"]]
        members = members.assign(score=-(mats[t][wk["members"]] @ ep.centroid))
        prev_idx = wk.get("prev_members", np.zeros(0, dtype=int))
        prev = per_week[t - 1].iloc[prev_idx] if len(prev_idx) else per_week[t].iloc[:0]
        prev = prev.assign(score=-(mats[t - 1][prev_idx] @ ep.centroid) if len(prev) else [])
        out.append(
            {**{k: v for k, v in wk.items() if k not in ("members", "prev_members")},
             "frame": members, "prev": prev, "doc_ids": members["doc_id"].tolist(),
             "prev_doc_ids": prev["doc_id"].tolist()}
        )  # fmt: skip
    return out


def _background(
    per_week: Sequence[pd.DataFrame], first_week: int, params: DetectionParams
) -> list[str]:
    """Texts of the baseline weeks before an episode (the contrast of its keywords). The week
    before the first detection may already hold the theme's first documents (two-week
    windows): it is no background."""
    last = first_week - params.guard_weeks
    return [
        t for w in range(max(0, last - params.baseline_weeks), last) for t in per_week[w]["text"]
    ]


def new_topic_rows(
    docs: pd.DataFrame,
    weeks: Sequence[str],
    params: DetectionParams,
    vectors: Mapping[str, np.ndarray],
    seed: int,
    exclude_words: Sequence[str] = (),
    space: NameSpace | None = None,
) -> tuple[list[dict[str, Any]], set[str]]:
    """Alerts for clusters of unassigned negative documents that the baseline did not have,
    and the documents they cover (``exclude_words``: never in their names; ``space``: scores
    their names, :func:`theme_label`)."""
    per_week, mats, exposure = _negative_weeks(docs, weeks, vectors, unassigned=True)
    episodes = detect_new_topics(mats, exposure, params, random_state=seed)
    rows: list[dict[str, Any]] = []
    covered: set[str] = set()
    for n, ep in enumerate(episodes):
        ep_weeks = _episode_weeks(ep, per_week, mats)
        first = ep_weeks[0]["frame"]
        keywords = distinctive_keywords(
            first["text"].tolist(), _background(per_week, ep.first_week, params), k=5
        )
        rows += theme_rows(ep_weeks, keywords, str(n + 1), docs, weeks, exclude_words, space)
        covered.update(d for wk in ep_weeks for d in wk["doc_ids"])
    return rows, covered


@dataclass
class DenseGroup:
    """A dense group of negative documents (:func:`models.detection.detect_dense_groups`).

    Attributes:
        weeks: per episode week, its test (``week``, ``status``, ``volume``, ``expected``,
            ``z``, ``p``, ``growth``) and documents (``doc_ids``, ``prev_doc_ids``: the previous
            week's, for a group found on the two-week window; ``frame``/``prev``: their rows).
        keywords: distinctive words of the first week's documents against the baseline weeks.
        topic: the topic holding most of its first documents (None: no topic does).
    """

    weeks: list[dict[str, Any]]
    keywords: list[str]
    topic: int | None = None


def dense_groups(
    docs: pd.DataFrame,
    weeks: Sequence[str],
    params: DetectionParams,
    vectors: Mapping[str, np.ndarray],
    seed: int,
) -> list[DenseGroup]:
    """Dense groups of negative documents in embedding space, with their documents and words.

    Args:
        docs: documents (``doc_id``, ``iso_week``, ``text``, ``text_hash``, ``sentiment_label``,
            ``topic_id``, ...).
        weeks: the week axis.
        params: sensitivity (``group_*``).
        vectors: text_hash → embedding (documents without one are left out).
        seed: seed of the baseline subsample.

    Returns:
        One group per episode, in order of first detection.
    """
    per_week, mats, exposure = _negative_weeks(docs, weeks, vectors, unassigned=False)
    out = []
    for ep in detect_dense_groups(mats, exposure, params, random_state=seed):
        ep_weeks = _episode_weeks(ep, per_week, mats)
        first = ep_weeks[0]
        texts = [*first["frame"]["text"], *first["prev"]["text"]]
        # The window's first week is part of the group, not of its background.
        start = ep.first_week - (1 if len(first["prev"]) else 0)
        keywords = distinctive_keywords(texts, _background(per_week, start, params), k=5)
        out.append(DenseGroup(weeks=ep_weeks, keywords=keywords))
    return out


def attach_groups(
    groups: Sequence[DenseGroup],
    panels: Mapping[str, Panel],
    params: DetectionParams,
    evidence: dict[tuple[str, Any], dict[int, TermEvidence]],
) -> None:
    """Attach each group to the topic holding at least ``term_min_share`` of its first documents
    (sets ``group.topic``), as evidence of that topic's weeks while the group is open; a group
    spread over topics (or outside them) stays a theme of its own. Evidence already there (a
    term burst) is kept when it is stronger."""
    topic = panels.get("topic")
    if topic is None or not len(topic.members):
        return
    owner = topic.members.groupby("doc_id")["key"].agg(list).to_dict()
    for group in groups:
        first = group.weeks[0]
        key = holding_series(owner, [*first["doc_ids"], *first["prev_doc_ids"]], params)
        if key is None:
            continue
        group.topic = int(key)
        for i, wk in enumerate(group.weeks):
            if wk["status"] == STATUS_RESOLVED:
                break
            doc_ids = wk["doc_ids"] + (wk["prev_doc_ids"] if i == 0 else [])
            known = evidence.setdefault(("topic", key), {}).get(wk["week"])
            if known is None or wk["p"] < known.p:
                evidence[("topic", key)][wk["week"]] = TermEvidence(
                    z=float(wk["z"]), p=float(wk["p"]), keywords=list(group.keywords),
                    doc_ids=doc_ids,
                )  # fmt: skip

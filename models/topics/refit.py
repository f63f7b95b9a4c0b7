"""Refits that keep topic ids: matching new clusters to the previous model, lineage events."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from scipy.optimize import linear_sum_assignment

from models.keywords import Corpus, Keyword, ctfidf_keywords
from models.topics.cluster import _normalise

if TYPE_CHECKING:
    from models.topics.model import TopicModel


def _anchor(
    model: TopicModel, cents: np.ndarray, corpus: Corpus, emb: np.ndarray, previous: TopicModel
) -> tuple[np.ndarray, list[int | None]]:
    """Match fresh clusters to previous topics and keep unmatched previous topics as anchors.

    Matched clusters inherit the previous id. Unmatched previous topics stay as candidate
    centroids: they survive if the new data still supports them (see :meth:`TopicModel._assign`), so a
    density-selection flip in HDBSCAN (one parent cluster instead of two children) does not
    rename half of the corpus.
    """
    sims = emb @ cents.T
    best = np.argmax(sims, axis=1)
    fresh = np.where(sims[np.arange(len(best)), best] >= previous.assign_threshold_, best, -1)
    kws = ctfidf_keywords(corpus, fresh, range(len(cents)), model.n_keywords)
    score = _match_scores(previous, cents, kws, emb, fresh)
    rows, cols = linear_sum_assignment(-score)
    pids = [int(p) for p in previous.topic_ids_]
    ids: list[int | None] = [None] * len(cents)
    matched: set[int] = set()
    for r, c in zip(rows, cols, strict=True):
        if score[r, c] >= model.match_threshold:
            ids[r] = pids[c]
            matched.add(c)
    anchors = [j for j in range(len(pids)) if j not in matched]
    old_ids, _ = previous.transform(emb)
    means = {}
    for j in range(len(pids)):
        sel = old_ids == pids[j]
        if sel.any():
            means[j] = _normalise(emb[sel].mean(axis=0, keepdims=True))[0]
    if anchors and matched:
        # A previous topic whose documents now sit much closer to a matched topic than the
        # two topics were (at least halved cosine distance) has genuinely merged into it: do
        # not keep it alive. Same-distribution refits leave the distances unchanged.
        prev_cos = previous.centroids_ @ previous.centroids_.T
        kept = []
        for j in anchors:
            merged_into = [
                a
                for a in matched
                if j in means
                and a in means
                and 1.0 - float(means[j] @ means[a]) <= 0.5 * (1.0 - float(prev_cos[j, a]))
            ]
            if not merged_into:
                kept.append(j)
        anchors = kept
    if model.sticky:
        # A new cluster whose documents the previous model mostly files under topics that
        # live on is a re-cut of those topics (HDBSCAN granularity flips between samples),
        # not a new subject: drop it so its documents stay where they were. A genuinely new
        # subject is mostly unassigned by the previous model and survives.
        alive = np.asarray(sorted({pids[j] for j in matched} | {pids[j] for j in anchors}))
        drop = [
            i
            for i in range(len(cents))
            if ids[i] is None
            and np.any(fresh == i)
            and np.mean(np.isin(old_ids[fresh == i], alive)) >= 0.5
        ]
        if drop and len(drop) < len(cents):
            keep = [i for i in range(len(cents)) if i not in drop]
            cents, ids = cents[keep], [ids[i] for i in keep]
    # Respect max_topics: keep the largest previous topics as anchors.
    room = max(0, model.max_topics - len(cents))
    anchors = sorted(anchors, key=lambda j: (-previous.sizes_.get(pids[j], 0), pids[j]))[:room]
    anchors.sort()
    if anchors:
        cents = np.vstack([cents, previous.centroids_[anchors]])
        ids = ids + [pids[j] for j in anchors]
    return cents, ids


def _match_scores(
    old: TopicModel,
    cents: np.ndarray,
    kws: dict[int, list[Keyword]],
    emb: np.ndarray,
    local: np.ndarray,
) -> np.ndarray:
    """Combined similarity (new x old topics) used to inherit ids.

    Combines (i) centroid cosine rescaled against the typical cosine between unrelated old
    topics (e5 cosines are compressed, so raw values barely separate), (ii) Jaccard of keyword
    lemmas and (iii) Jaccard of the documents each topic claims on the new data (old topics
    claim documents through ``old.transform``).
    """
    k, m = len(cents), len(old.topic_ids_)
    cos = cents @ old.centroids_.T
    off = old.centroids_ @ old.centroids_.T
    base = float(np.median(off[~np.eye(m, dtype=bool)])) if m > 1 else 0.0
    cos_s = np.clip((cos - base) / max(1.0 - base, 1e-6), 0.0, 1.0)
    jac = np.zeros((k, m))
    for i in range(k):
        a = {kw.lemma for kw in kws[i]}
        for j, t in enumerate(old.topic_ids_):
            b = set(old.keyword_lemmas_.get(int(t), []))
            jac[i, j] = len(a & b) / len(a | b) if a | b else 0.0
    inter, n_new, n_old = _overlap(old, emb, local, k)
    union = n_new[:, None] + n_old[None, :] - inter
    docs = np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)
    return 0.4 * docs + 0.35 * cos_s + 0.25 * jac


def _overlap(
    old: TopicModel, emb: np.ndarray, local: np.ndarray, k: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Document counts shared by new topic i (``local``) and old topic j (``old.transform``)."""
    m = len(old.topic_ids_)
    old_ids, _ = old.transform(emb)
    pos = {int(t): j for j, t in enumerate(old.topic_ids_)}
    old_local = np.asarray([pos.get(int(t), -1) for t in old_ids], dtype=np.int64)
    both = (local >= 0) & (old_local >= 0)
    inter = np.zeros((k, m))
    np.add.at(inter, (local[both], old_local[both]), 1.0)
    n_new = np.bincount(local[local >= 0], minlength=k).astype(float)
    n_old = np.bincount(old_local[old_local >= 0], minlength=m).astype(float)
    return inter, n_new, n_old


def _lineage(new: TopicModel, old: TopicModel, emb: np.ndarray) -> list[dict]:
    """Lineage events of a refit relative to ``old``.

    * ``continued``: the id exists in both fits (similarity = centroid cosine).
    * ``merged``: at least two old topics end up mostly (>= 50 % of the documents they would
      claim) in one new topic, and all but the surviving id disappeared.
    * ``split``: at least two new topics each take >= 25 % of an old topic's documents and draw
      most of their own documents from it.
    * ``born`` / ``died``: new ids not explained by a split, old ids not explained by a merge
      (similarity = best centroid cosine to the other fit).
    """
    ids = [int(t) for t in new.topic_ids_]
    pids = [int(t) for t in old.topic_ids_]
    pos = {t: i for i, t in enumerate(ids)}
    local = np.asarray([pos.get(int(t), -1) for t in new.labels_], dtype=np.int64)
    inter, n_new, n_old = _overlap(old, emb, local, len(ids))
    c_old = np.divide(inter, n_old[None, :], out=np.zeros_like(inter), where=n_old[None, :] > 0)
    c_new = np.divide(inter, n_new[:, None], out=np.zeros_like(inter), where=n_new[:, None] > 0)
    cos = (
        new.centroids_ @ old.centroids_.T
        if len(ids) and len(pids)
        else np.zeros((len(ids), len(pids)))
    )
    events: list[dict] = []
    explained_new: set[int] = set()
    explained_old: set[int] = set()
    for i, t in enumerate(ids):
        if t in pids:
            sim = float(cos[i, pids.index(t)])
            events.append(
                {"event": "continued", "topic_id": t, "from_ids": [t], "similarity": round(sim, 4)}
            )
    for i, t in enumerate(ids):
        gone = [j for j in range(len(pids)) if pids[j] not in pos and c_old[i, j] >= 0.5]
        parents = sorted({pids[j] for j in gone} | ({t} if t in pids else set()))
        if gone and len(parents) >= 2:
            share = float(max(c_old[i, j] for j in gone))
            events.append(
                {
                    "event": "merged",
                    "topic_id": t,
                    "from_ids": parents,
                    "similarity": round(share, 4),
                }
            )
            explained_old.update(gone)
            explained_new.add(i)
    for j, p in enumerate(pids):
        kids = [i for i in range(len(ids)) if c_old[i, j] >= 0.25 and c_new[i, j] >= 0.5]
        if len(kids) >= 2 and any(ids[i] not in pids for i in kids):
            share = float(sum(c_old[i, j] for i in kids))
            events.append(
                {
                    "event": "split",
                    "topic_id": p,
                    "to_ids": sorted(ids[i] for i in kids),
                    "similarity": round(share, 4),
                }
            )
            explained_old.add(j)
            explained_new.update(i for i in kids if ids[i] not in pids)
    for i, t in enumerate(ids):
        if t not in pids and i not in explained_new:
            sim = float(cos[i].max()) if len(pids) else 0.0
            events.append(
                {"event": "born", "topic_id": t, "from_ids": [], "similarity": round(sim, 4)}
            )
    for j, p in enumerate(pids):
        if p not in pos and j not in explained_old:
            sim = float(cos[:, j].max()) if len(ids) else 0.0
            events.append(
                {"event": "died", "topic_id": p, "to_ids": [], "similarity": round(sim, 4)}
            )
    return events

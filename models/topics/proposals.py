"""Candidate new topics from the documents a fitted model leaves unassigned."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from models.keywords import build_corpus, ctfidf_keywords, representative_quotes
from models.phrases import build_phrase_index
from models.theme_names import name_themes
from models.topics.cluster import _centroids, _cluster, _normalise

if TYPE_CHECKING:
    from models.topics.model import TopicModel


def propose_new_topics(
    model: TopicModel, texts: Sequence[str], embeddings: np.ndarray, min_size: int = 10
) -> list[dict]:
    """Cluster the documents no current topic claims and describe candidate new topics.

    Args:
        texts: documents, aligned with ``embeddings``.
        embeddings: (n, d) embeddings.
        min_size: minimum documents for a proposal.

    Returns:
        Proposals, largest first: dicts with ``label``, ``keywords``, ``quotes``, ``members``
        (indices into ``texts``), ``size`` and ``nearest_topic`` / ``nearest_similarity``.
    """
    texts = [t if isinstance(t, str) else "" for t in texts]
    emb = _normalise(np.asarray(embeddings, dtype=np.float32))
    ids, _ = model.transform(emb)
    cand = np.flatnonzero(ids == -1)
    if len(cand) < max(min_size, 3):
        return []
    corpus = build_corpus(model._keyword_texts([texts[i] for i in cand]))
    raw = _cluster(
        model, emb[cand], corpus.matrix, corpus.units, max(2, min_size), allow_single=True
    )
    cents = _centroids(emb[cand], raw)
    if len(cents):
        # Like fit: every candidate joins its nearest proposal when it clears a threshold
        # calibrated on the proposal's dense members (never stricter than the model's).
        sims = emb[cand] @ cents.T
        best = np.argmax(sims, axis=1)
        best_sim = sims[np.arange(len(best)), best]
        core = best_sim[raw >= 0]
        thr = model.assign_threshold_
        if len(core):
            thr = min(thr, float(np.percentile(core, model.assign_percentile)))
        raw = np.where(best_sim >= thr, best, -1)
        for _ in range(3):  # a few k-means steps: a centroid of few core members is noisy
            keep = [j for j in range(len(cents)) if np.any(raw == j)]
            if not keep:
                break
            cents = _normalise(np.vstack([emb[cand][raw == j].mean(axis=0) for j in keep]))
            sims = emb[cand] @ cents.T
            best = np.argmax(sims, axis=1)
            raw = np.where(sims[np.arange(len(best)), best] >= thr, best, -1)
    kws = ctfidf_keywords(corpus, raw, range(len(cents)), model.n_keywords)
    index = build_phrase_index(model._keyword_texts([texts[i] for i in cand]), model.exclude_words)
    names = name_themes(index, raw, range(len(cents)), embeddings=emb[cand], centroids=cents)
    out = []
    for j in range(len(cents)):
        members = np.flatnonzero(raw == j)
        near = cents[j] @ model.centroids_.T if len(model.topic_ids_) else np.zeros(1)
        out.append(
            {
                "label": names[j].label,
                "keywords": [k.surface for k in kws[j]],
                "quotes": representative_quotes(
                    texts, emb, cand[members], cents[j], model.n_quotes
                ),
                "members": cand[members].tolist(),
                "size": len(members),
                "nearest_topic": int(model.topic_ids_[np.argmax(near)])
                if len(model.topic_ids_)
                else -1,
                "nearest_similarity": float(near.max()),
            }
        )
    return sorted(out, key=lambda d: (-d["size"], d["label"]))

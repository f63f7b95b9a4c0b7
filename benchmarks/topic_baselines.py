"""Baselines and scores of the topic benchmarks (``benchmarks/topics.py``).

* BERTopic exactly as its documentation runs it on precomputed embeddings: ``BERTopic()``
  defaults (UMAP 5-d, HDBSCAN ``min_cluster_size=10``, ``eom``), the only change being UMAP's
  ``random_state`` so that three seeds can be reported; then its own outlier reduction
  (``reduce_outliers(docs, topics, strategy="embeddings", embeddings=...)`` followed by
  ``update_topics``), as the BERTopic docs show it.
* NMI/ARI with outliers as one extra cluster (what a user sees), and for multi-label gold a
  multi-label-aware NMI: every (document, gold label) pair is one observation weighted
  ``1 / n_labels(document)``, so a review labelled "prezzi" and "personale" is half in each
  and a clustering is not punished for putting it with either.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np


@dataclass
class BaselineRun:
    """One BERTopic run: labels before and after outlier reduction, top words, seconds."""

    seed: int
    labels: np.ndarray
    reduced: np.ndarray
    words: list[list[str]]
    seconds: float


def run_bertopic(texts: list[str], emb: np.ndarray, seed: int) -> BaselineRun | None:
    """BERTopic defaults (+ seeded UMAP) on ``emb``, then ``reduce_outliers`` + ``update_topics``.

    Returns ``None`` when bertopic is not installed (``pip install -c constraints.txt bertopic``).
    """
    try:
        from bertopic import BERTopic
        from umap import UMAP
    except ImportError:
        return None
    # BERTopic's own default UMAP, written out only to pass the seed (bertopic/_bertopic.py).
    umap_model = UMAP(
        n_neighbors=15,
        n_components=5,
        min_dist=0.0,
        metric="cosine",
        low_memory=False,
        random_state=seed,
    )
    t0 = time.perf_counter()
    model = BERTopic(umap_model=umap_model)
    topics, _ = model.fit_transform(texts, np.asarray(emb, dtype=np.float32))
    labels = np.asarray(topics, dtype=np.int64)
    if (labels < 0).any():
        new = model.reduce_outliers(texts, list(labels), strategy="embeddings", embeddings=emb)
        model.update_topics(texts, topics=new)
        reduced = np.asarray(new, dtype=np.int64)
    else:
        reduced = labels.copy()
    secs = time.perf_counter() - t0
    words = [
        [w for w, _ in (model.get_topic(t) or [])] for t in sorted(set(reduced.tolist())) if t >= 0
    ]
    return BaselineRun(seed, labels, reduced, words, secs)


def nmi_ari(gold: np.ndarray, labels: np.ndarray) -> tuple[float, float, float]:
    """NMI and ARI over all documents (outliers = one cluster) and NMI over assigned ones."""
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    ok = labels >= 0
    nmi_in = normalized_mutual_info_score(gold[ok], labels[ok]) if ok.any() else 0.0
    return (
        normalized_mutual_info_score(gold, labels),
        adjusted_rand_score(gold, labels),
        nmi_in,
    )


def multilabel_nmi(gold_sets: Sequence[Sequence[str]], labels: np.ndarray) -> float:
    """NMI (arithmetic normalisation, as sklearn) of the weighted (document, label) pairs."""
    golds = sorted({g for s in gold_sets for g in s})
    gpos = {g: i for i, g in enumerate(golds)}
    clusters = sorted(set(np.asarray(labels).tolist()))
    cpos = {c: i for i, c in enumerate(clusters)}
    table = np.zeros((len(golds), len(clusters)))
    for s, c in zip(gold_sets, np.asarray(labels).tolist(), strict=True):
        for g in s:
            table[gpos[g], cpos[c]] += 1.0 / len(s)
    p = table / table.sum()
    pg, pc = p.sum(axis=1), p.sum(axis=0)
    nz = p > 0
    mi = float((p[nz] * np.log(p[nz] / np.outer(pg, pc)[nz])).sum())

    def entropy(x: np.ndarray) -> float:
        x = x[x > 0]
        return float(-(x * np.log(x)).sum())

    denom = (entropy(pg) + entropy(pc)) / 2
    return mi / denom if denom > 0 else 0.0

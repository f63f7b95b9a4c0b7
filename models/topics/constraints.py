"""People's theme corrections as evidence for the topic model (docs/labels.md).

A document a person moved to theme *t* is must-link evidence for *t* and cannot-link evidence
against the topic the model gave it; a document marked "nessuno di questi" is cannot-link
evidence only. After a (re)fit, :func:`apply_theme_evidence` moves the centroids: each target
centroid is pulled towards the mean of the documents moved into it, each source centroid is
pushed away from the mean of the documents moved out of it. New documents are then assigned
(nearest centroid, :meth:`TopicModel.transform`) with that evidence built in; the corrected
documents themselves keep the person's theme in every view whatever the model says.
"""

from __future__ import annotations

import numpy as np

__all__ = ["PULL", "apply_theme_evidence"]

#: How far one theme's evidence moves its centroid (share of the evidence mean mixed in).
PULL = 0.25


def _unit(x: np.ndarray) -> np.ndarray:
    n = float(np.linalg.norm(x))
    return x / n if n > 0 else x


def apply_theme_evidence(
    centroids: np.ndarray,
    topic_ids: np.ndarray,
    vectors: np.ndarray,
    targets: np.ndarray,
    sources: np.ndarray,
    *,
    pull: float = PULL,
) -> tuple[np.ndarray, dict[str, int]]:
    """Centroids moved by the people's corrections.

    Args:
        centroids: (k, d) L2-normalised centroids, aligned with ``topic_ids``.
        topic_ids: (k,) topic ids.
        vectors: (n, d) embeddings of the corrected documents.
        targets: (n,) theme each document was moved to (-1: none of these).
        sources: (n,) topic the model had given it (-1 or unknown: no cannot-link).
        pull: weight of the evidence mean in a moved centroid.

    Returns:
        (new centroids, ``{"must_link": documents used, "cannot_link": documents used}``).
    """
    out = np.array(centroids, dtype=np.float32, copy=True)
    pos = {int(t): i for i, t in enumerate(np.asarray(topic_ids).tolist())}
    vec = np.asarray(vectors, dtype=np.float32)
    if len(vec):
        vec = vec / np.maximum(np.linalg.norm(vec, axis=1, keepdims=True), 1e-12)
    targets, sources = np.asarray(targets, dtype=int), np.asarray(sources, dtype=int)
    counts = {"must_link": 0, "cannot_link": 0}
    for t in sorted(set(targets.tolist())):
        rows = (targets == t) & (sources != t)
        if t in pos and rows.any():
            i = pos[t]
            out[i] = _unit((1 - pull) * out[i] + pull * vec[rows].mean(axis=0))
            counts["must_link"] += int(rows.sum())
    for s in sorted(set(sources.tolist())):
        rows = (sources == s) & (targets != s)
        if s in pos and rows.any():
            i = pos[s]
            moved = _unit(out[i] - pull * vec[rows].mean(axis=0))
            # Never flip a topic: a push that would leave it unlike itself is dropped.
            if float(moved @ centroids[i]) > 0.5:
                out[i] = moved
                counts["cannot_link"] += int(rows.sum())
    return out, counts

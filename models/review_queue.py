"""Which documents a person should label first: uncertainty × priority, spread by diversity.

The review queue (``voc queue export``, the app's Revisione page) asks for the labels that would
teach the sentiment model most. The strategy (docs/labels.md explains the choice, and
``benchmarks/active_learning.py`` measures it against random picks):

1. **uncertainty**: one minus the margin between the model's two most probable classes (a
   document the model splits 0.45/0.40 is worth more than one it calls 0.95);
2. **priority**: a weight per document given by the caller (recent weeks, themes people look
   at), multiplying the uncertainty;
3. **diversity**: among the ``pool`` × n best, a greedy weighted k-center pass on the
   embeddings: each next pick maximises score × distance to the closest pick so far, so twenty
   copies of the same ambiguous complaint cost one label, not twenty.

Pure numpy, deterministic (ties go to the lower index).
"""

from __future__ import annotations

import numpy as np

__all__ = ["margin_uncertainty", "select_for_review"]


def margin_uncertainty(proba: np.ndarray) -> np.ndarray:
    """``1 - (p_top - p_second)`` per row of a probability matrix, in [0, 1]."""
    p = np.asarray(proba, dtype=float)
    if p.ndim != 2 or p.shape[1] < 2:
        raise ValueError("proba must be (n, k) with k >= 2")
    top2 = np.sort(p, axis=1)[:, -2:]
    return np.clip(1.0 - (top2[:, 1] - top2[:, 0]), 0.0, 1.0)


def select_for_review(
    proba: np.ndarray,
    n: int,
    *,
    vectors: np.ndarray | None = None,
    priority: np.ndarray | None = None,
    pool: int = 5,
    diversity: float = 1.0,
) -> np.ndarray:
    """Indices of the ``n`` documents to label first, in the order to show them.

    Args:
        proba: model probabilities, one row per candidate.
        n: how many to pick (fewer when there are fewer candidates).
        vectors: embeddings of the candidates (rows L2-normalised or not); ``None``: no
            diversity pass, the top ``n`` by score.
        priority: a non-negative weight per candidate (default 1).
        pool: the diversity pass looks at the ``pool * n`` best-scored candidates.
        diversity: exponent of the distance term (0: pure score order).
    """
    score = margin_uncertainty(proba)
    if priority is not None:
        score = score * np.clip(np.asarray(priority, dtype=float), 0.0, None)
    total = len(score)
    n = max(0, min(int(n), total))
    if n == 0:
        return np.zeros(0, dtype=int)
    # Stable order: highest score first, lower index on ties.
    order = np.lexsort((np.arange(total), -score))
    if vectors is None or diversity <= 0 or n == total:
        return order[:n]
    cand = order[: min(total, max(n, pool * n))]
    vec = np.asarray(vectors, dtype=np.float32)[cand]
    norms = np.linalg.norm(vec, axis=1, keepdims=True)
    vec = (vec / np.where(norms > 0, norms, 1.0)).astype(np.float32)
    s = score[cand] + 1e-9  # a zero score still competes on distance
    picked = [0]
    nearest = 1.0 - vec @ vec[0]  # cosine distance to the closest pick so far
    for _ in range(1, n):
        gain = s * np.clip(nearest, 0.0, None) ** diversity
        gain[picked] = -1.0
        nxt = int(np.argmax(gain))
        picked.append(nxt)
        nearest = np.minimum(nearest, 1.0 - vec @ vec[nxt])
    return cand[np.asarray(picked, dtype=int)]

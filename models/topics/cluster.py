"""Clustering primitives: the seeded hybrid reduction + HDBSCAN, centroids and merging."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
from sklearn.cluster import HDBSCAN
from sklearn.decomposition import PCA, TruncatedSVD
from sklearn.feature_extraction.text import TfidfTransformer

if TYPE_CHECKING:
    from models.topics.model import TopicModel


def _cluster(
    model: TopicModel,
    emb: np.ndarray,
    lex: Any,
    units: np.ndarray,
    min_cluster_size: int,
    allow_single: bool = False,
) -> np.ndarray:
    """Seeded hybrid reduction + HDBSCAN; returns raw labels (-1 = noise)."""
    n = emb.shape[0]
    if n < max(min_cluster_size, 3):
        return np.full(n, -1, dtype=np.int64)
    k = max(1, min(model.n_components, n - 1, emb.shape[1]))
    red = _normalise(
        PCA(k, svd_solver="covariance_eigh", random_state=model.random_state).fit_transform(emb)
    )
    # Words only: bigram columns would split one subject by word order.
    df = np.asarray(lex.sum(axis=0)).ravel()
    cols = np.flatnonzero((df >= 2) & (units == 1))
    if model.lexical_weight > 0 and len(cols) > 10:
        tfidf = TfidfTransformer(sublinear_tf=True).fit_transform(lex[:, cols])
        n_lex = min(50, len(cols) - 1, n - 1)
        lsa = _normalise(TruncatedSVD(n_lex, random_state=model.random_state).fit_transform(tfidf))
        # Documents without lexical features (emoji, one-word replies) would all share the
        # same empty lexical block and form a spurious dense cluster: describe them by their
        # embedding alone instead.
        w = np.where(np.linalg.norm(lsa, axis=1) < 1e-6, 0.0, model.lexical_weight)[:, None]
        hyb = np.hstack([np.sqrt(1 - w) * red, np.sqrt(w) * lsa])
        red = _normalise(
            PCA(k, svd_solver="covariance_eigh", random_state=model.random_state).fit_transform(hyb)
        )
    hdb = HDBSCAN(
        min_cluster_size=min_cluster_size,
        min_samples=model.min_samples,
        cluster_selection_method=model.cluster_selection_method,
        max_cluster_size=int(model.max_cluster_share * n) if model.max_cluster_share else None,
        allow_single_cluster=allow_single,
        copy=True,
    )
    return hdb.fit_predict(red).astype(np.int64)


def _normalise(x: np.ndarray) -> np.ndarray:
    """Row-wise L2 normalisation (zero rows stay zero)."""
    if x.ndim == 1:
        x = x[None, :]
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return (x / np.maximum(norms, 1e-12)).astype(np.float32)


def _centroids(emb: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Normalised mean embedding per non-negative label, in label order (empty labels dropped)."""
    ks = [k for k in range(int(labels.max()) + 1 if len(labels) else 0) if np.any(labels == k)]
    if not ks:
        return np.zeros((0, emb.shape[1]), dtype=np.float32)
    return _normalise(np.vstack([emb[labels == k].mean(axis=0) for k in ks]))


def _merge_closest(cents: np.ndarray, sizes: np.ndarray, max_topics: int) -> np.ndarray:
    """Merge the most similar pair of centroids (size-weighted) until at most ``max_topics``."""
    cents, sizes = cents.copy(), sizes.astype(np.float64).copy()
    while len(cents) > max(1, max_topics):
        sims = cents @ cents.T
        np.fill_diagonal(sims, -np.inf)
        i, j = np.unravel_index(int(np.argmax(sims)), sims.shape)
        i, j = min(i, j), max(i, j)
        merged = cents[i] * sizes[i] + cents[j] * sizes[j]
        cents[i] = merged / max(float(np.linalg.norm(merged)), 1e-12)
        sizes[i] += sizes[j]
        cents, sizes = np.delete(cents, j, axis=0), np.delete(sizes, j)
    return cents

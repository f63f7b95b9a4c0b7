"""Clustering primitives: the seeded hybrid reduction, its kNN-graph spectral embedding +
HDBSCAN, centroids and merging."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import scipy.sparse as sp
from sklearn.cluster import HDBSCAN
from sklearn.decomposition import PCA, TruncatedSVD
from sklearn.feature_extraction.text import TfidfTransformer
from sklearn.neighbors import NearestNeighbors

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
    """Seeded hybrid representation, its kNN-graph spectral embedding, HDBSCAN.

    Returns raw labels (-1 = noise). With ``model.n_neighbors == 0`` (or too few documents)
    HDBSCAN runs on a PCA of the hybrid representation instead of the spectral embedding.
    """
    n = emb.shape[0]
    if n < max(min_cluster_size, 3):
        return np.full(n, -1, dtype=np.int64)
    k = max(1, min(model.n_components, n - 1, emb.shape[1]))
    graph = model.n_neighbors > 0 and n > max(3 * k, model.n_neighbors + 2)
    if graph:
        # Neighbours are found in the full embedding (a 50-d PCA first loses ABSITA NMI:
        # 0.376 -> 0.339); the spectral step does the reduction. With the graph, the lexical
        # block (lexical_weight > 0) dominates the compressed e5 distances and cuts subjects
        # by word choice (ABSITA: 57-60 topics), hence the default lexical_weight 0.
        rep = _normalise(emb)
    else:
        pca = PCA(k, svd_solver="covariance_eigh", random_state=model.random_state)
        rep = _normalise(pca.fit_transform(emb))
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
        rep = np.hstack([np.sqrt(1 - w) * rep, np.sqrt(w) * lsa])
        if not graph:
            pca = PCA(k, svd_solver="covariance_eigh", random_state=model.random_state)
            rep = _normalise(pca.fit_transform(rep))
    if graph:
        rep = _normalise(_spectral(rep, model.n_neighbors, k, model.random_state))
    hdb = HDBSCAN(
        min_cluster_size=min_cluster_size,
        min_samples=model.min_samples,
        cluster_selection_method=model.cluster_selection_method,
        max_cluster_size=int(model.max_cluster_share * n) if model.max_cluster_share else None,
        allow_single_cluster=allow_single,
        copy=True,
    )
    return hdb.fit_predict(rep).astype(np.int64)


def _spectral(x: np.ndarray, n_neighbors: int, dims: int, seed: int) -> np.ndarray:
    """Spectral embedding of the cosine kNN graph of ``x`` (rows L2-normalised), ``dims`` wide.

    Why: in the raw (or PCA) space e5 vectors form one diffuse cloud and HDBSCAN finds few
    dense regions (a catch-all topic and many outliers); the leading eigenvectors of the
    normalised kNN graph pull documents that share neighbours into compact, separable groups
    (what UMAP's graph does for BERTopic, without its stochastic layout). Edge weights decay with
    the distance relative to each document's mean neighbour distance; the graph is symmetrised.
    The eigenvectors of the lazy walk ``(I + D^-1/2 A D^-1/2)/2`` come from a subspace iteration
    started from a seeded random projection of ``x`` itself (so a permutation of the documents
    permutes the result instead of changing it), the trivial one is dropped and the rest scaled
    by ``D^-1/2`` as in Laplacian eigenmaps.
    """
    n = x.shape[0]
    k = min(n_neighbors, n - 1)
    # Brute-force neighbours: exact and independent of document order.
    nn = NearestNeighbors(n_neighbors=k + 1, metric="cosine", algorithm="brute").fit(x)
    dist, idx = nn.kneighbors(x)
    dist, idx = dist[:, 1:], idx[:, 1:]
    w = np.exp(-dist / np.maximum(dist.mean(axis=1, keepdims=True), 1e-6))
    adj = sp.csr_matrix((w.ravel(), (np.repeat(np.arange(n), k), idx.ravel())), shape=(n, n))
    adj = adj.maximum(adj.T)
    dinv = 1.0 / np.sqrt(np.maximum(np.asarray(adj.sum(axis=1)).ravel(), 1e-12))
    walk = (sp.diags(dinv) @ adj @ sp.diags(dinv) + sp.identity(n)) * 0.5
    width = min(n, dims + 1 + SPECTRAL_OVERSAMPLE)
    proj = np.random.default_rng(seed).normal(size=(x.shape[1], width))
    q, _ = np.linalg.qr(np.asarray(x, dtype=np.float64) @ proj)
    for _ in range(SPECTRAL_ITER):
        q, _ = np.linalg.qr(walk @ q)
    vals, vecs = np.linalg.eigh(q.T @ (walk @ q))  # Rayleigh-Ritz
    order = np.argsort(-vals)[: dims + 1]
    top = q @ vecs[:, order]
    # Diffusion-map weights (eigenvalue ** DIFFUSION_STEPS): the directions that separate
    # weakly connected groups (eigenvalue near 1) dominate, the smooth modes inside one
    # homogeneous group (lower eigenvalue), which would cut a subject in halves, fade.
    scale = np.clip(vals[order[1:]], 0.0, 1.0) ** DIFFUSION_STEPS
    return (top[:, 1:] * dinv[:, None] * scale[None, :]).astype(np.float32)


#: Subspace iterations (each one sparse product and a thin QR: cheap) and extra columns that
#: speed up the convergence of the leading ``dims + 1`` eigenvectors.
SPECTRAL_ITER = 50
SPECTRAL_OVERSAMPLE = 10
#: Diffusion time of the spectral embedding (see :func:`_spectral`).
DIFFUSION_STEPS = 8


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

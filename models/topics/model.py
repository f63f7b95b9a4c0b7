"""The topic model estimator: fit, nearest-centroid assignment, labels and categories."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator

from models.keywords import build_corpus, ctfidf_keywords, representative_quotes
from models.phrases import build_phrase_index
from models.taxonomy import TaxonomyClassifier
from models.theme_names import QueryEmbedder, name_themes
from models.topics import artifact
from models.topics.cluster import _centroids, _cluster, _merge_closest, _normalise
from models.topics.proposals import propose_new_topics
from models.topics.refit import _anchor, _lineage

NEW_CATEGORY = "nuovo"


class TopicModel(BaseEstimator):
    """Topic discovery, labelling and online assignment (scikit-learn style estimator).

    Args:
        n_components: dimensions of the representation HDBSCAN clusters. 20 lifts ABSITA
            (NMI 0.312 -> 0.337) and the left-out Octopus reviews (0.086 -> 0.144) but
            collapses the demo corpus into 3 topics (one of 95 % of the documents): kept at 10.
        n_neighbors: 0 (default): HDBSCAN clusters a PCA of the hybrid representation. > 0
            (experimental, use with ``lexical_weight=0``): it clusters the ``n_components``-wide
            spectral embedding of the cosine kNN graph with that many neighbours (see
            ``models/topics/cluster._spectral`` and docs/architecture.md for its figures; it
            still cuts close subjects differently from the refit tests' expectations, so it is
            not the default).
        min_cluster_size: HDBSCAN minimum cluster size (documents).
        min_samples: HDBSCAN ``min_samples`` (``None``: equal to ``min_cluster_size``). The
            default 5 yields finer topics than ``None`` on homogeneous feedback at equal NMI
            and stability (see ``benchmarks/topics.py``).
        outlier_threshold: fixed cosine threshold for assignment; ``None`` calibrates it.
        assign_percentile: percentile of member-to-own-centroid cosine used as the calibrated
            threshold.
        max_outliers: the calibrated threshold is lowered until at most this share of the fit
            documents is unassigned.
        lexical_weight: weight of the lexical LSA block in the clustering representation
            (0 = embeddings only). With the kNN graph it dominates the compressed e5
            distances and cuts subjects by word choice: use 0 there.
        max_topics: closest topics are merged until at most this many remain.
        n_keywords: keywords kept per topic.
        n_quotes: representative quotes per topic.
        refine_iter: spherical k-means steps that move centroids to the mean of their assigned
            documents (stabilises centroids across refits).
        max_fit_samples: above this many documents, clustering runs on a seeded sample and the
            rest is assigned to the centroids (bounds fit time on large corpora).
        match_threshold: minimum combined similarity for a new topic to inherit a previous id.
        momentum: on a refit, weight of the previous centroid in an inherited topic's centroid
            (0 = follow the new data only); damps boundary flips between refits.
        sticky: on a refit, a new cluster whose documents the previous model mostly files under
            surviving topics is treated as a re-cut of those topics and dropped (stable ids);
            only clusters of documents the previous model left unassigned are born. ``False``
            keeps every new cluster (and records ``split`` events).
        cluster_selection_method: HDBSCAN ``eom`` (default, fewer broader topics) or ``leaf``
            (finer topics).
        max_cluster_share: optional cap on a cluster's share of documents (HDBSCAN
            ``max_cluster_size``).
        collapse_share: when one cluster would hold more than this share of the clustered
            documents (and ``max_cluster_share`` is not set), HDBSCAN selects again below it,
            in clusters of at most half the documents (``None``: never). The demo corpus folded
            into 2 themes (one of 91 % of its documents) without it and gives 22 with it.
        exclude_words: words kept out of keywords and labels, case-insensitive: the company's
            own names ("Lumenia" says nothing about what a complaint is about). Embeddings
            still see the full text.
        random_state: seed for every random step.

    Attributes:
        topic_ids_: (k,) int array of topic ids, aligned with ``centroids_``.
        labels_: (n,) topic id per fitted document, -1 when unassigned.
        centroids_: (k, d) L2-normalised centroids in embedding space.
        topic_labels_: dict id -> short Italian label.
        keywords_: dict id -> key phrases (display form), best first.
        keyword_lemmas_: dict id -> key phrase lemmas (used for matching refits).
        quotes_: dict id -> representative quotes.
        sizes_: dict id -> number of fitted documents assigned.
        category_of_: dict id -> taxonomy category id (``nuovo`` when none fits; empty without a
            taxonomy).
        assign_threshold_: cosine threshold used by ``transform``.
        lineage_: list of events relative to ``previous`` (empty on a first fit).
    """

    topic_ids_: np.ndarray
    labels_: np.ndarray
    centroids_: np.ndarray
    topic_labels_: dict[int, str]
    keywords_: dict[int, list[str]]
    keyword_lemmas_: dict[int, list[str]]
    quotes_: dict[int, list[str]]
    sizes_: dict[int, int]
    category_of_: dict[int, str]
    assign_threshold_: float
    lineage_: list[dict]
    n_features_in_: int

    def __init__(
        self,
        n_components: int = 10,
        n_neighbors: int = 0,
        min_cluster_size: int = 15,
        min_samples: int | None = 5,
        outlier_threshold: float | None = None,
        assign_percentile: float = 5.0,
        max_outliers: float = 0.10,
        lexical_weight: float = 0.5,
        max_topics: int = 60,
        n_keywords: int = 10,
        n_quotes: int = 3,
        refine_iter: int = 2,
        max_fit_samples: int = 20_000,
        match_threshold: float = 0.35,
        momentum: float = 0.5,
        sticky: bool = True,
        cluster_selection_method: str = "eom",
        max_cluster_share: float | None = None,
        collapse_share: float | None = 0.8,
        exclude_words: Sequence[str] = (),
        random_state: int = 42,
    ):
        self.n_components = n_components
        self.n_neighbors = n_neighbors
        self.min_cluster_size = min_cluster_size
        self.min_samples = min_samples
        self.outlier_threshold = outlier_threshold
        self.assign_percentile = assign_percentile
        self.max_outliers = max_outliers
        self.lexical_weight = lexical_weight
        self.max_topics = max_topics
        self.n_keywords = n_keywords
        self.n_quotes = n_quotes
        self.refine_iter = refine_iter
        self.max_fit_samples = max_fit_samples
        self.match_threshold = match_threshold
        self.momentum = momentum
        self.sticky = sticky
        self.cluster_selection_method = cluster_selection_method
        self.max_cluster_share = max_cluster_share
        self.collapse_share = collapse_share
        self.exclude_words = exclude_words
        self.random_state = random_state

    # ------------------------------------------------------------------ fit
    def fit(
        self,
        texts: Sequence[str],
        embeddings: np.ndarray,
        *,
        taxonomy: TaxonomyClassifier | None = None,
        previous: TopicModel | None = None,
        name_embedder: QueryEmbedder | None = None,
    ) -> TopicModel:
        """Discover topics, label them and assign every document.

        Args:
            texts: documents, aligned with ``embeddings``.
            embeddings: (n, d) embeddings (re-normalised defensively).
            taxonomy: fitted classifier; each topic is nested under its closest category.
            previous: an earlier fit; matched topics keep their id and label.
            name_embedder: texts -> query vectors in the space of ``embeddings`` (the same
                embedder's ``embed_queries``): names are chosen among each topic's best
                candidates by how clearly they point at it (:func:`models.theme_names.
                name_themes`). ``None``: names from the text scores alone. A fit argument, not
                a hyperparameter: a callable is not saved with the model.

        Returns:
            self.
        """
        texts = [t if isinstance(t, str) else "" for t in texts]
        emb = _normalise(np.asarray(embeddings, dtype=np.float32))
        if emb.ndim != 2 or len(texts) != emb.shape[0]:
            raise ValueError("fit: texts and embeddings must have the same length (n, d)")
        n = emb.shape[0]
        corpus = build_corpus(self._keyword_texts(texts))
        rng = np.random.default_rng(self.random_state)
        fit_idx = np.arange(n)
        if n > self.max_fit_samples:
            fit_idx = np.sort(rng.choice(n, self.max_fit_samples, replace=False))
        raw = _cluster(
            self, emb[fit_idx], corpus.matrix[fit_idx], corpus.units, self.min_cluster_size
        )
        cents = _centroids(emb[fit_idx], raw)
        if len(cents) == 0:  # nothing dense enough: one topic, so that the data is still described
            cents = _normalise(emb.mean(axis=0, keepdims=True))
            raw = np.zeros(len(fit_idx), dtype=np.int64)
        cents = _merge_closest(cents, np.bincount(raw[raw >= 0]), self.max_topics)
        # HDBSCAN members calibrate the threshold: their similarity to their own centroid is
        # what "belonging to a topic" looks like on this data.
        members = np.zeros(n, dtype=bool)
        members[fit_idx[raw >= 0]] = True
        ids: list[int | None] = [None] * len(cents)
        if previous is not None and len(previous.topic_ids_):
            cents, ids = _anchor(self, cents, corpus, emb, previous)
        cents, ids, local = self._assign(emb, cents, ids, members)
        for _ in range(self.refine_iter):
            cents = _normalise(
                np.vstack(
                    [
                        emb[local == i].mean(axis=0) if np.any(local == i) else cents[i]
                        for i in range(len(cents))
                    ]
                )
            )
            cents, ids, local = self._assign(emb, cents, ids, members)
        if previous is not None and self.momentum > 0 and any(t is not None for t in ids):
            # Topics drift slowly: an inherited topic keeps part of its previous centroid, so
            # that documents near a boundary do not flip between refits on similar data.
            prev_pos = {int(t): j for j, t in enumerate(previous.topic_ids_)}
            for i, t in enumerate(ids):
                if t is not None:
                    old_c = previous.centroids_[prev_pos[t]]
                    cents[i] = self.momentum * old_c + (1.0 - self.momentum) * cents[i]
            cents = _normalise(cents)
            cents, ids, local = self._assign(emb, cents, ids, members)

        # Inherited ids first (in id order), then new topics by size; fresh ids continue after
        # the previous maximum so that an id is never reused for a different topic.
        counts = np.bincount(local[local >= 0], minlength=len(cents))
        order = sorted(
            range(len(cents)), key=lambda i: (ids[i] is None, ids[i] or 0, -counts[i], i)
        )
        next_id = 0
        if previous is not None and len(previous.topic_ids_):
            next_id = int(np.max(previous.topic_ids_)) + 1
        final: list[int] = []
        for i in order:
            if ids[i] is None:
                final.append(next_id)
                next_id += 1
            else:
                final.append(int(ids[i]))  # type: ignore[arg-type]
        remap = np.full(len(cents) + 1, -1)
        remap[order] = np.arange(len(order))
        local = remap[local]
        cents = cents[order]

        kws = ctfidf_keywords(corpus, local, range(len(final)), self.n_keywords)
        labels: dict[int, str] = {}
        if previous is not None:
            # An inherited topic keeps its name; names of the former keyword format
            # ("Salta quando · Stasera") are replaced once by a noun phrase.
            labels = {
                t: previous.topic_labels_[t]
                for t in final
                if t in previous.topic_labels_ and " · " not in previous.topic_labels_[t]
            }
        todo = [final.index(t) for t in final if t not in labels]
        todo.sort(key=lambda i: -int((local == i).sum()))
        if todo:
            # Names are noun phrases of the topic's own documents (models/theme_names.py).
            index = build_phrase_index(self._keyword_texts(texts), self.exclude_words)
            names = name_themes(
                index, local, range(len(final)), embeddings=emb, centroids=cents, order=todo,
                query_embedder=name_embedder,
            )  # fmt: skip
            for i in todo:
                lab = names[i].label
                labels[final[i]] = lab if lab not in labels.values() else f"{lab} ({final[i]})"
        self.centroids_ = cents
        self.topic_ids_ = np.asarray(final, dtype=np.int64)
        self.labels_ = np.where(local >= 0, self.topic_ids_[np.maximum(local, 0)], -1)
        self.keywords_ = {final[i]: [k.surface for k in kws[i]] for i in range(len(final))}
        self.keyword_lemmas_ = {final[i]: [k.lemma for k in kws[i]] for i in range(len(final))}
        self.topic_labels_ = {t: labels[t] for t in final}
        self.sizes_ = {final[i]: int((local == i).sum()) for i in range(len(final))}
        self.quotes_ = {
            final[i]: representative_quotes(
                texts, emb, np.flatnonzero(local == i), cents[i], self.n_quotes
            )
            for i in range(len(final))
        }
        self.category_of_ = self._categorise(taxonomy)
        self.lineage_ = [] if previous is None else _lineage(self, previous, emb)
        self.n_features_in_ = emb.shape[1]
        return self

    def _keyword_texts(self, texts: list[str]) -> list[str]:
        """``texts`` without the ``exclude_words`` (for keywords and the lexical block only)."""
        words = [w.strip() for w in self.exclude_words if w and w.strip()]
        if not words:
            return texts
        # Letters around, not \b: "@Lumenia_IT" loses "Lumenia" too.
        alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        pattern = re.compile(rf"(?<![^\W\d_])(?:{alternatives})(?![^\W\d_])", re.IGNORECASE)
        return [pattern.sub(" ", t) for t in texts]

    def _calibrate(self, best_sim: np.ndarray, member_sim: np.ndarray) -> float:
        """Assignment threshold: fixed, or a low member percentile capped by ``max_outliers``."""
        if self.outlier_threshold is not None:
            return float(self.outlier_threshold)
        base = member_sim if len(member_sim) else best_sim
        thr = float(np.percentile(base, self.assign_percentile))
        if len(best_sim) and np.mean(best_sim < thr) > self.max_outliers:
            # The quantile of the best similarities leaves exactly max_outliers unassigned.
            thr = float(np.quantile(best_sim, self.max_outliers, method="lower"))
        return thr

    def _assign(
        self, emb: np.ndarray, cents: np.ndarray, ids: list[int | None], members: np.ndarray
    ) -> tuple[np.ndarray, list[int | None], np.ndarray]:
        """Nearest-centroid assignment with a calibrated threshold; drops unsupported topics.

        A topic claiming fewer than ``max(2, min_cluster_size // 3)`` documents is removed and
        its documents reassigned (this is how an anchored previous topic "dies").
        """
        min_size = max(2, self.min_cluster_size // 3)
        while True:
            sims = emb @ cents.T
            best = np.argmax(sims, axis=1)
            best_sim = sims[np.arange(len(best)), best]
            self.assign_threshold_ = self._calibrate(best_sim, best_sim[members])
            local = np.where(best_sim >= self.assign_threshold_, best, -1)
            counts = np.bincount(local[local >= 0], minlength=len(cents))
            weak = counts < min_size
            if not weak.any() or weak.all():
                return cents, ids, local
            keep = np.flatnonzero(~weak)
            cents, ids = cents[keep], [ids[i] for i in keep]

    def _categorise(self, taxonomy: TaxonomyClassifier | None) -> dict[int, str]:
        """Nest topics under the closest taxonomy category (``nuovo`` below its threshold)."""
        if taxonomy is None or len(self.topic_ids_) == 0:
            return {}
        scores = taxonomy.predict_scores(self.centroids_)
        best = np.argmax(scores, axis=1)
        return {
            int(t): (
                taxonomy.category_ids_[b] if scores[i, b] >= taxonomy.threshold else NEW_CATEGORY
            )
            for i, (t, b) in enumerate(zip(self.topic_ids_, best, strict=True))
        }

    # ------------------------------------------------------------ inference
    def transform(self, embeddings: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Assign documents to the nearest topic centroid.

        Args:
            embeddings: (n, d) embeddings.

        Returns:
            (topic ids with -1 below ``assign_threshold_``, cosine to the nearest centroid).
        """
        emb = _normalise(np.asarray(embeddings, dtype=np.float32))
        if len(self.topic_ids_) == 0 or emb.shape[0] == 0:
            return np.full(emb.shape[0], -1, dtype=np.int64), np.zeros(emb.shape[0], np.float32)
        sims = emb @ self.centroids_.T
        best = np.argmax(sims, axis=1)
        best_sim = sims[np.arange(len(best)), best]
        ids = np.where(best_sim >= self.assign_threshold_, self.topic_ids_[best], -1)
        return ids.astype(np.int64), best_sim.astype(np.float32)

    def propose_new_topics(
        self, texts: Sequence[str], embeddings: np.ndarray, min_size: int = 10
    ) -> list[dict]:
        """Candidate new topics among the documents no current topic claims.

        See :func:`models.topics.proposals.propose_new_topics`.
        """
        return propose_new_topics(self, texts, embeddings, min_size)

    def topics_frame(self) -> pd.DataFrame:
        """One row per topic: topic_id, label, keywords, size, category, quotes."""
        rows = [
            {
                "topic_id": int(t),
                "label": self.topic_labels_[int(t)],
                "keywords": list(self.keywords_[int(t)]),
                "size": int(self.sizes_[int(t)]),
                "category": self.category_of_.get(int(t)),
                "quotes": list(self.quotes_[int(t)]),
            }
            for t in self.topic_ids_
        ]
        cols = ["topic_id", "label", "keywords", "size", "category", "quotes"]
        return pd.DataFrame(rows, columns=cols)

    # ---------------------------------------------------------- persistence
    def save(self, path: Path | str) -> None:
        """Write arrays as safetensors with hyperparameters and state as JSON metadata."""
        artifact.save(self, path)

    @classmethod
    def load(cls, path: Path | str) -> TopicModel:
        """Read a model written by :meth:`save`."""
        return artifact.load(cls, path)

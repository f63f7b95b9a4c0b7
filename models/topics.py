"""Deterministic, stable-ID topic model over precomputed e5 embeddings.

What it fixes compared with a default BERTopic run on customer feedback:

* **Deterministic**: seeded PCA/SVD and HDBSCAN (no UMAP, no stochastic layout), so two fits on
  the same data give the same topics, ids, labels and assignments, whatever the document order.
* **Few outliers**: HDBSCAN only *discovers* the topics; every document is then assigned to its
  nearest topic centroid in the original embedding space when the cosine clears a calibrated
  threshold (a low percentile of member-to-own-centroid similarity, lowered if needed so that
  at most ``max_outliers`` of the documents stay unassigned). ``transform`` applies the same
  rule, so online assignment agrees with the fit.
* **Stable ids and labels** across refits: pass ``previous=`` and new topics are matched to old
  ones (Hungarian assignment on centroid cosine, keyword Jaccard and document overlap); matched
  topics keep their integer id and label, and ``lineage_`` records continued / merged / split /
  born / died events. Unmatched previous topics stay as anchors while the new data supports
  them, inherited centroids move with ``momentum``, and (``sticky``) a new cluster is born only
  from documents the previous model could not place: HDBSCAN's granularity flips between
  samples do not rename the corpus.
* **Italian keywords**: c-TF-IDF over lemmas with Italian + customer-care stop words, short
  readable labels (see :mod:`models.keywords`).

Clustering runs on a *hybrid* representation: the PCA of the embeddings plus a lexical LSA of the
lemma features (``lexical_weight``). Customer-feedback topics are largely defined by what is
named (bolletta, rimborso, app), and e5 similarity alone mixes topic with tone; the lexical part
pulls same-subject documents together. Assignment and centroids stay in embedding space, so
``transform`` needs embeddings only.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from scipy.optimize import linear_sum_assignment
from sklearn.base import BaseEstimator
from sklearn.cluster import HDBSCAN
from sklearn.decomposition import PCA, TruncatedSVD
from sklearn.feature_extraction.text import TfidfTransformer

from models.keywords import (
    Corpus,
    Keyword,
    build_corpus,
    ctfidf_keywords,
    make_label,
    make_labels,
    representative_quotes,
)
from models.taxonomy import TaxonomyClassifier

__all__ = ["NEW_CATEGORY", "TopicModel"]

NEW_CATEGORY = "nuovo"
_FORMAT = "voc-topicmodel/1"


class TopicModel(BaseEstimator):
    """Topic discovery, labelling and online assignment (scikit-learn style estimator).

    Args:
        n_components: dimensions of the representation HDBSCAN clusters.
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
            (0 = embeddings only).
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
        min_cluster_size: int = 15,
        min_samples: int | None = 5,
        outlier_threshold: float | None = None,
        assign_percentile: float = 5.0,
        max_outliers: float = 0.15,
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
        exclude_words: Sequence[str] = (),
        random_state: int = 42,
    ):
        self.n_components = n_components
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
    ) -> TopicModel:
        """Discover topics, label them and assign every document.

        Args:
            texts: documents, aligned with ``embeddings``.
            embeddings: (n, d) embeddings (re-normalised defensively).
            taxonomy: fitted classifier; each topic is nested under its closest category.
            previous: an earlier fit; matched topics keep their id and label.

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
        raw = self._cluster(
            emb[fit_idx], corpus.matrix[fit_idx], corpus.units, self.min_cluster_size
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
            cents, ids = self._anchor(cents, corpus, emb, previous)
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

        # Labels look deeper than the stored keywords, to find the phrase two words belong to.
        deep = ctfidf_keywords(corpus, local, range(len(final)), max(self.n_keywords, 30))
        kws = {i: deep[i][: self.n_keywords] for i in deep}
        by_id = {final[i]: deep[i] for i in range(len(final))}
        labels: dict[int, str] = {}
        if previous is not None:
            labels = {t: previous.topic_labels_[t] for t in final if t in previous.topic_labels_}
        todo = [t for t in final if t not in labels]
        todo.sort(key=lambda t: -int((local == final.index(t)).sum()))
        for t, lab in make_labels(by_id, todo).items():
            labels[t] = lab if lab not in labels.values() else f"{lab} ({t})"
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

    def _cluster(
        self,
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
        k = max(1, min(self.n_components, n - 1, emb.shape[1]))
        red = _normalise(
            PCA(k, svd_solver="covariance_eigh", random_state=self.random_state).fit_transform(emb)
        )
        # Words only: bigram columns would split one subject by word order.
        df = np.asarray(lex.sum(axis=0)).ravel()
        cols = np.flatnonzero((df >= 2) & (units == 1))
        if self.lexical_weight > 0 and len(cols) > 10:
            tfidf = TfidfTransformer(sublinear_tf=True).fit_transform(lex[:, cols])
            n_lex = min(50, len(cols) - 1, n - 1)
            lsa = _normalise(
                TruncatedSVD(n_lex, random_state=self.random_state).fit_transform(tfidf)
            )
            # Documents without lexical features (emoji, one-word replies) would all share the
            # same empty lexical block and form a spurious dense cluster: describe them by their
            # embedding alone instead.
            w = np.where(np.linalg.norm(lsa, axis=1) < 1e-6, 0.0, self.lexical_weight)[:, None]
            hyb = np.hstack([np.sqrt(1 - w) * red, np.sqrt(w) * lsa])
            red = _normalise(
                PCA(k, svd_solver="covariance_eigh", random_state=self.random_state).fit_transform(
                    hyb
                )
            )
        hdb = HDBSCAN(
            min_cluster_size=min_cluster_size,
            min_samples=self.min_samples,
            cluster_selection_method=self.cluster_selection_method,
            max_cluster_size=int(self.max_cluster_share * n) if self.max_cluster_share else None,
            allow_single_cluster=allow_single,
            copy=True,
        )
        return hdb.fit_predict(red).astype(np.int64)

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

    def _anchor(
        self, cents: np.ndarray, corpus: Corpus, emb: np.ndarray, previous: TopicModel
    ) -> tuple[np.ndarray, list[int | None]]:
        """Match fresh clusters to previous topics and keep unmatched previous topics as anchors.

        Matched clusters inherit the previous id. Unmatched previous topics stay as candidate
        centroids: they survive if the new data still supports them (see :meth:`_assign`), so a
        density-selection flip in HDBSCAN (one parent cluster instead of two children) does not
        rename half of the corpus.
        """
        sims = emb @ cents.T
        best = np.argmax(sims, axis=1)
        fresh = np.where(sims[np.arange(len(best)), best] >= previous.assign_threshold_, best, -1)
        kws = ctfidf_keywords(corpus, fresh, range(len(cents)), self.n_keywords)
        score = _match_scores(previous, cents, kws, emb, fresh)
        rows, cols = linear_sum_assignment(-score)
        pids = [int(p) for p in previous.topic_ids_]
        ids: list[int | None] = [None] * len(cents)
        matched: set[int] = set()
        for r, c in zip(rows, cols, strict=True):
            if score[r, c] >= self.match_threshold:
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
        if self.sticky:
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
        room = max(0, self.max_topics - len(cents))
        anchors = sorted(anchors, key=lambda j: (-previous.sizes_.get(pids[j], 0), pids[j]))[:room]
        anchors.sort()
        if anchors:
            cents = np.vstack([cents, previous.centroids_[anchors]])
            ids = ids + [pids[j] for j in anchors]
        return cents, ids

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
        ids, _ = self.transform(emb)
        cand = np.flatnonzero(ids == -1)
        if len(cand) < max(min_size, 3):
            return []
        corpus = build_corpus(self._keyword_texts([texts[i] for i in cand]))
        raw = self._cluster(
            emb[cand], corpus.matrix, corpus.units, max(2, min_size), allow_single=True
        )
        cents = _centroids(emb[cand], raw)
        if len(cents):
            # Like fit: every candidate joins its nearest proposal when it clears a threshold
            # calibrated on the proposal's dense members (never stricter than the model's).
            sims = emb[cand] @ cents.T
            best = np.argmax(sims, axis=1)
            best_sim = sims[np.arange(len(best)), best]
            core = best_sim[raw >= 0]
            thr = self.assign_threshold_
            if len(core):
                thr = min(thr, float(np.percentile(core, self.assign_percentile)))
            raw = np.where(best_sim >= thr, best, -1)
            for _ in range(3):  # a few k-means steps: a centroid of few core members is noisy
                keep = [j for j in range(len(cents)) if np.any(raw == j)]
                if not keep:
                    break
                cents = _normalise(np.vstack([emb[cand][raw == j].mean(axis=0) for j in keep]))
                sims = emb[cand] @ cents.T
                best = np.argmax(sims, axis=1)
                raw = np.where(sims[np.arange(len(best)), best] >= thr, best, -1)
        deep = ctfidf_keywords(corpus, raw, range(len(cents)), max(self.n_keywords, 30))
        kws = {j: deep[j][: self.n_keywords] for j in deep}
        out = []
        for j in range(len(cents)):
            members = np.flatnonzero(raw == j)
            near = cents[j] @ self.centroids_.T if len(self.topic_ids_) else np.zeros(1)
            out.append(
                {
                    "label": make_label(deep[j]),
                    "keywords": [k.surface for k in kws[j]],
                    "quotes": representative_quotes(
                        texts, emb, cand[members], cents[j], self.n_quotes
                    ),
                    "members": cand[members].tolist(),
                    "size": len(members),
                    "nearest_topic": int(self.topic_ids_[np.argmax(near)])
                    if len(self.topic_ids_)
                    else -1,
                    "nearest_similarity": float(near.max()),
                }
            )
        return sorted(out, key=lambda d: (-d["size"], d["label"]))

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
        from safetensors.numpy import save_file

        state = {
            "topic_labels": self.topic_labels_,
            "keywords": self.keywords_,
            "keyword_lemmas": self.keyword_lemmas_,
            "quotes": self.quotes_,
            "sizes": self.sizes_,
            "category_of": self.category_of_,
            "assign_threshold": float(self.assign_threshold_),
            "lineage": self.lineage_,
            "n_features_in": int(self.n_features_in_),
        }
        tensors: dict[str, np.ndarray] = {
            "centroids": np.ascontiguousarray(self.centroids_, dtype=np.float32),
            "topic_ids": np.ascontiguousarray(self.topic_ids_, dtype=np.int64),
            "labels": np.ascontiguousarray(self.labels_, dtype=np.int64),
        }
        meta = {
            "format": _FORMAT,
            "params": json.dumps(self.get_params()),
            "state": json.dumps(state),
        }
        save_file(tensors, str(path), metadata=meta)

    @classmethod
    def load(cls, path: Path | str) -> TopicModel:
        """Read a model written by :meth:`save`."""
        from safetensors import safe_open

        with safe_open(str(path), framework="np") as fh:
            meta = fh.metadata() or {}
            if meta.get("format") != _FORMAT:
                raise ValueError(f"{path}: not a {_FORMAT} file")
            arrays = {k: fh.get_tensor(k) for k in fh.keys()}  # noqa: SIM118 (not a dict)
        params = json.loads(meta["params"])
        params["exclude_words"] = tuple(params.get("exclude_words") or ())  # JSON has no tuples
        model = cls(**params)
        state = json.loads(meta["state"])

        def ints(d: dict) -> dict:
            return {int(k): v for k, v in d.items()}

        model.centroids_ = arrays["centroids"]
        model.topic_ids_ = arrays["topic_ids"]
        model.labels_ = arrays["labels"]
        model.topic_labels_ = ints(state["topic_labels"])
        model.keywords_ = ints(state["keywords"])
        model.keyword_lemmas_ = ints(state["keyword_lemmas"])
        model.quotes_ = ints(state["quotes"])
        model.sizes_ = ints(state["sizes"])
        model.category_of_ = ints(state["category_of"])
        model.assign_threshold_ = float(state["assign_threshold"])
        model.lineage_ = state["lineage"]
        model.n_features_in_ = int(state["n_features_in"])
        return model


# ---------------------------------------------------------------- helpers
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

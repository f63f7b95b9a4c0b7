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
``transform`` needs embeddings only. Opt-in (``n_neighbors > 0``, with ``lexical_weight=0``):
HDBSCAN clusters the seeded spectral embedding of the cosine kNN graph of the embeddings instead
(ABSITA NMI 0.350–0.354 against 0.318, id stability 95 %; not the default yet, see docs/architecture.md).

The package: :mod:`.model` (the estimator: fit, assignment, labels), :mod:`.cluster` (hybrid
reduction, kNN-graph spectral embedding and HDBSCAN), :mod:`.refit` (stable ids across refits, lineage), :mod:`.proposals`
(candidate new topics) and :mod:`.artifact` (safetensors file).
"""

from models.topics.model import NEW_CATEGORY, TopicModel

__all__ = ["NEW_CATEGORY", "TopicModel"]

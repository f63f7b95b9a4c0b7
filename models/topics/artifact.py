"""The topic model's file: arrays as safetensors, hyperparameters and state as JSON metadata.

No pickle: loading reads arrays and JSON only.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from models.persist import atomic_path

if TYPE_CHECKING:
    from models.topics.model import TopicModel

_FORMAT = "voc-topicmodel/1"


def save(model: TopicModel, path: Path | str) -> None:
    """Write arrays as safetensors with hyperparameters and state as JSON metadata (atomically)."""
    from safetensors.numpy import save_file

    state = {
        "topic_labels": model.topic_labels_,
        "keywords": model.keywords_,
        "keyword_lemmas": model.keyword_lemmas_,
        "quotes": model.quotes_,
        "sizes": model.sizes_,
        "category_of": model.category_of_,
        "assign_threshold": float(model.assign_threshold_),
        "lineage": model.lineage_,
        "n_features_in": int(model.n_features_in_),
    }
    tensors: dict[str, np.ndarray] = {
        "centroids": np.ascontiguousarray(model.centroids_, dtype=np.float32),
        "topic_ids": np.ascontiguousarray(model.topic_ids_, dtype=np.int64),
        "labels": np.ascontiguousarray(model.labels_, dtype=np.int64),
    }
    meta = {
        "format": _FORMAT,
        "params": json.dumps(model.get_params()),
        "state": json.dumps(state),
    }
    with atomic_path(path) as tmp:
        save_file(tensors, str(tmp), metadata=meta)


def load(cls: type[TopicModel], path: Path | str) -> TopicModel:
    """Read a model written by :func:`save` into a new ``cls`` (:class:`TopicModel`)."""
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

"""train_default: seed loading, embedding cache, artifact + card (with a fake embedder)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from models.sentiment import LABELS, SentimentClassifier
from models.train_default import (
    EXTRA_WEIGHT,
    EmbeddingCache,
    load_seed,
    seed_hash,
    seed_weights,
    train_default,
)

TEXTS = {
    "negativo": [
        "servizio pessimo {i}",
        "non funziona niente, vergogna {i}",
        "bolletta sbagliata {i}",
    ],
    "neutro": ["a che ora apre la sede {i}?", "vorrei cambiare indirizzo {i}", "info orari {i}"],
    "positivo": ["operatore gentilissimo {i}", "tutto perfetto, grazie {i}", "consegna veloce {i}"],
}


def _write_seed(folder: Path, n: int = 8, extra: bool = True) -> None:
    rows = [
        {"text": t.format(i=i), "label": lab, "sector": "telco", "channel": "review",
         "phenomenon": "plain"}
        for lab, templates in TEXTS.items() for t in templates for i in range(n)
    ]  # fmt: skip
    pd.DataFrame(rows).to_csv(folder / "sentiment_seed.csv", index=False)
    if extra:
        pd.DataFrame(
            {"text": ["prodotto rotto dopo un giorno", "ottimo acquisto", " ", "ottimo acquisto"],
             "label": ["negativo", "positivo", "neutro", "negativo"]}
        ).to_csv(folder / "sentiment_seed_extra.csv", index=False)  # fmt: skip


def test_load_seed_validates_and_deduplicates(tmp_path: Path) -> None:
    _write_seed(tmp_path)
    seed = load_seed(tmp_path)
    assert set(seed.columns) >= {"text", "label", "channel", "source"}
    # The blank text and the second (conflicting) "ottimo acquisto" are dropped.
    assert len(seed) == 3 * 3 * 8 + 2
    assert seed.loc[seed.text == "ottimo acquisto", "label"].tolist() == ["positivo"]
    weights = seed_weights(seed)
    assert weights[seed.source == "sentiment_seed_extra.csv"].tolist() == [EXTRA_WEIGHT] * 2
    assert (weights[seed.source == "sentiment_seed.csv"] == 1).all()
    custom = seed_weights(seed, {"sentiment_seed.csv": 2.0})
    assert (custom[seed.source == "sentiment_seed.csv"] == 2).all()
    assert (custom[seed.source == "sentiment_seed_extra.csv"] == 1).all()
    assert seed_hash(seed) == seed_hash(seed.sample(frac=1, random_state=1))

    bad = tmp_path / "bad"
    bad.mkdir()
    pd.DataFrame({"text": ["x"], "label": ["buono"]}).to_csv(bad / "sentiment_seed.csv")
    with pytest.raises(ValueError, match="unknown labels"):
        load_seed(bad)
    with pytest.raises(FileNotFoundError):
        load_seed(tmp_path / "missing")


def test_embedding_cache_embeds_each_text_once(tmp_path: Path, hash_embedder: Any) -> None:
    cache = EmbeddingCache(tmp_path, "seed", hash_embedder.model_id)
    first = cache.embed(["a", "b", "a"], hash_embedder, chunk=1)
    assert first.shape == (3, hash_embedder.dim)
    np.testing.assert_array_equal(first[0], first[2])
    assert hash_embedder.texts_embedded == 2
    # A new cache object on the same folder reads the file: nothing is embedded again.
    again = EmbeddingCache(tmp_path, "seed", hash_embedder.model_id).embed(
        ["b", "a"], hash_embedder
    )
    np.testing.assert_array_equal(again, first[[1, 0]])
    assert hash_embedder.texts_embedded == 2
    # Two writers on one file keep each other's vectors.
    other = EmbeddingCache(tmp_path, "seed", hash_embedder.model_id)
    other.embed(["c"], hash_embedder)
    cache.embed(["d"], hash_embedder)
    merged = EmbeddingCache(tmp_path, "seed", hash_embedder.model_id)._load()
    assert len(merged) == 4


def test_train_default_writes_artifact_and_card(tmp_path: Path, hash_embedder: Any) -> None:
    data, out, cache = tmp_path / "data", tmp_path / "out", tmp_path / "cache"
    data.mkdir()
    _write_seed(data)
    card = train_default(data, out, cache, embedder=hash_embedder, n_splits=3)

    model = SentimentClassifier.load(out / "sentiment_default.skops")
    saved = json.loads((out / "sentiment_default.json").read_text(encoding="utf-8"))
    assert saved == json.loads(json.dumps(card))
    assert saved["embedder"] == hash_embedder.model_id
    assert saved["params"]["n_embedding"] == hash_embedder.dim == model.n_embedding
    assert saved["training_data"]["n"] == 3 * 3 * 8 + 2
    assert saved["training_data"]["files"] == ["sentiment_seed.csv", "sentiment_seed_extra.csv"]
    m = saved["metrics"]
    assert m["cv_folds"] == 3 and m["n"] == saved["training_data"]["n"]
    assert m["macro_f1"] > 0.9
    assert set(m["per_class"]) == set(LABELS)

    # Retraining reuses the cached embeddings and is deterministic.
    embedded = hash_embedder.texts_embedded
    again = train_default(data, out, cache, embedder=hash_embedder, n_splits=3)
    assert hash_embedder.texts_embedded == embedded
    assert again["metrics"] == card["metrics"]
    assert again["data_hash"] == card["data_hash"]

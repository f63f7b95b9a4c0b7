"""retrain_sentiment: star-adapted candidate vs the active model on the same holdout."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from models.embeddings import content_hash
from models.sentiment import LABELS, SentimentClassifier
from pipelines import store
from pipelines.config import Settings
from pipelines.enrich.retrain import stratified_holdout
from pipelines.errors import VocError
from pipelines.steps import retrain as retrain_mod
from pipelines.steps.retrain import retrain_sentiment

NOW = datetime(2026, 11, 2, 7, 0, 0)

SEED = pd.DataFrame(
    {
        "text": [
            f"{w} numero {i}"
            for i in range(20)
            for w in (
                "servizio pessimo, sono furioso",
                "tutto chiaro, chiedo informazioni",
                "operatore gentilissimo, grazie",
            )
        ],
        "label": [lab for _ in range(20) for lab in LABELS],
    }
)

# Domain reviews whose wording the seed never saw: only the customer's stars teach it.
TEMPLATES = {
    1: "il frullatore si blocca e la lama arrugginisce, lotto {i}",
    2: "il frullatore vibra e la caraffa perde acqua, lotto {i}",
    3: "frullatore nella media, fa il suo lavoro senza lode, lotto {i}",
    4: "il frullatore trita il ghiaccio in un attimo, lotto {i}",
    5: "il frullatore trita tutto e si lava in lavastoviglie, lotto {i}",
}


def _insert_reviews(con: Any, n_per_star: int, language: str = "it") -> None:
    rows = []
    for star, template in TEMPLATES.items():
        for i in range(n_per_star):
            text = template.format(i=i)
            rows.append(
                {
                    "doc_id": f"reviews:{star}-{i}-{language}",
                    "kind": "reviews",
                    "created_at": NOW,
                    "text": text,
                    "text_hash": content_hash(text),
                    "rating": float(star),
                    "language": language,
                    "is_duplicate": False,
                }
            )
    frame = pd.DataFrame(rows)
    con.register("_rev", frame)
    con.execute(
        "INSERT INTO documents (doc_id, kind, created_at, text, text_hash, rating, language,"
        " is_duplicate) SELECT doc_id, kind, created_at, text, text_hash, rating, language,"
        " is_duplicate FROM _rev"
    )
    con.unregister("_rev")


def _register_active(con: Any, path: Path, model_id: str = "sentiment:default-1") -> None:
    store.register_model(
        con, model_id=model_id, task="sentiment", version="1", created_at=NOW, data_hash="x",
        metrics={}, artifact_path=str(path), status="active",
    )  # fmt: skip


@pytest.fixture(scope="module")
def tiny_base(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """A tiny random encoder saved locally (tests/models/test_sentiment_finetune.py)."""
    from tests.models.test_sentiment_finetune import tiny_encoder_base

    yield from tiny_encoder_base(tmp_path_factory)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(db=tmp_path / "voc.duckdb", seed=7)


def test_promotes_a_better_candidate(settings: Settings, weak_active: Path, hash_embedder: Any):
    con = store.connect(settings.db)
    _insert_reviews(con, 50)
    _insert_reviews(con, 5, language="en")  # not Italian: ignored
    _register_active(con, weak_active)
    con.close()

    result = retrain_sentiment(settings, NOW, embedder=hash_embedder, seed_data=SEED)

    assert result["model_id"] == "sentiment:stars-20261102T070000"
    assert result["n_stars"] == 250
    assert result["n_train"] + result["n_holdout"] == 250
    assert result["holdout_labels"] == {"negativo": 20, "neutro": 10, "positivo": 20}
    assert result["candidate_macro_f1"] > result["active_macro_f1"]
    assert result["candidate_macro_f1"] > 0.9
    assert result["promoted"] is True
    assert Path(result["artifact_path"]).exists()
    assert Path(result["artifact_path"]).parent == settings.db.parent / "voc_models"
    # The customer's texts reached the adaptation: a text head was fitted on them and its
    # weight cross-validated (here the embeddings already separate the classes, so 0 may win).
    candidate = SentimentClassifier.load(Path(result["artifact_path"]))
    assert set(candidate.text_weight_scores_) == {"0.0", "0.2", "0.35"}
    assert result["text_head"] == {
        "weight": candidate.text_weight_,
        "cv_macro_f1": candidate.text_weight_scores_,
    }

    con = store.connect(settings.db)
    active = store.active_model(con, "sentiment")
    assert active is not None and active["model_id"] == result["model_id"]
    statuses = dict(con.execute("SELECT model_id, status FROM models").fetchall())
    assert statuses["sentiment:default-1"] == "retired"
    # Customer and seed texts are now in the embeddings cache.
    cached = con.execute(
        "SELECT count(*) FROM embeddings WHERE model_id = ?", [hash_embedder.model_id]
    ).fetchone()[0]
    assert cached == 250 + len(SEED)
    con.close()

    # A second run embeds nothing new.
    before = hash_embedder.texts_embedded
    retrain_sentiment(settings, NOW.replace(hour=8), embedder=hash_embedder, seed_data=SEED)
    assert hash_embedder.texts_embedded == before


class Oracle:
    """A text-native 'model' that knows the truth: no candidate can beat it."""

    def __init__(self, truth: dict[str, str]) -> None:
        self.truth = truth

    def predict_proba_texts(self, texts: list[str]) -> np.ndarray:
        return np.eye(3)[[LABELS.index(self.truth[t]) for t in texts]]


def test_keeps_the_active_model_when_the_candidate_is_not_better(
    settings: Settings, weak_active: Path, hash_embedder: Any, monkeypatch: pytest.MonkeyPatch
):
    con = store.connect(settings.db)
    _insert_reviews(con, 45)
    _register_active(con, weak_active)
    con.close()
    truth = {
        t.format(i=i): ("negativo" if s <= 2 else "neutro" if s == 3 else "positivo")
        for s, t in TEMPLATES.items()
        for i in range(45)
    }
    monkeypatch.setattr(retrain_mod, "load_sentiment", lambda *a, **k: Oracle(truth))

    result = retrain_sentiment(settings, NOW, embedder=hash_embedder, seed_data=SEED)

    assert result["active_macro_f1"] == 1.0
    assert result["promoted"] is False
    assert result["active_model_id"] == "sentiment:default-1"
    con = store.connect(settings.db)
    statuses = dict(con.execute("SELECT model_id, status FROM models").fetchall())
    con.close()
    assert statuses == {"sentiment:default-1": "active", result["model_id"]: "candidate"}


def test_human_labels_are_mixed_in_and_override_stars(
    settings: Settings, weak_active: Path, hash_embedder: Any, tmp_path: Path
):
    con = store.connect(settings.db)
    _insert_reviews(con, 42)
    _register_active(con, weak_active)
    con.close()
    labels = tmp_path / "labels.csv"
    labels.write_text(
        "text,label\n"
        + "".join(f"la garanzia copre la lama numero {i},neutral\n" for i in range(10))
        + f'"{TEMPLATES[4].format(i=0)}",negativo\n'
        + "testo senza etichetta,\n",
        encoding="utf-8",
    )
    result = retrain_sentiment(
        settings, NOW, labels_path=labels, embedder=hash_embedder, seed_data=SEED
    )
    assert result["n_human"] == 11
    assert result["n_stars"] == 5 * 42 - 1


def test_too_few_ratings_is_a_one_line_error(settings: Settings, hash_embedder: Any):
    con = store.connect(settings.db)
    _insert_reviews(con, 10)
    con.close()
    with pytest.raises(VocError, match="only 50 rated Italian reviews") as info:
        retrain_sentiment(settings, NOW, embedder=hash_embedder, seed_data=SEED)
    assert "\n" not in str(info.value)


def test_stratified_holdout_keeps_class_shares() -> None:
    y = np.array(["negativo"] * 40 + ["neutro"] * 20 + ["positivo"] * 140, dtype=object)
    train, hold = stratified_holdout(y, 0.2, seed=1)
    assert len(hold) == 40 and not set(train) & set(hold)
    assert pd.Series(y[hold]).value_counts().to_dict() == {
        "positivo": 28,
        "negativo": 8,
        "neutro": 4,
    }
    # A class with a single example cannot be stratified: plain split, no crash.
    y1 = np.array(["negativo"] + ["positivo"] * 20, dtype=object)
    train, hold = stratified_holdout(y1, 0.2, seed=1)
    assert len(train) + len(hold) == 21


def test_finetune_candidate_is_compared_and_saved_as_safetensors(
    settings: Settings, weak_active: Path, hash_embedder: Any, tiny_base: Any
):
    from models.sentiment_finetune import FinetunedSentiment, is_finetuned_dir
    from pipelines.steps.retrain import FinetuneOptions
    from tests.models.test_sentiment_finetune import FAST

    con = store.connect(settings.db)
    _insert_reviews(con, 40)
    _register_active(con, weak_active)
    con.close()
    options = FinetuneOptions(params={**FAST, "n_layers": 1}, seed_rows=30, base=tiny_base)

    result = retrain_sentiment(
        settings, NOW, embedder=hash_embedder, seed_data=SEED, finetune=True,
        finetune_options=options,
    )  # fmt: skip

    assert result["model_id"] == "sentiment:finetuned-20261102T070000"
    assert result["n_train"] + result["n_holdout"] == 200
    assert result["candidate_macro_f1"] > result["active_macro_f1"]
    assert result["promoted"] is True
    folder = Path(result["artifact_path"])
    assert is_finetuned_dir(folder) and folder.parent == settings.db.parent / "voc_models"
    model = FinetunedSentiment.load(folder, base=tiny_base)
    assert model.n_layers == 1 and model.random_state == settings.seed
    con = store.connect(settings.db)
    row = con.execute(
        "SELECT status, params FROM models WHERE model_id = ?", [result["model_id"]]
    ).fetchone()
    # The fine-tuned vectors never enter the shared cache: only the base embedder's are there.
    ids = {r[0] for r in con.execute("SELECT DISTINCT model_id FROM embeddings").fetchall()}
    con.close()
    assert row[0] == "active" and '"finetune": true' in row[1]
    assert ids == {hash_embedder.model_id}

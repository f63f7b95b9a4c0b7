"""HFSentimentClassifier on tiny random checkpoints built locally (fast, no download)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from models.hf_sentiment import (
    CARD_NAME,
    HFSentimentClassifier,
    infer_label_map,
    parse_label_map,
)
from models.sentiment import LABELS, predict_records

WORDS = [
    "[PAD]",
    "[UNK]",
    "[CLS]",
    "[SEP]",
    "[MASK]",
    "il",
    "la",
    "servizio",
    "non",
    "funziona",
    "ottimo",
    "pessimo",
    "bene",
    "male",
    "grazie",
    "bolletta",
    "rimborso",
    "veloce",
    "lento",
    "gentili",
    "scortesi",
    "informazioni",
    "orari",
    "sede",
]


def _checkpoint(path: Path, id2label: dict[int, str], seed: int = 0) -> Path:
    import torch
    from transformers import BertConfig, BertForSequenceClassification, BertTokenizerFast

    path.mkdir(parents=True, exist_ok=True)
    vocab = path / "vocab.txt"
    vocab.write_text("\n".join(WORDS) + "\n", encoding="utf-8")
    torch.manual_seed(seed)
    config = BertConfig(
        vocab_size=len(WORDS),
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=64,
        num_labels=len(id2label),
        id2label=id2label,
        label2id={v: k for k, v in id2label.items()},
    )
    BertForSequenceClassification(config).save_pretrained(path)
    BertTokenizerFast(vocab=str(vocab)).save_pretrained(path)
    return path


@pytest.fixture(autouse=True, scope="module")
def one_torch_thread() -> object:
    """Tiny models gain nothing from threads, and on a busy machine threads spin: use one."""
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


@pytest.fixture(scope="module")
def three_class(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # Source order deliberately differs from LABELS to prove the mapping is applied.
    return _checkpoint(
        tmp_path_factory.mktemp("clf3"), {0: "positive", 1: "negative", 2: "neutral"}
    )


@pytest.fixture(scope="module")
def two_class(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _checkpoint(tmp_path_factory.mktemp("clf2"), {0: "LABEL_0", 1: "LABEL_1"})


TEXTS = ["il servizio non funziona", "ottimo servizio", "informazioni orari sede", "grazie"]


def _softmax_source(path: Path, texts: list[str]) -> np.ndarray:
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    tok = AutoTokenizer.from_pretrained(path)
    model = AutoModelForSequenceClassification.from_pretrained(path).eval()
    with torch.inference_mode():
        logits = model(**tok(texts, padding=True, return_tensors="pt")).logits
    return torch.softmax(logits, -1).numpy()


def test_parse_label_map() -> None:
    assert parse_label_map("negative=negativo, neutral=neutro ,positive=positivo") == {
        "negative": "negativo",
        "neutral": "neutro",
        "positive": "positivo",
    }
    assert parse_label_map("") == {}
    with pytest.raises(ValueError, match="not one of"):
        parse_label_map("LABEL_0=bad")
    with pytest.raises(ValueError, match="source=target"):
        parse_label_map("LABEL_0")


def test_infer_label_map_names_stars_and_refusal() -> None:
    assert infer_label_map({0: "NEG", 1: "Neutral", 2: "positivo"}) == {
        "NEG": "negativo",
        "Neutral": "neutro",
        "positivo": "positivo",
    }
    stars = infer_label_map({i: f"{i + 1} stars" for i in range(5)})
    assert list(stars.values()) == ["negativo", "negativo", "neutro", "positivo", "positivo"]
    with pytest.raises(ValueError, match="sentiment_label_map"):
        infer_label_map({0: "LABEL_0", 1: "LABEL_1"})


def test_three_class_probabilities_follow_the_label_map(three_class: Path) -> None:
    model = HFSentimentClassifier(three_class, batch_size=3, device="cpu")
    proba = model.predict_proba_texts(TEXTS)
    assert proba.shape == (len(TEXTS), 3)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0, atol=1e-6)
    source = _softmax_source(three_class, TEXTS)
    # LABELS order: negativo ← source 1, neutro ← source 2, positivo ← source 0.
    np.testing.assert_allclose(proba, source[:, [1, 2, 0]], atol=1e-5)


def test_label_map_can_merge_and_use_indices(three_class: Path) -> None:
    model = HFSentimentClassifier(three_class, label_map="0=positivo,1=negativo,2=negativo")
    proba = model.predict_proba_texts(TEXTS)
    source = _softmax_source(three_class, TEXTS)
    # No source maps to neutro: neutral is derived from the polar margin, and the polar
    # probabilities keep the ratio of P(positive) to P(negative) + P(neutral) merged.
    assert model.derive_neutral_
    polar_pos = proba[:, 2] / (proba[:, 0] + proba[:, 2])
    np.testing.assert_allclose(polar_pos, source[:, 0], atol=1e-5)


def test_incomplete_label_map_is_refused(three_class: Path) -> None:
    model = HFSentimentClassifier(three_class, label_map="positive=positivo,negative=negativo")
    with pytest.raises(ValueError, match="does not cover"):
        model.predict_proba_texts(["ciao"])


def test_two_class_checkpoint_derives_neutral(two_class: Path) -> None:
    with pytest.raises(ValueError, match="self-describing"):
        HFSentimentClassifier(two_class).predict_proba_texts(["ciao"])
    model = HFSentimentClassifier(
        two_class, label_map="LABEL_0=negativo,LABEL_1=positivo", neutral_margin=0.5
    )
    proba = model.predict_proba_texts(TEXTS)
    source = _softmax_source(two_class, TEXTS)
    margin = np.abs(source[:, 1] - source[:, 0])
    expected_neutral = np.clip(1 - margin / 0.5, 0, 1)
    np.testing.assert_allclose(proba[:, 1], expected_neutral, atol=1e-5)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0, atol=1e-6)
    # The polar ratio is preserved.
    polar = proba[:, [0, 2]] / proba[:, [0, 2]].sum(1, keepdims=True)
    np.testing.assert_allclose(polar, source, atol=1e-5)


def test_two_class_neutral_rule_on_fixed_probabilities(two_class: Path) -> None:
    model = HFSentimentClassifier(two_class, label_map="LABEL_0=negativo,LABEL_1=positivo")
    model._load()
    out = model._postprocess(np.array([[0.5, 0.5], [0.0, 1.0], [0.9, 0.1]]))
    np.testing.assert_allclose(out[0], [0.0, 1.0, 0.0])  # undecided → all neutral
    np.testing.assert_allclose(out[1], [0.0, 0.0, 1.0])  # confident → no neutral
    assert out[2].argmax() == 0 and out[2, 1] == pytest.approx(0.0)


def test_predict_records_uses_texts(three_class: Path) -> None:
    model = HFSentimentClassifier(three_class)
    rec = predict_records(model, np.zeros((2, 0)), ["ottimo", "pessimo servizio"])
    assert rec["proba"].shape == (2, 3)
    assert set(rec["label"]) <= set(LABELS)
    np.testing.assert_allclose(rec["score"], rec["proba"][:, 2] - rec["proba"][:, 0])


def test_batching_does_not_change_results(three_class: Path) -> None:
    one = HFSentimentClassifier(three_class, batch_size=1).predict_proba_texts(TEXTS)
    many = HFSentimentClassifier(three_class, batch_size=8).predict_proba_texts(TEXTS)
    np.testing.assert_allclose(one, many, atol=1e-5)


def test_fit_learns_and_save_load_round_trip(two_class: Path, tmp_path: Path) -> None:
    texts = ["servizio ottimo veloce", "gentili bene grazie", "pessimo lento male",
             "scortesi non funziona", "informazioni orari sede", "la bolletta il rimborso"] * 2  # fmt: skip
    labels = ["positivo", "positivo", "negativo", "negativo", "neutro", "neutro"] * 2
    model = HFSentimentClassifier(
        two_class, label_map="LABEL_0=negativo,LABEL_1=positivo", batch_size=6
    )
    model.fit(texts, labels, epochs=100, lr=1e-3, seed=0)
    # The 2-class head was replaced by a 3-way head in LABELS order.
    assert not model.derive_neutral_
    assert model.model_.config.id2label == dict(enumerate(LABELS))
    pred = model.predict(texts[:6])
    assert (pred == np.asarray(labels[:6], dtype=object)).mean() >= 5 / 6

    out = tmp_path / "fine-tuned"
    model.save(out)
    assert (out / "model.safetensors").exists()
    card = json.loads((out / CARD_NAME).read_text())
    assert card["label_map"] == "negativo=negativo,neutro=neutro,positivo=positivo"
    again = HFSentimentClassifier.load(out)
    np.testing.assert_allclose(
        again.predict_proba_texts(texts[:6]), model.predict_proba_texts(texts[:6]), atol=1e-5
    )


def test_fit_is_seeded(three_class: Path) -> None:
    texts, labels = ["ottimo bene", "pessimo male", "orari sede"], list(LABELS[::-1])
    runs = [
        HFSentimentClassifier(three_class, batch_size=2)
        .fit(texts, labels, epochs=1, lr=1e-3, seed=3)
        .predict_proba_texts(texts)
        for _ in range(2)
    ]
    np.testing.assert_allclose(runs[0], runs[1], atol=1e-6)


def test_fit_rejects_unknown_labels(three_class: Path) -> None:
    with pytest.raises(ValueError, match="unknown labels"):
        HFSentimentClassifier(three_class).fit(["a"], ["buono"])


def test_load_requires_a_checkpoint(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"config\.json"):
        HFSentimentClassifier.load(tmp_path)


def test_registry_loads_a_directory_as_hf_model(three_class: Path) -> None:
    from models.registry import load_sentiment

    model = load_sentiment(str(three_class), "positive=positivo,negative=negativo,neutral=neutro")
    assert isinstance(model, HFSentimentClassifier)
    assert model.predict_proba_texts(["ciao"]).shape == (1, 3)

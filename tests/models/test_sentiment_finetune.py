"""Fine-tuning the encoder's top layers: a tiny random BERT saved locally, no downloads."""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from models.sentiment_finetune import (
    CARD_NAME,
    WEIGHTS_NAME,
    EncoderBase,
    FinetunedSentiment,
    is_finetuned_dir,
)

POSITIVE = ("ottimo", "perfetto", "gentile", "veloce", "grazie")
NEGATIVE = ("pessimo", "guasto", "lento", "truffa", "rotto")
NEUTRAL = ("informazione", "orario", "indirizzo", "modulo", "codice")
FILLER = ("il", "servizio", "prodotto", "la", "consegna", "è", "molto", "davvero")


class WordTokenizer:
    """Whitespace words → ids: the words above first, any other word hashed (crc32)."""

    bos, eos, pad = 0, 2, 1

    def __init__(self, size: int = 64) -> None:
        words = ["query:", *POSITIVE, *NEGATIVE, *NEUTRAL, *FILLER]
        self.vocab = {w: i + 3 for i, w in enumerate(words)}
        self.size = size

    def content_ids(self, text: str) -> list[int]:
        first = 3 + len(self.vocab)
        return [
            self.vocab.get(w, first + zlib.crc32(w.encode()) % (self.size - first))
            for w in text.lower().split()
        ]


@pytest.fixture(scope="module")
def tiny_base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EncoderBase]:
    """A 3-layer, 32-dim random BertModel saved with save_pretrained."""
    yield from tiny_encoder_base(tmp_path_factory)


def tiny_encoder_base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EncoderBase]:
    """Build the tiny base (shared with the retrain step's tests)."""
    import torch
    from transformers import BertConfig, BertModel

    path = tmp_path_factory.mktemp("tiny-e5")
    # Tiny tensors: one thread is faster than two that wait on each other on a busy machine.
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    torch.manual_seed(0)
    config = BertConfig(
        vocab_size=64, hidden_size=32, num_hidden_layers=3, num_attention_heads=2,
        intermediate_size=64, max_position_embeddings=64, pad_token_id=1,
    )  # fmt: skip
    BertModel(config, add_pooling_layer=False).save_pretrained(path)
    yield EncoderBase(path, WordTokenizer(), "tiny/test-1")
    torch.set_num_threads(threads)


def _data(n: int, seed: int) -> tuple[list[str], np.ndarray]:
    rng = np.random.default_rng(seed)
    texts, labels = [], []
    for i in range(n):
        label, words = [("positivo", POSITIVE), ("negativo", NEGATIVE), ("neutro", NEUTRAL)][i % 3]
        body = [str(rng.choice(FILLER)) for _ in range(int(rng.integers(2, 6)))]
        body.insert(int(rng.integers(0, len(body))), str(rng.choice(words)))
        texts.append(" ".join(body))
        labels.append(label)
    return texts, np.asarray(labels, dtype=object)


FAST = {
    "epochs": 4, "lr": 1e-3, "head_lr": 1e-2, "batch_size": 8, "head_C": 100.0,
    "calibration_share": 0.0,
}  # fmt: skip


def test_learns_the_labels_and_predicts_probabilities(tiny_base: EncoderBase) -> None:
    texts, y = _data(120, 0)
    model = FinetunedSentiment(n_layers=1, **FAST).fit(texts, y, base=tiny_base)
    test_texts, test_y = _data(60, 1)
    proba = model.predict_proba_texts(test_texts)
    assert proba.shape == (60, 3)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0, atol=1e-9)
    assert (model.predict(test_texts) == test_y).mean() > 0.8


def test_only_the_top_layers_change(tiny_base: EncoderBase) -> None:
    import torch
    from transformers import BertModel

    texts, y = _data(60, 2)
    model = FinetunedSentiment(n_layers=1, **FAST).fit(texts, y, base=tiny_base)
    before = BertModel.from_pretrained(str(tiny_base.bert_dir), add_pooling_layer=False)
    for i, (old, new) in enumerate(
        zip(before.encoder.layer, model.bert_.encoder.layer, strict=True)
    ):
        same = all(
            torch.equal(a, b)
            for a, b in zip(old.state_dict().values(), new.state_dict().values(), strict=True)
        )
        assert same == (i < 2), f"layer {i}"
    assert torch.equal(
        before.embeddings.word_embeddings.weight, model.bert_.embeddings.word_embeddings.weight
    )


def test_same_seed_same_model_and_the_seed_matters(tiny_base: EncoderBase) -> None:
    texts, y = _data(60, 3)
    probe, _ = _data(20, 4)
    a = FinetunedSentiment(n_layers=1, random_state=5, **FAST).fit(texts, y, base=tiny_base)
    b = FinetunedSentiment(n_layers=1, random_state=5, **FAST).fit(texts, y, base=tiny_base)
    c = FinetunedSentiment(n_layers=1, random_state=6, **FAST).fit(texts, y, base=tiny_base)
    np.testing.assert_array_equal(a.predict_proba_texts(probe), b.predict_proba_texts(probe))
    assert not np.array_equal(a.predict_proba_texts(probe), c.predict_proba_texts(probe))


def test_a_text_scores_the_same_alone_and_in_a_batch(tiny_base: EncoderBase) -> None:
    texts, y = _data(60, 5)
    model = FinetunedSentiment(n_layers=1, **FAST).fit(texts, y, base=tiny_base)
    probe, _ = _data(15, 6)
    batched = model.predict_proba_texts(probe)
    alone = np.vstack([model.predict_proba_texts([t]) for t in probe])
    np.testing.assert_allclose(batched, alone, atol=1e-5)


def test_save_and_load_round_trip_with_safetensors(tiny_base: EncoderBase, tmp_path: Path) -> None:
    texts, y = _data(90, 7)
    model = FinetunedSentiment(n_layers=2, calibration_share=0.25, epochs=2).fit(
        texts, y, base=tiny_base
    )
    assert model.temperature_ != 1.0  # fitted on the held-out quarter
    folder = tmp_path / "ft"
    model.save(folder)
    assert is_finetuned_dir(folder) and (folder / WEIGHTS_NAME).exists()
    assert not list(folder.glob("*.pkl")) and not list(folder.glob("*.bin"))
    loaded = FinetunedSentiment.load(folder, base=tiny_base)
    probe, _ = _data(20, 8)
    np.testing.assert_allclose(
        loaded.predict_proba_texts(probe), model.predict_proba_texts(probe), atol=1e-6
    )
    assert loaded.params() == model.params()


def test_load_refuses_another_base_encoder(tiny_base: EncoderBase, tmp_path: Path) -> None:
    texts, y = _data(30, 9)
    FinetunedSentiment(n_layers=1, **FAST).fit(texts, y, base=tiny_base).save(tmp_path / "ft")
    other = EncoderBase(tiny_base.bert_dir, tiny_base.tokenizer, "tiny/test-2")
    with pytest.raises(ValueError, match=r"fine-tuned on encoder tiny/test-1"):
        FinetunedSentiment.load(tmp_path / "ft", base=other)
    with pytest.raises(ValueError, match=re.escape(CARD_NAME)):
        FinetunedSentiment.load(tmp_path, base=tiny_base)


def test_two_class_rows_never_predict_the_missing_class(tiny_base: EncoderBase) -> None:
    texts, y = _data(90, 10)
    keep = y != "neutro"
    model = FinetunedSentiment(n_layers=1, **FAST).fit(
        [t for t, k in zip(texts, keep, strict=True) if k], y[keep], base=tiny_base
    )
    probe, _ = _data(30, 11)
    assert model.predict_proba_texts(probe)[:, 1].max() < 0.05


def test_rejects_unknown_labels_and_bad_layer_counts(tiny_base: EncoderBase) -> None:
    texts, y = _data(30, 12)
    with pytest.raises(ValueError, match="unknown labels"):
        FinetunedSentiment().fit(texts, np.asarray(["bene"] * 30), base=tiny_base)
    with pytest.raises(ValueError, match="n_layers"):
        FinetunedSentiment(n_layers=4).fit(texts, y, base=tiny_base)

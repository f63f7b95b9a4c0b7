"""The issue's stories 1–3 at the step level, on small generated databases.

1. rename a theme → refit → it keeps its name in the views and the report;
2. merge two themes → refit → still merged, history regrouped;
3. dismiss an alert → detection replayed on the next week → not new again, nothing notified.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pandas as pd
import pytest

import models.embeddings
from pipelines import steps, store
from pipelines.config import Settings
from pipelines.steps import embed as embed_step
from pipelines.steps.detect import run_detection
from pipelines.steps.report import build_report
from tests.conftest import HashEmbedder
from tests.fixtures import curation_db
from tests.fixtures.detection_db import BURST_TEXT, START, build, week_of


def query(settings: Settings, sql: str) -> pd.DataFrame:
    with store.connection(settings, read_only=True) as con:
        return store.query_df(con, sql)


@pytest.fixture(scope="module")
def refitted(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """Rename one theme and merge two, then refit the topic model a month later."""
    patch = pytest.MonkeyPatch()
    embedder = HashEmbedder()
    patch.setattr(embed_step, "make_embedder", lambda *a, **k: embedder)
    patch.setattr(models.embeddings, "make_embedder", lambda *a, **k: embedder)
    try:
        settings = curation_db.build(tmp_path_factory.mktemp("stories"))
        docs = query(settings, "SELECT doc_id, topic_id FROM v_documents WHERE topic_id >= 0")
        docs["subject"] = docs["doc_id"].map(curation_db.subject_of)
        main = docs.groupby("subject")["topic_id"].agg(lambda s: int(s.mode().iat[0])).to_dict()
        assert len(set(main.values())) == 4, main  # one topic per subject: the premise
        now = curation_db.NOW
        steps.rename_theme(settings, main["bollette"], "Doppia fatturazione", who="giulia", now=now)
        steps.merge_themes(settings, [main["app"], main["consegne"]], name="App e consegne",
                           who="giulia", now=now)  # fmt: skip
        before = query(settings, "SELECT iso_week, topic_id, topic_label, volume"
                                 " FROM v_weekly_topics WHERE topic_id >= 0")  # fmt: skip
        later = now + timedelta(days=35)
        refit = steps.refit_topics_if_due(settings, later)
        steps.enrich(settings, later)
        yield {"settings": settings, "main": main, "before": before, "refit": refit,
               "later": later}  # fmt: skip
    finally:
        patch.undo()


def test_story1_a_renamed_theme_keeps_its_name_after_a_refit(refitted: dict[str, Any]) -> None:
    settings, main = refitted["settings"], refitted["main"]
    assert refitted["refit"]["refit"] is True
    models_used = query(settings, "SELECT DISTINCT topic_model FROM v_documents"
                                  " WHERE topic_model IS NOT NULL")  # fmt: skip
    assert models_used["topic_model"].tolist() == [refitted["refit"]["model_id"]]
    docs = query(settings, "SELECT doc_id, topic_label FROM v_documents WHERE topic_id >= 0")
    bills = docs[docs["doc_id"].map(curation_db.subject_of) == "bollette"]
    assert (bills["topic_label"] == "Doppia fatturazione").mean() > 0.8
    weekly = query(settings, f"SELECT DISTINCT iso_week, topic_label FROM v_weekly_topics"
                             f" WHERE topic_id = {main['bollette']}")  # fmt: skip
    assert set(weekly["topic_label"]) == {"Doppia fatturazione"} and len(weekly) == 6
    themes = {t["theme_id"]: t for t in steps.list_themes(settings)}
    assert themes[main["bollette"]]["label"] == "Doppia fatturazione"
    with store.connection(settings, read_only=True) as con:
        html = build_report(con, None, refitted["later"])
    assert "Doppia fatturazione" in html
    assert steps.review_items(settings) == []


def test_story2_merged_themes_stay_merged_and_the_history_is_regrouped(
    refitted: dict[str, Any],
) -> None:
    settings, main = refitted["settings"], refitted["main"]
    group, other = main["app"], main["consegne"]
    weekly = query(settings, "SELECT iso_week, topic_id, topic_label, volume, model_topic_ids"
                             " FROM v_weekly_topics WHERE topic_id >= 0")  # fmt: skip
    merged = weekly[weekly["topic_label"] == "App e consegne"]
    assert set(merged["topic_id"]) == {group} and len(merged) == 6  # one row a week, every week
    assert other not in set(weekly["topic_id"])
    assert all(sorted(ids) == sorted({group, other}) for ids in merged["model_topic_ids"])
    docs = query(settings, "SELECT doc_id, topic_id FROM v_documents WHERE topic_id >= 0")
    subjects = docs["doc_id"].map(curation_db.subject_of)
    for subject in ("app", "consegne"):
        assert (docs.loc[subjects == subject, "topic_id"] == group).mean() > 0.8
    # The regrouped history counts what the two themes counted apart before the refit.
    before = refitted["before"]
    apart = before[before["topic_label"] == "App e consegne"].groupby("iso_week")["volume"].sum()
    together = merged.set_index("iso_week")["volume"]
    assert (together - apart.loc[together.index]).abs().max() <= 3


class _Hook(BaseHTTPRequestHandler):
    received: ClassVar[list[dict]] = []

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).received.append(json.loads(body))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        """Silence the default stderr logging."""


@pytest.fixture
def webhook() -> Iterator[tuple[str, list[dict]]]:
    handler = type("Hook", (_Hook,), {"received": []})
    server = HTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"json://127.0.0.1:{server.server_port}/hook", handler.received  # apprise JSON
    finally:
        server.shutdown()
        server.server_close()


def _add_late_burst(path: Path, week: int, n: int) -> None:
    """Late-arriving complaints about topic 2 in an earlier ``week`` (a re-cut episode)."""
    from models.embeddings import content_hash

    con = store.connect(path)
    try:
        docs, enr = [], []
        for i in range(n):
            doc_id, text = f"reviews:late{i}", BURST_TEXT.format(i=f"tardivo {i}")
            created = START + timedelta(weeks=week, days=1 + i % 5)
            docs.append(
                {
                    "doc_id": doc_id,
                    "kind": "reviews",
                    "source_id": f"late{i}",
                    "channel": "app_store",
                    "customer_id": None,
                    "created_at": created,
                    "updated_at": None,
                    "title": None,
                    "text": text,
                    "text_hash": content_hash(text),
                    "rating": None,
                    "status": None,
                    "language": "it",
                    "is_duplicate": False,
                    "duplicate_of": None,
                    "repairs": [],
                    "redacted": True,
                    "source_file": "late",
                    "source_row": i + 1,
                    "ingest_run_id": "r1",
                    "ingested_at": created,
                }
            )
            enr.append(
                {
                    "doc_id": doc_id,
                    "text_hash": content_hash(text),
                    "sentiment_label": "negativo",
                    "sentiment_score": -0.9,
                    "p_negativo": None,
                    "p_neutro": None,
                    "p_positivo": None,
                    "topic_id": 2,
                    "topic_similarity": 0.9,
                    "category_id": "fatturazione_bollette",
                    "churn_intent": False,
                    "churn_cues": [],
                    "escalation": False,
                    "escalation_cues": [],
                    "sentiment_model": "s:test",
                    "topic_model": "topics:test",
                    "run_id": "e1",
                    "enriched_at": created,
                }
            )
        comments = pd.DataFrame(
            columns=["doc_id", "comment_id", "comment_idx", "author_role", "created_at", "text"]
        )
        quarantine = pd.DataFrame(
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
        store.write_batch(con, pd.DataFrame(docs), comments, quarantine)
        enrichments = pd.DataFrame(enr)
        aspects = enrichments.assign(n_sentences=1)[list(store.DOC_TOPIC_COLUMNS)]
        store.write_enrichments(con, enrichments, aspects)
    finally:
        con.close()  # fmt: skip


def test_story3_a_dismissed_alert_is_not_new_again_and_not_notified(
    tmp_path: Path, webhook: tuple[str, list[dict]]
) -> None:
    url, received = webhook
    path = tmp_path / "voc.duckdb"
    truth = build(path)
    burst = truth["burst_week"]
    alert_id = f"topic:2:{burst}"
    quiet = Settings(db=path)  # no notification channel yet: nobody has been told
    monday = START + timedelta(weeks=11, hours=8)  # the burst week just closed
    first = run_detection(quiet, None, monday)
    assert first["week"] == burst and alert_id in first["new_alerts"]
    steps.triage_alert(quiet, alert_id, "falso allarme", reason="migrazione già gestita",
                       who="giulia", now=monday + timedelta(hours=1))  # fmt: skip

    loud = Settings(db=path, notify_urls=[url])
    replay = run_detection(loud, None, monday + timedelta(hours=2))
    assert alert_id not in replay["new_alerts"] and received == []
    row = replay["alerts"][[a["alert_id"] for a in replay["alerts"]].index(alert_id)]
    assert row["status"] == "nuovo" and row["triage_state"] == "falso allarme"

    # The next week: the episode goes on, still dismissed; other new alerts are still sent.
    next_monday = monday + timedelta(weeks=1)
    nxt = run_detection(loud, None, next_monday)
    assert nxt["week"] == week_of(11) and alert_id not in nxt["new_alerts"]
    assert nxt["new_alerts"] and len(received) == len(nxt["new_alerts"])
    assert not any("Addebiti in bolletta" in r["title"] + r["message"] for r in received)
    view = query(loud, f"SELECT iso_week, status, triage_state, triage_reason"
                       f" FROM v_emerging_complaints WHERE alert_id = '{alert_id}'")  # fmt: skip
    assert set(view["triage_state"]) == {"falso allarme"} and len(view) >= 2
    assert set(view["triage_reason"]) == {"migrazione già gestita"}

    # Late complaints move the episode's start a week earlier: a new id, the same episode.
    _add_late_burst(path, 9, 14)
    sent = len(received)
    recut = run_detection(loud, None, next_monday + timedelta(hours=1))
    moved = query(loud, "SELECT DISTINCT alert_id, triage_state FROM v_emerging_complaints"
                        " WHERE alert_id LIKE 'topic:2:%'")  # fmt: skip
    assert moved.values.tolist() == [[f"topic:2:{week_of(9)}", "falso allarme"]]
    assert recut["new_alerts"] == [] and len(received) == sent

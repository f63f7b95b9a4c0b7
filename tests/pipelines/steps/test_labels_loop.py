"""The loops close: stored labels reach ``voc retrain sentiment`` (registry hash and card), and
churn follow-ups refit the churn weights once there are enough of them (generated data)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from pipelines import store
from pipelines.config import Settings
from pipelines.steps import labels as steps
from pipelines.steps.detect import run_detection
from pipelines.steps.retrain import retrain_sentiment
from tests.fixtures.detection_db import build
from tests.pipelines.detect.test_detect import NOW as DETECT_NOW
from tests.pipelines.detect.test_detect import _add_churners
from tests.pipelines.enrich.test_retrain import NOW, SEED, _insert_reviews, _register_active


def _registry(db: Path, model_id: str) -> tuple[str, dict[str, Any]]:
    con = store.connect(db, read_only=True)
    try:
        row = con.execute("SELECT data_hash, params FROM models WHERE model_id = ?",
                          [model_id]).fetchone()  # fmt: skip
    finally:
        con.close()
    assert row is not None
    return str(row[0]), json.loads(row[1]) if isinstance(row[1], str) else dict(row[1])


def test_retrain_reads_the_stored_labels_and_the_holdout_still_decides(
    tmp_path: Path, weak_active: Path, hash_embedder: Any
) -> None:
    settings = Settings(db=tmp_path / "voc.duckdb", seed=7)
    con = store.connect(settings.db)
    _insert_reviews(con, 40)
    _register_active(con, weak_active)
    con.close()
    before = retrain_sentiment(settings, NOW, embedder=hash_embedder, seed_data=SEED)
    assert before["n_human"] == 0 and before["human_labels"]["stored"] == 0

    # A person corrects twelve 3-star reviews that were in fact complaints.
    for i in range(12):
        steps.label_document(settings, f"reviews:3-{i}-it", {"sentiment": "negativo"},
                             who="anna", now=NOW)  # fmt: skip
    after = retrain_sentiment(settings, NOW + timedelta(hours=1), embedder=hash_embedder,
                              seed_data=SEED)  # fmt: skip
    assert after["human_labels"]["stored"] == 12 and after["human_labels"]["file"] == 0
    assert after["n_human"] == 12  # train and holdout together
    assert after["n_stars"] == before["n_stars"] - 12
    hash_before, _ = _registry(settings.db, before["model_id"])
    hash_after, card = _registry(settings.db, after["model_id"])
    assert hash_after != hash_before and hash_after == after["data_hash"]
    assert card["human_labels"]["stored"] == 12 and card["n_human"] >= 1
    assert card["human_labels"]["hash"] == after["human_labels"]["hash"]
    # Promotion is still the holdout comparison with the active model.
    assert after["promoted"] == (after["candidate_macro_f1"] > after["active_macro_f1"])


def test_follow_ups_refit_the_churn_weights_once_there_are_enough(tmp_path: Path) -> None:
    path = tmp_path / "voc.duckdb"
    build(path, seed=1)
    _add_churners(path, 40)
    settings = Settings(db=path)
    first = run_detection(settings, None, DETECT_NOW)
    assert first["churn_model"] == "default" and "no outcomes" in first["churn_metrics"]["status"]

    def lost(i: int) -> None:
        when = datetime(2026, 6, 29) + timedelta(days=2 * i)
        steps.follow_up(settings, f"CH-{i:03d}", "contattato", note=None, who="team",
                        now=when - timedelta(days=3))  # fmt: skip
        steps.follow_up(settings, f"CH-{i:03d}", "perso", note="disdetta", who="team", now=when)

    for i in range(3):
        lost(i)
    few = run_detection(settings, None, DETECT_NOW)
    assert few["churn_model"] == "default"
    assert "too few churners" in few["churn_metrics"]["status"]
    for i in range(3, 40):
        lost(i)
    fitted = run_detection(settings, None, DETECT_NOW)
    metrics = fitted["churn_metrics"]
    assert metrics["positives"] >= 10 and "coef" in metrics
    con = store.connect(path, read_only=True)
    try:
        models = con.execute("SELECT count(*) FROM models WHERE task = 'churn'").fetchone()[0]
        outcomes = con.execute(
            "SELECT count(*) FROM churn_outcomes WHERE outcome = 'perso'"
        ).fetchone()[0]
        gone = con.execute(
            "SELECT count(*) FROM v_churn_risk WHERE customer_id IN (SELECT customer_id FROM"
            " churn_outcomes WHERE churned_at <= ?)", [datetime(2026, 8, 23)]
        ).fetchone()[0]  # fmt: skip
    finally:
        con.close()
    assert models == 1 and outcomes == 40 and gone == 0

import os
import stat
from datetime import datetime
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest

from pipelines import store
from pipelines.errors import VocError

NOW = datetime(2026, 10, 5, 7, 0)


def _docs(**over: object) -> pd.DataFrame:
    row = {
        "doc_id": "reviews:1", "kind": "reviews", "source_id": "1", "channel": "google",
        "customer_id": "CL-1", "created_at": datetime(2026, 9, 1, 10), "updated_at": None,
        "title": None, "text": "La bolletta è sbagliata", "text_hash": "h1", "rating": 2.0,
        "status": None, "language": "it", "is_duplicate": False, "duplicate_of": None,
        "repairs": [], "redacted": True, "source_file": "r.csv", "source_row": 1,
        "ingest_run_id": "run-1", "ingested_at": NOW,
    }  # fmt: skip
    row.update(over)
    return pd.DataFrame([row])


EMPTY_COMMENTS = pd.DataFrame(
    columns=["doc_id", "comment_id", "comment_idx", "author_role", "created_at", "text"]
)
EMPTY_Q = pd.DataFrame(
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


def test_migrations_are_recorded_once(db_path: Path) -> None:
    con = store.connect(db_path)
    assert store.schema_version(con) >= 1
    assert store.migrate(con) == []  # second run applies nothing
    views = {
        r[0]
        for r in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()
    }
    assert {"v_documents", "v_weekly_overview", "v_weekly_topics"} <= views
    con.close()


def test_db_file_is_user_only(db_path: Path) -> None:
    store.connect(db_path).close()
    assert stat.S_IMODE(os.stat(db_path).st_mode) == 0o600


def test_write_batch_is_idempotent_and_updates_in_place(db_path: Path) -> None:
    con = store.connect(db_path)
    first = store.write_batch(con, _docs(), EMPTY_COMMENTS, EMPTY_Q)
    again = store.write_batch(con, _docs(), EMPTY_COMMENTS, EMPTY_Q)
    assert (first["inserted"], again["inserted"], again["unchanged"]) == (1, 0, 1)
    changed = store.write_batch(
        con, _docs(text="Bolletta corretta, grazie", text_hash="h2", updated_at=datetime(2026, 9, 3)),
        EMPTY_COMMENTS, EMPTY_Q,
    )  # fmt: skip
    assert changed["updated"] == 1
    rows = con.execute("SELECT count(*), any_value(text) FROM documents").fetchone()
    assert rows == (1, "Bolletta corretta, grazie")


def test_failed_batch_writes_nothing(db_path: Path) -> None:
    con = store.connect(db_path)
    bad = _docs(created_at=None)  # violates NOT NULL after the insert started
    with pytest.raises(duckdb.Error):
        store.write_batch(con, pd.concat([_docs(doc_id="reviews:2"), bad]), EMPTY_COMMENTS, EMPTY_Q)
    assert con.execute("SELECT count(*) FROM documents").fetchone() == (0,)


def test_quarantine_dedupes_on_file_row_field(db_path: Path) -> None:
    con = store.connect(db_path)
    q = pd.DataFrame([{
        "source_file": "r.csv", "source_row": 3, "kind": "reviews", "field": "rating",
        "reason": "rating 7 fuori da 1–5", "raw": "{}", "run_id": "r", "quarantined_at": NOW,
    }])  # fmt: skip
    store.write_batch(con, _docs(), EMPTY_COMMENTS, q)
    store.write_batch(con, _docs(), EMPTY_COMMENTS, q)
    assert con.execute("SELECT count(*) FROM quarantine").fetchone() == (1,)


def test_embedding_cache_round_trip(db_path: Path) -> None:
    con = store.connect(db_path)
    vecs = np.eye(3, 384, dtype=np.float32)
    store.store_embeddings(con, "m", ["a", "b", "c"], vecs)
    store.store_embeddings(con, "m", ["a"], vecs[:1] * 0)  # existing entries are kept
    got = store.cached_embeddings(con, "m", ["a", "c", "zzz"])
    assert set(got) == {"a", "c"}
    np.testing.assert_allclose(got["a"], vecs[0])
    assert store.cached_embeddings(con, "other", ["a"]) == {}


def test_registry_single_active_per_task(db_path: Path) -> None:
    con = store.connect(db_path)
    for i, status in enumerate(("active", "active")):
        store.register_model(
            con, model_id=f"sentiment:v{i}", task="sentiment", version=str(i), created_at=NOW,
            data_hash=None, metrics={"f1": 0.5 + i / 10}, artifact_path="x", status=status,
        )  # fmt: skip
    assert store.active_model(con, "sentiment")["model_id"] == "sentiment:v1"
    assert store.activate_model(con, "sentiment:v0") == "sentiment"
    statuses = dict(con.execute("SELECT model_id, status FROM models").fetchall())
    assert statuses == {"sentiment:v0": "active", "sentiment:v1": "retired"}
    with pytest.raises(VocError):
        store.activate_model(con, "nope")


def test_locked_database_gives_one_line_error(db_path: Path) -> None:
    import subprocess
    import sys
    import time

    store.connect(db_path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", f"import duckdb,time; c=duckdb.connect({str(db_path)!r}); print('ok', flush=True); time.sleep(30)"],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ok"
        time.sleep(0.2)
        with pytest.raises(VocError) as exc:
            store.connect(db_path)
        assert "in use" in str(exc.value) and "\n" not in str(exc.value)
    finally:
        holder.kill()


def test_not_a_database(tmp_path: Path) -> None:
    bogus = tmp_path / "x.duckdb"
    bogus.write_bytes(b"this is not duckdb" * 100)
    with pytest.raises(VocError):
        store.connect(bogus)


def test_read_only_missing_file(tmp_path: Path) -> None:
    with pytest.raises(VocError, match="voc init"):
        store.connect(tmp_path / "none.duckdb", read_only=True)

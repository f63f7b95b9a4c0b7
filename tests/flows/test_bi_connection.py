"""Integration: BI tools stay connected while the weekly run works (docs/bi.md).

A SQLAlchemy pool with duckdb-engine (how Superset connects) holds a connection to the BI
database, and a second process keeps its own DuckDB connection open and queries in a loop, while
a full weekly run (the Prefect ``weekly_flow``, in its own process as under ``voc serve``)
ingests, enriches, detects, reports and publishes the next week. The run must succeed, the
reader must never fail, and the same pooled connection must then see the new week. The control:
the same pooled connection on the live file blocks the pipeline, which is why the BI database
exists.

Slow (two weekly runs with the real encoder, about two minutes): marker ``integration``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
WEEK_1, WEEK_2 = "2026-W41", "2026-W42"
REVIEWS = {
    WEEK_1: [
        ("A1", "2026-10-05T10:00:00", "La bolletta è arrivata doppia e nessuno risponde.", 1),
        ("A2", "2026-10-06T11:00:00", "Tecnico gentilissimo, fibra attivata in due giorni.", 5),
        ("A3", "2026-10-07T12:00:00", "Prezzi aumentati senza preavviso, valuto la disdetta.", 2),
        ("A4", "2026-10-08T09:00:00", "App comoda, pago le bollette in un minuto.", 4),
        ("A5", "2026-10-09T15:00:00", "Attesa al call center di quaranta minuti.", 1),
    ],
    WEEK_2: [
        ("B1", "2026-10-12T09:00:00", "Bolletta doppia anche questo mese, vergogna.", 1),
        ("B2", "2026-10-13T15:00:00", "Attesa infinita al telefono, nessuno risponde.", 1),
        ("B3", "2026-10-14T18:00:00", "Tutto ok, nessun problema con la fornitura.", 4),
        ("B4", "2026-10-15T10:00:00", "Fibra veloce e stabile, consiglio.", 5),
        ("B5", "2026-10-16T08:00:00", "Mi avete addebitato due volte la bolletta.", 1),
    ],
}
# The run's "now": the Monday after each week (its report week is the week just closed).
MONDAY = {WEEK_1: "2026-10-12T07:00:00", WEEK_2: "2026-10-19T07:00:00"}

RUN = """
import json, sys
from datetime import datetime
from flows.pipeline_flows import weekly_flow
db, inbox, now, reports = sys.argv[1:5]
result = weekly_flow(db=db, inbox=inbox, now=datetime.fromisoformat(now), report_dir=reports)
print(json.dumps(result["bi"]))
"""

READER = """
import duckdb, json, sys, time
from pathlib import Path
con = duckdb.connect(sys.argv[1], read_only=True)  # opened once, kept open
stop = Path(sys.argv[2])
seen, errors, queries = [], [], 0
while True:
    last = stop.exists()
    try:
        week = con.execute("SELECT max(iso_week) FROM v_weekly_overview").fetchone()[0]
        docs = con.execute("SELECT count(*) FROM v_documents").fetchone()[0]
        if not seen or seen[-1] != [week, docs]:
            seen.append([week, docs])
    except Exception as exc:
        errors.append(f"{type(exc).__name__}: {str(exc)[:200]}")
    queries += 1
    if last:
        break
    time.sleep(0.2)
print(json.dumps({"queries": queries, "errors": errors, "seen": seen}))
"""


def _env(tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
        "PREFECT_HOME": str(tmp_path / "prefect_home"),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_UI_ENABLED": "false",
        "PREFECT_LOGGING_LEVEL": "WARNING",
        # The run starts its own (ephemeral) API server: slow on a busy 2-core machine.
        "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "180",
        "VOC_CONFIG": str(tmp_path / "none.toml"),
        "VOC_TOPIC_MIN_CLUSTER_SIZE": "2",
        "GX_ANALYTICS_ENABLED": "false",
    }


def _add_week(inbox: Path, week: str) -> None:
    lines = ["id,created_at,text,rating,channel"]
    lines += [f'{i},{d},"{t}",{r},google' for i, d, t, r in REVIEWS[week]]
    (inbox / f"reviews_{week}.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _weekly_run(tmp_path: Path, week: str) -> dict[str, object]:
    """One full weekly run in its own process; its BI step's result."""
    done = subprocess.run(
        [sys.executable, "-c", RUN, str(tmp_path / "voc.duckdb"), str(tmp_path / "inbox"),
         MONDAY[week], str(tmp_path / "reports")],
        env=_env(tmp_path), cwd=tmp_path, capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def test_pooled_connection_and_reader_stay_open_through_a_weekly_run(tmp_path: Path) -> None:
    from sqlalchemy import create_engine, text

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    _add_week(inbox, WEEK_1)
    first = _weekly_run(tmp_path, WEEK_1)
    assert first["published"] and first["latest_week"] == WEEK_1
    catalog = Path(str(first["catalog"]))
    assert catalog == tmp_path / "voc_bi.duckdb"

    # Superset's way: a SQLAlchemy URI and the engine's connect_args, one pooled connection.
    engine = create_engine(
        f"duckdb:///{catalog}", connect_args={"read_only": True}, pool_size=1, max_overflow=0
    )
    latest = text("SELECT max(iso_week) FROM v_weekly_overview")
    reader = None
    try:
        pooled = engine.connect()
        raw = pooled.connection.dbapi_connection
        assert pooled.execute(latest).scalar() == WEEK_1
        stop = tmp_path / "stop-reader"
        reader = subprocess.Popen(
            [sys.executable, "-c", READER, str(catalog), str(stop)],
            stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        time.sleep(2)  # the reader has its connection open before the run starts

        _add_week(inbox, WEEK_2)
        second = _weekly_run(tmp_path, WEEK_2)  # while both connections stay open

        assert second["published"] and second["latest_week"] == WEEK_2
        # The same pooled connection, never closed, sees the new week on its next query...
        assert pooled.execute(latest).scalar() == WEEK_2
        pooled.close()
        # ...and so does the connection the pool hands out next (the same one, kept open).
        with engine.connect() as again:
            assert again.connection.dbapi_connection is raw
            assert again.execute(text("SELECT count(*) FROM v_documents")).scalar() == 10
        stop.touch()
        out, _ = reader.communicate(timeout=60)
    finally:
        engine.dispose()
        if reader is not None and reader.poll() is None:
            reader.kill()
    report = json.loads(out)
    assert report["errors"] == [] and report["queries"] > 5
    # It read week 1, then week 2 with every document, and nothing in between.
    assert report["seen"] == [[WEEK_1, 5], [WEEK_2, 10]]


def test_the_same_pool_on_the_live_file_blocks_the_pipeline(tmp_path: Path) -> None:
    """The control: what the BI database is for (a BI pool on voc.duckdb stops the next run)."""
    from sqlalchemy import create_engine, text

    env = {**_env(tmp_path), "VOC_LOCK_WAIT_SECONDS": "2"}
    live = tmp_path / "voc.duckdb"
    init = [sys.executable, "-m", "voc", "init", "--db", str(live)]
    assert subprocess.run(init, env=env, cwd=tmp_path, capture_output=True).returncode == 0
    engine = create_engine(f"duckdb:///{live}", connect_args={"read_only": True})
    try:
        with engine.connect() as pooled:
            assert pooled.execute(text("SELECT count(*) FROM v_documents")).scalar() == 0
            blocked = subprocess.run(init, env=env, cwd=tmp_path, capture_output=True, text=True)
    finally:
        engine.dispose()
    assert blocked.returncode != 0
    assert "in use by another process" in blocked.stdout + blocked.stderr

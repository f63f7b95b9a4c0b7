"""The single-writer problem: an edit made while another process holds the database is queued,
never lost, and applied exactly once when the file is free (by the next writer or run)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from pipelines import steps, store
from pipelines.config import Settings
from pipelines.errors import DatabaseBusyError
from pipelines.steps.curation_apply import apply_theme_edit
from pipelines.store import pending
from tests.fixtures.report_db import NOW, add_detection_views, build_fixture_db

HOLDER = textwrap.dedent(
    """
    import sys, duckdb
    con = duckdb.connect(sys.argv[1])  # a pipeline run: the one writer
    print("ready", flush=True)
    sys.stdin.readline()
    con.close()
    print("released", flush=True)
    """
)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    path = build_fixture_db(tmp_path / "voc.duckdb")
    con = store.connect(path)
    add_detection_views(con)
    con.close()
    return Settings(db=path, lock_wait_seconds=30)


@pytest.fixture
def holder(settings: Settings) -> Iterator[subprocess.Popen[str]]:
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(settings.db)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    yield proc
    if proc.poll() is None:
        proc.kill()
        proc.wait()


def release(proc: subprocess.Popen[str]) -> None:
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write("go\n")
    proc.stdin.flush()
    assert proc.stdout.readline().strip() == "released"
    proc.wait(timeout=30)


def test_edit_during_a_run_is_queued_then_applied_once(
    settings: Settings, holder: subprocess.Popen[str]
) -> None:
    result = steps.rename_theme(settings, 1, "Doppia fatturazione", who="giulia", now=NOW)
    assert result.status == "in attesa" and "in attesa" in result.message
    ack = steps.triage_alert(settings, "topic:1:2026-W10", "preso in carico", owner="Marco",
                             who="giulia", now=NOW)  # fmt: skip
    assert ack.status == "in attesa"
    # The queue is readable while the run writes; the database is not (the app says so).
    queued = steps.pending_edits(settings)
    assert [(q["key"], q["status"]) for q in queued] == [
        (result.key, "in attesa"), (ack.key, "in attesa"),
    ]  # fmt: skip
    with pytest.raises(DatabaseBusyError):
        steps.list_themes(settings)
    busy = steps.apply_pending_edits(settings, NOW)
    assert busy["busy"] and busy["pending"] == 2 and busy["applied"] == []

    release(holder)
    # The next run applies what was queued: detection starts by draining the queue.
    steps.run_detection(settings, None, NOW + timedelta(hours=1), notify=False)
    assert steps.pending_edits(settings) == []
    edits = steps.list_edits(settings)
    assert [(e["edit_id"], e["kind"]) for e in edits] == [(result.key, "rename")]
    assert edits[0]["made_at"] == NOW and edits[0]["applied_at"] == NOW + timedelta(hours=1)
    names = {t["theme_id"]: t["label"] for t in steps.list_themes(settings)}
    assert names[1] == "Doppia fatturazione"
    assert steps.apply_pending_edits(settings, NOW + timedelta(hours=2))["applied"] == []
    assert len(steps.list_edits(settings)) == 1


def test_a_crash_between_the_two_commits_applies_nothing_twice(settings: Settings) -> None:
    body = {"kind": "hide", "topic_ids": [2], "who": "giulia", "made_at": NOW.isoformat(),
            "topic_model": None}  # fmt: skip
    pending.enqueue(settings.db, "k-1", "theme", body, NOW)
    # The edit reached DuckDB, then the process died before marking the queue.
    with store.connection(settings) as con:
        apply_theme_edit(con, settings, "k-1", body, NOW)
    assert [i.key for i in pending.pending_items(settings.db)] == ["k-1"]
    drained = steps.apply_pending_edits(settings, NOW, wait=5)
    assert drained["applied"] == ["k-1"] and drained["rejected"] == {}
    assert [e["edit_id"] for e in steps.list_edits(settings)] == ["k-1"]
    assert pending.queued(settings.db, "k-1").state == "applicata"  # type: ignore[union-attr]


def test_a_request_refused_later_is_kept_with_its_reason(
    settings: Settings, holder: subprocess.Popen[str]
) -> None:
    queued = steps.map_theme(settings, 1, "inesistente", who="giulia", now=NOW)
    assert queued.status == "in attesa"  # nothing can check the category while the run writes
    release(holder)
    drained = steps.apply_pending_edits(settings, NOW, wait=5)
    assert list(drained["rejected"]) == [queued.key]
    (item,) = steps.pending_edits(settings)
    assert item["status"] == "rifiutata" and "sconosciuta" in item["error"]
    assert steps.list_edits(settings) == []


def test_edits_from_concurrent_threads_are_all_applied(settings: Settings) -> None:
    from concurrent.futures import ThreadPoolExecutor

    calls = [
        lambda: steps.rename_theme(settings, 0, "Consegne", who="a", now=NOW),
        lambda: steps.rename_theme(settings, 1, "Bollette", who="b", now=NOW),
        lambda: steps.hide_theme(settings, 2, who="c", now=NOW),
        lambda: steps.triage_alert(settings, "topic:1:2026-W10", "risolto", who="d", now=NOW),
    ]
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = [f.result() for f in [pool.submit(c) for c in calls]]
    assert {r.status for r in results} == {"applicata"}
    assert sorted(e["who"] for e in steps.list_edits(settings)) == ["a", "b", "c"]
    assert steps.pending_edits(settings) == []
    labels = {t["theme_id"]: t["label"] for t in steps.list_themes(settings)}
    assert labels[0] == "Consegne" and labels[1] == "Bollette"

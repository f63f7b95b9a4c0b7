"""Integration: a real Prefect server on 127.0.0.1, `voc serve`, a weekly run through the API.

Also what the API stores of prefect.yaml (each deployment's concurrency limit), that the steps'
own log lines are in the run's logs, and that the schedules keep running across a restart of
`voc serve`. Slow (a few minutes): marked ``integration``; CI runs it after the default suite.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from pipelines import store

pytestmark = pytest.mark.integration

REVIEWS = """id,created_at,text,rating,channel
R1,2026-10-05T10:00:00,"La bolletta è arrivata doppia e nessuno risponde al telefono.",1,google
R2,2026-10-06T11:00:00,"Tecnico gentilissimo, fibra attivata in due giorni.",5,google
R3,2026-10-07T12:00:00,"Prezzi aumentati senza preavviso, valuto la disdetta.",2,trustpilot
R4,2026-10-12T09:00:00,"App comoda, pago le bollette in un minuto.",4,app_store
R5,2026-10-13T15:00:00,"Attesa al call center di quaranta minuti, inaccettabile.",1,google
R6,2026-10-14T18:00:00,"Tutto ok, nessun problema con la fornitura.",4,google
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait(predicate, timeout: float, what: str) -> object:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = predicate()
            if value:
                return value
        except httpx.HTTPError:
            pass
        time.sleep(1.0)
    raise AssertionError(f"timed out waiting for {what}")


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def test_served_weekly_flow_runs_through_the_api(tmp_path: Path) -> None:
    port = _free_port()
    api = f"http://127.0.0.1:{port}/api"
    env = {
        **os.environ,
        "PREFECT_HOME": str(tmp_path / "prefect_home"),
        "PREFECT_API_URL": api,
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_UI_ENABLED": "false",
        "PREFECT_LOGGING_LEVEL": "WARNING",
        # The server's scheduler creates the upcoming runs of active schedules every 5 s.
        "PREFECT_SERVER_SERVICES_SCHEDULER_LOOP_SECONDS": "5",
        "VOC_TOPIC_MIN_CLUSTER_SIZE": "2",
    }
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "reviews_oct.csv").write_text(REVIEWS, encoding="utf-8")
    db = tmp_path / "voc.duckdb"
    logs = tmp_path / "server.log"
    server = subprocess.Popen(
        [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env=env, stdout=logs.open("w"), stderr=subprocess.STDOUT,
    )  # fmt: skip
    served = None
    try:
        _wait(
            lambda: httpx.get(f"{api}/health", timeout=2).status_code == 200,
            180,
            "the Prefect server",
        )
        serve = [sys.executable, "-m", "voc", "serve", "--db", str(db), "--inbox", str(inbox)]
        served = subprocess.Popen(
            serve, env=env, cwd=tmp_path, stdout=(tmp_path / "serve.log").open("w"),
            stderr=subprocess.STDOUT,
        )  # fmt: skip

        def weekly_deployment() -> str | None:
            found = httpx.post(f"{api}/deployments/filter", json={}, timeout=5).json()
            names = {d["name"]: d["id"] for d in found}
            return names.get("weekly-insights") if len(names) >= 4 else None

        dep_id = _wait(weekly_deployment, 120, "the served deployments")
        # prefect.yaml's concurrency_limit, as the API stores it: one run at a time, queued.
        for deployment in httpx.post(f"{api}/deployments/filter", json={}, timeout=5).json():
            assert deployment["global_concurrency_limit"]["limit"] == 1, deployment["name"]
            assert deployment["concurrency_options"]["collision_strategy"] == "ENQUEUE"
        last: dict[str, str] = {}

        def create_run() -> str | None:
            # A busy server (SQLite under a loaded CI machine) can answer 5xx: ask again.
            response = httpx.post(
                f"{api}/deployments/{dep_id}/create_flow_run",
                json={"parameters": {"now": "2026-10-19T07:00:00"}}, timeout=10,
            )  # fmt: skip
            last["create"] = f"{response.status_code} {response.text[:300]}"
            return response.json().get("id") if response.is_success else None

        try:
            run_id = _wait(create_run, 120, "the flow run to be created")
        except AssertionError as exc:
            raise AssertionError(f"{exc}; last answer: {last.get('create')}") from None

        def finished() -> str | None:
            state = httpx.get(f"{api}/flow_runs/{run_id}", timeout=5).json()["state"]["type"]
            return state if state in ("COMPLETED", "FAILED", "CRASHED", "CANCELLED") else None

        assert _wait(finished, 300, "the weekly flow run") == "COMPLETED", (
            tmp_path / "serve.log"
        ).read_text()[-3000:]

        # The steps' own lines (logger "voc") are in the run's logs, next to Prefect's.
        def run_logs() -> list[str] | None:
            found = httpx.post(
                f"{api}/logs/filter",
                json={"logs": {"flow_run_id": {"any_": [run_id]}}, "limit": 200}, timeout=5,
            ).json()  # fmt: skip
            ours = [
                message for log in found if log["name"] == "voc" for message in [log["message"]]
            ]
            # Sent in batches: wait for the run's last line too.
            return ours if any("snapshot 000001 published" in m for m in ours) else None

        ours = _wait(run_logs, 60, "the run's logs")
        assert "weekly run: 1 files ingested (6 new documents)" in ours

        # Stopping voc serve leaves every schedule on; after a restart they still run.
        _stop(served)
        deployments = httpx.post(f"{api}/deployments/filter", json={}, timeout=5).json()
        assert [d["name"] for d in deployments if d["paused"]] == []
        served = subprocess.Popen(
            serve, env=env, cwd=tmp_path, stdout=(tmp_path / "serve2.log").open("w"),
            stderr=subprocess.STDOUT,
        )  # fmt: skip
        time.sleep(20)  # the restarted process has registered its deployments again

        def scheduled() -> int | None:
            runs = httpx.post(
                f"{api}/flow_runs/filter",
                json={"flow_runs": {"deployment_id": {"any_": [dep_id]},
                                    "state": {"type": {"any_": ["SCHEDULED"]}}}},
                timeout=5,
            ).json()  # fmt: skip
            return len(runs) or None

        assert _wait(scheduled, 120, "upcoming weekly runs after the restart")
        weekly = httpx.get(f"{api}/deployments/{dep_id}", timeout=5).json()
        assert not weekly["paused"] and all(s["active"] for s in weekly["schedules"])
    finally:
        if served is not None:
            _stop(served)
        _stop(server)
    con = store.connect(db, read_only=True)
    try:
        assert con.execute(
            "SELECT count(*) FROM v_documents WHERE sentiment_label IS NOT NULL"
        ).fetchone() == (6,)
        assert con.execute(
            "SELECT count(*) FROM runs WHERE flow = 'enrich' AND status = 'ok'"
        ).fetchone() == (1,)
    finally:
        con.close()

"""The Prefect flows wire the same steps; run them under a temporary Prefect server."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

NOW = datetime(2026, 10, 19, 7, 0)

REVIEWS = [
    (
        "R1",
        "2026-10-05T10:00:00",
        "La bolletta è arrivata doppia e nessuno risponde al telefono.",
        1,
    ),
    ("R2", "2026-10-06T11:00:00", "Tecnico gentilissimo, fibra attivata in due giorni.", 5),
    ("R3", "2026-10-07T12:00:00", "Prezzi aumentati senza preavviso, valuto la disdetta.", 2),
    ("R4", "2026-10-12T09:00:00", "App comoda, pago le bollette in un minuto.", 4),
    ("R5", "2026-10-13T15:00:00", "Attesa al call center di quaranta minuti, inaccettabile.", 1),
    ("R6", "2026-10-14T18:00:00", "Tutto ok, nessun problema con la fornitura.", 4),
]


@pytest.fixture(scope="module")
def harness():
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


def test_weekly_flow_end_to_end(tmp_path: Path, harness: None) -> None:
    from flows.pipeline_flows import weekly_flow
    from pipelines import store

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    lines = ["id,created_at,text,rating,channel"]
    lines += [f'{i},{d},"{t}",{r},google' for i, d, t, r in REVIEWS * 1]
    (inbox / "reviews_oct.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    posts = [{"id": f"S{i}", "platform": "twitter", "author_id": f"@u{i}", "created_at": d,
              "text": t, "in_reply_to": None} for i, (_, d, t, _) in enumerate(REVIEWS)]  # fmt: skip
    (inbox / "social_oct.jsonl").write_text("\n".join(json.dumps(p) for p in posts) + "\n")
    db = tmp_path / "voc.duckdb"
    (tmp_path / "voc.toml").write_text("topic_min_cluster_size = 3\n")

    reports = tmp_path / "reports"  # never the working directory: tests leave the repo alone
    result = weekly_flow(db=str(db), inbox=str(inbox), config=str(tmp_path / "voc.toml"), now=NOW,
                         report_dir=str(reports))  # fmt: skip
    assert [r["inserted"] for r in result["ingested"]] == [6, 6]
    assert len(list(reports.glob("report_*.html"))) == 1
    assert result["enriched"]["enriched"] == 12
    con = store.connect(db, read_only=True)
    try:
        assert con.execute(
            "SELECT count(*) FROM v_documents WHERE sentiment_label IS NOT NULL"
        ).fetchone() == (12,)
        runs = dict(con.execute("SELECT flow, count(*) FROM runs GROUP BY flow").fetchall())
    finally:
        con.close()
    assert runs["ingest"] == 2 and runs["enrich"] == 1

    # The last sub-step published the BI database (docs/bi.md).
    assert result["bi"]["published"] and result["bi"]["latest_week"] == "2026-W42"

    state = weekly_flow(db=str(db), inbox=str(inbox), config=str(tmp_path / "voc.toml"), now=NOW,
                        report_dir=str(reports), return_state=True)  # fmt: skip
    again = state.result()
    assert [r["inserted"] for r in again["ingested"]] == [0, 0]
    assert again["enriched"]["enriched"] == 0
    assert again["bi"]["version"] == "000002"
    # The steps' own log lines are in the flow run's Prefect logs (flows/logs.py).
    lines = _run_logs(state.state_details.flow_run_id)
    assert ("voc", "weekly run: 2 files ingested (0 new documents)") in lines
    assert any(name == "voc" and "snapshot 000002 published" in text for name, text in lines)


def _run_logs(flow_run_id: object) -> list[tuple[str, str]]:
    """(logger, message) of every log line the API holds for a flow run."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import LogFilter, LogFilterFlowRunId
    from prefect.logging.handlers import APILogHandler

    APILogHandler().flush()  # lines are sent in the background
    with get_client(sync_client=True) as client:
        logs = client.read_logs(LogFilter(flow_run_id=LogFilterFlowRunId(any_=[flow_run_id])))
    return [(log.name, log.message) for log in logs]

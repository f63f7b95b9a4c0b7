"""One weekly path: in-process and as a Prefect flow, the same sub-steps give the same tables;
an enrichment that fails is recorded as failed whichever runner ran it."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from pipelines import steps, store
from pipelines.config import Settings, load_settings
from pipelines.demo.generate import generate_demo
from pipelines.steps import embed as embed_step

# The Tuesday after the demo's eight weeks (2026-07-06 … 2026-08-30): the last closed week is
# its last week, so detection and the report have data.
NOW = datetime(2026, 9, 1, 7, 0)
TABLES = ("documents", "enrichments", "doc_topics", "topics", "alerts", "churn_risk",
          "survey_responses", "ticket_operations", "theme_impact")  # fmt: skip
VIEWS = ("v_documents", "v_weekly_overview", "v_weekly_topics", "v_emerging_complaints",
         "v_churn_risk", "v_weekly_scores", "v_theme_impact", "v_ticket_operations")  # fmt: skip


@pytest.fixture(scope="module")
def harness() -> Iterator[None]:
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A small demo inbox and a voc.toml sized for it."""
    root = tmp_path_factory.mktemp("weekly")
    generate_demo(root / "inbox", seed=3, weeks=8, scale=0.03)
    config = root / "voc.toml"
    config.write_text("[models]\ntopic_min_cluster_size = 4\n", encoding="utf-8")
    return root / "inbox", config


@pytest.fixture
def fast_embedder(hash_embedder: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(embed_step, "make_embedder", lambda *a, **k: hash_embedder)


def _settings(config: Path, db: Path) -> Settings:
    return load_settings(config, db=db)


def _rows(db: Path, relation: str) -> list[tuple[Any, ...]]:
    """Every row of a table or view, sorted, without the columns naming a run.

    Floats are rounded to 9 places: DuckDB sums a view's aggregates in parallel, in any order.
    """
    con = store.connect(db, read_only=True)
    try:
        columns = [c[0] for c in con.execute(f"SELECT * FROM {relation} LIMIT 0").description]
        kept = ", ".join(f'"{c}"' for c in columns if not c.endswith("run_id"))
        rows = con.execute(f"SELECT {kept} FROM {relation} ORDER BY ALL").fetchall()
    finally:
        con.close()
    return [tuple(round(v, 9) if isinstance(v, float) else v for v in row) for row in rows]


def _without_run_ids(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_run_ids(v) for k, v in value.items() if not k.endswith("run_id")}
    if isinstance(value, list):
        return [_without_run_ids(v) for v in value]
    return value


def test_in_process_and_prefect_weekly_runs_write_the_same_tables(
    tmp_path: Path, demo: tuple[Path, Path], harness: None, fast_embedder: None
) -> None:
    from flows.pipeline_flows import weekly_flow

    inbox, config = demo
    local_db, flow_db = tmp_path / "local" / "voc.duckdb", tmp_path / "flow" / "voc.duckdb"
    called: list[str] = []

    def recording(step: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
        called.append(step.__name__)
        return steps.direct(step, *args, **kwargs)

    local = steps.weekly_run(
        _settings(config, local_db), NOW, inbox=inbox, report_dir=tmp_path / "local" / "reports",
        call=recording,
    )  # fmt: skip
    flow = weekly_flow(db=str(flow_db), inbox=str(inbox), config=str(config), now=NOW,
                       report_dir=str(tmp_path / "flow" / "reports"))  # fmt: skip

    # The one sequence, as the in-process run executed it.
    # (the demo inbox holds reviews, social, surveys and tickets files)
    assert called == ["init_db", "ingest_file", "ingest_file", "ingest_file", "ingest_file",
                      "refit_topics_if_due", "enrich", "report_week", "run_cx", "run_detection",
                      "week_insights", "write_report", "apply_pending_edits",
                      "publish_bi"]  # fmt: skip
    assert local.week == flow["week"] == "2026-W35"
    assert local.enriched["enriched"] > 0 and local.detection["customers_scored"] > 0
    summary = local.summary()
    assert local.cx["tickets"] > 0
    for key in ("ingested", "refit", "enriched", "cx", "detection", "insights"):
        assert _without_run_ids(summary[key]) == _without_run_ids(flow[key]), key
    # Both published the BI database last: the same week, the same rows.
    assert summary["bi"]["published"] and summary["bi"]["latest_week"] == local.week
    for key in ("version", "latest_week", "rows"):
        assert summary["bi"][key] == flow["bi"][key], key
    assert local.report is not None and Path(flow["report"]).name == local.report.name
    assert Path(flow["report"]).read_text(encoding="utf-8") == local.report.read_text("utf-8")
    for relation in (*TABLES, *VIEWS):
        expected = _rows(local_db, relation)
        assert expected or relation in ("alerts", "v_emerging_complaints", "theme_impact",
                                        "v_theme_impact"), relation  # fmt: skip
        assert _rows(flow_db, relation) == expected, relation


@pytest.mark.parametrize("runner", ["in-process", "flow"])
def test_a_failed_enrichment_is_recorded_as_failed(
    runner: str,
    tmp_path: Path,
    demo: tuple[Path, Path],
    harness: None,
    fast_embedder: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from flows.pipeline_flows import enrich_flow

    inbox, config = demo
    settings = _settings(config, tmp_path / "voc.duckdb")
    steps.init_db(settings, NOW)
    steps.ingest_file(settings, "reviews", inbox / "reviews.csv", now=NOW)

    def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise RuntimeError("model crashed")

    # The batch compute fails: after planning (the topic model is fitted), before any store.
    monkeypatch.setattr(importlib.import_module("pipelines.enrich.batch"), "enrich_frame", broken)
    with pytest.raises(RuntimeError, match="model crashed"):
        if runner == "flow":
            enrich_flow(db=str(settings.db), config=str(config), now=NOW)
        else:
            steps.enrich(settings, NOW)
    con = store.connect(settings.db, read_only=True)
    try:
        runs = con.execute("SELECT status, error FROM runs WHERE flow = 'enrich'").fetchall()
        enriched = con.execute("SELECT count(*) FROM enrichments").fetchall()
    finally:
        con.close()
    assert runs == [("failed", "RuntimeError")]
    assert enriched == [(0,)]

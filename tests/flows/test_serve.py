"""``voc serve`` reads prefect.yaml: concurrency limits come from the file, schedules survive a stop.

The served deployments on a real Prefect server (limits as the API stores them, a restart of
``voc serve``, the run logs) are checked in tests/flows/test_prefect_server.py (integration).
"""

from __future__ import annotations

import logging
import warnings
from pathlib import Path
from typing import Any

import pytest
import yaml
from prefect.client.schemas.objects import ConcurrencyLimitStrategy

from flows import serve
from flows.logs import RunLogHandler, send_project_logs_to_prefect
from pipelines.errors import VocError


def test_every_deployment_declares_its_concurrency_limit_in_prefect_yaml() -> None:
    specs = serve.load_deployment_specs()
    assert len(specs) >= 5
    for spec in specs:
        # In the file itself, so `prefect deploy` applies it as well as `voc serve`.
        assert spec["concurrency_limit"] == {"limit": 1, "collision_strategy": "ENQUEUE"}, spec
    for deployment in serve.build_deployments("/data/voc.duckdb", "/data/inbox", None):
        assert deployment.concurrency_limit == 1, deployment.name
        assert deployment.concurrency_options is not None
        assert deployment.concurrency_options.collision_strategy == (
            ConcurrencyLimitStrategy.ENQUEUE
        )
        assert deployment.parameters["db"] == "/data/voc.duckdb"


def test_a_deployment_without_a_valid_limit_is_refused(tmp_path: Path) -> None:
    spec = {
        "name": "weekly",
        "entrypoint": "flows/pipeline_flows.py:weekly_flow",
        "parameters": {"db": "voc.duckdb"},
    }
    path = tmp_path / "prefect.yaml"
    path.write_text(yaml.safe_dump({"deployments": [spec]}), encoding="utf-8")
    with pytest.raises(VocError, match="deployment 'weekly' has no concurrency_limit"):
        serve.build_deployments("voc.duckdb", "inbox", None, path)
    path.write_text(
        yaml.safe_dump({"deployments": [{**spec, "concurrency_limit": {"limit": "uno"}}]}),
        encoding="utf-8",
    )
    with pytest.raises(VocError, match="concurrency_limit must be a number"):
        serve.build_deployments("voc.duckdb", "inbox", None, path)
    path.write_text(
        yaml.safe_dump({"deployments": [{**spec, "concurrency_limit": 2}]}), encoding="utf-8"
    )
    (deployment,) = serve.build_deployments("voc.duckdb", "inbox", None, path)
    assert deployment.concurrency_limit == 2


def test_stopping_voc_serve_leaves_the_schedules_on(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, Any] = {}

    def fake_serve(*deployments: Any, **options: Any) -> None:
        seen.update(options, n=len(deployments))

    monkeypatch.setattr(serve, "serve", fake_serve)
    serve.serve_all("voc.duckdb", "inbox", None)
    # Prefect pauses every schedule when serve stops unless told not to.
    assert seen["pause_on_shutdown"] is False and seen["n"] >= 5


def test_project_logs_go_to_prefect_runs_only(caplog: pytest.LogCaptureFixture) -> None:
    send_project_logs_to_prefect()
    send_project_logs_to_prefect()  # importing the flows twice adds nothing twice
    logger = logging.getLogger("voc")
    assert sum(isinstance(h, RunLogHandler) for h in logger.handlers) == 1
    assert logger.getEffectiveLevel() <= logging.INFO
    with warnings.catch_warnings():
        # Outside a flow run (a CLI step) the line is not sent, and Prefect's "no flow run id"
        # warning is not raised either.
        warnings.simplefilter("error")
        logger.info("a step's line outside any flow run")

"""``voc serve``: serve every deployment of ``prefect.yaml`` from one long-running process.

``prefect.yaml`` stays the single source of truth for names, schedules and parameters; this
module reads it and hands the same deployments to :func:`prefect.serve`.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import yaml
from prefect import serve
from prefect.schedules import Cron

from pipelines.errors import VocError

PROJECT_FILE = Path(__file__).resolve().parent.parent / "prefect.yaml"


def load_deployment_specs(path: Path = PROJECT_FILE) -> list[dict[str, Any]]:
    """The ``deployments`` entries of a prefect.yaml (YAML anchors resolved)."""
    if not path.exists():
        raise VocError(f"{path}: prefect.yaml not found")
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return list(data.get("deployments", []))


def build_deployments(
    db: str, inbox: str, config: str | None, path: Path = PROJECT_FILE
) -> list[Any]:
    """Runner deployments for ``serve``, with db/inbox/config parameters overridden."""
    deployments = []
    for spec in load_deployment_specs(path):
        module_path, func = spec["entrypoint"].split(":")
        module = importlib.import_module(module_path.removesuffix(".py").replace("/", "."))
        flow = getattr(module, func)
        params = dict(spec.get("parameters") or {})
        params["db"] = db
        if config or "config" not in params:
            params["config"] = config
        if "inbox" in params:
            params["inbox"] = inbox
        schedules = [
            Cron(s["cron"], timezone=s.get("timezone", "Europe/Rome"))
            for s in spec.get("schedules") or []
        ]
        deployments.append(
            flow.to_deployment(
                name=spec["name"],
                description=spec.get("description"),
                schedules=schedules,
                parameters=params,
                # One run of a deployment at a time: DuckDB has a single writer, and the
                # storage layer additionally waits for any other writer.
                concurrency_limit=1,
            )
        )
    return deployments


def serve_all(db: str, inbox: str, config: str | None, limit: int | None = None) -> None:
    """Serve every deployment until interrupted."""
    serve(*build_deployments(db, inbox, config), limit=limit, print_starting_message=True)

"""``voc serve``: serve every deployment of ``prefect.yaml`` from one long-running process.

``prefect.yaml`` stays the single source of truth for names, schedules, concurrency limits and
parameters; this module reads it and hands the same deployments to :func:`prefect.serve`.

Stopping ``voc serve`` leaves the schedules on (Prefect's ``serve`` pauses them by default):
runs falling due while it is down wait as late runs and start when it is back, and a restart
cannot race the previous process's shutdown into leaving every schedule paused.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import yaml
from prefect import serve
from prefect.client.schemas.objects import ConcurrencyLimitConfig
from prefect.schedules import Cron
from pydantic import ValidationError

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
                concurrency_limit=concurrency_limit(spec, path),
            )
        )
    return deployments


def concurrency_limit(spec: dict[str, Any], path: Path = PROJECT_FILE) -> ConcurrencyLimitConfig:
    """The deployment's ``concurrency_limit`` of prefect.yaml (an int, or limit + strategy).

    Required: every deployment writes to the one DuckDB file, so each says how many of its runs
    may overlap.

    Raises:
        VocError: missing or invalid.
    """
    raw = spec.get("concurrency_limit")
    if raw is None:
        raise VocError(f"{path}: deployment {spec.get('name')!r} has no concurrency_limit")
    try:
        if isinstance(raw, int):
            return ConcurrencyLimitConfig(limit=raw)
        return ConcurrencyLimitConfig.model_validate(raw)
    except ValidationError:
        raise VocError(
            f"{path}: deployment {spec.get('name')!r}: concurrency_limit must be a number or "
            "{limit: N, collision_strategy: ENQUEUE | CANCEL_NEW}"
        ) from None


def serve_all(db: str, inbox: str, config: str | None, limit: int | None = None) -> None:
    """Serve every deployment until interrupted; schedules stay on when it stops."""
    serve(
        *build_deployments(db, inbox, config),
        limit=limit,
        print_starting_message=True,
        pause_on_shutdown=False,
    )

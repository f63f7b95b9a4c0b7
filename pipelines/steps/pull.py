"""The pull step: one configured source into the database (recorded in ``runs`` as ``pull``).

The source package (:mod:`pipelines.sources`) reads the API or folder and stages the records;
this step supplies what touches the database: the stored resume point, the run record, the
checkpoints and the folder's file log, and :func:`pipelines.steps.ingest_file` as the ingest.
A checkpoint is saved only after the records before it were ingested, so a crash between pull
and ingest re-pulls the same records on the next run: nothing is lost, nothing is duplicated.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

import duckdb
import httpx

from pipelines import store
from pipelines.config import Settings
from pipelines.sources import Batcher, make_client, pull_api, pull_folder, validate_source
from pipelines.sources.auth import redact_url
from pipelines.sources.connector import Checkpoint

__all__ = ["pull_source"]

log = logging.getLogger("voc.sources")


def _default_ingest() -> Callable[..., Any]:
    # Looked up when a pull runs, not at import: pipelines.steps imports this module, and
    # pulling itself does not need the models that the ingest step's package loads.
    from pipelines.steps.ingest import ingest_file

    return ingest_file


def _state_writer(
    con: duckdb.DuckDBPyConnection, name: str, now: datetime
) -> Callable[[Checkpoint], None]:
    """Saves a checkpoint of source ``name`` through ``con``."""

    def write(checkpoint: Checkpoint) -> None:
        store.write_state(
            con, name, watermark=checkpoint.watermark, cursor=checkpoint.cursor, now=now
        )

    return write


def _own_connection_writer(
    settings: Settings, name: str, now: datetime
) -> Callable[[Checkpoint], None]:
    """Saves a checkpoint in a connection of its own (mid-pull, when a batch is full): the
    database is not held open while the next pages download."""

    def write(checkpoint: Checkpoint) -> None:
        with store.connection(settings) as con:
            _state_writer(con, name, now)(checkpoint)

    return write


class _ProcessedFiles:
    """The folder watcher's file log (``processed_files``), one short connection per call."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def processed(self, digests: list[str]) -> set[str]:
        # One connection for the whole check: the file log is small, the folder may not be.
        with store.connection(self.settings) as con:
            return {digest for digest in digests if store.is_processed(con, digest)}

    def record(
        self, *, path: str, sha256: str, size: int, run_id: str | None, now: datetime
    ) -> None:
        with store.connection(self.settings) as con:
            store.record_processed(con, path=path, sha256=sha256, size=size, run_id=run_id, now=now)


def pull_source(
    settings: Settings,
    source_config: Mapping[str, Any],
    now: datetime,
    *,
    ingest: Callable[..., Any] | None = None,
    env: Mapping[str, str] | None = None,
    secret_loader: Callable[[str], str] | None = None,
    sleep: Callable[[float], None] | None = None,
    clock: Callable[[], float] | None = None,
    transport: httpx.BaseTransport | None = None,
) -> dict[str, Any]:
    """Pull one source into the database (recorded in ``runs`` as flow ``pull``).

    Args:
        settings: pipeline settings (database path, seed).
        source_config: one entry of :func:`pipelines.sources.load_sources` (``name`` and
            ``type`` required).
        now: timestamp of the run (ingest time, state update time, staging file names).
        ingest: replaces :func:`pipelines.steps.ingest_file` (tests).
        env, secret_loader: where credentials are looked up (tests).
        sleep, clock, transport: HTTP client injection points (tests).

    Returns:
        Run statistics: ``source``, ``type``, ``kind``, ``run_id``, ``pages``, ``records``,
        ``inserted``/``updated``/``unchanged``/``quarantined``, ``files`` (staged JSONL),
        ``watermark``/``cursor`` before and after, ``http`` counters.

    Raises:
        VocError: bad config, missing credential, or a fault that outlasted the retries. What
            was read before the fault is ingested and checkpointed first, so the next run
            resumes there.
    """
    config = dict(source_config)
    name, kind = validate_source(config)
    ingest = _default_ingest() if ingest is None else ingest
    with store.connection(settings) as con:
        state = store.read_state(con, name)
        params = {"source": name, "type": kind}
        if config.get("base_url"):
            params["base_url"] = redact_url(str(config["base_url"]))
        run_id = store.start_run(con, "pull", params, now)
    stats: dict[str, Any] = {
        "source": name, "type": kind, "kind": config.get("kind"), "run_id": run_id,
        "pages": 0, "records": 0, "inserted": 0, "updated": 0, "unchanged": 0,
        "quarantined": 0, "files": [], "ingest_runs": [],
        "watermark_before": state.watermark, "cursor_before": state.cursor,
        "watermark": state.watermark, "cursor": state.cursor,
    }  # fmt: skip
    batcher = Batcher(
        settings, name, state, now, ingest, stats,
        keep_staging=bool(config.get("keep_staging", False)),
    )  # fmt: skip
    status, error = "failed", None
    try:
        if kind == "folder":
            pull_folder(
                settings, config, now, ingest=ingest, file_log=_ProcessedFiles(settings),
                stats=stats,
            )  # fmt: skip
        else:
            client = make_client(
                config, env=env, secret_loader=secret_loader, sleep=sleep, clock=clock,
                transport=transport, seed=settings.seed,
            )  # fmt: skip
            with client:
                pull_api(
                    config, state, stats, client, batcher,
                    save=_own_connection_writer(settings, name, now),
                )  # fmt: skip
        status = "ok"
    except BaseException as exc:
        error = type(exc).__name__
        raise
    finally:
        with store.connection(settings) as con:
            try:
                # Only a checkpoint whose records were committed is ever saved (see Batcher).
                batcher.save(_state_writer(con, name, now))
            except BaseException as exc:
                status, error = "failed", type(exc).__name__
                raise
            finally:
                store.finish_run(
                    con, run_id, status=status, stats=stats, finished_at=now, error=error
                )
    log.info(
        "source %s: %d records in %d pages (%d new, %d updated)",
        name, stats["records"], stats["pages"], stats["inserted"], stats["updated"],
    )  # fmt: skip
    return stats

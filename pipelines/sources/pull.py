"""Pulling an API source without the database: pages become batches, each batch a staged JSONL
file handed to an ingest callable, and a checkpoint is released only once every record before
it was ingested.

Staged files go to ``<db stem>_staging/`` beside the database, owner-readable only. With
redaction on (the default) a record is redacted *before* it is staged, by the ingest's own rules
(:func:`pipelines.ingest.redact_records.redact_record`): the raw text of an API never reaches
the disk. A staged file is deleted as soon as its ingest returns (committed or failed: a failed
batch is pulled again from the last checkpoint), unless the source sets ``keep_staging = true``
to inspect the batches. The database side (the stored resume point, the ``runs`` record, the
real ingest) is the step :func:`pipelines.steps.pull.pull_source`, which passes in the callables
used here.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import uuid
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from pipelines.config import Settings
from pipelines.errors import VocError
from pipelines.ingest.redact_records import redact_record
from pipelines.sources.client import HttpClient
from pipelines.sources.connector import Checkpoint, ResumePoint
from pipelines.sources.registry import make_connector

__all__ = ["Batcher", "pull_api", "staging_dir"]


def staging_dir(settings: Settings) -> Path:
    """``<db stem>_staging/`` beside the database: where pulled batches are written."""
    db = Path(settings.db)
    return db.parent / f"{db.stem}_staging"


def _write_jsonl(folder: Path, name: str, records: list[dict[str, Any]], now: datetime) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    safe = re.sub(r"[^A-Za-z0-9_.-]", "_", name)
    path = folder / f"{safe}-{now:%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}.jsonl"
    tmp = path.with_name(path.name + ".tmp")
    # Customer text is personal data: owner-only from creation, published by an atomic rename.
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
    os.replace(tmp, path)
    return path


def _remove(path: Path, folder: Path) -> None:
    """Delete a staged file, and the staging folder once it is empty."""
    path.unlink(missing_ok=True)
    with contextlib.suppress(OSError):  # other batches (or kept ones) are still there
        folder.rmdir()


def _record_key(record: Mapping[str, Any]) -> str:
    if record.get("id") not in (None, ""):
        return f"id:{record['id']}"
    return "h:" + json.dumps(record, sort_keys=True, default=str)


class Batcher:
    """Accumulates records, stages + ingests them, then (only then) saves the checkpoint.

    Args:
        settings: pipeline settings (staging folder, ``redact_pii``, passed on to ``ingest``).
        name: the source name (staging file names).
        state: where this pull started (the checkpoint already saved).
        now: timestamp of the run.
        ingest: ``ingest(settings, kind, path, now=now)``, e.g. ``pipelines.steps.ingest_file``.
        stats: the pull's run statistics, updated in place.
        keep_staging: keep staged files after their ingest (default: deleted once it returns).
    """

    def __init__(
        self,
        settings: Settings,
        name: str,
        state: ResumePoint,
        now: datetime,
        ingest: Callable[..., Any],
        stats: dict[str, Any],
        keep_staging: bool = False,
    ) -> None:
        self.settings, self.name, self.now = settings, name, now
        self.ingest, self.stats, self.keep = ingest, stats, keep_staging
        self.kind = ""
        self.pending: dict[str, dict[str, Any]] = {}
        self.checkpoint: Checkpoint | None = None  # after the last page added
        self.ready: Checkpoint | None = None  # every record before it is committed
        self.saved = Checkpoint(state.watermark, state.cursor)

    def add(self, records: list[dict[str, Any]], checkpoint: Checkpoint | None) -> None:
        """Queue a page's records (a later copy of a record replaces the earlier one)."""
        for record in records:
            key = _record_key(record)
            # The later copy wins (an incremental export lists a ticket again when it changes).
            self.pending.pop(key, None)
            self.pending[key] = record
        if checkpoint is not None:
            self.checkpoint = checkpoint

    def ingest_pending(self) -> None:
        """Stage and ingest what is pending; on success the checkpoint becomes saveable."""
        if self.pending:
            records = list(self.pending.values())
            if self.settings.redact_pii:
                records = [redact_record(record) for record in records]
            folder = staging_dir(self.settings)
            path = _write_jsonl(folder, self.name, records, self.now)
            try:
                result = self.ingest(self.settings, self.kind, path, now=self.now)
            finally:
                if not self.keep:
                    _remove(path, folder)
            self.stats["records"] += len(records)
            self.stats["files"].append(str(path))
            self.stats["ingest_runs"].append(getattr(result, "run_id", None))
            for key in ("inserted", "updated", "unchanged", "quarantined"):
                self.stats[key] += int(getattr(result, key, 0) or 0)
            self.pending.clear()
        self.ready = self.checkpoint

    def save(self, write: Callable[[Checkpoint], None]) -> None:
        """Persist the committed checkpoint with ``write``, if it moved."""
        if self.ready is None or self.ready == self.saved:
            return
        write(self.ready)
        self.saved = self.ready
        self.stats["watermark"] = self.saved.watermark
        self.stats["cursor"] = self.saved.cursor

    def flush(self, write: Callable[[Checkpoint], None]) -> None:
        """Ingest, then checkpoint (mid-pull, when a batch is full)."""
        self.ingest_pending()
        self.save(write)


def pull_api(
    config: Mapping[str, Any],
    state: ResumePoint,
    stats: dict[str, Any],
    client: HttpClient,
    batcher: Batcher,
    save: Callable[[Checkpoint], None],
) -> None:
    """Read an API source page by page into ``batcher``, flushing every ``batch_size`` records.

    Args:
        config: the source config (``batch_size``, default 5000, and the connector's keys).
        state: where the pull resumes.
        stats: the pull's run statistics, updated in place (``pages``, ``kind``, ``http``...).
        client: the source's HTTP client.
        batcher: collects, stages and ingests the records.
        save: persists a checkpoint mid-pull; the last one is left for the caller to save.

    Raises:
        VocError: a fault that outlasted the retries (bad page, looping cursor...), raised after
            what was read before it is ingested.
    """
    connector = make_connector(config, client)
    stats["kind"] = batcher.kind = connector.kind
    batch_size = max(1, int(config.get("batch_size", 5000)))
    failure: VocError | None = None
    pages = iter(connector.pages(state))
    try:
        while True:
            try:
                page = next(pages)
            except StopIteration:
                break
            except VocError as exc:
                # Expected faults (retries exhausted, bad page, looping cursor): keep what was
                # read up to the last safe checkpoint, then fail loudly.
                failure = exc
                break
            stats["pages"] += int(page.fetched)
            batcher.add(page.records, page.checkpoint)
            if len(batcher.pending) >= batch_size:
                batcher.flush(save)
        # The last checkpoint is saved by the caller, with the run record, in one connection.
        batcher.ingest_pending()
    finally:
        stats["http"] = client.stats.as_dict()
        stats["skipped_deleted"] = getattr(connector, "skipped_deleted", 0)
    if failure is not None:
        raise failure

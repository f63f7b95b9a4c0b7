"""Sources beyond files: APIs (Zendesk, reviews, generic REST) and a watched folder.

Sources are configured in ``voc.toml``::

    [sources.helpdesk]
    type = "zendesk"                       # zendesk | reviews_api | rest | folder
    base_url = "https://acme.zendesk.com"
    auth_env = "ZENDESK_TOKEN"             # or auth_secret = "prefect-secret-block"
    auth_user = "agent@acme.it/token"

    [sources.trustpilot]
    type = "reviews_api"
    base_url = "https://api.trustpilot.com"
    business_unit_id = "abc123"
    auth_env = "TRUSTPILOT_API_KEY"

    [sources.mentions]
    type = "rest"
    base_url = "https://social.example.com"
    mapping = "mentions.yaml"              # relative to voc.toml

    [sources.crm_exports]
    type = "folder"
    path = "/srv/exports/voc"

:func:`pull_source` pulls one source: the records (already in the project's input schema) are
written to a JSONL file in ``<db stem>_staging/`` beside the database and ingested with
:func:`pipelines.steps.ingest_file` (idempotent by document id); the source's watermark is
advanced only after that ingest committed. A crash between pull and ingest therefore re-pulls
the same records on the next run: nothing is lost, nothing is duplicated.

Common keys: ``timeout`` (s, default 30), ``retries`` (default 4), ``backoff`` (s, default 1),
``backoff_max``, ``max_retry_after`` (s, default 300), ``deadline`` (s per pull, default 3600),
``max_pages``, ``batch_size`` (records per staged file, default 5000), ``keep_staging``
(default true), ``trust_env`` (use proxy variables, default true).
"""

from __future__ import annotations

import json
import logging
import os
import re
import time
import uuid
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb
import httpx

from pipelines import store
from pipelines.config import Settings, read_sources
from pipelines.errors import VocError
from pipelines.sources.folder import pull_folder
from pipelines.sources.http import (
    Checkpoint,
    Connector,
    HttpClient,
    RetryPolicy,
    auth_headers,
    check_no_inline_secrets,
    redact_url,
    resolve_secret,
)
from pipelines.sources.rest import RestMapping, RestSource
from pipelines.sources.reviews_api import ReviewsApiSource
from pipelines.sources.zendesk import ZendeskSource
from pipelines.store.sources import SourceState, open_db, read_state, write_state

__all__ = [
    "SOURCE_TYPES",
    "load_sources",
    "make_client",
    "make_connector",
    "pull_source",
    "staging_dir",
]

log = logging.getLogger("voc.sources")

SOURCE_TYPES = ("zendesk", "reviews_api", "rest", "folder")
_DEFAULT_AUTH = {"zendesk": "bearer", "reviews_api": "header", "rest": "bearer"}


def load_sources(config_path: Path) -> dict[str, dict[str, Any]]:
    """The ``[sources.NAME]`` tables of a ``voc.toml``, each with its ``name`` added.

    They are typed like the rest of the file (:func:`pipelines.config.read_sources`, the same
    list as ``settings.sources``); each is returned as the mapping the connectors read. Relative
    ``mapping`` and ``path`` values are resolved against the TOML file's folder.

    Raises:
        VocError: unreadable TOML, a source that is not a table, an unknown ``type`` or key, a
            value of the wrong type or a credential written inline (one line naming the file,
            the table and the key).
    """
    return {source.name: source.as_config() for source in read_sources(Path(config_path))}


def _validate(config: Mapping[str, Any]) -> tuple[str, str]:
    name = config.get("name")
    if not name:
        raise VocError("source config needs a 'name' (the NAME of [sources.NAME])")
    kind = config.get("type")
    if kind not in SOURCE_TYPES:
        raise VocError(
            f"source '{name}': type must be one of {', '.join(SOURCE_TYPES)}, got {kind!r}"
        )
    check_no_inline_secrets(config, str(name))
    if kind != "folder" and not config.get("base_url"):
        raise VocError(f"source '{name}': base_url is required for type {kind}")
    return str(name), str(kind)


def staging_dir(settings: Settings) -> Path:
    """``<db stem>_staging/`` beside the database: where pulled batches are written."""
    db = Path(settings.db)
    return db.parent / f"{db.stem}_staging"


def make_client(
    config: Mapping[str, Any],
    *,
    env: Mapping[str, str] | None = None,
    secret_loader: Callable[[str], str] | None = None,
    sleep: Callable[[float], None] | None = None,
    clock: Callable[[], float] | None = None,
    transport: httpx.BaseTransport | None = None,
    seed: int = 0,
) -> HttpClient:
    """An :class:`HttpClient` for an API source, with its credential resolved."""
    name, kind = _validate(config)
    secret = resolve_secret(config, env=env, secret_loader=secret_loader)
    default_auth = (
        "basic"
        if kind == "zendesk" and config.get("auth_user")
        else _DEFAULT_AUTH.get(kind, "bearer")
    )
    headers = {"Accept": "application/json", "User-Agent": "voc-italia"}
    headers.update(auth_headers(config, secret, default=default_auth))
    return HttpClient(
        str(config["base_url"]),
        source=name,
        headers=headers,
        policy=RetryPolicy.from_config(config),
        sleep=time.sleep if sleep is None else sleep,
        clock=time.monotonic if clock is None else clock,
        transport=transport,
        trust_env=bool(config.get("trust_env", True)),
        seed=seed,
    )


def make_connector(config: Mapping[str, Any], client: HttpClient) -> Connector:
    """The connector of an API source (``zendesk``, ``reviews_api`` or ``rest``)."""
    name, kind = _validate(config)
    if kind == "zendesk":
        return ZendeskSource(config, client)
    if kind == "reviews_api":
        return ReviewsApiSource(config, client)
    if kind == "rest":
        if not config.get("mapping"):
            raise VocError(f"source '{name}': type rest needs mapping = \"file.yaml\"")
        return RestSource(config, client, RestMapping.load(Path(str(config["mapping"]))))
    raise VocError(f"source '{name}': type {kind} is not an API source")


def _default_ingest() -> Callable[..., Any]:
    # Imported here: pipelines.steps pulls in the models, which pulling itself does not need.
    from pipelines.steps import ingest_file

    return ingest_file


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


def _record_key(record: Mapping[str, Any]) -> str:
    if record.get("id") not in (None, ""):
        return f"id:{record['id']}"
    return "h:" + json.dumps(record, sort_keys=True, default=str)


class _Batcher:
    """Accumulates records, stages + ingests them, then (only then) saves the checkpoint."""

    def __init__(
        self,
        settings: Settings,
        name: str,
        state: SourceState,
        now: datetime,
        ingest: Callable[..., Any],
        stats: dict[str, Any],
        keep_staging: bool,
    ) -> None:
        self.settings, self.name, self.now = settings, name, now
        self.ingest, self.stats, self.keep = ingest, stats, keep_staging
        self.kind = ""
        self.pending: dict[str, dict[str, Any]] = {}
        self.checkpoint: Checkpoint | None = None  # after the last page added
        self.ready: Checkpoint | None = None  # every record before it is committed
        self.saved = Checkpoint(state.watermark, state.cursor)

    def add(self, records: list[dict[str, Any]], checkpoint: Checkpoint | None) -> None:
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
            path = _write_jsonl(staging_dir(self.settings), self.name, records, self.now)
            result = self.ingest(self.settings, self.kind, path, now=self.now)
            self.stats["records"] += len(records)
            self.stats["files"].append(str(path))
            self.stats["ingest_runs"].append(getattr(result, "run_id", None))
            for key in ("inserted", "updated", "unchanged", "quarantined"):
                self.stats[key] += int(getattr(result, key, 0) or 0)
            if not self.keep:
                path.unlink(missing_ok=True)
            self.pending.clear()
        self.ready = self.checkpoint

    def save(self, con: duckdb.DuckDBPyConnection) -> None:
        """Persist the committed checkpoint, if it moved."""
        if self.ready is None or self.ready == self.saved:
            return
        write_state(
            con, self.name, watermark=self.ready.watermark, cursor=self.ready.cursor, now=self.now
        )
        self.saved = self.ready
        self.stats["watermark"] = self.saved.watermark
        self.stats["cursor"] = self.saved.cursor

    def flush(self) -> None:
        """Ingest, then checkpoint (mid-pull, when a batch is full)."""
        self.ingest_pending()
        con = open_db(self.settings)
        try:
            self.save(con)
        finally:
            con.close()


def _pull_api(
    config: Mapping[str, Any],
    state: SourceState,
    stats: dict[str, Any],
    client: HttpClient,
    batcher: _Batcher,
) -> None:
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
                batcher.flush()
        # The last checkpoint is saved by the caller, with the run record, in one connection.
        batcher.ingest_pending()
    finally:
        stats["http"] = client.stats.as_dict()
        stats["skipped_deleted"] = getattr(connector, "skipped_deleted", 0)
    if failure is not None:
        raise failure


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
        source_config: one entry of :func:`load_sources` (``name`` and ``type`` required).
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
    name, kind = _validate(config)
    ingest = _default_ingest() if ingest is None else ingest
    con = open_db(settings)
    try:
        state = read_state(con, name)
        params = {"source": name, "type": kind}
        if config.get("base_url"):
            params["base_url"] = redact_url(str(config["base_url"]))
        run_id = store.start_run(con, "pull", params, now)
    finally:
        con.close()
    stats: dict[str, Any] = {
        "source": name, "type": kind, "kind": config.get("kind"), "run_id": run_id,
        "pages": 0, "records": 0, "inserted": 0, "updated": 0, "unchanged": 0,
        "quarantined": 0, "files": [], "ingest_runs": [],
        "watermark_before": state.watermark, "cursor_before": state.cursor,
        "watermark": state.watermark, "cursor": state.cursor,
    }  # fmt: skip
    batcher = _Batcher(
        settings, name, state, now, ingest, stats,
        keep_staging=bool(config.get("keep_staging", True)),
    )  # fmt: skip
    status, error = "failed", None
    try:
        if kind == "folder":
            pull_folder(settings, config, now, ingest=ingest, stats=stats)
        else:
            client = make_client(
                config, env=env, secret_loader=secret_loader, sleep=sleep, clock=clock,
                transport=transport, seed=settings.seed,
            )  # fmt: skip
            with client:
                _pull_api(config, state, stats, client, batcher)
        status = "ok"
    except BaseException as exc:
        error = type(exc).__name__
        raise
    finally:
        con = open_db(settings)
        try:
            try:
                # Only a checkpoint whose records were committed is ever saved (see _Batcher).
                batcher.save(con)
            except BaseException as exc:
                status, error = "failed", type(exc).__name__
                raise
            finally:
                store.finish_run(
                    con, run_id, status=status, stats=stats, finished_at=now, error=error
                )
        finally:
            con.close()
    log.info(
        "source %s: %d records in %d pages (%d new, %d updated)",
        name, stats["records"], stats["pages"], stats["inserted"], stats["updated"],
    )  # fmt: skip
    return stats

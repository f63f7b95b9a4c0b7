"""Folder watcher: ingest each export dropped in a folder exactly once, by content.

A file is identified by the SHA-256 of its bytes and recorded in ``processed_files`` only after
its ingest committed; the same content under another name (a re-sent export) is skipped, an
edited file is new content and is ingested again (ingest is idempotent by document id, so
unchanged rows stay unchanged). Files still being written by the other system are skipped by
name (``.tmp``, ``.part``, ``.partial``, ``.crdownload``, hidden files), and a file whose bytes
change during its own ingest is left unrecorded so the next pull reads it again.

Config (``type = "folder"``): ``path`` (the folder), ``kind`` (optional; otherwise from the file
name like the inbox: ``reviews_*.csv``, ``tickets_*.json``, ``social_*.jsonl``), ``pattern``
(glob, default ``*``), ``mapping`` (column mapping file passed to ingest), ``recursive``
(default false).

The file log itself lives in the database; the caller passes it in as a :class:`ProcessedFiles`.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from pipelines.config import Settings
from pipelines.errors import VocError
from pipelines.ingest.inbox import SUFFIXES, kind_of

log = logging.getLogger("voc.sources")

KINDS = ("reviews", "tickets", "social")
PARTIAL_SUFFIXES = (".tmp", ".part", ".partial", ".crdownload", ".download", ".swp", ".lock")
_CHUNK = 1 << 20


class ProcessedFiles(Protocol):
    """The log of ingested file contents (``processed_files``), kept by the caller."""

    def processed(self, digests: list[str]) -> set[str]:
        """The SHA-256 digests among ``digests`` whose content was already ingested."""
        ...

    def record(
        self, *, path: str, sha256: str, size: int, run_id: str | None, now: datetime
    ) -> None:
        """Remember a file whose ingest committed."""
        ...


def file_digest(path: Path) -> tuple[str, int]:
    """(sha256 hex, size in bytes) of a file, read in chunks."""
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def candidate_files(folder: Path, pattern: str = "*", recursive: bool = False) -> list[Path]:
    """Complete-looking input files in ``folder``, sorted by path for a stable order."""
    found = folder.rglob(pattern) if recursive else folder.glob(pattern)
    out = []
    for path in found:
        name = path.name.lower()
        if not path.is_file() or name.startswith((".", "~")) or name.endswith(PARTIAL_SUFFIXES):
            continue
        if path.suffix.lower() in SUFFIXES:
            out.append(path)
    return sorted(out)


def pull_folder(
    settings: Settings,
    config: Mapping[str, Any],
    now: datetime,
    *,
    ingest: Callable[..., Any],
    file_log: ProcessedFiles,
    stats: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Ingest every not-yet-seen file of the configured folder.

    Args:
        settings: pipeline settings (passed on to ``ingest``).
        config: the source config (see the module docstring).
        now: timestamp recorded for the ingest and in ``processed_files``.
        ingest: ``pipelines.steps.ingest_file`` (injectable for tests).
        file_log: which contents were already ingested; records the newly ingested ones.
        stats: dict filled in place (so the caller keeps the counts when this raises).

    Returns:
        Counts (``files_seen``, ``ingested``, ``already_processed``, ``skipped``) and per-file
        results.

    Raises:
        VocError: the folder is missing, or some files could not be ingested (the others are
            ingested and recorded first; the failing ones are retried by the next pull).
    """
    name = str(config.get("name", "folder"))
    if not config.get("path"):
        raise VocError(f"source '{name}': set path = \"folder/to/watch\"")
    folder = Path(str(config["path"])).expanduser()
    if not folder.is_dir():
        raise VocError(f"source '{name}': folder {folder} not found")
    fixed_kind = config.get("kind")
    if fixed_kind is not None and fixed_kind not in KINDS:
        raise VocError(f"source '{name}': kind must be one of {', '.join(KINDS)}")
    mapping = Path(str(config["mapping"])) if config.get("mapping") else None
    files = candidate_files(folder, str(config.get("pattern", "*")), bool(config.get("recursive")))
    stats = {} if stats is None else stats
    stats.update({
        "files_seen": len(files), "ingested": 0, "already_processed": 0, "skipped": 0,
        "inserted": 0, "updated": 0, "unchanged": 0, "quarantined": 0, "results": [],
    })  # fmt: skip
    errors: list[str] = []
    todo: list[tuple[Path, str, str, int]] = []
    for path in files:
        kind = fixed_kind or kind_of(path)
        if kind is None:
            stats["skipped"] += 1
            log.info(
                "source %s: %s skipped (kind unknown: set kind or name it reviews_*)",
                name,
                path.name,
            )
            continue
        todo.append((path, kind, *file_digest(path)))
    # The same bytes twice in one drop (a re-sent export): ingest the first copy only.
    unique: dict[str, tuple[Path, str, str, int]] = {}
    for item in todo:
        unique.setdefault(item[2], item)
    todo = list(unique.values())
    if todo:
        seen = file_log.processed([t[2] for t in todo])
        todo = [t for t in todo if t[2] not in seen]
    stats["already_processed"] = len(files) - stats["skipped"] - len(todo)
    for path, kind, digest, size in todo:
        try:
            result = ingest(settings, kind, path, now=now, mapping_path=mapping)
        except VocError as exc:
            errors.append(f"{path.name} ({exc})")
            continue
        if file_digest(path)[0] != digest:
            # Still being written: what was ingested is kept, the file is read again next time.
            log.warning(
                "source %s: %s changed while being ingested; will be re-read", name, path.name
            )
            continue
        file_log.record(
            path=str(path), sha256=digest, size=size,
            run_id=getattr(result, "run_id", None), now=now,
        )  # fmt: skip
        stats["ingested"] += 1
        for key in ("inserted", "updated", "unchanged", "quarantined"):
            stats[key] += int(getattr(result, key, 0) or 0)
        stats["results"].append({"file": path.name, "kind": kind, "sha256": digest[:16]})
    if errors:
        raise VocError(
            f"source '{name}': {len(errors)} file(s) could not be ingested and will be retried: "
            + "; ".join(errors[:3])
        )
    return stats

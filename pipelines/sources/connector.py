"""The connector contract: what a connector yields (pages of records in the project's input
schema, each with a safe resume point) and the timestamp helpers connectors use for watermarks.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

__all__ = ["Checkpoint", "Connector", "ResumePoint", "SourcePage", "later", "parse_timestamp"]


class ResumePoint(Protocol):
    """Where a pull resumes: the stored state of a source (``store.read_state``) or a
    :class:`Checkpoint`. Declared here so connectors need no storage import."""

    @property
    def watermark(self) -> str | None:
        """Highest timestamp (ISO 8601) already ingested, or None before the first pull."""
        ...

    @property
    def cursor(self) -> str | None:
        """Opaque API cursor to continue from, or None."""
        ...


@dataclass(frozen=True)
class Checkpoint:
    """A resume point that is safe once every record before it is ingested."""

    watermark: str | None
    cursor: str | None


@dataclass
class SourcePage:
    """Records of one page, already in the project's input schema, and the resume point after
    them (None when resuming there could skip records, e.g. an unordered API mid-pull)."""

    records: list[dict[str, Any]]
    checkpoint: Checkpoint | None
    fetched: bool = True  # False for a checkpoint-only marker after the last page


class Connector(Protocol):
    """What :func:`pipelines.steps.pull.pull_source` needs from a connector."""

    kind: str

    def pages(self, state: ResumePoint) -> Iterator[SourcePage]:
        """Pages from ``state`` onwards."""
        ...


# --------------------------------------------------------------------------- timestamps


def parse_timestamp(value: Any) -> datetime | None:
    """UTC datetime of an ISO 8601 string or epoch seconds; None when unparseable."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return datetime.fromtimestamp(float(value), tz=UTC)
    text = str(value).strip()
    if not text:
        return None
    if text.lstrip("-").isdigit():
        return datetime.fromtimestamp(int(text), tz=UTC)
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def later(current: str | None, candidate: Any) -> str | None:
    """The later of two timestamps, keeping the original spelling (unparseable ones ignored)."""
    cand = parse_timestamp(candidate)
    if cand is None:
        return current
    cur = parse_timestamp(current)
    return str(candidate) if cur is None or cand > cur else current

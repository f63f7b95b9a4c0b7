"""Finding input files in an inbox folder: the kind comes from the file name."""

from __future__ import annotations

from pathlib import Path

from pipelines.errors import VocError

SUFFIXES = (".csv", ".jsonl", ".ndjson", ".json", ".parquet", ".xlsx")
PREFIXES = {"review": "reviews", "recension": "reviews", "ticket": "tickets", "social": "social",
            "survey": "surveys", "sondagg": "surveys"}  # fmt: skip


def kind_of(path: Path) -> str | None:
    """``reviews``/``tickets``/``social``/``surveys`` from a file name like ``reviews_2026-10.csv``."""
    name = path.name.lower()
    for prefix, kind in PREFIXES.items():
        if name.startswith(prefix):
            return kind
    return None


def discover_inputs(inbox: Path) -> list[tuple[str, Path]]:
    """(kind, path) of every input file in ``inbox``, sorted by name for a stable order."""
    if not inbox.is_dir():
        raise VocError(f"{inbox}: inbox folder not found")
    found = []
    for path in sorted(inbox.iterdir()):
        if path.suffix.lower() in SUFFIXES and (kind := kind_of(path)):
            found.append((kind, path))
    return found

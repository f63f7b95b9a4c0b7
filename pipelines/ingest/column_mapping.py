"""Column mappings: load ``{canonical: source_column}`` files and apply them to a read frame."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd
import yaml

from pipelines.errors import InputFileError

__all__ = ["CANONICAL_COLUMNS", "apply_mapping", "load_mapping"]

#: Column names the pipeline understands (see docs/architecture.md). Headers matching one of these
#: case-insensitively are renamed to the canonical spelling.
CANONICAL_COLUMNS: frozenset[str] = frozenset(
    {
        "id",
        "created_at",
        "updated_at",
        "solved_at",
        "text",
        "title",
        "rating",
        "channel",
        "customer_id",
        "requester_id",
        "status",
        "subject",
        "description",
        "comments",
        "platform",
        "author_id",
        "in_reply_to",
        "priority",
        "reopens",
        "nps",
        "csat",
        "ces",
        "survey",
        "touchpoint",
    }
)


def load_mapping(path: Path) -> dict[str, str | list[str]]:
    """Load a column mapping ``{canonical: source_column}`` from YAML, JSON or TOML.

    A value may be a list of alternative source columns (the first one present wins) or a string
    starting with ``=`` for a constant (``channel: "=trustpilot"``).

    Raises:
        InputFileError: The file is missing, unparsable or not a flat string mapping.
    """
    path = Path(path)
    try:
        raw_text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise InputFileError(
            f"{path.name}: cannot read mapping file ({exc.strerror or exc}).", path=str(path)
        ) from exc
    suffix = path.suffix.lower()
    try:
        if suffix == ".json":
            data = json.loads(raw_text)
        elif suffix == ".toml":
            data = tomllib.loads(raw_text)
        else:
            data = yaml.safe_load(raw_text)
    except (json.JSONDecodeError, tomllib.TOMLDecodeError, yaml.YAMLError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputFileError(
            f"{path.name}: mapping file is not valid {suffix.lstrip('.') or 'YAML'} ({first}).",
            path=str(path),
        ) from exc
    if isinstance(data, dict) and set(data) == {"columns"} and isinstance(data["columns"], dict):
        data = data["columns"]
    if not isinstance(data, dict) or not data:
        raise InputFileError(
            f"{path.name}: mapping must be a non-empty dictionary like 'text: Review Content'.",
            path=str(path),
        )
    mapping: dict[str, str | list[str]] = {}
    for key, value in data.items():
        if isinstance(value, str) and value.strip():
            mapping[str(key)] = value.strip()
        elif (
            isinstance(value, list)
            and value
            and all(isinstance(v, str) and v.strip() for v in value)
        ):
            mapping[str(key)] = [v.strip() for v in value]
        else:
            raise InputFileError(
                f"{path.name}: mapping value for {key!r} must be a column name "
                "(or a list of names); got {type(value).__name__}.",
                path=str(path),
                field=str(key),
            )
    return mapping


def apply_mapping(
    frame: pd.DataFrame, mapping: Mapping[str, str | Sequence[str]], path: Path
) -> pd.DataFrame:
    """Rename mapped source columns to canonical names, add constants, fix header case."""
    frame = frame.copy()
    by_folded = {str(c).strip().casefold(): c for c in frame.columns if c != "_row"}
    renames: dict[str, str] = {}
    constants: dict[str, str] = {}
    for canonical, source in mapping.items():
        if isinstance(source, str) and source.startswith("="):
            constants[canonical] = source[1:]
            continue
        candidates = [source] if isinstance(source, str) else list(source)
        for cand in candidates:
            actual = cand if cand in frame.columns else by_folded.get(cand.strip().casefold())
            if actual is not None and actual != "_row":
                renames[actual] = canonical
                break
    # A mapped source wins over a same-named column already in the file.
    clash = [c for c in set(renames.values()) if c in frame.columns and c not in renames]
    frame = frame.drop(columns=clash).rename(columns=renames)
    for canonical, value in constants.items():
        frame[canonical] = pd.Series([value] * len(frame), dtype=object, index=frame.index)
    # Headers like "Text" or " created_at " are the canonical columns in another spelling.
    fixes: dict[str, str] = {}
    for col in frame.columns:
        folded = str(col).strip().casefold().replace(" ", "_")
        if folded in CANONICAL_COLUMNS and col != folded and folded not in frame.columns:
            fixes[col] = folded
    if fixes:
        frame = frame.rename(columns=fixes)
    return frame

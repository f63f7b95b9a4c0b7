"""Curation state shown on the pages (pending edits, history, review). Wired after merge."""

from __future__ import annotations

from typing import Any

from pipelines.config import Settings


def pending(settings: Settings) -> list[dict[str, Any]]:
    """Edits waiting for the database."""
    return []


def curation(settings: Settings) -> dict[str, Any]:
    """Edit history and review items."""
    return {"edits": [], "review": []}

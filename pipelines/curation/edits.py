"""Theme edits as values: their kinds, their checks and their idempotency keys.

An edit is what a person asked for (rename, merge, split, hide, unhide, map a category, undo),
with who asked and when. Edits are stored in the ``theme_edits`` audit table in the order they
were applied; the curated state is replayed from them (:mod:`pipelines.curation.replay`).
Checks here need no database: a mistake in the request is refused before anything is queued.
Checks that need the current themes (does the theme exist?) happen when the edit is applied.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from pipelines.errors import VocError

__all__ = [
    "CURATED_ID_BASE",
    "EDIT_KINDS",
    "MAX_NAME",
    "Edit",
    "SplitPart",
    "clean_name",
    "clean_text",
    "clean_who",
    "edit_key",
    "parse_split_parts",
]

#: Kinds of theme edits (``theme_edits.kind``).
EDIT_KINDS = ("rename", "merge", "split", "hide", "unhide", "map", "undo")
#: Split parts get ids from here up: far above any id a topic model hands out (ids grow by a
#: handful per refit, and ``max_topics`` is 60), so a part never collides with a topic.
CURATED_ID_BASE = 100_000
#: Longest theme name, owner, note or reason accepted (a name is a heading, not a paragraph).
MAX_NAME = 120
MAX_TEXT = 2000


@dataclass(frozen=True)
class SplitPart:
    """One part of a split: its name, the keywords and the example documents that define it.

    Attributes:
        name: the part's theme name.
        keywords: words or phrases; a document containing one goes to the part (``bollett*``
            matches any word starting with ``bollett``).
        doc_ids: example documents; the documents no keyword claims go to the part whose
            examples they are closest to (embedding cosine).
        part_id: the part's theme id, given when the split is applied.
    """

    name: str
    keywords: tuple[str, ...] = ()
    doc_ids: tuple[str, ...] = ()
    part_id: int | None = None

    def as_json(self) -> dict[str, Any]:
        """JSON form stored in the edit's payload."""
        return {
            "name": self.name,
            "keywords": list(self.keywords),
            "doc_ids": list(self.doc_ids),
            "part_id": self.part_id,
        }

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> SplitPart:
        """Inverse of :meth:`as_json`."""
        part = raw.get("part_id")
        return cls(
            name=str(raw["name"]),
            keywords=tuple(str(k) for k in raw.get("keywords") or ()),
            doc_ids=tuple(str(d) for d in raw.get("doc_ids") or ()),
            part_id=None if part is None else int(part),
        )


@dataclass(frozen=True)
class Edit:
    """One row of ``theme_edits``, as the replay reads it.

    Attributes:
        edit_id: idempotency key.
        kind: one of :data:`EDIT_KINDS`.
        topic_ids: the themes it targets (for a merge: all of them, the first one gives its id
            to the group).
        payload: what was asked (``name``, ``category_id``, ``parts``, ``edit_id`` for an undo)
            plus ``before``/``after`` for the audit.
        topic_model: the topic model whose ids ``topic_ids`` refer to.
        who: the person.
        made_at: when it was made (naive UTC).
        seq: order of application.
        undone: an undo cancelled it (the replay skips it).
    """

    edit_id: str
    kind: str
    topic_ids: tuple[int, ...]
    payload: Mapping[str, Any] = field(default_factory=dict)
    topic_model: str | None = None
    who: str = ""
    made_at: datetime | None = None
    seq: int = 0
    undone: bool = False

    @property
    def parts(self) -> list[SplitPart]:
        """The parts of a split edit."""
        return [SplitPart.from_json(p) for p in self.payload.get("parts") or ()]


def _one_line(value: str) -> str:
    return " ".join(str(value).split())


def clean_name(name: str, what: str = "il nome del tema") -> str:
    """A theme name on one line, not empty, at most :data:`MAX_NAME` characters."""
    text = _one_line(name or "")
    if not text:
        raise VocError(f"{what} è vuoto: scrivi un nome")
    if len(text) > MAX_NAME:
        raise VocError(f"{what} è troppo lungo ({len(text)} caratteri, massimo {MAX_NAME})")
    return text


def clean_text(value: str | None, what: str, *, required: bool = False) -> str | None:
    """An optional free text (note, reason, owner) on one line, at most ``MAX_TEXT`` characters."""
    text = _one_line(value or "")
    if not text:
        if required:
            raise VocError(f"manca {what}")
        return None
    if len(text) > MAX_TEXT:
        raise VocError(f"{what} è troppo lungo ({len(text)} caratteri, massimo {MAX_TEXT})")
    return text


def clean_who(who: str) -> str:
    """Who made a change: required (the audit says who did what)."""
    text = _one_line(who or "")
    if not text:
        raise VocError("manca chi fa la modifica (--who)")
    return text[:MAX_NAME]


def parse_split_parts(parts: Mapping[str, Sequence[str]], known_docs: set[str]) -> list[SplitPart]:
    """The parts of a split request, each entry read as a document id or a keyword.

    Args:
        parts: part name → entries; an entry that is the id of a document of the theme is an
            example document, anything else a keyword.
        known_docs: ids of the theme's documents.

    Raises:
        VocError: fewer than one part, an empty or repeated name, a part without entries.
    """
    if not parts:
        raise VocError("indica almeno una parte: nome e parole chiave o documenti di esempio")
    out: list[SplitPart] = []
    seen: set[str] = set()
    for raw_name, entries in parts.items():
        name = clean_name(raw_name, "il nome di una parte")
        if name.casefold() in seen:
            raise VocError(f"la parte «{name}» compare due volte")
        seen.add(name.casefold())
        items = [_one_line(e) for e in entries if _one_line(e)]
        if not items:
            raise VocError(f"la parte «{name}» non ha né parole chiave né documenti di esempio")
        docs = tuple(dict.fromkeys(e for e in items if e in known_docs))
        words = tuple(dict.fromkeys(e.casefold() for e in items if e not in known_docs))
        for word in words:
            if len(word.rstrip("*")) < 2:
                raise VocError(f"parola chiave troppo corta nella parte «{name}»: «{word}»")
        out.append(SplitPart(name=name, keywords=words, doc_ids=docs))
    return out


def edit_key(kind: str, body: Mapping[str, Any], who: str, made_at: datetime) -> str:
    """Deterministic id of a request: the same request sent twice is one edit, not two."""
    blob = json.dumps(
        {"kind": kind, "body": body, "who": who, "at": made_at.isoformat()},
        sort_keys=True,
        ensure_ascii=False,
        default=str,
    )
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]

"""The curated state while edits are replayed: themes' attributes, groups, splits, review items.

A *unit* is a model topic id or a split part id. A *theme* is a unit on its own, or a group of
units made by a merge (its id is the group's first member, the *canonical* unit). Curated
attributes (name, hidden, category) live on the theme: on the unit when it is not grouped, on
the group otherwise. Every attribute remembers the edit that set it, so a refit that cannot
carry it lists that edit for review.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from pipelines.curation.edits import CURATED_ID_BASE, SplitPart

__all__ = ["Attr", "Attrs", "Group", "ReviewItem", "Split", "State"]


@dataclass(frozen=True)
class Attr:
    """A curated value and the edit that set it."""

    value: Any
    edit_id: str


@dataclass
class Attrs:
    """The curated attributes of a theme (``None``: not curated, the model's value holds)."""

    name: Attr | None = None
    hidden: Attr | None = None
    category: Attr | None = None

    def copy(self) -> Attrs:
        """An independent copy."""
        return replace(self)

    def is_empty(self) -> bool:
        """Nothing curated."""
        return self.name is None and self.hidden is None and self.category is None

    def edit_ids(self) -> list[str]:
        """Edits behind the attributes."""
        return [a.edit_id for a in (self.name, self.hidden, self.category) if a is not None]


@dataclass
class Group:
    """A merge: units shown as one theme, the first one (canonical) gives its id."""

    edit_id: str
    members: list[int]
    attrs: Attrs = field(default_factory=Attrs)

    @property
    def canonical(self) -> int:
        """The theme id of the group."""
        return self.members[0]


@dataclass
class Split:
    """A split: the documents of ``topics`` are divided among ``parts`` (and the rest)."""

    edit_id: str
    topic_id: int  #: the topic the person split
    topics: list[int]  #: the model topics whose documents it divides (after refits)
    parts: list[SplitPart]


@dataclass(frozen=True)
class ReviewItem:
    """An edit (or part of one) a refit could not carry over, for a person to look at.

    Attributes:
        edit_id: the edit.
        topic_id: the theme it concerns in the current model (-1: none left).
        lineage: ``merged``, ``split`` or ``died``: what the model did.
        message: one Italian sentence saying what was not carried and what to do.
        topic_model: the refit that caused it.
    """

    edit_id: str
    topic_id: int
    lineage: str
    message: str
    topic_model: str


@dataclass
class State:
    """Everything curated, in the ids of one topic model."""

    units: dict[int, Attrs] = field(default_factory=dict)
    groups: dict[str, Group] = field(default_factory=dict)
    splits: dict[str, Split] = field(default_factory=dict)
    review: dict[tuple[str, int, str], ReviewItem] = field(default_factory=dict)
    labels: dict[int, str] = field(default_factory=dict)  #: the model's labels
    model_id: str = ""

    # ------------------------------------------------------------------ lookups
    def group_of(self, unit: int) -> Group | None:
        """The group ``unit`` belongs to, if any."""
        for group in self.groups.values():
            if unit in group.members:
                return group
        return None

    def theme_of(self, unit: int) -> int:
        """The theme id a unit shows under."""
        group = self.group_of(unit)
        return group.canonical if group else unit

    def attrs_of(self, theme: int) -> Attrs:
        """The attributes an edit of ``theme`` (any member id of a group) changes."""
        group = self.group_of(theme)
        if group is not None:
            return group.attrs
        return self.units.setdefault(theme, Attrs())

    def part_ids(self) -> dict[int, Split]:
        """Active split parts → their split."""
        return {
            p.part_id: s for s in self.splits.values() for p in s.parts if p.part_id is not None
        }

    def split_of(self, topic: int) -> Split | None:
        """The split dividing ``topic``'s documents, if any."""
        for split in self.splits.values():
            if topic in split.topics:
                return split
        return None

    def label(self, unit: int) -> str:
        """What a unit is called: curated name, else the part's or the model's label."""
        attrs = self.units.get(unit)
        if attrs is not None and attrs.name is not None:
            return str(attrs.name.value)
        if unit >= CURATED_ID_BASE:
            for split in self.splits.values():
                for part in split.parts:
                    if part.part_id == unit:
                        return part.name
        return self.labels.get(unit, f"tema {unit}")

    def theme_label(self, theme: int) -> str:
        """What a theme is called (a group's name, else its canonical unit's)."""
        group = self.group_of(theme)
        if group is not None and group.attrs.name is not None:
            return str(group.attrs.name.value)
        return self.label(group.canonical if group else theme)

    def exists(self, unit: int) -> bool:
        """``unit`` is a topic of the model or an active split part."""
        return unit in self.labels or unit in self.part_ids()

    # ------------------------------------------------------------------ review
    def flag(self, edit_id: str, topic_id: int, lineage: str, message: str) -> None:
        """List an edit for review (once per edit, theme and lineage case)."""
        key = (edit_id, topic_id, lineage)
        self.review[key] = ReviewItem(edit_id, topic_id, lineage, message, self.model_id)

    def clear_review(self, units: list[int]) -> None:
        """A person edited these themes: what was listed about them has been looked at."""
        gone = [k for k, item in self.review.items() if item.topic_id in set(units)]
        for key in gone:
            del self.review[key]

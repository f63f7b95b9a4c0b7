"""Replay: the curated state as a pure function of the edits and the chain of topic models.

The state is never edited in place. Every refresh starts from nothing, walks the topic models
oldest first, applies the edits made on each model (in the order they were applied), and
carries the state through each refit's lineage (:mod:`pipelines.curation.carry`). An undo is
therefore exact (the undone edit is skipped), and an edit queued while a refit ran lands on the
model it was made on, then travels through the refit like every other one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pipelines.curation.carry import carry
from pipelines.curation.edits import Edit
from pipelines.curation.lineage import DIED, TopicModelInfo
from pipelines.curation.state import Attr, Attrs, Group, ReviewItem, Split, State

__all__ = ["CuratedTheme", "Curation", "apply_edit", "replay"]


@dataclass(frozen=True)
class CuratedTheme:
    """One row of the ``themes`` table: a theme some edit shaped.

    Attributes:
        theme_id: the canonical unit (a topic id, or a split part id).
        label: the name shown everywhere.
        hidden: noise, out of the report's lists and the alerts.
        category_id: curated taxonomy category, ``None`` for the model's.
        origin: ``modello`` (a topic), ``unione`` (a merge) or ``divisione`` (a split part).
        unit_ids: the topics and parts shown as this theme.
        parent_topic_id: for a part, the topic it was cut from.
        edit_ids: the edits behind it.
    """

    theme_id: int
    label: str
    hidden: bool
    category_id: str | None
    origin: str
    unit_ids: tuple[int, ...]
    parent_topic_id: int | None
    edit_ids: tuple[str, ...]


@dataclass(frozen=True)
class Curation:
    """The replayed state, ready to be stored.

    Attributes:
        themes: curated themes.
        members: unit → theme, for every unit shown under another id (group members).
        splits: the active splits (their parts carry ``part_id``).
        review: what the refits could not carry over.
        model_id: the topic model the ids refer to.
    """

    themes: list[CuratedTheme]
    members: dict[int, int]
    splits: list[Split]
    review: list[ReviewItem]
    model_id: str


def apply_edit(state: State, edit: Edit) -> None:
    """Apply one edit to the state of the model it was made on.

    An edit about a theme the model does not have (made on an id that a refit has since
    dropped, or queued against an older model) is listed for review instead.
    """
    missing = [t for t in edit.topic_ids if not state.exists(t)]
    if missing:
        state.flag(edit.edit_id, missing[0], DIED,
                   f"La modifica «{edit.kind}» riguarda il tema {missing[0]}, che non esiste nel "
                   "modello in uso: non è stata applicata.")  # fmt: skip
        return
    payload = edit.payload
    target = edit.topic_ids[0]
    if edit.kind == "rename":
        state.attrs_of(target).name = Attr(str(payload["name"]), edit.edit_id)
    elif edit.kind in ("hide", "unhide"):
        state.attrs_of(target).hidden = Attr(edit.kind == "hide", edit.edit_id)
    elif edit.kind == "map":
        state.attrs_of(target).category = Attr(str(payload["category_id"]), edit.edit_id)
    elif edit.kind == "merge":
        _merge(state, edit)
    elif edit.kind == "split":
        for key in [k for k, s in state.splits.items() if target in s.topics]:
            del state.splits[key]  # a new split of the same topic replaces the old one
        parts = edit.parts
        state.splits[edit.edit_id] = Split(edit.edit_id, target, [target], parts)
        parent = state.attrs_of(target)
        for part in parts:
            if part.part_id is not None:
                # A part is a piece of its theme: it starts hidden or mapped like it.
                state.units[part.part_id] = Attrs(
                    name=Attr(part.name, edit.edit_id),
                    hidden=parent.hidden,
                    category=parent.category,
                )
    touched = [u for t in edit.topic_ids for u in _units_of(state, t)]
    state.clear_review(touched)


def _units_of(state: State, theme: int) -> list[int]:
    group = state.group_of(theme)
    return list(group.members) if group else [theme]


def _merge(state: State, edit: Edit) -> None:
    themes: list[int] = []
    for t in edit.topic_ids:
        theme = state.theme_of(t)
        if theme not in themes:
            themes.append(theme)
    if len(themes) < 2:
        return
    first = state.attrs_of(themes[0]).copy()
    members: list[int] = []
    for theme in themes:
        group = state.group_of(theme)
        if group is not None:
            members += group.members
            del state.groups[group.edit_id]
        else:
            members.append(theme)
    name = edit.payload.get("name")
    if name:
        first.name = Attr(str(name), edit.edit_id)
    state.groups[edit.edit_id] = Group(edit.edit_id, members, first)


def replay(edits: Sequence[Edit], models: Sequence[TopicModelInfo]) -> Curation:
    """The curated state in the ids of the last model of ``models``.

    Args:
        edits: every applied edit, in application order (undone ones and undo rows are
            skipped).
        models: the chain of topic models, oldest first, each with its lineage relative to the
            one before (the last one is the active model).

    Returns:
        The :class:`Curation` to store.
    """
    if not models:
        return Curation([], {}, [], [], "")
    index = {m.model_id: i for i, m in enumerate(models)}
    live = [e for e in edits if not e.undone and e.kind != "undo"]
    # An edit belongs to the model it was made on; one on an unknown model to the newest.
    by_model: dict[int, list[Edit]] = {}
    for edit in sorted(live, key=lambda e: e.seq):
        at = index.get(edit.topic_model or "", len(models) - 1)
        by_model.setdefault(at, []).append(edit)
    state = State(labels=dict(models[0].labels), model_id=models[0].model_id)
    for i, model in enumerate(models):
        if i:
            state = carry(state, models[i - 1], model)
        for edit in by_model.get(i, []):
            apply_edit(state, edit)
    return _result(state)


def _result(state: State) -> Curation:
    themes: list[CuratedTheme] = []
    members: dict[int, int] = {}
    grouped: set[int] = set()
    parts = state.part_ids()
    for group in state.groups.values():
        canonical = group.canonical
        grouped.update(group.members)
        for unit in group.members[1:]:
            members[unit] = canonical
        edit_ids = [group.edit_id, *group.attrs.edit_ids()]
        themes.append(
            CuratedTheme(
                theme_id=canonical,
                label=state.theme_label(canonical),
                hidden=bool(group.attrs.hidden.value) if group.attrs.hidden else False,
                category_id=str(group.attrs.category.value) if group.attrs.category else None,
                origin="unione",
                unit_ids=tuple(group.members),
                parent_topic_id=None,
                edit_ids=tuple(dict.fromkeys(edit_ids)),
            )
        )
    for unit, attrs in sorted(state.units.items()):
        if unit in grouped or (unit not in state.labels and unit not in parts):
            continue
        if attrs.is_empty() and unit not in parts:
            continue
        split = parts.get(unit)
        edit_ids = ([split.edit_id] if split else []) + attrs.edit_ids()
        themes.append(
            CuratedTheme(
                theme_id=unit,
                label=state.label(unit),
                hidden=bool(attrs.hidden.value) if attrs.hidden else False,
                category_id=str(attrs.category.value) if attrs.category else None,
                origin="divisione" if split else "modello",
                unit_ids=(unit,),
                parent_topic_id=split.topics[0] if split else None,
                edit_ids=tuple(dict.fromkeys(edit_ids)),
            )
        )
    themes.sort(key=lambda t: t.theme_id)
    review = sorted(state.review.values(), key=lambda r: (r.edit_id, r.topic_id, r.lineage))
    return Curation(themes, members, list(state.splits.values()), review, state.model_id)

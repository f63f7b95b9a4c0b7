"""Carrying the curated state through a refit, one rule per lineage case (docs/curation.md).

* **continued** (same id): every edit stays as it is.
* **merged by the model** (several old topics → one): the merged theme takes the curated name
  and category of the *largest* parent (size in the old model) if it has one; it stays hidden
  only if every parent was hidden. Every other curated value of the parents is listed for
  review. A group member merged into a topic outside its group leaves the group (listed).
* **split by the model** (one old topic → several): the name goes to the head child (the
  topic itself when it continued, else the largest child); the other children are listed for
  review ("name to confirm"). Hidden and category go to every child; group membership and a
  split rule follow the documents, to every child.
* **died**: nothing to carry it to: every edit about it is listed for review.

Split parts are curated ids: they do not go through the lineage; they live as long as the split
that made them divides at least one topic.
"""

from __future__ import annotations

from pipelines.curation.edits import CURATED_ID_BASE
from pipelines.curation.lineage import (
    CONTINUED,
    DIED,
    MERGED,
    SPLIT,
    Successor,
    TopicModelInfo,
    successors,
)
from pipelines.curation.state import Attr, Attrs, Group, State

__all__ = ["carry"]


def _what(field: str, attr: Attr) -> str:
    """The edit, in words, for a review message."""
    if field == "name":
        return f"il nome «{attr.value}»"
    if field == "hidden":
        return "l'occultamento come rumore" if attr.value else "la scelta di mostrare il tema"
    return f"la categoria «{attr.value}»"


def carry(state: State, old: TopicModelInfo, new: TopicModelInfo) -> State:
    """The state of ``old``'s ids, re-expressed in ``new``'s ids (review items added)."""
    succ = successors(old, new)
    out = State(review=dict(state.review), labels=dict(new.labels), model_id=new.model_id)
    old_label = {t: state.label(t) for t in old.topic_ids}
    _carry_splits(state, out, succ, old_label)
    _carry_groups(state, out, succ, old, old_label)
    _carry_units(state, out, succ, old, new, old_label)
    return out


def _carry_splits(
    state: State, out: State, succ: dict[int, Successor], old_label: dict[int, str]
) -> None:
    for key, split in state.splits.items():
        topics: list[int] = []
        for topic in split.topics:
            s = succ.get(topic, Successor(DIED, ()))
            if s.case in (CONTINUED, SPLIT):
                topics += [t for t in s.ids if t not in topics]
            else:
                where = f"unito dal modello nel tema {s.head}" if s.case == MERGED else "scomparso"
                out.flag(split.edit_id, s.head if s.head is not None else topic, s.case,
                         f"La divisione del tema «{old_label.get(topic, topic)}» non è stata "
                         f"riportata: il tema è {where} dopo il riaddestramento. Rifalla se "
                         "serve, o annullala.")  # fmt: skip
        if topics:
            out.splits[key] = type(split)(split.edit_id, split.topic_id, topics, split.parts)
        else:
            for part in split.parts:
                if part.part_id is not None:
                    out.flag(split.edit_id, part.part_id, DIED,
                             f"La parte «{part.name}» non esiste più: il tema da cui era stata "
                             "divisa è scomparso.")  # fmt: skip


def _carry_groups(
    state: State,
    out: State,
    succ: dict[int, Successor],
    old: TopicModelInfo,
    old_label: dict[int, str],
) -> None:
    parts = out.part_ids()
    taken: set[int] = set()
    for key, group in state.groups.items():
        name = state.theme_label(group.canonical)
        members: list[int] = []
        for unit in group.members:
            if unit >= CURATED_ID_BASE:
                if unit in parts:
                    members.append(unit)
                continue
            s = succ.get(unit, Successor(DIED, ()))
            if s.case in (CONTINUED, SPLIT):
                members += [t for t in s.ids if t not in members]
            elif s.case == MERGED and s.head in group.members:
                continue  # its documents are now in another member: still in the group
            else:
                where = (
                    f"unito dal modello al tema «{out.label(s.head)}», che non è nel gruppo"
                    if s.case == MERGED and s.head is not None
                    else "scomparso dopo il riaddestramento"
                )
                out.flag(group.edit_id, s.head if s.head is not None else unit, s.case,
                         f"Il tema «{old_label.get(unit, unit)}» è uscito dal gruppo «{name}»: "
                         f"è {where}.")  # fmt: skip
        members = [m for m in members if m not in taken]
        canonical = group.canonical
        if canonical not in members and members:
            # The group's id follows the surviving members: the smallest id (documented).
            members.sort(key=lambda m: (m >= CURATED_ID_BASE, m))
        elif members:
            members.remove(canonical)
            members.insert(0, canonical)
        taken.update(members)
        if len(members) >= 2:
            out.groups[key] = Group(group.edit_id, members, group.attrs.copy())
        elif len(members) == 1:
            # One member left: it is the theme now, with the group's name and flags.
            only = members[0]
            mine = out.units.setdefault(only, Attrs())
            for field in ("name", "hidden", "category"):
                if getattr(mine, field) is None and getattr(group.attrs, field) is not None:
                    setattr(mine, field, getattr(group.attrs, field))
            out.flag(group.edit_id, only, MERGED,
                     f"Il gruppo «{name}» contiene ora un solo tema: gli altri sono stati uniti "
                     "o sono scomparsi nel riaddestramento. Controlla il nome.")  # fmt: skip
        else:
            out.flag(group.edit_id, -1, DIED,
                     f"Il gruppo «{name}» non esiste più: tutti i suoi temi sono scomparsi "
                     "dopo il riaddestramento.")  # fmt: skip


def _carry_units(
    state: State,
    out: State,
    succ: dict[int, Successor],
    old: TopicModelInfo,
    new: TopicModelInfo,
    old_label: dict[int, str],
) -> None:
    parts = out.part_ids()
    for unit, kept in state.units.items():
        if unit >= CURATED_ID_BASE and unit in parts and not kept.is_empty():
            out.units[unit] = kept.copy()
    # Every parent of each new topic, curated or not: a merge needs to know all of them.
    parents: dict[int, list[int]] = {}
    for topic, s in succ.items():
        if s.case in (CONTINUED, MERGED):
            parents.setdefault(s.ids[0], []).append(topic)
    for topic, s in succ.items():
        found = state.units.get(topic)
        if found is None or found.is_empty():
            continue
        attrs = found
        if s.case == DIED:
            for field in ("name", "hidden", "category"):
                attr = getattr(attrs, field)
                if attr is not None:
                    out.flag(attr.edit_id, topic, DIED,
                             f"Il tema «{old_label.get(topic, topic)}» non esiste più dopo il "
                             f"riaddestramento: {_what(field, attr)} non è stato riportato.")  # fmt: skip
        elif s.case == SPLIT:
            head, rest = s.ids[0], s.ids[1:]
            heir = out.units.setdefault(head, Attrs())
            heir.name = heir.name or attrs.name
            for child in rest:
                mine = out.units.setdefault(child, Attrs())
                mine.hidden = mine.hidden or attrs.hidden
                mine.category = mine.category or attrs.category
                if attrs.name is not None:
                    out.flag(attrs.name.edit_id, child, SPLIT,
                             f"Il tema «{old_label.get(topic, topic)}» è stato diviso dal modello: "
                             f"il nome è rimasto a «{out.label(head)}»; dai un nome a questo "
                             f"tema ({out.labels.get(child, child)}).")  # fmt: skip
            heir.hidden = heir.hidden or attrs.hidden
            heir.category = heir.category or attrs.category
    for target, group in parents.items():
        _resolve_merge(state, out, target, group, old, old_label)


def _resolve_merge(
    state: State,
    out: State,
    target: int,
    parents: list[int],
    old: TopicModelInfo,
    old_label: dict[int, str],
) -> None:
    """Curated values of the parents of ``target`` (continued, or merged by the model)."""
    by_size = sorted(parents, key=lambda t: (-old.sizes.get(t, 0), t))
    curated = [(t, state.units[t]) for t in by_size if t in state.units]
    if not curated:
        return
    mine = out.units.setdefault(target, Attrs())
    merged = len(parents) > 1
    for field in ("name", "category"):
        values = [(t, getattr(a, field)) for t, a in curated if getattr(a, field) is not None]
        if not values:
            continue
        winner_topic, winner = values[0]
        if merged and winner_topic != by_size[0]:
            # The largest parent was not curated: its model value stays, the others are listed.
            winner = None
        if getattr(mine, field) is None and winner is not None:
            setattr(mine, field, winner)
        chosen = getattr(mine, field)
        for t, attr in values:
            if chosen is None or attr.value != chosen.value:
                out.flag(attr.edit_id, target, MERGED,
                         f"Il modello ha unito «{old_label.get(t, t)}» nel tema "
                         f"«{out.label(target)}»: {_what(field, attr)} non è stato riportato "
                         "(vale quello del tema più grande).")  # fmt: skip
    hidden = [(t, a.hidden) for t, a in curated if a.hidden is not None]
    all_hidden = all(
        state.units.get(t) is not None
        and state.units[t].hidden is not None
        and bool(state.units[t].hidden.value)  # type: ignore[union-attr]
        for t in parents
    )
    if hidden and mine.hidden is None:
        if all_hidden or not merged:
            mine.hidden = hidden[0][1]
        else:
            for t, attr in hidden:
                if attr.value:
                    out.flag(attr.edit_id, target, MERGED,
                             f"Il tema nascosto «{old_label.get(t, t)}» è stato unito dal modello "
                             f"a «{out.label(target)}», che resta visibile: nascondilo se è "
                             "rumore.")  # fmt: skip

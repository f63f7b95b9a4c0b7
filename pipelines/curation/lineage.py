"""What a refit did to each topic: the lineage events read as one successor per old topic.

A refit (``voc retrain topics``, the monthly refit) keeps the ids of the topics it finds again
and records in ``topic_lineage`` what happened to the others (see ``models/topics/refit.py``).
Curation reads those events per old topic: it *continued* (same id), was *merged* by the model
into another topic, was *split* into several, or *died*.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

__all__ = ["LineageEvent", "Successor", "TopicModelInfo", "successors"]

CONTINUED, MERGED, SPLIT, DIED = "continued", "merged", "split", "died"


@dataclass(frozen=True)
class LineageEvent:
    """One ``topic_lineage`` row: ``event`` about ``topic_id``, with the ids it relates to."""

    event: str
    topic_id: int
    related_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class TopicModelInfo:
    """A topic model of the chain, with its lineage relative to the model before it.

    Attributes:
        model_id: registry id (``topics:YYYYmmddTHHMMSS``).
        topic_ids: its topics.
        labels: topic id → the model's label.
        sizes: topic id → documents it was fitted with (ties broken by id).
        events: lineage events relative to the previous model of the chain.
    """

    model_id: str
    topic_ids: frozenset[int]
    labels: Mapping[int, str] = field(default_factory=dict)
    sizes: Mapping[int, int] = field(default_factory=dict)
    events: Sequence[LineageEvent] = ()


@dataclass(frozen=True)
class Successor:
    """What became of an old topic: ``case`` and the new ids that hold its documents.

    For a split, ``ids`` starts with the topic itself when it continued, then the other
    children largest first; that first id is the *head* that keeps the topic's name.
    """

    case: str
    ids: tuple[int, ...]

    @property
    def head(self) -> int | None:
        """The successor that keeps the name (None when the topic died)."""
        return self.ids[0] if self.ids else None


def successors(old: TopicModelInfo, new: TopicModelInfo) -> dict[int, Successor]:
    """Successor of every topic of ``old`` in ``new``.

    Precedence when events overlap: a recorded split wins (its children share the documents),
    then continuation (the id exists in ``new``), then a merge into a surviving topic, else the
    topic died.
    """
    split_to: dict[int, tuple[int, ...]] = {}
    merged_into: dict[int, int] = {}
    for ev in new.events:
        if ev.event == SPLIT:
            split_to[ev.topic_id] = tuple(t for t in ev.related_ids if t in new.topic_ids)
        elif ev.event == MERGED and ev.topic_id in new.topic_ids:
            for parent in ev.related_ids:
                if parent != ev.topic_id and parent not in new.topic_ids:
                    merged_into.setdefault(parent, ev.topic_id)
    out: dict[int, Successor] = {}
    for topic in sorted(old.topic_ids):
        kids = split_to.get(topic, ())
        if len(kids) >= 2:
            head = [topic] if topic in kids else []
            rest = sorted((k for k in kids if k != topic), key=lambda k: (-new.sizes.get(k, 0), k))
            out[topic] = Successor(SPLIT, (*head, *rest))
        elif topic in new.topic_ids:
            out[topic] = Successor(CONTINUED, (topic,))
        elif kids:
            out[topic] = Successor(CONTINUED, kids)
        elif topic in merged_into:
            out[topic] = Successor(MERGED, (merged_into[topic],))
        else:
            out[topic] = Successor(DIED, ())
    return out

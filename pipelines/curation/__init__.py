"""Curation stage: the team's edits to the themes and its triage of the alerts (pure).

Modules:
    edits: edit kinds, request checks, idempotency keys, split parts.
    lineage: what a refit did to each topic (continued / merged / split / died).
    state: the curated state while edits are replayed.
    carry: the rule of each lineage case, carrying the state through a refit.
    replay: the curated state as a function of the edits and the chain of topic models.
    split: which documents of a split topic go to which part.
    triage: alert triage states and episode continuity.
    labels: human label fields and values, the labels file (docs/labels.md).

The database side (audit table, pending queue, derived tables) is ``pipelines.steps.curation``;
nothing here touches storage. The rules are written for people in docs/curation.md.
"""

from pipelines.curation.edits import (
    CURATED_ID_BASE,
    EDIT_KINDS,
    Edit,
    SplitPart,
    clean_name,
    clean_text,
    clean_who,
    edit_key,
    parse_split_parts,
)
from pipelines.curation.lineage import LineageEvent, Successor, TopicModelInfo, successors
from pipelines.curation.replay import CuratedTheme, Curation, apply_edit, replay
from pipelines.curation.split import assign_parts
from pipelines.curation.state import ReviewItem
from pipelines.curation.triage import (
    DISMISSED,
    IN_CHARGE,
    NEW,
    RESOLVED,
    TRIAGE_STATES,
    check_triage,
    continued_episodes,
)

__all__ = [
    "CURATED_ID_BASE",
    "DISMISSED",
    "EDIT_KINDS",
    "IN_CHARGE",
    "NEW",
    "RESOLVED",
    "TRIAGE_STATES",
    "CuratedTheme",
    "Curation",
    "Edit",
    "LineageEvent",
    "ReviewItem",
    "SplitPart",
    "Successor",
    "TopicModelInfo",
    "apply_edit",
    "assign_parts",
    "check_triage",
    "clean_name",
    "clean_text",
    "clean_who",
    "continued_episodes",
    "edit_key",
    "parse_split_parts",
    "replay",
    "successors",
]

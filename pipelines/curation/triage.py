"""Alert triage: the states of an alert episode and which episode a re-detected alert continues.

States (``alert_triage.state``): ``nuovo`` (nobody looked at it yet) → ``preso in carico``
(an owner, a note) → ``risolto``; or → ``falso allarme`` (a reason). Any triaged state can be
set back to ``nuovo`` (reopened) or taken in charge again. A triaged episode is never notified
again; a dismissed one stays dismissed while it is the same episode.

*Same episode*: the same ``alert_id`` (``{scope}:{key}:{first_seen_week}``). Detection replays
every week on each run, so late documents can move an episode's first week by one; an alert of
the same series whose first week is at most one week away from a triaged episode's continues
that episode and keeps its triage (:func:`continued_episodes`).
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from pipelines.curation.edits import clean_text
from pipelines.errors import VocError
from pipelines.weeks import week_monday

__all__ = [
    "DISMISSED",
    "IN_CHARGE",
    "NEW",
    "RESOLVED",
    "TRIAGE_STATES",
    "check_triage",
    "continued_episodes",
]

NEW, IN_CHARGE, RESOLVED, DISMISSED = "nuovo", "preso in carico", "risolto", "falso allarme"
TRIAGE_STATES = (NEW, IN_CHARGE, RESOLVED, DISMISSED)
#: Allowed moves: from a state to the states it may go to.
TRANSITIONS: Mapping[str, tuple[str, ...]] = {
    NEW: (IN_CHARGE, RESOLVED, DISMISSED),
    IN_CHARGE: (IN_CHARGE, RESOLVED, DISMISSED, NEW),
    RESOLVED: (IN_CHARGE, NEW),
    DISMISSED: (IN_CHARGE, NEW),
}
#: An episode re-cut by a replay starts at most this many weeks from the triaged one.
EPISODE_SLACK_WEEKS = 1


def check_triage(
    current: str, state: str, owner: str | None, note: str | None, reason: str | None
) -> tuple[str | None, str | None, str | None]:
    """Validate a change of state; returns the cleaned ``owner, note, reason``.

    Raises:
        VocError: unknown state, a move that is not allowed, a missing owner (preso in carico)
            or reason (falso allarme).
    """
    if state not in TRIAGE_STATES:
        raise VocError(f"stato '{state}' sconosciuto: usa uno di {', '.join(TRIAGE_STATES)}")
    if state not in TRANSITIONS.get(current, ()):
        raise VocError(f"la segnalazione è già «{current}»: non può passare a «{state}»")
    owner = clean_text(owner, "il responsabile (--owner)", required=state == IN_CHARGE)
    note = clean_text(note, "la nota")
    reason = clean_text(reason, "il motivo (--reason)", required=state == DISMISSED)
    return owner, note, reason


def _weeks_apart(a: str, b: str) -> int:
    return abs((week_monday(a) - week_monday(b)).days) // 7


def continued_episodes(alerts: pd.DataFrame, triaged: pd.DataFrame) -> pd.Series:
    """For each alert row, the triaged episode it continues under another id (else None).

    Args:
        alerts: ``alert_id, scope, series_key, first_seen_week`` of the recomputed alerts.
        triaged: the same columns for every triaged episode (its latest state not ``nuovo``
            is not required: a reopened one is matched too, and shows ``nuovo``).

    Returns:
        Series aligned with ``alerts``: the triaged ``alert_id`` a re-cut episode continues,
        ``None`` when the alert is triaged under its own id or not at all.
    """
    out = pd.Series([None] * len(alerts), index=alerts.index, dtype=object)
    if alerts.empty or triaged.empty:
        return out
    own = set(triaged["alert_id"])
    by_series: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for alert_id, scope, key, first in triaged[
        ["alert_id", "scope", "series_key", "first_seen_week"]
    ].itertuples(index=False):
        if scope and key and first:
            by_series.setdefault((str(scope), str(key)), []).append((str(first), str(alert_id)))
    current = set(alerts["alert_id"])
    for idx, alert_id, scope, key, first in alerts[
        ["alert_id", "scope", "series_key", "first_seen_week"]
    ].itertuples():
        if alert_id in own or scope == "new_topic":
            continue
        near = [
            (_weeks_apart(first, f), f, aid)
            for f, aid in by_series.get((str(scope), str(key)), [])
            # An episode still detected under its own id is another episode, not this one.
            if aid not in current and _weeks_apart(first, f) <= EPISODE_SLACK_WEEKS
        ]
        if near:
            out.at[idx] = min(near)[2]
    return out

"""Ticket operations: first response, resolution, reopenings and SLA breaches, per ticket.

Inputs are the stored tickets (with their theme and sentiment), their comment threads and the
details of the export (priority, ``solved_at``, the helpdesk's own reopen count). Every time is
measured in business hours (:class:`~pipelines.detect.worktime.BusinessCalendar`).

* **First response**: from the ticket's creation to the first agent comment after it. A ticket
  without an answer yet has breached its target once more business hours than the target have
  passed by ``now``; before that its breach is unknown (NULL), not "on time".
* **Resolution**: from creation to ``solved_at`` for tickets solved or closed; an unsolved ticket
  breaches once its target has passed.
* **Reopenings**: the export's ``reopens`` when it has one (Zendesk's ticket metrics do);
  otherwise 1 when, after ``solved_at``, the customer wrote again and the ticket went back to
  work (an agent answered after that message, or the ticket is open again). A thank-you after
  the solution, with nothing after it, is not a reopening. Only the last solve is known from an
  export, so earlier reopenings of a ticket solved twice are not seen: prefer ``reopens``.
* **Slow answers and the next message**: every agent reply is timed against the customer
  message it answers; a reply later than the first-response target is *slow*. The polarity of
  the customer's next message (the project's negation-aware lexicon, -1..1) is averaged after
  slow and after timely replies: how the tone changes after a slow answer.

Targets come from ``[sla]`` (``sla_first_response``, ``sla_resolution``): the most specific of
``channel:priority``, ``channel``, ``*:priority``, ``*`` applies.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

import numpy as np
import pandas as pd

from models.lexicon import polarity_tokens
from pipelines.detect.worktime import BusinessCalendar

__all__ = ["OPERATION_COLUMNS", "message_polarity", "sla_target", "ticket_operations"]

OPERATION_COLUMNS = [
    "doc_id", "channel", "priority", "customer_id", "created_at", "first_response_at",
    "solved_at", "status", "first_response_hours", "resolution_hours", "first_response_target",
    "resolution_target", "first_response_breached", "resolution_breached", "reopens",
    "agent_replies", "slow_replies", "polarity_after_slow", "polarity_after_fast",
    "n_after_slow", "n_after_fast", "topic_id", "category_id", "sentiment_label",
]  # fmt: skip
_OPEN = frozenset({"new", "open", "pending", "hold"})
_SOLVED = frozenset({"solved", "closed"})


def sla_target(targets: Mapping[str, float], channel: str | None, priority: str | None) -> float:
    """The target (business hours) of a ticket: ``channel:priority``, ``channel``,
    ``*:priority``, then ``*``; infinite when none applies."""
    ch, pr = (channel or "").lower(), (priority or "normal").lower()
    for key in (f"{ch}:{pr}", ch, f"*:{pr}", "*"):
        if key in targets:
            return float(targets[key])
    return float("inf")


def message_polarity(text: str) -> float:
    """Polarity of one message in -1..1: the signed lexicon cues, squashed ``s / (|s| + 1)``."""
    total = sum(cue.effective for cue in polarity_tokens(text or ""))
    return total / (abs(total) + 1.0)


def _reopened(roles: list[str], times: list[Any], solved_at: Any, status: str) -> int:
    if pd.isna(solved_at):
        return 0
    after = [(role, at) for role, at in zip(roles, times, strict=True) if at > solved_at]
    customer = [at for role, at in after if role == "customer"]
    if not customer:
        return 0
    first = min(customer)
    worked = any(role == "agent" and at > first for role, at in after)
    return int(worked or status in _OPEN)


def ticket_operations(
    tickets: pd.DataFrame,
    comments: pd.DataFrame,
    calendar: BusinessCalendar,
    first_response: Mapping[str, float],
    resolution: Mapping[str, float],
    now: datetime,
) -> pd.DataFrame:
    """One row per ticket with :data:`OPERATION_COLUMNS`.

    Args:
        tickets: ``doc_id, channel, customer_id, created_at, status, priority, solved_at,
            reopens`` (export value or NA), ``topic_id, category_id, sentiment_label``.
        comments: ``doc_id, comment_idx, author_role, created_at, text`` of those tickets.
        calendar: working time of the support team.
        first_response: ``[sla] sla_first_response`` targets.
        resolution: ``[sla] sla_resolution`` targets.
        now: the instant unanswered and unsolved tickets are measured to (naive UTC).
    """
    if tickets.empty:
        return pd.DataFrame(columns=OPERATION_COLUMNS)
    t = tickets.reset_index(drop=True).copy()
    t["priority"] = t["priority"].fillna("normal")
    t["status"] = t["status"].fillna("").astype(str)
    c = comments.sort_values(["doc_id", "comment_idx"], kind="stable")
    c = c.merge(t[["doc_id", "created_at"]].rename(columns={"created_at": "opened"}), on="doc_id")
    agents = c[(c["author_role"] == "agent") & (c["created_at"] >= c["opened"])]
    first = agents.groupby("doc_id", as_index=False)["created_at"].min()
    t = t.merge(first.rename(columns={"created_at": "first_response_at"}), on="doc_id", how="left")
    now_col = pd.Series([pd.Timestamp(now)] * len(t))
    t["first_response_target"] = [sla_target(first_response, ch, pr)
                                  for ch, pr in zip(t["channel"], t["priority"], strict=True)]  # fmt: skip
    t["resolution_target"] = [sla_target(resolution, ch, pr)
                              for ch, pr in zip(t["channel"], t["priority"], strict=True)]  # fmt: skip
    t["first_response_hours"] = calendar.hours_between(t["created_at"], t["first_response_at"])
    waited = calendar.hours_between(t["created_at"], now_col)
    answered = t["first_response_at"].notna().to_numpy()
    t["first_response_breached"] = _breached(
        answered, t["first_response_hours"].to_numpy(), waited, t["first_response_target"]
    )
    solved = t["status"].isin(_SOLVED).to_numpy() & t["solved_at"].notna().to_numpy()
    # A reopened ticket keeps its last solve time in the export: kept for the reopen test,
    # not counted as a resolution while the ticket is open again.
    t["solved_export"] = t["solved_at"]
    t["solved_at"] = t["solved_at"].where(solved)
    t["resolution_hours"] = calendar.hours_between(t["created_at"], t["solved_at"])
    t["resolution_breached"] = _breached(
        solved, t["resolution_hours"].to_numpy(), waited, t["resolution_target"]
    )
    t = pd.concat([t, _thread_stats(t, c, calendar)], axis=1)
    explicit = pd.to_numeric(t["reopens"], errors="coerce")
    t["reopens"] = explicit.fillna(t["inferred_reopens"]).astype(int)
    return t[OPERATION_COLUMNS]


def _breached(
    done: np.ndarray, hours: np.ndarray, waited: np.ndarray, target: pd.Series
) -> pd.arrays.BooleanArray:
    """Over target when done; True once waiting past it when not done; unknown (NA) before."""
    goal = target.to_numpy(dtype=float)
    out = pd.array([pd.NA] * len(goal), dtype="boolean")
    out[done] = hours[done] > goal[done]
    out[~done & (waited > goal)] = True
    return out


def _thread_stats(t: pd.DataFrame, c: pd.DataFrame, calendar: BusinessCalendar) -> pd.DataFrame:
    """Per ticket of ``t``: replies, slow replies, the polarity of the next customer message
    after each, and the inferred reopening (``c``: the comments, sorted by ticket and index).

    Every reply's wait goes through one ``hours_between`` call: per ticket it was most of the
    demo's detection time.
    """
    roles_all = c["author_role"].tolist()
    times_all = c["created_at"].tolist()
    texts_all = c["text"].fillna("").tolist()
    # Sorted by ticket, so each ticket's comments are one run of positions.
    groups = c.groupby("doc_id", sort=False).indices
    span = {doc_id: (int(at[0]), int(at[-1]) + 1) for doc_id, at in groups.items()}
    doc_ids = t["doc_id"].tolist()
    # Each agent reply answers the first customer message since the previous reply.
    pairs: list[tuple[int, int, int]] = []  # (ticket row, asking comment, replying comment)
    for k, doc_id in enumerate(doc_ids):
        a, b = span.get(doc_id, (0, 0))
        asked: int | None = None
        for i in range(a, b):
            if roles_all[i] == "customer":
                asked = asked if asked is not None else i
            elif roles_all[i] == "agent" and asked is not None:
                pairs.append((k, asked, i))
                asked = None
    hours = calendar.hours_between(
        pd.Series([times_all[p[1]] for p in pairs], dtype=c["created_at"].dtype),
        pd.Series([times_all[p[2]] for p in pairs], dtype=c["created_at"].dtype),
    )
    targets = t["first_response_target"].to_numpy(dtype=float)
    slow_pol: list[list[float]] = [[] for _ in range(len(t))]
    fast_pol: list[list[float]] = [[] for _ in range(len(t))]
    n_slow = np.zeros(len(t), dtype=int)
    for (k, _, i), h in zip(pairs, hours, strict=True):
        slow = bool(h > targets[k])
        n_slow[k] += slow
        end = span[doc_ids[k]][1]
        nxt = next((j for j in range(i + 1, end) if roles_all[j] == "customer"), None)
        if nxt is not None:
            (slow_pol[k] if slow else fast_pol[k]).append(message_polarity(texts_all[nxt]))
    rows = []
    for k, (doc_id, solved, status) in enumerate(
        zip(doc_ids, t["solved_export"], t["status"], strict=True)
    ):
        a, b = span.get(doc_id, (0, 0))
        roles, times = roles_all[a:b], times_all[a:b]
        rows.append(
            {
                "agent_replies": sum(r == "agent" for r in roles),
                "slow_replies": int(n_slow[k]),
                "polarity_after_slow": float(np.mean(slow_pol[k])) if slow_pol[k] else np.nan,
                "polarity_after_fast": float(np.mean(fast_pol[k])) if fast_pol[k] else np.nan,
                "n_after_slow": len(slow_pol[k]),
                "n_after_fast": len(fast_pol[k]),
                "inferred_reopens": _reopened(roles, times, solved, status),
            }
        )
    return pd.DataFrame(rows, index=t.index)

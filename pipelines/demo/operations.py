"""Ticket operations of the demo: priorities, a planted SLA problem and reopened tickets.

Applied after every document is rendered, from its own planning stream (and, for the few new
follow-up messages, the text stream after everything else was written), so the reviews and
social files do not change and tickets change only where something is planted:

* every ticket gets a priority (``urgent`` for many late churn-cohort contacts, ``high`` for
  some complaints, ``low`` for some questions, else ``normal``);
* **the planted SLA problem**: from the emerging complaint's onset (the double charge), the
  e-mail queue falls behind on billing: e-mail tickets of the billing category wait 2-5 days
  more for their first answer (the whole thread moves later), so e-mail first-response
  breaches rise with that theme;
* about 8 % of tickets closed well before the end are reopened: the customer writes that the
  problem is back and an agent takes it up again (the ticket is open again, ``solved_at`` is
  the old solve).
"""

from __future__ import annotations

import random
from datetime import timedelta

from pipelines.demo.compose import filler_for
from pipelines.demo.tickets import agent_reply
from pipelines.demo.world import Doc, World

__all__ = ["SLA_CHANNEL", "SLA_TOPICS", "plan_operations"]

SLA_CHANNEL = "email"
#: Bank topics of the billing category (the double charge is one of them).
SLA_TOPICS = ("emerg", "fatturazione")


def _priority(rng: random.Random, d: Doc) -> str:
    if d.stage >= 2 and rng.random() < 0.5:
        return "urgent"
    if d.sentiment in ("neg", "mixed") and rng.random() < 0.2:
        return "high"
    if d.sentiment in ("pos", "neu") and rng.random() < 0.3:
        return "low"
    return "normal"


def plan_operations(world: World) -> dict[str, object]:
    """Set priorities, delay the planted queue and reopen some tickets; return the truth."""
    rng = random.Random(f"lumenia-ops:{world.seed}")
    tickets = [d for d in world.docs if d.kind == "tickets" and d.invalid is None]
    delayed: list[str] = []
    reopened: list[str] = []
    for d in tickets:
        d.priority = _priority(rng, d)
        planted = (d.channel == SLA_CHANNEL and d.topic in SLA_TOPICS
                   and world.week_of(d.ts) >= world.onset)  # fmt: skip
        if planted and len(d.comments) > 1:
            _delay(world, d, timedelta(hours=rng.uniform(48, 120)))
            delayed.append(d.id)
        elif (
            d.status == "closed"
            and d.solved_at is not None
            and rng.random() < 0.08
            and _reopen(world, rng, d)
        ):
            reopened.append(d.id)
    return {
        "channel": SLA_CHANNEL,
        "category": "fatturazione_bollette",
        "onset_week": world.onset,
        "description": "dalla comparsa del doppio addebito, la coda e-mail risponde in ritardo "
        "ai ticket di fatturazione: le violazioni SLA di prima risposta via e-mail crescono con "
        "quel tema",
        "delayed_ids": delayed,
        "reopened_ids": reopened,
        "priorities": {p: sum(d.priority == p for d in tickets)
                       for p in ("low", "normal", "high", "urgent")},
    }  # fmt: skip


def _delay(world: World, d: Doc, extra: timedelta) -> None:
    """Move every reply of ``d`` later by ``extra``; replies past the horizon are not written."""
    first, rest = d.comments[0], d.comments[1:]
    moved = [(role, ts + extra, body) for role, ts, body in rest if ts + extra < world.horizon]
    d.comments = [first, *moved]
    if d.solved_at is not None:
        solved = d.solved_at + extra
        d.solved_at = solved if solved < world.horizon else None
    last = d.comments[-1][1]
    if d.solved_at is None:
        d.status = "open" if len(d.comments) == 1 or d.comments[-1][0] == "customer" else "pending"
        d.updated_at = last
    elif d.solved_at + timedelta(days=4) < world.horizon:
        d.status, d.updated_at = "closed", max(last, d.solved_at + timedelta(days=4))
    else:
        d.status, d.updated_at = "solved", last


def _reopen(world: World, rng: random.Random, d: Doc) -> bool:
    """The customer writes again after the solve; an agent takes the ticket up.

    Returns:
        Whether the ticket was reopened (not when the new message would fall after the end).
    """
    assert d.solved_at is not None
    after = max(d.solved_at, d.comments[-1][1])
    back = after + timedelta(days=rng.uniform(1, 4), seconds=rng.randrange(3600))
    if back + timedelta(days=1) >= world.horizon:
        return False
    w = world.writer
    fill = filler_for(world, d)
    text = w.finish([w.frag("follow.reopen", fill), w.frag("follow.unresolved", fill)], "neg")
    answer = back + timedelta(hours=rng.uniform(2, 30))
    d.comments.append(("customer", back, text))
    if answer < world.horizon:
        d.comments.append(("agent", answer, agent_reply(world, d, "working", "")))
    d.status, d.updated_at = "open", d.comments[-1][1]
    return True

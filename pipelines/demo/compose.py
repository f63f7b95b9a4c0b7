"""Text composition shared by reviews, tickets and social posts.

``compose_body`` picks the sentences of a document from the phrase banks according to its
topic, sentiment, length and register, and adds the churn-stage and hard-negative lines of the
planted customers; ``level`` says how roughly the channel's authors type.
"""

from __future__ import annotations

from pipelines.demo.filler import Filler
from pipelines.demo.world import Doc, World, wchoice

__all__ = ["LENGTHS", "compose_body", "female", "filler_for", "level"]

POS_OTHER = ("cortesia", "prezzi", "app_sito", "qualita", "assistenza", "rete")
#: Length mix (short/medium/long body) per kind or channel family.
LENGTHS = {
    "reviews": {"short": 30, "medium": 50, "long": 20},
    "app": {"short": 45, "medium": 45, "long": 10},
    "tickets": {"medium": 45, "long": 55},
    "chat": {"short": 35, "medium": 55, "long": 10},
    "social": {"short": 60, "medium": 40},
}


def female(d: Doc) -> bool:
    """Whether the author writes in the feminine (stable per customer or handle)."""
    if d.customer:  # a customer keeps one voice across contacts
        return int(d.customer[3:]) % 2 == 1
    if d.author:
        return sum(map(ord, d.author)) % 2 == 1
    return (d.ts.microsecond // 1000) % 2 == 1  # not hash(): str hashing is salted


def filler_for(world: World, d: Doc, **extra: str) -> Filler:
    """A slot filler for ``d`` that knows the author's gender ending ``{o}``."""
    return Filler(world.writer.rng, d.ts, d.customer, {"o": "a" if female(d) else "o", **extra})


def compose_body(world: World, d: Doc, fill: Filler, length: str, register: str) -> list[str]:
    """Sentences of the body of ``d`` (``register``: review, ticket or social), not yet finished."""
    w, r, t, s = world.writer, world.writer.rng, d.topic, d.sentiment
    calm = d.customer is not None  # churn intent stays with the planted cohort

    def frag(bank: str) -> str:
        return w.frag(bank, fill, calm)

    seen: list[str] = []

    def linked(bank: str, mood: str) -> str:
        x = frag(bank)  # sometimes chained with "Tra l'altro", "Oltretutto", ...
        seen.append(w.last_template)
        return f"{frag(f'connect.{mood}')} {x}" if r.random() < 0.2 else x

    parts: list[str] = []
    if s == "pos":
        parts.append(frag(f"{t}.pos"))
        if length != "short" and r.random() < 0.5:
            parts.append(linked(f"{r.choice([c for c in POS_OTHER if c != t])}.pos", "pos"))
        if length == "long":
            parts.append(linked("gen.pos_detail", "pos"))
    elif s == "neu":
        if register == "review":
            parts.append(frag("review.neu"))
        if register != "review" or r.random() < 0.5:
            if length != "short" and r.random() < 0.45:
                parts.append(frag(f"{t}.detail"))
            parts.append(frag(f"{t}.neu"))
    else:
        short = length == "short" and register == "social" and r.random() < 0.6
        neg = frag(f"{t}.short" if short else f"{t}.neg")
        neg_template = w.last_template
        if s == "mixed":
            pos = frag("mixed.pos")
            if r.random() < 0.7:
                parts.append(f"{pos}, {w.frag('mixed.conn', fill)} {neg}")
            else:
                parts += [neg, f"{frag('mixed.after')} {pos}"]
        else:
            parts.append(neg)
        seen.append(neg_template)
        extras = {f"{t}.detail": 4, f"{t}.neg": 2.5, "gen.history": 2, "gen.consequence": 1.5}
        if length == "long":
            extras["gen.escalate"] = 1
        n_extra = {"short": 0, "medium": int(r.random() < 0.75)}.get(length, r.randint(3, 5))
        for _ in range(n_extra):
            bank = wchoice(r, extras)
            extras[bank] = 0 if bank != f"{t}.neg" else 1  # no bank twice, except cores
            n_seen = len(seen)
            x = linked(bank, "neg")
            if seen[-1] not in seen[:n_seen]:
                parts.append(x)
    if d.stage == 2 or (d.stage == 3 and r.random() < 0.5):
        parts.append(frag("churn.escalate"))
    if d.stage == 3:
        parts.append(frag("churn.final"))
    if d.hardneg and r.random() < 0.65:
        parts.insert(r.randint(1, len(parts)), frag("hardneg"))
    return parts


def level(world: World, d: Doc) -> int:
    """Roughening level 0-3 for ``d``: social and app authors type the most carelessly."""
    r = world.writer.rng
    if d.kind == "social":
        return r.choices((1, 2, 3), (25, 45, 30))[0]
    if d.channel in ("app_store", "play_store", "chat"):
        return r.choices((1, 2, 3), (40, 45, 15))[0]
    if d.kind == "tickets":
        return r.choices((0, 1, 2), (55, 40, 5))[0]
    return r.choices((0, 1, 2), (30, 50, 20))[0]

"""Dirt planted after rendering: near-duplicate reposts and rows validation must quarantine."""

from __future__ import annotations

from datetime import timedelta

from pipelines.demo.world import Doc, World

__all__ = ["invalid_rows", "near_duplicates"]


def near_duplicates(world: World) -> None:
    """Repost ~1 % of baseline documents by the same author with a tiny edit."""
    r, w = world.rng, world.writer
    pool = [d for d in world.docs if d.event is None and d.stage < 0 and not d.hardneg
            and not d.brand and not d.pii and (d.kind != "tickets" or r.random() < 0.15)]  # fmt: skip
    n = max(3, round(0.01 * len(world.docs)))
    for src in r.sample(pool, min(n, len(pool))):
        ts = src.ts + timedelta(minutes=r.randint(10, 2880))
        ch = src.channel
        if src.kind == "reviews" and r.random() < 0.4:
            ch = {"google": "trustpilot", "trustpilot": "google"}.get(ch, ch)  # cross-posting
        if ts >= world.horizon or world.in_outage(src.kind, ch, ts):
            continue
        dup = Doc(src.kind, ts, src.topic, src.sentiment, ch, src.customer, src.author,
                  lang=src.lang, dup_of=src, title=src.title, rating=src.rating,
                  subject=src.subject, parent=src.parent)  # fmt: skip
        text = src.comments[0][2] if src.kind == "tickets" else src.text
        k = r.randrange(6) if len(text) > 80 else r.randint(1, 4)  # keep short ones close
        e = w.emoji(src.sentiment, repeat=False)
        if src.kind == "tickets":
            dup.comments = [("customer", ts, tiny_edit(text, k, e))]
            dup.status = "new" if world.horizon - ts < timedelta(days=2) else "open"
            dup.updated_at = ts
        else:
            dup.text = tiny_edit(text, k, e)
        world.docs.append(dup)


def invalid_rows(world: World) -> None:
    """Plant rows that validation must quarantine (fixed count, whatever the scale)."""
    r = world.rng
    problems = {
        "reviews": [("text", "empty text")] * 3 + [("created_at", "unparseable date")] * 2
        + [("rating", "rating out of range (7)")] * 2,
        "tickets": [("created_at", "unparseable date")] * 2,
        "social": [("text", "empty text")] * 3,
    }  # fmt: skip
    for kind, probs in problems.items():
        victims = [d for d in world.docs if d.kind == kind and d.event is None and d.stage < 0
                   and not d.hardneg and not d.brand and d.dup_of is None and not d.pii
                   and d.parent is None]  # fmt: skip
        for d, prob in zip(r.sample(victims, len(probs)), probs, strict=True):
            d.invalid = prob
            if prob[0] == "text":
                d.text = r.choice(("", "   ", ""))
            elif prob[0] == "rating":
                d.rating = 7


def tiny_edit(text: str, k: int, emoji: str) -> str:
    """The small changes people make when they post the same thing again."""
    edits = (f"{text} {emoji}", text.rstrip(".!") + "!!", text[:1].swapcase() + text[1:],
             text.replace(" ", "  ", 1), text.rstrip(".") + "...", "RIPETO: " + text)  # fmt: skip
    return edits[k] if edits[k] != text else text + "!!"  # e.g. swapcase of a leading "@"

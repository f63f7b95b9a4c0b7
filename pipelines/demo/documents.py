"""Rendering of the planned documents: review texts, titles and ratings, social posts.

``render`` writes every document in time order, tickets via ``pipelines.demo.tickets``, and
re-draws a text that exactly repeats an earlier one.
"""

from __future__ import annotations

from pipelines.demo.compose import LENGTHS, compose_body, filler_for, level
from pipelines.demo.personal import fake_phone
from pipelines.demo.tickets import render_ticket
from pipelines.demo.world import BRAND_HANDLE, Doc, World, wchoice
from pipelines.demo.writer import HASHTAGS

__all__ = ["render", "render_review", "render_social"]

#: Star ratings and their weights per sentiment.
RATING = {
    "neg": ((1, 2), (72, 28)),
    "mixed": ((2, 3, 4), (30, 45, 25)),
    "neu": ((3, 4, 5), (55, 35, 10)),
    "pos": ((4, 5), (30, 70)),
}
TOPIC_TAGS = {"rete": "#fibra", "fatturazione": "#bollette", "emerg": "#doppioaddebito"}


def render(world: World) -> None:
    """Render every planned document in time order (texts, titles, ratings, ticket threads)."""
    seen: dict[str, None] = {}
    for d in sorted(world.docs, key=lambda x: x.ts):
        for _ in range(4):  # re-draw on an exact collision so texts stay distinct
            {"reviews": render_review, "tickets": render_ticket}.get(d.kind, render_social)(
                world, d
            )
            key = d.text if d.kind != "tickets" else d.comments[0][2]
            if key not in seen:
                break
            d.comments, d.pii, d.title = [], [], ""
        seen[key] = None


def render_review(world: World, d: Doc) -> None:
    """Write text, title and star rating of review ``d``."""
    w, r, s = world.writer, world.writer.rng, d.sentiment
    fill = filler_for(world, d)
    app = d.channel in ("app_store", "play_store")
    length = wchoice(r, LENGTHS["app" if app else "reviews"])
    parts = compose_body(world, d, fill, length, "review")
    mood = "neg" if s in ("neg", "mixed") else s
    p_open = {"short": 0.0, "medium": 0.35, "long": 0.85}[length]
    if r.random() < p_open:
        parts.insert(0, w.frag(f"review.open.{mood}", fill))
    if s == "neg" and length != "long" and r.random() < 0.08:
        parts[0] = w.frag("sarcasm", filler_for(world, d, core=parts[0]))
    if s == "neg" and r.random() < 0.06:
        parts.insert(0, w.frag("dialect.neg", fill))
    if r.random() < {"short": 0.3, "medium": 0.5, "long": 0.65}[length]:
        leave = s == "neg" and d.customer is None and r.random() < 0.12
        parts.append(w.frag("review.close.leave" if leave else f"review.close.{mood}", fill))
    text = w.roughen(w.finish(parts, s), level(world, d), s)
    if (app or d.channel == "google") and r.random() < 0.3:
        text += " " + w.emoji(s)
    d.text = text
    has_title = {"trustpilot": 0.95, "app_store": 0.9, "sito": 0.6}.get(d.channel, 0.0)
    if r.random() < has_title:
        bank = {"neg": f"{d.topic}.title", "pos": "title.pos", "neu": "title.neu"}
        d.title = w.frag(bank.get(s, "title.mixed"), fill)
        if r.random() < 0.1:
            d.title = d.title.upper() if s == "neg" else d.title.lower()
    if d.channel == "sito" and r.random() < 0.1:
        d.rating = None  # the site form lets people skip the stars
    elif r.random() < 0.04:
        d.rating = r.randint(1, 5)  # people misclick stars too
    else:
        values, weights = RATING[s]
        d.rating = r.choices(values, weights)[0]


def render_social(world: World, d: Doc) -> None:
    """Write the text of post ``d`` (brand reply, foreign-language post or Italian post)."""
    w, r, s = world.writer, world.writer.rng, d.sentiment
    if d.brand:
        assert d.parent is not None
        bank = "brand.thanks" if d.parent.sentiment == "pos" else "brand.reply"
        d.text = w.frag(bank, filler_for(world, d, handle=d.parent.author or ""))
        return
    fill = filler_for(world, d)
    if d.lang != "it":
        complaint = r.random() < 0.7
        text = w.frag(f"{d.lang}.{'core' if complaint else 'other'}", fill)
        if d.lang == "en" and complaint and r.random() < 0.5:
            text = f"{w.frag('en.open', fill)} {text}"
        if complaint and r.random() < 0.7:
            end = w.frag(f"{d.lang}.end", fill)
            text = text.rstrip(".") + (end if end[0] in ".," else " " + end)
        d.text = text.strip()
        return
    length = wchoice(r, LENGTHS["social"])
    parts = compose_body(world, d, fill, length, "social")
    if s == "neg" and r.random() < 0.12:
        parts[0] = w.frag("sarcasm", filler_for(world, d, core=parts[0]))
    if s in ("neg", "pos") and r.random() < 0.12:
        word = w.frag(f"dialect.{s}", fill)
        if r.random() < 0.5:
            parts[0] = f"{word}, {parts[0][:1].lower()}{parts[0][1:]}"
        else:
            parts.insert(0, word + r.choice(("!", "...", "!!")))
    if d.parent is not None:
        parts.insert(0, w.frag("social.reply", fill))
    text = w.roughen(w.finish(parts, s), level(world, d), s)
    if r.random() < 0.25:
        text = f"{BRAND_HANDLE} {text}" if r.random() < 0.6 else f"{text} {BRAND_HANDLE}"
    if r.random() < {"neg": 0.6, "pos": 0.75, "mixed": 0.4}.get(s, 0.2):
        text += " " + w.emoji(s)
    if r.random() < 0.3:
        tags = [r.choice(HASHTAGS), TOPIC_TAGS.get(d.topic, r.choice(HASHTAGS))]
        text += " " + " ".join(dict.fromkeys(tags[: r.randint(1, 2)]))
    if d.pii_wanted:
        v = fake_phone(r)
        text += f" scrivetemi o chiamatemi al {v}"
        d.pii.append(("phone", v))
    d.text = text

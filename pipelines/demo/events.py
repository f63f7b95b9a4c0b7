"""Planted signals of the demo: the events, customers and conversations detection must find.

* an emerging complaint (double charge after an app update) growing from ``onset`` week;
* a fading complaint (late fibre activations) strong in the first weeks only;
* a churn cohort whose contacts get more frequent and negative until they state intent to
  leave, and hard negatives: repeatedly angry customers who say they stay;
* social reply threads, brand-account replies and a few posts that leak a phone number.

Each function appends to or marks ``world.docs``; they run in the order of ``generate_demo``
because they share one random stream.
"""

from __future__ import annotations

import math
from datetime import timedelta

from pipelines.demo.world import BRAND_HANDLE, Doc, World, wchoice

__all__ = [
    "EMERGING_CURVE",
    "FADING_CURVE",
    "leak_phone_numbers",
    "link_social",
    "plan_customers",
    "plan_events",
]

#: Planted documents per week from the onset week (at scale 1; later weeks keep growing).
EMERGING_CURVE = (4, 8, 14, 21, 29, 37, 45)
#: Planted documents in weeks 1, 2, ... after which the complaint is back to its baseline.
FADING_CURVE = (40, 34, 26, 17, 9, 4, 2)


def plan_events(world: World) -> None:
    """Plan the emerging and the fading complaint."""
    r = world.rng
    ev_kinds = {"reviews": 40, "tickets": 25, "social": 35}
    curve = list(EMERGING_CURVE) + [EMERGING_CURVE[-1] + 8 * i for i in range(1, 40)]
    for k, week in enumerate(range(world.onset, world.weeks + 1)):
        for _ in range(round(curve[k] * world.ev_scale)):
            kind = wchoice(r, ev_kinds)
            ts = world.ts_in_week(week, kind)
            wts = {"app_store": 30, "play_store": 40, "google": 20, "trustpilot": 10}
            ch = world.channel(kind, ts, wts if kind == "reviews" else None)
            sent = "neg" if r.random() < 0.9 else "mixed"
            world.add(kind, ts, "emerg", sent, channel=ch, event="emerging")
    for week, n in enumerate(FADING_CURVE[: world.weeks], start=1):
        for _ in range(round(n * world.ev_scale)):
            kind = wchoice(r, {"reviews": 30, "tickets": 45, "social": 25})
            ts = world.ts_in_week(week, kind)
            sent = "neg" if r.random() < 0.85 else "mixed"
            world.add(kind, ts, "fade", sent, event="fading")


def plan_customers(world: World) -> None:
    """Plan the contacts of the churn cohort and of the hard negatives."""
    r = world.rng
    topics = ("fatturazione", "rete", "contatori", "assistenza", "prezzi", "qualita")
    span = world.horizon - world.t0
    for cid in world.cohort:
        topic, k = r.choice(topics), r.randint(4, 7)
        first = world.t0 + span * r.uniform(0.0, 0.3)
        last = world.t0 + span * r.uniform(0.74, 0.995)
        # sqrt spacing: contacts get more frequent as the customer heads for the door
        pos = [0.0, *(math.sqrt(r.random()) for _ in range(k - 2)), 1.0]
        times = sorted((first + (last - first) * p).replace(hour=r.randint(8, 21)) for p in pos)
        for i, ts in enumerate(times):
            frac = i / (k - 1)
            stage = 3 if i == k - 1 else (0 if frac < 0.34 else 1 if frac < 0.67 else 2)
            sent = ("neu" if r.random() < 0.4 else "neg") if stage == 0 else "neg"
            kind = "tickets" if r.random() < 0.65 else "reviews"
            world.add(kind, ts, topic, sent, customer=cid, stage=stage)
    for cid in world.hardneg:
        topic, k = r.choice(topics), r.randint(3, 6)
        for _ in range(k):
            ts = (world.t0 + span * r.uniform(0.02, 0.99)).replace(hour=r.randint(8, 21))
            kind = "tickets" if r.random() < 0.65 else "reviews"
            world.add(kind, ts, topic, "neg", customer=cid, hardneg=True)


def link_social(world: World) -> None:
    """Make some posts replies to earlier same-topic posts and add brand-account replies."""
    r = world.rng
    posts = sorted((d for d in world.docs if d.kind == "social"), key=lambda d: d.ts)
    recent: dict[str, list[Doc]] = {}
    for d in posts:
        bucket = recent.setdefault(d.topic, [])
        bucket[:] = [p for p in bucket if d.ts - p.ts < timedelta(hours=72)]
        if d.lang != "it" or d.sentiment not in ("neg", "mixed"):
            continue  # "me too" replies pile onto complaints about the same thing
        if bucket and r.random() < 0.16:
            parent = r.choice(bucket)
            if parent.author != d.author:
                d.parent = parent
        bucket.append(d)
    for d in posts:
        if d.lang == "it" and d.sentiment != "neu" and r.random() < 0.045:
            ts = d.ts + timedelta(minutes=r.randint(20, 600))
            if ts < world.horizon:
                world.add("social", ts, d.topic, "brand", channel=d.channel,
                          author=BRAND_HANDLE, brand=True, parent=d)  # fmt: skip


def leak_phone_numbers(world: World) -> None:
    """Mark a few Italian social posts to leak a phone number too."""
    for d in world.docs:
        d.pii_wanted = d.pii_wanted or (d.kind == "social" and d.lang == "it" and not d.brand
                                        and world.rng.random() < 0.005)  # fmt: skip

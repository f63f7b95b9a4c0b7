"""The demo company's world: calendar, channels, customers, handles and baseline volumes.

``World`` holds the state every stage of the demo shares (the planning and text random
generators, the customer and handle pools, the planned documents); ``plan_baseline`` fills it
with the ordinary weekly traffic that the planted events of ``pipelines.demo.events`` stand
out from. Weeks are 1-based and run Monday to Sunday from ``start``; timestamps are naive UTC.
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from pipelines.demo.corpus import CATEGORIES, alternatives
from pipelines.demo.writer import Writer

__all__ = [
    "BRAND_HANDLE",
    "CHANNELS",
    "DEMO_COMPANY_NAMES",
    "OUTAGE",
    "Doc",
    "World",
    "plan_baseline",
    "wchoice",
]

BRAND_HANDLE = "@Lumenia_IT"
#: ``company_names`` setting for the demo company (its own name is not a churn target).
DEMO_COMPANY_NAMES = "Lumenia, MyLumenia"
BASE_PER_WEEK = {"reviews": 132, "tickets": 68, "social": 102}
CHANNELS = {
    "reviews": {"google": 35, "trustpilot": 22, "app_store": 12, "play_store": 16, "sito": 15},
    "tickets": {"email": 35, "web": 30, "chat": 25, "phone": 10},
    "social": {"twitter": 30, "facebook": 35, "instagram": 20, "tiktok": 15},
}
CAT_WEIGHTS = {
    "reviews": (10, 8, 14, 12, 14, 10, 12, 4, 4, 8, 4),
    "tickets": (18, 9, 6, 6, 5, 7, 14, 9, 12, 3, 11),
    "social": (10, 8, 16, 10, 8, 10, 22, 3, 3, 5, 5),
}
SENT_WEIGHTS = {
    "reviews": {"neg": 42, "mixed": 15, "neu": 13, "pos": 30},
    "tickets": {"neg": 55, "neu": 35, "mixed": 5, "pos": 5},
    "social": {"neg": 55, "mixed": 10, "neu": 15, "pos": 20},
}
#: (kind, channel) that goes silent for two weeks: its rows are lost, not moved.
OUTAGE = ("reviews", "trustpilot")
CATS = tuple(CATEGORIES)


def wchoice(rng: random.Random, weights: Mapping[str, float]) -> str:
    """One key of ``weights`` drawn with the given weights."""
    return rng.choices(list(weights), weights=list(weights.values()))[0]


@dataclass(eq=False)
class Doc:
    """One planned document: planning sets who, when and what; rendering sets text and thread."""

    kind: str
    ts: datetime
    topic: str
    sentiment: str
    channel: str
    customer: str | None = None
    author: str | None = None
    event: str | None = None
    stage: int = -1
    hardneg: bool = False
    lang: str = "it"
    parent: Doc | None = None
    dup_of: Doc | None = None
    brand: bool = False
    pii_wanted: bool = False
    invalid: tuple[str, str] | None = None
    text: str = ""
    title: str = ""
    rating: int | None = None
    subject: str = ""
    comments: list[tuple[str, datetime, str]] = field(default_factory=list)
    status: str = ""
    solved_at: datetime | None = None
    updated_at: datetime | None = None
    pii: list[tuple[str, str]] = field(default_factory=list)
    id: str = ""
    priority: str = ""

    @property
    def category(self) -> str | None:
        """Taxonomy id of the document's topic (``None`` for non-Italian texts)."""
        if self.lang != "it":
            return None
        key = {"emerg": "fatturazione", "fade": "attivazione"}.get(self.topic, self.topic)
        return CATEGORIES[key][0]


class World:
    """State shared by every stage of one demo data set; every random draw comes from ``seed``.

    ``rng`` drives planning (which documents exist, when, by whom); ``writer`` (with its own
    random generator) drives the texts, so the two streams do not disturb each other.
    """

    def __init__(self, seed: int, weeks: int, start: date, scale: float) -> None:
        self.seed, self.weeks, self.start, self.scale = seed, weeks, start, scale
        self.t0 = datetime(start.year, start.month, start.day)
        self.horizon = self.t0 + timedelta(days=7 * weeks)
        self.rng = random.Random(f"lumenia-plan:{seed}")
        self.writer = Writer(random.Random(f"lumenia-text:{seed}"))
        self.ev_scale = max(scale, 0.25)  # keep planted events visible in small test slices
        self.onset = max(2, round(weeks * 10 / 16))
        self.outage_weeks = (round(weeks * 7 / 16), round(weeks * 7 / 16) + 1)
        self.docs: list[Doc] = []
        self.operations: dict[str, object] = {}  # truth of pipelines.demo.operations
        self.surveys: list[Any] = []  # pipelines.demo.surveys.Response, written last
        ids = self.rng.sample(range(1, 1_000_000), 6000 + int(4000 * scale))
        self.cohort = [f"CL-{i:06d}" for i in ids[: max(6, round(60 * scale))]]
        self.hardneg = [f"CL-{i:06d}" for i in ids[100:][: max(3, round(20 * scale))]]
        self.pool = [f"CL-{i:06d}" for i in ids[200 : 200 + max(150, int(3200 * scale))]]
        handles: dict[str, None] = {}
        stems, tails = alternatives("handle.stems"), alternatives("handle.tails")
        while len(handles) < max(60, int(1100 * scale)):
            tag = str(self.rng.randint(1, 99)) if len(handles) % 3 else ""
            handles[f"@{self.rng.choice(stems)}{self.rng.choice(tails)}{tag}"] = None
        self.handles = list(handles)

    def week_of(self, ts: datetime) -> int:
        """1-based demo week of ``ts``."""
        return (ts - self.t0).days // 7 + 1

    def ts_in_week(self, week: int, kind: str) -> datetime:
        """A random timestamp in ``week`` following the day and hour profile of ``kind``."""
        r = self.rng
        dw = {"tickets": (12, 11, 11, 10, 10, 5, 3.5), "social": (10, 10, 10, 10, 11, 12, 12)}
        day = r.choices(range(7), dw.get(kind, (10, 10, 10, 10, 10, 11, 11)))[0]
        hours = range(7, 24) if kind != "tickets" else range(7, 21)
        hour = r.choices(hours, [3 if 9 <= h <= 13 or 18 <= h <= 22 else 1 for h in hours])[0]
        delta = timedelta(days=7 * (week - 1) + day, hours=hour, minutes=r.randrange(60))
        return self.t0 + delta + timedelta(seconds=r.randrange(60), milliseconds=r.randrange(1000))

    def in_outage(self, kind: str, channel: str, ts: datetime) -> bool:
        """Whether ``channel`` of ``kind`` is down at ``ts``."""
        return (kind, channel) == OUTAGE and self.week_of(ts) in self.outage_weeks

    def channel(self, kind: str, ts: datetime, weights: Mapping[str, float] | None = None) -> str:
        """A channel of ``kind`` that is up at ``ts`` (default weights: the channel mix)."""
        while True:
            ch = wchoice(self.rng, weights or CHANNELS[kind])
            if not self.in_outage(kind, ch, ts):
                return ch

    def add(self, kind: str, ts: datetime, topic: str, sentiment: str, **kw: object) -> Doc:
        """Plan one document; missing channel, social author and customer are drawn here."""
        ch = kw.pop("channel", None) or self.channel(kind, ts)
        d = Doc(kind, ts, topic, sentiment, str(ch), **kw)  # type: ignore[arg-type]
        if kind == "social" and d.author is None:
            d.author = self.rng.choice(self.handles)
        if kind == "tickets" and d.customer is None:
            d.customer = self.rng.choice(self.pool)
        if kind == "reviews" and d.customer is None and d.stage < 0 and self.rng.random() < 0.6:
            d.customer = self.rng.choice(self.pool)
        self.docs.append(d)
        return d


def plan_baseline(world: World) -> None:
    """Plan the ordinary weekly traffic: seasonal volumes, channel, topic and sentiment mixes."""
    r = world.rng
    for week in range(1, world.weeks + 1):
        season = 1 - 0.10 * math.exp(-(((week - 6.5) / 2.2) ** 2))  # August lull
        season += 0.04 * math.sin(2 * math.pi * (week - 0.5) / world.weeks)
        for kind, base in BASE_PER_WEEK.items():
            n = round(base * world.scale * season * (1 + r.gauss(0, 0.05)))
            for _ in range(n):
                ts = world.ts_in_week(week, kind)
                ch = wchoice(r, CHANNELS[kind])
                if world.in_outage(kind, ch, ts):
                    continue  # the outage loses rows, it does not move them
                weights = list(CAT_WEIGHTS[kind])
                if ch in ("app_store", "play_store"):
                    weights[CATS.index("app_sito")] *= 8
                topic = r.choices(CATS, weights)[0]
                sent = wchoice(r, SENT_WEIGHTS[kind])
                lang = "it"
                if kind == "social" and r.random() < 0.03:
                    lang = r.choices(("en", "es", "fr"), (50, 25, 25))[0]
                world.add(kind, ts, topic, sent, channel=ch, lang=lang,
                          pii_wanted=kind == "tickets" and r.random() < 0.05)  # fmt: skip

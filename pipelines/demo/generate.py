"""Seeded generator of a fictional Italian company's customer feedback ("Lumenia").

``generate_demo`` writes ``reviews.csv``, ``tickets.json`` and ``social.jsonl`` in the input
schemas of ``docs/architecture.md`` plus ``ground_truth.json`` describing the planted signals:
an emerging complaint, a fading complaint, a churn cohort with hard negatives, a channel outage,
invalid rows, non-Italian posts, near-duplicates and personal data. Texts are composed from the
hand-written banks in ``pipelines.demo.corpus`` and then roughened (typos, abbreviations, casing,
emoji) so that no two documents share a template verbatim.

Ground-truth document ids are the source ids as strings (ticket ids are integers in
``tickets.json``); weeks are 1-based and run Monday to Sunday from ``start``; all timestamps are
naive UTC.
"""

from __future__ import annotations

import csv
import json
import math
import random
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from pipelines.demo import corpus as C
from pipelines.demo.corpus import (
    CATEGORIES,
    HASHTAGS,
    Filler,
    Writer,
    ascii_upper,
    fake_codice_fiscale,
    fake_iban,
    fake_phone,
)

__all__ = ["DemoManifest", "generate_demo"]


@dataclass(frozen=True)
class DemoManifest:
    """Paths and sizes of a generated demo data set.

    Row counts include the intentionally invalid rows listed in the ground truth.
    """

    reviews_path: Path
    tickets_path: Path
    social_path: Path
    ground_truth_path: Path
    n_reviews: int
    n_tickets: int
    n_social: int
    start: date
    weeks: int


# ----------------------------------------------------------------------------- constants
BRAND_HANDLE = "@Lumenia_IT"
#: ``company_names`` setting for the demo company (its own name is not a churn target).
DEMO_COMPANY_NAMES = "Lumenia, MyLumenia"
_BASE_PER_WEEK = {"reviews": 132, "tickets": 68, "social": 102}
_CHANNELS = {
    "reviews": {"google": 35, "trustpilot": 22, "app_store": 12, "play_store": 16, "sito": 15},
    "tickets": {"email": 35, "web": 30, "chat": 25, "phone": 10},
    "social": {"twitter": 30, "facebook": 35, "instagram": 20, "tiktok": 15},
}
_CAT_WEIGHTS = {
    "reviews": (10, 8, 14, 12, 14, 10, 12, 4, 4, 8, 4),
    "tickets": (18, 9, 6, 6, 5, 7, 14, 9, 12, 3, 11),
    "social": (10, 8, 16, 10, 8, 10, 22, 3, 3, 5, 5),
}
_SENT_WEIGHTS = {
    "reviews": {"neg": 42, "mixed": 15, "neu": 13, "pos": 30},
    "tickets": {"neg": 55, "neu": 35, "mixed": 5, "pos": 5},
    "social": {"neg": 55, "mixed": 10, "neu": 15, "pos": 20},
}
_RATING = {
    "neg": ((1, 2), (72, 28)),
    "mixed": ((2, 3, 4), (30, 45, 25)),
    "neu": ((3, 4, 5), (55, 35, 10)),
    "pos": ((4, 5), (30, 70)),
}
_EMERGING_CURVE = (4, 8, 14, 21, 29, 37, 45)
_FADING_CURVE = (40, 34, 26, 17, 9, 4, 2)
_OUTAGE = ("reviews", "trustpilot")
_TOPIC_TAGS = {"rete": "#fibra", "fatturazione": "#bollette", "emerg": "#doppioaddebito"}


def _wchoice(rng: random.Random, weights: Mapping[str, float]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _fmt_ts(ts: datetime, style: str) -> str:
    if style == "csv":
        return ts.strftime("%Y-%m-%dT%H:%M:%S")
    if style == "ms":
        return ts.strftime("%Y-%m-%dT%H:%M:%S.") + f"{ts.microsecond // 1000:03d}Z"
    return ts.strftime("%Y-%m-%dT%H:%M:%SZ")


# ----------------------------------------------------------------------------- documents
@dataclass(eq=False)
class _Doc:
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
    parent: _Doc | None = None
    dup_of: _Doc | None = None
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

    @property
    def category(self) -> str | None:
        if self.lang != "it":
            return None
        key = {"emerg": "fatturazione", "fade": "attivazione"}.get(self.topic, self.topic)
        return CATEGORIES[key][0]


_CATS = tuple(CATEGORIES)

_POS_OTHER = ("cortesia", "prezzi", "app_sito", "qualita", "assistenza", "rete")
_LENGTHS = {
    "reviews": {"short": 30, "medium": 50, "long": 20},
    "app": {"short": 45, "medium": 45, "long": 10},
    "tickets": {"medium": 45, "long": 55},
    "chat": {"short": 35, "medium": 55, "long": 10},
    "social": {"short": 60, "medium": 40},
}


class _Generator:
    """Plans, renders and writes one demo data set; every random draw comes from ``seed``."""

    def __init__(self, seed: int, weeks: int, start: date, scale: float) -> None:
        self.seed, self.weeks, self.start, self.scale = seed, weeks, start, scale
        self.t0 = datetime(start.year, start.month, start.day)
        self.horizon = self.t0 + timedelta(days=7 * weeks)
        self.rng = random.Random(f"lumenia-plan:{seed}")
        self.w = Writer(random.Random(f"lumenia-text:{seed}"))
        self.ev_scale = max(scale, 0.25)  # keep planted events visible in small test slices
        self.onset = max(2, round(weeks * 10 / 16))
        self.outage_weeks = (round(weeks * 7 / 16), round(weeks * 7 / 16) + 1)
        self.docs: list[_Doc] = []
        ids = self.rng.sample(range(1, 1_000_000), 6000 + int(4000 * scale))
        self.cohort = [f"CL-{i:06d}" for i in ids[: max(6, round(60 * scale))]]
        self.hardneg = [f"CL-{i:06d}" for i in ids[100:][: max(3, round(20 * scale))]]
        self.pool = [f"CL-{i:06d}" for i in ids[200 : 200 + max(150, int(3200 * scale))]]
        handles: dict[str, None] = {}
        stems, tails = C.alternatives("handle.stems"), C.alternatives("handle.tails")
        while len(handles) < max(60, int(1100 * scale)):
            tag = str(self.rng.randint(1, 99)) if len(handles) % 3 else ""
            handles[f"@{self.rng.choice(stems)}{self.rng.choice(tails)}{tag}"] = None
        self.handles = list(handles)

    # ------------------------------------------------------------------ planning
    def week_of(self, ts: datetime) -> int:
        return (ts - self.t0).days // 7 + 1

    def ts_in_week(self, week: int, kind: str) -> datetime:
        r = self.rng
        dw = {"tickets": (12, 11, 11, 10, 10, 5, 3.5), "social": (10, 10, 10, 10, 11, 12, 12)}
        day = r.choices(range(7), dw.get(kind, (10, 10, 10, 10, 10, 11, 11)))[0]
        hours = range(7, 24) if kind != "tickets" else range(7, 21)
        hour = r.choices(hours, [3 if 9 <= h <= 13 or 18 <= h <= 22 else 1 for h in hours])[0]
        delta = timedelta(days=7 * (week - 1) + day, hours=hour, minutes=r.randrange(60))
        return self.t0 + delta + timedelta(seconds=r.randrange(60), milliseconds=r.randrange(1000))

    def in_outage(self, kind: str, channel: str, ts: datetime) -> bool:
        return (kind, channel) == _OUTAGE and self.week_of(ts) in self.outage_weeks

    def channel(self, kind: str, ts: datetime, weights: Mapping[str, float] | None = None) -> str:
        while True:
            ch = _wchoice(self.rng, weights or _CHANNELS[kind])
            if not self.in_outage(kind, ch, ts):
                return ch

    def add(self, kind: str, ts: datetime, topic: str, sentiment: str, **kw: object) -> _Doc:
        ch = kw.pop("channel", None) or self.channel(kind, ts)
        d = _Doc(kind, ts, topic, sentiment, str(ch), **kw)  # type: ignore[arg-type]
        if kind == "social" and d.author is None:
            d.author = self.rng.choice(self.handles)
        if kind == "tickets" and d.customer is None:
            d.customer = self.rng.choice(self.pool)
        if kind == "reviews" and d.customer is None and d.stage < 0 and self.rng.random() < 0.6:
            d.customer = self.rng.choice(self.pool)
        self.docs.append(d)
        return d

    def plan(self) -> None:
        r = self.rng
        for week in range(1, self.weeks + 1):
            season = 1 - 0.10 * math.exp(-(((week - 6.5) / 2.2) ** 2))  # August lull
            season += 0.04 * math.sin(2 * math.pi * (week - 0.5) / self.weeks)
            for kind, base in _BASE_PER_WEEK.items():
                n = round(base * self.scale * season * (1 + r.gauss(0, 0.05)))
                for _ in range(n):
                    ts = self.ts_in_week(week, kind)
                    ch = _wchoice(r, _CHANNELS[kind])
                    if self.in_outage(kind, ch, ts):
                        continue  # the outage loses rows, it does not move them
                    weights = list(_CAT_WEIGHTS[kind])
                    if ch in ("app_store", "play_store"):
                        weights[_CATS.index("app_sito")] *= 8
                    topic = r.choices(_CATS, weights)[0]
                    sent = _wchoice(r, _SENT_WEIGHTS[kind])
                    lang = "it"
                    if kind == "social" and r.random() < 0.03:
                        lang = r.choices(("en", "es", "fr"), (50, 25, 25))[0]
                    self.add(kind, ts, topic, sent, channel=ch, lang=lang,
                             pii_wanted=kind == "tickets" and r.random() < 0.05)  # fmt: skip
        self.plan_events()
        self.plan_customers()

    def plan_events(self) -> None:
        r = self.rng
        ev_kinds = {"reviews": 40, "tickets": 25, "social": 35}
        curve = list(_EMERGING_CURVE) + [_EMERGING_CURVE[-1] + 8 * i for i in range(1, 40)]
        for k, week in enumerate(range(self.onset, self.weeks + 1)):
            for _ in range(round(curve[k] * self.ev_scale)):
                kind = _wchoice(r, ev_kinds)
                ts = self.ts_in_week(week, kind)
                wts = {"app_store": 30, "play_store": 40, "google": 20, "trustpilot": 10}
                ch = self.channel(kind, ts, wts if kind == "reviews" else None)
                sent = "neg" if r.random() < 0.9 else "mixed"
                self.add(kind, ts, "emerg", sent, channel=ch, event="emerging")
        for week, n in enumerate(_FADING_CURVE[: self.weeks], start=1):
            for _ in range(round(n * self.ev_scale)):
                kind = _wchoice(r, {"reviews": 30, "tickets": 45, "social": 25})
                ts = self.ts_in_week(week, kind)
                sent = "neg" if r.random() < 0.85 else "mixed"
                self.add(kind, ts, "fade", sent, event="fading")

    def plan_customers(self) -> None:
        r = self.rng
        topics = ("fatturazione", "rete", "contatori", "assistenza", "prezzi", "qualita")
        span = self.horizon - self.t0
        for cid in self.cohort:
            topic, k = r.choice(topics), r.randint(4, 7)
            first = self.t0 + span * r.uniform(0.0, 0.3)
            last = self.t0 + span * r.uniform(0.74, 0.995)
            # sqrt spacing: contacts get more frequent as the customer heads for the door
            pos = [0.0, *(math.sqrt(r.random()) for _ in range(k - 2)), 1.0]
            times = sorted((first + (last - first) * p).replace(hour=r.randint(8, 21)) for p in pos)
            for i, ts in enumerate(times):
                frac = i / (k - 1)
                stage = 3 if i == k - 1 else (0 if frac < 0.34 else 1 if frac < 0.67 else 2)
                sent = ("neu" if r.random() < 0.4 else "neg") if stage == 0 else "neg"
                kind = "tickets" if r.random() < 0.65 else "reviews"
                self.add(kind, ts, topic, sent, customer=cid, stage=stage)
        for cid in self.hardneg:
            topic, k = r.choice(topics), r.randint(3, 6)
            for _ in range(k):
                ts = (self.t0 + span * r.uniform(0.02, 0.99)).replace(hour=r.randint(8, 21))
                kind = "tickets" if r.random() < 0.65 else "reviews"
                self.add(kind, ts, topic, "neg", customer=cid, hardneg=True)

    def link_social(self) -> None:
        """Make some posts replies to earlier same-topic posts and add brand-account replies."""
        r = self.rng
        posts = sorted((d for d in self.docs if d.kind == "social"), key=lambda d: d.ts)
        recent: dict[str, list[_Doc]] = {}
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
                if ts < self.horizon:
                    self.add("social", ts, d.topic, "brand", channel=d.channel,
                             author=BRAND_HANDLE, brand=True, parent=d)  # fmt: skip

    # ------------------------------------------------------------------ rendering
    def female(self, d: _Doc) -> bool:
        if d.customer:  # a customer keeps one voice across contacts
            return int(d.customer[3:]) % 2 == 1
        if d.author:
            return sum(map(ord, d.author)) % 2 == 1
        return (d.ts.microsecond // 1000) % 2 == 1  # not hash(): str hashing is salted

    def filler(self, d: _Doc, **extra: str) -> Filler:
        return Filler(self.w.rng, d.ts, d.customer, {"o": "a" if self.female(d) else "o", **extra})

    def body(self, d: _Doc, fill: Filler, length: str, register: str) -> list[str]:
        w, r, t, s = self.w, self.w.rng, d.topic, d.sentiment
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
                parts.append(linked(f"{r.choice([c for c in _POS_OTHER if c != t])}.pos", "pos"))
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
                bank = _wchoice(r, extras)
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

    def level(self, d: _Doc) -> int:
        r = self.w.rng
        if d.kind == "social":
            return r.choices((1, 2, 3), (25, 45, 30))[0]
        if d.channel in ("app_store", "play_store", "chat"):
            return r.choices((1, 2, 3), (40, 45, 15))[0]
        if d.kind == "tickets":
            return r.choices((0, 1, 2), (55, 40, 5))[0]
        return r.choices((0, 1, 2), (30, 50, 20))[0]

    def render_review(self, d: _Doc) -> None:
        w, r, s = self.w, self.w.rng, d.sentiment
        fill = self.filler(d)
        app = d.channel in ("app_store", "play_store")
        length = _wchoice(r, _LENGTHS["app" if app else "reviews"])
        parts = self.body(d, fill, length, "review")
        mood = "neg" if s in ("neg", "mixed") else s
        p_open = {"short": 0.0, "medium": 0.35, "long": 0.85}[length]
        if r.random() < p_open:
            parts.insert(0, w.frag(f"review.open.{mood}", fill))
        if s == "neg" and length != "long" and r.random() < 0.08:
            parts[0] = w.frag("sarcasm", self.filler(d, core=parts[0]))
        if s == "neg" and r.random() < 0.06:
            parts.insert(0, w.frag("dialect.neg", fill))
        if r.random() < {"short": 0.3, "medium": 0.5, "long": 0.65}[length]:
            leave = s == "neg" and d.customer is None and r.random() < 0.12
            parts.append(w.frag("review.close.leave" if leave else f"review.close.{mood}", fill))
        text = w.roughen(w.finish(parts, s), self.level(d), s)
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
            values, weights = _RATING[s]
            d.rating = r.choices(values, weights)[0]

    def pii_bits(self, d: _Doc) -> tuple[str, list[str], str]:
        """Pick a fictional person and the sentences that leak their data into a ticket."""
        r = self.w.rng
        female = self.female(d)
        first = r.choice(C.alternatives("names.f") if female else C.alternatives("names.m"))
        last = r.choice(C.alternatives("names.last"))
        name = f"{first} {last}"
        slug = ascii_upper(first).lower() + r.choice((".", "_", "")) + ascii_upper(last).lower()
        email = (
            slug
            + r.choice(("", str(r.randint(60, 99))))
            + "@"
            + r.choice(C.alternatives("mail.domains"))
        )
        sentences, signature = [], ""
        kinds = [k for k, p in (("phone", 0.5), ("email", 0.4), ("cf", 0.3), ("iban", 0.25))
                 if r.random() < p] or ["phone"]  # fmt: skip
        for k in kinds:
            if k == "phone":
                v = fake_phone(r)
                sentences.append(r.choice((f"Potete ricontattarmi al {v}", f"Il mio cellulare è {v}",
                                           f"Per qualsiasi cosa chiamatemi al {v}")))  # fmt: skip
            elif k == "email":
                v = email
                sentences.append(r.choice((f"Rispondetemi pure a {v}", f"La mia mail è {v}")))
            elif k == "cf":
                v = fake_codice_fiscale(r, first, last, female)
                sentences.append(r.choice((f"Codice fiscale dell'intestatario: {v}", f"C.F. {v}")))
            else:
                v = fake_iban(r)
                if r.random() < 0.5:
                    v = " ".join(v[i : i + 4] for i in range(0, len(v), 4))
                sentences.append(r.choice((f"IBAN per il rimborso: {v}",
                                           f"Vi comunico il nuovo IBAN per l'addebito: {v}")))  # fmt: skip
            d.pii.append((k, v))
        if r.random() < 0.9:
            signature = name
            d.pii.append(("name", name))
        return first, sentences, signature

    def render_ticket(self, d: _Doc) -> None:
        w, r, s = self.w, self.w.rng, d.sentiment
        fill = self.filler(d)
        subj_bank = "churn.subj" if d.stage == 3 and r.random() < 0.6 else f"{d.topic}.subj"
        subj = w.frag(subj_bank, fill)
        if s == "neu" and r.random() < 0.2:
            subj = r.choice(("Richiesta informazioni", "Informazioni", "Domanda", "Info"))
        prefix = r.choices(("", "R: ", "Re: ", "URGENTE - ", "Fwd: "), (80, 6, 5, 6, 3))[0]
        d.subject = prefix + (subj.upper() if r.random() < 0.04 else subj)
        first_name, pii_sents, signature = self.pii_bits(d) if d.pii_wanted else ("", [], "")
        length = _wchoice(r, _LENGTHS["chat" if d.channel == "chat" else "tickets"])
        parts = [w.frag("ticket.pos", fill)] if s == "pos" else self.body(d, fill, length, "ticket")
        if d.channel == "phone":
            spoken = [f"{w.frag('phone.fill', fill)} {p.rstrip('.?!')}".lower() for p in parts]
            intro = [f"buongiorno sono {signature}"] if signature else []
            text = " ".join(["[Trascrizione automatica]", *intro, *spoken, *pii_sents])
            d.comments = [("customer", d.ts, text)]
        else:
            formal = d.channel == "email" or (d.channel == "web" and r.random() < 0.5)
            if formal and s != "pos" and r.random() < 0.55:
                parts.insert(0, w.frag("ticket.intro", fill))
            if formal and s in ("neg", "mixed") and r.random() < 0.7:
                parts.append(w.frag("ticket.request", fill))
            elif formal and s == "neu" and r.random() < 0.6:
                parts.append(w.frag("ticket.request_neu", fill))
            body = w.roughen(w.finish(parts + pii_sents, s), self.level(d), s)
            lines = [w.frag("ticket.greet", fill)] if formal and r.random() < 0.85 else []
            lines.append(body)
            if formal and r.random() < 0.8:
                lines.append(w.frag("ticket.close", fill) + ("\n" + signature if signature else ""))
            elif signature:
                lines.append(signature)
            sep = "\n\n" if formal else "\n"
            text = sep.join(lines)
            if d.channel == "email" and r.random() < 0.06:  # HTML e-mail bodies
                text = (
                    "<div>" + text.replace("\n\n", "</div><div>").replace("\n", "<br>") + "</div>"
                )
                text = text.replace(". ", ".&nbsp; ", 1)
            d.comments = [("customer", d.ts, text)]
        low = d.comments[0][2].lower()  # noise may have re-cased the data: record it as written
        d.pii = [(k, d.comments[0][2][i : i + len(v)] if (i := low.find(v.lower())) >= 0 else v)
                 for k, v in d.pii]  # fmt: skip
        self.thread(d, first_name)

    def agent_reply(self, d: _Doc, action: str, name: str) -> str:
        w, r = self.w, self.w.rng
        fill = self.filler(d)
        greet = f"Gentile {name}," if name and r.random() < 0.6 else w.frag("agent.greet", fill)
        thanks = w.frag("agent.thanks", fill)
        body = [thanks[0].upper() + thanks[1:]]
        if d.sentiment in ("neg", "mixed") and r.random() < 0.7:
            body.append(w.frag("agent.apology", fill))
        body.append(w.frag(f"agent.{action}", fill))
        close = w.frag("agent.close", fill) + "\n" + w.frag("agent.sign", fill)
        return f"{greet}\n{' '.join(body)}\n\n{close}"

    def customer_followup(self, d: _Doc, kind: str) -> str:
        w, r = self.w, self.w.rng
        fill = self.filler(d)
        parts = [w.frag(f"follow.{kind}", fill)]
        if kind == "unresolved":
            if r.random() < 0.5:
                parts.append(w.frag("gen.escalate", fill))
            if d.stage >= 2 and r.random() < 0.6:
                parts.append(w.frag("churn.escalate", fill))
            if d.hardneg and r.random() < 0.5:
                parts.append(w.frag("hardneg", fill))
        sent = "neg" if kind == "unresolved" else "neu"
        return w.roughen(w.finish(parts, sent), self.level(d), sent)

    def thread(self, d: _Doc, name: str) -> None:
        r = self.w.rng
        p_res = {"neu": 0.85, "pos": 0.95, "mixed": 0.7, "neg": 0.55}[d.sentiment]
        if d.stage >= 2 or d.hardneg:
            p_res = 0.25
        resolved = r.random() < p_res
        if resolved:
            plans = (["A:resolve"], ["A:resolve", "C:thanks"], ["A:ask", "C:info", "A:resolve"],
                     ["A:ask", "C:info", "A:resolve", "C:thanks"])  # fmt: skip
            plan = list(r.choice(plans))
            if d.sentiment == "neu" and plan[0] == "A:resolve":
                plan[0] = "A:info"
        else:
            plan = [r.choice(("A:ask", "A:working")), r.choice(("C:info", "C:unresolved")),
                    "A:working", "C:unresolved", "A:working"][: r.randint(0, 5)]  # fmt: skip
        t, solved = d.ts, None
        for step in plan:
            role, what = step.split(":")
            hours = (
                r.uniform(1, 72 if d.sentiment == "neg" else 30)
                if role == "A"
                else r.uniform(6, 150)
            )
            t = t + timedelta(hours=hours, seconds=r.randrange(3600))
            if t >= self.horizon:
                break
            if role == "A":
                body = self.agent_reply(d, what, name)
            else:
                body = self.customer_followup(d, what)
            d.comments.append(("agent" if role == "A" else "customer", t, body))
            if role == "A" and what in ("resolve", "info"):
                solved = t
        last_role, last_t = d.comments[-1][0], d.comments[-1][1]
        d.updated_at = last_t
        if solved is not None:
            d.solved_at = solved
            if solved + timedelta(days=4) < self.horizon:
                d.status, d.updated_at = "closed", max(last_t, solved + timedelta(days=4))
            else:
                d.status = "solved"
        elif len(d.comments) == 1:
            d.status = "new" if self.horizon - d.ts < timedelta(days=2) else "open"
        elif last_role == "agent":
            d.status = (
                "pending" if "ask" in str(plan) and r.random() < 0.5 else r.choice(("open", "hold"))
            )
        else:
            d.status = "open"

    def render_social(self, d: _Doc) -> None:
        w, r, s = self.w, self.w.rng, d.sentiment
        if d.brand:
            assert d.parent is not None
            bank = "brand.thanks" if d.parent.sentiment == "pos" else "brand.reply"
            d.text = w.frag(bank, self.filler(d, handle=d.parent.author or ""))
            return
        fill = self.filler(d)
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
        length = _wchoice(r, _LENGTHS["social"])
        parts = self.body(d, fill, length, "social")
        if s == "neg" and r.random() < 0.12:
            parts[0] = w.frag("sarcasm", self.filler(d, core=parts[0]))
        if s in ("neg", "pos") and r.random() < 0.12:
            word = w.frag(f"dialect.{s}", fill)
            if r.random() < 0.5:
                parts[0] = f"{word}, {parts[0][:1].lower()}{parts[0][1:]}"
            else:
                parts.insert(0, word + r.choice(("!", "...", "!!")))
        if d.parent is not None:
            parts.insert(0, w.frag("social.reply", fill))
        text = w.roughen(w.finish(parts, s), self.level(d), s)
        if r.random() < 0.25:
            text = f"{BRAND_HANDLE} {text}" if r.random() < 0.6 else f"{text} {BRAND_HANDLE}"
        if r.random() < {"neg": 0.6, "pos": 0.75, "mixed": 0.4}.get(s, 0.2):
            text += " " + w.emoji(s)
        if r.random() < 0.3:
            tags = [r.choice(HASHTAGS), _TOPIC_TAGS.get(d.topic, r.choice(HASHTAGS))]
            text += " " + " ".join(dict.fromkeys(tags[: r.randint(1, 2)]))
        if d.pii_wanted:
            v = fake_phone(r)
            text += f" scrivetemi o chiamatemi al {v}"
            d.pii.append(("phone", v))
        d.text = text

    def render(self) -> None:
        seen: dict[str, None] = {}
        for d in sorted(self.docs, key=lambda x: x.ts):
            for _ in range(4):  # re-draw on an exact collision so texts stay distinct
                {"reviews": self.render_review, "tickets": self.render_ticket}.get(
                    d.kind, self.render_social
                )(d)
                key = d.text if d.kind != "tickets" else d.comments[0][2]
                if key not in seen:
                    break
                d.comments, d.pii, d.title = [], [], ""
            seen[key] = None

    # ------------------------------------------------------------------ dirt
    def near_duplicates(self) -> None:
        """Repost ~1 % of baseline documents by the same author with a tiny edit."""
        r, w = self.rng, self.w
        pool = [d for d in self.docs if d.event is None and d.stage < 0 and not d.hardneg
                and not d.brand and not d.pii and (d.kind != "tickets" or r.random() < 0.15)]  # fmt: skip
        n = max(3, round(0.01 * len(self.docs)))
        for src in r.sample(pool, min(n, len(pool))):
            ts = src.ts + timedelta(minutes=r.randint(10, 2880))
            ch = src.channel
            if src.kind == "reviews" and r.random() < 0.4:
                ch = {"google": "trustpilot", "trustpilot": "google"}.get(ch, ch)  # cross-posting
            if ts >= self.horizon or self.in_outage(src.kind, ch, ts):
                continue
            dup = _Doc(src.kind, ts, src.topic, src.sentiment, ch, src.customer, src.author,
                       lang=src.lang, dup_of=src, title=src.title, rating=src.rating,
                       subject=src.subject, parent=src.parent)  # fmt: skip
            text = src.comments[0][2] if src.kind == "tickets" else src.text
            k = r.randrange(6) if len(text) > 80 else r.randint(1, 4)  # keep short ones close
            e = w.emoji(src.sentiment, repeat=False)
            if src.kind == "tickets":
                dup.comments = [("customer", ts, _tiny_edit(text, k, e))]
                dup.status = "new" if self.horizon - ts < timedelta(days=2) else "open"
                dup.updated_at = ts
            else:
                dup.text = _tiny_edit(text, k, e)
            self.docs.append(dup)

    def invalid_rows(self) -> None:
        """Plant rows that validation must quarantine (fixed count, whatever the scale)."""
        r = self.rng
        problems = {
            "reviews": [("text", "empty text")] * 3 + [("created_at", "unparseable date")] * 2
            + [("rating", "rating out of range (7)")] * 2,
            "tickets": [("created_at", "unparseable date")] * 2,
            "social": [("text", "empty text")] * 3,
        }  # fmt: skip
        for kind, probs in problems.items():
            victims = [d for d in self.docs if d.kind == kind and d.event is None and d.stage < 0
                       and not d.hardneg and not d.brand and d.dup_of is None and not d.pii
                       and d.parent is None]  # fmt: skip
            for d, prob in zip(r.sample(victims, len(probs)), probs, strict=True):
                d.invalid = prob
                if prob[0] == "text":
                    d.text = r.choice(("", "   ", ""))
                elif prob[0] == "rating":
                    d.rating = 7

    # ------------------------------------------------------------------ output
    def assign_ids(self) -> None:
        self.docs.sort(key=lambda d: d.ts)  # stable: ties keep plan order
        counters = {"reviews": 0, "tickets": 50000, "social": 0}
        for d in self.docs:
            counters[d.kind] += 1
            n = counters[d.kind]
            d.id = {"reviews": f"RV-{n:06d}", "tickets": str(n)}.get(d.kind, f"SP-{n:06d}")

    def created(self, d: _Doc, style: str) -> str:
        if d.invalid and d.invalid[0] == "created_at":
            return r"31/02/2026" if d.kind == "reviews" and d.id[-1] in "02468" else "n/d"
        return _fmt_ts(d.ts, style)

    def write(self, out: Path) -> DemoManifest:
        out.mkdir(parents=True, exist_ok=True)
        by_kind = {
            k: [d for d in self.docs if d.kind == k] for k in ("reviews", "tickets", "social")
        }
        paths = {"reviews": out / "reviews.csv", "tickets": out / "tickets.json",
                 "social": out / "social.jsonl", "truth": out / "ground_truth.json"}  # fmt: skip
        with paths["reviews"].open("w", encoding="utf-8", newline="") as fh:
            wr = csv.writer(fh, lineterminator="\n")
            wr.writerow(["id", "created_at", "text", "title", "rating", "channel", "customer_id"])
            for d in by_kind["reviews"]:
                rating = "" if d.rating is None else str(d.rating)
                wr.writerow([d.id, self.created(d, "csv"), d.text, d.title, rating, d.channel,
                             d.customer or ""])  # fmt: skip
        comment_id = 9_000_000
        tickets = []
        for d in by_kind["tickets"]:
            comments = []
            for role, ts, body in d.comments:
                comment_id += 1
                comments.append({"id": comment_id, "author_role": role,
                                 "created_at": _fmt_ts(ts, "z"), "body": body})  # fmt: skip
            tickets.append({
                "id": int(d.id), "requester_id": d.customer, "status": d.status,
                "created_at": self.created(d, "z"), "updated_at": _fmt_ts(d.updated_at or d.ts, "z"),
                "solved_at": _fmt_ts(d.solved_at, "z") if d.solved_at else None,
                "subject": d.subject, "channel": d.channel, "comments": comments,
            })  # fmt: skip
        _dump(paths["tickets"], {"tickets": tickets}, indent=1)
        with paths["social"].open("w", encoding="utf-8", newline="\n") as fh:
            for d in by_kind["social"]:
                row = {"id": d.id, "platform": d.channel, "author_id": d.author,
                       "created_at": self.created(d, "ms"), "text": d.text,
                       "in_reply_to": d.parent.id if d.parent else None}  # fmt: skip
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        _dump(paths["truth"], self.ground_truth(by_kind), indent=1)
        return DemoManifest(paths["reviews"], paths["tickets"], paths["social"], paths["truth"],
                            len(by_kind["reviews"]), len(by_kind["tickets"]), len(by_kind["social"]),
                            self.start, self.weeks)  # fmt: skip

    def ground_truth(self, by_kind: dict[str, list[_Doc]]) -> dict[str, object]:
        valid = [d for d in self.docs if d.invalid is None]
        weeks = range(1, self.weeks + 1)

        def iso(week: int) -> str:
            y, wk, _ = (self.start + timedelta(days=7 * (week - 1))).isocalendar()
            return f"{y}-W{wk:02d}"

        def ids(docs: list[_Doc]) -> dict[str, list[str]]:
            return {k: [d.id for d in docs if d.kind == k] for k in by_kind}

        def weekly(docs: list[_Doc]) -> list[int]:
            counts = [0] * self.weeks
            for d in docs:
                counts[self.week_of(d.ts) - 1] += 1
            return counts

        def event(name: str) -> list[_Doc]:
            return [d for d in valid if d.event == name]

        def contacts(cids: list[str], key: str) -> dict[str, list[dict[str, object]]]:
            out: dict[str, list[dict[str, object]]] = {c: [] for c in cids}
            for d in valid:
                if d.customer in out and d.dup_of is None:
                    item = {"kind": d.kind, "id": d.id, "week": self.week_of(d.ts),
                            "sentiment": d.sentiment}  # fmt: skip
                    if key == "stage":
                        item["stage"] = d.stage
                    out[d.customer].append(item)
            return out

        o_weeks = list(self.outage_weeks)
        o_start = self.start + timedelta(days=7 * (o_weeks[0] - 1))
        per_channel = {
            k: {
                ch: weekly([d for d in valid if d.kind == k and d.channel == ch])
                for ch in _CHANNELS[k]
            }
            for k in by_kind
        }
        emerging, fading = event("emerging"), event("fading")
        return {
            "generator": {"name": "pipelines.demo.generate", "seed": self.seed, "scale": self.scale,
                          "start": self.start.isoformat(), "weeks": self.weeks},
            "company": "Lumenia",
            "notes": "Ids are source ids as strings; weeks are 1-based Monday-Sunday from start; "
            "timestamps are naive UTC. Brand-account replies are written by the company.",
            "taxonomy": dict(CATEGORIES.values()),
            "weeks": [{"week": w, "iso_week": iso(w),
                       "start": (self.start + timedelta(days=7 * (w - 1))).isoformat()} for w in weeks],
            "counts": {
                "rows": {k: len(v) for k, v in by_kind.items()},
                "valid_rows": {k: sum(d.invalid is None for d in v) for k, v in by_kind.items()},
                "total_rows": len(self.docs),
                "weekly_by_channel": per_channel,
            },
            "events": {
                "emerging": {
                    "name": "doppio_addebito_app",
                    "description": "Doppio addebito della bolletta dopo l'aggiornamento dell'app MyLumenia",
                    "category": "fatturazione_bollette", "secondary_category": "app_sito",
                    "key_phrases": ["doppio addebito", "addebitato due volte", "aggiornamento dell'app",
                                    "MyLumenia", "pagamento duplicato"],
                    "onset_week": self.onset, "onset_iso_week": iso(self.onset),
                    "weekly_counts": weekly(emerging), "n_docs": len(emerging), "ids": ids(emerging),
                },
                "fading": {
                    "name": "ritardi_attivazione_fibra",
                    "description": "Ritardi nell'attivazione della fibra, forti nelle prime settimane",
                    "category": "consegna_spedizioni",
                    "key_phrases": ["attivazione della fibra", "tecnico", "in lavorazione", "ritardo"],
                    "peak_weeks": list(range(1, min(5, self.weeks) + 1)),
                    "back_to_baseline_week": min(len(_FADING_CURVE), self.weeks) + 1,
                    "weekly_counts": weekly(fading), "n_docs": len(fading), "ids": ids(fading),
                    "note": "counts are the planted documents only; 'attivazione' also has a small "
                    "background of generic activation complaints",
                },
                "churn_cohort": {
                    "customer_ids": list(self.cohort), "n_customers": len(self.cohort),
                    "description": "contacts get more frequent and more negative; the last one "
                    "(stage 3) states intent to leave",
                    "churn_phrases": ["disdetta", "recesso", "portabilità", "passo a un altro operatore",
                                      "cambio fornitore", "reclamo ARERA/AGCOM/Corecom"],
                    "contacts": contacts(self.cohort, "stage"),
                },
                "hard_negatives": {
                    "customer_ids": list(self.hardneg), "n_customers": len(self.hardneg),
                    "description": "repeatedly angry customers who say they do not want to leave",
                    "contacts": contacts(self.hardneg, "none"),
                },
                "channel_outage": {
                    "kind": _OUTAGE[0], "channel": _OUTAGE[1], "weeks": o_weeks,
                    "iso_weeks": [iso(w) for w in o_weeks], "start": o_start.isoformat(),
                    "end_exclusive": (o_start + timedelta(days=14)).isoformat(),
                },
            },
            "invalid_rows": {
                "counts": {k: sum(d.invalid is not None for d in v) for k, v in by_kind.items()},
                "total": sum(d.invalid is not None for d in self.docs),
                "rows": [{"kind": d.kind, "id": d.id, "source_row": by_kind[d.kind].index(d) + 1,
                          "field": d.invalid[0], "problem": d.invalid[1]}
                         for d in self.docs if d.invalid],
            },
            "non_italian": {
                "count": sum(d.lang != "it" for d in valid),
                "by_language": {g: sum(d.lang == g for d in valid) for g in ("en", "es", "fr")},
                "ids": ids([d for d in valid if d.lang != "it"]),
            },
            "near_duplicates": {
                "count": sum(d.dup_of is not None for d in valid),
                "pairs": [{"kind": d.kind, "id": d.id, "duplicate_of": d.dup_of.id}
                          for d in valid if d.dup_of is not None],
            },
            "pii": {
                "count": sum(bool(d.pii) for d in self.docs),
                "docs": [{"kind": d.kind, "id": d.id, "items": [{"type": t, "value": v} for t, v in d.pii]}
                         for d in self.docs if d.pii],
            },
            "brand_accounts": [BRAND_HANDLE],
            "html_ticket_comments": sum(c[2].startswith("<div>") for d in by_kind["tickets"] for c in d.comments),
            "labels": {k: {d.id: {"category": d.category, "sentiment": d.sentiment, "language": d.lang}
                           for d in v if d.invalid is None and not d.brand} for k, v in by_kind.items()},
        }  # fmt: skip


def _tiny_edit(text: str, k: int, emoji: str) -> str:
    """The small changes people make when they post the same thing again."""
    edits = (f"{text} {emoji}", text.rstrip(".!") + "!!", text[:1].swapcase() + text[1:],
             text.replace(" ", "  ", 1), text.rstrip(".") + "...", "RIPETO: " + text)  # fmt: skip
    return edits[k] if edits[k] != text else text + "!!"  # e.g. swapcase of a leading "@"


def _dump(path: Path, obj: object, indent: int | None = None) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        json.dump(obj, fh, ensure_ascii=False, indent=indent)
        fh.write("\n")


def generate_demo(
    out_dir: Path,
    *,
    seed: int = 42,
    weeks: int = 16,
    start: date = date(2026, 7, 6),
    scale: float = 1.0,
) -> DemoManifest:
    """Write the Lumenia demo data set (reviews, tickets, social posts, ground truth).

    Args:
        out_dir: Directory to write ``reviews.csv``, ``tickets.json``, ``social.jsonl`` and
            ``ground_truth.json`` into (created if missing; existing files are overwritten).
        seed: Seed of every random draw; the same seed gives byte-identical files.
        weeks: Number of weeks to cover (at least 8; event weeks scale with it, 16 is canonical).
        start: Monday of week 1.
        scale: Volume multiplier; 1.0 gives about 5,500 documents. Planted events keep a
            minimum size so that small slices (e.g. 0.05) still contain them.

    Returns:
        Paths, row counts and the time window of the generated files.

    Raises:
        ValueError: If ``start`` is not a Monday, ``weeks`` < 8 or ``scale`` <= 0.
    """
    if start.weekday() != 0:
        raise ValueError(f"start must be a Monday, got {start:%A} {start}")
    if weeks < 8:
        raise ValueError("weeks must be at least 8 to hold the planted events")
    if scale <= 0:
        raise ValueError("scale must be positive")
    gen = _Generator(seed, weeks, start, scale)
    gen.plan()
    gen.link_social()
    for d in gen.docs:  # a few social posts leak a phone number too
        d.pii_wanted = d.pii_wanted or (d.kind == "social" and d.lang == "it" and not d.brand
                                        and gen.rng.random() < 0.005)  # fmt: skip
    gen.render()
    gen.near_duplicates()
    gen.invalid_rows()
    gen.assign_ids()
    return gen.write(Path(out_dir))

"""Seeded generator of a fictional Italian company's customer feedback ("Lumenia").

``generate_demo`` writes ``reviews.csv``, ``tickets.json`` and ``social.jsonl`` in the input
schemas of ``docs/architecture.md`` plus ``ground_truth.json`` describing the planted signals:
an emerging complaint, a fading complaint, a churn cohort with hard negatives, a channel outage,
invalid rows, non-Italian posts, near-duplicates and personal data. Texts are composed from the
hand-written banks in ``pipelines.demo_corpus`` and then roughened (typos, abbreviations, casing,
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
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from pipelines import demo_corpus as C
from pipelines.demo_corpus import CATEGORY_LABELS, load_banks

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
_BASE_PER_WEEK = {"reviews": 128, "tickets": 68, "social": 100}
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
_EMOJI = {
    "neg": ("😡", "😤", "🤬", "🙄", "😒", "😠", "👎", "💸", "🤡", "😩", "😭", "🤦‍♂️", "🤦‍♀️"),
    "pos": ("👍", "😊", "🙏", "💚", "👏", "😍", "✨", "🔝", "💪"),
    "neu": ("🤔", "🙂", "❓"),
}
_HASHTAGS = ("#Lumenia", "#MyLumenia", "#disservizio", "#assistenzaclienti", "#consumatori")
_TOPIC_TAGS = {"rete": "#fibra", "fatturazione": "#bollette", "emerg": "#doppioaddebito"}
_NEIGHBOURS = {"a": "sq", "e": "wr", "i": "uo", "o": "ip", "n": "bm", "r": "et", "t": "ry",
               "s": "ad", "l": "kò", "c": "xv", "m": "n", "u": "yi", "d": "sf"}  # fmt: skip
_CF_ODD = dict(zip("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                   (1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18,
                    20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23), strict=True))  # fmt: skip
_CHOICE_RE = re.compile(r"\[([^\[\]]*)\]")
_SLOT_RE = re.compile(r"\{(\w+)\}")
_WORD_RE = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


def _wchoice(rng: random.Random, weights: dict[str, float]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _fmt_ts(ts: datetime, style: str) -> str:
    if style == "csv":
        return ts.strftime("%Y-%m-%dT%H:%M:%S")
    if style == "ms":
        return ts.strftime("%Y-%m-%dT%H:%M:%S.") + f"{ts.microsecond // 1000:03d}Z"
    return ts.strftime("%Y-%m-%dT%H:%M:%SZ")


# ----------------------------------------------------------------------------- personal data
def _ascii(s: str) -> str:
    norm = unicodedata.normalize("NFKD", s)
    return "".join(c for c in norm if c.isalpha() and c.isascii()).upper()


def _cf_part(s: str, is_name: bool) -> str:
    letters = _ascii(s)
    cons = [c for c in letters if c not in "AEIOU"]
    vows = [c for c in letters if c in "AEIOU"]
    if is_name and len(cons) >= 4:
        return cons[0] + cons[2] + cons[3]
    return "".join(cons + vows + ["X", "X", "X"])[:3]


def _codice_fiscale(rng: random.Random, first: str, last: str, female: bool) -> str:
    """Format-valid fictional codice fiscale, including the check character."""
    day = rng.randint(1, 28) + (40 if female else 0)
    body = (
        _cf_part(last, False)
        + _cf_part(first, True)
        + f"{rng.randint(50, 99):02d}"
        + "ABCDEHLMPRST"[rng.randrange(12)]
        + f"{day:02d}"
        + rng.choice(C.COMUNI)
    )
    total = 0
    for i, ch in enumerate(body):  # odd 1-based positions use the odd table
        total += _CF_ODD[ch] if i % 2 == 0 else (int(ch) if ch.isdigit() else ord(ch) - 65)
    return body + chr(65 + total % 26)


def _iban(rng: random.Random) -> str:
    """Fictional Italian IBAN with valid CIN and mod-97 check digits."""
    bban = f"{rng.randint(1000, 9999):05d}{rng.randint(10000, 99999):05d}" + "".join(
        str(rng.randrange(10)) for _ in range(12)
    )
    total = sum(
        _CF_ODD[ch] if i % 2 == 0 else int(ch) for i, ch in enumerate(bban)
    )  # CIN uses the same odd/even tables as the codice fiscale
    cin = chr(65 + total % 26)
    rearranged = cin + bban + "IT00"
    digits = "".join(str(int(c, 36)) for c in rearranged)
    check = 98 - int(digits) % 97
    return f"IT{check:02d}{cin}{bban}"


def _phone(rng: random.Random) -> str:
    p, a, b = rng.choice(C.MOBILE_PREFIX), rng.randint(100, 999), rng.randint(1000, 9999)
    forms = (f"{p} {a} {b}", f"{p}{a}{b}", f"+39 {p} {a}{b}", f"{p}-{a}{b}", f"{p}.{a}.{b}")
    return rng.choice(forms)


# ----------------------------------------------------------------------------- slot filler
def _date_phrase(f: _Filler) -> str:
    d = f.when - timedelta(days=f.rng.randint(2, 40))
    m = C.MONTHS[d.month - 1]
    return f.rng.choice((f"il {d.day} {m}", f"il {d.day:02d}/{d.month:02d}", f"lo scorso {d.day} {m}",
                         f"il {d.day}/{d.month}/{d.year}", f"in data {d.day:02d}.{d.month:02d}.{d.year}"))  # fmt: skip


def _pick(*options: str) -> Callable[[_Filler], str]:
    return lambda f: f.rng.choice(options)


def _num(lo: int, hi: int) -> Callable[[_Filler], str]:
    return lambda f: str(f.rng.randint(lo, hi))


_SLOTS: dict[str, Callable[[_Filler], str]] = {
    "importo": lambda f: f.money(95, 480),
    "importo_small": lambda f: f.money(3, 45),
    "importo_mese": lambda f: f"{f.mese_base} euro",
    "importo_mese2": lambda f: f"{f.mese_base + f.rng.randint(5, 30)} [euro|€]",
    "data": _date_phrase,
    "mese": lambda f: C.MONTHS[(f.when - timedelta(days=f.rng.randint(0, 45))).month - 1],
    "giorno": _pick(*C.WEEKDAYS),
    "anno": lambda f: str(f.when.year - f.rng.randint(1, 2)),
    "giorni": _num(8, 45),
    "giorni_pochi": _num(2, 7),
    "settimane": _pick("2", "3", "4", "5", "6", "tre", "quattro", "cinque"),
    "mesi": _pick("2", "3", "4", "5", "6", "8", "tre", "quattro", "sei"),
    "ore": _pick("24", "48", "72"),
    "n": _pick("3", "4", "5", "6", "7", "8", "tre", "quattro", "cinque", "dieci"),
    "n_persone": _pick("due", "tre", "quattro", "cinque"),
    "anni": _num(2, 25),
    "anni_eta": _num(72, 93),
    "citta": _pick(*C.CITIES),
    "contratto": lambda f: f"40{f.rng.randint(100000, 999999)}",
    "fattura": lambda f: f.rng.choice((f"{f.when.year}/{f.rng.randint(1000000, 9999999)}",
                                       f"F{f.when.year % 100}-{f.rng.randint(100000, 999999)}")),  # fmt: skip
    "pratica": lambda f: f"RC-{f.when.year}-{f.rng.randint(100000, 999999)}",
    "pod": lambda f: f"IT001E{f.rng.randint(10000000, 99999999)}",
    "pdr": _num(10**13, 10**14 - 1),
    "tracking": lambda f: f"LUM{f.rng.randint(10**9, 10**10 - 1)}",
    "raccomandata": lambda f: f"15{f.rng.randint(10**9, 10**10 - 1)}",
    "lettura": _num(1200, 38000),
    "lettura2": _num(1200, 38000),
    "smc": lambda f: f"{f.rng.randint(4, 15) * 100} Smc",
    "kwh": lambda f: f"{f.rng.randint(15, 45) * 100} kWh",
    "cust": lambda f: f.customer or f"CL-{f.rng.randint(1, 999999):06d}",
    "offerta": _pick(*C.OFFERS),
    "competitor": _pick(*C.COMPETITORS),
    "device": _pick(*C.DEVICES),
    "app_ver": lambda f: f"5.0.{f.rng.randint(0, 3)}",
    "numero_verde": _pick("800 58 58 58"),
    "op": _num(1000, 4999),
    "velocita": _pick("2 mega", "5 Mbps", "0,8 mega", "12 mega", "30 mega scarsi", "7 Mbps", "1 mega"),
    "minuti_attesa": _pick("45 minuti", "un'ora e mezza", "quasi un'ora", "più di 40 minuti",
                           "un'ora e 10", "50 minuti", "35 minuti", "due ore"),  # fmt: skip
    "minuti_attesa_en": _pick("45 minutes", "an hour", "over 40 minutes", "almost two hours"),
}


class _Filler:
    """Fills ``{slot}`` placeholders with values plausible at the document's date."""

    def __init__(
        self, rng: random.Random, when: datetime, customer: str | None, extra: dict[str, str]
    ) -> None:
        self.rng, self.when, self.customer, self.extra = rng, when, customer, extra
        self.mese_base = rng.randint(25, 75)  # so "da X a Y euro" rises consistently

    def __call__(self, name: str) -> str:
        if name in self.extra:
            return self.extra[name]
        if name not in _SLOTS:
            raise KeyError(f"unknown slot {{{name}}}")
        return _SLOTS[name](self)

    def money(self, lo: float, hi: float) -> str:
        whole, cents = f"{self.rng.uniform(lo, hi):.2f}".split(".")
        forms = (f"€ {whole},{cents}", f"{whole},{cents} €", f"{whole},{cents} euro",
                 f"{whole} euro", f"€{whole}", f"{whole}€")  # fmt: skip
        return self.rng.choice(forms)


# ----------------------------------------------------------------------------- text utilities
class _Writer:
    """Renders bank fragments and roughens finished texts."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.banks = load_banks()
        self._calm = {k: tuple(f for f in v if not f.startswith("!")) for k, v in self.banks.items()}

    def expand(self, tpl: str, fill: _Filler) -> str:
        rng = self.rng
        prev = None
        while prev != tpl:
            prev, tpl = tpl, _CHOICE_RE.sub(lambda m: rng.choice(m.group(1).split("|")), tpl)
        out = _SLOT_RE.sub(lambda m: fill(m.group(1)), tpl)
        out = _CHOICE_RE.sub(lambda m: rng.choice(m.group(1).split("|")), out)  # slot-made choices
        return re.sub(r"\s+([,.;:!?])(?=\s|$)", r"\1", re.sub(r"\s{2,}", " ", out)).strip()

    def frag(self, bank: str, fill: _Filler, calm: bool = False) -> str:
        options = self._calm[bank] if calm else self.banks[bank]
        return self.expand(self.rng.choice(options).lstrip("!"), fill)

    def finish(self, parts: list[str], sentiment: str) -> str:
        """Capitalise and punctuate sentences, then join them."""
        rng, out = self.rng, []
        for p in parts:
            p = p.strip()
            if not p:
                continue
            p = p[0].upper() + p[1:]
            if p[-1] not in ".!?…" and not p[-1] in "🙃🎶🐌🤯🤡👍🙏💚":
                if sentiment == "neg":
                    p += rng.choices((".", "!", "!!", "..."), (70, 15, 5, 10))[0]
                elif sentiment == "pos":
                    p += rng.choices((".", "!"), (60, 40))[0]
                else:
                    p += "."
            out.append(p)
        return " ".join(out)

    def roughen(self, text: str, level: int, sentiment: str) -> str:
        """Apply typos, dropped accents, abbreviations, casing and punctuation noise."""
        if level <= 0:
            return text
        rng = self.rng
        p_acc = (0.0, 0.15, 0.4, 0.6)[level]
        p_abbr = (0.0, 0.0, 0.3, 0.55)[level]
        n_typos = rng.choice(((0, 0, 0, 1), (0, 1, 1, 2), (1, 2, 3, 4))[level - 1])

        def word(m: re.Match[str]) -> str:
            w = m.group(0)
            low = w.lower()
            if low in C.ABBREV and rng.random() < p_abbr:
                return rng.choice(C.ABBREV[low])
            if low[-1] in "àèéìòù" and rng.random() < p_acc:
                base = unicodedata.normalize("NFKD", w[-1])[0]
                return w[:-1] + rng.choice((base, base + "'", base))
            return w

        chunks = text.split(" ")
        for i, ch in enumerate(chunks):  # leave codes, e-mails, hashtags and handles untouched
            if not re.search(r"[\d@#/]", ch):
                chunks[i] = _WORD_RE.sub(word, ch)
        candidates = [
            i for i, ch in enumerate(chunks) if len(ch) >= 4 and ch.isalpha() and ch.islower()
        ]
        for i in rng.sample(candidates, min(n_typos, len(candidates))):
            chunks[i] = self._typo(chunks[i])
        text = " ".join(chunks)
        if level >= 2 and rng.random() < (0.5 if level == 2 else 0.8):
            text = text.lower()
        if level >= 2 and rng.random() < 0.5:
            text = text.rstrip(".")
        if level == 3:
            text = re.sub(r"\. ", lambda m: rng.choice((". ", " ", ", ", "... ")), text)
            text = re.sub(r"!", lambda m: rng.choice(("!", "!!!", "!!")), text)
            text = re.sub(r"\?", lambda m: rng.choice(("?", "??", "???")), text)
        if rng.random() < 0.04 * level:
            text = text.replace(", ", ",", 1)
        if sentiment == "neg" and rng.random() < 0.06 * level:
            text = text.upper() if len(text) < 90 else text + " " + rng.choice(
                ("VERGOGNA", "BASTA", "ASSURDO", "VERGOGNATEVI")
            )
        return text

    def _typo(self, w: str) -> str:
        rng = self.rng
        i = rng.randrange(1, len(w) - 1)
        op = rng.random()
        if op < 0.3:
            return w[:i] + w[i + 1] + w[i] + w[i + 2 :]
        if op < 0.6:
            return w[:i] + w[i + 1 :]
        if op < 0.8:
            return w[:i] + w[i] + w[i:]
        return w[:i] + rng.choice(_NEIGHBOURS.get(w[i], w[i])) + w[i + 1 :]

    def emoji(self, sentiment: str) -> str:
        pool = _EMOJI.get(sentiment, _EMOJI["neg"] if sentiment == "mixed" else _EMOJI["neu"])
        e = self.rng.choice(pool)
        return e * self.rng.choice((1, 1, 1, 2, 3))


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
        return {"emerg": "fatturazione", "fade": "attivazione"}.get(self.topic, self.topic)


_CATS = tuple(CATEGORY_LABELS)

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
        self.w = _Writer(random.Random(f"lumenia-text:{seed}"))
        self.ev_scale = max(scale, 0.25)  # keep planted events visible in small test slices
        self.onset = max(2, round(weeks * 10 / 16))
        self.outage_weeks = (round(weeks * 7 / 16), round(weeks * 7 / 16) + 1)
        self.docs: list[_Doc] = []
        ids = self.rng.sample(range(1, 1_000_000), 6000 + int(4000 * scale))
        self.cohort = [f"CL-{i:06d}" for i in ids[: max(6, round(60 * scale))]]
        self.hardneg = [f"CL-{i:06d}" for i in ids[100:][: max(3, round(20 * scale))]]
        self.pool = [f"CL-{i:06d}" for i in ids[200 : 200 + max(150, int(3200 * scale))]]
        handles: dict[str, None] = {}
        while len(handles) < max(60, int(1100 * scale)):
            stem, tail = self.rng.choice(C.HANDLE_STEMS), self.rng.choice(C.HANDLE_TAILS)
            handles["@" + stem + tail + (str(self.rng.randint(1, 99)) if len(handles) % 3 else "")]
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

    def channel(self, kind: str, ts: datetime, weights: dict[str, float] | None = None) -> str:
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
            pos = [0.0, *sorted(math.sqrt(r.random()) for _ in range(k - 2)), 1.0]
            for i, p in enumerate(pos):
                ts = first + (last - first) * p
                frac = i / (k - 1)
                stage = 3 if i == k - 1 else (0 if frac < 0.34 else 1 if frac < 0.67 else 2)
                sent = ("neu" if r.random() < 0.4 else "neg") if stage == 0 else "neg"
                kind = "tickets" if r.random() < 0.65 else "reviews"
                self.add(kind, ts, topic, sent, customer=cid, stage=stage)
        for cid in self.hardneg:
            topic, k = r.choice(topics), r.randint(3, 6)
            for i in range(k):
                ts = self.t0 + span * r.uniform(0.02, 0.99)
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
            if d.lang == "it" and bucket and r.random() < 0.14:
                parent = r.choice(bucket)
                if parent.author != d.author:
                    d.parent = parent
            if d.lang == "it":
                bucket.append(d)
        for d in posts:
            if d.lang == "it" and d.sentiment != "neu" and r.random() < 0.045:
                ts = d.ts + timedelta(minutes=r.randint(20, 600))
                if ts < self.horizon:
                    self.add("social", ts, d.topic, "brand", channel=d.channel,
                             author=BRAND_HANDLE, brand=True, parent=d)  # fmt: skip

    # ------------------------------------------------------------------ rendering
    def filler(self, d: _Doc, **extra: str) -> _Filler:
        return _Filler(self.w.rng, d.ts, d.customer, extra)

    def body(self, d: _Doc, fill: _Filler, length: str, register: str) -> list[str]:
        w, r, t, s = self.w, self.w.rng, d.topic, d.sentiment
        calm = d.customer is not None  # churn intent stays with the planted cohort

        def frag(bank: str) -> str:
            return w.frag(bank, fill, calm)

        parts: list[str] = []
        if s == "pos":
            parts.append(frag(f"{t}.pos"))
            if length != "short" and r.random() < 0.5:
                parts.append(frag(f"{r.choice([c for c in _POS_OTHER if c != t])}.pos"))
            if length == "long":
                parts += [frag("gen.pos_detail"), frag(f"{t}.detail")]
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
            if s == "mixed":
                pos = frag("mixed.pos")
                if r.random() < 0.7:
                    parts.append(f"{pos}, {r.choice(w.banks['mixed.conn'])} {neg}")
                else:
                    parts += [neg, f"{frag('mixed.after')} {pos}"]
            else:
                parts.append(neg)
            extras = [f"{t}.detail", "gen.history", "gen.consequence"]
            if length == "medium" and r.random() < 0.75:
                parts.append(frag(r.choice(extras)))
            elif length == "long":
                pool = [*extras, f"{t}.detail", "gen.history", f"{t}.neg", "gen.escalate"]
                r.shuffle(pool)
                for bank in pool[: r.randint(3, 6)]:
                    x = frag(bank)
                    if x not in parts:
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
            parts[0] = w.expand(r.choice(w.banks["sarcasm"]), self.filler(d, core=parts[0]))
        if s == "neg" and r.random() < 0.06:
            parts.insert(0, w.frag("dialect.neg", fill))
        if r.random() < {"short": 0.3, "medium": 0.5, "long": 0.65}[length]:
            parts.append(w.frag(f"review.close.{mood}", fill, calm=d.customer is not None))
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
        female = r.random() < 0.5
        first = r.choice(C.FIRST_F if female else C.FIRST_M)
        last = r.choice(C.SURNAMES)
        name = f"{first} {last}"
        slug = _ascii(first).lower() + r.choice((".", "_", "")) + _ascii(last).lower()
        email = slug + r.choice(("", str(r.randint(60, 99)))) + "@" + r.choice(C.MAIL_DOMAINS)
        sentences, signature = [], ""
        kinds = [k for k, p in (("phone", 0.5), ("email", 0.4), ("cf", 0.3), ("iban", 0.25))
                 if r.random() < p] or ["phone"]  # fmt: skip
        for k in kinds:
            if k == "phone":
                v = _phone(r)
                sentences.append(r.choice((f"Potete ricontattarmi al {v}", f"Il mio cellulare è {v}",
                                           f"Per qualsiasi cosa chiamatemi al {v}")))  # fmt: skip
            elif k == "email":
                v = email
                sentences.append(r.choice((f"Rispondetemi pure a {v}", f"La mia mail è {v}")))
            elif k == "cf":
                v = _codice_fiscale(r, first, last, female)
                sentences.append(r.choice((f"Codice fiscale dell'intestatario: {v}", f"C.F. {v}")))
            else:
                v = _iban(r)
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
        if s == "pos":
            parts = [w.frag("ticket.pos", fill)]
        else:
            parts = self.body(d, fill, length, "ticket")
        if d.channel == "phone":
            fillers = w.banks["phone.fill"]
            spoken = [f"{r.choice(fillers)} {p.rstrip('.?!')}" for p in parts + pii_sents]
            d.comments = [("customer", d.ts, "[Trascrizione automatica] " + " ".join(spoken).lower())]
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
                text = "<div>" + text.replace("\n\n", "</div><div>").replace("\n", "<br>") + "</div>"
                text = text.replace(". ", ".&nbsp; ", 1)
            d.comments = [("customer", d.ts, text)]
        self.thread(d, first_name)

    def agent_reply(self, d: _Doc, action: str, name: str) -> str:
        w, r = self.w, self.w.rng
        fill = self.filler(d)
        greet = f"Gentile {name}," if name and r.random() < 0.6 else w.frag("agent.greet", fill)
        body = [w.frag("agent.thanks", fill).capitalize()]
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
            hours = r.uniform(1, 72 if d.sentiment == "neg" else 30) if role == "A" else r.uniform(6, 150)
            t = t + timedelta(hours=hours, seconds=r.randrange(3600))
            if t >= self.horizon:
                break
            if role == "A":
                body = self.agent_reply(d, what, name)
            else:
                body = self.customer_followup(d, what)
            d.comments.append(("agent" if role == "A" else "customer", t, body))
            if what in ("resolve", "info"):
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
            d.status = "pending" if "ask" in str(plan) and r.random() < 0.5 else r.choice(("open", "hold"))
        else:
            d.status = "open"

    def render_social(self, d: _Doc) -> None:
        w, r, s = self.w, self.w.rng, d.sentiment
        if d.brand:
            assert d.parent is not None
            bank = "brand.reply"
            tpl = r.choice(w.banks[bank][:2] if d.parent.sentiment != "pos" else w.banks[bank][2:])
            d.text = w.expand(tpl, self.filler(d, handle=d.parent.author or ""))
            return
        fill = self.filler(d)
        if d.lang != "it":
            parts = [w.frag(f"{d.lang}.core", fill)]
            if d.lang == "en" and r.random() < 0.5:
                parts.insert(0, w.frag("en.open", fill))
            text = " ".join(parts)
            if r.random() < 0.7:
                end = w.frag(f"{d.lang}.end", fill)
                text = text.rstrip(".") + (end if end[:1] in ".," else " " + end)
            d.text = text.strip()
            return
        length = _wchoice(r, _LENGTHS["social"])
        parts = self.body(d, fill, length, "social")
        if s == "neg" and r.random() < 0.12:
            parts[0] = w.expand(r.choice(w.banks["sarcasm"]), self.filler(d, core=parts[0]))
        if s in ("neg", "pos") and r.random() < 0.12:
            parts.insert(0, w.frag(f"dialect.{s}", fill) + r.choice(("!", ",", "...", "")))
        if d.parent is not None:
            parts.insert(0, w.frag("social.reply", fill))
        text = w.roughen(w.finish(parts, s), self.level(d), s)
        if r.random() < 0.25:
            text = f"{BRAND_HANDLE} {text}" if r.random() < 0.6 else f"{text} {BRAND_HANDLE}"
        if r.random() < {"neg": 0.6, "pos": 0.75, "mixed": 0.4}.get(s, 0.2):
            text += " " + w.emoji(s)
        if r.random() < 0.3:
            tags = [r.choice(C.HASHTAGS), _TOPIC_TAGS.get(d.topic, r.choice(C.HASHTAGS))]
            text += " " + " ".join(dict.fromkeys(tags[: r.randint(1, 2)]))
        if d.pii_wanted:
            v = _phone(r)
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

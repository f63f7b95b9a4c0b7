"""Text helpers of the seed generator: capitalisation, placeholders, the sector context, channel
habits (:func:`wrap`), and the surface variants (typos, emoji)."""

from __future__ import annotations

import random
import re
from collections.abc import Callable

from .data import (
    EMO,
    GREET,
    NEG_TITLES,
    NUMS,
    POS_TITLES,
    SUBJECTS,
    T_CLOSE_NEG,
    T_CLOSE_NEU,
    T_CLOSE_POS,
    TAGS,
    TIMES,
    TYPO_WORDS,
    S,
)


def cap(s: str) -> str:
    """Upper-case the first letter, leaving the rest untouched."""
    return s[:1].upper() + s[1:] if s else s


def low(s: str) -> str:
    """Lower-case the first letter unless the word looks like an acronym or a name."""
    if len(s) > 1 and s[1].isupper():
        return s
    return s[:1].lower() + s[1:] if s else s


def nostop(s: str) -> str:
    """Drop the final full stop (question marks and exclamations stay)."""
    return s[:-1] if s.endswith(".") else s


def fill(s: str, r: random.Random) -> str:
    """Replace placeholders {n} and {t} in a fragment."""
    return s.replace("{n}", r.choice(NUMS)).replace("{t}", r.choice(TIMES))


def join_open(opener: str, clause: str) -> str:
    """Glue an opener ("Purtroppo", "Incredibile:") to a lowercase clause."""
    return f"{opener} {low(clause)}"


def prep_a(np: str) -> str:
    """Italian articulated preposition "a" + noun phrase ("a l'operatore" -> "all'operatore")."""
    for art, fused in (("l'", "all'"), ("il ", "al "), ("la ", "alla "), ("lo ", "allo ")):
        if np.startswith(art):
            return fused + np[len(art) :]
    return "a " + np


def handle(brand: str) -> str:
    """Turn a brand name into a social handle."""
    return "@" + re.sub(r"[^A-Za-z0-9]", "", brand)


class Ctx:
    """Random helpers bound to one sector."""

    def __init__(self, r: random.Random, sector: str) -> None:
        self.r = r
        self.sector = sector
        self.d = S[sector]

    def c(self, key: str) -> str:
        return fill(self.r.choice(self.d[key]), self.r)

    def two(self, key: str) -> tuple[str, str]:
        a, b = self.r.sample(self.d[key], 2)
        return fill(a, self.r), fill(b, self.r)

    def g(self, lst: list[str]) -> str:
        return fill(self.r.choice(lst), self.r)


def wrap(text: str, label: str, channel: str, cx: Ctx) -> str:
    """Dress a text in the habits of its channel (greetings, handles, hashtags, titles)."""
    r = cx.r
    if channel == "ticket":
        if r.random() < 0.5:
            text = f"{r.choice(GREET)} {text}" if r.random() < 0.6 else f"{r.choice(GREET)}\n{text}"
        if r.random() < 0.4:
            close = {"neg": T_CLOSE_NEG, "neu": T_CLOSE_NEU, "pos": T_CLOSE_POS}[label]
            text = f"{text} {r.choice(close)}"
        if r.random() < 0.12:
            text = f"{r.choice(SUBJECTS[label])}\n{text}"
    elif channel == "social":
        if r.random() < 0.35:
            text = f"{handle(r.choice(cx.d['brands']))} {low(text)}"
        if r.random() < 0.3:
            pool = cx.d["tags"] + TAGS[label]
            text = f"{nostop(text)} {r.choice(pool)}"
            if r.random() < 0.3:
                text += f" {r.choice(TAGS[label])}"
        if r.random() < 0.25:
            text = low(text)
    elif channel == "review" and r.random() < 0.15 and label != "neu":
        title = r.choice(NEG_TITLES if label == "neg" else POS_TITLES)
        text = f"{title}\n{text}"
    return text


def pick_channel(r: random.Random, weights: tuple[float, float, float]) -> str:
    return r.choices(["review", "ticket", "social"], weights=weights)[0]


# --------------------------------------------------------------------------------------------
# Frames. Each returns (text, channel); wrap() is applied by the caller.
# --------------------------------------------------------------------------------------------

Gen = Callable[[Ctx], tuple[str, str]]


def typo(text: str, r: random.Random) -> str:
    """Inject realistic keyboard and chat-speak errors (deterministic given ``r``)."""
    words = text.split(" ")
    idx = [i for i, w in enumerate(words) if w.lower().strip(".,:;!?") in TYPO_WORDS]
    r.shuffle(idx)
    changed = 0
    for i in idx[: r.choice([1, 2, 3, 3])]:
        w = words[i]
        core = w.lower().strip(".,:;!?")
        rep = r.choice(TYPO_WORDS[core])
        words[i] = w.lower().replace(core, rep, 1)
        changed += 1
    long_ix = [i for i, w in enumerate(words) if len(w) > 6 and w.isalpha()]
    if long_ix and (changed < 2 or r.random() < 0.5):
        i = r.choice(long_ix)
        w = words[i]
        j = r.randrange(1, len(w) - 2)
        words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
    out = " ".join(words)
    if r.random() < 0.4:
        out = out.translate(str.maketrans("àèìòù", "aeiou"))
    if r.random() < 0.5:
        out = out.lower()
    if r.random() < 0.4:
        out = out.rstrip(".")
    if r.random() < 0.2:
        out = out.replace(", ", ",", 1)
    return out


def emojify(text: str, label: str, r: random.Random) -> str:
    """Decorate a text with emoji of its polarity, the way people do on social media."""
    pool = EMO[label]
    k = r.choice([1, 1, 2, 3])
    run = "".join(r.choice(pool) for _ in range(k))
    mode = r.random()
    if mode < 0.45:
        return f"{nostop(text)} {run}"
    if mode < 0.65:
        return f"{run} {text}"
    if mode < 0.85 and ", " in text:
        head, tail = text.split(", ", 1)
        return f"{head} {r.choice(pool)} {tail} {r.choice(pool)}"
    return f"{nostop(text)}{run}"

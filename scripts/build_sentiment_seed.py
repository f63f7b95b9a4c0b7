"""Build ``models/data/sentiment_seed.csv`` deterministically from hand-written Italian fragments.

Every sentence and fragment was written for the project (no third-party or customer text); they
are data files in ``scripts/seed_sentences/``, composed by the package ``scripts/sentiment_seed/``.
The output mixes

* several hundred fully hand-written standalone examples (``seed_sentences/seed_handwritten.txt``), and
* compositions of hand-written, sector-specific fragments (facts, requests, statements, openers,
  closers) through many different frames, so that vocabulary, syntax and length vary.

Columns: ``text,label,sector,channel,phenomenon``; labels ``negativo|neutro|positivo``.

Labelling policy (why): the seed trains a CX model, so a text carrying a serious complaint is
``negativo`` even when it also praises something ("prodotto ottimo ma assistenza pessima");
``neutro`` means requests, questions and information, never a weak positive; sarcasm is
labelled by its intended (negative) meaning.

Run: ``python scripts/build_sentiment_seed.py`` (same output every time, seed 7).
"""

from __future__ import annotations

import csv
import random
import re
import sys
from collections.abc import Callable
from pathlib import Path

# The sibling package sentiment_seed/ must import however this file is loaded (as a script,
# or by path from the tests).
sys.path.insert(0, str(Path(__file__).resolve().parent))

from sentiment_seed.data import HANDWRITTEN, SECTORS, SHORT
from sentiment_seed.judgements import judge, product_review, public_tweet
from sentiment_seed.opinion import (
    mixed_neg,
    mixed_neu,
    mixed_pos,
    negation_neg,
    negation_neu,
    negation_pos,
    plain_neg,
    plain_pos,
    sarcasm,
)
from sentiment_seed.registers import (
    dialect,
    info,
    long_mixed_neg,
    long_text,
    polite,
    question,
    request,
    slang_neg,
    slang_neu,
    slang_pos,
    thanks,
)
from sentiment_seed.text import Ctx, cap, emojify, typo, wrap

SEED = 7
OUT = Path(__file__).resolve().parents[1] / "models" / "data" / "sentiment_seed.csv"

LABELS = {"neg": "negativo", "neu": "neutro", "pos": "positivo"}
SECTOR_CODES = {
    "tel": "telco",
    "ene": "energia",
    "ban": "banca",
    "ass": "assicurazioni",
    "eco": "ecommerce",
    "con": "consegne",
    "via": "viaggi",
    "pa": "pubblica_amministrazione",
}
CHANNEL_CODES = {"r": "review", "t": "ticket", "s": "social"}

Row = tuple[str, str, str, str, str]  # text, label, sector, channel, phenomenon


def key(text: str) -> str:
    """Deduplication key: case- and whitespace-insensitive."""
    return re.sub(r"\s+", " ", text.strip().casefold())


def parse_handwritten() -> list[Row]:
    rows: list[Row] = []
    for line in HANDWRITTEN.strip().splitlines():
        lab, sec, ch, phen, text = line.split("|", 4)
        rows.append(
            (text.replace("\\n", "\n"), LABELS[lab], SECTOR_CODES[sec], CHANNEL_CODES[ch], phen)
        )
    return rows


def short_pool(label: str) -> list[str]:
    """Very short texts: the shared list plus sector nominals with a few punctuations."""
    return list(SHORT[label])


def sector_shorts(cx: Ctx, label: str) -> str:
    r = cx.r
    if label == "pos":
        return cap(cx.c("posn")) + r.choice(["!", ".", " 👍", "", "!!", " 🔝", " ✅"])
    return cap(cx.c("negn")) + r.choice(["!", ".", " 👎", "...", "!!!", " 😡", ""])


# (phenomenon, label, count, maker, wrap?) — counts tuned for class balance.
def plan() -> list[tuple[str, str, int, Callable[[Ctx], tuple[str, str]], bool]]:
    return [
        ("plain", "neg", 240, plain_neg, True),
        ("plain", "pos", 250, plain_pos, True),
        ("negation", "pos", 170, negation_pos, True),
        ("negation", "neg", 150, negation_neg, True),
        ("negation", "neu", 30, negation_neu, True),
        ("sarcasm", "neg", 130, sarcasm, True),
        ("mixed", "neg", 150, mixed_neg, True),
        ("mixed", "pos", 95, mixed_pos, True),
        ("mixed", "neu", 30, mixed_neu, False),
        ("question", "neu", 380, question, False),
        ("request", "neu", 160, request, False),
        ("info", "neu", 380, info, False),
        ("polite_complaint", "neg", 130, polite, False),
        ("slang", "neg", 85, slang_neg, False),
        ("slang", "pos", 85, slang_pos, False),
        ("slang", "neu", 30, slang_neu, False),
        ("thanks", "pos", 130, thanks, False),
        ("dialect", "neg", 40, lambda cx: dialect(cx, "neg"), False),
        ("dialect", "pos", 40, lambda cx: dialect(cx, "pos"), False),
        ("dialect", "neu", 12, lambda cx: dialect(cx, "neu"), False),
        ("long", "neg", 45, lambda cx: long_text(cx, "neg"), False),
        ("long", "pos", 55, lambda cx: long_text(cx, "pos"), False),
        ("long", "neu", 35, lambda cx: long_text(cx, "neu"), False),
        ("long", "neg", 30, long_mixed_neg, False),
        ("plain", "pos", 140, lambda cx: judge(cx, "pos"), True),
        ("plain", "neg", 60, lambda cx: judge(cx, "neg"), True),
    ]


# Frames bound to one sector: product reviews are e-commerce, public topics are PA.
def plan_fixed() -> list[tuple[str, str, int, Callable[[Ctx], tuple[str, str]], str]]:
    return [
        ("plain", "pos", 110, lambda cx: product_review(cx, "pos"), "ecommerce"),
        ("plain", "neg", 50, lambda cx: product_review(cx, "neg"), "ecommerce"),
        ("plain", "pos", 35, lambda cx: public_tweet(cx, "pos"), "pubblica_amministrazione"),
        ("plain", "neg", 35, lambda cx: public_tweet(cx, "neg"), "pubblica_amministrazione"),
        ("info", "neu", 30, lambda cx: public_tweet(cx, "neu"), "pubblica_amministrazione"),
    ]


def build() -> list[Row]:
    r = random.Random(SEED)
    rows = parse_handwritten()
    seen = {key(t) for t, *_ in rows}

    def add(text: str, label: str, sector: str, channel: str, phen: str) -> bool:
        text = re.sub(r"[ \t]+", " ", text).strip()
        text = re.sub(r" ([.,:;!?])(?=\s|$)", r"\1", text)
        k = key(text)
        if k in seen or not text.strip():
            return False
        seen.add(k)
        rows.append((text, LABELS[label], sector, channel, phen))
        return True

    def run(
        phen: str,
        label: str,
        n: int,
        make: Callable[[Ctx], tuple[str, str]],
        dress: bool,
        post: Callable[[str, str, random.Random], str] | None = None,
        only: str | None = None,
    ) -> None:
        got, tries = 0, 0
        while got < n and tries < n * 40:
            sector = only or SECTORS[tries % len(SECTORS)]
            tries += 1
            cx = Ctx(r, sector)
            text, channel = make(cx)
            if dress:
                text = wrap(text, label, channel, cx)
            if post is not None:
                text = post(text, label, r)
            got += add(text, label, sector, channel, phen)

    for phen, label, n, make, dress in plan():
        run(phen, label, n, make, dress)
    for phen, label, n, make, sector in plan_fixed():
        run(phen, label, n, make, False, only=sector)

    # Typos and emoji are surface variants of other phenomena (labels carry over).
    def typo_post(text: str, label: str, rr: random.Random) -> str:
        return typo(text, rr)

    def emoji_post(text: str, label: str, rr: random.Random) -> str:
        return emojify(text, label, rr)

    run("typo", "neg", 55, plain_neg, False, typo_post)
    run("typo", "neg", 40, negation_neg, False, typo_post)
    run("typo", "pos", 50, plain_pos, False, typo_post)
    run("typo", "pos", 30, negation_pos, False, typo_post)
    run("typo", "neu", 50, question, False, typo_post)
    run("typo", "neu", 15, info, False, typo_post)
    run("emoji", "neg", 50, plain_neg, False, emoji_post)
    run("emoji", "neg", 30, mixed_neg, False, emoji_post)
    run("emoji", "pos", 80, plain_pos, False, emoji_post)
    run("emoji", "pos", 20, negation_pos, False, emoji_post)
    run("emoji", "neu", 30, question, False, emoji_post)
    run("emoji", "neu", 15, info, False, emoji_post)

    # Very short texts: shared lists spread over sectors, plus sector nominals.
    for label in ("pos", "neg", "neu"):
        for i, text in enumerate(short_pool(label)):
            sector = SECTORS[(i * 3 + len(label)) % len(SECTORS)]
            channel = r.choice(
                ["review", "social", "ticket"] if label == "neu" else ["review", "social", "social"]
            )
            add(text, label, sector, channel, "short")
    for label in ("pos", "neg"):
        got, tries = 0, 0
        while got < 60 and tries < 2000:
            sector = SECTORS[tries % len(SECTORS)]
            tries += 1
            got += add(
                sector_shorts(Ctx(r, sector), label),
                label,
                sector,
                r.choice(["review", "social"]),
                "short",
            )

    r.shuffle(rows)
    return rows


def main() -> None:
    rows = build()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["text", "label", "sector", "channel", "phenomenon"])
        w.writerows(rows)
    print(f"wrote {len(rows)} rows to {OUT}")


if __name__ == "__main__":
    main()

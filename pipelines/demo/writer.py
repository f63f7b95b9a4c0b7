"""Rendering of bank fragments into finished texts, and the roughening that makes them look typed.

Roughening means typos, dropped accents, abbreviations, casing, punctuation noise and emoji,
so that no two documents share a template verbatim.
"""

from __future__ import annotations

import random
import re
import unicodedata

from pipelines.demo.corpus import load_banks
from pipelines.demo.filler import Filler

__all__ = ["ABBREV", "EMOJI", "HASHTAGS", "Writer"]

ABBREV = {
    "non": ("nn",), "perché": ("xké", "xché", "perchè", "xke"), "comunque": ("cmq",),
    "per": ("x",), "che": ("ke",), "tutto": ("tt",), "niente": ("nnt",), "qualcosa": ("qlcs",),
    "messaggio": ("msg",), "grazie": ("grz",), "anche": ("anke",), "questo": ("qst",),
    "troppo": ("trp",), "più": ("+",),
}  # fmt: skip

EMOJI = {
    "neg": ("😡", "😤", "🤬", "🙄", "😒", "😠", "👎", "💸", "🤡", "😩", "😭", "🤦‍♂️", "🤦‍♀️"),
    "pos": ("👍", "😊", "🙏", "💚", "👏", "😍", "✨", "🔝", "💪"),
    "neu": ("🤔", "🙂", "❓"),
}
HASHTAGS = ("#Lumenia", "#MyLumenia", "#disservizio", "#assistenzaclienti", "#consumatori")
_NEIGHBOURS = {"a": "sq", "e": "wr", "i": "uo", "o": "ip", "n": "bm", "r": "et", "t": "ry",
               "s": "ad", "l": "kò", "c": "xv", "m": "n", "u": "yi", "d": "sf"}  # fmt: skip
_CHOICE_RE = re.compile(r"\[([^\[\]]*)\]")
_SLOT_RE = re.compile(r"\{(\w+)\}")
_WORD_RE = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


class Writer:
    """Renders bank fragments and roughens finished texts."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.banks = load_banks()
        self.last_template = ""
        self._calm = {
            k: tuple(f for f in v if not f.startswith("!")) for k, v in self.banks.items()
        }
        groups = [g.split("|") for line in self.banks["para"] for g in line.split(" ; ")]
        self._para = {p: g for g in groups for p in g}
        alts = "|".join(map(re.escape, sorted(self._para, key=len, reverse=True)))
        self._para_re = re.compile(rf"(?<!\w)({alts})(?!\w)", re.IGNORECASE)

    def paraphrase(self, text: str) -> str:
        """Swap stock phrases for equivalents so shared fragments do not share every 3-gram."""

        def swap(m: re.Match[str]) -> str:
            old = m.group(0)
            if self.rng.random() < 0.4:
                return old
            new = self.rng.choice(self._para[old.lower()])
            return new[0].upper() + new[1:] if old[0].isupper() else new

        return self._para_re.sub(swap, text)

    def expand(self, tpl: str, fill: Filler) -> str:
        """Resolve ``[a|b]`` choices (innermost first) and ``{slot}`` values in one template."""
        rng = self.rng
        prev = None
        while prev != tpl:
            prev, tpl = tpl, _CHOICE_RE.sub(lambda m: rng.choice(m.group(1).split("|")), tpl)
        out = _SLOT_RE.sub(lambda m: fill(m.group(1)), tpl)
        out = _CHOICE_RE.sub(lambda m: rng.choice(m.group(1).split("|")), out)  # slot-made choices
        return re.sub(r"\s+([,.;:!?])(?=\s|$)", r"\1", re.sub(r"\s{2,}", " ", out)).strip()

    def frag(self, bank: str, fill: Filler, calm: bool = False) -> str:
        """Render one random fragment of ``bank``; ``calm`` skips ``!`` (intent-to-leave) ones."""
        options = self._calm[bank] if calm else self.banks[bank]
        self.last_template = self.rng.choice(options)  # lets callers avoid saying it twice
        return self.expand(self.last_template.lstrip("!"), fill)

    def finish(self, parts: list[str], sentiment: str) -> str:
        """Paraphrase, capitalise and punctuate sentences, then join them."""
        rng, out = self.rng, []
        for p in parts:
            p = self.paraphrase(p.strip())
            if not p:
                continue
            p = p[0].upper() + p[1:]
            if p[-1] not in ".!?…" and p[-1] not in "🙃🎶🐌🤯🤡👍🙏💚":
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
        n_typos = rng.choice(((0, 0, 0, 1), (0, 0, 1, 1, 2), (0, 1, 1, 2, 3))[level - 1])

        def word(m: re.Match[str]) -> str:
            w = m.group(0)
            low = w.lower()
            if low in ABBREV and rng.random() < p_abbr:
                return rng.choice(ABBREV[low])
            if low[-1] in "àèéìòù" and rng.random() < p_acc:
                base = unicodedata.normalize("NFKD", w[-1])[0]
                return w[:-1] + rng.choice((base, base + "'", base))
            return w

        chunks = text.split(" ")
        n_typos = min(n_typos, 1 + len(chunks) // 10)
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
            text = (
                text.upper()
                if len(text) < 90
                else text + " " + rng.choice(("VERGOGNA", "BASTA", "ASSURDO", "VERGOGNATEVI"))
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

    def emoji(self, sentiment: str, repeat: bool = True) -> str:
        """One emoji matching the sentiment, sometimes repeated (``😡😡😡``)."""
        pool = EMOJI.get(sentiment, EMOJI["neg"] if sentiment == "mixed" else EMOJI["neu"])
        e = self.rng.choice(pool)
        return e * self.rng.choice((1, 1, 1, 2, 3)) if repeat else e

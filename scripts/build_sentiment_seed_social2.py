"""Build ``models/data/sentiment_seed_social2.csv``: social posts about public life.

Every sentence and fragment was written for the project (no third-party or customer text, no real
person's name); they are data files in ``scripts/seed_sentences/`` (``social2_*``). The first seed supplement (``sentiment_seed_extra.csv``) left
politics out; Italian social media is full of it, so this file adds posts on government and
parliament (named only by role: il governo, il ministro, il sindaco, l'opposizione), taxes and the
budget, schools, health care, trains, the town hall, the economy, TV talk shows and football, in
the three classes:

* ``negativo``: criticism, anger, and irony whose intended meaning is negative ("Bravissimi, come
  sempre 👏");
* ``neutro``: news-like statements, announcements, genuine questions (the class a model trained
  on reviews misses most: a headline about a reform is not a complaint about it);
* ``positivo``: praise, relief, pride.

The output mixes several hundred hand-written posts (``social2_neg|pos|neu.txt``, one
``sector|phenomenon|text`` per line) with posts composed from hand-written fragments (:func:`composed`). The fragments are
shared across labels (the same actors and reforms appear in news, praise and criticism) so that
a model has to read the judgement, not the topic. Near-duplicates (word-trigram Jaccard ≥ 0.6)
are dropped, keeping the first occurrence.

Run: ``python scripts/build_sentiment_seed_social2.py`` (same output every time).
"""

from __future__ import annotations

import csv
import random
import re
import sys
from pathlib import Path

# The sibling package sentiment_seed/ must import however this file is loaded (as a script,
# or by path from the tests).
sys.path.insert(0, str(Path(__file__).resolve().parent))

from sentiment_seed.data import load_text, load_yaml

SEED = 2016
OUT = Path(__file__).resolve().parents[1] / "models" / "data" / "sentiment_seed_social2.csv"
COLUMNS = ("text", "label", "sector", "channel", "phenomenon")
NEAR_DUPLICATE = 0.6

Row = tuple[str, str, str, str, str]  # text, label, sector, channel, phenomenon

# Hand-written posts, one ``sector|phenomenon|text`` a line.
HAND_NEG = load_text("social2_neg.txt")
HAND_POS = load_text("social2_pos.txt")
HAND_NEU = load_text("social2_neu.txt")

# Fragments of the composed posts. Frames differ per label *and* share vocabulary across labels
# (the same actors and topics appear in neutral news, praise and criticism), so the label cannot
# be read off the topic or the frame alone.
_F = load_yaml("social2_fragments.yaml")
ACTORS: list[str] = _F["ACTORS"]
TOPICS: list[str] = _F["TOPICS"]
HANDLES: list[str] = _F["HANDLES"]
TAGS: list[str] = _F["TAGS"]
WHEN: list[str] = _F["WHEN"]
N_VERBS: list[str] = _F["N_VERBS"]
V_OBJ: list[str] = _F["V_OBJ"]
N_QUESTIONS: list[str] = _F["N_QUESTIONS"]
N_FRAMES: list[str] = _F["N_FRAMES"]
NEG_JUDGE: list[str] = _F["NEG_JUDGE"]
NEG_CLOSE: list[str] = _F["NEG_CLOSE"]
NEG_ACTS: list[str] = _F["NEG_ACTS"]
BAD_FACTS: list[str] = _F["BAD_FACTS"]
IRON_OPEN: list[str] = _F["IRON_OPEN"]
IRON_CLOSE: list[str] = _F["IRON_CLOSE"]
RHETORICAL: list[str] = _F["RHETORICAL"]
POS_JUDGE: list[str] = _F["POS_JUDGE"]
POS_CLOSE: list[str] = _F["POS_CLOSE"]
POS_ACTS: list[str] = _F["POS_ACTS"]
GOOD_FACTS: list[str] = _F["GOOD_FACTS"]
POS_OPEN: list[str] = _F["POS_OPEN"]
SPORT_ACT: list[str] = _F["SPORT_ACT"]
SPORT_NEU: list[str] = _F["SPORT_NEU"]
SPORT_NEG: list[str] = _F["SPORT_NEG"]
SPORT_NEG_BITS: list[str] = _F["SPORT_NEG_BITS"]
SPORT_POS: list[str] = _F["SPORT_POS"]
SPORT_POS_BITS: list[str] = _F["SPORT_POS_BITS"]
TV_SHOWS: list[str] = _F["TV_SHOWS"]
TV_NEWS: list[str] = _F["TV_NEWS"]
TV_NEU: list[str] = _F["TV_NEU"]
TV_NEG: list[str] = _F["TV_NEG"]
TV_NEG_BITS: list[str] = _F["TV_NEG_BITS"]
TV_POS: list[str] = _F["TV_POS"]
TV_POS_BITS: list[str] = _F["TV_POS_BITS"]

# fmt: off


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _link(rng: random.Random) -> str:
    alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "http://t.co/" + "".join(rng.choice(alphabet) for _ in range(rng.randint(6, 10)))


_CONTRACT = {
    ("de", "il"): "del ", ("de", "la"): "della ", ("de", "l'"): "dell'", ("de", "i"): "dei ",
    ("de", "gli"): "degli ", ("de", "le"): "delle ", ("su", "il"): "sul ", ("su", "la"): "sulla ",
    ("su", "l'"): "sull'", ("su", "i"): "sui ", ("su", "gli"): "sugli ", ("su", "le"): "sulle ",
    ("a", "il"): "al ", ("a", "la"): "alla ", ("a", "l'"): "all'", ("a", "i"): "ai ",
    ("a", "gli"): "agli ", ("a", "le"): "alle ",
}


def _contract(text: str) -> str:
    """Fragments are joined with a bare "de"/"su"/"a" + article: contract to proper Italian."""

    def merge(m: re.Match[str]) -> str:
        out = _CONTRACT[(m.group(1).lower(), m.group(2).strip())]
        return out[:1].upper() + out[1:] if m.group(1)[0].isupper() else out

    return re.sub(r"\b(de|su|a) (il |la |l'|i |gli |le )", merge, text, flags=re.IGNORECASE)


def _noise(text: str, rng: random.Random) -> tuple[str, str | None]:
    """Social-media surface noise; returns (text, phenomenon override or None)."""
    r = rng.random()
    if r < 0.10:
        t = text.lower().replace("è", "e'").replace("perché", "perche").replace(" non ", " nn ")
        t = t.replace(" per ", " x ").replace("che ", "ke ", 1)
        return t, "typo"
    if r < 0.16:
        return text.lower().rstrip("."), "slang"
    if r < 0.24:
        return f"{rng.choice(HANDLES)} {text}", None
    if r < 0.32:
        return f"{text} {rng.choice(TAGS)}", None
    return text, None


def _fill(frame: str, rng: random.Random, **extra: str) -> str:
    actor, topic = rng.choice(ACTORS), rng.choice(TOPICS)
    a2 = rng.choice(ACTORS)
    values = {
        "a": actor, "A": _cap(actor), "t": topic, "T": _cap(topic), "w": rng.choice(WHEN),
        "v": rng.choice(N_VERBS), "v2": rng.choice(V_OBJ), "h": rng.choice(HANDLES), "tag": rng.choice(TAGS), "link": _link(rng),
        "a2": a2,
        "f": rng.choice(BAD_FACTS),
    }
    values.update(extra)
    text = frame.format(**values)
    text = _contract(text)
    return re.sub(r"\s+", " ", text).replace(" .", ".").strip()


def composed(rng: random.Random) -> list[Row]:
    """Posts composed from the fragments above (label, sector and phenomenon per frame)."""
    out: list[Row] = []

    def add(text: str, label: str, sector: str, phen: str, noisy: bool = True) -> None:
        if noisy:
            text, override = _noise(text, rng)
            phen = override or phen
        out.append((text, label, sector, "social", phen))

    for _ in range(120):
        frame = rng.choice(N_FRAMES)
        add(_fill(frame, rng), "neutro", "politica", "info")
    for _ in range(40):
        add(_fill(rng.choice(N_QUESTIONS), rng), "neutro", "politica", "question", noisy=False)
    for _ in range(50):
        t = rng.choice(TOPICS)
        add(f"{_cap(t)} {rng.choice(NEG_JUDGE)}. {rng.choice(NEG_CLOSE)}".strip(), "negativo", "politica", "plain")
    for _ in range(40):
        act = rng.choice(NEG_ACTS).format(t=rng.choice(TOPICS))
        add(_contract(f"{_cap(rng.choice(ACTORS))} {act}. {rng.choice(NEG_CLOSE)}".strip()), "negativo", "politica", "plain")
    for _ in range(50):
        text = f"{rng.choice(IRON_OPEN)} {rng.choice(BAD_FACTS)}. {rng.choice(IRON_CLOSE)}"
        add(text, "negativo", "politica", "sarcasm")
    for _ in range(25):
        add(_fill(rng.choice(RHETORICAL), rng), "negativo", "politica", "question", noisy=False)
    for _ in range(45):
        t = rng.choice(TOPICS)
        add(f"{_cap(t)} {rng.choice(POS_JUDGE)}. {rng.choice(POS_CLOSE)}".strip(), "positivo", "politica", "plain")
    for _ in range(35):
        act = rng.choice(POS_ACTS).format(t=rng.choice(TOPICS))
        add(_contract(f"{_cap(rng.choice(ACTORS))} {act}. {rng.choice(POS_CLOSE)}".strip()), "positivo", "politica", "plain")
    for _ in range(45):
        opener, fact = rng.choice(POS_OPEN), rng.choice(GOOD_FACTS)
        add(f"{opener} {fact}. {rng.choice(POS_CLOSE)}".strip(), "positivo", "politica", "plain")
    for _ in range(45):
        act = rng.choice(SPORT_ACT)
        frame = rng.choice(SPORT_NEU)
        add(frame.format(A=_cap(act), a2=act, tag=rng.choice(["#calcio", "#seriea", "#derby"])), "neutro", "sport", "info")
    for _ in range(35):
        act = rng.choice(SPORT_ACT)
        add(rng.choice(SPORT_NEG).format(A=_cap(act), neg=rng.choice(SPORT_NEG_BITS), close=rng.choice(NEG_CLOSE)).strip(), "negativo", "sport", "plain")
    for _ in range(35):
        act = rng.choice(SPORT_ACT)
        add(rng.choice(SPORT_POS).format(A=_cap(act), pos=rng.choice(SPORT_POS_BITS), close=rng.choice(POS_CLOSE)).strip(), "positivo", "sport", "plain")
    for _ in range(30):
        s = rng.choice(TV_SHOWS)
        s = rng.choice(TV_NEWS)
        add(rng.choice(TV_NEU).format(s=s, S=_cap(s), tag=rng.choice(TAGS)), "neutro", "tv", "info")
    for _ in range(25):
        s = rng.choice(TV_SHOWS)
        add(rng.choice(TV_NEG).format(s=s, S=_cap(s), neg=rng.choice(TV_NEG_BITS), close=rng.choice(NEG_CLOSE)).strip(), "negativo", "tv", "plain")
    for _ in range(25):
        s = rng.choice(TV_SHOWS)
        add(rng.choice(TV_POS).format(s=s, S=_cap(s), pos=rng.choice(TV_POS_BITS), close=rng.choice(POS_CLOSE)).strip(), "positivo", "tv", "plain")
    return out

# fmt: on


def handwritten() -> list[Row]:
    """The hand-written posts, in file order."""
    rows: list[Row] = []
    for label, spec in (("negativo", HAND_NEG), ("positivo", HAND_POS), ("neutro", HAND_NEU)):
        for line in spec.strip().splitlines():
            sector, phenomenon, text = line.split("|", 2)
            rows.append((text.strip(), label, sector, "social", phenomenon))
    return rows


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.casefold())
    if len(words) < 3:
        return {tuple(words)}
    return {tuple(words[i : i + 3]) for i in range(len(words) - 2)}


def deduplicate(rows: list[Row], threshold: float = NEAR_DUPLICATE) -> list[Row]:
    """Drop exact (case/space-folded) and near duplicates, keeping the first occurrence."""
    kept: list[Row] = []
    seen: set[str] = set()
    kept_shingles: list[set[tuple[str, ...]]] = []
    for row in rows:
        key = " ".join(row[0].casefold().split())
        if key in seen:
            continue
        sh = _shingles(row[0])
        if any(len(sh & other) / len(sh | other) >= threshold for other in kept_shingles):
            continue
        seen.add(key)
        kept.append(row)
        kept_shingles.append(sh)
    return kept


def build() -> list[Row]:
    """All rows, deterministic: hand-written first, then the composed ones."""
    rng = random.Random(SEED)
    return deduplicate(handwritten() + composed(rng))


def main() -> None:
    """Write :data:`OUT`."""
    rows = build()
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(COLUMNS)
        writer.writerows(rows)
    print(f"wrote {len(rows)} rows to {OUT}")


if __name__ == "__main__":
    main()

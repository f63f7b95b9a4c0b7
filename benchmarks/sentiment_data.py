"""The evaluation sets of the sentiment benchmark: loaders and seeded, stratified sampling.

Reads the third-party sets in ``../shared/data`` (research-only licences: read here, never copied
into the repository, never used to train a shipped model). Each loader returns the dataset's
labelled rows halved, disjoint by text, into a test part and a tuning/adaptation part, sampled
with the split's seed.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from models.sentiment import stars_to_labels


@dataclass
class Split:
    """One dataset: a test part and (optionally) a disjoint in-domain adaptation part."""

    name: str
    test: pd.DataFrame  # columns text, label
    adapt: pd.DataFrame | None
    note: str


# --------------------------------------------------------------------------- sampling


def stratified_sample(frame: pd.DataFrame, n_max: int, seed: int, floor: int = 150) -> pd.DataFrame:
    """At most ``n_max`` rows, stratified by ``label``.

    Each class keeps its natural share, but at least ``floor`` rows (or all it has), so that the
    rare negative/neutral classes of star-rated data are measured on enough examples.
    """
    if len(frame) <= n_max:
        return frame.sample(frac=1.0, random_state=seed).reset_index(drop=True)
    counts = frame["label"].value_counts()
    want = {lab: min(c, max(floor, round(n_max * c / len(frame)))) for lab, c in counts.items()}
    # Shrink the largest class until the total fits.
    excess = sum(want.values()) - n_max
    if excess > 0:
        biggest = max(want, key=lambda k: want[k])
        want[biggest] -= excess
    parts = [frame[frame["label"] == lab].sample(n=k, random_state=seed) for lab, k in want.items()]
    return pd.concat(parts).sample(frac=1.0, random_state=seed).reset_index(drop=True)


def halves(
    frame: pd.DataFrame, seed: int, test_share: float = 0.5
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Stratified split into (adapt, test), disjoint by text (``test_share`` of the rows test)."""
    from sklearn.model_selection import train_test_split

    adapt, test = train_test_split(
        frame, test_size=test_share, stratify=frame["label"], random_state=seed
    )
    return adapt.reset_index(drop=True), test.reset_index(drop=True)


#: The pool every split of a dataset is drawn from is the same: embeddings are computed once.
POOL_SEED = 0


def pool(frame: pd.DataFrame, n: int) -> pd.DataFrame:
    """A fixed stratified sample of ``n`` rows (all rows when fewer).

    Classes keep their natural share but at least 200 rows when the dataset has them, so that
    the rare 1–2★ class of star-rated data has enough test rows to measure.
    """
    return stratified_sample(frame, n, POOL_SEED, floor=min(200, n // 5))


def _clean(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.assign(text=frame["text"].astype(str).str.split().str.join(" "))
    frame = frame[frame["text"].str.len() > 0]
    return frame.drop_duplicates("text").reset_index(drop=True)


def _halved_split(
    name: str, frame: pd.DataFrame, n_test: int, n_adapt: int, seed: int, description: str
) -> Split:
    """Labelled rows (empty label dropped) halved into disjoint test and adaptation samples.

    The halves are drawn, per split seed, from one fixed pool of the dataset (:func:`pool`).
    """
    rows = pool(frame[frame["label"] != ""], n_test + n_adapt)
    adapt, test = halves(rows, seed, n_test / (n_test + n_adapt))
    return Split(
        name,
        test,
        # The adaptation rows keep the natural class shares: a customer's stars are what they are.
        stratified_sample(adapt, n_adapt, seed, floor=0),
        description,
    )


# --------------------------------------------------------------------------- datasets


def load_amazon(data: Path, n_test: int, n_adapt: int, seed: int) -> Split:
    """Amazon.it product reviews, stars → labels (1–2 negativo, 3 neutro, 4–5 positivo)."""
    folder = data / "amazon_it_scraped_reviews"
    raw = pd.concat(
        [pd.read_csv(p, dtype=str) for p in sorted(folder.glob("reviews*.csv"))], ignore_index=True
    )
    stars = raw["stars"].str.extract(r"^(\d)")[0].astype(float)
    frame = _clean(pd.DataFrame({"text": raw["comment"], "label": stars_to_labels(stars)}))
    return _halved_split("amazon_it", frame, n_test, n_adapt, seed, "Amazon.it reviews, stars")


def load_octopus(data: Path, n_test: int, n_adapt: int, seed: int) -> Split:
    """Octopus Energy Italia Trustpilot reviews (title used when the body is empty)."""
    raw = pd.read_csv(data / "octopus_energy_trustpilot_it" / "Recensioni_OCTOPUS.csv", dtype=str)
    body = raw["Reviewtext"].fillna("").str.strip()
    text = body.where(body.str.len() > 0, raw["Reviewtitle"].fillna(""))
    frame = _clean(
        pd.DataFrame({"text": text, "label": stars_to_labels(raw["STELLE"].astype(float))})
    )
    return _halved_split(
        "octopus_trustpilot",
        frame,
        n_test,
        n_adapt,
        seed,
        "energy utility Trustpilot reviews, stars",
    )


def _sentipolc_labels(frame: pd.DataFrame) -> pd.Series:
    pos, neg = frame["opos"].astype(int), frame["oneg"].astype(int)
    label = np.select([(pos == 1) & (neg == 0), (pos == 0) & (neg == 1), (pos == 0) & (neg == 0)],
                      ["positivo", "negativo", "neutro"], "mixed")  # fmt: skip
    return pd.Series(label, index=frame.index)


def load_sentipolc(data: Path, n_test: int, n_adapt: int, seed: int) -> Split:
    """SENTIPOLC 2016: gold test set for testing, training set for in-domain adaptation."""
    folder = data / "sentipolc2016"
    cols = ["idtwitter", "subj", "opos", "oneg", "iro", "lpos", "lneg", "top", "text"]
    test = pd.read_csv(
        folder / "test_set_sentipolc16_gold2000.csv", header=None, names=cols, dtype=str
    )
    train = pd.read_csv(folder / "training_set_sentipolc16.csv", dtype=str)
    test = _clean(pd.DataFrame({"text": test["text"], "label": _sentipolc_labels(test)}))
    train = _clean(pd.DataFrame({"text": train["text"], "label": _sentipolc_labels(train)}))
    test, train = test[test["label"] != "mixed"], train[train["label"] != "mixed"]
    test, train = pool(test, 3 * n_test // 2), pool(train, n_adapt)
    return Split(
        "sentipolc2016",
        stratified_sample(test, n_test, seed),
        stratified_sample(train, n_adapt, seed, floor=0),
        "political tweets, gold test (mixed dropped); adapt = training set",
    )


def load_multiemotions(data: Path, n_test: int, n_adapt: int, seed: int) -> Split:
    """MultiEmotions-It comments on music videos and brand ads (mixed/unrelated dropped)."""
    raw = pd.read_csv(
        data / "multiemotions_it" / "MultiEmotions-It.tsv", sep="\t", dtype=str,
        quoting=csv.QUOTE_NONE,
    )  # fmt: skip
    flags = raw[["UNRELATED", "NEUT", "POS", "NEG"]].astype(int)
    label = np.select(
        [
            (flags.POS == 1) & (flags.NEG == 0),
            (flags.NEG == 1) & (flags.POS == 0),
            (flags.NEUT == 1),
        ],
        ["positivo", "negativo", "neutro"],
        "",
    )
    frame = _clean(pd.DataFrame({"text": raw["comment"], "label": label}))
    return _halved_split(
        "multiemotions_it", frame, n_test, n_adapt, seed, "YouTube/Facebook comments, polarity"
    )


def load_absita(data: Path, n_test: int, n_adapt: int, seed: int) -> Split:
    """ABSITA 2018 hotel-review sentences: positive/negative from the aspect polarities.

    A sentence whose aspects are all positive is positivo, all negative negativo; mixed and
    aspect-less sentences are dropped (the set has no neutral class: binary only).
    """
    raw = pd.read_csv(data / "absita2018" / "absita_2018_training.csv", sep=";", dtype=str)
    pos = raw.filter(like="_positive").astype(int).sum(axis=1)
    neg = raw.filter(like="_negative").astype(int).sum(axis=1)
    label = np.select(
        [(pos > 0) & (neg == 0), (neg > 0) & (pos == 0)], ["positivo", "negativo"], ""
    )
    frame = _clean(pd.DataFrame({"text": raw["sentence"], "label": label}))
    return _halved_split(
        "absita2018",
        frame,
        n_test,
        n_adapt,
        seed,
        "hotel review sentences, aspect polarity (binary)",
    )


#: Star-rated or polarity-labelled reviews: scored by binary macro-F1 (1–2★ vs 4–5★).
REVIEW_SETS = ("amazon_it", "octopus_trustpilot", "absita2018")
#: Tweets and social comments: scored by 3-class macro-F1.
SOCIAL_SETS = ("sentipolc2016", "multiemotions_it")

LOADERS: dict[str, Callable[[Path, int, int, int], Split]] = {
    "amazon_it": load_amazon,
    "octopus_trustpilot": load_octopus,
    "sentipolc2016": load_sentipolc,
    "multiemotions_it": load_multiemotions,
    "absita2018": load_absita,
}

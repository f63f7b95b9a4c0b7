"""The detection benchmark's parts; ``benchmarks/detection.py`` is the command line.

One module a subcommand: ``scenarios`` (simulated counts), ``churn`` (churn precision@k),
``octopus`` (the Octopus replay), ``planted`` (complaints planted into real streams), ``null``
(re-dated replays), ``demo`` (the demo database against its ground truth). ``streams`` loads
the real streams and replays them through the detector; ``embeddings`` caches their vectors.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "data"  # third-party research data, read in place
CACHE = ROOT / ".cache" / "detection_bench"

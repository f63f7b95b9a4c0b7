"""``voc`` with a fast fake embedder and a fixed clock, for subprocess fault tests and benchmarks.

Usage: ``python tests/hardening/fake_voc.py [voc arguments...]``. Everything else is the real
command line: real storage, real ingest, real sentiment/topic/taxonomy heads on hashing
embeddings (tests/conftest.py ``HashEmbedder``). ``VOC_FAKE_NOW`` (ISO 8601) fixes "now" so two
runs produce identical rows.
"""

from __future__ import annotations

import os
import sys
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def main() -> None:
    """Patch the embedder factory and the clock, then run the real CLI."""
    import models.embeddings
    import voc.cli
    from pipelines import steps
    from tests.conftest import HashEmbedder

    embedder = HashEmbedder()

    def make(*_args: object, **_kwargs: object) -> HashEmbedder:
        return embedder

    models.embeddings.make_embedder = make  # type: ignore[assignment]
    steps.make_embedder = make  # type: ignore[assignment]
    fixed = os.environ.get("VOC_FAKE_NOW")
    if fixed:
        now = datetime.fromisoformat(fixed)
        voc.cli._now = lambda: now  # type: ignore[assignment]
    voc.cli.main()


if __name__ == "__main__":
    main()

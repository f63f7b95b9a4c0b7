"""``voc`` with a fast fake embedder and a fixed clock, for subprocess fault tests and benchmarks.

Usage: ``python tests/hardening/fake_voc.py [voc arguments...]``. Everything else is the real
command line: real storage, real ingest, real sentiment/topic/taxonomy heads on hashing
embeddings (tests/conftest.py ``HashEmbedder``).

Environment:

* ``VOC_FAKE_NOW`` (ISO 8601) fixes "now", so two runs produce identical rows.
* ``VOC_FAULT_TX=N:before`` / ``N:after`` sends SIGKILL to this process inside the N-th storage
  transaction just before its COMMIT, or right after it: a crash at an exact point.
* ``VOC_FAULT_TRACE=FILE`` writes the number of transactions run to FILE at exit.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import signal
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def _install_fault_hooks() -> None:
    from pipelines import store

    fault = os.environ.get("VOC_FAULT_TX", "")
    target, _, phase = fault.partition(":")
    kill_at = int(target) if target else -1
    trace = os.environ.get("VOC_FAULT_TRACE")
    original = store.transaction
    count = [0]

    @contextlib.contextmanager
    def transaction(con: object) -> Iterator[None]:
        count[0] += 1
        n = count[0]
        with original(con):  # type: ignore[arg-type]
            yield
            if n == kill_at and phase == "before":
                os.kill(os.getpid(), signal.SIGKILL)
        if n == kill_at and phase == "after":
            os.kill(os.getpid(), signal.SIGKILL)

    # Every store module that opens transactions holds its own reference to the function:
    # patch them all (and the facade, which the steps use).
    import importlib
    import pkgutil

    store.transaction = transaction  # type: ignore[assignment]
    for info in pkgutil.iter_modules(store.__path__, "pipelines.store."):
        module = importlib.import_module(info.name)
        if getattr(module, "transaction", None) is original:
            module.transaction = transaction  # type: ignore[attr-defined]
    if trace:
        atexit.register(lambda: Path(trace).write_text(str(count[0])))


def main() -> None:
    """Patch the embedder factory and the clock, then run the real CLI."""
    import models.embeddings
    import voc.cli
    from pipelines.steps import embed as embed_step
    from tests.conftest import HashEmbedder

    embedder = HashEmbedder()

    def make(*_args: object, **_kwargs: object) -> HashEmbedder:
        return embedder

    models.embeddings.make_embedder = make  # type: ignore[assignment]
    embed_step.make_embedder = make  # type: ignore[assignment]
    _install_fault_hooks()
    fixed = os.environ.get("VOC_FAKE_NOW")
    if fixed:
        now = datetime.fromisoformat(fixed)
        # Each voc.cli module binds _now from voc.cli.common: patch it where it is used.
        for name, module in list(sys.modules.items()):
            if name.startswith("voc.cli") and hasattr(module, "_now"):
                module._now = lambda: now  # type: ignore[attr-defined]
    voc.cli.main()


if __name__ == "__main__":
    main()

"""What every speed benchmark shares: the fixed clock, settings, timing, the ``voc`` subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

NOW = datetime(2026, 11, 2, 7, 0)  # fixed clock of every step the benchmarks run in-process
GIB = 1024**3
Row = dict[str, Any]


def log(message: str) -> None:
    """Progress line on stderr (the table alone goes to stdout)."""
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def bench_settings(db: Path, **over: Any) -> Any:
    """Default settings for ``db`` (no config file: ``VOC_CONFIG`` points at a missing one)."""
    from pipelines.config import load_settings

    return load_settings(env={"VOC_CONFIG": str(db.parent / "none.toml")}, db=db, **over)


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    """(wall seconds, result) of ``fn()``."""
    start = time.perf_counter()
    out = fn()
    return time.perf_counter() - start, out


def voc_cli(args: Sequence[str], cwd: Path) -> tuple[float, str]:
    """Run ``voc ARGS`` in a subprocess: (wall seconds, start-up included; stdout)."""
    env = dict(os.environ, VOC_CONFIG=str(cwd / "none.toml"), GX_ANALYTICS_ENABLED="false")
    voc = Path(sys.executable).with_name("voc")
    cmd = [str(voc)] if voc.exists() else [sys.executable, "-m", "voc"]
    start = time.perf_counter()
    proc = subprocess.run([*cmd, *args], cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"voc {' '.join(args)} failed: {proc.stderr[-1500:]}")
    return elapsed, proc.stdout

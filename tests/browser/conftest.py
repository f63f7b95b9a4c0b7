"""Shared browser fixtures: one Chromium, a generated demo database, the real CLI as a child.

The demo database is made once per session by the real command line (``voc demo`` on a small
scale) with the hashing embedder of ``tests/hardening/fake_voc.py`` and a fixed clock, then
copied for each story that changes it. Runs, refits and enrichments in the stories go through
the same child process: the app and the pipeline are separate processes, as in production.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.browser import harness

ROOT = Path(__file__).resolve().parents[2]
FAKE_VOC = ROOT / "tests" / "hardening" / "fake_voc.py"
#: The demo's clock: Monday of 2026-W45; its last full week of data is 2026-W43.
DEMO_NOW = datetime(2026, 11, 2, 7, 0)
DEMO_SCALE = "0.08"


def voc_env(workdir: Path, now: datetime, **extra: str) -> dict[str, str]:
    """Environment of a child ``voc``: fixed clock, no user config, this checkout first."""
    env = dict(os.environ)
    env.update(
        VOC_FAKE_NOW=now.isoformat(),
        VOC_CONFIG=str(workdir / "none.toml"),
        GX_ANALYTICS_ENABLED="false",
        PYTHONPATH=str(ROOT),
    )
    env.pop("VOC_UI_TOKEN", None)
    env.update(extra)
    return env


def fake_voc(args: list[str], workdir: Path, now: datetime, timeout: float = 600) -> str:
    """Run the real CLI (hashing embedder, fixed clock) to the end; its output."""
    done = subprocess.run(
        [sys.executable, str(FAKE_VOC), *args],
        cwd=workdir,
        env=voc_env(workdir, now),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert done.returncode == 0, done.stderr[-3000:] + done.stdout[-2000:]
    return done.stdout


def start_fake_voc(args: list[str], workdir: Path, now: datetime) -> subprocess.Popen[str]:
    """Start the real CLI in the background (a scheduled run, say)."""
    return subprocess.Popen(
        [sys.executable, str(FAKE_VOC), *args],
        cwd=workdir,
        env=voc_env(workdir, now),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not harness.find_chromium():
        # Browser tests only run on request (-m browser): a missing browser is a failure.
        pytest.fail("Chromium not found: apt-get install -y chromium")
    with harness.chromium() as chromium:
        yield chromium


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``voc demo`` (small scale) once per session; never modified (copy it first)."""
    root = tmp_path_factory.mktemp("demo-template")
    fake_voc(["demo", "--out", str(root / "demo"), "--scale", DEMO_SCALE], root, DEMO_NOW)
    return root / "demo"


@pytest.fixture
def demo(demo_template: Path, tmp_path: Path) -> Path:
    """A private copy of the demo folder (database, models, data); returns its database."""
    target = tmp_path / "demo"
    shutil.copytree(demo_template, target)
    return target / "voc.duckdb"

"""A workbench app on the UI fixture database, through Starlette's test client."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from pipelines.config import Settings
from tests.fixtures import report_db as fx
from tests.fixtures.ui_db import build_ui_db
from voc.ui.app import create_app
from voc.ui.security import make_guard

BASE = "http://127.0.0.1:8765"
ORIGIN = {"Origin": BASE}


@pytest.fixture(scope="module")
def ui_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_ui_db(tmp_path_factory.mktemp("ui") / "ui.duckdb")


def make_client(db: Path, *, host: str = "127.0.0.1", token: str | None = None) -> TestClient:
    guard = make_guard(host, 8765, token)
    app = create_app(Settings(db=db), guard, clock=lambda: fx.NOW, default_user="tester")
    return TestClient(app, base_url=BASE)


@pytest.fixture
def client(ui_db: Path) -> Iterator[TestClient]:
    with make_client(ui_db) as c:
        yield c


def csrf_of(html: str) -> str:
    """The synchronizer token of a rendered page."""
    match = re.search(r'name="csrf" value="([0-9a-f]+)"', html)
    assert match, "no CSRF field on the page"
    return match.group(1)


@contextmanager
def held_by_another_process(db: Path) -> Iterator[None]:
    """A second process holds the database file open (as a running ``voc run`` does) until the
    block ends."""
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import duckdb, sys; c = duckdb.connect(sys.argv[1]); print('held', flush=True);"
         " sys.stdin.readline()", str(db)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        yield
    finally:
        assert holder.stdin is not None
        holder.stdin.write("\n")
        holder.stdin.close()
        holder.wait(timeout=30)

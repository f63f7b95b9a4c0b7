"""A workbench app on the UI fixture database, through Starlette's test client."""

from __future__ import annotations

import re
from collections.abc import Iterator
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

"""Fixtures of the source tests (the fakes live in ``sources_fakes``)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from sources_fakes import FakeApi, FakeIngest, Sleeps, _Handler, _Server

from pipelines import store
from pipelines.config import Settings


@pytest.fixture
def fake_api() -> Iterator[FakeApi]:
    """A running fake API on 127.0.0.1 (random port)."""
    api = FakeApi()
    server = _Server(("127.0.0.1", 0), _Handler)
    server.api = api
    api.base_url = f"http://127.0.0.1:{server.server_port}"
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
    )
    thread.start()
    try:
        yield api
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def fake_ingest() -> FakeIngest:
    """A recording fake of ``ingest_file``."""
    return FakeIngest()


@pytest.fixture
def settings(tmp_path: Path) -> Iterator[Settings]:
    """Settings on a fresh, migrated database file.

    A connection is held open for the whole test: DuckDB then keeps the database instance alive
    in this process, so the many short connections of the code under test do not each reopen
    and checkpoint the file (pure speed: every write still commits through its own connection).
    """
    db = tmp_path / "voc.duckdb"
    store.connect(db).close()
    keeper = duckdb.connect(str(db))
    try:
        yield Settings(db=db, lock_wait_seconds=0.0)
    finally:
        keeper.close()


@pytest.fixture
def sleeps() -> Sleeps:
    """A fake ``sleep`` that only records."""
    return Sleeps()

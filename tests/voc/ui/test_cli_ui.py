"""``voc ui``: one command, loopback by default, the demo database found, one-line errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import voc.ui.server
from tests.fixtures.ui_db import build_ui_db
from voc.cli import app

runner = CliRunner()


@pytest.fixture
def captured(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    seen: dict[str, Any] = {}

    def fake_serve(settings: Any, **kwargs: Any) -> None:
        seen.update(kwargs, db=settings.db)

    monkeypatch.setattr(voc.ui.server, "serve", fake_serve)
    monkeypatch.delenv("VOC_UI_TOKEN", raising=False)
    return seen


def test_defaults_open_the_demo_database_on_loopback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, captured: dict[str, Any]
) -> None:
    (tmp_path / "voc_demo").mkdir()
    (tmp_path / "voc_demo" / "voc.duckdb").write_bytes(b"")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("VOC_CONFIG", str(tmp_path / "none.toml"))
    result = runner.invoke(app, ["ui", "--no-open"])
    assert result.exit_code == 0, result.output
    assert captured["db"] == Path("voc_demo") / "voc.duckdb"
    assert captured["host"] == "127.0.0.1" and captured["port"] == 8765
    assert captured["token"] is None and captured["open_browser"] is False


def test_token_comes_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, captured: dict[str, Any]
) -> None:
    monkeypatch.setenv("VOC_UI_TOKEN", "x" * 20)
    result = runner.invoke(
        app, ["ui", "--db", str(tmp_path / "a.duckdb"), "--host", "0.0.0.0", "--port", "9000"]
    )
    assert result.exit_code == 0, result.output
    assert captured["token"] == "x" * 20 and captured["port"] == 9000


def _one_line_error(result: Any) -> str:
    lines = [ln for ln in result.output.splitlines() if ln.strip()]
    assert result.exit_code == 2 and len(lines) == 1, result.output
    assert "Traceback" not in result.output
    return lines[0]


def test_missing_database_and_open_bind_are_one_line_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("VOC_UI_TOKEN", raising=False)
    missing = runner.invoke(app, ["ui", "--db", str(tmp_path / "none.duckdb"), "--no-open"])
    assert "voc demo" in _one_line_error(missing)
    assert not (tmp_path / "none.duckdb").exists()
    db = build_ui_db(tmp_path / "ui.duckdb")
    open_bind = runner.invoke(app, ["ui", "--db", str(db), "--host", "0.0.0.0", "--no-open"])
    assert "VOC_UI_TOKEN" in _one_line_error(open_bind)
    monkeypatch.setenv("VOC_UI_TOKEN", "short")
    short = runner.invoke(app, ["ui", "--db", str(db), "--host", "0.0.0.0", "--no-open"])
    assert "too short" in _one_line_error(short)


def test_port_in_use_is_a_one_line_error(tmp_path: Path) -> None:
    db = build_ui_db(tmp_path / "ui.duckdb")
    taken = voc.ui.server.bind("127.0.0.1", 0)
    try:
        port = str(taken.getsockname()[1])
        result = runner.invoke(app, ["ui", "--db", str(db), "--port", port, "--no-open"])
        assert "in use" in _one_line_error(result)
    finally:
        taken.close()

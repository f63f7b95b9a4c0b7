"""``voc topics ...`` and ``voc alerts ...``: the same steps as the app, one line per mistake."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipelines import steps, store
from pipelines.config import Settings
from tests.fixtures.report_db import add_detection_views, build_fixture_db
from voc.cli import app

runner = CliRunner()

COMMANDS = [
    ["topics", "rename"], ["topics", "merge"], ["topics", "split"], ["topics", "hide"],
    ["topics", "unhide"], ["topics", "map"], ["topics", "undo"], ["topics", "list"],
    ["topics", "history"], ["topics", "review"], ["alerts", "ack"], ["alerts", "resolve"],
    ["alerts", "dismiss"], ["alerts", "reopen"], ["alerts", "list"],
]  # fmt: skip


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = build_fixture_db(tmp_path / "voc.duckdb")
    con = store.connect(path)
    add_detection_views(con)
    con.close()
    return path


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_has_an_example(command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert f"Esempio: voc {' '.join(command)}" in result.output


def test_edits_and_triage_from_the_command_line(db: Path) -> None:
    ok = runner.invoke(app, ["topics", "rename", "1", "Doppia fatturazione", "--who", "giulia",
                             "--db", str(db)])  # fmt: skip
    assert ok.exit_code == 0, ok.output
    assert "rinominato in «Doppia fatturazione»" in ok.output
    split = runner.invoke(app, ["topics", "split", "0", "--part", "Ritardi=ritard*",
                                "--part", "Puntuali=puntuale", "--db", str(db)])  # fmt: skip
    assert split.exit_code == 0, split.output
    listed = runner.invoke(app, ["topics", "list", "--db", str(db)], env={"COLUMNS": "200"})
    assert "Doppia fatturazione" in listed.output and "Ritardi" in listed.output
    dismissed = runner.invoke(app, ["alerts", "dismiss", "channel:chat:2026-W08", "--reason",
                                    "manutenzione", "--db", str(db)])  # fmt: skip
    assert dismissed.exit_code == 0, dismissed.output
    settings = Settings(db=db)
    edits = steps.list_edits(settings)
    assert [e["kind"] for e in edits] == ["split", "rename"] and edits[1]["who"] == "giulia"
    assert edits[0]["who"]  # --who defaults to the OS user
    states = {a["alert_id"]: a["triage_state"] for a in steps.list_alerts(settings)}
    assert states["channel:chat:2026-W08"] == "falso allarme"


@pytest.mark.parametrize(
    "args, message",
    [
        (["topics", "rename", "99", "X"], "non esiste"),
        (["topics", "split", "1", "--part", "senza uguale"], "NOME=parola1"),
        (["topics", "merge", "1"], "almeno due"),
        (["alerts", "ack", "topic:1:2026-W10", "--owner", " "], "responsabile"),
        (["alerts", "list", "--state", "chiuso"], "sconosciuto"),
    ],
)
def test_mistakes_are_one_red_line(db: Path, args: list[str], message: str) -> None:
    result = runner.invoke(app, [*args, "--db", str(db)])
    assert result.exit_code == 2, result.output
    assert "Errore:" in result.output and message in result.output
    assert "Traceback" not in result.output

"""``voc label``, ``voc queue export``, ``voc churn list|followup``: one line per mistake."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from tests.fixtures.ui_db import build_ui_db
from voc.cli import app

runner = CliRunner()
COMMANDS = [["label"], ["queue", "export"], ["churn", "list"], ["churn", "followup"]]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return build_ui_db(tmp_path / "voc.duckdb")


def _rows(db: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_has_an_example(command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert f"Esempio: voc {' '.join(command)}" in result.output


def test_label_queue_round_trip_and_follow_up(db: Path, tmp_path: Path) -> None:
    doc = _rows(db, "SELECT doc_id FROM v_documents WHERE sentiment_label = 'positivo'"
                    " ORDER BY doc_id LIMIT 1")[0][0]  # fmt: skip
    ok = runner.invoke(app, ["label", doc, "--sentiment", "negativo", "--churn-intent", "si",
                             "--who", "giulia", "--db", str(db)])  # fmt: skip
    assert ok.exit_code == 0, ok.output
    assert f"Documento {doc}: sentiment = negativo, churn_intent = si" in ok.output
    queue = tmp_path / "coda.csv"
    exported = runner.invoke(app, ["queue", "export", "--n", "5", str(queue), "--db", str(db)])
    assert exported.exit_code == 0 and "5 documenti" in exported.output, exported.output
    with queue.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert doc not in {r["doc_id"] for r in rows}  # already labelled
    for row in rows:
        row["sentiment"] = "neutro"
    with queue.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    imported = runner.invoke(app, ["label", "--from", str(queue), "--db", str(db)])
    assert imported.exit_code == 0 and "5 etichette su 5 documenti" in imported.output
    assert _rows(db, "SELECT source, count(*) FROM labels GROUP BY 1 ORDER BY 1") == [
        ("cli", 2),
        ("csv", 5),
    ]
    listed = runner.invoke(app, ["churn", "list", "--db", str(db)], env={"COLUMNS": "200"})
    assert listed.exit_code == 0 and "Clienti a rischio" in listed.output
    customer = _rows(db, "SELECT customer_id FROM v_churn_risk LIMIT 1")[0][0]
    done = runner.invoke(app, ["churn", "followup", customer, "trattenuto", "--note", "sconto",
                               "--db", str(db)])  # fmt: skip
    assert done.exit_code == 0 and f"Cliente {customer}: trattenuto" in done.output
    assert "trattenuto" in runner.invoke(app, ["churn", "list", "--db", str(db)],
                                         env={"COLUMNS": "200"}).output  # fmt: skip


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["label", "reviews:nope", "--sentiment", "negativo"], "documento sconosciuto"),
        (["label", "reviews:1", "--sentiment", "bene"], "etichetta sconosciuta"),
        (["label"], "indica il documento"),
        (["label", "reviews:1"], "nessuna etichetta"),
        (["label", "--from", "missing.csv"], "non trovato"),
        (["churn", "followup", "C1", "richiamato"], "stato sconosciuto"),
        (["queue", "export", "--n", "0", "x.csv"], "almeno 1"),
    ],
)
def test_mistakes_are_one_red_line(db: Path, args: list[str], message: str) -> None:
    result = runner.invoke(app, [*args, "--db", str(db)])
    assert result.exit_code == 2, result.output
    assert "Errore:" in result.output and message in result.output
    assert "Traceback" not in result.output

from __future__ import annotations

from pathlib import Path

import pandas as pd
from typer.testing import CliRunner

from voc.cli import app

runner = CliRunner()


def test_score_preserves_rows_and_handles_empty_text(tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    pd.DataFrame(
        {
            "id": [1, 2, 3, 4, 5],
            "testo": [
                "Servizio pessimo, voglio disdire il contratto e passare a un altro operatore.",
                "",
                "Consegna veloce e prodotto perfetto, grazie!",
                "Come posso cambiare l'IBAN per l'addebito della bolletta?",
                "The delivery was late and nobody answered.",
            ],
        }
    ).to_csv(src, index=False)
    out = tmp_path / "out.csv"
    result = runner.invoke(
        app, ["score", "--input", str(src), "--output", str(out), "--text-column", "testo"]
    )
    assert result.exit_code == 0, result.output
    scored = pd.read_csv(out, keep_default_na=False)
    assert scored["id"].tolist() == [1, 2, 3, 4, 5]
    assert scored.loc[0, "sentiment_label"] == "negativo"
    assert scored.loc[0, "churn_intent"] in (True, "True")
    assert scored.loc[1, "sentiment_label"] == ""  # empty text → empty outputs
    assert scored.loc[2, "sentiment_label"] == "positivo"
    assert (
        -1
        <= float(scored.loc[0, "sentiment_score"])
        < 0
        < float(scored.loc[2, "sentiment_score"])
        <= 1
    )
    assert scored.loc[4, "language"] == "en" and scored.loc[4, "sentiment_label"] == ""
    assert scored.loc[0, "topic_label"] != ""


def test_missing_text_column_is_one_line_error(tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_text("a,b\n1,2\n")
    result = runner.invoke(app, ["score", "--input", str(src), "--output", str(tmp_path / "o.csv")])
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "in.csv" in lines[0] and "Traceback" not in result.output


def test_ingest_unknown_kind_and_missing_file(tmp_path: Path) -> None:
    db = tmp_path / "v.duckdb"
    result = runner.invoke(app, ["ingest", "emails", str(tmp_path / "x.csv"), "--db", str(db)])
    assert result.exit_code == 2 and "emails" in result.output
    result = runner.invoke(app, ["ingest", "reviews", str(tmp_path / "x.csv"), "--db", str(db)])
    assert result.exit_code == 2 and "not found" in result.output
    folder = tmp_path / "inbox"
    folder.mkdir()
    result = runner.invoke(app, ["ingest", "reviews", str(folder), "--db", str(db)])
    assert result.exit_code == 2 and "is a folder" in result.output and "--inbox" in result.output


def test_insights_bad_week(tmp_path: Path) -> None:
    db = tmp_path / "v.duckdb"
    assert runner.invoke(app, ["init", "--db", str(db)]).exit_code == 0
    result = runner.invoke(app, ["insights", "--week", "2026-53x", "--db", str(db)])
    assert result.exit_code == 2


def test_every_command_has_an_example_in_help() -> None:
    for cmd in (["init"], ["ingest"], ["enrich"], ["insights"], ["run"], ["demo"], ["score"],
                ["models", "list"], ["models", "activate"], ["retrain", "topics"]):  # fmt: skip
        result = runner.invoke(app, [*cmd, "--help"])
        assert result.exit_code == 0 and "Esempio" in result.output, cmd

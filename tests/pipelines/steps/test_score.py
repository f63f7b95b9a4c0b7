"""``voc score`` reads a text as ``voc enrich`` does: the company's own names are no churn target."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from typer.testing import CliRunner

from pipelines import steps
from pipelines.config import Settings
from pipelines.steps import embed as embed_step

ARRIVAL = "Sono passata a Lumenia da qualche mese e me ne sono pentita."
RIVAL = "Se non risolvete passo a Iliad."


@pytest.fixture
def texts(tmp_path: Path, hash_embedder: Any, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(embed_step, "make_embedder", lambda *a, **k: hash_embedder)
    src = tmp_path / "in.csv"
    pd.DataFrame({"text": [ARRIVAL, RIVAL]}).to_csv(src, index=False)
    return src


def test_score_step_passes_company_names_to_the_intent_detector(texts: Path, tmp_path: Path):
    own = steps.score_file(Settings(company_names="Lumenia"), texts, tmp_path / "own.csv")
    plain = steps.score_file(Settings(), texts, tmp_path / "plain.csv")
    assert own["churn_intent"].tolist() == [False, True]  # arriving at Lumenia is no churn
    assert plain["churn_intent"].tolist() == [
        True,
        True,
    ]  # without the setting it reads as a switch
    assert pd.read_csv(tmp_path / "own.csv")["churn_intent"].tolist() == [False, True]


def test_voc_score_honours_company_names_in_voc_toml(texts: Path, tmp_path: Path) -> None:
    from voc.cli import app

    config = tmp_path / "voc.toml"
    config.write_text('[pipeline]\ncompany_names = "Lumenia"\n', encoding="utf-8")
    runner = CliRunner()
    for args, expected in (
        (["--config", str(config)], [False, True]),
        (["--config", str(tmp_path / "empty.toml")], [True, True]),
    ):
        (tmp_path / "empty.toml").write_text("", encoding="utf-8")
        out = tmp_path / "out.csv"
        result = runner.invoke(app, [*args, "score", "--input", str(texts), "--output", str(out)])
        assert result.exit_code == 0, result.output
        assert pd.read_csv(out)["churn_intent"].tolist() == expected

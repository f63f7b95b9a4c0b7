"""Label values and the labels file (pure)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.curation.labels import normalise_value, read_labels_file
from pipelines.errors import VocError


@pytest.mark.parametrize(
    ("field", "raw", "value"),
    [("sentiment", " Negativo ", "negativo"), ("sentiment", "positive", "positivo"),
     ("theme", "007", "7"), ("theme", "Nessuno di questi", "nessuno"),
     ("churn_intent", "Sì", "si"), ("escalation", "no", "no")],
)  # fmt: skip
def test_values_have_one_spelling(field: str, raw: str, value: str) -> None:
    assert normalise_value(field, raw) == value


@pytest.mark.parametrize(
    ("field", "raw", "message"),
    [("sentiment", "", "sentiment: valore vuoto"), ("sentiment", "boh", "etichetta sconosciuta"),
     ("theme", "bollette", "tema sconosciuto"), ("colore", "x", "campo sconosciuto")],
)  # fmt: skip
def test_bad_values_are_one_line_errors(field: str, raw: str, message: str) -> None:
    with pytest.raises(VocError, match=message):
        normalise_value(field, raw)


def test_file_rows_columns_and_errors(tmp_path: Path) -> None:
    good = tmp_path / "l.csv"
    good.write_text(
        "doc_id;testo;sentiment;tema\nreviews:1;ciao;neg;\n\nreviews:2;x;;nessuno\n",
        encoding="utf-8",
    )
    got = [(r.row, r.doc_id, r.field, r.value) for r in read_labels_file(good)]
    assert got == [(2, "reviews:1", "sentiment", "negativo"), (4, "reviews:2", "theme", "nessuno")]
    cases = {
        "doc,sentiment\n1,neg\n": "manca la colonna 'doc_id'",
        "doc_id,testo\n1,x\n": "nessuna colonna di etichette",
        "doc_id,sentiment\n1,neg\n2,\n": "l.csv: riga 3, campo sentiment: valore vuoto",
        "doc_id,sentiment\n1,neg\n2,bene\n": "l.csv: riga 3, campo sentiment: etichetta sconosciuta",
    }
    for text, message in cases.items():
        good.write_text(text, encoding="utf-8")
        with pytest.raises(VocError, match=message):
            read_labels_file(good)
    with pytest.raises(VocError, match="non trovato"):
        read_labels_file(tmp_path / "missing.csv")

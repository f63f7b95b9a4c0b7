"""Survey responses: scores with or without a verbatim, quarantine, mappings, idempotence."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from pipelines import steps, store
from pipelines.config import Settings
from pipelines.ingest.prepare import prepare_file
from pipelines.ingest.readers import load_mapping
from pipelines.ingest.surveys import parse_score

MAPPINGS = Path(__file__).resolve().parents[3] / "pipelines" / "ingest" / "mappings"
NOW = datetime(2026, 3, 10)
QUALTRICS = """ResponseId,RecordedDate,NPS,CSAT,CES,NPS_Comment,ExternalReference,DistributionChannel,Touchpoint,RecipientEmail
R_1,2026-03-02 10:00:00,9,5,6,"Assistenza rapida, grazie! Scrivetemi a mario.rossi@gmail.com",CL-1,email,assistenza,mario.rossi@gmail.com
R_2,2026-03-03 11:00:00,3,2,,,CL-2,email,fatturazione,anna@example.it
R_3,2026-03-03 12:00:00,11,,,troppo alto,CL-3,sms,fatturazione,
R_4,nodate,7,,,,CL-4,sms,,
R_5,2026-03-04 12:00:00,,,,solo testo,CL-5,sms,,
R_6,2026-03-04 12:00:00,10 - Estremamente probabile,,,Ottimo,CL-6,app,attivazione,
"""


@pytest.fixture()
def export(tmp_path: Path) -> Path:
    path = tmp_path / "qualtrics.csv"
    path.write_text(QUALTRICS, encoding="utf-8")
    return path


def test_parse_score() -> None:
    assert parse_score("9", (0, 10)) == (9, True)
    assert parse_score(9.0, (0, 10)) == (9, True)
    assert parse_score("9/10", (0, 10)) == (9, True)
    assert parse_score("4/5", (1, 5)) == (4, True)
    assert parse_score("10 - Estremamente probabile", (0, 10)) == (10, True)
    assert parse_score("", (0, 10)) == (None, True)
    assert parse_score(None, (0, 10)) == (None, True)
    assert parse_score("11", (0, 10)) == (None, False)
    assert parse_score("8/10", (1, 5)) == (None, False)
    assert parse_score(7.5, (0, 10)) == (None, False)
    assert parse_score("molto", (0, 10)) == (None, False)


def test_a_response_without_verbatim_counts_and_is_not_an_error(export: Path) -> None:
    batch = prepare_file(export, "surveys", mapping=load_mapping(MAPPINGS / "qualtrics.yaml"),
                         now=NOW, timezone="Europe/Rome")  # fmt: skip
    responses = batch.responses
    assert responses is not None
    assert responses["response_id"].tolist() == ["surveys:R_1", "surveys:R_2", "surveys:R_6"]
    # R_2 has no comment: a response, not a document, not quarantined.
    assert responses.set_index("response_id").at["surveys:R_2", "nps"] == 3
    assert batch.documents["doc_id"].tolist() == ["surveys:R_1", "surveys:R_6"]
    assert responses["doc_id"].isna().tolist() == [False, True, False]
    # Redacted before storage; the recipient e-mail column is not mapped at all.
    assert "[EMAIL]" in batch.documents.at[0, "text"]
    assert "mario.rossi" not in batch.quarantine["raw"].str.cat()
    q = batch.quarantine.set_index("source_row")
    assert q.at[3, "field"] == "nps" and "0 to 10" in q.at[3, "reason"]
    assert q.at[4, "field"] == "created_at"
    assert q.at[5, "field"] == "nps, csat, ces"
    # Local time (Europe/Rome, winter) stored as UTC; labels normalised.
    assert responses.at[0, "created_at"] == datetime(2026, 3, 2, 9, 0)
    assert responses["survey"].unique().tolist() == ["Qualtrics"]
    assert responses["touchpoint"].tolist() == ["assistenza", "fatturazione", "attivazione"]
    stats = batch.stats
    assert stats["rows_read"] == stats["responses"] + stats["quarantined"]


@pytest.mark.parametrize("name", ["qualtrics", "surveymonkey", "typeform", "google_forms"])
def test_every_shipped_mapping_loads_and_names_a_score(name: str) -> None:
    mapping = load_mapping(MAPPINGS / f"{name}.yaml")
    assert {"created_at", "nps", "text"} <= set(mapping)
    flat = " ".join(v if isinstance(v, str) else " ".join(v) for v in mapping.values()).lower()
    assert "email" not in flat.replace("distributionchannel", "")  # no personal columns


def test_google_forms_export_without_ids_is_idempotent(tmp_path: Path) -> None:
    path = tmp_path / "risposte.csv"
    path.write_text(
        "Informazioni cronologiche,Da 0 a 10 quanto ci consiglieresti?,Perché hai dato questo voto?\n"
        "02/03/2026 10:15:00,2,Bollette sempre sbagliate\n"
        "02/03/2026 11:00:00,9,\n",
        encoding="utf-8",
    )
    mapping = tmp_path / "m.yaml"
    mapping.write_text(
        "created_at: Informazioni cronologiche\nnps: Da 0 a 10 quanto ci consiglieresti?\n"
        "text: Perché hai dato questo voto?\nchannel: '=google_forms'\n",
        encoding="utf-8",
    )
    settings = Settings(db=tmp_path / "v.duckdb")
    first = steps.ingest_file(settings, "surveys", path, now=NOW, mapping_path=mapping)
    again = steps.ingest_file(settings, "surveys", path, now=NOW, mapping_path=mapping)
    assert (first.responses, first.inserted, first.quarantined) == (2, 1, 0)
    assert (again.responses, again.inserted) == (0, 0)
    with store.connection(settings, read_only=True) as con:
        rows = store.query_df(con, "SELECT * FROM survey_responses ORDER BY nps")
        scores = store.week_scores(con, "2026-W10")
    assert rows["response_id"].str.startswith("surveys:h:").all()
    assert rows["nps"].tolist() == [2, 9]
    assert scores.at[0, "n_responses"] == 2 and scores.at[0, "n_verbatim"] == 1
    assert scores.at[0, "nps"] == 0.0


def test_a_file_without_any_score_column_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text("id,created_at,text\n1,2026-03-02,ciao\n", encoding="utf-8")
    from pipelines.errors import InputFileError

    with pytest.raises(InputFileError, match="nps"):
        prepare_file(path, "surveys", now=NOW)


def test_surveymonkey_excel_export_with_labelled_answers(tmp_path: Path) -> None:
    from openpyxl import Workbook

    question = "Quanto è probabile che consiglieresti la nostra azienda a un amico o a un collega?"
    book = Workbook()
    sheet = book.active
    sheet.append(["Respondent ID", "End Date", question, "Qual è il motivo principale del tuo punteggio?",
                  "Email Address"])  # fmt: skip
    sheet.append([118001.0, datetime(2026, 3, 2, 9, 30), 10, "Attivazione veloce", "a@b.it"])
    sheet.append([118002, datetime(2026, 3, 3, 17, 0), "0 - Per niente probabile", None, "c@d.it"])
    sheet.append([118003, datetime(2026, 3, 4, 8, 0), 12, "Fuori scala", None])
    path = tmp_path / "monkey.xlsx"
    book.save(path)

    batch = prepare_file(path, "surveys", mapping=load_mapping(MAPPINGS / "surveymonkey.yaml"),
                         now=NOW)  # fmt: skip
    responses = batch.responses.sort_values("response_id")
    assert responses["response_id"].tolist() == ["surveys:118001", "surveys:118002"]
    assert responses["nps"].tolist() == [10, 0]  # the labelled answer reads as its number
    assert responses["doc_id"].isna().tolist() == [False, True]  # no verbatim, still counted
    assert responses["survey"].tolist() == ["SurveyMonkey", "SurveyMonkey"]
    assert batch.quarantine["source_row"].tolist() == [4]  # 12 is outside 0-10
    assert "@" not in " ".join(map(str, batch.documents.to_numpy().ravel()))  # e-mail not mapped

"""prepare_file end to end on small inline files: invariant, redaction, tickets, duplicates."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest

from pipelines.errors import InputFileError, VocError
from pipelines.ingest.prepare import COMMENT_COLUMNS, DOCUMENT_COLUMNS, PreparedBatch, prepare_file
from pipelines.ingest.validate import QUARANTINE_COLUMNS

NOW = datetime(2025, 6, 1, 12, 0)
LONG = (
    "Ho ordinato un telefono il mese scorso e non è mai arrivato, il servizio clienti non "
    "risponde alle mail e nessuno mi dice dove sia finito il pacco"
)

REVIEWS_CSV = f"""id;created_at;text;title;rating;channel;customer_id
1;03/03/2025;Ottimo servizio, sono Mario Rossi, richiamatemi al 333 1234567;Bravi;4,5;google;c1
2;31/02/2025;Data impossibile;;4;google;c2
3;2025-03-04T10:00:00Z;"<p>Pessimo&nbsp;servizio</p><script>track()</script>";;★★;trustpilot;anna@example.com
4;2025-03-05;Voto fuori scala;;6;google;c4
5;2030-01-01;Dal futuro;;3;google;c5
6;2025-03-05;;;3;google;c6
1;03/03/2025;Ottimo servizio, sono Mario Rossi, richiamatemi al 333 1234567;Bravi;4,5;google;c1
7;2025-03-06;Versione vecchia;;3;google;c7
7;2025-03-07;Versione nuova;;3;google;c7
8;4 marzo 2025;{LONG};;1;google;c8
9;2 marzo 2025;{LONG}!;;1;sito;c9
10;2025-03-08;Ottimo\x00 prodotto \u200fdavvero;;5 stelle;sito;
11;2025-03-08;una riga rotta;con;troppi;campi;in;più;x
"""

TICKETS = {
    "tickets": [
        {
            "id": 501,
            "requester_id": "u-1",
            "status": "solved",
            "created_at": "2025-03-01T09:00:00Z",
            "updated_at": "2025-03-02T09:00:00Z",
            "subject": "Bolletta doppia",
            "channel": "email",
            "comments": [
                {"id": 1, "author_role": "customer", "created_at": "2025-03-01T09:00:00Z",
                 "body": "Mi avete addebitato due volte la bolletta.\nCordiali saluti\nGiulia Bianchi"},
                {"id": 2, "author_role": "agent", "created_at": "2025-03-01T10:00:00Z",
                 "body": "Gentile cliente, RISPOSTA_AGENTE verifichiamo subito. Marco"},
                {"id": 3, "author_role": "end-user", "created_at": "2025-03-01T11:00:00Z",
                 "body": "Grazie, il mio IBAN è IT60X0542811101000000123456"},
            ],
        },
        {
            "id": 502, "requester_id": "u-2", "status": "open", "created_at": "2025-03-03",
            "subject": "Solo agente", "channel": "web",
            "comments": [{"id": 4, "author_role": "agent", "body": "Ti contattiamo noi."}],
        },
        {
            "id": 503, "requester_id": "u-3", "status": "open", "created_at": "2025-03-03",
            "subject": "Ruolo strano", "channel": "chat",
            "comments": [{"id": 5, "author_role": "robot", "body": "Messaggio automatico"},
                         {"id": 6, "author_role": "customer", "body": "Non funziona la fibra"}],
        },
        {
            "id": 504, "requester_id": "u-4", "status": "archiviato", "created_at": "2025-03-03",
            "subject": "Stato", "channel": "chat",
            "comments": [{"id": 7, "author_role": "customer", "body": "ok"}],
        },
    ]
}  # fmt: skip


def _check_invariant(batch: PreparedBatch) -> None:
    stats = batch.stats
    assert stats["rows_read"] == (
        len(batch.documents)
        + batch.quarantine["source_row"].nunique()
        + stats["identical_duplicates"]
    )
    assert stats["quarantined"] == batch.quarantine["source_row"].nunique()
    assert set(batch.documents["source_row"]).isdisjoint(set(batch.quarantine["source_row"]))
    assert list(batch.documents.columns) == DOCUMENT_COLUMNS
    assert list(batch.comments.columns) == COMMENT_COLUMNS
    assert list(batch.quarantine.columns) == QUARANTINE_COLUMNS
    assert batch.documents["doc_id"].is_unique


def _all_cells(batch: PreparedBatch) -> str:
    parts = []
    for frame in (batch.documents, batch.comments, batch.quarantine):
        parts.append(frame.astype(str).to_csv())
    return "\n".join(parts)


@pytest.fixture(scope="module")
def reviews_batch(tmp_path_factory: pytest.TempPathFactory) -> PreparedBatch:
    path = tmp_path_factory.mktemp("rev") / "reviews.csv"
    path.write_text(REVIEWS_CSV, encoding="utf-8")
    return prepare_file(path, "reviews", now=NOW)


def test_reviews_count_invariant_and_quarantine_reasons(reviews_batch: PreparedBatch) -> None:
    batch = reviews_batch
    _check_invariant(batch)
    assert batch.stats["rows_read"] == 13
    assert batch.stats["identical_duplicates"] == 1
    assert batch.stats["superseded_duplicates"] == 1
    fields = batch.quarantine.set_index("source_row")["field"].to_dict()
    assert fields == {2: "created_at", 4: "rating", 5: "created_at", 6: "text", 8: "id", 13: "row"}
    assert "superseded by row 9" in batch.quarantine.set_index("source_row").loc[8, "reason"]
    docs = batch.documents.set_index("doc_id")
    assert sorted(docs.index) == [
        "reviews:1", "reviews:10", "reviews:3", "reviews:7", "reviews:8", "reviews:9"
    ]  # fmt: skip
    assert docs.loc["reviews:7", "text"] == "Versione nuova"
    assert "superseded_duplicate_id" in docs.loc["reviews:7", "repairs"]


def test_reviews_parsing_and_cleaning(reviews_batch: PreparedBatch) -> None:
    docs = reviews_batch.documents.set_index("doc_id")
    assert docs.loc["reviews:1", "rating"] == 4.5
    assert "rating_comma" in docs.loc["reviews:1", "repairs"]
    assert docs.loc["reviews:1", "created_at"] == pd.Timestamp("2025-03-03")
    assert docs.loc["reviews:3", "text"] == "Pessimo servizio"
    assert docs.loc["reviews:3", "rating"] == 2.0
    assert "html" in docs.loc["reviews:3", "repairs"]
    assert docs.loc["reviews:10", "text"] == "Ottimo prodotto davvero"
    assert {"null_bytes", "invisible_chars", "rating_text"} <= set(
        docs.loc["reviews:10", "repairs"]
    )
    assert docs.loc["reviews:10", "customer_id"] is None
    assert (docs["language"] == "it").all()
    assert docs["text_hash"].str.fullmatch(r"[0-9a-f]{64}").all()
    assert pd.api.types.is_datetime64_any_dtype(docs["created_at"])


def test_reviews_redaction_leaves_no_raw_pii(reviews_batch: PreparedBatch) -> None:
    everything = _all_cells(reviews_batch)
    for secret in ("Mario", "Rossi", "333 1234567", "anna@example.com"):
        assert secret not in everything
    docs = reviews_batch.documents.set_index("doc_id")
    assert (
        docs.loc["reviews:1", "text"] == "Ottimo servizio, sono [NOME], richiamatemi al [TELEFONO]"
    )
    assert docs.loc["reviews:3", "customer_id"].startswith("h:")  # e-mail used as customer id
    assert (
        reviews_batch.stats["redacted_NOME"] >= 1 and reviews_batch.stats["redacted_TELEFONO"] >= 1
    )


def test_near_duplicates_within_batch(reviews_batch: PreparedBatch) -> None:
    docs = reviews_batch.documents.set_index("doc_id")
    assert docs.loc["reviews:8", "duplicate_of"] == "reviews:9"  # 9 was written earlier
    assert bool(docs.loc["reviews:8", "is_duplicate"])
    assert not docs.loc["reviews:9", "is_duplicate"]
    assert reviews_batch.stats["near_duplicates"] == 1


def test_redaction_off_keeps_text(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("id,created_at,text\n1,2025-03-03,sono Mario Rossi\n", encoding="utf-8")
    batch = prepare_file(path, "reviews", now=NOW, redact_pii=False)
    assert batch.documents["text"].item() == "sono Mario Rossi"


def test_tickets_only_customer_text_is_analysed(tmp_path: Path) -> None:
    path = tmp_path / "tickets.json"
    path.write_text(json.dumps(TICKETS), encoding="utf-8")
    batch = prepare_file(path, "tickets", now=NOW)
    _check_invariant(batch)
    assert batch.documents["doc_id"].tolist() == ["tickets:501"]
    doc = batch.documents.iloc[0]
    assert doc["text"].startswith("Bolletta doppia\nMi avete addebitato due volte")
    assert "RISPOSTA_AGENTE" not in doc["text"]
    assert "[IBAN]" in doc["text"] and "Giulia" not in doc["text"]
    assert doc["title"] == "Bolletta doppia"
    assert doc["status"] == "solved" and doc["customer_id"] == "u-1" and doc["channel"] == "email"
    assert doc["updated_at"] == pd.Timestamp("2025-03-02 09:00")
    comments = batch.comments
    assert comments["author_role"].tolist() == ["customer", "agent", "customer"]
    assert comments["comment_idx"].tolist() == [0, 1, 2]
    assert "RISPOSTA_AGENTE" in comments.loc[1, "text"]  # agent replies stored, not scored
    assert "[NOME]" in comments.loc[0, "text"]
    fields = batch.quarantine.set_index("source_row")["field"].to_dict()
    assert fields == {2: "comments", 3: "comments.author_role", 4: "status"}


def test_jsonl_truncated_line_quarantined_with_row_number(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "p1", "platform": "Twitter", "author_id": "@a", "created_at": "2025-03-01T10:00:00Z", "text": "Bolletta assurda 😡"}),
        '{"id": "p2", "platform": "twitter", "text": "tronc',
        json.dumps({"id": "p3", "platform": "facebook", "author_id": "@b", "created_at": "2025-03-02", "text": "Grazie del supporto!"}),
    ]  # fmt: skip
    path = tmp_path / "social.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    batch = prepare_file(path, "social", now=NOW)
    _check_invariant(batch)
    assert batch.documents["doc_id"].tolist() == ["social:p1", "social:p3"]
    assert batch.documents["channel"].tolist() == ["twitter", "facebook"]
    q = batch.quarantine
    assert q["source_row"].tolist() == [2] and q["field"].tolist() == ["row"]
    assert "invalid JSON" in q["reason"].item()
    assert batch.documents["title"].isna().all()


def test_rows_without_id_get_hash_ids_and_identical_copies_collapse(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text(
        "created_at,text\n2025-03-01,Consegna lenta\n2025-03-01,Consegna lenta\n2025-03-02,Bene\n",
        encoding="utf-8",
    )
    batch = prepare_file(path, "review", now=NOW)
    _check_invariant(batch)
    assert len(batch.documents) == 2
    assert batch.documents["doc_id"].str.fullmatch(r"reviews:h:[0-9a-f]{16}").all()
    assert batch.documents["source_id"].isna().all()
    assert batch.stats["identical_duplicates"] == 1


def test_superseded_version_chosen_by_updated_at(tmp_path: Path) -> None:
    tickets = [
        {"id": 9, "status": "solved", "created_at": "2025-03-01", "updated_at": "2025-03-05",
         "subject": "A", "comments": [{"author_role": "customer", "body": "versione recente"}]},
        {"id": 9, "status": "open", "created_at": "2025-03-01", "updated_at": "2025-03-02",
         "subject": "A", "comments": [{"author_role": "customer", "body": "versione vecchia"}]},
    ]  # fmt: skip
    path = tmp_path / "t.json"
    path.write_text(json.dumps(tickets), encoding="utf-8")
    batch = prepare_file(path, "tickets", now=NOW)
    _check_invariant(batch)
    assert batch.documents["status"].item() == "solved"
    assert batch.quarantine["source_row"].tolist() == [2]


def test_missing_columns_and_unknown_kind(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("id,body\n1,x\n", encoding="utf-8")
    with pytest.raises(InputFileError, match=r"r.csv: no text column"):
        prepare_file(path, "reviews", now=NOW)
    path.write_text("id,text\n1,x\n", encoding="utf-8")
    with pytest.raises(InputFileError, match="no created_at column"):
        prepare_file(path, "reviews", now=NOW)
    with pytest.raises(VocError, match="unknown kind"):
        prepare_file(path, "emails", now=NOW)


def test_mapping_is_applied(tmp_path: Path) -> None:
    path = tmp_path / "g.csv"
    path.write_text(
        "reviewId,review_text,stars,publishedAtDate\ng1,Bello,5,2025-03-01\n", encoding="utf-8"
    )
    mapping = {"id": "reviewId", "text": "review_text", "rating": "stars",
               "created_at": "publishedAtDate", "channel": "=google"}  # fmt: skip
    batch = prepare_file(path, "reviews", mapping=mapping, now=NOW)
    assert batch.documents[["doc_id", "channel", "rating"]].values.tolist() == [
        ["reviews:g1", "google", 5.0]
    ]

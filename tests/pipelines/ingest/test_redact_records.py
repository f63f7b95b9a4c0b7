"""Whole records redacted before staging, with the ingest's own rules: texts and nested comments
redacted, personal ids hashed as the ingest hashes them, structure and clean texts untouched."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from pipelines.ingest.prepare import prepare_file
from pipelines.ingest.redact_records import customer_id_forms, pseudonymise, redact_record

NOW = datetime(2026, 3, 2, 9, 0)


def test_ticket_texts_and_comments_are_redacted_structure_kept() -> None:
    ticket = {
        "id": "T-1",
        "requester_id": "lucia.ferraro@example.it",
        "status": "open",
        "created_at": "2026-02-01T08:00:00Z",
        "updated_at": "2026-02-02T08:00:00Z",
        "solved_at": None,
        "subject": "Rimborso su IT60X0542811101000000123456",
        "channel": "email",
        "comments": [
            {"id": "c1", "author_role": "customer", "created_at": "2026-02-01T08:00:00Z",
             "body": "Buongiorno, sono Lucia Ferraro, passaporto YA7654321"},
            {"id": "c2", "author_role": "agent", "created_at": "2026-02-01T09:00:00Z",
             "body": "Verifichiamo subito."},
        ],
    }  # fmt: skip
    out = redact_record(ticket)
    assert out["subject"] == "Rimborso su [IBAN]"
    assert out["comments"][0]["body"] == "Buongiorno, sono [NOME], passaporto [PASSAPORTO]"
    assert out["comments"][1] == ticket["comments"][1]  # nothing personal: untouched
    assert out["requester_id"] == pseudonymise("lucia.ferraro@example.it")
    assert out["requester_id"].startswith("h:")
    for key in ("id", "status", "created_at", "updated_at", "solved_at", "channel"):
        assert out[key] == ticket[key]
    assert "Ferraro" not in json.dumps(out) and "7654321" not in json.dumps(out)


def test_unknown_fields_are_redacted_and_numeric_phone_ids_hashed() -> None:
    post = {"id": "p1", "author_id": 3331234567, "text": "ok", "extra": {"note": "tel 333 1234567"}}
    out = redact_record(post)
    assert out["author_id"] == pseudonymise("3331234567")
    assert out["extra"] == {"note": "tel [TELEFONO]"}
    assert out["text"] == "ok"
    # A plain customer code is not personal: it stays as it is (and keeps its type).
    assert redact_record({"customer_id": 1001})["customer_id"] == 1001


def test_texts_with_personal_data_are_stored_normalised_others_keep_their_repairs() -> None:
    # HTML around an e-mail: normalised then redacted; clean HTML stays raw for the ingest's
    # repair counts.
    out = redact_record({"text": "<p>scrivete a <b>anna@example.it</b></p>", "title": "<b>Ok</b>"})
    assert out == {"text": "scrivete a [EMAIL]", "title": "<b>Ok</b>"}


def test_pseudonymise_is_idempotent_and_forms_cover_both() -> None:
    hashed = pseudonymise("Lucia.Ferraro@example.it ")
    assert hashed is not None and pseudonymise(hashed) == hashed
    assert pseudonymise("CL-000123") == "CL-000123"
    assert hashed in customer_id_forms("Lucia.Ferraro@example.it ")
    assert "CL-000123" in customer_id_forms("CL-000123")


def test_a_staged_redacted_record_ingests_like_the_raw_one(tmp_path: Path) -> None:
    review = {
        "id": "R-1", "created_at": "2026-02-01T08:00:00Z", "rating": 1, "channel": "trustpilot",
        "customer_id": "giorgio.neri@libero.it", "title": "Pessimo",
        "text": "Sono Giorgio Neri, carta d'identità AX1234567, chiamatemi al 347 123 4567",
    }  # fmt: skip
    raw, staged = tmp_path / "raw.jsonl", tmp_path / "staged.jsonl"
    raw.write_text(json.dumps(review) + "\n", encoding="utf-8")
    staged.write_text(json.dumps(redact_record(review)) + "\n", encoding="utf-8")
    columns = ["doc_id", "customer_id", "title", "text", "text_hash"]
    from_raw = prepare_file(raw, "reviews", now=NOW).documents[columns]
    from_staged = prepare_file(staged, "reviews", now=NOW).documents[columns]
    assert from_raw.to_dict("records") == from_staged.to_dict("records")
    assert "Neri" not in staged.read_text() and "AX1234567" not in staged.read_text()


def test_quarantine_raw_hashes_ids_and_redacts_every_other_string() -> None:
    from pipelines.ingest.redact_records import redact_raw

    raw = {
        "id": "R-9",
        "customer_id": "giorgio.neri@libero.it",
        "created_at": "chiamatemi al 347 123 4567",  # a malformed row: PII in any field
        "text": "Sono Giorgio Neri",
        "extra": [{"requester_id": 3471234567, "note": "a@b.it"}],
    }
    out = redact_raw(raw)
    assert out["customer_id"] == pseudonymise("giorgio.neri@libero.it")
    assert out["created_at"] == "chiamatemi al [TELEFONO]"
    assert out["text"] == "Sono [NOME]"
    assert out["extra"] == [{"requester_id": pseudonymise("3471234567"), "note": "[EMAIL]"}]
    assert out["id"] == "R-9"


def test_churn_outcomes_ids_are_hashed_like_documents(tmp_path: Path) -> None:
    from pipelines.ingest.outcomes import read_outcomes

    path = tmp_path / "outcomes.csv"
    path.write_text(
        "customer_id,churned_at\nGiorgio.Neri@libero.it,2026-01-10\nCL-1,2026-01-11\n",
        encoding="utf-8",
    )
    hashed = read_outcomes(path, redact_pii=True)["customer_id"].tolist()
    assert hashed == [pseudonymise("Giorgio.Neri@libero.it"), "CL-1"]
    assert read_outcomes(path)["customer_id"].tolist() == ["Giorgio.Neri@libero.it", "CL-1"]

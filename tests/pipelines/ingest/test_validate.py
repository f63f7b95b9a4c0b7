"""Great Expectations suites and the quarantine split."""

from __future__ import annotations

import json
from datetime import datetime

import pandas as pd
import pytest

from pipelines.ingest.validate import QUARANTINE_COLUMNS, SUITES, combine_quarantine, validate_frame

NOW = datetime(2025, 6, 1)


def _reviews() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "_row": [1, 2, 3, 4, 5, 6, 7, 8],
            "id": ["a", None, "c", "d", "e", "f", "g", "h"],
            "created_at_parsed": pd.to_datetime(
                [
                    "2025-03-01",
                    "2025-03-01",
                    None,
                    "1999-12-31",
                    "2025-06-05",
                    "2025-03-01",
                    "2025-03-01",
                    "2025-06-01 20:00",  # within the one-day slack
                ],
                format="ISO8601",
            ),
            "text": ["ok", "ok", "ok", "ok", "ok", "", "ok", "ok"],
            "rating": [4.5, None, 3, 3, 3, 3, 6, None],
            "rating_parsed_ok": [True, True, True, True, True, True, True, True],
        }
    )


def test_reviews_suite_splits_rows_with_reasons() -> None:
    valid, quarantine = validate_frame(_reviews(), "reviews", "r.csv", now=NOW)
    assert valid["_row"].tolist() == [1, 8]
    assert list(quarantine.columns) == QUARANTINE_COLUMNS
    by_row = quarantine.set_index("source_row")["field"].to_dict()
    assert by_row == {
        2: "id",
        3: "created_at",
        4: "created_at",
        5: "created_at",
        6: "text",
        7: "rating",
    }
    assert (quarantine["source_file"] == "r.csv").all() and (quarantine["kind"] == "reviews").all()
    assert "between 1 and 5" not in quarantine.loc[quarantine.source_row == 7, "reason"].item()
    assert "outside 1-5" in quarantine.loc[quarantine.source_row == 7, "reason"].item()
    raw = json.loads(quarantine.loc[quarantine.source_row == 6, "raw"].item())
    assert raw["id"] == "f"


def test_without_now_future_dates_pass() -> None:
    valid, _ = validate_frame(_reviews(), "reviews", "r.csv")
    assert 5 in valid["_row"].tolist()


def test_several_failures_on_one_row_make_one_quarantine_row() -> None:
    frame = _reviews().iloc[[0]].assign(text="", rating=0.0, rating_parsed_ok=False)
    _, quarantine = validate_frame(frame, "reviews", "r.csv", now=NOW)
    assert len(quarantine) == 1
    assert quarantine["field"].item() == "text, rating"
    assert "not a number" in quarantine["reason"].item()


def test_optional_columns_may_be_absent_but_required_ones_not() -> None:
    frame = _reviews().drop(columns=["id", "rating", "rating_parsed_ok"])
    valid, quarantine = validate_frame(frame, "reviews", "r.csv", now=NOW)
    assert len(valid) + len(quarantine) == len(frame)
    with pytest.raises(ValueError, match="text"):
        validate_frame(frame.drop(columns=["text"]), "reviews", "r.csv", now=NOW)
    with pytest.raises(KeyError):
        validate_frame(frame, "emails", "r.csv", now=NOW)


def test_ticket_status_and_comment_roles() -> None:
    tickets = pd.DataFrame(
        {
            "_row": [1, 2, 3],
            "created_at_parsed": pd.to_datetime(["2025-03-01"] * 3),
            "customer_text": ["aiuto", "aiuto", ""],
            "status": ["open", "archiviato", "solved"],
        }
    )
    valid, quarantine = validate_frame(tickets, "tickets", "t.json", now=NOW)
    assert valid["_row"].tolist() == [1]
    assert quarantine.set_index("source_row")["field"].to_dict() == {2: "status", 3: "comments"}

    comments = pd.DataFrame({"_row": [1, 1, 2], "author_role": ["customer", "bot", None]})
    _, q_comments = validate_frame(comments, "ticket_comments", "t.json", now=NOW)
    assert q_comments["source_row"].tolist() == [1, 2]
    assert (q_comments["kind"] == "tickets").all()


def test_combine_quarantine_merges_same_row() -> None:
    a = pd.DataFrame(
        [["f", 3, "tickets", "status", "bad status", "{}"]], columns=QUARANTINE_COLUMNS
    )
    b = pd.DataFrame(
        [["f", 3, "tickets", "comments.author_role", "bad role", None]], columns=QUARANTINE_COLUMNS
    )
    merged = combine_quarantine(a, b)
    assert len(merged) == 1
    assert merged["field"].item() == "status, comments.author_role"
    assert merged["reason"].item() == "bad status; bad role"


def test_every_kind_has_a_date_or_role_rule() -> None:
    for kind, rules in SUITES.items():
        assert rules, kind
        assert {r.column for r in rules} & {"created_at_parsed", "author_role"}


@pytest.mark.slow
def test_validate_10k_rows_timing() -> None:
    import time

    validate_frame(_reviews(), "reviews", "r.csv", now=NOW)  # context creation is not timed
    base = _reviews().iloc[[0, 7]]  # two valid rows
    frame = pd.concat([base] * 4500 + [_reviews()] * 125, ignore_index=True)  # 10% failing
    frame["_row"] = range(1, len(frame) + 1)
    start = time.perf_counter()
    valid, quarantine = validate_frame(frame, "reviews", "r.csv", now=NOW, redact_raw=False)
    elapsed = time.perf_counter() - start
    assert len(frame) == 10_000 and len(valid) + len(quarantine) == 10_000
    assert len(quarantine) == 750
    assert elapsed < 10, elapsed

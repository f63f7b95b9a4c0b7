"""Edit requests: checks that need no database, and idempotency keys."""

from __future__ import annotations

from datetime import datetime

import pytest

from pipelines.curation import clean_name, edit_key, parse_split_parts
from pipelines.errors import VocError

AT = datetime(2026, 3, 9, 8)


def test_names_are_one_line_and_bounded() -> None:
    assert clean_name("  Migrazione\n fatturazione ") == "Migrazione fatturazione"
    with pytest.raises(VocError, match="vuoto"):
        clean_name(" \t")
    with pytest.raises(VocError, match="troppo lungo"):
        clean_name("x" * 121)


def test_split_entries_are_documents_of_the_theme_or_keywords() -> None:
    parts = parse_split_parts(
        {"Rimborsi": ["reviews:12", "Rimbors*", "reviews:99"], "Bollette": ["bollett*"]},
        known_docs={"reviews:12"},
    )
    assert [(p.name, p.keywords, p.doc_ids) for p in parts] == [
        ("Rimborsi", ("rimbors*", "reviews:99"), ("reviews:12",)),
        ("Bollette", ("bollett*",), ()),
    ]
    with pytest.raises(VocError, match="due volte"):
        parse_split_parts({"A": ["x1"], "a": ["x2"]}, set())
    with pytest.raises(VocError, match="né parole chiave"):
        parse_split_parts({"A": [" "]}, set())
    with pytest.raises(VocError, match="troppo corta"):
        parse_split_parts({"A": ["b*"]}, set())


def test_the_same_request_has_the_same_key() -> None:
    body = {"kind": "rename", "topic_ids": [3], "name": "X"}
    assert edit_key("theme", body, "giulia", AT) == edit_key("theme", dict(body), "giulia", AT)
    assert edit_key("theme", body, "giulia", AT) != edit_key("theme", body, "marco", AT)

"""Text cleaning, language, dates and ratings."""

from __future__ import annotations

from datetime import datetime

import pytest

from pipelines.ingest.normalize import (
    detect_language,
    normalize_text,
    parse_datetime,
    parse_rating,
    parse_rating_raw,
)


def test_html_is_stripped_and_script_content_dropped() -> None:
    raw = "<p>Servizio&nbsp;<b>pessimo</b> &amp; lento</p><script>alert('x')</script><style>p{}</style>Fine"
    text, repairs = normalize_text(raw)
    assert text == "Servizio pessimo & lento\nFine"
    assert repairs == ["html"]


def test_heart_and_comparisons_are_not_html() -> None:
    assert normalize_text("ti amo <3, prezzo < 10 €") == ("ti amo <3, prezzo < 10 €", [])


def test_null_bytes_and_bidi_marks_are_removed() -> None:
    text, repairs = normalize_text("ciao\x00 mondo\u200f \u202bok\u202c\u200e")
    assert text == "ciao mondo ok"
    assert repairs == ["null_bytes", "invisible_chars"]


def test_mojibake_is_repaired() -> None:
    text, repairs = normalize_text("PerchÃ© la bolletta Ã¨ cosÃ¬ alta?")
    assert text == "Perché la bolletta è così alta?"
    assert "mojibake" in repairs


def test_whitespace_and_paragraphs() -> None:
    text, repairs = normalize_text("  riga  uno\r\n\r\n\r\n\triga\u00a0due  \n")
    assert text == "riga uno\nriga due"
    assert repairs == []


def test_nfc_and_emoji_variation_selectors() -> None:
    text, _ = normalize_text("caffe\u0300 ❤️ 👍🏽 👨\u200d👩\u200d👧")
    assert text == "caff\u00e8 ❤ 👍🏽 👨\u200d👩\u200d👧"  # emoji kept, VS16 dropped, ZWJ kept


def test_none_is_empty() -> None:
    assert normalize_text(None) == ("", [])


def test_detect_language_defaults() -> None:
    texts = [
        "",
        "👍👍🔥",
        "ok grazie",
        "Il servizio clienti non risponde mai e la bolletta è raddoppiata",
        "The delivery was late and nobody answered my emails",
        "El servicio fue muy malo y nadie me respondió",
    ]
    assert detect_language(texts) == ["und", "it", "it", "it", "en", "es"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-03-03T10:00:00Z", datetime(2025, 3, 3, 10, 0)),
        ("2025-03-03T11:00:00+01:00", datetime(2025, 3, 3, 10, 0)),
        ("2025-03-03 10:00", datetime(2025, 3, 3, 10, 0)),
        ("03/03/2025", datetime(2025, 3, 3)),
        ("3/3/2025 14:05", datetime(2025, 3, 3, 14, 5)),
        ("03-03-2025", datetime(2025, 3, 3)),
        ("03.03.2025", datetime(2025, 3, 3)),
        ("3 marzo 2025", datetime(2025, 3, 3)),
        ("3 mar 2025", datetime(2025, 3, 3)),
        ("1° maggio 2024 ore 9:30", datetime(2024, 5, 1, 9, 30)),
        ("lunedì 3 marzo 2025", datetime(2025, 3, 3)),
        ("1741000000", datetime(2025, 3, 3, 11, 6, 40)),
        (1741000000, datetime(2025, 3, 3, 11, 6, 40)),
    ],
)
def test_parse_datetime_formats(value: object, expected: datetime) -> None:
    assert parse_datetime(value) == expected


@pytest.mark.parametrize(
    "value", ["31/02/2025", "30 febbraio 2025", "2025-13-01", "32/01/2025", "n/d", "", None, "ieri"]
)
def test_parse_datetime_rejects_impossible_or_garbage(value: object) -> None:
    assert parse_datetime(value) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("4", (4.0, None)),
        ("4,5", (4.5, "rating_comma")),
        ("4.5", (4.5, None)),
        ("★★★★", (4.0, "rating_stars")),
        ("★★★☆☆", (3.0, "rating_stars")),
        ("4/5", (4.0, "rating_fraction")),
        ("8/10", (4.0, "rating_scaled")),
        ("4 stelle", (4.0, "rating_text")),
        (5, (5.0, None)),
        ("", (None, None)),
        (None, (None, None)),
    ],
)
def test_parse_rating(value: object, expected: tuple) -> None:
    assert parse_rating(value) == expected


@pytest.mark.parametrize("value", [0, "0", 6, "6", "7/5"])
def test_out_of_range_rating_is_not_clipped(value: object) -> None:
    assert parse_rating(value) == (None, "rating_out_of_range")
    number, _ = parse_rating_raw(value)
    assert number is not None and not 1 <= number <= 5


def test_unparseable_rating() -> None:
    assert parse_rating("buono") == (None, "rating_unparseable")

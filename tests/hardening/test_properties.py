"""Property-based tests (hypothesis) on the normaliser, the redactor and the parsers.

Each property is a promise the ingest makes about *any* input, not just the examples we thought
of: no crash, clean output, personal data gone wherever it sits in a text, files read back
exactly as written.
"""

from __future__ import annotations

import csv
import io
import json
import re
import string
import time
import unicodedata
from datetime import datetime, timedelta
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from pipelines.errors import InputFileError
from pipelines.ingest.dedup import find_near_duplicates
from pipelines.ingest.normalize import (
    LANGUAGES,
    detect_language,
    normalize_text,
    parse_datetime,
    parse_rating,
    parse_rating_raw,
)
from pipelines.ingest.readers import looks_binary, read_table
from pipelines.ingest.redact import PLACEHOLDERS, redact

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
REPAIRS = {"null_bytes", "control_chars", "html", "mojibake", "invisible_chars"}
MONTHS = ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
          "settembre", "ottobre", "novembre", "dicembre"]  # fmt: skip
# Ordinary words that are neither names nor redaction cues (no "sono", "via", greetings, and
# no "fattura"/"ordine": a number right after them is an invoice/order id, kept on purpose).
FILLER = ["bolletta", "servizio", "consegna", "pacco", "ritardo", "tecnico", "modem", "fibra", "rimborso", "assistenza", "risposta", "problema", "ancora", "oggi", "settimana", "pagato", "doppio", "prezzo", "app", "lenta", "ottimo", "pessimo", "niente", "mai", "sempre", "quando", "perché", "ma", "e", "o", "anche", "molto", "poco", "il", "la", "un", "una", "di", "da", "con", "per", "su", "tra", "nel", "alla", "dopo", "prima"]  # fmt: skip

any_text = st.text(max_size=400)
MESSY_TOKENS = [
    *"abcèéàòù AEIOU<>&;/\\\"'#0123456789\n\r\t.,!?-",
    *["\x00", "\x1b", "\x85", "\u200b", "\u200e", "\u200f", "\u202e", "\u00a0", "\ufeff"],
    *["&amp;", "&lt;", "<b>", "</p>", "<br>", "<script>", "</script>", "Ã¨", "â€™", "😀"],
    *["❤️", "👨\u200d👩\u200d👧", "e\u0301"],
]
messy_text = st.lists(st.sampled_from(MESSY_TOKENS), max_size=80).map("".join)


# --------------------------------------------------------------------------- normaliser


@SETTINGS
@given(st.one_of(any_text, messy_text))
@example("\x00\x00")
@example("<script>alert(1)</script>")
@example("Perch\u00c3\u00a9 \u200f\u202e")
def test_normalised_text_is_clean(raw: str) -> None:
    text, repairs = normalize_text(raw)
    assert set(repairs) <= REPAIRS and len(set(repairs)) == len(repairs)
    assert text == text.strip()
    assert "\x00" not in text and "\r" not in text
    assert not re.search(r"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", text)
    assert not re.search(r"[\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]", text)
    assert "  " not in text and "\n\n" not in text
    assert unicodedata.is_normalized("NFC", text)
    assert not re.search(r"(?i)<script", text)
    text.encode("utf-8")  # always storable


@SETTINGS
@given(st.text(alphabet=string.ascii_letters + string.digits + " .,!?'-", max_size=300))
def test_plain_text_only_loses_extra_spaces(raw: str) -> None:
    text, repairs = normalize_text(raw)
    assert text == re.sub(" +", " ", raw).strip()
    assert repairs == []


@SETTINGS
@given(st.one_of(any_text, messy_text))
@example("Ü\x1f\x86")  # a control inside mojibake: removing it left a fixable pair behind
def test_normalising_twice_changes_nothing_more_than_once(raw: str) -> None:
    # Entities are unescaped once per call and the result is literal text ("&lt;b&gt;" → "<b>",
    # which a second call would read as markup), so only texts without an ampersand are
    # expected to be fixed points.
    assume("&" not in raw)
    once, _ = normalize_text(raw)
    assert normalize_text(once)[0] == once


@SETTINGS
@given(st.lists(st.one_of(any_text, messy_text), max_size=8))
def test_language_detection_never_fails(texts: list[str]) -> None:
    langs = detect_language([normalize_text(t)[0] for t in texts])
    assert len(langs) == len(texts)
    allowed = set(LANGUAGES) | {"und", "el", "he", "ja", "ko", "hi", "th"}
    assert set(langs) <= allowed


@SETTINGS
@given(st.lists(st.sampled_from(FILLER), min_size=3, max_size=25))
def test_italian_filler_is_italian(words: list[str]) -> None:
    text = " ".join(words)
    assume(
        sum(w in {"di", "perché", "molto", "nel", "alla", "ancora", "sempre"} for w in words) >= 2
    )
    assert detect_language([text]) == ["it"]


# --------------------------------------------------------------------------- redactor


def _digits(n: int) -> st.SearchStrategy[str]:
    return st.text(alphabet=string.digits, min_size=n, max_size=n)


def _luhn_complete(body: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(body + "0")):
        d = int(ch)
        if i % 2 == 1:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return body + str((10 - total % 10) % 10)


emails = st.builds(
    lambda user, dom, tld: f"{user}@{dom}.{tld}",
    st.from_regex(r"[a-z][a-z0-9._]{1,12}[a-z0-9]", fullmatch=True),
    st.from_regex(r"[a-z][a-z0-9-]{1,10}[a-z]", fullmatch=True),
    st.sampled_from(["it", "com", "eu", "net", "org"]),
)
mobiles = st.builds(
    lambda prefix, rest, sep, intl: f"{intl}3{prefix} {rest[:3]}{sep}{rest[3:]}",
    _digits(2), _digits(7), st.sampled_from(["", " ", "-", "."]),
    st.sampled_from(["", "+39 ", "0039 "]),
)  # fmt: skip
landlines = st.builds(
    lambda area, rest, sep: f"0{area}{sep}{rest}",
    st.sampled_from(["2", "6", "11", "55", "81", "461", "51"]), _digits(7),
    st.sampled_from([" ", "/", "-", ""]),
)  # fmt: skip
cards = st.builds(
    lambda first, body, sep: sep.join(
        re.findall(".{1,4}", _luhn_complete(first + body))
    ),
    st.sampled_from(["4", "5"]), _digits(14), st.sampled_from(["", " ", "-"]),
)  # fmt: skip
ibans = st.builds(
    lambda cin, digits, spaced: (lambda v: " ".join(re.findall(".{1,4}", v)) if spaced else v)(
        f"IT{digits[:2]}{cin}{digits[2:]}"
    ),
    st.sampled_from(list("ABCXYZ")), _digits(24), st.booleans(),
)  # fmt: skip
fiscal_codes = st.from_regex(
    r"[A-Z]{6}[0-9]{2}[ABCDEHLMPRST][0-9]{2}[A-Z][0-9]{3}[A-Z]", fullmatch=True
)
_doc_letters = st.from_regex(r"[A-Z]{2}", fullmatch=True)
# Identity documents with the cue a customer writes before them (the redactor needs it for
# these shapes), and the tessera sanitaria's number, which needs none.
id_cards = st.builds(
    lambda cue, letters, digits, sep: f"{cue} {letters}{sep}{digits}",
    st.sampled_from(["carta d'identità", "C.I.", "documento", "carta di identità n."]),
    _doc_letters, _digits(7), st.sampled_from(["", " "]),
)  # fmt: skip
electronic_ids = st.builds(
    lambda letter, digits, tail: f"CIE C{letter}{digits}{tail}",
    st.from_regex(r"[A-Z]", fullmatch=True), _digits(5), _doc_letters,
)  # fmt: skip
passports = st.builds(
    lambda cue, letters, digits: f"{cue} {letters}{digits}",
    st.sampled_from(["passaporto", "Passaporto n.", "passaporto numero"]), _doc_letters, _digits(7),
)  # fmt: skip
licences = st.builds(
    lambda middle, check: f"patente U1{middle}{check}",
    st.from_regex(r"[A-Z][0-9]{4}[A-Z0-9]{2}", fullmatch=True),
    st.from_regex(r"[A-Z]", fullmatch=True),
)  # fmt: skip
health_cards = st.builds(
    lambda digits, sep: sep.join(re.findall(".{1,5}", "80380" + digits)),
    _digits(15), st.sampled_from(["", " ", "-"]),
)  # fmt: skip
pii_values = st.one_of(
    st.tuples(st.just("EMAIL"), emails),
    st.tuples(st.just("TELEFONO"), mobiles),
    st.tuples(st.just("TELEFONO"), landlines),
    st.tuples(st.just("CARTA"), cards),
    st.tuples(st.just("IBAN"), ibans),
    st.tuples(st.just("CODICE_FISCALE"), fiscal_codes),
    st.tuples(st.just("CARTA_IDENTITA"), id_cards),
    st.tuples(st.just("CARTA_IDENTITA"), electronic_ids),
    st.tuples(st.just("PASSAPORTO"), passports),
    st.tuples(st.just("PATENTE"), licences),
    st.tuples(st.just("TESSERA_SANITARIA"), health_cards),
)
filler = st.lists(st.sampled_from(FILLER), max_size=12).map(" ".join)


@SETTINGS
@given(filler, pii_values, filler, st.sampled_from([" ", ", ", ": ", " (", "\n"]))
def test_planted_pii_is_redacted_anywhere(
    before: str, planted: tuple[str, str], after: str, glue: str
) -> None:
    kind, value = planted
    text = normalize_text(f"{before}{glue}{value} {after}")[0]
    redacted, counts = redact(text)
    digits = re.sub(r"\D", "", value)
    if kind == "TELEFONO" and value.startswith(("+39", "0039")):
        digits = digits[2:] if value.startswith("+") else digits[4:]
    assert value not in redacted
    if digits:
        assert digits[-7:] not in re.sub(r"\D", "", redacted)
    assert counts.get(kind, 0) >= 1, (text, redacted, counts)


@SETTINGS
@given(st.one_of(any_text, messy_text, filler))
def test_redaction_is_well_formed(text: str) -> None:
    redacted, counts = redact(text)
    assert set(counts) <= set(PLACEHOLDERS)
    assert all(n > 0 for n in counts.values())
    added = sum(redacted.count(f"[{p}]") - text.count(f"[{p}]") for p in PLACEHOLDERS)
    assert added == sum(counts.values())
    if not counts:
        assert redacted == text


@SETTINGS
@given(filler)
def test_ordinary_words_are_not_redacted(text: str) -> None:
    assert redact(text) == (text, {})


@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.lists(
        st.sampled_from([*"0123456789 .-/+()ABCIT@a", "Via ", "Sig. ", "sono "]),
        min_size=1000,
        max_size=4000,
    ).map("".join)
)
def test_redaction_has_no_catastrophic_backtracking(text: str) -> None:
    start = time.perf_counter()
    redact(text)
    # Milliseconds normally; catastrophic backtracking would take minutes.
    assert time.perf_counter() - start < 20.0


# --------------------------------------------------------------------------- dates, ratings

moments = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2099, 12, 31)).map(
    lambda d: d.replace(second=0, microsecond=0)
)


@SETTINGS
@given(moments, st.integers(0, 6))
def test_every_italian_date_style_parses_back(moment: datetime, style: int) -> None:
    day, month, year = moment.day, moment.month, moment.year
    text = [
        f"{day:02d}/{month:02d}/{year} {moment:%H:%M}",
        f"{day}/{month}/{year}",
        f"{day:02d}-{month:02d}-{year}",
        f"{day:02d}.{month:02d}.{year} {moment:%H.%M}",
        f"{day} {MONTHS[month - 1]} {year} alle {moment:%H:%M}",
        f"{day} {MONTHS[month - 1][:3]} {year}",
        moment.isoformat(),
    ][style]
    expected = moment if style in (0, 3, 4, 6) else moment.replace(hour=0, minute=0)
    assert parse_datetime(text) == expected


@SETTINGS
@given(moments, st.integers(-12, 14))
def test_offsets_become_utc(moment: datetime, hours: int) -> None:
    sign = "+" if hours >= 0 else "-"
    text = f"{moment:%Y-%m-%dT%H:%M:%S}{sign}{abs(hours):02d}:00"
    assert parse_datetime(text) == moment - timedelta(hours=hours)


@SETTINGS
@given(st.one_of(st.text(max_size=60), st.integers(), st.floats(), st.none(), st.booleans()))
def test_date_and_rating_parsers_never_raise(value: object) -> None:
    parsed = parse_datetime(value)
    assert parsed is None or (isinstance(parsed, datetime) and parsed.tzinfo is None)
    number, _note = parse_rating_raw(value)
    assert number is None or isinstance(number, float)
    rating, _ = parse_rating(value)
    assert rating is None or 1.0 <= rating <= 5.0


@SETTINGS
@given(st.integers(10, 50), st.booleans())
def test_comma_and_star_ratings(tenths: int, stars: bool) -> None:
    value = tenths / 10
    if stars:
        n = round(value)
        assume(1 <= n <= 5)
        assert parse_rating("★" * n + "☆" * (5 - n)) == (float(n), "rating_stars")
    else:
        raw = f"{value:.1f}".replace(".", ",")
        assert parse_rating(raw) == (value, "rating_comma")


# --------------------------------------------------------------------------- readers

cell = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\r"),
    max_size=40,
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(st.tuples(cell, cell), min_size=1, max_size=8),
    st.sampled_from([",", ";", "\t", "|"]),
    st.sampled_from(["\n", "\r\n"]),
    st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]),
)
def test_csv_round_trip(
    tmp_path_factory: object, rows: list[tuple[str, str]], delimiter: str, eol: str, encoding: str
) -> None:
    assume(all(a.strip() or b.strip() for a, b in rows))  # blank records are skipped by design
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator=eol, quoting=csv.QUOTE_ALL)
    writer.writerow(["id", "text"])
    writer.writerows(rows)
    # A file that is mostly control characters is refused as binary (tested on its own).
    assume(not looks_binary(buf.getvalue()))
    path = Path(tmp_path_factory.mktemp("csv")) / "x.csv"  # type: ignore[attr-defined]
    path.write_bytes(buf.getvalue().encode(encoding))
    result = read_table(path)
    assert result.bad_rows == []
    got = list(zip(result.frame["id"], result.frame["text"], strict=True))
    # csv normalises a bare "\r" inside quoted cells only when it is part of the line ending.
    assert got == [(a, b) for a, b in rows]
    assert result.frame["_row"].tolist() == list(range(1, len(rows) + 1))


json_value = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-(10**6), 10**6), cell),
    lambda children: st.one_of(st.lists(children, max_size=3),
                               st.dictionaries(cell, children, max_size=3)),
    max_leaves=10,
)  # fmt: skip


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.dictionaries(st.sampled_from(["id", "text", "x", "y"]), json_value,
                                min_size=1), min_size=1, max_size=6),
       st.lists(st.integers(0, 5), max_size=2))  # fmt: skip
def test_jsonl_every_line_is_read_or_reported(
    tmp_path_factory: object, records: list[dict[str, object]], broken: list[int]
) -> None:
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    for i in broken:
        if i < len(lines):
            lines[i] = lines[i][: max(1, len(lines[i]) // 2)]
    path = Path(tmp_path_factory.mktemp("jsonl")) / "x.jsonl"  # type: ignore[attr-defined]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    try:
        result = read_table(path, text_columns=("text", "id", "x", "y"))
    except InputFileError as exc:
        assert "\n" not in str(exc)
        return
    seen = set(result.frame["_row"].tolist()) | {r for r, _ in result.bad_rows}
    assert seen == set(range(1, len(lines) + 1))


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.binary(max_size=600), st.sampled_from(["csv", "jsonl", "json"]))
def test_arbitrary_bytes_never_crash_the_reader(
    tmp_path_factory: object, data: bytes, fmt: str
) -> None:
    path = Path(tmp_path_factory.mktemp("bin")) / f"x.{fmt}"  # type: ignore[attr-defined]
    path.write_bytes(data)
    try:
        result = read_table(path, text_columns=("text",))
    except InputFileError as exc:
        assert "\n" not in str(exc) and path.name in str(exc)
        return
    assert "text" in result.frame.columns


# --------------------------------------------------------------------------- dedup


@SETTINGS
@given(st.lists(st.sampled_from(FILLER), min_size=14, max_size=40).map(" ".join),
       st.lists(st.sampled_from(FILLER), min_size=14, max_size=40).map(" ".join))  # fmt: skip
def test_a_repost_is_a_duplicate_of_the_earlier_post(text: str, other: str) -> None:
    assume(len(set(text.split()) ^ set(other.split())) > 6)
    frame = pd.DataFrame(
        {
            "doc_id": ["a", "b", "c"],
            "text": [text, text + " !", other],
            "created_at": [datetime(2025, 3, 2), datetime(2025, 3, 1), datetime(2025, 3, 3)],
            "customer_id": ["u1", "u2", "u3"],
        }
    )
    dup = find_near_duplicates(frame, seed=3)
    assert dup["a"] == "b" and dup["b"] is None

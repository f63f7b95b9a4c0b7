"""Readers: formats, encodings, delimiters, bad rows, mappings, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from pipelines.errors import InputFileError, VocError
from pipelines.ingest.readers import ReadResult, infer_format, load_mapping, read_table

MAPPINGS = Path(__file__).resolve().parents[3] / "pipelines" / "ingest" / "mappings"


def _write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def test_csv_keeps_strings_and_numbers_rows(tmp_path: Path) -> None:
    path = _write(tmp_path / "r.csv", "id,text,rating\n007,Ottimo,4\n008,,\n")
    result = read_table(path)
    assert isinstance(result, ReadResult)
    frame = result.frame
    assert frame["id"].tolist() == ["007", "008"]  # no int inference: leading zeros survive
    assert frame["rating"].tolist() == ["4", ""]  # no NaN for empty cells
    assert frame["_row"].tolist() == [1, 2]
    assert result.bad_rows == []


def test_cp1252_csv(tmp_path: Path) -> None:
    path = _write(tmp_path / "r.csv", "id,text\n1,Perché è così caro? 5€\n", "cp1252")
    result = read_table(path)
    assert result.encoding == "cp1252"
    assert result.frame["text"].tolist() == ["Perché è così caro? 5€"]


def test_utf16_bom_tab_csv(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "r.csv", "id\ttext\r\n1\tCaffè ottimo\r\n2\tServizio lento\r\n", "utf-16"
    )
    result = read_table(path)
    assert result.encoding == "utf-16"
    assert result.frame["text"].tolist() == ["Caffè ottimo", "Servizio lento"]


def test_utf8_bom_header_is_clean(tmp_path: Path) -> None:
    path = _write(tmp_path / "r.csv", "\ufeffid,text\n1,ciao\n")
    assert list(read_table(path).frame.columns) == ["id", "text", "_row"]


def test_semicolon_csv_with_quotes_crlf_and_multiline(tmp_path: Path) -> None:
    text = (
        'id;text;rating\r\n1;"Buono; ma caro";4,5\r\n2;"Riga uno\r\nriga due";3\r\n\r\n3;Ok;5\r\n'
    )
    result = read_table(_write(tmp_path / "r.csv", text))
    frame = result.frame
    assert frame["text"].tolist() == ["Buono; ma caro", "Riga uno\r\nriga due", "Ok"]
    assert frame["rating"].tolist() == ["4,5", "3", "5"]
    assert frame["_row"].tolist() == [1, 2, 3]  # blank line not counted


def test_pipe_csv(tmp_path: Path) -> None:
    frame = read_table(_write(tmp_path / "r.csv", "id|text\n1|a, b, c\n2|d\n")).frame
    assert frame["text"].tolist() == ["a, b, c", "d"]


def test_csv_row_with_wrong_field_count_is_a_bad_row(tmp_path: Path) -> None:
    path = _write(tmp_path / "r.csv", "id,text\n1,ok\n2,troppi,campi\n3,ok\n")
    result = read_table(path)
    assert result.frame["_row"].tolist() == [1, 3]
    assert [row for row, _ in result.bad_rows] == [2]
    assert "expected 2 fields" in result.bad_rows[0][1]


def test_jsonl_truncated_line_is_returned_not_raised(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a", "text": "primo"}),
        '{"id": "b", "text": "tronca',
        "",
        json.dumps({"id": "c", "text": "terzo", "n": 5}),
        "[1, 2]",
    ]
    result = read_table(_write(tmp_path / "s.jsonl", "\n".join(lines) + "\n"))
    assert result.frame["id"].tolist() == ["a", "c"]
    assert result.frame["_row"].tolist() == [1, 4]
    assert result.frame["n"].tolist() == [None, "5"]  # scalars become strings
    assert [row for row, _ in result.bad_rows] == [2, 5]
    assert "invalid JSON" in result.bad_rows[0][1]
    assert result.bad_lines[2].startswith('{"id": "b"')


def test_ndjson_extension(tmp_path: Path) -> None:
    path = _write(tmp_path / "s.ndjson", '{"id": 1, "text": "x"}\n')
    assert infer_format(path) == "jsonl"
    assert read_table(path).frame["id"].tolist() == ["1"]


def test_json_list_and_wrapped_object_keep_nested_comments(tmp_path: Path) -> None:
    tickets = [
        {"id": 1, "subject": "Bolletta", "comments": [{"id": 10, "body": "ciao"}]},
        {"id": 2, "subject": "Guasto", "comments": []},
    ]
    for name, payload in (("a.json", tickets), ("b.json", {"count": 2, "tickets": tickets})):
        frame = read_table(
            _write(tmp_path / name, json.dumps(payload)), text_columns=("comments",)
        ).frame
        assert frame["id"].tolist() == ["1", "2"]
        assert frame["comments"].iloc[0] == [{"id": "10", "body": "ciao"}]
        assert frame["_row"].tolist() == [1, 2]


def test_json_file_holding_json_lines(tmp_path: Path) -> None:
    path = _write(tmp_path / "s.json", '{"id": "a", "text": "x"}\n{"id": "b", "text": "y"}\n')
    assert read_table(path).frame["id"].tolist() == ["a", "b"]


def test_parquet_values_become_strings(tmp_path: Path) -> None:
    path = tmp_path / "r.parquet"
    pd.DataFrame(
        {
            "id": [1, 2],
            "text": ["uno", None],
            "rating": [4.5, float("nan")],
            "created_at": pd.to_datetime(["2025-03-03 10:00", "2025-03-04 00:00"]),
        }
    ).to_parquet(path)
    frame = read_table(path).frame
    assert frame["id"].tolist() == ["1", "2"]
    assert frame["text"].tolist() == ["uno", None]
    assert frame["rating"].tolist() == ["4.5", None]
    assert frame["created_at"].iloc[0].startswith("2025-03-03T10:00")
    assert frame["_row"].tolist() == [1, 2]


def test_mapping_renames_and_constants(tmp_path: Path) -> None:
    csv = "Review ID,Review Content,Review Stars,text\nR1,Servizio top,5,ignored\n"
    path = _write(tmp_path / "tp.csv", csv)
    mapping_file = _write(
        tmp_path / "m.yaml",
        "id: Review ID\ntext: Review Content\nrating: Review Stars\nchannel: '=tp'\n",
    )
    mapping = load_mapping(mapping_file)
    frame = read_table(path, mapping=mapping).frame
    assert frame["id"].tolist() == ["R1"]
    assert frame["text"].tolist() == ["Servizio top"]  # the mapped column wins
    assert frame["rating"].tolist() == ["5"]
    assert frame["channel"].tolist() == ["tp"]


def test_json_and_toml_mappings(tmp_path: Path) -> None:
    assert load_mapping(_write(tmp_path / "m.json", '{"text": "body"}')) == {"text": "body"}
    assert load_mapping(_write(tmp_path / "m.toml", 'text = ["body", "content"]\n')) == {
        "text": ["body", "content"]
    }


def test_shipped_mappings_fit_typical_exports(tmp_path: Path) -> None:
    trustpilot = load_mapping(MAPPINGS / "trustpilot.yaml")
    header = "Review Created (UTC),Review ID,Review Title,Review Content,Review Stars,Reviewer Name"
    path = _write(tmp_path / "tp.csv", f"{header}\n2025-03-03 10:00:00,abc,Titolo,Testo,4,Anna B\n")
    frame = read_table(path, mapping=trustpilot).frame
    assert frame.loc[0, "text"] == "Testo"
    assert frame.loc[0, "created_at"] == "2025-03-03 10:00:00"
    assert frame.loc[0, "channel"] == "trustpilot"
    assert "customer_id" not in frame.columns  # reviewer names are not mapped

    google = load_mapping(MAPPINGS / "google_reviews.yaml")
    rows = [{"reviewId": "g1", "review_text": "Bene", "stars": 5, "publishedAtDate": "2025-01-01"}]
    frame = read_table(_write(tmp_path / "g.json", json.dumps(rows)), mapping=google).frame
    assert frame.loc[0, ["id", "text", "rating", "channel"]].tolist() == [
        "g1",
        "Bene",
        "5",
        "google",
    ]


def test_header_case_is_normalised(tmp_path: Path) -> None:
    frame = read_table(_write(tmp_path / "r.csv", "ID,Text,Created_At\n1,x,2025-01-01\n")).frame
    assert {"id", "text", "created_at"} <= set(frame.columns)


def test_missing_text_column_is_a_one_line_error(tmp_path: Path) -> None:
    path = _write(tmp_path / "reviews.csv", "a,b,c\n1,2,3\n")
    with pytest.raises(InputFileError) as info:
        read_table(path)
    message = str(info.value)
    assert isinstance(info.value, VocError)
    assert "\n" not in message
    assert message.startswith("reviews.csv: no text column")
    assert "found: a, b, c" in message and "--mapping" in message


def test_unknown_extension_and_unreadable_json(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="--format"):
        read_table(_write(tmp_path / "r.xls", "x"))
    with pytest.raises(InputFileError, match="not valid JSON"):
        read_table(_write(tmp_path / "r.json", "[{"))
    with pytest.raises(InputFileError, match="not valid"):
        load_mapping(_write(tmp_path / "bad.yaml", "text: [unclosed\n"))


# --------------------------------------------------------------------------- Excel


def _workbook(path: Path, rows: list[list[object]]) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_xlsx_title_line_blank_rows_numbers_and_dates(tmp_path: Path) -> None:
    from datetime import datetime

    path = _workbook(
        tmp_path / "recensioni.xlsx",
        [
            ["Export recensioni marzo"],  # a title line above the header, as exports have
            [],
            ["ID", "Testo", "Stelle", "Data", "Data"],
            [1001.0, "Consegna in ritardo", 2, datetime(2025, 3, 4, 10, 30), "x"],
            [None, None, None, None, None],  # a blank row between blocks
            [1002, "Ottimo", 4.0, "05/03/2025", "y"],
        ],
    )
    assert infer_format(path) == "xlsx"
    frame = read_table(path, mapping={"text": "Testo", "id": "ID"}).frame
    assert frame["id"].tolist() == ["1001", "1002"]  # whole numbers without ".0"
    assert frame["Stelle"].tolist() == ["2", "4"]
    assert frame["Data"].tolist() == ["2025-03-04T10:30:00", "05/03/2025"]
    assert frame["Data_2"].tolist() == ["x", "y"]  # a repeated header keeps both columns
    assert frame["_row"].tolist() == [4, 6]  # the spreadsheet's own row numbers


def test_xlsx_ingests_like_csv(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from pipelines.ingest.prepare import prepare_file

    path = _workbook(
        tmp_path / "reviews.xlsx",
        [
            ["id", "text", "rating", "created_at"],
            ["A1", "Bolletta doppia, nessuno risponde", 1, "2025-03-04"],
            ["A2", "", 5, "2025-03-05"],  # empty text: quarantined, not lost
        ],
    )
    batch = prepare_file(path, "reviews", now=datetime(2025, 4, 1, tzinfo=UTC))
    assert batch.documents["source_id"].tolist() == ["A1"]
    assert batch.documents["rating"].tolist() == [1.0]
    assert batch.quarantine["source_row"].tolist() == [3]


def test_not_an_excel_file_is_one_line_error(tmp_path: Path) -> None:
    path = _write(tmp_path / "finto.xlsx", "id,text\n1,ciao\n")
    with pytest.raises(InputFileError, match=r"finto\.xlsx: cannot read Excel file"):
        read_table(path)


def test_empty_workbook_is_one_line_error(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "vuoto.xlsx", [])
    with pytest.raises(InputFileError, match=r"vuoto\.xlsx: the first worksheet is empty"):
        read_table(path)


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"PK\x03\x04" + bytes(100), "ZIP archive"),
        (b"%PDF-1.7\n" + bytes(range(256)), "PDF document"),
        (b"\xd0\xcf\x11\xe0" + bytes(100), "old Excel"),
        (bytes(range(1, 32)) * 40, "binary content"),
    ],
)
def test_binary_file_given_as_text_is_one_line_error(
    tmp_path: Path, data: bytes, what: str
) -> None:
    with pytest.raises(InputFileError, match=rf"export\.csv: .*{what}"):
        read_table(_write_bytes(tmp_path / "export.csv", data))


def _write_bytes(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_short_files_with_control_characters_are_still_read(tmp_path: Path) -> None:
    # Too short to call binary: a couple of stray control characters are repaired per row.
    path = _write(tmp_path / "x.csv", 'id,text\n"","\x1f\x1f\x08"\n1,ciao\x07\n')
    assert len(read_table(path).frame) == 2

"""Bytes to text for the text formats (CSV, JSON): BOM/UTF-16/UTF-8/cp1252 decoding, and a
clear refusal of binary files given as text.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from pipelines.errors import InputFileError

__all__ = ["decode", "looks_binary", "refuse_binary", "refuse_binary_text"]

# Signatures of files people rename or pick by mistake, with what they probably are.
_MAGIC = (
    (b"PK\x03\x04", "a ZIP archive (an Excel .xlsx workbook? use --format xlsx)"),
    (b"\x1f\x8b", "a gzip archive (decompress it first)"),
    (b"BZh", "a bzip2 archive (decompress it first)"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive (extract it first)"),
    (b"%PDF", "a PDF document"),
    (b"PAR1", "a Parquet file (use --format parquet)"),
    (b"\xd0\xcf\x11\xe0", "an old Excel .xls/Office file (save it as .xlsx or CSV)"),
    (b"SQLite format 3\x00", "a SQLite database"),
)


def refuse_binary(data: bytes, path: Path, fmt: str) -> None:
    """One clear line for a binary file given as text, instead of garbage column names."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputFileError(
                f"{path.name}: this is {what}, not {fmt.upper()} text.", path=str(path)
            )


def looks_binary(text: str) -> bool:
    """Whether decoded text is mostly control characters: bytes that were never text.

    A few control characters are repaired per row (NUL bytes, ANSI escapes, a stray bell); a
    quarter of the first 4,000 characters (in a file of at least 64) is not an export.
    """
    head = text[:4000]
    if len(head) < 64:
        return False
    control = sum(1 for ch in head if ch < " " and ch not in "\t\n\r")
    return control > 0.25 * len(head)


def refuse_binary_text(text: str, path: Path, fmt: str) -> None:
    """Refuse decoded text that :func:`looks_binary` (bytes that were never text)."""
    if looks_binary(text):
        raise InputFileError(
            f"{path.name}: binary content, not {fmt.upper()} text (mostly control characters).",
            path=str(path),
        )


def decode(data: bytes, path: Path) -> tuple[str, str]:
    """Decode bytes: BOMs first, then strict UTF-8, then cp1252 (Excel on Windows)."""
    try:
        if data.startswith(codecs.BOM_UTF8):
            return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace"), "utf-8-sig"
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return data.decode("utf-16"), "utf-16"
        # BOM-less UTF-16 (rare, some Windows tools): ASCII text has a NUL every other byte.
        head = data[:4000]
        if len(head) >= 8 and head[1::2].count(0) > 0.4 * len(head[1::2]):
            return data.decode("utf-16-le"), "utf-16-le"
        if len(head) >= 8 and head[0::2].count(0) > 0.4 * len(head[0::2]):
            return data.decode("utf-16-be"), "utf-16-be"
    except UnicodeDecodeError as exc:
        raise InputFileError(
            f"{path.name}: looks like UTF-16 but cannot be decoded (byte {exc.start}). "
            "Re-export the file as UTF-8.",
            path=str(path),
        ) from exc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; latin-1 maps every byte, so this cannot fail.
        return data.decode("latin-1"), "latin-1"

"""Text, language, date and rating normalisation for Italian customer feedback.

All functions are pure and deterministic. Repairs are reported as short tags (``mojibake``,
``html``, ``null_bytes``, ...) so the documents table can show what was changed without storing
the original text.
"""

from __future__ import annotations

import html
import math
import re
import unicodedata
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import emoji
import ftfy

__all__ = [
    "LANGUAGES",
    "detect_language",
    "normalize_text",
    "parse_datetime",
    "parse_rating",
    "parse_rating_raw",
]

# --------------------------------------------------------------------------- text

_SCRIPT_STYLE = re.compile(r"<(script|style)\b[^>]*>.*?(?:</\1\s*>|\Z)", re.IGNORECASE | re.DOTALL)
_HTML_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
_BLOCK_TAG = re.compile(
    r"<\s*(?:br|/?p|/?div|/?li|/?tr|/?h[1-6]|/?ul|/?ol|/?table|/?blockquote)\b[^<>]*>",
    re.IGNORECASE,
)
# A tag must start with a letter after "<" so "<3" (a heart) or "prezzo < 10" survive.
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9:-]*(?:\s[^<>]*)?/?>")
_ENTITY = re.compile(r"&(?:[a-zA-Z][a-zA-Z0-9]{1,31}|#\d{1,7}|#[xX][0-9a-fA-F]{1,6});")
# C0/C1 control characters except tab/newline/carriage return.
_CONTROL = re.compile(r"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Bidi marks/embeddings/isolates (RLM, LRM, ALM, RLO, ...), zero-width and soft-hyphen chars.
_INVISIBLE = re.compile(
    r"[\u200b\u200c\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\u061c\u00ad\u180e\ufeff]"
)
# Zero-width joiner glues emoji sequences (👨‍👩‍👧) so only drop it next to letters/digits.
_STRAY_ZWJ = re.compile(r"(?<=\w)\u200d|\u200d(?=\w)")
_VARIATION_SELECTORS = re.compile(r"[\ufe0e\ufe0f]")
_UNICODE_SPACES = re.compile(r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x85\x0b\x0c]")
_MULTI_SPACE = re.compile(r" {2,}")
_MULTI_NEWLINE = re.compile(r"\n{2,}")
# UTF-8 read as latin-1/cp1252 leaves a lead character (Â..ô) followed by a continuation
# character (U+0080-U+00BF or its cp1252 stand-in: € ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™
# š › œ ž Ÿ). Texts without such a pair skip ftfy, which costs ~0.2 ms a text.
_MOJIBAKE_HINT = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6"
    "\u2030\u0160\u2039\u0152\u017d\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc"
    "\u2122\u0161\u203a\u0153\u017e\u0178]"
)


def normalize_text(text: str | None) -> tuple[str, list[str]]:
    """Clean one text and report which repairs were needed.

    Steps: drop null bytes and control characters; strip HTML (``<script>``/``<style>`` content
    dropped, block tags become line breaks, entities unescaped); repair mojibake with ftfy; drop
    bidi/zero-width characters; remove emoji variation selectors (so ``❤️`` and ``❤`` hash
    the same); Unicode NFC; collapse spaces, trim lines and keep single newlines between
    paragraphs. Emoji themselves are kept: they carry sentiment.

    Args:
        text: Raw text; None is treated as empty.

    Returns:
        ``(clean_text, repairs)`` where repairs is a subset of ``null_bytes``, ``control_chars``,
        ``html``, ``mojibake``, ``invisible_chars`` in the order applied.
    """
    if text is None:
        return "", []
    if not isinstance(text, str):
        text = str(text)
    # A change can uncover another repair (removing a control or trimming a space leaves a
    # mojibake pair): repeat until nothing changes, so normalising twice equals once. A text the
    # first pass leaves as it is needs no second pass. HTML is stripped in the first pass only:
    # "&lt;b&gt;" unescapes to "<b>", which the customer wrote as text, not markup.
    before = text
    text, repairs = _normalize_once(text)
    for _ in range(3):
        if text == before:
            break
        before = text
        text, more = _normalize_once(text, html=False)
        repairs += [r for r in more if r not in repairs]
    return text, repairs


def _normalize_once(text: str, html: bool = True) -> tuple[str, list[str]]:
    repairs: list[str] = []
    if "\x00" in text:
        text = text.replace("\x00", "")
        repairs.append("null_bytes")
    text = _LINE_BREAKS.sub("\n", text)
    if _CONTROL.search(text):
        # C1 controls are usually mojibake remnants: let ftfy try first, then drop the rest.
        fixed = ftfy.fix_encoding(text)
        if fixed != text:
            text = fixed
            repairs.append("mojibake")
        if _CONTROL.search(text):
            text = _CONTROL.sub("", text)
            repairs.append("control_chars")
    if html and ("<" in text or "&" in text):
        stripped = _strip_html(text)
        if stripped != text:
            text = stripped
            repairs.append("html")
    # Checked again even after a first repair: dropping controls or HTML can leave a clean
    # mojibake pair behind ("Ü\x1f\x86" → "Ü†"), which a second normalisation would otherwise
    # fix, and normalising must be idempotent.
    if not text.isascii() and _MOJIBAKE_HINT.search(text):
        fixed = ftfy.fix_encoding(text)
        if fixed != text:
            text = fixed
            if "mojibake" not in repairs:
                repairs.append("mojibake")
    if not text.isascii():
        cleaned = _STRAY_ZWJ.sub("", _INVISIBLE.sub("", text))
        if cleaned != text:
            text = cleaned
            repairs.append("invisible_chars")
        text = _VARIATION_SELECTORS.sub("", text)
        text = unicodedata.normalize("NFC", text)
    text = _UNICODE_SPACES.sub(" ", text)
    text = _MULTI_SPACE.sub(" ", text)
    if "\n" in text:
        text = "\n".join(line.strip() for line in text.split("\n"))
        text = _MULTI_NEWLINE.sub("\n", text)
    return text.strip(), repairs


def _strip_html(text: str) -> str:
    has_tag = _TAG.search(text) is not None or "<!--" in text
    has_entity = _ENTITY.search(text) is not None
    if not has_tag and not has_entity:
        return text
    if has_tag:
        text = _SCRIPT_STYLE.sub(" ", text)
        text = _HTML_COMMENT.sub(" ", text)
        text = _BLOCK_TAG.sub("\n", text)
        text = _TAG.sub("", text)
    # Unescape after stripping so an escaped "&lt;b&gt;" in the text stays literal text.
    return html.unescape(text)


# --------------------------------------------------------------------------- language

#: Languages the detector may return. Restricting the set avoids exotic labels on short Italian
#: texts (py3langid confuses "ok grazie" with Polish when all 97 languages are allowed).
LANGUAGES: tuple[str, ...] = (
    "it", "en", "es", "fr", "de", "pt", "ro", "nl", "pl", "sq", "ru", "uk", "ar", "zh", "tr",
)  # fmt: skip
_WORD = re.compile(r"[^\W\d_]+")
# Below 3 words langid is guesswork; only trust a very confident non-Italian call.
_SHORT_MIN_PROB = 0.8
_LONG_MIN_PROB = 0.5


@lru_cache(maxsize=1)
def _identifier() -> Any:
    # Loading the model takes ~0.7 s: do it lazily, once per process.
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ident.set_languages(list(LANGUAGES))
    return ident


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Function words that are Italian and (almost) never Spanish, Portuguese, French, Romanian or
# English. A text of 3+ words with enough of them is Italian without asking py3langid (which
# costs ~0.5 ms a text): on 12k real Italian reviews/posts this fast path takes ~78 % of texts
# and never disagreed with py3langid.
_IT_ONLY = _word_set(
    "che di è non per sono ho hanno della dei delle degli nel nella nei nelle alla alle ai agli "
    "gli anche più perché perchè molto molta molti questo questa questi quello quella ancora già "
    "stato stata stati dopo niente nessuno grazie tutto tutti tutte fatto essere avere siamo ogni "
    "dove ero avevo vostro vostra nostro nostra sempre mio"
)
# Shared with neighbouring languages: they count once an Italian-only word was seen.
_IT_SHARED = _word_set("il ma mi ci si lo la le una un del al ha come cosa mai poi quando")
# Any of these sends the text to py3langid (code-switching, Spanish/French/English sentences).
_FOREIGN_MARKERS = _word_set(
    "the and is you this that y el los las est et les une des não em uma você und der die das "
    "ist nicht este que por pero muy mais avec pour dans de é"
)
# Emoji are ©, ® or code points from U+203C up: only such texts need emoji.replace_emoji.
_MAYBE_EMOJI = re.compile("[\u00a9\u00ae\u203c-\U0010ffff]")
# Letters of scripts that cannot be Italian (Greek, Cyrillic, Hebrew, Arabic, Indic, CJK, ...).
_NON_LATIN = re.compile("[\u0370-\u1dff\u2c00-\ud7ff\uf900-\ufaff]")
_SCRIPT_LANGUAGE = {
    "GREEK": "el", "CYRILLIC": "ru", "HEBREW": "he", "ARABIC": "ar", "CJK": "zh",
    "HIRAGANA": "ja", "KATAKANA": "ja", "HANGUL": "ko", "DEVANAGARI": "hi", "THAI": "th",
}  # fmt: skip
# py3langid reads byte n-grams: the first few thousand characters decide as well as 5 MB.
_LANGID_MAX_CHARS = 2000


def _looks_italian(words: list[str]) -> bool:
    if len(words) < 3:
        return False
    lowered = [w.lower() for w in words]
    if not any(w in _IT_ONLY for w in lowered):
        return False
    if any(w in _FOREIGN_MARKERS for w in lowered):
        return False
    hits = sum(w in _IT_ONLY or w in _IT_SHARED for w in lowered)
    return hits >= 2 and hits >= 0.15 * len(lowered)


def _non_latin_language(words: list[str]) -> str | None:
    """The language of a text written mostly in a non-Latin script, else None."""
    letters = [c for w in words for c in w]
    foreign = [c for c in letters if _NON_LATIN.match(c)]
    if len(foreign) * 2 <= len(letters):
        return None
    script = unicodedata.name(foreign[0], "UNKNOWN").split()[0]
    return _SCRIPT_LANGUAGE.get(script, "und")


def detect_language(texts: Sequence[str]) -> list[str]:
    """Detect the ISO 639-1 language of each text, defaulting to Italian when unsure.

    Empty texts give ``und``. Texts with no letters (emoji only, numbers) and short texts
    (fewer than 3 words) give ``it`` unless the detector is confident (p >= 0.8) about another
    language; longer texts need p >= 0.5 to be labelled non-Italian. The corpus is Italian
    customer feedback, so Italian is the right prior. Texts full of Italian-only function words
    skip the detector; texts written mostly in a non-Latin script are never Italian.

    Args:
        texts: Normalised texts.

    Returns:
        One language code per text.
    """
    out: list[str] = []
    ident = None
    for text in texts:
        text = (text or "").strip()
        if not text:
            out.append("und")
            continue
        if _looks_italian(_WORD.findall(text)):  # emoji are not word characters
            out.append("it")
            continue
        ascii_only = text.isascii()
        letters_only = text
        if not ascii_only and _MAYBE_EMOJI.search(text):
            letters_only = emoji.replace_emoji(text, "")
        words = _WORD.findall(letters_only)
        if not words:
            out.append("it")
            continue
        if ident is None:
            ident = _identifier()
        lang, prob = ident.classify(letters_only[:_LANGID_MAX_CHARS])
        threshold = _SHORT_MIN_PROB if len(words) < 3 else _LONG_MIN_PROB
        label = lang if lang == "it" or prob >= threshold else "it"
        if label == "it" and not ascii_only and _NON_LATIN.search(letters_only):
            label = _non_latin_language(words) or label
        out.append(label)
    return out


# --------------------------------------------------------------------------- dates

_MONTHS: dict[str, int] = {}
for _num, _names in enumerate(
    [
        ("gennaio", "gen", "january", "jan"),
        ("febbraio", "feb", "february"),
        ("marzo", "mar", "march"),
        ("aprile", "apr", "april"),
        ("maggio", "mag", "may"),
        ("giugno", "giu", "june", "jun"),
        ("luglio", "lug", "july", "jul"),
        ("agosto", "ago", "august", "aug"),
        ("settembre", "set", "sett", "september", "sep", "sept"),
        ("ottobre", "ott", "october", "oct"),
        ("novembre", "nov", "november"),
        ("dicembre", "dic", "december", "dec"),
    ],
    start=1,
):
    for _name in _names:
        _MONTHS[_name] = _num

_TIME = r"(?:[ T,]+(?:alle\s+|ore\s+|h\s*)*(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?)?"
_NUMERIC_DMY = re.compile(r"^(\d{1,2})([/.\-])(\d{1,2})\2(\d{4}|\d{2})" + _TIME + r"$")
_NUMERIC_YMD = re.compile(r"^(\d{4})([/.])(\d{1,2})\2(\d{1,2})" + _TIME + r"$")
_WEEKDAY = r"(?:(?:luned|marted|mercoled|gioved|venerd)[iì]|sabato|domenica|mon|tue|wed|thu|fri|sat|sun)[a-z]*[,.]?\s+"
_NAMED_DMY = re.compile(
    r"^(?:"
    + _WEEKDAY
    + r")?(\d{1,2})(?:°|º|st|nd|rd|th)?\s+([a-zà-ù]+)\.?,?\s+(\d{4})"
    + _TIME
    + r"$",
    re.IGNORECASE,
)
_NAMED_MDY = re.compile(
    r"^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})" + _TIME + r"$", re.IGNORECASE
)
_EPOCH_S = re.compile(r"^\d{9,10}(?:\.\d+)?$")
_EPOCH_MS = re.compile(r"^\d{12,13}$")
_TZ_WORD = re.compile(r"\s*(?:UTC|GMT|Z)$", re.IGNORECASE)
_EPOCH = datetime(1970, 1, 1)


def parse_datetime(value: Any, tz: str = "UTC") -> datetime | None:
    """Parse a timestamp as a naive UTC ``datetime``.

    Accepts ISO 8601 (with or without offset; offsets are converted to UTC, values without one
    are wall times in ``tz``, the configured zone: Italian exports write local time), ``dd/mm/yyyy[ hh:mm[:ss]]`` with ``/``, ``-`` or ``.`` separators (day first,
    Italian convention), ``yyyy/mm/dd``, ``3 marzo 2025`` / ``3 mar 2025`` (Italian or English
    month names, optional weekday and time), ``March 3, 2025``, epoch seconds (or
    milliseconds), and ``datetime``/``pandas.Timestamp`` objects.

    Args:
        value: The raw value.
        tz: IANA zone of values written without an offset (epoch values are UTC).

    Returns:
        The naive UTC datetime, or None when empty, unparseable or impossible (31/02).
    """
    parsed = _parse_datetime(value)
    if parsed is None or tz == "UTC" or not parsed[1]:
        return parsed[0] if parsed else None
    return _local_to_utc(parsed[0], tz)


def _local_to_utc(value: datetime, tz: str) -> datetime:
    try:
        local = value.replace(tzinfo=ZoneInfo(tz))
    except (ZoneInfoNotFoundError, ValueError):
        return value
    return local.astimezone(UTC).replace(tzinfo=None)


def _parse_datetime(value: Any) -> tuple[datetime, bool] | None:
    """The naive datetime and whether it was written without an offset (a local wall time)."""
    return _parse_naive(value)


def _parse_naive(value: Any) -> tuple[datetime, bool] | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        if _is_nat(value):
            return None
        return _to_naive_utc(value), value.tzinfo is None
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day), True
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        if isinstance(value, float) and math.isnan(value):
            return None
        return _utc(_from_epoch(float(value)))
    text = str(value).strip()
    if not text:
        return None
    try:
        if _EPOCH_S.match(text):
            return _utc(_from_epoch(float(text)))
        if _EPOCH_MS.match(text):
            return _utc(_from_epoch(int(text) / 1000.0))
        m = _NUMERIC_DMY.match(text)
        if m:
            day, month, year = int(m.group(1)), int(m.group(3)), int(m.group(4))
            if len(m.group(4)) == 2:
                year += 2000
            return _build(year, month, day, m.group(5), m.group(6), m.group(7)), True
        m = _NUMERIC_YMD.match(text)
        if m:
            return _build(
                int(m.group(1)),
                int(m.group(3)),
                int(m.group(4)),
                m.group(5),
                m.group(6),
                m.group(7),
            ), True
        m = _NAMED_DMY.match(text)
        if m:
            named_month = _MONTHS.get(m.group(2).lower())
            if named_month is None:
                return None
            return _build(
                int(m.group(3)), named_month, int(m.group(1)), m.group(4), m.group(5), m.group(6)
            ), True
        m = _NAMED_MDY.match(text)
        if m:
            named_month = _MONTHS.get(m.group(1).lower())
            if named_month is None:
                return None
            return _build(
                int(m.group(3)), named_month, int(m.group(2)), m.group(4), m.group(5), m.group(6)
            ), True
        iso = _TZ_WORD.sub("+00:00", text) if not text.endswith("Z") else text
        parsed = datetime.fromisoformat(iso)
        return _to_naive_utc(parsed), parsed.tzinfo is None
    except (ValueError, OverflowError):
        return None


def _utc(value: datetime | None) -> tuple[datetime, bool] | None:
    return None if value is None else (value, False)


def _build(
    year: int, month: int, day: int, hour: str | None, minute: str | None, second: str | None
) -> datetime:
    # datetime() raises ValueError for impossible dates (31/02) and times (25:00).
    return datetime(year, month, day, int(hour or 0), int(minute or 0), int(second or 0))


def _from_epoch(seconds: float) -> datetime | None:
    if seconds < 0 or seconds > 4102444800:  # beyond 2100: not a plausible timestamp
        return None
    return _EPOCH + timedelta(seconds=seconds)


def _to_naive_utc(value: datetime) -> datetime:
    if value.tzinfo is not None and value.utcoffset() is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    elif value.tzinfo is not None:
        value = value.replace(tzinfo=None)
    # pandas.Timestamp -> plain datetime keeps downstream comparisons simple.
    if type(value) is not datetime:
        value = datetime(
            value.year, value.month, value.day, value.hour, value.minute, value.second,
            value.microsecond,
        )  # fmt: skip
    return value


def _is_nat(value: Any) -> bool:
    try:
        return value != value  # NaT is not equal to itself
    except TypeError:
        return False


# --------------------------------------------------------------------------- ratings

_FULL_STARS = frozenset("★⭐🌟✭✮✯✪")
_EMPTY_STARS = frozenset("☆✩")
_RATING = re.compile(
    r"^(\d{1,3}(?:[.,]\d+)?)\s*"
    r"(?:(?:/|su|di|out\s+of)\s*(\d{1,3}))?\s*"
    r"(stelle|stella|stars?|punti|punto|pt|\*+|★+)?\.?$",
    re.IGNORECASE,
)


def parse_rating_raw(value: Any) -> tuple[float | None, str | None]:
    """Parse a rating to a number without checking its range.

    Args:
        value: ``"4"``, ``"4,5"``, ``"4.5"``, ``"★★★★"``, ``"4/5"``, ``"8/10"``, ``"4 stelle"``,
            a number, or empty.

    Returns:
        ``(number, note)``. ``(None, None)`` when empty; ``(None, "rating_unparseable")`` when the
        value is present but not a rating. The note names the repair applied (``rating_comma``,
        ``rating_stars``, ``rating_fraction``, ``rating_scaled``, ``rating_text``) or is None.
    """
    if value is None:
        return None, None
    if isinstance(value, bool):
        return None, "rating_unparseable"
    if isinstance(value, int | float):
        number = float(value)
        return (None, None) if math.isnan(number) else (number, None)
    text = _VARIATION_SELECTORS.sub("", str(value)).strip()
    if not text:
        return None, None
    compact = text.replace(" ", "")
    if compact and all(ch in _FULL_STARS or ch in _EMPTY_STARS for ch in compact):
        return float(sum(ch in _FULL_STARS for ch in compact)), "rating_stars"
    m = _RATING.match(text)
    if not m:
        return None, "rating_unparseable"
    number_text, denominator, suffix = m.group(1), m.group(2), m.group(3)
    note: str | None = None
    if "," in number_text:
        number_text = number_text.replace(",", ".")
        note = "rating_comma"
    number = float(number_text)
    if denominator is not None:
        denom = int(denominator)
        if denom <= 0:
            return None, "rating_unparseable"
        if denom == 5:
            note = note or "rating_fraction"
        else:
            number = round(number * 5.0 / denom, 2)
            note = "rating_scaled"
    elif suffix:
        note = note or "rating_text"
    return number, note


def parse_rating(value: Any) -> tuple[float | None, str | None]:
    """Parse a 1–5 rating.

    Out-of-range values (0, 6, ...) are not clipped: they return ``(None,
    "rating_out_of_range")`` so the caller can quarantine the row instead of silently fixing it.

    Returns:
        ``(rating, note)``; see :func:`parse_rating_raw` for the notes.
    """
    number, note = parse_rating_raw(value)
    if number is None:
        return None, note
    if not 1.0 <= number <= 5.0:
        return None, "rating_out_of_range"
    return number, note

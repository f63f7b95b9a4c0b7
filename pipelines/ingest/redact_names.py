"""Person names in free text: self-introductions, greetings, signatures, honorifics, social
handles and capitalised first names.

Context rules decide; the lexicons (:mod:`pipelines.ingest.redact_lexicon`) only say which words
can be names. Every match becomes ``[NOME]`` and is counted under ``NOME``.
"""

from __future__ import annotations

import re

from pipelines.ingest.redact_lexicon import (
    ADJECTIVE_NAMES,
    AMBIGUOUS_NAMES,
    FIRST_NAMES,
    NON_NAME,
    PLACE_PREFIX,
    START_AMBIGUOUS_NAMES,
    SURNAMES,
)

# Name tokens: Capitalised or ALL CAPS words, optionally with an elided prefix (D'Angelo).
_CAP = r"(?:[A-Z]['’])?[A-ZÀ-ÖØ-Ý](?:[a-zà-öø-ÿ]+|[A-ZÀ-ÖØ-Ý]+)"
_SURNAME = (
    rf"(?:(?:[Dd]e|[Dd]i|[Dd]el|[Dd]ella|[Dd]a|[Ll]a|[Ll]o|[Vv]an|[Vv]on)[ \t]+)?{_CAP}|[A-Z]\."
)
_CAP_TOKEN = re.compile(rf"(?<![\w\[]){_CAP}(?![\w])")
_SURNAME_AFTER = re.compile(rf"[ \t]+({_SURNAME})(?![\w])")
_LOWER_TOKEN = re.compile(r"[a-zà-öø-ÿ]+(?![\w])")
_LOWER_SURNAME_AFTER = re.compile(r"[ \t]+([a-zà-öø-ÿ']+)(?![\w])")
# An initial, or an abbreviated first name as people sign: "F.", "F.sco", "G.ppe", "M.Teresa".
_INITIAL = re.compile(r"[A-Z]\.(?:[a-z]{2,4}(?=[ \t]))?")

_HONORIFIC = re.compile(
    r"(?i)(?<![\w])(?:sig\.?(?:ra|na|\.ra)?|signor[ae]?|signorina|dott\.?(?:ssa)?|"
    r"dottor(?:essa)?|avv\.?|avvocat[oa]|ing\.?|ingegner[e]?|geom\.?|prof\.?(?:ssa)?|"
    r"professor(?:essa)?|rag\.?|arch\.?|mr\.?|mrs\.?|ms\.?|fam\.)[ \t]+(?=[A-Za-zà-ÿ])"
)
_INTRO_STRONG = re.compile(
    r"(?i)(?<![\w])(?:mi\s+chiamo|il\s+mio\s+nome\s+(?:è|e'|é)|"
    r"chi\s+(?:vi\s+)?scrive\s+(?:è|e')|my\s+name\s+is)[ \t]*[,:]?[ \t]*"
)
# Weaker cues: the following word must be a listed first name.
_INTRO_SONO = re.compile(
    r"(?i)(?<![\w])(?:(?:io\s+)?sono|sottoscritt[oa]|firmato|i\s+am|this\s+is)[ \t]+"
    r"(?:(?:il|la)[ \t]+)?"
)
_GREETING = re.compile(
    r"(?i)(?<![\w])(?:buongiorno|buon\s+giorno|buonasera|buona\s+sera|salve|ciao|gentile|"
    r"gentilissim[oa]|egregi[oa]|car[oa]|spett\.?(?:le)?|hello|hi|dear|grazie(?:\s+mille)?)"
    r"[ \t]*,?[ \t]+"
)
_CLOSING = re.compile(
    r"(?i)(?<![\w])(cordiali\s+saluti|distinti\s+saluti|saluti\s+cordiali|cordialmente|"
    r"un\s+(?:caro\s+)?saluto|cari\s+saluti|saluti|grazie(?:\s+(?:mille|ancora|in\s+anticipo|"
    r"di\s+tutto))?|in\s+fede|a\s+presto|buona\s+giornata|buona\s+serata|ciao|firmato|"
    r"best\s+regards|regards)[ \t]*[,.!;:\-–]*\s*"
)
_STRONG_CLOSINGS = ("cordiali", "distinti", "saluti cordiali", "cordialmente", "in fede", "firmato")
_END_OF_LINE = re.compile(r"[ \t]*[.!]*[ \t]*(?:\n|$)")
# The last line of a message holding only a name ("...grazie!\nRosa Longo").
_LAST_LINE_NAME = re.compile(
    rf"(?:^|\n)[ \t]*-*[ \t]*({_CAP}(?:[ \t]+(?:{_SURNAME})){{0,2}})[ \t]*[.!]?\s*$"
)


def _is_sentence_start(text: str, pos: int) -> bool:
    i = pos - 1
    while i >= 0 and text[i] in " \t\"'«“(":
        i -= 1
    return i < 0 or text[i] in ".!?\n:;"


def _previous_word(text: str, pos: int) -> str:
    m = re.search(r"([\w'’.]+)[ \t]*$", text[max(0, pos - 30) : pos])
    return m.group(1).rstrip(".'’").lower() if m else ""


def _extend_surname(text: str, end: int) -> int:
    """Extend a name span over up to two following capitalised tokens (same line)."""
    for _ in range(2):
        if text[end - 1] == ".":
            break  # after an initial ("Alessia T.") the next word starts a sentence
        m = _SURNAME_AFTER.match(text, end)
        if not m:
            break
        token = m.group(1)
        core = token.split()[-1].strip(".'’").lower()
        if core in NON_NAME:
            break
        end = m.end()
    return end


def _name_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []

    def cap_at(pos: int) -> re.Match[str] | None:
        return _CAP_TOKEN.match(text, pos)

    # Honorific + surname: "sig. Rossi", "la dott.ssa Maria Bianchi".
    for m in _HONORIFIC.finditer(text):
        tok = cap_at(m.end())
        if tok and tok.group(0).lower() not in NON_NAME:
            spans.append((tok.start(), _extend_surname(text, tok.end())))
        elif tok is None:
            # "sig.ra bianchi": typed in lower case, trusted only for a listed surname.
            lower = _LOWER_TOKEN.match(text, m.end())
            if lower and lower.group(0) in SURNAMES:
                spans.append((lower.start(), lower.end()))

    # "mi chiamo X [Y]": whatever follows is a name, even lower-case or not in the list.
    for m in _INTRO_STRONG.finditer(text):
        tok = cap_at(m.end())
        if tok and tok.group(0).lower() not in NON_NAME:
            spans.append((tok.start(), _extend_surname(text, tok.end())))
            continue
        lower_tok = _LOWER_TOKEN.match(text, m.end())
        if lower_tok and lower_tok.group(0) not in NON_NAME and len(lower_tok.group(0)) > 1:
            spans.append((lower_tok.start(), _extend_lower_surname(text, lower_tok.end())))

    # "sono Mario [Rossi]" / "sono mario": first name must be in the list.
    for m in _INTRO_SONO.finditer(text):
        tok = cap_at(m.end())
        if tok:
            low = tok.group(0).lower()
            if low in FIRST_NAMES and low not in ADJECTIVE_NAMES:
                spans.append((tok.start(), _extend_surname(text, tok.end())))
            elif _is_full_name(text, tok):
                # "sono Ilario Zanetti": a first name we do not list, but two capitalised
                # words after "sono" in running text are a person introducing themselves.
                spans.append((tok.start(), _extend_surname(text, tok.end())))
            continue
        ltok = _LOWER_TOKEN.match(text, m.end())
        if (
            ltok
            and ltok.group(0) in FIRST_NAMES
            and ltok.group(0) not in AMBIGUOUS_NAMES
            and ltok.group(0) not in START_AMBIGUOUS_NAMES
        ):
            spans.append((ltok.start(), _extend_lower_surname(text, ltok.end())))

    # Greetings addressed to someone: "Buongiorno Giulia", "Gentile Sig. Rossi" (honorific
    # handled above), "Ciao Rosa".
    for m in _GREETING.finditer(text):
        tok = cap_at(m.end())
        if tok and tok.group(0).lower() in FIRST_NAMES:
            spans.append((tok.start(), _extend_surname(text, tok.end())))

    # Signatures: closing formula, then a name at the end of a line/text.
    for m in _CLOSING.finditer(text):
        closing = " ".join(m.group(1).lower().split())
        strong = closing.startswith(_STRONG_CLOSINGS)
        start = m.end()
        tok = cap_at(start)
        if tok is None:
            initial = _INITIAL.match(text, start)
            if initial:
                # "F. Rinaldi", "F.sco Romano": _extend_surname stops after a full stop, so take
                # the surname here.
                after = _SURNAME_AFTER.match(text, initial.end())
                end = _extend_surname(text, after.end()) if after else initial.end()
                if end > initial.end() and _END_OF_LINE.match(text, end):
                    spans.append((start, end))
                continue
            ltok = _LOWER_TOKEN.match(text, start)
            if (
                ltok
                and ltok.group(0) in FIRST_NAMES
                and ltok.group(0) not in AMBIGUOUS_NAMES
                and _END_OF_LINE.match(text, _extend_lower_surname(text, ltok.end()))
            ):
                spans.append((ltok.start(), _extend_lower_surname(text, ltok.end())))
            continue
        first = tok.group(0).lower()
        end = _extend_surname(text, tok.end())
        if not _END_OF_LINE.match(text, end):
            continue
        n_tokens = len(text[tok.start() : end].split())
        # On a line of its own after any closing ("Saluti\nZanardi") a word is a signature;
        # on the closing's line only after a formal one ("Cordiali saluti, Rossi Anna").
        on_own_line = "\n" in text[m.start() : start]
        if first in FIRST_NAMES or (
            first not in NON_NAME and (on_own_line or (strong and n_tokens >= 2))
        ):
            spans.append((tok.start(), end))

    # Signature line without a closing formula: the message ends with a line that is a name.
    last = _LAST_LINE_NAME.search(text)
    if last:
        tokens = last.group(1).split()
        first = tokens[0].lower()
        if first == "famiglia" and len(tokens) >= 2:
            # "Famiglia Rossi" as a signature: the surname is the personal part. (Elsewhere
            # "famiglia X" is too often a product line: "la famiglia Echo".)
            rest = last.group(1)[len(tokens[0]) :]
            start = last.start(1) + len(tokens[0]) + len(rest) - len(rest.lstrip())
            spans.append((start, last.end(1)))
        elif (
            first in FIRST_NAMES
            and all(t.strip(".").lower() not in NON_NAME for t in tokens)
            and (len(tokens) >= 2 or first not in AMBIGUOUS_NAMES)
        ):
            spans.append((last.start(1), last.end(1)))

    # Anywhere: a capitalised, unambiguous first name ("ho parlato con Marco"). Most texts
    # hold no first name at all: a set test over the capitalised words (C speed) skips the
    # per-token checks for them, which were most of the redaction time.
    caps = _CAP_TOKEN.findall(text)
    if not caps or FIRST_NAMES.isdisjoint(map(str.lower, caps)):
        return spans
    for tok in _CAP_TOKEN.finditer(text):
        word = tok.group(0)
        low = word.lower()
        if low not in FIRST_NAMES or low in AMBIGUOUS_NAMES:
            continue
        if word.isupper() and len(word) > 1 and not _mostly_upper(text):
            continue  # ALL CAPS inside normal text is an acronym/brand, not a name
        if low in START_AMBIGUOUS_NAMES and (
            _is_sentence_start(text, tok.start()) or word.isupper()
        ):
            continue
        if _previous_word(text, tok.start()) in PLACE_PREFIX:
            continue
        spans.append((tok.start(), _extend_surname(text, tok.end())))
    return spans


def _extend_lower_surname(text: str, end: int) -> int:
    """End of a lower-case surname right after a lower-case first name ("sono mario rossi")."""
    m = _LOWER_SURNAME_AFTER.match(text, end)
    return m.end() if m and m.group(1) in SURNAMES else end


def _is_full_name(text: str, tok: re.Match[str]) -> bool:
    """Whether ``tok`` starts "Nome Cognome": two capitalised, non-acronym, non-common words."""
    word = tok.group(0)
    after = _SURNAME_AFTER.match(text, tok.end())
    if after is None or word.isupper() or word.lower() in NON_NAME:
        return False
    surname = after.group(1)
    return not surname.isupper() and surname.split()[-1].strip(".").lower() not in NON_NAME


def _mostly_upper(text: str) -> bool:
    # In an ALL CAPS message every word looks like an acronym; names there are ordinary tokens.
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) > 0.7 * len(letters)


# --------------------------------------------------------------------------- replacers


_HANDLE = re.compile(r"(?<![\w@.])@([A-Za-z0-9_.]{2,30})(?![\w@])")
_HANDLE_PARTS = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")


def redact_handles(text: str, counts: dict[str, int]) -> str:
    """Replace social handles that name a person ("@marco_rossi85", "@GiuliaB"), keep brands.

    A handle is a pseudonymous identifier of a private person when one of its parts is a listed
    first name or surname; company handles ("@TIM_Official", "@enelitalia") are what the
    analysis is about and stay.
    """

    def repl(m: re.Match[str]) -> str:
        parts = [p.lower() for p in _HANDLE_PARTS.findall(m.group(1))]
        personal = any(
            (p in FIRST_NAMES and p not in AMBIGUOUS_NAMES) or p in SURNAMES for p in parts
        )
        if not personal:
            return m.group(0)
        counts["NOME"] = counts.get("NOME", 0) + 1
        return "@[NOME]"

    return _HANDLE.sub(repl, text) if "@" in text else text


def redact_names(text: str, counts: dict[str, int]) -> str:
    """Replace every name span found by the context rules by ``[NOME]`` (overlaps merged)."""
    spans = _name_spans(text)
    if not spans:
        return text
    spans.sort()
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out: list[str] = []
    pos = 0
    for start, end in merged:
        out.append(text[pos:start])
        out.append("[NOME]")
        pos = end
    out.append(text[pos:])
    counts["NOME"] = counts.get("NOME", 0) + len(merged)
    return "".join(out)

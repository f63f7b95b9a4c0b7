"""PII patterns with a shape: e-mails, IBANs, payment cards, codice fiscale, partita IVA,
phone numbers and street addresses.

Numbers are checked before they are replaced: cards must pass Luhn, foreign IBANs mod-97, phone
numbers must have a plausible Italian shape and are skipped right after words such as "ordine"
or "fattura" (order numbers are not personal data and are useful for analysis). The replacing
functions add to a ``counts`` dict keyed by placeholder type; :func:`pipelines.ingest.redact.redact`
decides the order they run in.
"""

from __future__ import annotations

import re

# --------------------------------------------------------------------------- regexes

DIGIT = re.compile(r"\d")
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,24}(?![\w-])")
# Addresses written to dodge spam bots: "anna (at) tiscali.it", "paolo chiocciola gmail punto
# com", "info @ fastweb.it", "mario[at]libero[dot]it". Spelled-out dots need a known TLD, so
# "punto" in running text is left alone.
_OBF_AT = r"(?:[ \t]*[\[({][ \t]*(?:at|chiocciola)[ \t]*[\])}][ \t]*|[ \t]+(?:at|chiocciola)[ \t]+|[ \t]+@[ \t]+)"
_OBF_DOT = r"(?:\.|[ \t]*[\[(][ \t]*(?:dot|punto)[ \t]*[\])][ \t]*|[ \t]+(?:dot|punto)[ \t]+)"
_TLDS = r"(?:it|com|net|org|eu|info|biz|me|io|ch|sm|de|fr|uk|es|email|online|cloud)"
EMAIL_OBFUSCATED = re.compile(
    rf"(?i)(?<![\w.+-])[\w.+-]+{_OBF_AT}[\w-]+(?:{_OBF_DOT}[\w-]+)*?{_OBF_DOT}{_TLDS}(?![\w-])"
)
OBF_HINT = re.compile(r"(?i)@|\bat\b|chiocciola")

# IBAN: country + check digits + BBAN; spaces allowed between characters (groups of four).
_IBAN_CANDIDATE = re.compile(
    r"(?<![A-Za-z0-9])([A-Za-z]{2})[ \-]?(\d{2})((?:[ \-]?[A-Za-z0-9]){8,32})"
)
_IBAN_LENGTHS = {
    "IT": 27, "SM": 27, "VA": 22, "DE": 22, "FR": 27, "ES": 24, "GB": 22, "CH": 21, "AT": 20,
    "BE": 16, "NL": 18, "PT": 25, "IE": 22, "LU": 20, "MT": 31, "MC": 27, "SI": 19, "HR": 21,
    "PL": 28, "RO": 24, "GR": 27, "CZ": 24, "SK": 24, "HU": 28, "SE": 24, "DK": 18, "FI": 18,
    "NO": 15, "AL": 28, "BG": 22, "LT": 20, "LV": 21, "EE": 20, "CY": 28, "LI": 21,
}  # fmt: skip
_IT_BBAN = re.compile(r"^[A-Za-z]\d{10}[A-Za-z0-9]{12}$")

# Groups of digits with spaces or hyphens, or four dotted groups of four ("4111.1111.1111.1111";
# other dotted numbers are amounts or codes).
_CARD_CANDIDATE = re.compile(
    r"(?:(?<![\w.,/])|(?<=\b[Nn]\.)|(?<=\b[Nn]r\.))"
    r"(?:\d{4}(?:\.\d{4}){3}|\d(?:[ -]?\d){12,22})(?![\w]|[.,]\d)"
)

CF = re.compile(
    r"(?<![A-Za-z0-9])[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z]"
    r"[0-9LMNPQRSTUV]{3}[A-Z](?![A-Za-z0-9])",
    re.IGNORECASE,
)

# The same code as printed on the card, in groups: "RSS MRA 85T10 A562S".
CF_SPACED = re.compile(
    r"(?<![A-Za-z0-9])[A-Z]{3}[ \t][A-Z]{3}[ \t][0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}"
    r"[ \t][A-Z][0-9LMNPQRSTUV]{3}[A-Z](?![A-Za-z0-9])",
    re.IGNORECASE,
)

_PIVA_CONTEXT = re.compile(
    r"(?i)\b(?:p\.?\s?iva|part(?:ita|\.)?\s?iva|vat(?:\s+(?:number|no\.?|id))?)\b"
    r"[^\d\n]{0,20}?((?:IT\s?)?\d{11})(?!\d)"
)
_PIVA_PREFIXED = re.compile(r"(?<![A-Za-z0-9])IT\s?\d{11}(?!\d)")

PHONE = re.compile(
    # Not inside a word/number, nor the tail of a code such as "CL-3401234567".
    r"(?<![\w+])(?<!\w[\-_/])"
    r"(?:(?:\+|00)[ \t]?39[ \t.\-]?|\(\+?39\)[ \t]?)?"
    r"(?:"
    r"\(?3\d{2}\)?(?:[ \t./\-]?\d){6,7}"  # mobile: 3xx + 6-7 digits
    r"|"
    r"\(?0[1-9]\d{0,3}\)?[ \t./\-]?\d{2,4}(?:[ \t\-]?\d{2,4}){0,3}"  # landline: 0 + area code
    r")"
    r"(?![\d]|[.,]\d)"
)
# "350.000.000": an amount with thousands separators, not a phone written with dots.
_THOUSANDS = re.compile(r"^\d{1,3}(?:\.\d{3}){2,}$")
# The international form with the trunk zero in brackets: "+39 (0)2 12345678".
PHONE_TRUNK_ZERO = re.compile(
    r"(?<![\w+])(?:\+|00)[ \t]?39[ \t]?\(0\)[ \t]?[1-9]\d{0,3}(?:[ \t./\-]?\d{2,4}){1,4}(?!\d)"
)
_DATE_LIKE = re.compile(r"^\d{1,2}[./\-]\d{1,2}(?:[./\-]\d{2,4})?$|^\d{1,2}[./\-](?:19|20)\d{2}$")
# Identifiers that look like phone/card numbers but are not personal: skip them.
_NUMBER_CONTEXT = re.compile(
    r"(?i)(?:ordin\w*|order|pratica|fattura|tracking|spedizion\w*|codice|cod|rif|riferimento|"
    r"ticket|contratto|matricola|serial\w*|seriale|imei|iccid|pod|pdr|cliente|prodotto|articolo|"
    r"sku|lotto|protocollo|segnalazione|reclamo|n\.\s?ordine)"
    r"\W{0,3}(?:n\.?|nr\.?|num\.?|numero|n°|#|no\.?)?\W{0,3}$"
)
_UNIT_AFTER = re.compile(r"^\s?(?:€|euro|eur|km|kg|gb|mb|mesi|giorni|ore|minuti)\b", re.IGNORECASE)

_STREET = (
    r"(?:[Vv]ia|[Vv]iale|[Vv]\.le|[Vv](?=\.)|[Pp]iazza|[Pp]iazzale|[Pp]\.zza|[Pp]\.za|[Pp]\.le|[Cc]orso|"
    r"[Cc]\.so|[Ll]argo|[Vv]icolo|[Vv]ico|[Ss]trada|[Cc]ontrada|[Cc]\.da|[Ll]ocalità|[Ll]oc\.|"
    r"[Ll]ungomare|[Ll]ungotevere|[Bb]orgo|[Ss]alita|[Gg]alleria|[Cc]irconvallazione|"
    r"[Tt]raversa|[Ff]razione|[Ff]raz\.|VIA|VIALE|PIAZZA|CORSO)"
)
_PARTICLE = r"(?:d[aeio]|del|dell[aoe]?|dei|degli|dal|dalla|al|alla|alle|ai|agli|san|santa|e)"
_STREET_NAME_TOKEN = r"(?:[A-ZÀ-Ý][\w'’.\-]*|d['’][A-ZÀ-Ý][\w'’\-]*|\d{1,2}(?=[ \t]+[A-ZÀ-Ý]))"
# "via email 2 volte" / "via corriere 3 giorni fa": a number followed by a unit is no civic.
_NOT_QUANTITY = (
    r"(?![ \t]*(?:giorn|volt|settiman|mes[ei]|or[ae]\b|ann[oi]|minut|euro|€|pezz|articol|"
    r"telefonat|email|mail|messagg|tentativ))"
)
_CIVIC = (
    r",?[ \t]*(?:(?:n\.?|n°|nr\.?|num\.?|numero)[ \t]*)?\d{1,4}"
    + _NOT_QUANTITY
    + r"(?:[ \t]?[A-Za-z](?![\w]))?"
    r"(?:[ \t]*/[ \t]*[A-Za-z0-9]{1,3})?(?![\d])"
    r"(?:,?[ \t]*\d{5}(?:[ \t]+[A-ZÀ-Ý][\w'’]+(?:[ \t]+[A-ZÀ-Ý][\w'’]+)?)?(?:[ \t]*\(?[A-Z]{2}\)?)?)?"
)
ADDRESS = re.compile(
    rf"(?<![\w])(?:{_STREET})\.?[ \t]+(?:{_PARTICLE}[ \t]+)?{_STREET_NAME_TOKEN}"
    rf"(?:[ \t]+(?:{_PARTICLE}[ \t]+)?{_STREET_NAME_TOKEN}){{0,4}}{_CIVIC}"
)
# Lower-case street names ("via roma 12") only after an address cue, to spare "via email 2 volte".
ADDRESS_LOWER = re.compile(
    rf"(?i)(?:indirizzo|abito|residente|residenza|domicilio|domiciliat\w+|sede|consegn\w+|"
    rf"spedi\w+|recapito|abitazione|vivo)\b[^\n]{{0,25}}?\b((?:{_STREET})\.?[ \t]+"
    rf"(?:[\w'’]+[ \t]+){{0,4}}?[\w'’]+{_CIVIC})"
)

# --------------------------------------------------------------------------- validators


def _luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def _iban_mod97_ok(iban: str) -> bool:
    rearranged = iban[4:] + iban[:4]
    try:
        number = "".join(str(int(ch, 36)) for ch in rearranged)
    except ValueError:
        return False
    return int(number) % 97 == 1


def _context_is_identifier(text: str, start: int) -> bool:
    return _NUMBER_CONTEXT.search(text[max(0, start - 40) : start]) is not None


# --------------------------------------------------------------------------- replacers


def phone_ok(m: re.Match[str], text: str) -> bool:
    """Whether a :data:`PHONE` match in ``text`` is an Italian phone number, not an amount,
    a date or an order/contract number."""
    raw = m.group(0)
    digits = re.sub(r"\D", "", raw)
    head = raw.lstrip("( \t")
    if head.startswith("+39"):
        national = digits[2:]
    elif digits.startswith("0039"):
        national = digits[4:]
    else:
        national = digits
    if national.startswith("3"):
        if not 9 <= len(national) <= 10:
            return False
    elif not 6 <= len(national) <= 11:
        return False
    if _DATE_LIKE.match(raw.strip()) or _THOUSANDS.match(raw.strip()):
        return False
    # A unit after the number makes it an amount ("350.000.000 euro", "06 12 mesi"), except
    # "ore" after a full-length number: a phone with office hours ("06/12345678 ore ufficio").
    unit = _UNIT_AFTER.match(text[m.end() : m.end() + 8])
    if unit and not (len(national) >= 8 and unit.group(0).strip().lower() == "ore"):
        return False
    return not _context_is_identifier(text, m.start())


def redact_ibans(text: str, counts: dict[str, int]) -> str:
    """Replace IBANs (Italian BBAN shape, other countries mod-97) by ``[IBAN]``."""
    out: list[str] = []
    pos = 0
    for m in _IBAN_CANDIDATE.finditer(text):
        if m.start() < pos:
            continue
        country = m.group(1).upper()
        expected = _IBAN_LENGTHS.get(country)
        if expected is None:
            continue
        is_it = country in {"IT", "SM"}
        if not is_it and not m.group(1).isupper():
            continue  # lower-case foreign "iban" is far more likely a word
        # Walk the BBAN characters, stopping after the country's length.
        need = expected - 4
        bban_chars: list[str] = []
        end = m.start(3)
        for i in range(m.start(3), m.end(3)):
            ch = text[i]
            if ch in " -":
                continue
            bban_chars.append(ch)
            end = i + 1
            if len(bban_chars) == need:
                break
        if len(bban_chars) != need:
            continue
        if end < len(text) and text[end].isalnum():
            continue
        bban = "".join(bban_chars)
        iban = (country + m.group(2) + bban).upper()
        if is_it:
            if not _IT_BBAN.match(bban):
                continue
        elif not _iban_mod97_ok(iban):
            continue
        out.append(text[pos : m.start()])
        out.append("[IBAN]")
        counts["IBAN"] = counts.get("IBAN", 0) + 1
        pos = end
    if not out:
        return text
    out.append(text[pos:])
    return "".join(out)


def redact_cards(text: str, counts: dict[str, int]) -> str:
    """Replace Luhn-valid card numbers (13-19 digits, grouped or not) by ``[CARTA]``."""
    out: list[str] = []
    pos = 0
    for m in _CARD_CANDIDATE.finditer(text):
        raw = m.group(0)
        # Try the whole run, then drop trailing groups ("4111 1111 1111 1111 12/26").
        groups = re.split(r"([ .-])", raw)
        found_end = None
        for k in range(len(groups), 0, -2):
            candidate = "".join(groups[:k])
            digits = re.sub(r"\D", "", candidate)
            if len(digits) < 13:
                break
            if (
                len(digits) <= 19
                and digits[0] in "23456"
                and _luhn_ok(digits)
                and len(set(digits)) > 1
            ):
                found_end = m.start() + len(candidate)
                break
        if found_end is None or _context_is_identifier(text, m.start()):
            continue
        out.append(text[pos : m.start()])
        out.append("[CARTA]")
        counts["CARTA"] = counts.get("CARTA", 0) + 1
        pos = found_end
    if not out:
        return text
    out.append(text[pos:])
    return "".join(out)


def redact_piva(text: str, counts: dict[str, int]) -> str:
    """Replace partite IVA after a "P.IVA"/"VAT" cue or with an ``IT`` prefix."""
    text = redact_group(_PIVA_CONTEXT, "PARTITA_IVA", text, counts)
    if "IT" in text:
        text, n = _PIVA_PREFIXED.subn("[PARTITA_IVA]", text)
        if n:
            counts["PARTITA_IVA"] = counts.get("PARTITA_IVA", 0) + n
    return text


def redact_group(pattern: re.Pattern[str], label: str, text: str, counts: dict[str, int]) -> str:
    """Replace capture group 1 of each match (the context words before it are kept)."""
    out: list[str] = []
    pos = 0
    for m in pattern.finditer(text):
        if m.start(1) < pos:
            continue
        out.append(text[pos : m.start(1)])
        out.append(f"[{label}]")
        counts[label] = counts.get(label, 0) + 1
        pos = m.end(1)
    if not out:
        return text
    out.append(text[pos:])
    return "".join(out)

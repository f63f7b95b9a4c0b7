"""Fictional personal data for the demo tickets: codice fiscale, IBAN and mobile numbers.

Values are format-valid (check characters included) so that redaction is tested against
realistic strings, but they are drawn at random and belong to nobody.
"""

from __future__ import annotations

import random
import unicodedata

from pipelines.demo.corpus import alternatives

__all__ = ["ascii_upper", "fake_codice_fiscale", "fake_iban", "fake_phone"]

_CF_ODD = dict(zip("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                   (1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18,
                    20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23), strict=True))  # fmt: skip


def ascii_upper(s: str) -> str:
    """Letters of ``s`` without accents or punctuation, upper-cased (``D'Angelo`` -> ``DANGELO``)."""
    norm = unicodedata.normalize("NFKD", s)
    return "".join(c for c in norm if c.isalpha() and c.isascii()).upper()


def _cf_part(s: str, is_name: bool) -> str:
    letters = ascii_upper(s)
    cons = [c for c in letters if c not in "AEIOU"]
    vows = [c for c in letters if c in "AEIOU"]
    if is_name and len(cons) >= 4:
        return cons[0] + cons[2] + cons[3]
    return "".join(cons + vows + ["X", "X", "X"])[:3]


def fake_codice_fiscale(rng: random.Random, first: str, last: str, female: bool) -> str:
    """Format-valid fictional codice fiscale, including the check character."""
    day = rng.randint(1, 28) + (40 if female else 0)
    body = (
        _cf_part(last, False)
        + _cf_part(first, True)
        + f"{rng.randint(50, 99):02d}"
        + "ABCDEHLMPRST"[rng.randrange(12)]
        + f"{day:02d}"
        + rng.choice(alternatives("comuni"))
    )
    total = 0
    for i, ch in enumerate(body):  # odd 1-based positions use the odd table
        total += _CF_ODD[ch] if i % 2 == 0 else (int(ch) if ch.isdigit() else ord(ch) - 65)
    return body + chr(65 + total % 26)


def fake_iban(rng: random.Random) -> str:
    """Fictional Italian IBAN with valid CIN and mod-97 check digits."""
    bban = f"{rng.randint(1000, 9999):05d}{rng.randint(10000, 99999):05d}" + "".join(
        str(rng.randrange(10)) for _ in range(12)
    )
    total = sum(
        _CF_ODD[ch] if i % 2 == 0 else int(ch) for i, ch in enumerate(bban)
    )  # CIN uses the same odd/even tables as the codice fiscale
    cin = chr(65 + total % 26)
    rearranged = cin + bban + "IT00"
    digits = "".join(str(int(c, 36)) for c in rearranged)
    check = 98 - int(digits) % 97
    return f"IT{check:02d}{cin}{bban}"


def fake_phone(rng: random.Random) -> str:
    """Fictional Italian mobile number in one of the ways people write them."""
    p, a, b = (
        rng.choice(alternatives("mobile.prefix")),
        rng.randint(100, 999),
        rng.randint(1000, 9999),
    )
    forms = (f"{p} {a} {b}", f"{p}{a}{b}", f"+39 {p} {a}{b}", f"{p}-{a}{b}", f"{p}.{a}.{b}")
    return rng.choice(forms)

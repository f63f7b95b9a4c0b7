"""PII redaction recall per type on the hand-written corpus in tests/data/pii/corpus.yaml.

Usage::

    python benchmarks/pii.py            # table of recall per type + over-redaction on controls

A planted value counts as caught when nothing identifying of it survives redaction (see the
corpus header for the exact rule per type). The test ``tests/hardening/test_pii.py`` imports
this module and asserts minimum recalls.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "data" / "pii" / "corpus.yaml"
TYPES = (
    "EMAIL",
    "TELEFONO",
    "IBAN",
    "CODICE_FISCALE",
    "PARTITA_IVA",
    "CARTA",
    "INDIRIZZO",
    "NOME",
    "CARTA_IDENTITA",
    "PATENTE",
    "PASSAPORTO",
    "TESSERA_SANITARIA",
)
#: Identity documents: short codes, so a shorter window of them still identifies the document.
ID_DOCUMENTS = ("CARTA_IDENTITA", "PATENTE", "PASSAPORTO", "TESSERA_SANITARIA")
_GLUED_DIGITS = re.compile(r"(?<=\d)[ .\-/()]+(?=\d)")


def load_corpus(path: Path = CORPUS) -> dict[str, Any]:
    """The corpus as ``{"items": [...], "controls": [...]}``."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _digit_runs(text: str) -> list[str]:
    return re.findall(r"\d+", _GLUED_DIGITS.sub("", text))


def _windows(value: str, size: int) -> list[str]:
    if len(value) <= size:
        return [value]
    return [value[i : i + size] for i in range(len(value) - size + 1)]


def fragments(pii: dict[str, Any]) -> list[str]:
    """What must not survive of a NOME/INDIRIZZO value."""
    if pii.get("fragments"):
        return [str(f) for f in pii["fragments"]]
    return [w for w in re.findall(r"[^\W\d_]{3,}", str(pii["value"]))]


def survives(pii: dict[str, Any], text: str) -> bool:
    """True when an identifying part of the planted ``pii`` value is still in ``text``."""
    kind, value = pii["type"], str(pii["value"])
    if kind == "EMAIL":
        return value.lower() in text.lower()
    if kind in ("TELEFONO", "CARTA", "PARTITA_IVA"):
        digits = re.sub(r"\D", "", value)
        if kind == "TELEFONO":
            # The country code is not personal: look at the national number only.
            digits = (
                re.sub(r"^(?:0039|39)(?=[03])", "", digits)
                if value.strip("( ").startswith(("+", "00"))
                else digits
            )
        runs = _digit_runs(text)
        return any(w in run for w in _windows(digits, 5) for run in runs)
    if kind in ("IBAN", "CODICE_FISCALE", *ID_DOCUMENTS):
        compact = re.sub(r"[\s.\-]", "", value).upper()
        haystack = re.sub(r"[\s.\-]", "", text).upper()
        return any(w in haystack for w in _windows(compact, 6 if kind in ID_DOCUMENTS else 8))
    # NOME, INDIRIZZO: whole-word fragments, case-insensitive.
    return any(
        re.search(rf"(?<!\w){re.escape(f)}(?!\w)", text, flags=re.IGNORECASE)
        for f in fragments(pii)
    )


@dataclass
class Recall:
    """Caught/total per type, the misses, and over-redaction on the controls."""

    caught: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TYPES, 0))
    total: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TYPES, 0))
    misses: list[tuple[str, str, str]] = field(default_factory=list)
    control_damage: list[tuple[str, str]] = field(default_factory=list)

    def recall(self, kind: str) -> float:
        """Share of planted values of ``kind`` that did not survive."""
        return self.caught[kind] / self.total[kind] if self.total[kind] else float("nan")

    @property
    def overall(self) -> float:
        """Share of all planted values that did not survive."""
        total = sum(self.total.values())
        return sum(self.caught.values()) / total if total else float("nan")


def evaluate(corpus: dict[str, Any] | None = None) -> Recall:
    """Redact every corpus text and score each planted value."""
    from pipelines.ingest.normalize import normalize_text
    from pipelines.ingest.redact import redact

    corpus = corpus or load_corpus()
    out = Recall()
    for item in corpus["items"]:
        clean, _ = normalize_text(item["text"])
        redacted, _ = redact(clean)
        for pii in item["pii"]:
            kind = pii["type"]
            out.total[kind] += 1
            if survives(pii, redacted):
                out.misses.append((kind, str(pii["value"]), redacted))
            else:
                out.caught[kind] += 1
    for control in corpus.get("controls", []):
        redacted, _ = redact(normalize_text(control["text"])[0])
        for keep in control.get("keep", []):
            if keep not in redacted:
                out.control_damage.append((keep, redacted))
    return out


def throughput(repeat: int = 20) -> tuple[float, float]:
    """Redaction speed on the corpus texts, and the time of one adversarial input.

    Returns:
        ``(texts per second, seconds for a 4 kB run of digits, streets and names)``.
    """
    import time

    from pipelines.ingest.redact import redact

    corpus = load_corpus()
    texts = [i["text"] for i in corpus["items"]] + [c["text"] for c in corpus["controls"]]
    texts = texts * repeat
    start = time.perf_counter()
    for text in texts:
        redact(text)
    rate = len(texts) / (time.perf_counter() - start)
    nasty = ("Via " + "Aaaa " * 200 + "\n") + ("1 " * 2000) + ("Mario " * 500)
    start = time.perf_counter()
    redact(nasty)
    return rate, time.perf_counter() - start


def main() -> int:
    """Print recall per type; exit 1 if any type is below 0.9."""
    result = evaluate()
    print(f"{'type':<16}{'caught':>8}{'total':>8}{'recall':>9}")
    for kind in TYPES:
        print(
            f"{kind:<16}{result.caught[kind]:>8}{result.total[kind]:>8}{result.recall(kind):>9.1%}"
        )
    total = sum(result.total.values())
    print(f"{'all':<16}{sum(result.caught.values()):>8}{total:>8}{result.overall:>9.1%}")
    n_keep = sum(len(c.get("keep", [])) for c in load_corpus().get("controls", []))
    print(f"controls: {n_keep - len(result.control_damage)}/{n_keep} non-personal fragments kept")
    for kind, value, redacted in result.misses:
        print(f"  miss {kind}: {value!r} -> {redacted[:120]!r}")
    for keep, redacted in result.control_damage:
        print(f"  over-redacted {keep!r}: {redacted[:120]!r}")
    rate, nasty_s = throughput()
    print(f"speed: {rate:,.0f} texts/s (corpus texts, repeated); worst-case input {nasty_s:.3f} s")
    return 0 if all(result.recall(k) >= 0.9 for k in TYPES) else 1


if __name__ == "__main__":
    sys.exit(main())

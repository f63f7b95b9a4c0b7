"""Slot values of the demo texts (amounts, dates, places, codes) plausible at a document's date."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime, timedelta

from pipelines.demo.corpus import load_banks

__all__ = ["MONTHS", "Filler"]

MONTHS = ("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
          "settembre", "ottobre", "novembre", "dicembre")  # fmt: skip


def _date_phrase(f: Filler) -> str:
    d = f.when - timedelta(days=f.rng.randint(2, 40))
    m = MONTHS[d.month - 1]
    return f.rng.choice((f"il {d.day} {m}", f"il {d.day:02d}/{d.month:02d}", f"lo scorso {d.day} {m}",
                         f"il {d.day}/{d.month}/{d.year}", f"in data {d.day:02d}.{d.month:02d}.{d.year}"))  # fmt: skip


def _num(lo: int, hi: int) -> Callable[[Filler], str]:
    return lambda f: str(f.rng.randint(lo, hi))


_SLOTS: dict[str, Callable[[Filler], str]] = {
    "importo": lambda f: f.money(95, 480),
    "importo_small": lambda f: f.money(3, 45),
    "importo_mese": lambda f: f"{f.mese_base} euro",
    "importo_mese2": lambda f: f"{f.mese_base + f.rng.randint(5, 30)} [euro|€]",
    "data": _date_phrase,
    "mese": lambda f: MONTHS[(f.when - timedelta(days=f.rng.randint(0, 45))).month - 1],
    "anno": lambda f: str(f.when.year - f.rng.randint(1, 2)),
    "giorni": _num(8, 45),
    "giorni_pochi": _num(2, 7),
    "anni": _num(2, 25),
    "anni_eta": _num(72, 93),
    "contratto": lambda f: f"40{f.rng.randint(100000, 999999)}",
    "fattura": lambda f: f.rng.choice(
        (
            f"{f.when.year}/{f.rng.randint(1000000, 9999999)}",
            f"F{f.when.year % 100}-{f.rng.randint(100000, 999999)}",
        )
    ),
    "pratica": lambda f: f"RC-{f.when.year}-{f.rng.randint(100000, 999999)}",
    "pod": lambda f: f"IT001E{f.rng.randint(10000000, 99999999)}",
    "pdr": _num(10**13, 10**14 - 1),
    "tracking": lambda f: f"LUM{f.rng.randint(10**9, 10**10 - 1)}",
    "raccomandata": lambda f: f"15{f.rng.randint(10**9, 10**10 - 1)}",
    "lettura": _num(1200, 38000),
    "lettura2": _num(1200, 38000),
    "smc": lambda f: f"{f.rng.randint(4, 15) * 100} Smc",
    "kwh": lambda f: f"{f.rng.randint(15, 45) * 100} kWh",
    "cust": lambda f: f.customer or f"CL-{f.rng.randint(1, 999999):06d}",
    "app_ver": lambda f: f"5.0.{f.rng.randint(0, 3)}",
    "op": _num(1000, 4999),
}


class Filler:
    """Fills ``{slot}`` placeholders with values plausible at the document's date."""

    rng: random.Random
    when: datetime
    customer: str | None
    extra: dict[str, str]
    mese_base: int

    def __init__(
        self, rng: random.Random, when: datetime, customer: str | None, extra: dict[str, str]
    ) -> None:
        self.rng, self.when, self.customer, self.extra = rng, when, customer, extra
        self.mese_base = rng.randint(25, 75)  # so "da X a Y euro" rises consistently

    def __call__(self, name: str) -> str:
        if name in self.extra:
            return self.extra[name]
        if name in _SLOTS:
            return _SLOTS[name](self)
        bank = load_banks().get(f"slot.{name}")
        if bank is None:
            raise KeyError(f"unknown slot {{{name}}}")
        return self.rng.choice(bank)  # may hold [a|b] choices, expanded by the caller

    def money(self, lo: float, hi: float) -> str:
        """An amount between ``lo`` and ``hi`` euro, written one of the usual ways."""
        whole, cents = f"{self.rng.uniform(lo, hi):.2f}".split(".")
        forms = (f"€ {whole},{cents}", f"{whole},{cents} €", f"{whole},{cents} euro",
                 f"{whole} euro", f"€{whole}", f"{whole}€")  # fmt: skip
        return self.rng.choice(forms)

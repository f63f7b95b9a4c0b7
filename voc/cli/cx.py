"""What ``voc insights`` prints about surveys, drivers and service levels."""

from __future__ import annotations

from typing import Any

from voc.cli.common import _guard, _table, console

_METRIC = {"nps": "NPS", "csat": "CSAT", "rating": "voto in stelle"}


def _missing(value: Any) -> bool:
    import pandas as pd

    return value is None or bool(pd.isna(value))


def _num(value: Any, fmt: str = "{:+.1f}") -> str:
    if _missing(value):
        return "–"
    return fmt.format(value).replace(".", ",")


def _text(value: Any, default: str) -> str:
    return default if _missing(value) else str(value)


def print_week_cx(settings: Any, week: str) -> None:
    """Print the week's NPS/CSAT/CES, its top three NPS drivers and its ticket service levels."""
    import pandas as pd

    from pipelines.steps.cx import week_cx

    cx = _guard(lambda: week_cx(settings, week))
    if len(cx.scores):
        s = cx.scores.iloc[0]
        change = _text(s["nps_change"], "prima settimana")
        line = (
            f"NPS {_num(s['nps'], '{:+.0f}')} (95%: {_num(s['nps_low'], '{:+.0f}')} … "
            f"{_num(s['nps_high'], '{:+.0f}')}, {int(s['n_nps'])} risposte; "
            f"rispetto alla settimana prima: {change})"
        )
        if s["n_csat"]:
            line += f" · CSAT {_num(s['csat'], '{:.0f}')}% ({_text(s['csat_change'], '–')})"
        if s["n_ces"]:
            line += f" · CES {_num(s['ces_mean'], '{:.1f}')}"
        console.print(line, highlight=False)
    else:
        console.print("Nessuna risposta a sondaggi in questa settimana.")
    if len(cx.drivers):
        rows = pd.DataFrame(
            {
                "tema": cx.drivers["theme_label"],
                "menzioni": cx.drivers["n_mentions"],
                "impatto": [f"{_num(v)} [{_num(lo)}, {_num(hi)}]" for v, lo, hi in
                            cx.drivers[["impact", "impact_low", "impact_high"]].to_numpy()],
                "effetto": [f"{_num(v)} [{_num(lo)}, {_num(hi)}]" for v, lo, hi in
                            cx.drivers[["effect", "effect_low", "effect_high"]].to_numpy()],
                "recupero": [_num(v) for v in cx.drivers["gain"]],
            }
        )  # fmt: skip
        weeks = int(cx.drivers["weeks"].iat[0])
        console.print(_table(f"Cosa pesa sull'NPS (ultime {weeks} settimane): i primi 3", rows))
    if len(cx.tickets):
        t = cx.tickets.iloc[0]
        breach = t["first_response_breach_rate"]
        console.print(
            f"Ticket: {int(t['tickets'])}, prima risposta mediana "
            f"{_num(t['first_response_median'], '{:.1f}')} ore lavorative, fuori SLA "
            f"{_num(None if _missing(breach) else 100 * breach, '{:.0f}')}%, "
            f"arretrato {_num(t['backlog'], '{:.0f}')}",
            highlight=False,
        )

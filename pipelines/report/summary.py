"""The summary at the top of the report: the week in a few plain Italian sentences."""

from __future__ import annotations

from typing import Any

from pipelines.report.emerging import NO_ALERTS
from pipelines.report.fmt import DASH, join_it

__all__ = ["summary"]


def summary(kpis: dict[str, Any], emerging: dict[str, Any], churn: dict[str, Any]) -> list[str]:
    """Three or four plain sentences a director reads before anything else.

    Args:
        kpis: the KPI section (:func:`pipelines.report.kpis.kpis`).
        emerging: the emerging-complaints section.
        churn: the churn-risk section.
    """
    cards = {card["key"]: card for card in kpis["cards"]}
    compare = (
        f"rispetto alla media delle {kpis['n_previous']} settimane precedenti"
        if kpis["n_previous"] > 1
        else "rispetto alla settimana precedente"
    )
    lines = []
    volume = cards["volume"]
    if kpis["n_previous"]:
        lines.append(f"{volume['value']} documenti analizzati ({volume['delta']} {compare}).")
    else:
        lines.append(f"{volume['value']} documenti analizzati (nessuno storico per il confronto).")
    share, net = cards["share_negativo"], cards["net_sentiment"]
    if share["value"] != DASH:
        lines.append(
            f"Quota di negativi {share['value']} ({share['delta']}), sentiment netto "
            f"{net['value']} ({net['delta']})."
        )
    active = emerging["active"]
    if active:
        names = [a["label"] for a in active[:3]]
        more = f" e altre {len(active) - 3}" if len(active) > 3 else ""
        noun = "lamentela emergente" if len(active) == 1 else "lamentele emergenti"
        taken = sum(1 for a in active if a.get("triage"))
        triaged = f" ({taken} già gestite dal team)" if taken else ""
        lines.append(f"{len(active)} {noun}: {join_it(names)}{more}{triaged}.")
    else:
        lines.append(NO_ALERTS + ".")
    high = churn.get("counts", {}).get("alto")
    if churn.get("available") and high:
        noun = "cliente" if high == "1" else "clienti"
        lines.append(f"{high} {noun} a rischio alto di abbandono.")
    return lines

"""Ground truth of a demo data set: what was planted, where, and the label of every document.

Document ids are the source ids as strings (ticket ids are integers in ``tickets.json``);
weeks are 1-based and run Monday to Sunday from ``start``; timestamps are naive UTC.
"""

from __future__ import annotations

from datetime import timedelta

from pipelines.demo.corpus import CATEGORIES
from pipelines.demo.events import FADING_CURVE
from pipelines.demo.surveys import survey_truth
from pipelines.demo.world import BRAND_HANDLE, CHANNELS, OUTAGE, Doc, World

__all__ = ["THEMES", "ground_truth"]

#: What each category's phrase banks (banks.txt) plant, in words a theme name should share
#: (benchmarks/theme_names.py checks the names of the themes holding each category).
THEMES: dict[str, str] = {
    "fatturazione_bollette": "Fatturazione e bollette: bolletta errata o troppo alta, addebiti, "
    "sollecito di pagamento, domiciliazione, fattura",
    "consegna_spedizioni": "Consegna, spedizioni e attivazione: ritardo nell'attivazione della "
    "fornitura o della fibra, modem non consegnato, appuntamento con il tecnico, voltura, allaccio",
    "assistenza_clienti": "Assistenza clienti: attese al numero verde, nessuna risposta alle "
    "segnalazioni, richiamata, operatore, chat, pratica",
    "prezzi_tariffe": "Prezzi e tariffe: aumento o rimodulazione della tariffa, offerte, prezzo "
    "diverso da quello concordato, sconto",
    "qualita_prodotto_servizio": "Qualità del prodotto o servizio: modem o router difettoso, "
    "sbalzi di tensione, interruzioni, copertura mobile",
    "app_sito": "App e sito web: accesso e login all'area clienti, app che si blocca, errore nel "
    "pagamento online, sito",
    "rete_connessione": "Rete e connessione: guasto della linea fibra o internet, lentezza, "
    "velocità della connessione, linea assente",
    "rimborsi_resi": "Rimborsi e resi: rimborso del deposito cauzionale, nota di credito, credito "
    "residuo, rimborso non ricevuto",
    "contratto_disdetta": "Contratto e disdetta: voltura, subentro, cessazione, contratto non "
    "richiesto, trasloco, disdetta, recesso",
    "cortesia_personale": "Cortesia e competenza del personale: comportamento dell'operatore, "
    "scortesia, maleducazione, ringraziamento al tecnico, gentilezza",
    "letture_conguagli": "Letture e conguagli: conguaglio, lettura errata del contatore, "
    "autolettura, consumi stimati",
}


def ground_truth(world: World, by_kind: dict[str, list[Doc]]) -> dict[str, object]:
    """The ``ground_truth.json`` object of ``world``; ``by_kind`` lists documents in file order."""
    valid = [d for d in world.docs if d.invalid is None]
    weeks = range(1, world.weeks + 1)

    def iso(week: int) -> str:
        y, wk, _ = (world.start + timedelta(days=7 * (week - 1))).isocalendar()
        return f"{y}-W{wk:02d}"

    def ids(docs: list[Doc]) -> dict[str, list[str]]:
        return {k: [d.id for d in docs if d.kind == k] for k in by_kind}

    def weekly(docs: list[Doc]) -> list[int]:
        counts = [0] * world.weeks
        for d in docs:
            counts[world.week_of(d.ts) - 1] += 1
        return counts

    def event(name: str) -> list[Doc]:
        return [d for d in valid if d.event == name]

    def contacts(cids: list[str], key: str) -> dict[str, list[dict[str, object]]]:
        out: dict[str, list[dict[str, object]]] = {c: [] for c in cids}
        for d in valid:
            if d.customer in out and d.dup_of is None:
                item = {"kind": d.kind, "id": d.id, "week": world.week_of(d.ts),
                        "sentiment": d.sentiment}  # fmt: skip
                if key == "stage":
                    item["stage"] = d.stage
                out[d.customer].append(item)
        return out

    o_weeks = list(world.outage_weeks)
    o_start = world.start + timedelta(days=7 * (o_weeks[0] - 1))
    per_channel = {
        k: {ch: weekly([d for d in valid if d.kind == k and d.channel == ch]) for ch in CHANNELS[k]}
        for k in by_kind
    }
    emerging, fading = event("emerging"), event("fading")
    return {
        "generator": {"name": "pipelines.demo.generate", "seed": world.seed, "scale": world.scale,
                      "start": world.start.isoformat(), "weeks": world.weeks},
        "company": "Lumenia",
        "notes": "Ids are source ids as strings; weeks are 1-based Monday-Sunday from start; "
        "timestamps are naive UTC. Brand-account replies are written by the company.",
        "taxonomy": dict(CATEGORIES.values()),
        "themes": THEMES,
        "weeks": [{"week": w, "iso_week": iso(w),
                   "start": (world.start + timedelta(days=7 * (w - 1))).isoformat()} for w in weeks],
        "counts": {
            "rows": {k: len(v) for k, v in by_kind.items()},
            "valid_rows": {k: sum(d.invalid is None for d in v) for k, v in by_kind.items()},
            "total_rows": len(world.docs),
            "weekly_by_channel": per_channel,
        },
        "events": {
            "emerging": {
                "name": "doppio_addebito_app",
                "description": "Doppio addebito della bolletta dopo l'aggiornamento dell'app MyLumenia",
                "category": "fatturazione_bollette", "secondary_category": "app_sito",
                "key_phrases": ["doppio addebito", "addebitato due volte", "aggiornamento dell'app",
                                "MyLumenia", "pagamento duplicato"],
                "onset_week": world.onset, "onset_iso_week": iso(world.onset),
                "weekly_counts": weekly(emerging), "n_docs": len(emerging), "ids": ids(emerging),
            },
            "fading": {
                "name": "ritardi_attivazione_fibra",
                "description": "Ritardi nell'attivazione della fibra, forti nelle prime settimane",
                "category": "consegna_spedizioni",
                "key_phrases": ["attivazione della fibra", "tecnico", "in lavorazione", "ritardo"],
                "peak_weeks": list(range(1, min(5, world.weeks) + 1)),
                "back_to_baseline_week": min(len(FADING_CURVE), world.weeks) + 1,
                "weekly_counts": weekly(fading), "n_docs": len(fading), "ids": ids(fading),
                "note": "counts are the planted documents only; 'attivazione' also has a small "
                "background of generic activation complaints",
            },
            "churn_cohort": {
                "customer_ids": list(world.cohort), "n_customers": len(world.cohort),
                "description": "contacts get more frequent and more negative; the last one "
                "(stage 3) states intent to leave",
                "churn_phrases": ["disdetta", "recesso", "portabilità", "passo a un altro operatore",
                                  "cambio fornitore", "reclamo ARERA/AGCOM/Corecom"],
                "contacts": contacts(world.cohort, "stage"),
            },
            "hard_negatives": {
                "customer_ids": list(world.hardneg), "n_customers": len(world.hardneg),
                "description": "repeatedly angry customers who say they do not want to leave",
                "contacts": contacts(world.hardneg, "none"),
            },
            "channel_outage": {
                "kind": OUTAGE[0], "channel": OUTAGE[1], "weeks": o_weeks,
                "iso_weeks": [iso(w) for w in o_weeks], "start": o_start.isoformat(),
                "end_exclusive": (o_start + timedelta(days=14)).isoformat(),
            },
        },
        "invalid_rows": {
            "counts": {k: sum(d.invalid is not None for d in v) for k, v in by_kind.items()},
            "total": sum(d.invalid is not None for d in world.docs),
            "rows": [{"kind": d.kind, "id": d.id, "source_row": by_kind[d.kind].index(d) + 1,
                      "field": d.invalid[0], "problem": d.invalid[1]}
                     for d in world.docs if d.invalid],
        },
        "non_italian": {
            "count": sum(d.lang != "it" for d in valid),
            "by_language": {g: sum(d.lang == g for d in valid) for g in ("en", "es", "fr")},
            "ids": ids([d for d in valid if d.lang != "it"]),
        },
        "near_duplicates": {
            "count": sum(d.dup_of is not None for d in valid),
            "pairs": [{"kind": d.kind, "id": d.id, "duplicate_of": d.dup_of.id}
                      for d in valid if d.dup_of is not None],
        },
        "pii": {
            "count": sum(bool(d.pii) for d in world.docs),
            "docs": [{"kind": d.kind, "id": d.id, "items": [{"type": t, "value": v} for t, v in d.pii]}
                     for d in world.docs if d.pii],
        },
        "surveys": survey_truth(world.surveys),
        "sla": world.operations,
        "brand_accounts": [BRAND_HANDLE],
        "html_ticket_comments": sum(c[2].startswith("<div>") for d in by_kind["tickets"] for c in d.comments),
        "labels": {k: {d.id: {"category": d.category, "sentiment": d.sentiment, "language": d.lang}
                       for d in v if d.invalid is None and not d.brand} for k, v in by_kind.items()},
    }  # fmt: skip

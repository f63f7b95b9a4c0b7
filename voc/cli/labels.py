"""Human labels, the review queue and churn follow-ups: ``voc label``, ``voc queue export``,
``voc churn list|followup``: the same steps the workbench app calls (docs/labels.md).

A label is queued first and applied at once when the database is free; while a pipeline run
holds it, it waits ("in attesa") and the run applies it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import pandas as pd
import typer

from pipelines.errors import VocError
from voc.cli.common import DbOption, _guard, _now, _settings, _table, console
from voc.cli.curation import WhoOption, _done, _who


def label(
    doc_id: Annotated[
        str | None, typer.Argument(help="The document (its doc_id, e.g. reviews:R-1).")
    ] = None,
    sentiment: Annotated[
        str | None, typer.Option("--sentiment", help="negativo | neutro | positivo")
    ] = None,
    theme: Annotated[
        str | None, typer.Option("--theme", help="Theme id (voc topics list) or 'nessuno'.")
    ] = None,
    churn_intent: Annotated[
        str | None, typer.Option("--churn-intent", help="si | no: the text announces leaving.")
    ] = None,
    escalation: Annotated[str | None, typer.Option("--escalation", help="si | no")] = None,
    from_file: Annotated[
        Path | None,
        typer.Option("--from", help="CSV of labels (the file of 'voc queue export', filled in)."),
    ] = None,
    who: WhoOption = None,
    db: DbOption = None,
) -> None:
    """Label a document by hand: the label wins over the model in every view and the report,
    and the next 'voc retrain sentiment' learns from it.

    Esempio: voc label reviews:R-1 --sentiment negativo --theme 4
    Esempio: voc label --from coda.csv
    """
    from pipelines import steps

    settings = _settings(db)
    if from_file is not None:
        if doc_id is not None:
            _guard(lambda: _fail("indica un documento oppure --from FILE, non entrambi"))
        _done(_guard(lambda: steps.import_labels(settings, from_file, who=_who(who), now=_now())))
        return
    if doc_id is None:
        _guard(lambda: _fail("indica il documento (DOC_ID) oppure --from FILE"))
        return
    values = {"sentiment": sentiment, "theme": theme, "churn_intent": churn_intent,
              "escalation": escalation}  # fmt: skip
    _done(
        _guard(
            lambda: steps.label_document(
                settings, doc_id, values, who=_who(who), now=_now(), source="cli"
            )
        )
    )


def _fail(message: str) -> None:
    raise VocError(message)


def queue_export(
    path: Annotated[Path, typer.Argument(help="The CSV to write.")],
    n: Annotated[int, typer.Option("--n", help="How many documents.")] = 200,
    db: DbOption = None,
) -> None:
    """Write the review queue: the documents whose labels would teach the model most
    (uncertain, varied, recent, in the themes people look at). Fill in the 'sentiment' column
    (and 'tema', 'abbandono' if you like), then 'voc label --from FILE'.

    Esempio: voc queue export --n 200 coda.csv
    """
    from pipelines import steps

    settings = _settings(db)
    result = _guard(lambda: steps.export_queue(settings, path, n, _now()))
    console.print(f"{result['rows']} documenti da etichettare in {result['path']}")


def churn_list(
    limit: Annotated[int, typer.Option("--limit", help="How many customers.")] = 20,
    db: DbOption = None,
) -> None:
    """The customers most at risk of leaving, with the follow-up already recorded.

    Esempio: voc churn list --limit 50
    """
    from pipelines import steps

    settings = _settings(db)
    rows = _guard(lambda: steps.at_risk_customers(settings, limit))
    frame = pd.DataFrame(rows)
    if frame.empty:
        console.print("Nessun cliente a rischio: esegui 'voc insights'.")
        return
    frame["seguito"] = frame["followup"].fillna("—")
    cols = ["customer_id", "rischio", "livello", "motivi", "seguito"]
    console.print(_table("Clienti a rischio", frame[cols]))


def churn_followup(
    customer_id: Annotated[str, typer.Argument(help="The customer (as in 'voc churn list').")],
    state: Annotated[str, typer.Argument(help="contattato | trattenuto | perso")],
    note: Annotated[str | None, typer.Option("--note", help="A note (one line).")] = None,
    who: WhoOption = None,
    db: DbOption = None,
) -> None:
    """Record the follow-up of an at-risk customer; it is a churn outcome ('perso' has the
    churn date), so the next 'voc insights' fits the churn weights on the team's follow-ups.

    Esempio: voc churn followup CL-000123 trattenuto --note "sconto 3 mesi"
    """
    from pipelines import steps

    settings = _settings(db)
    _done(
        _guard(
            lambda: steps.follow_up(
                settings, customer_id, state, note=note, who=_who(who), now=_now(), source="cli"
            )
        )
    )

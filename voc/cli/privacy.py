"""Personal data on request: ``voc forget`` (GDPR erasure of one customer)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from voc.cli.common import DbOption, _guard, _now, _settings, console, err

#: Italian names of the tables and lists a CX manager reads in the summary.
_LABELS = {
    "documents": "documenti",
    "ticket_comments": "commenti dei ticket",
    "enrichments": "arricchimenti (sentiment, temi)",
    "doc_topics": "aspetti per tema",
    "doc_lsh": "chiavi anti-duplicati",
    "doc_lsh_indexed": "indice anti-duplicati",
    "embeddings": "embedding in cache",
    "churn_risk": "righe di rischio abbandono",
    "churn_outcomes": "esiti di abbandono",
    "churn_followups": "contatti di follow-up (con le note)",
    "labels": "etichette umane",
    "quarantine": "righe in quarantena",
    "staging": "record in staging",
    "alerts.quotes": "citazioni negli alert",
    "topics.quotes": "citazioni nei temi",
}


def forget(
    customer_id: Annotated[
        str, typer.Argument(help="The customer's id as in the exports (customer_id, requester_id).")
    ],
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
    export: Annotated[
        list[Path] | None,
        typer.Option("--export", help="BI export folder to write again (default: ./export)."),
    ] = None,
    no_rewrite: Annotated[
        bool,
        typer.Option(
            "--no-rewrite",
            help="Do not rewrite the database file (to erase many customers, the last without it).",
        ),
    ] = False,
    db: DbOption = None,
) -> None:
    """Erase a customer (GDPR): documents, comments, scores, embeddings, churn rows, quotes.

    Esempio: voc forget CL-000123 --yes
    """
    from pipelines.steps.forget import forget_customer

    settings = _settings(db)
    folders = export if export else [p for p in [Path("export")] if p.is_dir()]
    if not yes:
        preview = _guard(lambda: forget_customer(settings, customer_id, _now(), dry_run=True))
        _print_counts(preview, "Da cancellare")
        if not preview.documents and not preview.removed:
            console.print("Nessun dato di questo cliente nel database.")
        if not typer.confirm("Procedo con la cancellazione definitiva?", default=False):
            err.print("Nessuna modifica.")
            raise typer.Exit(1)
    result = _guard(
        lambda: forget_customer(
            settings, customer_id, _now(), export_dirs=folders, rewrite=not no_rewrite
        )
    )
    _print_counts(result, "Cancellato")
    if result.file_rewritten:
        console.print("File del database riscritto senza i dati cancellati.")
    for folder in result.exports:
        console.print(f"Export BI riscritto: [bold]{folder}[/]")
    for item in result.left:
        console.print(f"[yellow]Resta da fare:[/] {item}", highlight=False)
    if result.run_id:
        console.print(
            f"Registrato come {result.run_id} (cliente: sha256 {result.customer_hash[:12]}…)"
        )


def _print_counts(result: Any, title: str) -> None:
    console.print(f"[bold]{title}[/]: {result.documents} documenti del cliente")
    for name, count in {**result.removed, **result.quotes}.items():
        if name == "documents":
            continue
        label = _LABELS.get(name, name)
        if name.startswith("file "):
            label = f"citazioni nel modello dei temi {name.removeprefix('file ')}"
        console.print(f"  {label}: {count}", highlight=False)
    if result.released_duplicates:
        console.print(
            "  documenti di altri clienti che erano suoi duplicati, ora originali (ricontrollati "
            f"al prossimo import): {result.released_duplicates}",
            highlight=False,
        )

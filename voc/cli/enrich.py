"""Models on documents and files: ``voc enrich``, ``voc score``, ``voc topics fit``, ``voc evaluate``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from voc.cli.common import (
    DbOption,
    _config_arg,
    _guard,
    _now,
    _progress,
    _settings,
    _table,
    console,
)


def enrich(
    task_runner: Annotated[
        str,
        typer.Option(
            "--task-runner",
            help="local (in-process, progress bar) | sequential (Prefect flow) | dask.",
        ),
    ] = "local",
    dask_address: Annotated[
        str | None,
        typer.Option("--dask-address", help="Existing Dask scheduler, e.g. tcp://10.0.0.5:8786."),
    ] = None,
    db: DbOption = None,
) -> None:
    """Run sentiment, topics and churn intent on documents not yet enriched by the active models.

    Esempio: voc enrich --db voc.duckdb --task-runner dask
    """
    from pipelines import steps

    settings = _settings(db)
    if task_runner != "local" or dask_address:
        from flows.pipeline_flows import enrich_flow_with

        runner = "dask" if dask_address else task_runner
        flow = _guard(lambda: enrich_flow_with(runner, dask_address))
        stats = _guard(lambda: flow(db=str(settings.db), config=_config_arg(), now=_now()))
    else:
        with _progress() as progress:
            stats = _guard(lambda: steps.enrich(settings, _now(), progress))
    console.print(
        f"Arricchiti {stats.get('enriched', 0)} documenti "
        f"({stats.get('embedded', 0)} nuovi embedding). "
        f"Modelli: {stats.get('sentiment_model', '–')}, {stats.get('topic_model', '–')}; "
        f"embedder {stats.get('embedder', '–')}"
    )
    mismatch = stats.get("sentiment_embedder_mismatch")
    if mismatch:
        console.print(
            f"[bold yellow]Attenzione:[/] il modello di sentiment {mismatch['model']} è stato "
            f"addestrato sui vettori di {mismatch['trained_on']}, non su quelli dell'embedder "
            f"attivo: i punteggi di sentiment non sono affidabili. Esegui 'voc retrain "
            "sentiment' (o torna all'embedder con cui è stato addestrato)."
        )


def score(
    input: Annotated[Path, typer.Option("--input", help="CSV, JSONL or Parquet file to score.")],
    output: Annotated[
        Path, typer.Option("--output", help="Output file (.csv, .jsonl, .json, .parquet).")
    ],
    text_column: Annotated[
        str, typer.Option("--text-column", help="Column holding the text.")
    ] = "text",
    db: Annotated[
        Path | None, typer.Option("--db", help="Use this database's active models (optional).")
    ] = None,
) -> None:
    """Score any file without a database: sentiment, topic, churn intent, one row per input row.

    Esempio: voc score --input commenti.csv --output commenti_scored.csv --text-column testo
    """
    from pipelines import steps

    settings = _settings(None)
    with _progress() as progress:
        scored = _guard(
            lambda: steps.score_file(settings, input, output, text_column, db=db, progress=progress)
        )
    counts = scored["sentiment_label"].value_counts().to_dict()
    console.print(
        f"Scritte {len(scored)} righe in [bold]{output}[/]: "
        + ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
        + f"; intenzione di abbandono: {int(scored['churn_intent'].fillna(False).sum())}"
    )


def topics_fit(
    input: Annotated[Path, typer.Option("--input", help="CSV/JSONL/Parquet file.")],
    output: Annotated[
        Path, typer.Option("--output", help="Output file (.csv, .jsonl, .json, .parquet).")
    ],
    text_column: Annotated[str, typer.Option("--text-column")] = "text",
    min_cluster_size: Annotated[int, typer.Option("--min-cluster-size")] = 15,
    seed: Annotated[int, typer.Option("--seed")] = 42,
) -> None:
    """Fit a topic model on any file (no database); writes each row's topic, in input order.

    Esempio: voc topics fit --input recensioni.csv --text-column testo --output temi.csv
    """
    from pipelines import steps

    settings = _settings(None)
    with _progress() as progress:
        rows, topics = _guard(
            lambda: steps.fit_topics_file(
                settings,
                input,
                output,
                text_column=text_column,
                min_cluster_size=min_cluster_size,
                seed=seed,
                progress=progress,
            )
        )
    unassigned = float((rows["topic_id"] == -1).mean())
    console.print(
        f"Scritte {len(rows)} righe in [bold]{output}[/]; {len(topics)} temi, {unassigned:.0%} non assegnati"
    )
    console.print(_table("Temi", topics[["topic_id", "label", "size", "category"]]))


def evaluate_sentiment_cmd(
    input: Annotated[Path, typer.Option("--input", help="Labelled CSV/JSONL/Parquet.")],
    text_column: Annotated[str, typer.Option("--text-column")] = "text",
    label_column: Annotated[str, typer.Option("--label-column")] = "label",
    label_map: Annotated[
        str | None, typer.Option("--label-map", help="e.g. neg=negativo,neu=neutro,pos=positivo")
    ] = None,
    db: Annotated[
        Path | None,
        typer.Option(
            "--db", help="Evaluate this database's active model (default: the shipped one)."
        ),
    ] = None,
) -> None:
    """Macro-F1, per-class precision/recall/F1 and confusion matrix as JSON (stars map by default).

    Esempio: voc evaluate sentiment --input recensioni.csv --text-column testo --label-column stelle
    """
    from pipelines import steps

    settings = _settings(None)
    result = _guard(
        lambda: steps.evaluate_sentiment_file(
            settings,
            input,
            text_column=text_column,
            label_column=label_column,
            label_map=label_map,
            db=db,
        )
    )
    typer.echo(json.dumps(result, ensure_ascii=False, indent=2, default=str))

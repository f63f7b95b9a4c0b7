"""The model registry: ``voc models list|activate``, ``voc retrain topics|sentiment``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from voc.cli.common import DbOption, _guard, _now, _settings, _table, console


def models_list(db: DbOption = None) -> None:
    """List the registered models.

    Esempio: voc models list
    """
    from pipelines import steps

    settings = _settings(db)
    frame = _guard(lambda: steps.list_models(settings))
    cols = ["model_id", "task", "status", "created_at", "metrics"]
    console.print(_table("Modelli", frame[cols] if len(frame) else frame))


def models_activate(
    model_id: Annotated[str, typer.Argument(help="Model id from 'voc models list'.")],
    db: DbOption = None,
) -> None:
    """Make a model the active one of its task; the next 'voc enrich' re-scores with it.

    Esempio: voc models activate sentiment:stars-20261102T070000
    """
    from pipelines import steps

    settings = _settings(db)
    task = _guard(lambda: steps.activate_model(settings, model_id))
    console.print(f"Attivo per {task}: [bold]{model_id}[/]. Esegui 'voc enrich' per riapplicarlo.")


def retrain_topics(db: DbOption = None) -> None:
    """Refit the topic model on the rolling window; topic IDs and labels are kept.

    Esempio: voc retrain topics --db voc.duckdb
    """
    from pipelines import steps

    settings = _settings(db)
    result = _guard(lambda: steps.fit_topics(settings, _now()))
    console.print(
        f"Nuovo modello {result['model_id']}: {result['n_topics']} temi, "
        f"{result['outlier_share']:.0%} non assegnati. Esegui 'voc enrich' per riassegnare."
    )


def retrain_sentiment_cmd(
    labels: Annotated[
        Path | None, typer.Option("--labels", help="Optional CSV of human labels (text,label).")
    ] = None,
    finetune: Annotated[
        bool,
        typer.Option(
            "--finetune",
            help="Fine-tune the encoder's top layers too (CPU: a few minutes per 1,000 texts).",
        ),
    ] = False,
    db: DbOption = None,
) -> None:
    """Adapt sentiment to your domain with your star ratings; promoted only if better on a holdout.

    Esempio: voc retrain sentiment --labels etichette.csv --finetune
    """
    from pipelines.steps.retrain import retrain_sentiment

    settings = _settings(db)
    with console.status("Riaddestro il modello di sentiment…"):
        result = _guard(lambda: retrain_sentiment(settings, _now(), labels, finetune=finetune))
    typer.echo(json.dumps(result, ensure_ascii=False, indent=2, default=str))

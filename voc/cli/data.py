"""Getting data in: ``voc init``, ``voc ingest``, ``voc ingest-outcomes``, ``voc pull``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from pipelines.errors import VocError
from voc.cli.common import STATE, DbOption, _guard, _now, _settings, console


def init(db: DbOption = None) -> None:
    """Create or migrate the database and register the default models.

    Esempio: voc init --db voc.duckdb
    """
    from pipelines import steps

    settings = _settings(db)
    result = _guard(lambda: steps.init_db(settings, _now()))
    console.print(f"Database pronto: [bold]{result['db']}[/] (schema v{result['schema_version']})")


def ingest(
    kind: Annotated[str, typer.Argument(help="reviews | tickets | social | surveys")],
    path: Annotated[Path, typer.Argument(help="Input file.")],
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format", help="csv | jsonl | json | parquet | xlsx (default: from the extension)."
        ),
    ] = None,
    mapping: Annotated[
        Path | None,
        typer.Option("--mapping", help="YAML/JSON/TOML column renames {canonical: source}."),
    ] = None,
    db: DbOption = None,
) -> None:
    """Validate, normalise, redact and store a file of reviews, tickets, social posts or surveys.

    Esempio: voc ingest reviews export_trustpilot.csv --mapping pipelines/ingest/mappings/trustpilot.yaml
    """
    from pipelines import steps

    settings = _settings(db)
    with console.status(f"Importo {path.name}…"):
        result = _guard(
            lambda: steps.ingest_file(
                settings, kind, path, now=_now(), fmt=fmt, mapping_path=mapping
            )
        )
    _print_ingest(result)


def _print_ingest(result: Any) -> None:
    console.print(
        f"[bold]{Path(result.file).name}[/] ({result.kind}): {result.rows} righe → "
        f"[green]{result.inserted} nuove[/], {result.updated} aggiornate, "
        f"{result.unchanged} invariate, [yellow]{result.quarantined} in quarantena[/], "
        f"{result.duplicates} duplicati"
        + (f", {result.responses} risposte a sondaggi" if result.responses else "")
    )
    for reason, count in result.quarantine_reasons.items():
        console.print(f"   [yellow]quarantena[/] {count}× {reason}", highlight=False)


def ingest_outcomes(
    path: Annotated[Path, typer.Argument(help="CSV with customer_id, churned_at.")],
    db: DbOption = None,
) -> None:
    """Load known churn outcomes; the next 'voc insights' fits the churn weights on them.

    Esempio: voc ingest-outcomes disdette_2026.csv
    """
    from pipelines.steps.detect import ingest_churn_outcomes

    settings = _settings(db)
    result = _guard(lambda: ingest_churn_outcomes(settings, path, _now()))
    console.print(json.dumps(result, default=str, ensure_ascii=False))


def pull(
    source: Annotated[
        list[str] | None, typer.Option("--source", help="Only these [sources.NAME] (repeatable).")
    ] = None,
    db: DbOption = None,
) -> None:
    """Pull the sources configured in voc.toml ([sources.NAME]: zendesk, reviews_api, rest, folder).

    Esempio: ZENDESK_TOKEN=… voc pull --source helpdesk
    """
    from pipelines.sources import load_sources
    from pipelines.steps.pull import pull_source

    settings = _settings(db)
    config = Path(STATE["config"] or "voc.toml")

    def run_pull() -> dict[str, Any]:
        from pipelines import steps

        now = _now()
        steps.init_db(settings, now)
        configured = load_sources(config)
        unknown = set(source or []) - set(configured)
        if unknown:
            raise VocError(f"{config}: no [sources.{sorted(unknown)[0]}] section")
        return {
            name: pull_source(settings, cfg, now)
            for name, cfg in configured.items()
            if not source or name in source
        }

    for name, stats in _guard(run_pull).items():
        console.print(f"[bold]{name}[/]: {json.dumps(stats, default=str, ensure_ascii=False)}")

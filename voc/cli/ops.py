"""Whole-pipeline and operations commands: ``voc run``, ``voc demo``, ``voc doctor``, ``voc serve``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

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
from voc.cli.cx import print_week_cx
from voc.cli.data import _print_ingest
from voc.cli.insights import _print_alerts_and_churn, _print_detection, _print_insights


def run(
    inbox: Annotated[
        Path, typer.Option("--inbox", help="Folder with reviews*/tickets*/social* files.")
    ] = Path("inbox"),
    week: Annotated[str | None, typer.Option("--week", help="ISO week for the insights.")] = None,
    prefect: Annotated[
        bool,
        typer.Option("--prefect/--local", help="Run as a Prefect flow (ephemeral) or in-process."),
    ] = False,
    db: DbOption = None,
) -> None:
    """All steps: ingest every file in the inbox, enrich, then the week's insights.

    Esempio: voc run --inbox ./inbox --db voc.duckdb
    """
    settings = _settings(db)
    if prefect:
        from flows.pipeline_flows import weekly_flow

        result = _guard(
            lambda: weekly_flow(
                db=str(settings.db), inbox=str(inbox), week=week, config=_config_arg()
            )
        )
        console.print_json(json.dumps(result, default=str))
        return
    from pipelines import steps

    # The same weekly sequence as --prefect (steps.weekly_run), run in this process.
    with _progress() as progress:
        done = _guard(
            lambda: steps.weekly_run(
                settings, _now(), inbox=inbox, week=week, report_dir=Path("reports"),
                progress=progress,
            )
        )  # fmt: skip
    for ingested in done.ingested:
        _print_ingest(ingested)
    _print_detection(done.detection)
    if done.insights.tables is not None:
        _print_insights(done.insights.tables)
    else:
        console.print(f"[yellow]Settimana {done.week}:[/] {done.insights.note}", highlight=False)
    print_week_cx(settings, done.week)
    _print_alerts_and_churn(settings, done.week)
    if done.report is not None:
        console.print(f"Report scritto in [bold]{done.report}[/]")
    _print_bi(done.bi)


def demo(
    out: Annotated[
        Path, typer.Option("--out", help="Folder for the demo data and database.")
    ] = Path("voc_demo"),
    seed: Annotated[int, typer.Option("--seed", help="Generator seed.")] = 42,
    scale: Annotated[
        float, typer.Option("--scale", help="Volume multiplier (1.0 ≈ 5,500 documents).")
    ] = 1.0,
    db: DbOption = None,
) -> None:
    """Generate 16 weeks of a fictional company's feedback and run the whole pipeline on it.

    Esempio: voc demo --out voc_demo
    """
    from pipelines import steps

    settings = _settings(db or out / "voc.duckdb")
    with _progress() as progress:
        result = _guard(
            lambda: steps.run_demo(
                settings, _now(), out=out, seed=seed, scale=scale, fresh_db=db is None,
                progress=progress,
            )
        )  # fmt: skip
    manifest, summary, last_week = result.manifest, result.summary, result.run.week
    console.print(
        f"Dati demo in [bold]{out / 'data'}[/]: {manifest.n_reviews} recensioni, "
        f"{manifest.n_tickets} ticket, {manifest.n_social} post social, "
        f"{manifest.n_surveys} risposte a sondaggi"
    )
    for ingested in result.run.ingested:
        _print_ingest(ingested)
    console.print(
        f"\n[bold green]Fatto.[/] Database: [bold]{settings.db}[/]  Report: [bold]{result.run.report}[/]"
    )
    console.print(_table("Documenti per fonte", summary["per_kind"]))
    console.print(
        f"Settimane: {summary['first_week']} → {summary['last_week']} ({summary['n_weeks']}); "
        f"righe in quarantena: {summary['quarantined']}"
    )
    console.print(_table("Lamentele principali (tutto il periodo)", summary["top_complaints"]))
    print_week_cx(settings, last_week)
    _print_alerts_and_churn(settings, last_week)
    _print_bi(result.run.bi)
    console.print(
        "Viste per BI: v_documents, v_weekly_overview, v_weekly_topics, v_emerging_complaints, "
        "v_churn_risk, v_weekly_scores, v_theme_impact, v_ticket_operations. "
        f"Prova: voc insights --week {last_week} --db {settings.db}"
    )


def _print_bi(result: dict[str, Any]) -> None:
    """One line on the BI database a run published (nothing when ``bi_publish`` is off)."""
    if result.get("published"):
        console.print(
            f"Database per strumenti BI: [bold]{result['catalog']}[/] (settimana "
            f"{result['latest_week']}; aprilo in sola lettura e lascialo aperto, vedi docs/bi.md)"
        )


def doctor(
    backup: Annotated[bool, typer.Option("--backup", help="Copy the database file first.")] = False,
    rebuild: Annotated[
        bool,
        typer.Option(
            "--rebuild", help="Drop derived tables; the next 'voc enrich' recomputes them."
        ),
    ] = False,
    db: DbOption = None,
) -> None:
    """Check the database (integrity, consistency); back it up; rebuild derived tables.

    Esempio: voc doctor --backup --rebuild --db voc.duckdb
    """
    from pipelines.store.doctor import doctor as run_doctor

    settings = _settings(db)
    result = _guard(lambda: run_doctor(settings, backup=backup, rebuild=rebuild, now=_now()))
    console.print_json(json.dumps(result, default=str, ensure_ascii=False))


def serve(
    inbox: Annotated[
        Path, typer.Option("--inbox", help="Folder the scheduled ingest reads.")
    ] = Path("inbox"),
    db: DbOption = None,
) -> None:
    """Serve the prefect.yaml deployments (daily ingest/enrich, Monday report, monthly refit).

    Esempio: PREFECT_API_URL=http://127.0.0.1:4200/api voc serve --db /data/voc.duckdb
    """
    from flows.serve import serve_all

    settings = _settings(db)
    console.print(
        f"Servo le pianificazioni di prefect.yaml su [bold]{settings.db}[/] (Ctrl+C per fermare)"
    )
    _guard(lambda: serve_all(str(settings.db.resolve()), str(inbox.resolve()), _config_arg()))

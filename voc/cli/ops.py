"""Whole-pipeline and operations commands: ``voc run``, ``voc demo``, ``voc doctor``, ``voc serve``."""

from __future__ import annotations

import json
import shutil
from functools import partial
from pathlib import Path
from typing import Annotated, Any

import typer

from pipelines.errors import VocError
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
from voc.cli.data import _print_ingest
from voc.cli.insights import _print_alerts_and_churn, insights


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
    from pipelines.ingest.inbox import discover_inputs

    now = _now()
    _guard(lambda: steps.init_db(settings, now))
    for kind, path in _guard(lambda: discover_inputs(inbox)):
        _print_ingest(_guard(partial(steps.ingest_file, settings, kind, path, now=now)))
    with _progress() as progress:
        _guard(lambda: steps.enrich(settings, now, progress))
    insights(week=week, db=settings.db)
    _print_bi(_guard(lambda: steps.publish_bi(settings, now)))


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
    from pipelines.demo.generate import DEMO_COMPANY_NAMES, generate_demo
    from pipelines.steps.report import corpus_summary

    now = _now()
    db_path = db or out / "voc.duckdb"
    settings = _settings(db_path)
    if not settings.company_names:
        settings = settings.replace(company_names=DEMO_COMPANY_NAMES)

    def prepare() -> Any:
        if db_path.exists():
            if db is not None:
                raise VocError(
                    f"{db_path}: exists; the demo needs a fresh database (remove it or choose another --db)"
                )
            db_path.unlink()
            shutil.rmtree(db_path.parent / f"{db_path.stem}_models", ignore_errors=True)
        return generate_demo(out / "data", seed=seed, scale=scale)

    manifest = _guard(prepare)
    console.print(
        f"Dati demo in [bold]{out / 'data'}[/]: {manifest.n_reviews} recensioni, "
        f"{manifest.n_tickets} ticket, {manifest.n_social} post social"
    )
    _guard(lambda: steps.init_db(settings, now))
    for kind, path in (("reviews", manifest.reviews_path), ("tickets", manifest.tickets_path),
                       ("social", manifest.social_path)):  # fmt: skip
        _print_ingest(_guard(partial(steps.ingest_file, settings, kind, path, now=now)))
    with _progress() as progress:
        _guard(lambda: steps.enrich(settings, now, progress))

    summary = corpus_summary(settings)
    from pipelines.steps.detect import run_detection
    from pipelines.steps.report import write_report

    # The demo's "Monday morning" is the day after its last week: detection and the report
    # look at that week, whatever today's date is.
    last_week = summary["last_week"]
    with console.status("Rilevo lamentele emergenti e rischio di abbandono…"):
        _guard(lambda: run_detection(settings, last_week, now, notify=False))
    report_path = _guard(
        lambda: write_report(settings, last_week, out / f"report_{last_week}.html", now)
    )
    console.print(
        f"\n[bold green]Fatto.[/] Database: [bold]{settings.db}[/]  Report: [bold]{report_path}[/]"
    )
    console.print(_table("Documenti per fonte", summary["per_kind"]))
    console.print(
        f"Settimane: {summary['first_week']} → {summary['last_week']} ({summary['n_weeks']}); "
        f"righe in quarantena: {summary['quarantined']}"
    )
    console.print(_table("Lamentele principali (tutto il periodo)", summary["top_complaints"]))
    _print_alerts_and_churn(settings, last_week)
    _print_bi(_guard(lambda: steps.publish_bi(settings, now)))
    console.print(
        "Viste per BI: v_documents, v_weekly_overview, v_weekly_topics, v_emerging_complaints, "
        f"v_churn_risk. Prova: voc insights --week {last_week} --db {settings.db}"
    )


def _print_bi(result: dict[str, Any]) -> None:
    """One line on the BI database a run published (nothing when ``bi_publish`` is off)."""
    if result.get("published"):
        console.print(
            f"Database per strumenti BI: [bold]{result['catalog']}[/] (settimana "
            f"{result['latest_week']}; tienilo aperto in sola lettura, vedi docs/bi.md)"
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

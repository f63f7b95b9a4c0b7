"""The ``voc`` command line: thin wrappers over ``pipelines`` steps and ``flows``.

User mistakes end in one red line that says what to fix (``--verbose`` shows the traceback);
long work shows a rich progress bar and ends with a one-screen summary.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from pipelines.errors import VocError, storage_error_message

app = typer.Typer(
    help="Voice of customer per l'italiano: da recensioni, ticket e social a insight settimanali.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
models_app = typer.Typer(help="Model registry: list and activate models.", no_args_is_help=True)
evaluate_app = typer.Typer(help="Evaluate models on labelled files.", no_args_is_help=True)
retrain_app = typer.Typer(help="Retrain models.", no_args_is_help=True)
topics_app = typer.Typer(help="Topic model on files.", no_args_is_help=True)
app.add_typer(topics_app, name="topics")
app.add_typer(models_app, name="models")
app.add_typer(evaluate_app, name="evaluate")
app.add_typer(retrain_app, name="retrain")

console = Console(stderr=False)
err = Console(stderr=True)
STATE: dict[str, Any] = {"verbose": False, "config": None}
T = TypeVar("T")

DbOption = Annotated[
    Path | None,
    typer.Option("--db", help="DuckDB file (default ./voc.duckdb, or VOC_DB / voc.toml)."),
]


def _now() -> datetime:
    # The one place the CLI reads the clock: every step below takes "now" as a parameter.
    return datetime.now(UTC).replace(tzinfo=None)


def _settings(db: Path | None, **overrides: Any) -> Any:
    from pipelines.config import load_settings

    return load_settings(STATE["config"], db=db, **overrides)


def _config_arg() -> str | None:
    return str(STATE["config"]) if STATE["config"] else None


def _guard(fn: Callable[[], T]) -> T:
    """Run ``fn``; a user error becomes one red line and exit code 2."""
    try:
        return fn()
    except VocError as exc:
        if STATE["verbose"]:
            raise
        err.print(f"[bold red]Errore:[/] {exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    except KeyboardInterrupt:
        err.print("[red]Interrotto.[/] Nessun batch lasciato a metà: riesegui il comando.")
        raise typer.Exit(130) from None
    except Exception as exc:  # only storage failures (disk full, read-only) become one line
        message = storage_error_message(exc)
        if message is None or STATE["verbose"]:
            raise
        err.print(f"[bold red]Errore:[/] {message}", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None


class RichProgress:
    """Adapter from the pipeline's progress protocol to a rich progress bar."""

    def __init__(self, progress: Progress) -> None:
        self._progress = progress
        self._task: Any = None

    def start(self, description: str, total: int) -> None:
        """Begin a new bar."""
        if self._task is not None:
            self._progress.update(self._task, completed=self._progress.tasks[-1].total)
        self._task = self._progress.add_task(description, total=total)

    def advance(self, n: int) -> None:
        """Advance the current bar."""
        if self._task is not None:
            self._progress.advance(self._task, n)


@contextmanager
def _progress() -> Iterator[RichProgress]:
    with Progress(
        TextColumn("[bold blue]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=False,
        disable=not console.is_terminal and not os.environ.get("VOC_PROGRESS"),
    ) as bar:
        yield RichProgress(bar)


def _table(title: str, frame: Any, formats: dict[str, str] | None = None) -> Table:
    formats = formats or {}
    table = Table(title=title, title_justify="left", show_lines=False)
    for col in frame.columns:
        table.add_column(str(col), overflow="fold")
    for _, row in frame.iterrows():
        cells = []
        for col in frame.columns:
            value = row[col]
            if value is None or (isinstance(value, float) and value != value):
                cells.append("–")
            elif col in formats:
                cells.append(formats[col].format(value))
            else:
                cells.append(str(value))
        table.add_row(*cells)
    return table


@app.callback()
def main_options(
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Show details and tracebacks.")
    ] = False,
    config: Annotated[Path | None, typer.Option("--config", help="voc.toml to read.")] = None,
) -> None:
    """Voice of customer per l'italiano.

    Esempio: voc demo
    """
    STATE["verbose"] = verbose
    STATE["config"] = config
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(message)s"
    )


# --------------------------------------------------------------------------- init / ingest


@app.command()
def init(db: DbOption = None) -> None:
    """Create or migrate the database and register the default models.

    Esempio: voc init --db voc.duckdb
    """
    from pipelines import steps

    settings = _settings(db)
    result = _guard(lambda: steps.init_db(settings, _now()))
    console.print(f"Database pronto: [bold]{result['db']}[/] (schema v{result['schema_version']})")


@app.command()
def ingest(
    kind: Annotated[str, typer.Argument(help="reviews | tickets | social")],
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
    """Validate, normalise, redact and store a file of reviews, tickets or social posts.

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
    )
    for reason, count in result.quarantine_reasons.items():
        console.print(f"   [yellow]quarantena[/] {count}× {reason}", highlight=False)


# --------------------------------------------------------------------------- enrich / insights


@app.command()
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
        f"Modelli: {stats.get('sentiment_model', '–')}, {stats.get('topic_model', '–')}"
    )


@app.command()
def insights(
    week: Annotated[
        str | None, typer.Option("--week", help="ISO week YYYY-Www (default: latest).")
    ] = None,
    detect: Annotated[
        bool,
        typer.Option(
            "--detect/--no-detect", help="Also run emerging-complaint and churn detection."
        ),
    ] = True,
    db: DbOption = None,
) -> None:
    """Weekly insight tables, emerging complaints and customers at churn risk.

    Esempio: voc insights --week 2026-W40
    """
    from pipelines.report.insights import weekly_insights
    from pipelines.store.db import connect

    settings = _settings(db)

    def run() -> Any:
        con = connect(settings.db, read_only=True)
        try:
            return weekly_insights(con, week)
        finally:
            con.close()

    if detect:
        from pipelines.detect.run import run_detection

        with console.status("Rilevo lamentele emergenti e rischio di abbandono…"):
            det = _guard(lambda: run_detection(settings, week, _now()))
        _print_detection(det)
    result = _guard(run)
    _print_insights(result)
    if detect:
        _print_alerts_and_churn(settings, result.week)


def _print_detection(det: dict[str, Any]) -> None:
    keys = ("week", "alerts_new", "alerts_open", "alerts_total", "customers_scored", "churn_model")
    shown = {k: det[k] for k in keys if k in det}
    if shown:
        console.print("Rilevamento: " + ", ".join(f"{k}={v}" for k, v in shown.items()))


def _print_alerts_and_churn(settings: Any, week: str) -> None:
    from pipelines import store

    con = store.connect(settings.db, read_only=True)
    try:
        names = {r[0] for r in con.execute("SELECT view_name FROM duckdb_views()").fetchall()}
        if "v_emerging_complaints" in names:
            alerts = con.execute(
                "SELECT status, topic_label, channel, kind, volume, round(baseline, 1) AS baseline,"
                " round(z_score, 1) AS z, round(severity, 1) AS severity FROM v_emerging_complaints"
                " WHERE iso_week = ? ORDER BY severity DESC LIMIT 10",
                [week],
            ).df()
            console.print(_table("Lamentele emergenti", alerts) if len(alerts)
                          else "Nessuna lamentela emergente questa settimana.")  # fmt: skip
        if "v_churn_risk" in names:
            churn = con.execute(
                "SELECT customer_id, round(risk_score, 2) AS rischio, risk_level AS livello,"
                " array_to_string(reasons[1:3], '; ') AS motivi, contacts_30d"
                " FROM v_churn_risk ORDER BY risk_score DESC LIMIT 10"
            ).df()
            if len(churn):
                console.print(_table("Clienti a rischio di abbandono", churn))
    finally:
        con.close()


def _print_insights(result: Any) -> None:
    pct = "{:.0%}"
    num = "{:+.2f}"
    console.print(f"\n[bold]Settimana {result.week}[/]")
    if len(result.overview):
        row = result.overview.iloc[0]
        rating = row["mean_rating"]
        rating_text = "–" if rating is None or rating != rating else f"{rating:.2f}"
        console.print(
            f"Volume {int(row['volume'])}, negativi {row['share_negativo']:.0%}, "
            f"sentiment netto {row['net_sentiment']:+.2f}, voto medio {rating_text}"
        )
    console.print(
        _table(
            "Per tipo e canale",
            result.by_kind,
            {"share_negativo": pct, "net_sentiment": num, "mean_rating": "{:.2f}",
             "net_sentiment_delta": num, "volume_delta": "{:+.0f}"},
        )
    )  # fmt: skip
    console.print(
        _table(
            "Temi principali",
            result.top_topics,
            {"share": pct, "share_negativo": pct, "mean_sentiment": num, "volume_delta": "{:+.0f}"},
        )
    )
    console.print(
        _table("Lamentele principali", result.top_complaints,
               {"share_negativo": pct, "mean_sentiment": num})
    )  # fmt: skip


# --------------------------------------------------------------------------- run / demo


@app.command()
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
    _print_alerts_and_churn(settings, done.week)
    if done.report is not None:
        console.print(f"Report scritto in [bold]{done.report}[/]")


@app.command()
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
        f"{manifest.n_tickets} ticket, {manifest.n_social} post social"
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
    _print_alerts_and_churn(settings, last_week)
    console.print(
        "Viste per BI: v_documents, v_weekly_overview, v_weekly_topics, v_emerging_complaints, "
        f"v_churn_risk. Prova: voc insights --week {last_week} --db {settings.db}"
    )


# --------------------------------------------------------------------------- score


@app.command()
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


# --------------------------------------------------------------------------- models


@models_app.command("list")
def models_list(db: DbOption = None) -> None:
    """List the registered models.

    Esempio: voc models list
    """
    from pipelines import store

    settings = _settings(db)

    def run_list() -> Any:
        con = store.connect(settings.db, read_only=True)
        try:
            return store.list_models(con)
        finally:
            con.close()

    frame = _guard(run_list)
    cols = ["model_id", "task", "status", "created_at", "metrics"]
    console.print(_table("Modelli", frame[cols] if len(frame) else frame))


@models_app.command("activate")
def models_activate(
    model_id: Annotated[str, typer.Argument(help="Model id from 'voc models list'.")],
    db: DbOption = None,
) -> None:
    """Make a model the active one of its task; the next 'voc enrich' re-scores with it.

    Esempio: voc models activate sentiment:stars-20261102T070000
    """
    from pipelines import store

    settings = _settings(db)

    def run_activate() -> str:
        con = store.connect(settings.db)
        try:
            return store.activate_model(con, model_id)
        finally:
            con.close()

    task = _guard(run_activate)
    console.print(f"Attivo per {task}: [bold]{model_id}[/]. Esegui 'voc enrich' per riapplicarlo.")


@retrain_app.command("topics")
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


@app.command()
def report(
    out: Annotated[Path, typer.Option("--out", help="HTML file to write.")] = Path("report.html"),
    week: Annotated[
        str | None, typer.Option("--week", help="ISO week (default: the last closed week).")
    ] = None,
    db: DbOption = None,
) -> None:
    """Write the weekly report: one self-contained HTML file in Italian (opens offline).

    Esempio: voc report --week 2026-W43 --out report_W43.html
    """
    from pipelines.report.render import write_report

    settings = _settings(db)
    with console.status("Preparo il report…"):
        path = _guard(lambda: write_report(settings, week, out, _now()))
    console.print(f"Report scritto in [bold]{path}[/] ({path.stat().st_size / 1e6:.1f} MB)")


@app.command()
def export(
    out: Annotated[Path, typer.Option("--out", help="Destination folder.")] = Path("export"),
    fmt: Annotated[str, typer.Option("--format", help="parquet | csv")] = "parquet",
    db: DbOption = None,
) -> None:
    """Export the public views as files partitioned by week (for BI tools that prefer files).

    Esempio: voc export --format parquet --out ./export
    """
    from pipelines import store
    from pipelines.report.export import export_views

    settings = _settings(db)

    def run_export() -> Any:
        con = store.connect(settings.db, read_only=True)
        try:
            return export_views(con, out, fmt)
        finally:
            con.close()

    result = _guard(run_export)
    for view, info in result.items():
        console.print(
            f"{view}: {info.get('rows')} righe, {info.get('partitions')} partizioni → {info.get('path')}"
        )


@app.command()
def status(db: DbOption = None) -> None:
    """What is in the database: documents per kind and week, last runs, models, open alerts.

    Esempio: voc status --db voc.duckdb
    """
    from pipelines import store
    from pipelines.report.status import gather_status

    settings = _settings(db)

    def run_status() -> Any:
        con = store.connect(settings.db, read_only=True)
        try:
            return gather_status(con)
        finally:
            con.close()

    info = _guard(run_status)
    import pandas as pd

    for key, value in info.items():
        if isinstance(value, pd.DataFrame):
            console.print(_table(key.replace("_", " ").capitalize(), value))
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            console.print(_table(key.replace("_", " ").capitalize(), pd.DataFrame(value)))
        else:
            console.print(f"[bold]{key}[/]: {value}")


@app.command()
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


@app.command("ingest-outcomes")
def ingest_outcomes(
    path: Annotated[Path, typer.Argument(help="CSV with customer_id, churned_at.")],
    db: DbOption = None,
) -> None:
    """Load known churn outcomes; the next 'voc insights' fits the churn weights on them.

    Esempio: voc ingest-outcomes disdette_2026.csv
    """
    from pipelines.detect.run import ingest_churn_outcomes

    settings = _settings(db)
    result = _guard(lambda: ingest_churn_outcomes(settings, path, _now()))
    console.print(json.dumps(result, default=str, ensure_ascii=False))


@evaluate_app.command("sentiment")
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
    from models.embeddings import make_embedder
    from models.registry import default_sentiment_entry, load_sentiment
    from pipelines.enrich.evaluate import evaluate_sentiment

    settings = _settings(None)

    def run_eval() -> Any:
        path = default_sentiment_entry().artifact_path
        if db is not None:
            from pipelines import store

            con = store.connect(db, read_only=True)
            try:
                row = store.active_model(con, "sentiment")
            finally:
                con.close()
            path = row["artifact_path"] if row else path
        model = load_sentiment(path, settings.sentiment_label_map)
        embedder = make_embedder(settings.embedder, settings.embed_batch_size)
        return evaluate_sentiment(
            input, text_column, label_column, label_map, model, embedder=embedder
        )

    result = _guard(run_eval)
    typer.echo(json.dumps(result, ensure_ascii=False, indent=2, default=str))


@retrain_app.command("sentiment")
def retrain_sentiment_cmd(
    labels: Annotated[
        Path | None, typer.Option("--labels", help="Optional CSV of human labels (text,label).")
    ] = None,
    db: DbOption = None,
) -> None:
    """Adapt sentiment to your domain with your star ratings; promoted only if better on a holdout.

    Esempio: voc retrain sentiment --labels etichette.csv
    """
    from pipelines.steps.retrain import retrain_sentiment

    settings = _settings(db)
    with console.status("Riaddestro il modello di sentiment…"):
        result = _guard(lambda: retrain_sentiment(settings, _now(), labels))
    typer.echo(json.dumps(result, ensure_ascii=False, indent=2, default=str))


@topics_app.command("fit")
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
    from models.embeddings import make_embedder
    from pipelines.enrich.score import read_any, write_any
    from pipelines.enrich.topics_file import fit_topics_frame

    settings = _settings(None)

    def run_fit() -> Any:
        frame = read_any(input, text_column)
        embedder = make_embedder(settings.embedder, settings.embed_batch_size)
        with _progress() as progress:
            progress.start("Embedding", len(frame))
            rows, topics = fit_topics_frame(
                frame, text_column, embedder=embedder, min_cluster_size=min_cluster_size,
                seed=seed, progress=progress.advance,
            )  # fmt: skip
        write_any(rows, output)
        return rows, topics

    rows, topics = _guard(run_fit)
    unassigned = float((rows["topic_id"] == -1).mean())
    console.print(
        f"Scritte {len(rows)} righe in [bold]{output}[/]; {len(topics)} temi, {unassigned:.0%} non assegnati"
    )
    console.print(_table("Temi", topics[["topic_id", "label", "size", "category"]]))


@app.command()
def pull(
    source: Annotated[
        list[str] | None, typer.Option("--source", help="Only these [sources.NAME] (repeatable).")
    ] = None,
    db: DbOption = None,
) -> None:
    """Pull the sources configured in voc.toml ([sources.NAME]: zendesk, reviews_api, rest, folder).

    Esempio: ZENDESK_TOKEN=… voc pull --source helpdesk
    """
    from pipelines.sources import load_sources, pull_source

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


@app.command()
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


def main() -> None:
    """Entry point of the ``voc`` command."""
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    # Great Expectations logs its temporary folders at INFO: noise for a CLI user.
    logging.getLogger("great_expectations").setLevel(logging.WARNING)
    app(prog_name="voc")


if __name__ == "__main__":  # pragma: no cover
    main()

"""Reading results: ``voc insights``, ``voc report``, ``voc export``, ``voc status``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from voc.cli.common import DbOption, _guard, _now, _settings, _table, console


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
    from pipelines import steps

    settings = _settings(db)
    if detect:
        from pipelines.steps.cx import run_cx
        from pipelines.steps.detect import run_detection

        now = _now()
        with console.status("Calcolo tempi di servizio e peso dei temi sul voto…"):
            _guard(lambda: run_cx(settings, week, now))
        with console.status("Rilevo lamentele emergenti e rischio di abbandono…"):
            det = _guard(lambda: run_detection(settings, week, now))
        _print_detection(det)
    result = _guard(lambda: steps.weekly_insights(settings, week))
    _print_insights(result)
    _print_cx(settings, result.week)
    if detect:
        _print_alerts_and_churn(settings, result.week)


def _print_cx(settings: Any, week: str) -> None:
    """The week's NPS (with its interval) and the top three drivers."""
    from voc.cli.cx import print_week_cx

    print_week_cx(settings, week)


def _print_detection(det: dict[str, Any]) -> None:
    keys = ("week", "alerts_new", "alerts_open", "alerts_total", "customers_scored", "churn_model")
    shown = {k: det[k] for k in keys if k in det}
    if shown:
        console.print("Rilevamento: " + ", ".join(f"{k}={v}" for k, v in shown.items()))


def _print_alerts_and_churn(settings: Any, week: str) -> None:
    from pipelines import steps

    tables = steps.alerts_and_churn(settings, week)
    if tables.alerts is not None:
        console.print(_table("Lamentele emergenti", tables.alerts) if len(tables.alerts)
                      else "Nessuna lamentela emergente questa settimana.")  # fmt: skip
    if tables.churn is not None and len(tables.churn):
        console.print(_table("Clienti a rischio di abbandono", tables.churn))


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
    from pipelines.steps.report import write_report

    settings = _settings(db)
    with console.status("Preparo il report…"):
        path = _guard(lambda: write_report(settings, week, out, _now()))
    console.print(f"Report scritto in [bold]{path}[/] ({path.stat().st_size / 1e6:.1f} MB)")


def export(
    out: Annotated[Path, typer.Option("--out", help="Destination folder.")] = Path("export"),
    fmt: Annotated[str, typer.Option("--format", help="parquet | csv")] = "parquet",
    bi: Annotated[
        bool,
        typer.Option("--bi/--no-bi", help="Also refresh the BI database (<db>_bi.duckdb)."),
    ] = True,
    db: DbOption = None,
) -> None:
    """Export the public views as files partitioned by week, and refresh the BI database.

    Esempio: voc export --format parquet --out ./export
    """
    from pipelines import steps

    settings = _settings(db)
    result = _guard(lambda: steps.export_views(settings, out, fmt))
    for view, info in result.items():
        console.print(
            f"{view}: {info.get('rows')} righe, {info.get('partitions')} partizioni → {info.get('path')}"
        )
    if bi:
        published = _guard(lambda: steps.publish_bi(settings, _now(), force=True))
        console.print(
            f"Database BI: {published['catalog']} (istantanea {published['version']}, "
            f"settimana {published['latest_week']})"
        )


def status(db: DbOption = None) -> None:
    """What is in the database: documents per kind and week, last runs, models, open alerts.

    Esempio: voc status --db voc.duckdb
    """
    import pandas as pd

    from pipelines import steps

    settings = _settings(db)
    info = _guard(lambda: steps.gather_status(settings))
    for key, value in info.items():
        if isinstance(value, pd.DataFrame):
            console.print(_table(key.replace("_", " ").capitalize(), value))
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            console.print(_table(key.replace("_", " ").capitalize(), pd.DataFrame(value)))
        else:
            console.print(f"[bold]{key}[/]: {value}")

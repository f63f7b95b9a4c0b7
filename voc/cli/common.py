"""What every command shares: the consoles, the clock, settings, error guard, progress, tables."""

from __future__ import annotations

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

console = Console(stderr=False)
err = Console(stderr=True)
#: Global options (``voc --verbose --config FILE``), set by the app callback.
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

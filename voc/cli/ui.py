"""``voc ui``: the workbench, a local web app on the database."""

from __future__ import annotations

import getpass
import os
from pathlib import Path
from typing import Annotated

import typer

from voc.cli.common import DbOption, _guard, _now, _settings, console

#: Where ``voc demo`` puts its database: ``voc ui`` opens it when there is no other.
DEMO_DB = Path("voc_demo") / "voc.duckdb"


def ui(
    db: DbOption = None,
    host: Annotated[
        str,
        typer.Option(
            "--host", help="Address to listen on. Off loopback, VOC_UI_TOKEN must be set."
        ),
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="TCP port.", min=1, max=65535)] = 8765,
    open_browser: Annotated[
        bool, typer.Option("--open/--no-open", help="Open the browser on the app.")
    ] = True,
) -> None:
    """Il banco di lavoro: settimana, verbatim, temi e allarmi in un'app web locale.

    Esempio: voc demo, poi voc ui --db voc_demo/voc.duckdb

    Off loopback (e.g. --host 0.0.0.0) the app asks for the token in VOC_UI_TOKEN:
    VOC_UI_TOKEN=$(python -c 'import secrets; print(secrets.token_urlsafe(24))') voc ui --host 0.0.0.0
    """
    from voc.ui.server import serve

    settings = _settings(db)
    default = db is None and settings.db == Path("voc.duckdb")
    if default and not settings.db.exists() and DEMO_DB.exists():
        settings = settings.replace(db=DEMO_DB)
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "utente"
    _guard(
        lambda: serve(
            settings,
            host=host,
            port=port,
            token=os.environ.get("VOC_UI_TOKEN") or None,
            clock=_now,
            user=user,
            open_browser=open_browser,
            announce=console.print,
        )
    )

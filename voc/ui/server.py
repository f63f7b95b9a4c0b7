"""Run the workbench: bind, log, serve (``voc ui``).

The socket is bound here, before uvicorn starts, so a port in use or a refused address is a
one-line error. Uvicorn's own access log is off: the app logs each request itself, path only
(:mod:`voc.ui.app`), so no searched words or customer text reach the server's output.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
import webbrowser
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any

import uvicorn

from pipelines.config import Settings
from pipelines.errors import VocError
from pipelines.steps.ui import prepare_database
from voc.ui.app import create_app
from voc.ui.security import make_guard

__all__ = ["LOG_CONFIG", "bind", "serve", "serving", "url_of"]

LOG_CONFIG: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "stream": "ext://sys.stderr",
        }
    },
    "loggers": {
        "uvicorn": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        "uvicorn.error": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        "uvicorn.access": {"handlers": [], "level": "CRITICAL", "propagate": False},
        "voc.ui": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
    },
}


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host:port``.

    Raises:
        VocError: the port is in use or the address cannot be bound.
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host.strip("[]"), port))
    except OSError as exc:
        sock.close()
        reason = "in use" if exc.errno == 98 else (exc.strerror or "refused")
        raise VocError(
            f"cannot listen on {host}:{port} ({reason}): choose another --port"
        ) from None
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def url_of(host: str, port: int) -> str:
    """The address to open in a browser."""
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    return f"http://{f'[{shown}]' if ':' in shown else shown}:{port}/"


def serve(
    settings: Settings,
    *,
    host: str,
    port: int,
    token: str | None,
    clock: Callable[[], datetime],
    user: str,
    open_browser: bool = False,
    announce: Callable[[str], None] = print,
) -> None:
    """Serve the workbench on ``host:port`` until interrupted.

    Args:
        settings: pipeline settings (``db`` must exist).
        host: address to bind (loopback unless a token is given).
        port: TCP port.
        token: ``VOC_UI_TOKEN`` (required off loopback).
        clock: "now" of the app (naive UTC).
        user: who edits are recorded as until the user gives a name.
        open_browser: open the default browser on the app.
        announce: where the one-line "listening on" message goes.

    Raises:
        VocError: no database, a non-loopback bind without a token, a port in use.
    """
    guard = make_guard(host, port, token)
    migrated = prepare_database(settings)
    sock = bind(host, port)
    app = create_app(settings, guard, clock=clock, default_user=user)
    url = url_of(host, port)
    note = "" if migrated else " (un'elaborazione sta scrivendo: i dati compaiono appena termina)"
    announce(f"Banco di lavoro su {url} — database {settings.db}{note}. Ctrl+C per fermare.")
    config = uvicorn.Config(
        app,
        access_log=False,
        log_config=LOG_CONFIG,
        server_header=False,
        proxy_headers=False,
        timeout_graceful_shutdown=5,
    )
    if open_browser:
        threading.Timer(1.0, webbrowser.open, [url]).start()
    try:
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        sock.close()


@contextlib.contextmanager
def serving(
    settings: Settings,
    *,
    clock: Callable[[], datetime],
    host: str = "127.0.0.1",
    port: int = 0,
    token: str | None = None,
    user: str = "test",
) -> Iterator[str]:
    """The app served in a background thread, as ``voc ui`` serves it; yields its base URL.

    For the browser tests, the screenshots and the benchmark. ``port=0`` picks a free port.

    Raises:
        VocError: as :func:`serve`; RuntimeError: the server did not start within 20 s.
    """
    sock = bind(host, port)
    guard_port = sock.getsockname()[1]  # the real port, when 0 asked for any
    try:
        guard = make_guard(host, guard_port, token)
        prepare_database(settings)
        app = create_app(settings, guard, clock=clock, default_user=user)
        config = uvicorn.Config(
            app, access_log=False, log_config=LOG_CONFIG, server_header=False, proxy_headers=False
        )
        server = uvicorn.Server(config)
        thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
        thread.start()
        deadline = time.monotonic() + 20
        while not server.started:
            if time.monotonic() > deadline or not thread.is_alive():
                raise RuntimeError("voc ui did not start")
            time.sleep(0.05)
        try:
            yield url_of(host, guard_port).rstrip("/")
        finally:
            server.should_exit = True
            thread.join(timeout=15)
    finally:
        sock.close()

"""The workbench web app: FastAPI on the DuckDB file, through the pipeline's steps only.

:func:`create_app` builds the app; :mod:`voc.ui.server` runs it. Every request passes one
middleware (:func:`_guard_requests`) that checks the ``Host`` header, authenticates (when a
token is set), refuses cross-origin POSTs, gives the browser its CSRF client cookie, adds the
security headers (a Content-Security-Policy that allows nothing but this server), and writes
the access log line: method, path (never the query string, which may hold searched customer
words), status and milliseconds. An exception is logged by type only, never its message.
"""

from __future__ import annotations

import logging
import secrets
import time
from collections.abc import Awaitable, Callable
from datetime import datetime
from importlib import resources
from pathlib import Path
from urllib.parse import quote, unquote

from fastapi import FastAPI
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.staticfiles import StaticFiles

from pipelines.config import Settings
from voc.ui import edits, labels, pages
from voc.ui.forms import read_form
from voc.ui.render import environment, page
from voc.ui.security import CLIENT_COOKIE, SESSION_COOKIE, Guard, same_origin

__all__ = ["CSP", "create_app"]

log = logging.getLogger("voc.ui")

#: Nothing but this server: no CDN, no inline script or style, no framing, forms post here.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    # same-origin keeps Origin/Referer on our own POSTs (the CSRF check) and sends nothing
    # (no searched words in a URL) to any other site.
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}
OPEN_PATHS = ("/static/", "/accesso")
USER_COOKIE = "voc_who"
MAX_USER_CHARS = 60


def _report_css() -> str:
    # The report's stylesheet, served as is: the app looks like the Monday report.
    return (resources.files("pipelines.report") / "templates" / "_report.css.j2").read_text(
        encoding="utf-8"
    )


def _user(request: Request, default: str) -> str:
    # URL-quoted in the cookie: a name may hold any character, a cookie only ASCII.
    raw = unquote(request.cookies.get(USER_COOKIE, ""))
    name = " ".join(raw.split())[:MAX_USER_CHARS]
    return name or default


def local_path(target: str, default: str = "/") -> str:
    """``target`` when it is a path of this app, else ``default`` (no open redirect)."""
    ok = target.startswith("/") and not target.startswith(("//", "/\\"))
    return target if ok else default


async def _checked(
    request: Request, call_next: Callable[[Request], Awaitable[Response]], guard: Guard
) -> Response:
    """The request's security checks, then the route."""
    if not guard.host_allowed(request.headers.get("host", "")):
        return PlainTextResponse("Host non valido.", status_code=400)
    client = request.cookies.get(CLIENT_COOKIE, "")
    fresh = not client or len(client) != 32
    if fresh:
        client = secrets.token_hex(16)
    request.state.client = client
    request.state.ui = {
        "csrf": guard.csrf_token(client),
        "user": _user(request, request.app.state.default_user),
        "protected": guard.token is not None,
        "path": request.url.path,
    }
    path = request.url.path
    response: Response
    if not path.startswith(OPEN_PATHS) and not guard.authenticated(
        request.headers.get("authorization"), request.cookies.get(SESSION_COOKIE)
    ):
        response = page(
            request,
            "accesso.html.j2",
            {"error": "", "next": path},
            status_code=401,
            headers={"WWW-Authenticate": 'Bearer realm="voc"'},
        )
    elif request.method == "POST" and not same_origin(
        request.headers.get("origin"),
        request.headers.get("referer"),
        request.headers.get("host", ""),
        request.url.scheme,
    ):
        response = page(
            request,
            "errore.html.j2",
            {"title": "Richiesta rifiutata", "message": "La richiesta non viene da questa app."},
            status_code=403,
        )
    else:
        response = await call_next(request)
    if fresh:
        response.set_cookie(CLIENT_COOKIE, client, httponly=True, samesite="strict", path="/")
    return response


def create_app(
    settings: Settings,
    guard: Guard,
    *,
    clock: Callable[[], datetime],
    default_user: str,
) -> FastAPI:
    """The workbench on ``settings.db``.

    Args:
        settings: pipeline settings (``db`` and the rest the steps read).
        guard: token, signing key and accepted hosts (:func:`voc.ui.security.make_guard`).
        clock: "now" (naive UTC): picks default weeks and stamps edits.
        default_user: who an edit is recorded as until the user gives a name.
    """
    app = FastAPI(title="voc ui", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.settings = settings
    app.state.guard = guard
    app.state.clock = clock
    app.state.default_user = default_user
    app.state.templates = environment()
    app.state.report_css = _report_css()

    @app.middleware("http")
    async def _guard_requests(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        started = time.perf_counter()
        try:
            response = await _checked(request, call_next, guard)
        except Exception as exc:  # logged by type only: its message may hold customer text
            log.error("%s %s failed: %s", request.method, request.url.path, type(exc).__name__)
            response = HTMLResponse(
                "<!DOCTYPE html><html lang='it'><title>Errore</title>"
                "<p>Errore interno: riprova; se continua, guarda il log del server.</p></html>",
                status_code=500,
            )
        elapsed = (time.perf_counter() - started) * 1000
        response.headers.update(SECURITY_HEADERS)
        response.headers["Server-Timing"] = f"app;dur={elapsed:.1f}"
        log.info("%s %s %d %.1fms", request.method, request.url.path, response.status_code, elapsed)
        return response

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        # Our own one-line Italian messages (forms.py), or Starlette's for unknown paths.
        message = exc.detail if isinstance(exc.detail, str) else "Richiesta non valida."
        title = "Pagina non trovata" if exc.status_code == 404 else "Richiesta rifiutata"
        if exc.status_code == 404:
            message = "Questa pagina non esiste."
        return page(
            request,
            "errore.html.j2",
            {"title": title, "message": message},
            status_code=exc.status_code,
        )

    @app.get("/static/report.css")
    def report_css() -> Response:
        return Response(app.state.report_css, media_type="text/css")

    # After the route above, which it would otherwise shadow.
    static = Path(__file__).resolve().parent / "static"
    app.mount("/static", StaticFiles(directory=str(static)), name="static")

    @app.get("/accesso")
    def login_form(request: Request) -> Response:
        return page(request, "accesso.html.j2", {"error": "", "next": "/"})

    @app.post("/accesso")
    async def login(request: Request) -> Response:
        form = await read_form(request)
        target = local_path(form.get("next", "/"))
        if not guard.token_matches(form.get("token", "")):
            return page(
                request,
                "accesso.html.j2",
                {"error": "Token non valido.", "next": target},
                status_code=401,
            )
        response = RedirectResponse(target, status_code=303)
        response.set_cookie(
            SESSION_COOKIE, guard.session_value(), httponly=True, samesite="strict", path="/"
        )
        return response

    @app.post("/esci")
    async def logout(request: Request) -> Response:
        await read_form(request)
        response = RedirectResponse("/accesso", status_code=303)
        response.delete_cookie(SESSION_COOKIE, path="/")
        return response

    @app.post("/utente")
    async def set_user(request: Request) -> Response:
        form = await read_form(request)
        name = " ".join(form.get("name", "").split())[:MAX_USER_CHARS]
        response = RedirectResponse(local_path(form.get("back", "/")), status_code=303)
        if name:
            response.set_cookie(
                USER_COOKIE, quote(name), httponly=True, samesite="strict", path="/"
            )
        return response

    app.include_router(pages.router)
    app.include_router(edits.router)
    app.include_router(labels.router)
    return app

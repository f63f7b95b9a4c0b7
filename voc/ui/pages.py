"""The workbench's pages: Settimana, Verbatim (and one document), Temi, Allarmi.

Each route parses its parameters, calls one read step of :mod:`pipelines.steps.ui` (in a
worker thread: DuckDB work must not block the event loop) and renders a template. While a
pipeline run holds the database the steps raise ``DatabaseBusyError`` and the page says so, with a
retry, instead of failing.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any, TypeVar

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from pipelines.errors import DatabaseBusyError, VocError
from pipelines.steps import ui as steps_ui
from voc.ui.flash import clear_flash, read_flash
from voc.ui.links import filter_from_params
from voc.ui.render import page

__all__ = ["busy_page", "render_page", "router", "run_step"]

router = APIRouter()
T = TypeVar("T")
RETRY_SECONDS = 5


async def run_step(fn: Callable[[], T]) -> T:
    """Run a (blocking) step in a worker thread."""
    return await asyncio.to_thread(fn)


def busy_page(request: Request, context: dict[str, Any] | None = None) -> Response:
    """503 "aggiornamento in corso": a pipeline run holds the database."""
    return page(
        request,
        "occupato.html.j2",
        {"retry": RETRY_SECONDS, **(context or {})},
        status_code=503,
        headers={"Retry-After": str(RETRY_SECONDS)},
    )


def error_page(
    request: Request, message: str, status_code: int = 400, context: dict[str, Any] | None = None
) -> Response:
    """A user error (bad week, unknown document…) as a page."""
    return page(
        request,
        "errore.html.j2",
        {"title": "Richiesta non valida", "message": message, **(context or {})},
        status_code=status_code,
    )


async def _render(
    request: Request, template: str, build: Callable[[], dict[str, Any]], active: str
) -> Response:
    """The page, with the pending-edits banner and the one-shot message of a form."""
    settings = request.app.state.settings
    flash = read_flash(request)
    # The queue is not the database: pending edits show even while a run holds the file.
    shared = {
        "active": active,
        "flash": flash,
        "pending": await run_step(
            lambda: steps_ui.pending_lines(settings, request.app.state.clock())
        ),
    }
    try:
        context = await run_step(build)
    except DatabaseBusyError:
        response = busy_page(request, shared)
    except VocError as exc:
        response = error_page(request, str(exc), context=shared)
    except LookupError:
        response = error_page(request, "Documento non trovato.", 404, context=shared)
    else:
        response = page(request, template, {**context, **shared})
    if flash is not None:
        clear_flash(response)
    return response


render_page = _render  #: for the other routers' pages (voc.ui.labels)


@router.get("/")
def home() -> Response:
    return RedirectResponse("/settimana", status_code=303)


@router.get("/settimana")
async def week(request: Request) -> Response:
    settings = request.app.state.settings
    try:
        f = filter_from_params(request.query_params)
    except VocError as exc:
        return error_page(request, str(exc))
    # The page filters by source, channel and category; other fields do not apply here.
    f = steps_ui.DocumentFilter(week=f.week, kind=f.kind, channel=f.channel, category=f.category)

    def build() -> dict[str, Any]:
        return {**steps_ui.week_page(settings, f, request.app.state.clock()), "filter": f}

    return await _render(request, "settimana.html.j2", build, "settimana")


@router.get("/verbatim")
async def documents(request: Request) -> Response:
    settings = request.app.state.settings
    try:
        f = filter_from_params(request.query_params)
        number = int(request.query_params.get("pagina", "1") or 1)
    except (VocError, ValueError) as exc:
        return error_page(request, str(exc) if isinstance(exc, VocError) else "pagina non valida")

    # The label forms come back to this very page, filters and page number included.
    back = request.url.path + (f"?{request.url.query}" if request.url.query else "")

    def build() -> dict[str, Any]:
        result = steps_ui.documents_page(settings, f, number)
        themes = [t for t in result.choices["themes"] if t[0] >= 0]
        return {"result": result, "filter": f, "choices": result.choices,
                "label_themes": themes, "back": back}  # fmt: skip

    return await _render(request, "verbatim.html.j2", build, "verbatim")


@router.get("/verbatim/{doc_id:path}")
async def document(request: Request, doc_id: str) -> Response:
    settings = request.app.state.settings
    if len(doc_id) > 300:
        return error_page(request, "documento non trovato", 404)

    def build() -> dict[str, Any]:
        doc = steps_ui.document_page(settings, doc_id)
        if doc is None:
            raise LookupError(doc_id)
        themes = [t for t in steps_ui.filter_choices(settings)["themes"] if t[0] >= 0]
        return {"doc": doc, "label_themes": themes, "back": request.url.path}

    return await _render(request, "documento.html.j2", build, "verbatim")


@router.get("/temi")
async def themes(request: Request) -> Response:
    settings = request.app.state.settings

    def build() -> dict[str, Any]:
        data = steps_ui.themes_page(settings, request.app.state.clock())
        return {**data, **steps_ui.curation_lists(settings)}

    return await _render(request, "temi.html.j2", build, "temi")


@router.get("/allarmi")
async def alerts(request: Request) -> Response:
    settings = request.app.state.settings

    def build() -> dict[str, Any]:
        return steps_ui.alerts_page(settings)

    return await _render(request, "allarmi.html.j2", build, "allarmi")

"""The edit forms: theme curation (Temi) and alert triage (Allarmi).

Each route reads its form through :func:`voc.ui.forms.read_form` (same origin, CSRF token),
calls one curation step (the same the CLI calls: ``voc topics …``, ``voc alerts …``) and
redirects back with a one-shot message. A step queues the edit and applies it when the
database is free: while a pipeline run holds the file it stays "in attesa" and the page says
so; a refused edit (unknown theme, empty name…) comes back as the step's one-line reason.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from pipelines.config import Settings
from pipelines.errors import VocError
from pipelines.steps import curation as steps
from pipelines.steps.curation import APPLIED, EditResult
from voc.ui.flash import set_flash
from voc.ui.forms import Form, read_form
from voc.ui.pages import run_step

__all__ = ["router"]

router = APIRouter()
Call = Callable[[Form, str, datetime], EditResult]


def _topic(raw: str) -> int:
    try:
        return int(raw)
    except ValueError:
        raise VocError(f"tema non valido: «{raw}»") from None


def _key(form: Form) -> str | None:
    # One key per rendered form: a double click or a resubmitted page is one edit.
    return form.get("key") or None


async def _apply(request: Request, back: str, call: Call) -> Response:
    form = await read_form(request)
    who = str(request.state.ui["user"])
    now = request.app.state.clock()
    response = RedirectResponse(back, status_code=303)
    try:
        result = await run_step(lambda: call(form, who, now))
    except VocError as exc:
        set_flash(response, "error", str(exc))
        return response
    set_flash(response, "ok" if result.status == APPLIED else "pending", result.message)
    return response


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


@router.post("/temi/rinomina")
async def rename(request: Request) -> Response:
    def call(form: Form, who: str, now: datetime) -> EditResult:
        return steps.rename_theme(
            _settings(request), _topic(form.get("topic_id")), form.get("name"),
            who=who, now=now, key=_key(form),
        )  # fmt: skip

    return await _apply(request, "/temi", call)


@router.post("/temi/unisci")
async def merge(request: Request) -> Response:
    def call(form: Form, who: str, now: datetime) -> EditResult:
        ids = [_topic(t) for t in form.getlist("topic_id")]
        return steps.merge_themes(
            _settings(request), ids, name=form.get("name") or None, who=who, now=now,
            key=_key(form),
        )  # fmt: skip

    return await _apply(request, "/temi", call)


@router.post("/temi/dividi")
async def split(request: Request) -> Response:
    def call(form: Form, who: str, now: datetime) -> EditResult:
        names, terms = form.getall("part_name"), form.getall("part_terms")
        parts: dict[str, list[str]] = {}
        for name, entries in zip(names, terms, strict=False):
            if name or entries:
                parts[name] = [e.strip() for e in entries.split(",") if e.strip()]
        return steps.split_theme(
            _settings(request), _topic(form.get("topic_id")), parts, who=who, now=now,
            key=_key(form),
        )  # fmt: skip

    return await _apply(request, "/temi", call)


@router.post("/temi/nascondi")
async def hide(request: Request) -> Response:
    def call(form: Form, who: str, now: datetime) -> EditResult:
        return steps.hide_theme(
            _settings(request), _topic(form.get("topic_id")), who=who, now=now, key=_key(form)
        )

    return await _apply(request, "/temi", call)


@router.post("/temi/mostra")
async def unhide(request: Request) -> Response:
    def call(form: Form, who: str, now: datetime) -> EditResult:
        return steps.unhide_theme(
            _settings(request), _topic(form.get("topic_id")), who=who, now=now, key=_key(form)
        )

    return await _apply(request, "/temi", call)


@router.post("/temi/categoria")
async def map_category(request: Request) -> Response:
    def call(form: Form, who: str, now: datetime) -> EditResult:
        return steps.map_theme(
            _settings(request), _topic(form.get("topic_id")), form.get("category_id"),
            who=who, now=now, key=_key(form),
        )  # fmt: skip

    return await _apply(request, "/temi", call)


@router.post("/temi/annulla")
async def undo(request: Request) -> Response:
    def call(form: Form, who: str, now: datetime) -> EditResult:
        return steps.undo_edit(
            _settings(request), form.get("edit_id"), who=who, now=now, key=_key(form)
        )

    return await _apply(request, "/temi#modifiche", call)


@router.post("/allarmi/stato")
async def triage(request: Request) -> Response:
    def call(form: Form, who: str, now: datetime) -> EditResult:
        return steps.triage_alert(
            _settings(request), form.get("alert_id"), form.get("state"),
            owner=form.get("owner") or None, note=form.get("note") or None,
            reason=form.get("reason") or None, who=who, now=now, key=_key(form),
        )  # fmt: skip

    return await _apply(request, "/allarmi", call)

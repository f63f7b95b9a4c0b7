"""The label forms and pages: one-click corrections (Verbatim), the review queue (Revisione)
and the follow-up of at-risk customers (Clienti).

Each form goes through :func:`voc.ui.forms.read_form` (same origin, CSRF token), calls one
step of :mod:`pipelines.steps.labels` (the same the CLI calls: ``voc label``, ``voc churn
followup``) and redirects back with a one-shot message; while a run holds the database the
label waits in the pending queue, like a theme edit (docs/labels.md).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from pipelines.config import Settings
from pipelines.errors import VocError
from pipelines.steps import labels as steps
from pipelines.steps.curation import APPLIED
from voc.ui.flash import set_flash
from voc.ui.forms import read_form
from voc.ui.pages import render_page, run_step

__all__ = ["router"]

router = APIRouter()
REVIEW_SIZE = 20
AT_RISK_SIZE = 50


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def _back(target: str, default: str) -> str:
    # Only this app's own paths (no open redirect through the hidden field).
    ok = target.startswith("/") and not target.startswith(("//", "/\\"))
    return target if ok else default


@router.post("/etichetta")
async def label(request: Request) -> Response:
    form = await read_form(request)
    who = str(request.state.ui["user"])
    now = request.app.state.clock()
    response = RedirectResponse(_back(form.get("back"), "/verbatim"), status_code=303)
    field, value = form.get("field"), form.get("value")
    try:
        result = await run_step(
            lambda: steps.label_document(
                _settings(request), form.get("doc_id"), {field: value}, who=who, now=now,
                source="app", key=form.get("key") or None,
            )
        )  # fmt: skip
    except VocError as exc:
        set_flash(response, "error", str(exc))
        return response
    set_flash(response, "ok" if result.status == APPLIED else "pending", result.message)
    return response


@router.get("/revisione")
async def review(request: Request) -> Response:
    settings, now = _settings(request), request.app.state.clock()

    def build() -> dict[str, Any]:
        return {**steps.review_page(settings, now, REVIEW_SIZE), "back": "/revisione"}

    return await render_page(request, "revisione.html.j2", build, "revisione")


@router.get("/clienti")
async def customers(request: Request) -> Response:
    settings = _settings(request)

    def build() -> dict[str, Any]:
        return {"customers": steps.at_risk_customers(settings, AT_RISK_SIZE),
                "states": steps.FOLLOWUP_STATES}  # fmt: skip

    return await render_page(request, "clienti.html.j2", build, "clienti")


@router.post("/clienti/seguito")
async def follow_up(request: Request) -> Response:
    form = await read_form(request)
    who = str(request.state.ui["user"])
    now = request.app.state.clock()
    response = RedirectResponse("/clienti", status_code=303)
    try:
        result = await run_step(
            lambda: steps.follow_up(
                _settings(request), form.get("customer_id"), form.get("state"),
                note=form.get("note") or None, who=who, now=now, source="app",
                key=form.get("key") or None,
            )
        )  # fmt: skip
    except VocError as exc:
        set_flash(response, "error", str(exc))
        return response
    set_flash(response, "ok" if result.status == APPLIED else "pending", result.message)
    return response

"""Templates of the workbench: one Jinja2 environment, autoescaped, and the page helper.

Every value a template prints is escaped (``autoescape`` on every template); the only markup
passed through is what the app builds itself from numbers (sparklines). Pages get the shared
globals: navigation, the user's name, the CSRF token of their browser and the drill-down link
builder.
"""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

import jinja2
from starlette.requests import Request
from starlette.responses import HTMLResponse

from pipelines.report.fmt import fmt_int, fmt_pct
from voc.ui.links import drill_url, page_url

__all__ = ["NAV", "environment", "form_key", "page"]

_HERE = Path(__file__).resolve().parent
NAV = (
    ("settimana", "/settimana", "Settimana"),
    ("verbatim", "/verbatim", "Verbatim"),
    ("temi", "/temi", "Temi"),
    ("allarmi", "/allarmi", "Allarmi"),
    ("revisione", "/revisione", "Revisione"),
    ("clienti", "/clienti", "Clienti"),
)


def form_key() -> str:
    """A fresh idempotency key for one rendered edit form (a resubmission is one edit)."""
    return "ui-" + secrets.token_hex(10)


def environment() -> jinja2.Environment:
    """The templates of ``voc/ui/templates``, every one autoescaped."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(_HERE / "templates")),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(nav=NAV, drill_url=drill_url, page_url=page_url, form_key=form_key)
    env.filters.update(int_it=fmt_int, pct_it=fmt_pct)
    return env


def page(
    request: Request,
    template: str,
    context: dict[str, Any],
    *,
    status_code: int = 200,
    headers: dict[str, str] | None = None,
) -> HTMLResponse:
    """Render ``template`` with the request's shared globals (``request.state.ui``)."""
    shared = getattr(request.state, "ui", {})
    env: jinja2.Environment = request.app.state.templates
    html = env.get_template(template).render(**shared, **context)
    return HTMLResponse(html, status_code=status_code, headers=headers)

"""The Monday-morning report as one self-contained Italian HTML file.

:func:`render_report` turns the template data (:func:`pipelines.report.data.report_data`) into
HTML with jinja2 and plotly. plotly.js, styles and chart data are inlined and a
Content-Security-Policy forbids every fetch, so the file opens offline, from an e-mail
attachment, without a single network request.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import jinja2

from pipelines.report import charts

__all__ = ["render_report", "save_report"]

_TEMPLATES = Path(__file__).resolve().parent / "templates"


def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(_TEMPLATES)),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_report(data: dict[str, Any]) -> str:
    """Render gathered data to the self-contained HTML report."""
    template = _environment().get_template("report.html.j2")
    return template.render(**data, plotly_js=charts.plotly_js())


def save_report(html: str, out: Path) -> Path:
    """Write ``html`` to ``out`` atomically (parent folders created); returns the path."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    # Write next to the target and rename, so a mail job never picks up half a file.
    fd, tmp = tempfile.mkstemp(prefix=".report-", suffix=".html", dir=out.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(html)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return out

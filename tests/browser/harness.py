"""The one browser harness: Playwright for Python driving the system's headless Chromium.

Used by the browser tests (``pytest -m browser tests/browser``) and by the scripts that take
the screenshots in ``docs/`` (``scripts/screenshot_report.py``, ``scripts/screenshots.py``).
Chromium comes from the distribution (``apt-get install -y chromium``), never from
``playwright install``: :func:`find_chromium` finds it and :func:`chromium` launches it through
``executable_path``, with the background-networking features off so the only requests are
the page's own.

* :func:`inspect_page` opens a file (the weekly report) and reports what the browser saw:
  requests, console errors (JavaScript exceptions, CSP violations, failed loads), the visible
  text, a DOM probe, a full-page screenshot and a PDF.
* :class:`Watch` records the same for any page (the web app).
* :func:`served_app` runs the ``voc ui`` app in a background thread on a free port.
"""

from __future__ import annotations

import contextlib
import logging
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page, sync_playwright

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-quic",
    "--disable-extensions",
    "--disable-default-apps",
    "--hide-scrollbars",
    "--mute-audio",
]


def find_chromium() -> str | None:
    """Path of the system's Chromium/Chrome binary, or None."""
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    return None


@contextlib.contextmanager
def chromium(binary: str | None = None) -> Iterator[Browser]:
    """A headless Chromium (the system's), closed on exit."""
    binary = binary or find_chromium()
    if not binary:
        raise RuntimeError("Chromium not found: apt-get install -y chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=binary, args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield browser
        finally:
            browser.close()


class Watch:
    """What a page did: every request, console error, uncaught exception and dialog."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.requests: list[str] = []
        self.console_errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("console", self._console)
        page.on("pageerror", lambda e: self.console_errors.append(f"exception: {e}"))
        page.on("requestfailed", self._failed)
        page.on("dialog", self._dialog)

    def _console(self, message: Any) -> None:
        if message.type in ("error", "assert"):
            self.console_errors.append(message.text)

    def _failed(self, request: Any) -> None:
        self.console_errors.append(f"failed: {request.url} ({request.failure})")

    def _dialog(self, dialog: Any) -> None:
        # An alert() means injected script ran: recorded, then dismissed so nothing hangs.
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def errors(self, *expected_statuses: int) -> list[str]:
        """Console errors, without Chromium's note on an expected HTTP status (a 503 page
        while a run writes, a 401 before login)."""
        notes = tuple(f"the server responded with a status of {s}" for s in expected_statuses)
        return [e for e in self.console_errors if not any(n in e for n in notes)]

    def assert_clean(self, base_url: str, *expected_statuses: int) -> None:
        """No console error, CSP violation, dialog, or request outside ``base_url``."""
        assert self.errors(*expected_statuses) == [], self.errors(*expected_statuses)
        assert self.foreign_requests(base_url) == [], self.foreign_requests(base_url)
        assert self.dialogs == [], self.dialogs

    def foreign_requests(self, *allowed_prefixes: str) -> list[str]:
        """Requests to anything but ``allowed_prefixes`` (and inline ``data:``/``about:``)."""
        return [
            u for u in self.requests if not u.startswith(("data:", "about:", *allowed_prefixes))
        ]


@dataclass
class PageReport:
    """What the browser saw while loading a page."""

    url: str
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    text: str = ""
    probe: dict[str, Any] = field(default_factory=dict)
    screenshot: bytes = b""
    pdf: bytes = b""

    @property
    def external_requests(self) -> list[str]:
        """Requests other than the page itself and inline ``data:`` URLs."""
        return [u for u in self.requests if u != self.url and not u.startswith(("data:", "about:"))]


_PROBE = """
() => {
  const plots = Array.from(document.querySelectorAll('.js-plotly-plot'));
  return {
    title: document.title,
    lang: document.documentElement.lang,
    sections: Array.from(document.querySelectorAll('section[id]')).map(s => s.id),
    plots: plots.length,
    plots_rendered: plots.filter(p => p.querySelector('svg.main-svg')).length,
    kpis: Array.from(document.querySelectorAll('[data-kpi]')).map(k => ({
      key: k.dataset.kpi,
      value: k.querySelector('.kpi-value').innerText,
      delta: k.querySelector('.delta').innerText,
      tone: k.querySelector('.delta').className,
    })),
    alerts: Array.from(document.querySelectorAll('[data-alert]')).map(a => ({
      title: a.querySelector('.alert-title').innerText,
      quotes: a.querySelectorAll('.quote').length,
      chart: !!a.querySelector('.js-plotly-plot svg.main-svg'),
    })),
    height: Math.ceil(document.documentElement.scrollHeight),
    external_refs: Array.from(document.querySelectorAll('[src],[href]'))
      .map(e => e.getAttribute('src') || e.getAttribute('href'))
      .filter(u => /^(https?:)?\\/\\//i.test(u)),
  };
}
"""

_CHARTS_DRAWN = """
() => Array.from(document.querySelectorAll('.js-plotly-plot'))
  .every(p => p.querySelector('svg.main-svg'))
"""


def inspect_page(
    browser: Browser,
    html_path: Path,
    *,
    width: int = 1280,
    settle_seconds: float = 0.5,
    screenshot: bool = True,
    pdf: bool = False,
) -> PageReport:
    """Load ``html_path`` in a fresh browser context and report what happened.

    Args:
        browser: from :func:`chromium`.
        html_path: the file (opened as ``file://``).
        width: viewport width in CSS pixels (the screenshot covers the full page height).
        settle_seconds: extra time for late console errors or requests, after the load event
            and after every plotly chart has been drawn.
        screenshot: capture a full-page PNG.
        pdf: print to PDF (A4) as a user would, exercising the print stylesheet.
    """
    url = Path(html_path).resolve().as_uri()
    report = PageReport(url=url)
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        watch = Watch(page)
        page.goto(url, wait_until="load", timeout=60_000)
        with contextlib.suppress(Exception):  # a page without charts is checked by the probe
            page.wait_for_function(_CHARTS_DRAWN, timeout=30_000)
        page.wait_for_timeout(settle_seconds * 1000)
        report.probe = page.evaluate(_PROBE)
        report.text = page.inner_text("body")
        if screenshot:
            report.screenshot = page.screenshot(full_page=True, timeout=60_000)
        if pdf:
            report.pdf = page.pdf(print_background=True, prefer_css_page_size=True)
        page.wait_for_timeout(300)
        report.requests = list(watch.requests)
        report.console_errors = list(watch.console_errors)
    finally:
        context.close()
    return report


# --------------------------------------------------------------------------- the web app


class LogLines(logging.Handler):
    """Every line the app's loggers write (to check that no customer text reaches them)."""

    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


@dataclass
class ServedApp:
    """A running ``voc ui`` app: its base URL and everything its loggers wrote."""

    url: str
    host: str
    port: int
    log: LogLines


@contextlib.contextmanager
def served_app(
    settings: Any,
    *,
    host: str = "127.0.0.1",
    token: str | None = None,
    clock: Any,
    user: str = "test",
) -> Iterator[ServedApp]:
    """Serve the workbench on a free port of ``host`` in a background thread.

    The app is built and run as ``voc ui`` runs it (:func:`voc.ui.server.serving`), minus the
    browser opening; what the app and uvicorn log is captured.
    """
    from voc.ui.server import serving

    capture = LogLines()
    capture.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
    names = ("voc.ui", "uvicorn", "uvicorn.error", "uvicorn.access")
    with serving(settings, clock=clock, host=host, token=token, user=user) as url:
        # After the server configured logging (its dictConfig would drop our handler).
        loggers = [logging.getLogger(n) for n in names]
        for logger in loggers:
            logger.addHandler(capture)
        try:
            port = int(url.rsplit(":", 1)[1])
            yield ServedApp(url, host, port, capture)
        finally:
            for logger in loggers:
                logger.removeHandler(capture)

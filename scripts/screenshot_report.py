"""Open a report in headless Chromium: screenshot, PDF, console errors and network log.

Drives Chromium over the Chrome DevTools Protocol through ``--remote-debugging-pipe`` (file
descriptors 3 and 4, the transport Puppeteer uses), so it needs no Python dependency, no
chromedriver and no TCP port. The browser test (tests/browser/test_report_browser.py) imports
:func:`inspect_page` from this file.

Usage:
    python scripts/screenshot_report.py REPORT.html [--png docs/report.png] [--pdf out.pdf]
    python scripts/screenshot_report.py --db /tmp/voc.duckdb [--week 2026-W10] --png docs/report.png

With ``--db`` the report is built first (the database is opened read-only; never point it at a
database a pipeline is writing: copy it first).
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import fcntl
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--hide-scrollbars",
    "--mute-audio",
    "--remote-debugging-pipe",
]


def find_chromium() -> str | None:
    """Path of a Chromium/Chrome binary, or None."""
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    return None


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


class CdpError(RuntimeError):
    """Chromium failed to start, answered with an error or timed out."""


class _Pipe:
    """Newline-free, NUL-delimited JSON messages over Chromium's debugging pipe."""

    def __init__(self, binary: str, profile: Path, width: int, height: int) -> None:
        to_chrome_r, self._to_chrome = os.pipe()
        self._from_chrome, from_chrome_w = os.pipe()

        def wire_fds() -> None:  # runs in the child between fork and exec
            # Lift both ends above 10 first, so dup2 to 3/4 cannot clobber either.
            a = fcntl.fcntl(to_chrome_r, fcntl.F_DUPFD, 10)
            b = fcntl.fcntl(from_chrome_w, fcntl.F_DUPFD, 10)
            os.dup2(a, 3)
            os.dup2(b, 4)

        args = [
            binary,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={profile}",
            f"--window-size={width},{height}",
            "about:blank",
        ]
        self.proc = subprocess.Popen(
            args,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=wire_fds,  # single-threaded caller; the fds must land on 3 and 4
            close_fds=False,
        )
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict[str, Any]] = []

    def send(self, method: str, params: dict[str, Any] | None = None, session: str | None = None,
             timeout: float = 30.0) -> dict[str, Any]:  # fmt: skip
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._to_chrome, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            reply = self._read(deadline)
            if reply is None:
                raise CdpError(f"timeout waiting for {method}")
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise CdpError(f"{method}: {reply['error'].get('message')}")
                return reply.get("result", {})

    def pump(self, seconds: float) -> None:
        """Collect events for ``seconds``."""
        deadline = time.monotonic() + seconds
        while self._read(deadline) is not None or time.monotonic() < deadline:
            pass

    def wait_for(self, method: str, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        if any(e.get("method") == method for e in self.events):
            return True
        while time.monotonic() < deadline:
            if self._read(deadline) is None:
                continue
            if self.events and self.events[-1].get("method") == method:
                return True
        return False

    def _read(self, deadline: float) -> dict[str, Any] | None:
        import select

        while b"\0" not in self._buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None
            ready, _, _ = select.select([self._from_chrome], [], [], min(remaining, 0.2))
            if not ready:
                continue
            chunk = os.read(self._from_chrome, 1 << 20)
            if not chunk:
                raise CdpError("Chromium closed the debugging pipe (crashed or failed to start)")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        message = json.loads(raw)
        if "method" in message and "id" not in message:
            self.events.append(message)
        return message

    def close(self) -> None:
        with contextlib.suppress(CdpError, OSError):
            self.send("Browser.close", timeout=5)
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=5)
        for fd in (self._to_chrome, self._from_chrome):
            with contextlib.suppress(OSError):
                os.close(fd)


_PROBE = """
(() => {
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
})()
"""


_CHARTS_DRAWN = """
Array.from(document.querySelectorAll('.js-plotly-plot'))
  .every(p => p.querySelector('svg.main-svg'))
"""


def _wait_until(pipe: _Pipe, session: str, expression: str, timeout: float) -> bool:
    """Poll a JavaScript condition (e.g. every chart drawn) instead of sleeping blindly."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = pipe.send(
            "Runtime.evaluate", {"expression": expression, "returnByValue": True}, session=session
        )
        if result.get("result", {}).get("value") is True:
            return True
        pipe.pump(0.2)
    return False


def inspect_page(
    html_path: Path,
    *,
    width: int = 1280,
    settle_seconds: float = 0.5,
    screenshot: bool = True,
    pdf: bool = False,
    binary: str | None = None,
) -> PageReport:
    """Load ``html_path`` in a fresh headless Chromium and report what happened.

    Args:
        html_path: the report file (opened as ``file://``).
        width: viewport width in CSS pixels (the screenshot covers the full page height).
        settle_seconds: extra time for late console errors or requests, after the load event
            and after every plotly chart has been drawn.
        screenshot: capture a full-page PNG.
        pdf: print to PDF (A4) as a user would, exercising the print stylesheet.
        binary: Chromium executable; found on PATH when omitted.

    Returns:
        Requests, console errors/exceptions, visible text, a DOM probe and the captures.
    """
    binary = binary or find_chromium()
    if not binary:
        raise CdpError("Chromium not found: apt-get install -y chromium")
    url = Path(html_path).resolve().as_uri()
    report = PageReport(url=url)
    with tempfile.TemporaryDirectory(prefix="voc-chromium-") as profile:
        pipe = _Pipe(binary, Path(profile), width, 900)
        try:
            target = pipe.send("Target.createTarget", {"url": "about:blank"})
            attached = pipe.send(
                "Target.attachToTarget", {"targetId": target["targetId"], "flatten": True}
            )
            session = attached["sessionId"]
            for domain in ("Page", "Network", "Runtime", "Log"):
                pipe.send(f"{domain}.enable", session=session)
            pipe.send(
                "Emulation.setDeviceMetricsOverride",
                {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": False},
                session=session,
            )
            pipe.events.clear()
            pipe.send("Page.navigate", {"url": url}, session=session)
            if not pipe.wait_for("Page.loadEventFired", 60):
                raise CdpError("the page did not finish loading within 60 s")
            _wait_until(pipe, session, _CHARTS_DRAWN, timeout=30)
            # a short grace period so late errors and requests (timers, lazy loads) are logged
            pipe.pump(settle_seconds)
            probe = pipe.send(
                "Runtime.evaluate",
                {"expression": _PROBE, "returnByValue": True},
                session=session,
            )
            report.probe = probe.get("result", {}).get("value", {})
            text = pipe.send(
                "Runtime.evaluate",
                {"expression": "document.body.innerText", "returnByValue": True},
                session=session,
            )
            report.text = text.get("result", {}).get("value", "")
            if screenshot:
                height = int(report.probe.get("height", 2000))
                pipe.send(
                    "Emulation.setDeviceMetricsOverride",
                    {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
                    session=session,
                )
                pipe.pump(0.5)
                shot = pipe.send(
                    "Page.captureScreenshot",
                    {"format": "png", "captureBeyondViewport": True},
                    session=session,
                    timeout=60,
                )
                report.screenshot = base64.b64decode(shot["data"])
            if pdf:
                printed = pipe.send(
                    "Page.printToPDF",
                    {"printBackground": True, "preferCSSPageSize": True},
                    session=session,
                    timeout=120,
                )
                report.pdf = base64.b64decode(printed["data"])
            pipe.pump(0.3)
        finally:
            pipe.close()
    for event in pipe.events:
        method, params = event.get("method"), event.get("params", {})
        if method == "Network.requestWillBeSent":
            report.requests.append(params.get("request", {}).get("url", ""))
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            args = params.get("args", [])
            report.console_errors.append(
                " ".join(str(a.get("value", a.get("description", ""))) for a in args)
            )
        elif method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            exc = details.get("exception", {})
            report.console_errors.append(exc.get("description") or details.get("text", ""))
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
            entry = params["entry"]
            report.console_errors.append(f"{entry.get('source')}: {entry.get('text')}")
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", nargs="?", type=Path, help="an existing report HTML")
    parser.add_argument("--db", type=Path, help="build the report from this (copied) database")
    parser.add_argument("--week", help="ISO week for --db, e.g. 2026-W10")
    parser.add_argument("--png", type=Path, default=Path("docs/report.png"))
    parser.add_argument("--pdf", type=Path, help="also print the report to this PDF")
    parser.add_argument("--width", type=int, default=1280)
    args = parser.parse_args(argv)

    if args.db is not None:
        sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
        from pipelines.config import Settings
        from pipelines.steps.report import write_report

        html = Path(tempfile.mkdtemp(prefix="voc-report-")) / "report.html"
        write_report(Settings(db=args.db), args.week, html, datetime.now())
    elif args.report is not None:
        html = args.report
    else:
        parser.error("give a REPORT.html or --db")
    page = inspect_page(html, width=args.width, pdf=args.pdf is not None)
    args.png.parent.mkdir(parents=True, exist_ok=True)
    args.png.write_bytes(page.screenshot)
    if args.pdf is not None:
        args.pdf.write_bytes(page.pdf)
    print(f"{html}: {len(page.screenshot) / 1024:.0f} KiB screenshot → {args.png}")
    print(f"charts rendered: {page.probe.get('plots_rendered')}/{page.probe.get('plots')}")
    print(f"external requests: {page.external_requests or 'none'}")
    print(f"console errors: {page.console_errors or 'none'}")
    return 1 if page.console_errors or page.external_requests else 0


if __name__ == "__main__":
    raise SystemExit(main())

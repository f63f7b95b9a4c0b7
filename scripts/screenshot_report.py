"""Open a report in headless Chromium: screenshot, PDF, console errors and network log.

Uses the project's one browser harness (tests/browser/harness.py: Playwright driving the
system's Chromium, never a downloaded browser).

Usage:
    python scripts/screenshot_report.py REPORT.html [--png docs/report.png] [--pdf out.pdf]
    python scripts/screenshot_report.py --db /tmp/voc.duckdb [--week 2026-W10] --png docs/report.png

With ``--db`` the report is built first (the database is opened read-only; never point it at a
database a pipeline is writing: copy it first).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser.harness import chromium, inspect_page  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    """Screenshot (and optionally print) a report; non-zero when the browser saw a problem."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("report", nargs="?", type=Path, help="an existing report HTML")
    parser.add_argument("--db", type=Path, help="build the report from this (copied) database")
    parser.add_argument("--week", help="ISO week for --db, e.g. 2026-W10")
    parser.add_argument("--png", type=Path, default=Path("docs/report.png"))
    parser.add_argument("--pdf", type=Path, help="also print the report to this PDF")
    parser.add_argument("--width", type=int, default=1280)
    args = parser.parse_args(argv)

    if args.db is not None:
        from pipelines.config import Settings
        from pipelines.steps.report import write_report

        html = Path(tempfile.mkdtemp(prefix="voc-report-")) / "report.html"
        now = datetime.now(UTC).replace(tzinfo=None)
        write_report(Settings(db=args.db), args.week, html, now)
    elif args.report is not None:
        html = args.report
    else:
        parser.error("give a REPORT.html or --db")
    with chromium() as browser:
        page = inspect_page(browser, html, width=args.width, pdf=args.pdf is not None)
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

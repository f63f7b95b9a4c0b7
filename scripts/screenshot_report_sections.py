"""Screenshots of the weekly report's sections for docs/ (the browser tests' Chromium).

Usage::

    voc demo --out voc_demo
    python scripts/screenshot_report_sections.py voc_demo/report_*.html [--out docs]

Writes ``report-themes.png`` (the themes section: names, trends, categories and their
sub-themes) and ``report-themes-alerts.png`` (emerging complaints, with the new themes' names);
exits non-zero when the report logged a console error or asked for anything off the file.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser.harness import Watch, chromium  # noqa: E402

WIDTH = 1100
SECTIONS = {"report-themes.png": "section#temi", "report-themes-alerts.png": "section#emergenti"}


def main(argv: list[str] | None = None) -> int:
    """Take the section screenshots of one report."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("report", type=Path, help="the report's HTML file")
    parser.add_argument("--out", type=Path, default=Path("docs"))
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    url = args.report.resolve().as_uri()
    with chromium() as browser:
        page = browser.new_page(viewport={"width": WIDTH, "height": 900})
        watch = Watch(page)
        page.goto(url)
        page.wait_for_load_state("networkidle")
        for name, selector in SECTIONS.items():
            page.locator(selector).screenshot(path=str(args.out / name))
            print(f"wrote {args.out / name}")
    foreign = [r for r in watch.requests if not r.startswith(("file:", "data:", "blob:"))]
    if watch.console_errors or foreign:
        print(f"console errors: {watch.console_errors}; requests off the file: {foreign}")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Screenshots of the workbench's pages for docs/ (the same Playwright harness as the tests).

Usage::

    voc demo --out voc_demo
    python scripts/screenshots.py --db voc_demo/voc.duckdb [--out docs]

Works on a copy of the database (the app migrates what it opens). On the copy one theme is
renamed through the app, so the Temi page shows an entry in its audit log. Writes
``ui-settimana.png``, ``ui-verbatim.png``, ``ui-temi.png`` and ``ui-allarmi.png``; exits
non-zero when a page logged a console error or asked for anything but the app.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipelines.config import Settings  # noqa: E402
from tests.browser.harness import Watch, chromium, served_app  # noqa: E402

WIDTH = 1280
MAX_HEIGHT = 2400  # long pages are cut: the top shows what the page is


def _copy(db: Path) -> Path:
    work = Path(tempfile.mkdtemp(prefix="voc-shots-"))
    shutil.copy(db, work / db.name)
    wal = db.with_name(db.name + ".wal")
    if wal.exists():
        shutil.copy(wal, work / wal.name)
    return work / db.name


def main(argv: list[str] | None = None) -> int:
    """Take the four screenshots."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("voc_demo/voc.duckdb"))
    parser.add_argument("--out", type=Path, default=Path("docs"))
    parser.add_argument("--rename", default="Bollette e addebiti", help="name given to a theme")
    parser.add_argument(
        "--pages", default="settimana,verbatim,temi,allarmi", help="pages to capture"
    )
    args = parser.parse_args(argv)
    db = _copy(args.db)
    now = datetime.now(UTC).replace(tzinfo=None)
    args.out.mkdir(parents=True, exist_ok=True)
    with served_app(Settings(db=db), clock=lambda: now, user="Giulia") as app, chromium() as b:
        page = b.new_page(viewport={"width": WIDTH, "height": 900})
        watch = Watch(page)
        page.goto(f"{app.url}/temi")
        card = page.locator("article.theme").first
        card.locator("summary").click()
        card.locator('form[data-edit="rename"] input[name="name"]').fill(args.rename)
        card.locator('form[data-edit="rename"] button').click()
        page.wait_for_load_state()
        page.goto(f"{app.url}/settimana")
        week = page.locator('select[name="settimana"]').input_value()
        shots = {
            "ui-settimana.png": "/settimana",
            "ui-verbatim.png": f"/verbatim?settimana={week}&sentiment=negativo",
            "ui-temi.png": "/temi",
            "ui-allarmi.png": "/allarmi",
        }
        wanted = {f"ui-{p.strip()}.png" for p in args.pages.split(",")}
        for name, path in shots.items():
            if name not in wanted:
                continue
            page.goto(app.url + path)
            height = min(MAX_HEIGHT, int(page.evaluate("document.documentElement.scrollHeight")))
            page.set_viewport_size({"width": WIDTH, "height": height})
            page.screenshot(path=str(args.out / name))
            page.set_viewport_size({"width": WIDTH, "height": 900})
            print(f"{args.out / name} ← {path}")
        problems = watch.console_errors + watch.foreign_requests(app.url)
    print(f"console errors / foreign requests: {problems or 'none'}")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())

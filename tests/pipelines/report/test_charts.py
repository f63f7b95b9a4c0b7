"""The report's plotly.js: a vendored partial bundle that holds every trace type the report draws."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd
import plotly.graph_objects as go
import pytest

from pipelines.report import charts
from pipelines.steps import report
from tests.fixtures import report_db as fx

#: The weekly report travels by e-mail: the whole file, charts and data included.
MAX_REPORT_BYTES = 1_500_000


def test_bundle_is_the_recorded_partial_build() -> None:
    js = str(charts.plotly_js())
    assert js.startswith("/**\n* plotly.js v4.1.1, partial bundle for voc-italia")
    assert len(js.encode()) < 1_300_000  # the full bundle is 4.8 MB
    # each trace module registers under its name; a trace type not built in has no module
    for trace in charts.BUNDLED_TRACES:
        assert f'name:"{trace}"' in js, trace
    assert 'name:"pie"' not in js and 'name:"scattergl"' not in js
    vendor = Path(charts.__file__).parent / "vendor"
    assert "MIT License" in (vendor / "LICENSE.plotly.txt").read_text()
    assert "4.1.1" in (vendor / "README.md").read_text()


def test_every_report_chart_uses_a_bundled_trace() -> None:
    weeks = ["2026-W01", "2026-W02"]
    topics = pd.DataFrame({"topic_id": [1, 1], "iso_week": weeks, "volume": [2, 5]})
    figures = [
        charts.growth_chart(weeks, [3, 9], 4.0, "2026-W02", "Bollette"),
        charts.topic_heatmap(topics, weeks, [(1, "Bollette")], "volume", "Volume"),
    ]
    for fig in figures:
        assert str(charts.figure_html(fig, "c")).count("Plotly.newPlot") == 1
    # what the survey sections draw: a trend with an interval band, a diverging bar chart
    band = go.Figure(go.Scatter(x=[1, 2], y=[1, 2], fill="tonexty"))
    diverging = go.Figure(
        go.Bar(x=[1, -1], y=["a", "b"], orientation="h", error_x={"array": [1, 1]})
    )
    charts.figure_html(band, "band")
    charts.figure_html(diverging, "div")


def test_a_trace_outside_the_bundle_fails_at_build_time() -> None:
    with pytest.raises(ValueError, match=r"\['pie'\] are not in the report's plotly.js bundle"):
        charts.figure_html(go.Figure(go.Pie(values=[1, 2])), "pie")


def test_report_fits_in_an_email(tmp_path: Path) -> None:
    path = fx.build_fixture_db(tmp_path / "t.duckdb")
    con = duckdb.connect(str(path))
    try:
        fx.add_detection_views(con)
        html = report.build_report(con, None, fx.NOW)
    finally:
        con.close()
    assert len(html.encode()) < MAX_REPORT_BYTES
    assert len(re.findall(r"Plotly\.newPlot", html)) >= 5
    # plotly.py's default template is written once, each figure refers to it
    assert html.count('"template":{') == 0 and html.count("window.vocPlotlyTemplate") >= 6


@pytest.mark.slow
def test_demo_report_fits_in_an_email(tmp_path: Path) -> None:
    """``voc demo`` at full scale (hashing embedder, fixed clock): its report under 1.5 MB."""
    root = Path(__file__).resolve().parents[3]
    (tmp_path / "none.toml").write_text("")
    env = {
        **os.environ,
        "VOC_FAKE_NOW": "2026-11-02T07:00:00",
        "VOC_CONFIG": str(tmp_path / "none.toml"),
        "PYTHONPATH": str(root),
    }
    done = subprocess.run(
        [sys.executable, str(root / "tests/hardening/fake_voc.py"), "demo", "--out", "demo"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=1800,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    (path,) = (tmp_path / "demo").glob("report_*.html")
    html = path.read_text(encoding="utf-8")
    assert path.stat().st_size < MAX_REPORT_BYTES
    assert html.count("Plotly.newPlot") >= 5

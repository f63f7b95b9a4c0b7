"""Churn-outcome files (moved from tests/pipelines/detect/test_detect.py with the reader)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pipelines.errors import VocError
from pipelines.ingest.outcomes import read_outcomes


def test_read_outcomes_accepts_iso_and_italian_dates(tmp_path: Path) -> None:
    csv = tmp_path / "churn.csv"
    csv.write_text(
        "customer_id,churned_at\nCL-1,2026-08-20\nCL-2,21/08/2026\nCL-1,2026-09-01T10:00:00\n"
        "CL-3,2026-08-22T12:00:00+02:00\n",
        encoding="utf-8",
    )
    out = read_outcomes(csv)
    assert out["customer_id"].tolist() == ["CL-1", "CL-2", "CL-3"]  # first churn per customer
    assert out["churned_at"].tolist() == [
        pd.Timestamp("2026-08-20"), pd.Timestamp("2026-08-21"), pd.Timestamp("2026-08-22 10:00")
    ]  # fmt: skip
    excel = tmp_path / "excel.csv"  # Italian Excel: BOM, semicolons, CRLF
    excel.write_bytes("\ufeffcustomer_id;churned_at\r\nCL-9;03/02/2026\r\n".encode())
    assert read_outcomes(excel)["churned_at"].tolist() == [pd.Timestamp("2026-02-03")]
    bad = tmp_path / "bad.csv"
    bad.write_text("customer_id,churned_at\nCL-1,ieri\n", encoding="utf-8")
    with pytest.raises(VocError, match="row"):
        read_outcomes(bad)
    with pytest.raises(VocError, match="missing column"):
        (tmp_path / "cols.csv").write_text("id,date\n1,2026-01-01\n", encoding="utf-8")
        read_outcomes(tmp_path / "cols.csv")

"""Known churn outcomes from a CSV file (``customer_id``, ``churned_at``)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from pipelines.errors import VocError
from pipelines.ingest.normalize import parse_datetime
from pipelines.ingest.redact_records import pseudonymise


def read_outcomes(path: Path, tz: str = "UTC", *, redact_pii: bool = False) -> pd.DataFrame:
    """Read a churn-outcome CSV (``customer_id``, ``churned_at``; ISO or dd/mm/yyyy dates).

    With ``redact_pii``, ids that are an e-mail or a phone are hashed as the ingest hashes them
    in ``documents``, so outcomes meet their customer's documents and no address is stored.

    Raises:
        VocError: missing file or columns, or rows whose date cannot be read (listed).
    """
    if not path.exists():
        raise VocError(f"{path}: file not found")
    try:
        raw = pd.read_csv(path, dtype=str, sep=None, engine="python")
    except (OSError, ValueError, pd.errors.ParserError) as exc:
        raise VocError(f"{path}: cannot read the CSV ({exc})") from None
    raw.columns = [str(c).lstrip("\ufeff").strip().lower() for c in raw.columns]
    missing = {"customer_id", "churned_at"} - set(raw.columns)
    if missing:
        raise VocError(f"{path}: missing column(s) {', '.join(sorted(missing))}")
    ids = raw["customer_id"].fillna("").str.strip()
    text = raw["churned_at"].fillna("").str.strip()
    # ISO dates with or without an offset (without one: local time in ``tz``), or dd/mm/yyyy.
    when = pd.to_datetime(pd.Series([parse_datetime(v, tz) for v in text], dtype=object))
    bad = (ids == "") | when.isna()
    if bad.any():
        rows = ", ".join(str(i + 2) for i in np.flatnonzero(bad.to_numpy())[:10])
        raise VocError(
            f"{path}: {int(bad.sum())} row(s) without customer_id or a valid date (rows {rows})"
        )
    if redact_pii:
        ids = ids.map(pseudonymise)
    out = pd.DataFrame({"customer_id": ids, "churned_at": when.astype("datetime64[us]")})
    # A customer listed twice: the first churn is the one that counts.
    return out.sort_values("churned_at").drop_duplicates("customer_id").reset_index(drop=True)

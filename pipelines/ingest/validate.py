"""Row-level validation with Great Expectations 1.x.

All expectations live in :data:`SUITES` (one list per kind); :func:`validate_frame` runs any of
them and splits a frame into valid rows and quarantine rows (one per failing source row, with
every failed field and reason). Parsing happens before validation: the caller adds derived
columns such as ``created_at_parsed`` and ``rating_parsed_ok`` so that a malformed value and a
missing one can be told apart.

Great Expectations is imported lazily (it takes seconds) and its ephemeral context is created
once per process; analytics and progress bars are switched off.
"""

from __future__ import annotations

import dataclasses
import json
import math
import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from pipelines.ingest.redact import redact_value

__all__ = [
    "MIN_CREATED_AT",
    "QUARANTINE_COLUMNS",
    "SUITES",
    "TICKET_STATUSES",
    "Rule",
    "combine_quarantine",
    "validate_frame",
]

QUARANTINE_COLUMNS: list[str] = ["source_file", "source_row", "kind", "field", "reason", "raw"]
TICKET_STATUSES: tuple[str, ...] = ("new", "open", "pending", "hold", "solved", "closed")
AUTHOR_ROLES: tuple[str, ...] = ("customer", "agent")
MIN_CREATED_AT = datetime(2000, 1, 1)
# Clock skew between source systems: accept timestamps up to a day after "now".
FUTURE_SLACK = timedelta(days=1)


@dataclass(frozen=True)
class Rule:
    """One expectation of a suite.

    Attributes:
        expectation: Great Expectations class name (``ExpectColumnValuesToNotBeNull``, ...).
        column: Column of the validation frame the expectation runs on.
        field: Input field reported in quarantine (``created_at`` for ``created_at_parsed``).
        reason: One English sentence saying what is wrong and what is expected.
        kwargs: Extra expectation arguments; ``{"$PARAMETER": name}`` values are filled per run.
        required: When False the rule is skipped if the column is absent (optional fields).
        dtype: ``datetime`` or ``numeric`` to coerce the column before validation.
    """

    expectation: str
    column: str
    field: str
    reason: str
    kwargs: Mapping[str, Any] = dataclasses.field(default_factory=dict)
    required: bool = True
    dtype: str | None = None


_DATE_REASON = "created_at is missing or not a date (use ISO 8601 like 2025-03-03 or dd/mm/yyyy)"
_DATE_RANGE_REASON = "created_at is before 2000-01-01 or in the future"
_DATE_RANGE = {
    "min_value": {"$PARAMETER": "min_created_at"},
    "max_value": {"$PARAMETER": "max_created_at"},
}


def _common(text_column: str, text_field: str, text_reason: str) -> list[Rule]:
    return [
        Rule("ExpectColumnValuesToNotBeNull", "id", "id", "id is empty", required=False),
        Rule("ExpectColumnValuesToNotBeNull", "created_at_parsed", "created_at", _DATE_REASON,
             dtype="datetime"),
        Rule("ExpectColumnValuesToBeBetween", "created_at_parsed", "created_at",
             _DATE_RANGE_REASON, _DATE_RANGE, dtype="datetime"),
        Rule("ExpectColumnValuesToNotBeNull", text_column, text_field, text_reason),
        Rule("ExpectColumnValueLengthsToBeBetween", text_column, text_field, text_reason,
             {"min_value": 1}),
    ]  # fmt: skip


_RATING_RULES = [
    Rule("ExpectColumnValuesToBeInSet", "rating_parsed_ok", "rating",
         "rating is not a number (expected 1-5, e.g. 4, 4,5, 4/5 or ★★★★)",
         {"value_set": [True]}, required=False),
    Rule("ExpectColumnValuesToBeBetween", "rating", "rating", "rating is outside 1-5",
         {"min_value": 1, "max_value": 5}, required=False, dtype="numeric"),
]  # fmt: skip

#: Survey scales, inclusive (as :data:`pipelines.ingest.surveys.SCALES`).
_SURVEY_SCALES = {"nps": (0, 10), "csat": (1, 5), "ces": (1, 7)}
_SURVEY_RULES = [
    *_common("text", "text", "")[:3],
    Rule("ExpectColumnValuesToBeInSet", "has_score", "nps, csat, ces",
         "no score: a response needs nps (0-10), csat (1-5) or ces (1-7)",
         {"value_set": [True]}),
    *(Rule("ExpectColumnValuesToBeInSet", f"{name}_ok", name,
           f"{name} is not a whole number from {low} to {high}",
           {"value_set": [True]}, required=False)
      for name, (low, high) in _SURVEY_SCALES.items()),
]  # fmt: skip

#: Every expectation, per kind. ``ticket_comments`` validates the flattened comment rows of a
#: ticket export (its failures quarantine the whole ticket).
SUITES: dict[str, list[Rule]] = {
    "reviews": [
        *_common("text", "text", "text is empty after cleaning"),
        *_RATING_RULES,
    ],
    "social": [
        *_common("text", "text", "text is empty after cleaning"),
    ],
    "tickets": [
        *_common("customer_text", "comments", "no customer comment with text"),
        Rule("ExpectColumnValuesToBeInSet", "status", "status",
             f"status is not one of {', '.join(TICKET_STATUSES)}",
             {"value_set": list(TICKET_STATUSES)}, required=False),
        *_RATING_RULES,
    ],
    # A survey response without a verbatim is valid: its scores count.
    "surveys": _SURVEY_RULES,
    "ticket_comments": [
        Rule("ExpectColumnValuesToNotBeNull", "author_role", "comments.author_role",
             "a comment has no author_role (expected customer or agent)"),
        Rule("ExpectColumnValuesToBeInSet", "author_role", "comments.author_role",
             f"a comment author_role is not one of {', '.join(AUTHOR_ROLES)}",
             {"value_set": list(AUTHOR_ROLES)}),
    ],
}  # fmt: skip

# Quarantine rows are reported against the document kind.
_REPORT_KIND = {"ticket_comments": "tickets"}


# --------------------------------------------------------------------------- GE plumbing


@lru_cache(maxsize=1)
def _gx() -> tuple[Any, Any]:
    """Create the ephemeral GE context and a whole-dataframe batch definition, once."""
    # Must be set before great_expectations is imported for the first time.
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
    source = context.data_sources.add_pandas("voc_ingest")
    asset = source.add_dataframe_asset("frame")
    batch_definition = asset.add_batch_definition_whole_dataframe("whole")
    return context, batch_definition


@lru_cache(maxsize=64)
def _suite(kind: str, columns: tuple[str, ...]) -> tuple[Any, tuple[Rule, ...]]:
    _gx()  # suites need an active context
    import great_expectations as gx
    import great_expectations.expectations as gxe

    rules = tuple(r for r in SUITES[kind] if r.column in columns)
    suite = gx.ExpectationSuite(name=f"voc_{kind}_{abs(hash(columns))}")
    for i, rule in enumerate(rules):
        expectation_cls = getattr(gxe, rule.expectation)
        suite.add_expectation(
            expectation_cls(column=rule.column, meta={"rule": i}, **dict(rule.kwargs))
        )
    return suite, rules


# --------------------------------------------------------------------------- public API


def validate_frame(
    frame: pd.DataFrame,
    kind: str,
    source_file: str,
    *,
    now: datetime | None = None,
    redact_raw: bool = True,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Validate a prepared frame against the suite of ``kind``.

    Args:
        frame: One row per input row, with the columns named in :data:`SUITES` (derived columns
            like ``created_at_parsed`` already computed) and optionally ``_row`` (1-based source
            row) and ``_raw`` (JSON of the original row, already redacted).
        kind: ``reviews``, ``tickets``, ``social`` or ``ticket_comments``.
        source_file: File name reported in quarantine.
        now: Reference time for the "not in the future" rule (plus one day of slack). When
            None the future check is skipped; the clock is never read here.
        redact_raw: Redact the ``raw`` JSON built from the frame when ``_raw`` is absent.

    Returns:
        ``(valid, quarantine)``: valid rows (original index and columns) and one quarantine row
        per failing input row with columns :data:`QUARANTINE_COLUMNS`.

    Raises:
        KeyError: Unknown kind.
        ValueError: A required column is missing from ``frame``.
        RuntimeError: Great Expectations failed to evaluate an expectation.
    """
    if kind not in SUITES:
        raise KeyError(f"no validation suite for kind {kind!r}; known: {', '.join(SUITES)}")
    missing = sorted({r.column for r in SUITES[kind] if r.required and r.column not in frame})
    if missing:
        raise ValueError(f"validate_frame({kind!r}) needs columns: {', '.join(missing)}")
    if frame.empty:
        return frame.copy(), _empty_quarantine()

    columns = tuple(sorted({r.column for r in SUITES[kind] if r.column in frame.columns}))
    suite, rules = _suite(kind, columns)
    work = pd.DataFrame(index=pd.RangeIndex(len(frame)))
    for rule in rules:
        if rule.column in work.columns:
            continue
        values = frame[rule.column].reset_index(drop=True)
        if rule.dtype == "datetime":
            if not pd.api.types.is_datetime64_any_dtype(values):
                # Strings are expected pre-parsed; only ISO 8601 is accepted here.
                values = pd.to_datetime(values, errors="coerce", format="ISO8601", utc=True)
            if getattr(values.dt, "tz", None) is not None:
                values = values.dt.tz_convert("UTC").dt.tz_localize(None)
        elif rule.dtype == "numeric":
            values = pd.to_numeric(values, errors="coerce")
        work[rule.column] = values

    _, batch_definition = _gx()
    batch = batch_definition.get_batch(batch_parameters={"dataframe": work})
    parameters = {
        "min_created_at": MIN_CREATED_AT,
        "max_created_at": (now + FUTURE_SLACK) if now is not None else datetime(9999, 12, 31),
    }
    result = batch.validate(
        suite,
        result_format={"result_format": "COMPLETE"},
        expectation_parameters=parameters,
    )

    failures: dict[int, list[Rule]] = {}
    for res in result.results:
        info = res.exception_info or {}
        if info.get("raised_exception"):
            raise RuntimeError(
                f"validation rule {res.expectation_config.type} on "
                f"{res.expectation_config.kwargs.get('column')!r} could not run: "
                f"{info.get('exception_message')}"
            )
        if res.success:
            continue
        rule = rules[int(res.expectation_config.meta["rule"])]
        for pos in res.result.get("unexpected_index_list") or []:
            failures.setdefault(int(pos), []).append(rule)

    if not failures:
        return frame.copy(), _empty_quarantine()
    bad_positions = sorted(failures)
    rows = frame["_row"].tolist() if "_row" in frame.columns else None
    raws = frame["_raw"].tolist() if "_raw" in frame.columns else None
    if raws is None:
        # One bulk conversion; row-by-row .iloc is slow on large quarantines.
        bad_records = frame.iloc[bad_positions].to_dict("records")
        raw_by_pos = {
            pos: _row_json(rec, redact_raw)
            for pos, rec in zip(bad_positions, bad_records, strict=True)
        }
    records = []
    for pos in bad_positions:
        fields: list[str] = []
        reasons: list[str] = []
        for rule in failures[pos]:
            if rule.field not in fields:
                fields.append(rule.field)
            if rule.reason not in reasons:
                reasons.append(rule.reason)
        raw = raws[pos] if raws is not None else raw_by_pos[pos]
        records.append(
            {
                "source_file": source_file,
                "source_row": int(rows[pos]) if rows is not None else pos + 1,
                "kind": _REPORT_KIND.get(kind, kind),
                "field": ", ".join(fields),
                "reason": "; ".join(reasons),
                "raw": raw,
            }
        )
    keep = np.ones(len(frame), dtype=bool)
    keep[bad_positions] = False
    quarantine = pd.DataFrame.from_records(records, columns=QUARANTINE_COLUMNS)
    quarantine["source_row"] = quarantine["source_row"].astype("int64")
    return frame.loc[keep].copy(), quarantine


def combine_quarantine(*frames: pd.DataFrame) -> pd.DataFrame:
    """Concatenate quarantine frames and merge rows of the same source row.

    Fields and reasons are joined (deduplicated, order kept); the first non-empty ``raw`` wins.
    """
    parts = [f for f in frames if f is not None and not f.empty]
    if not parts:
        return _empty_quarantine()
    merged: dict[tuple[str, int], dict[str, Any]] = {}
    for part in parts:
        for rec in part[QUARANTINE_COLUMNS].to_dict("records"):
            key = (rec["source_file"], int(rec["source_row"]))
            if key not in merged:
                merged[key] = dict(rec)
                continue
            cur = merged[key]
            for col, sep in (("field", ", "), ("reason", "; ")):
                items = [x for x in str(cur[col]).split(sep) if x]
                for x in str(rec[col]).split(sep):
                    if x and x not in items:
                        items.append(x)
                cur[col] = sep.join(items)
            if not cur.get("raw") and rec.get("raw"):
                cur["raw"] = rec["raw"]
    out = pd.DataFrame.from_records(list(merged.values()), columns=QUARANTINE_COLUMNS)
    out["source_row"] = out["source_row"].astype("int64")
    return out.sort_values(["source_file", "source_row"], kind="stable").reset_index(drop=True)


def _empty_quarantine() -> pd.DataFrame:
    frame = pd.DataFrame({c: pd.Series(dtype=object) for c in QUARANTINE_COLUMNS})
    frame["source_row"] = frame["source_row"].astype("int64")
    return frame


def _row_json(row: Mapping[Any, Any], redact_raw: bool) -> str:
    data = {str(k): _jsonable(v) for k, v in row.items() if not str(k).startswith("_")}
    if redact_raw:
        data = redact_value(data)  # type: ignore[assignment]
    return json.dumps(data, ensure_ascii=False, default=str)


def _jsonable(value: Any) -> Any:
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, pd.Timestamp | datetime | date):
        return None if pd.isna(value) else value.isoformat()
    if isinstance(value, np.generic):
        return _jsonable(value.item())
    if isinstance(value, np.ndarray):
        return [_jsonable(v) for v in value.tolist()]
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return value

"""The public BI views are a contract: documented columns are never renamed or removed.

``EXPECTED`` is the contract, kept here on purpose (not read from the code under test). The
tests fail when a view loses or renames one of these columns, when docs/architecture.md stops
listing them, or when a view gains a column that docs/bi.md does not describe.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipelines import store

ROOT = Path(__file__).resolve().parents[1]

EXPECTED: dict[str, list[str]] = {
    "v_documents": [
        "doc_id", "kind", "channel", "customer_id", "created_at", "iso_week", "title", "text",
        "rating", "language", "status", "is_duplicate", "duplicate_of", "sentiment_label",
        "sentiment_score", "p_negativo", "p_neutro", "p_positivo", "topic_id", "topic_label",
        "category_id", "category_label", "churn_intent", "churn_cues", "escalation",
        "sentiment_model", "topic_model", "enriched_at", "source_file", "ingested_at",
        "created_at_local", "sentiment_human", "topic_human", "churn_intent_human",
        "escalation_human", "model_sentiment_label", "model_sentiment_score", "model_churn_intent",
        "model_escalation",
    ],
    "v_weekly_overview": [
        "iso_week", "week_start", "kind", "channel", "volume", "scored", "n_negativo", "n_neutro",
        "n_positivo", "share_negativo", "share_neutro", "share_positivo", "net_sentiment",
        "mean_sentiment", "mean_rating", "n_rated", "n_churn_intent", "volume_delta",
        "net_sentiment_delta", "share_negativo_delta", "mean_rating_delta", "n_sentiment_human",
    ],
    "v_weekly_topics": [
        "iso_week", "topic_id", "topic_label", "category_id", "category_label", "volume", "share",
        "n_negativo", "share_negativo", "mean_sentiment", "mean_doc_sentiment", "n_churn_intent",
        "volume_delta", "mean_sentiment_delta", "n_topic_human",
    ],
    "v_emerging_complaints": [
        "alert_id", "iso_week", "first_seen_week", "status", "scope", "topic_id", "topic_label",
        "category_id", "category_label", "channel", "kind", "volume", "baseline", "growth",
        "z_score", "p_value", "severity", "share_negativo", "channels", "kinds", "quotes",
        "notified_at",
    ],
    "v_churn_risk": [
        "customer_id", "risk_score", "risk_level", "reasons", "last_contact", "contacts_30d",
        "n_documents", "last_texts", "as_of_week", "model",
    ],
    "v_weekly_scores": [
        "iso_week", "week_start", "channel", "touchpoint", "n_responses", "n_verbatim", "n_nps",
        "promoters", "passives", "detractors", "nps", "nps_low", "nps_high", "n_csat", "csat",
        "csat_low", "csat_high", "csat_mean", "n_ces", "ces_mean", "ces_low", "ces_high",
        "nps_delta", "nps_delta_low", "nps_delta_high", "nps_change", "csat_delta",
        "csat_change", "ces_delta", "ces_change",
    ],
    "v_theme_impact": [
        "iso_week", "period", "weeks", "metric", "scope", "theme_id", "theme_label",
        "n_responses", "n_mentions", "reach", "score_all", "score_with", "score_without",
        "impact", "impact_low", "impact_high", "effect", "effect_low", "effect_high", "gain",
        "gain_low", "gain_high", "impact_significant", "priority_rank", "n_negativo",
        "n_neutro", "n_positivo", "confidence", "n_bootstrap", "computed_at",
    ],
    "v_ticket_operations": [
        "iso_week", "channel", "priority", "category_id", "category_label", "tickets",
        "answered", "first_response_median", "first_response_p90", "first_response_breaches",
        "first_response_breach_rate", "solved", "resolution_median", "resolution_breaches",
        "resolution_breach_rate", "reopened", "reopen_rate", "backlog", "n_negativo",
        "n_after_slow", "polarity_after_slow", "n_after_fast", "polarity_after_fast",
    ],
}  # fmt: skip

# Columns whose type a BI model depends on (lists must stay lists, weeks stay text).
EXPECTED_TYPES = {
    ("v_documents", "iso_week"): "VARCHAR",
    ("v_documents", "created_at"): "TIMESTAMP",
    ("v_documents", "churn_cues"): "VARCHAR[]",
    ("v_weekly_overview", "week_start"): "DATE",
    ("v_emerging_complaints", "channels"): "VARCHAR[]",
    ("v_emerging_complaints", "kinds"): "VARCHAR[]",
    ("v_emerging_complaints", "quotes"): "VARCHAR[]",
    ("v_churn_risk", "reasons"): "VARCHAR[]",
    ("v_churn_risk", "last_texts"): "VARCHAR[]",
    ("v_churn_risk", "risk_score"): "DOUBLE",
    ("v_weekly_scores", "week_start"): "DATE",
    ("v_weekly_scores", "nps"): "DOUBLE",
    ("v_weekly_scores", "nps_change"): "VARCHAR",
    ("v_theme_impact", "impact_significant"): "BOOLEAN",
    ("v_theme_impact", "priority_rank"): "INTEGER",
    ("v_ticket_operations", "backlog"): "BIGINT",
    ("v_ticket_operations", "n_after_slow"): "BIGINT",
    ("v_documents", "sentiment_human"): "BOOLEAN",
    ("v_weekly_overview", "n_sentiment_human"): "BIGINT",
}


@pytest.fixture(scope="module")
def schema(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, str]]:
    """column → type of every public view in a freshly migrated database."""
    con = store.connect(tmp_path_factory.mktemp("contract") / "c.duckdb")
    try:
        out: dict[str, dict[str, str]] = {}
        for view in EXPECTED:
            rows = con.execute(
                "SELECT column_name, data_type FROM information_schema.columns"
                " WHERE table_name = ? ORDER BY ordinal_position",
                [view],
            ).fetchall()
            out[view] = {name: dtype for name, dtype in rows}
        return out
    finally:
        con.close()


def _documented_in_architecture() -> dict[str, list[str]]:
    """Parse the "Public views" bullet list of docs/architecture.md."""
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    block = text.split("Public views", 1)[1].split("Internal tables", 1)[0]
    views: dict[str, list[str]] = {}
    for match in re.finditer(r"^- `(v_\w+)`:(.*?)(?=^- `|\Z)", block, flags=re.S | re.M):
        body = " ".join(match.group(2).split())
        body = re.sub(r"\([^)]*\)|\[[^\]]*\]", "", body)  # drop "(VARCHAR[], Italian)", "[0,1]"
        views[match.group(1)] = [c.strip().split()[0] for c in body.rstrip(". ").split(",")]
    return views


def _documented_in_bi_guide() -> dict[str, set[str]]:
    """Column names of each view's table in docs/bi.md."""
    text = (ROOT / "docs" / "bi.md").read_text(encoding="utf-8")
    views: dict[str, set[str]] = {}
    for section in re.split(r"^### ", text, flags=re.M)[1:]:
        name = re.match(r"`(v_\w+)`", section)
        if name:
            views[name.group(1)] = set(re.findall(r"^\| `(\w+)` \|", section, flags=re.M))
    return views


@pytest.mark.parametrize("view", list(EXPECTED))
def test_view_keeps_every_contract_column(schema: dict[str, dict[str, str]], view: str) -> None:
    assert schema[view], f"{view} does not exist after migrating a new database"
    missing = [c for c in EXPECTED[view] if c not in schema[view]]
    assert not missing, f"{view} lost or renamed contract columns: {missing}"


def test_contract_column_types(schema: dict[str, dict[str, str]]) -> None:
    wrong = {
        f"{view}.{column}": (schema[view].get(column), dtype)
        for (view, column), dtype in EXPECTED_TYPES.items()
        if schema[view].get(column) != dtype
    }
    assert not wrong, f"(actual, expected) types: {wrong}"


def test_architecture_doc_lists_the_contract() -> None:
    documented = _documented_in_architecture()
    assert set(documented) == set(EXPECTED)
    for view, columns in EXPECTED.items():
        assert documented[view] == columns, (
            f"docs/architecture.md and EXPECTED disagree on {view}: "
            f"only in docs {sorted(set(documented[view]) - set(columns))}, "
            f"only in the test {sorted(set(columns) - set(documented[view]))}"
        )


def test_bi_guide_describes_every_column(schema: dict[str, dict[str, str]]) -> None:
    described = _documented_in_bi_guide()
    for view, columns in schema.items():
        undocumented = sorted(set(columns) - described.get(view, set()))
        assert not undocumented, f"docs/bi.md has no entry for {view} columns {undocumented}"
        stale = sorted(described.get(view, set()) - set(columns))
        assert not stale, f"docs/bi.md describes {view} columns that do not exist: {stale}"


def test_parser_catches_a_removed_column() -> None:
    # the doc parser must see every column, or the doc check above could pass vacuously
    documented = _documented_in_architecture()
    assert documented["v_churn_risk"][:3] == ["customer_id", "risk_score", "risk_level"]
    assert "ingested_at" in documented["v_documents"] and len(documented["v_documents"]) == 39

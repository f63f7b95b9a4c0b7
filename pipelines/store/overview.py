"""Read queries behind the command line's short overviews (``voc insights``, ``voc demo``).

The alert and churn views exist only once their migrations ran, so callers check
:func:`view_names` before reading them.
"""

from __future__ import annotations

import duckdb
import pandas as pd

__all__ = ["churn_risk_top", "emerging_complaints_of_week", "view_names"]


def view_names(con: duckdb.DuckDBPyConnection) -> set[str]:
    """Names of the views in the database."""
    return {row[0] for row in con.execute("SELECT view_name FROM duckdb_views()").fetchall()}


def emerging_complaints_of_week(
    con: duckdb.DuckDBPyConnection, week: str, limit: int = 10
) -> pd.DataFrame:
    """The ``limit`` most severe emerging complaints of ``week``, rounded for printing."""
    return con.execute(
        "SELECT status, topic_label, channel, kind, volume, round(baseline, 1) AS baseline,"
        " round(z_score, 1) AS z, round(severity, 1) AS severity FROM v_emerging_complaints"
        " WHERE iso_week = ? ORDER BY severity DESC LIMIT ?",
        [week, limit],
    ).df()


def churn_risk_top(con: duckdb.DuckDBPyConnection, limit: int = 10) -> pd.DataFrame:
    """The ``limit`` customers most at risk of churn, with their first three reasons."""
    return con.execute(
        "SELECT customer_id, round(risk_score, 2) AS rischio, risk_level AS livello,"
        " array_to_string(reasons[1:3], '; ') AS motivi, contacts_30d"
        " FROM v_churn_risk ORDER BY risk_score DESC LIMIT ?",
        [limit],
    ).df()

"""Drill-down links: a document filter as Italian query parameters, and back.

Every number on a page links to ``/verbatim`` with the filter of the documents it counts
(:data:`pipelines.report.workbench.KPI_DRILLS` and the ``drill`` of each row). Parsing is
strict: a malformed week or theme is a one-line error, an unknown parameter is ignored.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields
from typing import Any
from urllib.parse import urlencode

from pipelines.errors import VocError
from pipelines.steps.ui import SENTIMENTS, DocumentFilter
from pipelines.weeks import parse_week

__all__ = ["PARAMS", "drill_url", "filter_from_params", "filter_params", "page_url"]

#: DocumentFilter field → query parameter (Italian: the URL is what a user copies and shares).
PARAMS = {
    "week": "settimana",
    "week_from": "dal",
    "week_to": "al",
    "kind": "fonte",
    "channel": "canale",
    "category": "categoria",
    "theme": "tema",
    "sentiment": "sentiment",
    "theme_sentiment": "sentiment_tema",
    "churn": "abbandono",
    "scored": "valutati",
    "rated": "voto",
    "query": "q",
    "duplicates": "duplicati",
}
_FIELDS = [f.name for f in fields(DocumentFilter)]
MAX_QUERY_CHARS = 200
MAX_VALUE_CHARS = 120


def filter_params(values: Mapping[str, Any]) -> dict[str, str]:
    """Query parameters of filter fields (empty and default values left out)."""
    out: dict[str, str] = {}
    for name in PARAMS:  # a fixed order: the same filter is always the same URL
        value = values.get(name)
        if value is None or value == "" or value is False:
            continue
        if isinstance(value, bool):
            out[PARAMS[name]] = "si" if name == "churn" else "1"
        else:
            out[PARAMS[name]] = str(value)
    if values.get("churn") is False:
        out[PARAMS["churn"]] = "no"
    return out


def _fields(part: Mapping[str, Any] | DocumentFilter) -> dict[str, Any]:
    if isinstance(part, DocumentFilter):
        return {f: getattr(part, f) for f in _FIELDS}
    return dict(part)


def drill_url(*parts: Mapping[str, Any] | DocumentFilter, page: int | None = None) -> str:
    """``/verbatim?…`` of the documents a filter selects.

    ``parts`` are merged left to right (a page's filter, then the number's own fields), so a
    number on a filtered page links to its documents under the same filter.
    """
    values: dict[str, Any] = {}
    for part in parts:
        values.update(_fields(part))
    params = filter_params(values)
    if page and page > 1:
        params["pagina"] = str(page)
    return "/verbatim" + ("?" + urlencode(params) if params else "")


def page_url(path: str, values: Mapping[str, Any]) -> str:
    """``path`` with the filter's parameters (the Settimana filters keep across weeks)."""
    params = filter_params(values)
    return path + ("?" + urlencode(params) if params else "")


def _flag(raw: str) -> bool:
    return raw.strip().lower() in {"1", "si", "sì", "true", "on"}


def _week(raw: str) -> str | None:
    if not raw:
        return None
    try:
        return parse_week(raw)
    except VocError:
        raise VocError(
            f"settimana non valida: «{raw}» (usa il formato AAAA-Wss, ad esempio 2026-W10)"
        ) from None


def filter_from_params(params: Mapping[str, str]) -> DocumentFilter:
    """The filter of a request's query parameters.

    Raises:
        VocError: an invalid week, theme or sentiment (one line, shown on the page).
    """
    raw = {name: params.get(param, "").strip() for name, param in PARAMS.items()}
    for name, value in raw.items():
        limit = MAX_QUERY_CHARS if name == "query" else MAX_VALUE_CHARS
        if len(value) > limit:
            raise VocError(f"parametro '{PARAMS[name]}' troppo lungo")
    theme: int | None = None
    if raw["theme"]:
        try:
            theme = int(raw["theme"])
        except ValueError:
            raise VocError(f"tema non valido: '{raw['theme']}'") from None
    for name in ("sentiment", "theme_sentiment"):
        if raw[name] and raw[name] not in SENTIMENTS:
            raise VocError(f"sentiment non valido: usa {', '.join(SENTIMENTS)}")
    churn: bool | None = None
    if raw["churn"]:
        churn = _flag(raw["churn"])
    return DocumentFilter(
        week=_week(raw["week"]),
        week_from=_week(raw["week_from"]),
        week_to=_week(raw["week_to"]),
        kind=raw["kind"] or None,
        channel=raw["channel"] or None,
        category=raw["category"] or None,
        theme=theme,
        sentiment=raw["sentiment"] or None,
        theme_sentiment=(raw["theme_sentiment"] or None) if theme is not None else None,
        churn=churn,
        scored=_flag(raw["scored"]),
        rated=_flag(raw["rated"]),
        query=raw["query"],
        duplicates=_flag(raw["duplicates"]),
    )

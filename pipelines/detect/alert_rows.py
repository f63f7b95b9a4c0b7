"""Alert rows: one dict per series (or theme) and week, with labels, figures and quotes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from models.detection import STATUS_NEW, STATUS_ONGOING, STATUS_RESOLVED, ScanResult, severity
from models.theme_names import FALLBACK_NAME, QueryEmbedder, name_theme
from pipelines.detect.panels import NO_CATEGORY
from pipelines.detect.terms import TermEvidence, TermTheme

KIND_LABELS = {"reviews": "Recensioni", "tickets": "Ticket", "social": "Social"}
MAX_QUOTES = 5
QUOTE_CHARS = 280


def _clip(text: str) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= QUOTE_CHARS else text[: QUOTE_CHARS - 1].rstrip() + "…"


def pick_quotes(rows: pd.DataFrame, n: int = MAX_QUOTES) -> list[str]:
    """The most negative distinct texts (``text``, ``score``), clipped for display."""
    seen: set[str] = set()
    out: list[str] = []
    for text in rows.sort_values(["score", "doc_id"])["text"]:
        if not isinstance(text, str) or not text.strip():
            continue
        key = " ".join(text.lower().split())[:80]
        if key in seen:
            continue
        seen.add(key)
        out.append(_clip(text))
        if len(out) >= n:
            break
    return out


def _ranked(values: pd.Series) -> list[str]:
    counts = values.astype(str).value_counts()
    return sorted(counts.index.tolist(), key=lambda v: (-counts[v], v))


def _f(value: float, digits: int = 4) -> float | None:
    return None if value is None or not np.isfinite(value) else round(float(value), digits)


ROW_COLUMNS = [
    "alert_id", "iso_week", "first_seen_week", "status", "scope", "series_key", "topic_id",
    "topic_label", "category_id", "category_label", "channel", "kind", "volume", "total",
    "baseline", "growth", "z_score", "p_value", "severity", "share_negativo", "share_baseline",
    "mean_sentiment", "channels", "kinds", "quotes", "keywords",
]  # fmt: skip


def topic_categories(frame: pd.DataFrame) -> dict[int, str]:
    """Most frequent taxonomy category of each topic."""
    f = frame[frame["topic_id"].notna() & frame["category_id"].notna()]
    if f.empty:
        return {}
    top = f.groupby(["topic_id", "category_id"]).size().reset_index(name="n")
    top = top.sort_values(["topic_id", "n", "category_id"], ascending=[True, False, True])
    return {
        int(k): str(v)
        for k, v in top.drop_duplicates("topic_id")[["topic_id", "category_id"]].itertuples(
            index=False
        )
    }


def series_row(
    scope: str,
    key: Any,
    weeks: Sequence[str],
    t: int,
    start: int,
    res: ScanResult,
    members: pd.DataFrame,
    info: pd.DataFrame,
    topic_labels: dict[int, str],
    category_labels: dict[str, str],
    topic_category: dict[int, str],
    evidence: TermEvidence | None = None,
) -> dict[str, Any]:
    first = weeks[start] if start >= 0 else weeks[t]
    detail = members.join(info, on="doc_id")
    negatives = detail[detail["neg"]]
    quote_rows = negatives.rename(columns={"sentiment_score": "score"})
    if evidence is not None:
        # The documents carrying the bursting terms are the evidence: quote them first.
        carriers = quote_rows["doc_id"].isin(set(evidence.doc_ids))
        quote_rows = quote_rows.assign(score=quote_rows["score"] - 10.0 * carriers)
    topic_id: int | None = None
    category_id: str | None = None
    channel: str | None = None
    kind: str | None = None
    if scope == "topic":
        topic_id = int(key)
        label = topic_labels.get(topic_id, f"Tema {topic_id}")
        category_id = topic_category.get(topic_id)
    elif scope == "category":
        category_id = str(key)
        label = category_labels.get(category_id, category_id)
    elif scope == "channel":
        channel = str(key)
        label = f"Canale {channel}"
    else:
        kind = str(key)
        label = KIND_LABELS.get(kind, kind)
    share = res.share[t]
    growth = res.growth[t]
    return {
        "alert_id": f"{scope}:{key}:{first}",
        "iso_week": weeks[t],
        "first_seen_week": first,
        "status": res.status[t],
        "scope": scope,
        "series_key": str(key),
        "topic_id": topic_id,
        "topic_label": label,
        "category_id": category_id,
        "category_label": category_labels.get(category_id, category_id) if category_id else None,
        "channel": channel,
        "kind": kind,
        "volume": int(res.volume[t]),
        "total": int(res.total[t]),
        "baseline": _f(res.expected[t], 2),
        "growth": _f(growth, 3),
        "z_score": _f(res.z[t], 3),
        "p_value": _f(res.p[t], 6),
        "severity": severity(res.volume[t], share, growth if np.isfinite(growth) else 1.0),
        "share_negativo": _f(share),
        "share_baseline": _f(res.share_baseline[t]),
        "mean_sentiment": _f(detail["sentiment_score"].mean()) if len(detail) else None,
        "channels": _ranked(negatives["channel"]) if len(negatives) else [],
        "kinds": _ranked(negatives["kind"]) if len(negatives) else [],
        "quotes": pick_quotes(quote_rows) if len(quote_rows) else [],
        "keywords": list(evidence.keywords) if evidence is not None else [],
    }


#: Documents outside a new theme its name is contrasted with (an even, deterministic sample).
NAME_BACKGROUND = 2000


@dataclass(frozen=True)
class NameSpace:
    """What scores a new theme's candidate names in embedding space.

    Attributes:
        embed_queries: texts -> query vectors (the embedder of ``vectors``).
        vectors: text_hash -> document embedding (the new theme's documents are among them).
        centroids: (k, d) centroids of the existing themes: a name must not point at one.
    """

    embed_queries: QueryEmbedder
    vectors: Mapping[str, np.ndarray]
    centroids: np.ndarray


def theme_label(
    ep_weeks: Sequence[Mapping[str, Any]],
    keywords: Sequence[str],
    tag: str,
    docs: pd.DataFrame,
    exclude_words: Sequence[str] = (),
    space: NameSpace | None = None,
) -> str:
    """ "Nuovo tema: <noun phrase of its documents>" (:func:`models.theme_names.name_theme`),
    contrasted with the other documents and, given ``space``, the name among the best ones
    whose query vector points at the theme's documents rather than at an existing theme; its
    keywords when no phrase qualifies."""
    mine = {d for wk in ep_weeks for d in [*wk["doc_ids"], *wk.get("prev_doc_ids", [])]}
    own = docs.loc[docs["doc_id"].isin(mine)].dropna(subset=["text"])
    texts = own["text"].astype(str).tolist()
    rest = docs.loc[~docs["doc_id"].isin(mine)].sort_values("doc_id")["text"].dropna()
    step = max(1, len(rest) // NAME_BACKGROUND)
    scoring: dict[str, Any] = {}
    if space is not None and "text_hash" in own:
        vecs = [space.vectors[h] for h in own["text_hash"] if h in space.vectors]
        if vecs:
            scoring = {
                "query_embedder": space.embed_queries,
                "centroid": np.mean(np.vstack(vecs), axis=0),
                "contrast": space.centroids,
            }
    name = name_theme(
        texts, rest.astype(str).tolist()[::step], exclude_words=exclude_words, **scoring
    )
    if name.label != FALLBACK_NAME:
        return "Nuovo tema: " + name.label
    return "Nuovo tema: " + (", ".join(keywords[:3]) if keywords else f"gruppo {tag}")


def theme_rows(
    ep_weeks: Sequence[Mapping[str, Any]],
    keywords: Sequence[str],
    tag: str,
    docs: pd.DataFrame,
    weeks: Sequence[str],
    exclude_words: Sequence[str] = (),
    space: NameSpace | None = None,
) -> list[dict[str, Any]]:
    """Alert rows (scope ``new_topic``) of a theme no topic holds, one per episode week.

    ``exclude_words`` (the company's names) never enter its name; ``space`` scores its
    candidate names (:func:`theme_label`)."""
    first = weeks[ep_weeks[0]["week"]]
    label = theme_label(ep_weeks, keywords, tag, docs, exclude_words, space)
    rows = []
    for i, wk in enumerate(ep_weeks):
        members = wk["frame"]
        # The first week's quotes may come from both weeks of its window: they are the evidence.
        quoted = pd.concat([members, wk["prev"]]) if i == 0 and len(wk["prev"]) else members
        cats = members["category_id"].dropna().astype(str)
        cats = cats[~cats.isin(NO_CATEGORY)]
        growth = wk["growth"]
        rows.append(
            {
                "alert_id": f"new_topic:{first}:{tag}",
                "iso_week": weeks[wk["week"]],
                "first_seen_week": first,
                "status": wk["status"],
                "scope": "new_topic",
                "series_key": f"{first}:{tag}",
                "topic_id": -1,
                "topic_label": label,
                "category_id": cats.mode().iat[0] if len(cats) else None,
                "category_label": None,
                "channel": None,
                "kind": None,
                "volume": int(wk["volume"]),
                "total": int(wk["volume"]),
                "baseline": _f(wk["expected"], 2),
                "growth": _f(growth, 3),
                "z_score": _f(wk["z"], 3),
                "p_value": _f(wk["p"], 6),
                "severity": severity(wk["volume"], 1.0, growth),
                "share_negativo": 1.0,
                "share_baseline": None,
                "mean_sentiment": _f(members["sentiment_score"].mean()) if len(members) else None,
                "channels": _ranked(members["channel"]) if len(members) else [],
                "kinds": _ranked(members["kind"]) if len(members) else [],
                "quotes": pick_quotes(quoted) if len(quoted) else [],
                "keywords": list(keywords),
            }
        )
    return rows


def term_theme_rows(
    themes: Sequence[TermTheme],
    covered: set[str],
    docs: pd.DataFrame,
    weeks: Sequence[str],
    exclude_words: Sequence[str] = (),
    space: NameSpace | None = None,
) -> list[dict[str, Any]]:
    """Alert rows of the term bursts no series holds (:class:`TermTheme`), as new themes.

    A burst whose documents a new topic or a dense group already reports adds nothing. A theme
    that bursts again the next week (a term of it among the new burst's) stays one episode
    (``in corso``); the first week without a burst closes it (``rientrato``).
    """
    info = docs.set_index("doc_id")
    rows: list[dict[str, Any]] = []
    open_eps: list[tuple[str, set[str], list[dict[str, Any]]]] = []
    by_week: dict[int, list[TermTheme]] = {}
    for theme in themes:
        by_week.setdefault(theme.week, []).append(theme)
    n_tag = 0

    def frame(ids: Sequence[str]) -> pd.DataFrame:
        f = info.loc[[d for d in ids if d in info.index]].reset_index()
        return f.assign(score=f["sentiment_score"].astype(float))

    for t in range(len(weeks)):
        still: list[tuple[str, set[str], list[dict[str, Any]]]] = []
        for theme in by_week.get(t, []):
            ids = theme.evidence.doc_ids
            if len(set(ids) & covered) * 2 >= len(ids):
                continue
            prev = set(theme.prev_doc_ids)
            now = [d for d in ids if d not in prev]
            week = {
                "week": t, "volume": theme.volume, "expected": theme.expected, "z": theme.evidence.z,
                "p": theme.evidence.p, "growth": theme.growth, "frame": frame(now),
                "prev": frame(theme.prev_doc_ids), "doc_ids": now,
                "prev_doc_ids": list(theme.prev_doc_ids),
            }  # fmt: skip
            mine = next((ep for ep in open_eps if ep[1] & set(theme.terms)), None)
            if mine is not None and mine[0] not in {ep[0] for ep in still}:
                mine[2].append({**week, "status": STATUS_ONGOING, "prev": frame([])})
                mine[1].update(theme.terms)
                still.append(mine)
                continue
            n_tag += 1
            ep = (f"t{n_tag}", set(theme.terms), [{**week, "status": STATUS_NEW}])
            ep[2][0]["keywords"] = theme.evidence.keywords
            still.append(ep)
        continued = {ep[0] for ep in still}
        for ep in open_eps:
            if ep[0] not in continued:
                ep[2].append({"week": t, "status": STATUS_RESOLVED, "volume": 0, "expected": 0.0,
                              "z": float("nan"), "p": float("nan"), "growth": float("nan"),
                              "frame": frame([]), "prev": frame([]), "doc_ids": [],
                              "prev_doc_ids": []})  # fmt: skip
                rows += theme_rows(
                    ep[2], ep[2][0]["keywords"], ep[0], docs, weeks, exclude_words, space
                )
        open_eps = still
    for ep in open_eps:
        rows += theme_rows(ep[2], ep[2][0]["keywords"], ep[0], docs, weeks, exclude_words, space)
    return rows

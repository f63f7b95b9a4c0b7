"""Emerging complaints and churn risk: weekly series from the documents, alerts, risk scores.

Pure compute first (:func:`build_panels`, :func:`detect_alerts`, :func:`score_churn`,
:func:`fit_churn_model`), then the steps that read and write the database
(:func:`run_detection`, :func:`ingest_churn_outcomes`).

Detection replays every week from the first one with data up to the latest closed week (or the
report week, if later). It is cheap (weekly counts), it makes the alert table a pure function of
the data and the settings, and a lifecycle (nuovo → in corso → rientrato) needs the previous
weeks anyway. Only ``notified_at`` survives a replay, so a notification is sent once per alert,
and only for the latest week: replaying an old week never announces anything.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from models.churn import (
    FEATURES,
    ChurnRiskScorer,
    customer_features,
    explain,
    risk_level,
    snapshot_dataset,
)
from models.detection import (
    STATUS_NEW,
    STATUS_ONGOING,
    STATUS_RESOLVED,
    DetectionParams,
    NewTopicEpisode,
    ScanResult,
    detect_dense_groups,
    detect_new_topics,
    detect_term_bursts,
    distinctive_keywords,
    scan_series,
    severity,
)
from pipelines import store
from pipelines.config import Settings
from pipelines.errors import VocError
from pipelines.store import detection as store_detection
from pipelines.weeks import choose_week, week_bounds_utc, week_range

log = logging.getLogger("voc")

SCOPES = ("topic", "category", "channel", "kind")
KIND_LABELS = {"reviews": "Recensioni", "tickets": "Ticket", "social": "Social"}
MAX_QUOTES = 5
QUOTE_CHARS = 280
# Category ids that mean "no category": never a category-level series of their own.
NO_CATEGORY = {"altro", "", "nan", "None"}


# --------------------------------------------------------------------------- weeks


def params_from_settings(settings: Settings) -> DetectionParams:
    """Detector sensitivity from ``[detection]`` of ``voc.toml`` (the ``alert_*`` keys;
    ``alert_terms = false`` turns the term-burst detector off, ``alert_groups = false`` the
    dense-group scan in embedding space; ``alert_term_p`` / ``alert_group_p`` are those scans'
    shares of the weekly false-alert budget, see :class:`DetectionParams`)."""
    return DetectionParams(
        z_threshold=settings.alert_z,
        min_count=settings.alert_min_count,
        baseline_weeks=settings.alert_baseline_weeks,
        p_threshold=settings.alert_p,
        min_growth=settings.alert_min_growth,
        min_share_delta=settings.alert_min_share_delta,
        noise_floor=settings.alert_noise_floor,
        new_topic_distance=settings.alert_new_topic_distance,
        term_test=settings.alert_terms,
        term_p_threshold=settings.alert_term_p,
        group_test=settings.alert_groups,
        group_p_threshold=settings.alert_group_p,
    )


# --------------------------------------------------------------------------- panels


@dataclass
class Panel:
    """Weekly counts of every series of one scope.

    Attributes:
        scope: ``topic``, ``category``, ``channel`` or ``kind``.
        keys: series keys (topic ids, category ids, channel or kind names).
        neg: (S, T, C) negative documents per series, week and channel.
        tot: (S, T, C) all scored documents per series, week and channel.
        exposure: (S, T, C) all scored documents of the channel (the series' strata).
        use_volume: whether the count test applies (not for channel/kind: see scan_series).
        members: rows (key, t, doc_id, neg, score) behind the counts, for quotes and labels.
    """

    scope: str
    keys: list[Any]
    neg: np.ndarray
    tot: np.ndarray
    exposure: np.ndarray
    use_volume: bool
    members: pd.DataFrame


def _memberships(docs: pd.DataFrame, aspects: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Per scope: which scored documents belong to which series (key, doc_id, neg, score).

    A document belongs to its main topic and category (with the document's sentiment) and to
    every topic and category of its aspects (with the aspect's sentiment); it is negative for a
    series when either says so. Sentence-level sentiment alone misses complaints whose sentences
    read as neutral facts ("ho aggiornato l'app e mi avete addebitato due volte"); document-level
    sentiment alone misses the one negative aspect of a mixed review.
    """
    cols = ["doc_id", "topic_id", "category_id", "sentiment_label", "sentiment_score"]
    scored = docs[docs["sentiment_label"].notna()]
    rows = scored[cols]
    if len(aspects):
        rows = pd.concat([rows, aspects.merge(scored[["doc_id"]], on="doc_id")[cols]])
    rows = rows.assign(neg=(rows["sentiment_label"] == "negativo"))

    def series(column: str, keep: pd.Series) -> pd.DataFrame:
        part = rows[keep]
        return (
            part.groupby([column, "doc_id"], as_index=False)
            .agg(neg=("neg", "max"), sentiment_score=("sentiment_score", "min"))
            .rename(columns={column: "key"})
        )

    topic = series("topic_id", rows["topic_id"].notna() & (rows["topic_id"] >= 0))
    topic["key"] = topic["key"].astype(int)
    cat_ok = rows["category_id"].notna() & ~rows["category_id"].astype(str).isin(NO_CATEGORY)
    docneg = scored.assign(neg=(scored["sentiment_label"] == "negativo"))
    channel = docneg.assign(key=docneg["channel"])[["key", "doc_id", "neg", "sentiment_score"]]
    kind = docneg.assign(key=docneg["kind"])[["key", "doc_id", "neg", "sentiment_score"]]
    return {
        "topic": topic,
        "category": series("category_id", cat_ok),
        "channel": channel,
        "kind": kind,
    }


def build_panels(
    docs: pd.DataFrame, aspects: pd.DataFrame, weeks: Sequence[str]
) -> dict[str, Panel]:
    """Weekly series of every scope.

    Args:
        docs: documents (``doc_id``, ``iso_week``, ``channel``, ``kind``, ``sentiment_label``,
            ``sentiment_score``, ``topic_id``, ``category_id``).
        aspects: aspect rows (``doc_id``, ``topic_id``, ``category_id``, ``sentiment_label``,
            ``sentiment_score``); may be empty.
        weeks: the continuous week axis.

    Returns:
        scope → :class:`Panel`.
    """
    week_idx = {w: i for i, w in enumerate(weeks)}
    scored = docs[docs["sentiment_label"].notna() & docs["iso_week"].isin(week_idx)]
    channels = sorted(scored["channel"].astype(str).unique().tolist())
    chan_idx = {c: i for i, c in enumerate(channels)}
    where = pd.DataFrame(
        {
            "doc_id": scored["doc_id"].to_numpy(),
            "t": scored["iso_week"].map(week_idx).to_numpy(dtype=int),
            "c": scored["channel"].astype(str).map(chan_idx).to_numpy(dtype=int),
        }
    )
    n_t, n_c = len(weeks), max(len(channels), 1)
    exposure = np.zeros((n_t, n_c))
    np.add.at(exposure, (where["t"].to_numpy(), where["c"].to_numpy()), 1.0)
    panels: dict[str, Panel] = {}
    for scope, members in _memberships(scored, aspects).items():
        m = members.merge(where, on="doc_id")
        keys = sorted(m["key"].unique().tolist(), key=str)
        k_idx = {k: i for i, k in enumerate(keys)}
        s = m["key"].map(k_idx).to_numpy(dtype=int)
        neg = np.zeros((len(keys), n_t, n_c))
        tot = np.zeros((len(keys), n_t, n_c))
        np.add.at(tot, (s, m["t"].to_numpy(), m["c"].to_numpy()), 1.0)
        np.add.at(neg, (s, m["t"].to_numpy(), m["c"].to_numpy()), m["neg"].to_numpy(dtype=float))
        if scope in ("topic", "category"):
            exp = np.broadcast_to(exposure, tot.shape).copy()
            panels[scope] = Panel(scope, keys, neg, tot, exp, True, m)
        else:
            # A channel's (or kind's) own traffic is its only stratum: share test only.
            flat_neg = neg.sum(axis=2, keepdims=True)
            flat_tot = tot.sum(axis=2, keepdims=True)
            panels[scope] = Panel(scope, keys, flat_neg, flat_tot, flat_tot.copy(), False, m)
    # A category with a single topic, a kind with a single channel: one alert is enough.
    for scope, other in (("category", "topic"), ("kind", "channel")):
        if scope in panels and other in panels:
            panels[scope] = _drop_duplicate_series(panels[scope], panels[other])
    return panels


def _drop_duplicate_series(panel: Panel, other: Panel) -> Panel:
    """Drop series whose weekly counts equal those of a series in ``other``."""
    seen = {
        (other.tot[j].sum(axis=-1).tobytes(), other.neg[j].sum(axis=-1).tobytes())
        for j in range(len(other.keys))
    }
    keep = [
        i
        for i in range(len(panel.keys))
        if (panel.tot[i].sum(axis=-1).tobytes(), panel.neg[i].sum(axis=-1).tobytes()) not in seen
    ]
    kept = [panel.keys[i] for i in keep]
    return Panel(
        panel.scope, kept, panel.neg[keep], panel.tot[keep], panel.exposure[keep],
        panel.use_volume, panel.members[panel.members["key"].isin(kept)],
    )  # fmt: skip


# --------------------------------------------------------------------------- alerts


def scan_panels(
    panels: Mapping[str, Panel],
    params: DetectionParams,
    prior_share: float,
    evidence: Mapping[tuple[str, Any], Mapping[int, TermEvidence]] | None = None,
) -> dict[str, list[ScanResult]]:
    """Run :func:`models.detection.scan_series` on every series of every scope.

    Args:
        panels: scope → panel (from :func:`build_panels`, or simulated counts).
        params: sensitivity.
        prior_share: overall negative share (prior of the series' baseline shares).
        evidence: (scope, key) → week → term burst attached to that series
            (:func:`term_evidence`); None or empty runs the count tests alone.

    Returns:
        scope → one :class:`ScanResult` per key, in ``panel.keys`` order.
    """
    out: dict[str, list[ScanResult]] = {}
    for scope in (*SCOPES, *(s for s in panels if s not in SCOPES)):
        panel = panels.get(scope)
        if panel is None or not panel.keys:
            continue
        results = []
        for i, key in enumerate(panel.keys):
            n_weeks = panel.neg.shape[1]
            term_z = np.full(n_weeks, np.nan)
            term_p = np.full(n_weeks, np.nan)
            for t, ev in (evidence or {}).get((scope, key), {}).items():
                term_z[t], term_p[t] = ev.z, ev.p
            results.append(
                scan_series(
                    panel.neg[i],
                    panel.tot[i],
                    panel.exposure[i],
                    params,
                    prior_share=prior_share,
                    use_volume=panel.use_volume,
                    term_z=term_z,
                    term_p=term_p,
                )
            )
        out[scope] = results
    return out


@dataclass
class TermEvidence:
    """A term burst attached to one series and week.

    Attributes:
        z, p: test of the burst's lead term (p corrected over the terms tested that week).
        keywords: the bursting terms as customers wrote them, strongest first.
        doc_ids: documents carrying them (the week's, and the previous week's on a two-week
            window): the alert's quotes come from them first.
    """

    z: float
    p: float
    keywords: list[str]
    doc_ids: list[str]


@dataclass
class TermTheme:
    """A term burst no topic or category holds (its documents spread over several of them).

    Attributes:
        week: week index of the burst.
        terms: its lemmas, strongest first (to follow it in the next weeks).
        evidence: test, keywords and documents (this week's and, on a two-week window, the
            previous week's).
        prev_doc_ids: the previous week's documents among ``evidence.doc_ids``.
        volume, expected, growth: the lead term's count in the window and its expectation.
    """

    week: int
    terms: list[str]
    evidence: TermEvidence
    prev_doc_ids: list[str]
    volume: int
    expected: float
    growth: float


def term_evidence(
    docs: pd.DataFrame,
    panels: Mapping[str, Panel],
    weeks: Sequence[str],
    params: DetectionParams,
    unattached: list[TermTheme] | None = None,
) -> dict[tuple[str, Any], dict[int, TermEvidence]]:
    """Term bursts among negative documents, attached to the topic (or category) carrying them.

    Runs :func:`models.detection.detect_term_bursts` on the terms of every negative document
    (lemmas and bigrams of :func:`models.text_it.features`). A burst is attached to the topic
    holding at least ``term_min_share`` of the documents that carry it; failing that, to such a
    category. A burst spread over many series names none: it goes to ``unattached`` (when
    given), which :func:`detect_alerts` reports as a new theme, as it does a dense group no topic
    holds (the topic model split one complaint over several topics; the burst is as significant,
    and already paid for in the term scan's budget, wherever its documents were filed).

    Args:
        docs: documents (``doc_id``, ``iso_week``, ``text``, ``sentiment_label``).
        panels: the series (their ``members`` say which document belongs to which series).
        weeks: the week axis.
        params: sensitivity.
        unattached: if given, receives the bursts no topic or category holds.

    Returns:
        (scope, key) → week index → the strongest burst attached there.
    """
    from models.text_it import features

    week_idx = {w: i for i, w in enumerate(weeks)}
    scored = docs[docs["sentiment_label"].notna() & docs["iso_week"].isin(week_idx)]
    neg = scored[scored["sentiment_label"] == "negativo"]
    per_week = [g.reset_index(drop=True) for _, g in neg.groupby("iso_week", sort=False)]
    by_week: dict[int, pd.DataFrame] = {week_idx[str(g["iso_week"].iat[0])]: g for g in per_week}
    empty = neg.iloc[:0]
    frames = [by_week.get(t, empty) for t in range(len(weeks))]
    surfaces: dict[str, list[tuple[str, str]]] = {}
    week_terms: list[list[set[str]]] = []
    for frame in frames:
        sets = []
        for doc_id, text in zip(frame["doc_id"], frame["text"], strict=True):
            feats = features(text) if isinstance(text, str) else []
            surfaces[doc_id] = [(lem, sur) for lem, sur, _ in feats]
            sets.append({lem for lem, _, _ in feats})
        week_terms.append(sets)
    exposure = (
        scored["iso_week"].map(week_idx).value_counts()
        .reindex(range(len(weeks)), fill_value=0).to_numpy(dtype=float)
    )  # fmt: skip
    owners = {
        scope: panels[scope].members.groupby("doc_id")["key"].agg(list).to_dict()
        for scope in ("topic", "category")
        if scope in panels and len(panels[scope].members)
    }
    out: dict[tuple[str, Any], dict[int, TermEvidence]] = {}
    for burst in detect_term_bursts(week_terms, exposure, params):
        t = burst.week
        now = frames[t]["doc_id"].iloc[burst.docs].tolist()
        before = frames[t - 1]["doc_id"].iloc[burst.prev_docs].tolist() if t else []
        ids = now + before
        # The first scope (topic, then category) with a series holding the burst takes it.
        held = next(
            ((scope, key) for scope, owner in owners.items()
             if (key := _holder(owner, ids, params)) is not None),
            None,
        )  # fmt: skip
        if held is None:
            if unattached is not None:
                unattached.append(
                    TermTheme(
                        week=t, terms=list(burst.terms), prev_doc_ids=before, volume=burst.volume,
                        expected=burst.expected, growth=burst.growth,
                        evidence=TermEvidence(
                            z=burst.z, p=burst.p, doc_ids=ids,
                            keywords=_surface_forms(burst.terms, now, surfaces),
                        ),
                    )
                )  # fmt: skip
            continue
        known = out.setdefault(held, {}).get(t)
        if known is None or burst.p < known.p:
            out[held][t] = TermEvidence(
                z=burst.z, p=burst.p, keywords=_surface_forms(burst.terms, now, surfaces),
                doc_ids=ids,
            )  # fmt: skip
    return out


def _holder(owner: Mapping[str, list], doc_ids: Sequence[str], params: DetectionParams) -> Any:
    """The series holding at least ``term_min_share`` of ``doc_ids`` (None if none does)."""
    counts = Counter(k for d in doc_ids for k in set(owner.get(d, ())))
    if not counts:
        return None
    key, held = min(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))
    return key if held >= params.term_min_share * len(doc_ids) else None


def _surface_forms(
    terms: Sequence[str], doc_ids: Sequence[str], surfaces: Mapping[str, list[tuple[str, str]]]
) -> list[str]:
    """The most frequent written form of each term among the documents carrying it."""
    out = []
    for term in terms[:5]:
        seen = Counter(s for d in doc_ids for lem, s in surfaces.get(d, []) if lem == term)
        out.append(seen.most_common(1)[0][0] if seen else term)
    return out


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


def detect_alerts(
    docs: pd.DataFrame,
    aspects: pd.DataFrame,
    weeks: Sequence[str],
    params: DetectionParams,
    *,
    topic_labels: Mapping[int, str] | None = None,
    category_labels: Mapping[str, str] | None = None,
    vectors: Mapping[str, np.ndarray] | None = None,
    seed: int = 0,
) -> pd.DataFrame:
    """Alert rows of every week on the axis (one per open episode and week).

    Args:
        docs: documents (see :func:`build_panels`, plus ``text``, ``language``, ``text_hash``).
        aspects: aspect rows (may be empty).
        weeks: continuous week axis; the last one is the report week.
        params: sensitivity.
        topic_labels: topic id → Italian label.
        category_labels: category id → Italian label.
        vectors: text_hash → embedding of negative documents: the unassigned ones feed the
            new-topic clustering, all of them the dense-group scan (None or empty skips both).
        seed: seed of the clustering and scan subsamples.

    Returns:
        Frame with the alert columns of ``store_detection.ALERT_COLUMNS`` except the bookkeeping
        ones (``notified_at``, ``run_id``, ``detected_at``), ordered by week and severity.
    """
    topic_labels = dict(topic_labels or {})
    category_labels = dict(category_labels or {})
    docs = docs[docs["iso_week"].isin(set(weeks))]
    panels = build_panels(docs, aspects, weeks)
    scored = docs[docs["sentiment_label"].notna()]
    overall_share = float((scored["sentiment_label"] == "negativo").mean()) if len(scored) else 0.2
    info = docs.set_index("doc_id")[["text", "channel", "kind", "category_id"]]
    topic_category = _topic_categories(aspects if len(aspects) else docs)
    rows: list[dict[str, Any]] = []
    term_themes: list[TermTheme] = []
    evidence = term_evidence(docs, panels, weeks, params, term_themes) if params.term_test else {}
    groups: list[DenseGroup] = []
    if vectors and params.group_test:
        groups = dense_groups(docs, weeks, params, vectors, seed)
        _attach_groups(groups, panels, params, evidence)
    scans = scan_panels(panels, params, overall_share, evidence)
    for scope, results in scans.items():
        panel = panels[scope]
        by_week = panel.members.groupby(["key", "t"]).indices
        for key, res in zip(panel.keys, results, strict=True):
            found = evidence.get((scope, key), {})
            for t in np.flatnonzero(res.status != None):  # noqa: E711 - numpy elementwise
                start = int(res.episode_start[t])
                members = panel.members.iloc[by_week.get((key, t), [])]
                # The week's own burst, else the one that opened the episode.
                ev = found.get(int(t)) or found.get(start if start >= 0 else int(t))
                rows.append(
                    _series_row(scope, key, weeks, int(t), start, res, members, info,
                                topic_labels, category_labels, topic_category, ev)
                )  # fmt: skip
    if vectors:
        new_rows, covered = _new_topic_rows(docs, weeks, params, vectors, seed)
        rows += new_rows
        # A group no topic holds is a new theme, unless the new-topic clustering found it.
        for n, group in enumerate(g for g in groups if g.topic is None):
            first = group.weeks[0]
            mine = set(first["doc_ids"]) | set(first["prev_doc_ids"])
            if len(mine & covered) * 2 >= len(mine):
                continue
            rows += _theme_rows(group.weeks, group.keywords, f"g{n + 1}", docs, weeks)
            covered |= {d for wk in group.weeks for d in wk["doc_ids"] + wk["prev_doc_ids"]}
    else:
        covered = set()
    rows += _term_theme_rows(term_themes, covered, docs, weeks)
    frame = pd.DataFrame(rows, columns=_ROW_COLUMNS)
    if frame.empty:
        return frame
    return frame.sort_values(
        ["iso_week", "severity", "alert_id"], ascending=[True, False, True]
    ).reset_index(drop=True)


_ROW_COLUMNS = [
    "alert_id", "iso_week", "first_seen_week", "status", "scope", "series_key", "topic_id",
    "topic_label", "category_id", "category_label", "channel", "kind", "volume", "total",
    "baseline", "growth", "z_score", "p_value", "severity", "share_negativo", "share_baseline",
    "mean_sentiment", "channels", "kinds", "quotes", "keywords",
]  # fmt: skip


def _topic_categories(frame: pd.DataFrame) -> dict[int, str]:
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


def _series_row(
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


def _negative_weeks(
    docs: pd.DataFrame, weeks: Sequence[str], vectors: Mapping[str, np.ndarray], unassigned: bool
) -> tuple[list[pd.DataFrame], list[np.ndarray], np.ndarray]:
    """Per week, the negative documents with an embedding (only those without a topic when
    ``unassigned``), their embedding matrices, and the scored documents per week."""
    cand = docs[(docs["sentiment_label"] == "negativo") & docs["text_hash"].isin(set(vectors))]
    if unassigned:
        cand = cand[cand["topic_id"].fillna(-1) < 0]
    week_idx = {w: i for i, w in enumerate(weeks)}
    per_week = [cand[cand["iso_week"] == w].reset_index(drop=True) for w in weeks]
    dim = len(next(iter(vectors.values())))
    mats = [
        np.vstack([vectors[h] for h in f["text_hash"]]) if len(f) else np.zeros((0, dim))
        for f in per_week
    ]
    exposure = (
        docs[docs["sentiment_label"].notna()]["iso_week"].map(week_idx).value_counts()
        .reindex(range(len(weeks)), fill_value=0).to_numpy(dtype=float)
    )  # fmt: skip
    return per_week, mats, exposure


def _episode_weeks(
    ep: NewTopicEpisode, per_week: Sequence[pd.DataFrame], mats: Sequence[np.ndarray]
) -> list[dict[str, Any]]:
    """The weeks of an episode with their documents, most central first (for quotes)."""
    out = []
    for wk in ep.weeks:
        t = wk["week"]
        members = per_week[t].iloc[wk["members"]]
        members = members.assign(score=-(mats[t][wk["members"]] @ ep.centroid))
        prev_idx = wk.get("prev_members", np.zeros(0, dtype=int))
        prev = per_week[t - 1].iloc[prev_idx] if len(prev_idx) else per_week[t].iloc[:0]
        prev = prev.assign(score=-(mats[t - 1][prev_idx] @ ep.centroid) if len(prev) else [])
        out.append(
            {**{k: v for k, v in wk.items() if k not in ("members", "prev_members")},
             "frame": members, "prev": prev, "doc_ids": members["doc_id"].tolist(),
             "prev_doc_ids": prev["doc_id"].tolist()}
        )  # fmt: skip
    return out


def _theme_rows(
    ep_weeks: Sequence[Mapping[str, Any]],
    keywords: Sequence[str],
    tag: str,
    docs: pd.DataFrame,
    weeks: Sequence[str],
) -> list[dict[str, Any]]:
    """Alert rows (scope ``new_topic``) of a theme no topic holds, one per episode week."""
    first = weeks[ep_weeks[0]["week"]]
    label = "Nuovo tema: " + (", ".join(keywords[:3]) if keywords else f"gruppo {tag}")
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


def _term_theme_rows(
    themes: Sequence[TermTheme], covered: set[str], docs: pd.DataFrame, weeks: Sequence[str]
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
                rows += _theme_rows(ep[2], ep[2][0]["keywords"], ep[0], docs, weeks)
        open_eps = still
    for ep in open_eps:
        rows += _theme_rows(ep[2], ep[2][0]["keywords"], ep[0], docs, weeks)
    return rows


def _background(
    per_week: Sequence[pd.DataFrame], first_week: int, params: DetectionParams
) -> list[str]:
    """Texts of the baseline weeks before an episode (the contrast of its keywords). The week
    before the first detection may already hold the theme's first documents (two-week
    windows): it is no background."""
    last = first_week - params.guard_weeks
    return [
        t for w in range(max(0, last - params.baseline_weeks), last) for t in per_week[w]["text"]
    ]


def _new_topic_rows(
    docs: pd.DataFrame,
    weeks: Sequence[str],
    params: DetectionParams,
    vectors: Mapping[str, np.ndarray],
    seed: int,
) -> tuple[list[dict[str, Any]], set[str]]:
    """Alerts for clusters of unassigned negative documents that the baseline did not have,
    and the documents they cover."""
    per_week, mats, exposure = _negative_weeks(docs, weeks, vectors, unassigned=True)
    episodes = detect_new_topics(mats, exposure, params, random_state=seed)
    rows: list[dict[str, Any]] = []
    covered: set[str] = set()
    for n, ep in enumerate(episodes):
        ep_weeks = _episode_weeks(ep, per_week, mats)
        first = ep_weeks[0]["frame"]
        keywords = distinctive_keywords(
            first["text"].tolist(), _background(per_week, ep.first_week, params), k=5
        )
        rows += _theme_rows(ep_weeks, keywords, str(n + 1), docs, weeks)
        covered.update(d for wk in ep_weeks for d in wk["doc_ids"])
    return rows, covered


@dataclass
class DenseGroup:
    """A dense group of negative documents (:func:`models.detection.detect_dense_groups`).

    Attributes:
        weeks: per episode week, its test (``week``, ``status``, ``volume``, ``expected``,
            ``z``, ``p``, ``growth``) and documents (``doc_ids``, ``prev_doc_ids``: the previous
            week's, for a group found on the two-week window; ``frame``/``prev``: their rows).
        keywords: distinctive words of the first week's documents against the baseline weeks.
        topic: the topic holding most of its first documents (None: no topic does).
    """

    weeks: list[dict[str, Any]]
    keywords: list[str]
    topic: int | None = None


def dense_groups(
    docs: pd.DataFrame,
    weeks: Sequence[str],
    params: DetectionParams,
    vectors: Mapping[str, np.ndarray],
    seed: int,
) -> list[DenseGroup]:
    """Dense groups of negative documents in embedding space, with their documents and words.

    Args:
        docs: documents (``doc_id``, ``iso_week``, ``text``, ``text_hash``, ``sentiment_label``,
            ``topic_id``, ...).
        weeks: the week axis.
        params: sensitivity (``group_*``).
        vectors: text_hash → embedding (documents without one are left out).
        seed: seed of the baseline subsample.

    Returns:
        One group per episode, in order of first detection.
    """
    per_week, mats, exposure = _negative_weeks(docs, weeks, vectors, unassigned=False)
    out = []
    for ep in detect_dense_groups(mats, exposure, params, random_state=seed):
        ep_weeks = _episode_weeks(ep, per_week, mats)
        first = ep_weeks[0]
        texts = [*first["frame"]["text"], *first["prev"]["text"]]
        # The window's first week is part of the group, not of its background.
        start = ep.first_week - (1 if len(first["prev"]) else 0)
        keywords = distinctive_keywords(texts, _background(per_week, start, params), k=5)
        out.append(DenseGroup(weeks=ep_weeks, keywords=keywords))
    return out


def _attach_groups(
    groups: Sequence[DenseGroup],
    panels: Mapping[str, Panel],
    params: DetectionParams,
    evidence: dict[tuple[str, Any], dict[int, TermEvidence]],
) -> None:
    """Attach each group to the topic holding at least ``term_min_share`` of its first documents
    (sets ``group.topic``), as evidence of that topic's weeks while the group is open; a group
    spread over topics (or outside them) stays a theme of its own. Evidence already there (a
    term burst) is kept when it is stronger."""
    topic = panels.get("topic")
    if topic is None or not len(topic.members):
        return
    owner = topic.members.groupby("doc_id")["key"].agg(list).to_dict()
    for group in groups:
        first = group.weeks[0]
        key = _holder(owner, [*first["doc_ids"], *first["prev_doc_ids"]], params)
        if key is None:
            continue
        group.topic = int(key)
        for i, wk in enumerate(group.weeks):
            if wk["status"] == STATUS_RESOLVED:
                break
            doc_ids = wk["doc_ids"] + (wk["prev_doc_ids"] if i == 0 else [])
            known = evidence.setdefault(("topic", key), {}).get(wk["week"])
            if known is None or wk["p"] < known.p:
                evidence[("topic", key)][wk["week"]] = TermEvidence(
                    z=float(wk["z"]), p=float(wk["p"]), keywords=list(group.keywords),
                    doc_ids=doc_ids,
                )  # fmt: skip


# --------------------------------------------------------------------------- churn


def score_churn(
    docs: pd.DataFrame,
    as_of: datetime,
    scorer: ChurnRiskScorer,
    *,
    model_name: str = "default",
    churned: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Risk score, level and Italian reasons of every customer active in the 90 days before ``as_of``.

    Args:
        docs: documents (see :func:`models.churn.customer_features`).
        as_of: snapshot instant.
        scorer: a fitted :class:`ChurnRiskScorer` (default weights or learned).
        model_name: ``"default"`` or the registry id of the fitted model.
        churned: known outcomes; customers gone by ``as_of`` are left out.

    Returns:
        One row per customer, riskiest first, with ``customer_id``, ``risk_score``,
        ``risk_level``, ``reasons``, ``last_contact``, ``contacts_30d``, ``n_documents``,
        ``last_texts``, ``features`` (JSON) and ``model``.
    """
    feats = customer_features(docs, as_of)
    if churned is not None and len(churned):
        gone = churned[pd.to_datetime(churned["churned_at"]) <= pd.Timestamp(as_of)]
        feats = feats[~feats.index.isin(gone["customer_id"].astype(str))]
    cols = ["customer_id", "risk_score", "risk_level", "reasons", "last_contact", "contacts_30d",
            "n_documents", "last_texts", "features", "model"]  # fmt: skip
    if feats.empty:
        return pd.DataFrame(columns=cols)
    X = feats[list(FEATURES)]
    score = scorer.predict_proba(X)[:, 1]
    reasons = explain(feats, scorer.contributions(X))
    out = pd.DataFrame(
        {
            "customer_id": feats.index.astype(str),
            "risk_score": np.round(score, 4),
            "risk_level": [risk_level(s) for s in score],
            "reasons": reasons,
            "last_contact": feats["last_contact"].to_numpy(),
            "contacts_30d": feats["contacts_30d_n"].astype(int).to_numpy(),
            "n_documents": feats["n_documents"].astype(int).to_numpy(),
            "last_texts": feats["last_texts"].to_numpy(),
            "features": [
                json.dumps({f: round(float(v), 4) for f, v in zip(FEATURES, row, strict=True)})
                for row in X.to_numpy()
            ],
            "model": model_name,
        }
    )
    return out.sort_values(["risk_score", "customer_id"], ascending=[False, True]).reset_index(
        drop=True
    )


def _precision_at(y: np.ndarray, score: np.ndarray, k: int) -> float:
    order = np.argsort(-score, kind="stable")[:k]
    return float(np.mean(y[order])) if len(order) else float("nan")


def fit_churn_model(
    docs: pd.DataFrame,
    outcomes: pd.DataFrame,
    as_of: datetime,
    *,
    horizon_days: int = 60,
    step_days: int = 14,
    max_snapshots: int = 26,
    min_positives: int = 10,
    seed: int = 0,
) -> tuple[ChurnRiskScorer | None, dict[str, Any]]:
    """Fit churn weights on past snapshots labelled by known outcomes, and evaluate them.

    Snapshots every ``step_days`` before ``as_of``; the later 30 % of snapshot dates are held
    out to compare the fitted model with the default weights (ROC AUC, average precision,
    precision@k), then the model is refitted on every snapshot.

    Returns:
        (scorer or None when there are too few churners, metrics dict).
    """
    from sklearn.metrics import average_precision_score, roc_auc_score

    first = pd.Timestamp(docs["created_at"].min()) + timedelta(days=30)
    snaps = [
        pd.Timestamp(as_of) - timedelta(days=step_days * (i + 1)) for i in range(max_snapshots)
    ]
    snaps = sorted(s for s in snaps if s >= first)
    data = snapshot_dataset(docs, outcomes, snaps, horizon_days=horizon_days)
    n_pos = int(data["churned"].sum()) if len(data) else 0
    metrics: dict[str, Any] = {"rows": len(data), "positives": n_pos, "snapshots": len(snaps)}
    if n_pos < min_positives or n_pos == len(data):
        metrics["status"] = "too few churners to fit: default weights kept"
        return None, metrics
    dates = sorted(data["snapshot"].unique())
    cut = dates[int(len(dates) * 0.7)] if len(dates) >= 4 else None
    if cut is not None:
        train, test = data[data["snapshot"] < cut], data[data["snapshot"] >= cut]
        y_te = test["churned"].to_numpy()
        if train["churned"].sum() >= min_positives // 2 and 0 < y_te.sum() < len(y_te):
            fitted = ChurnRiskScorer(random_state=seed).fit(train[list(FEATURES)], train["churned"])
            default = ChurnRiskScorer().fit(train[list(FEATURES)])
            k = int(min(50, max(5, y_te.sum())))
            for name, model in (("fitted", fitted), ("default", default)):
                s = model.predict_proba(test[list(FEATURES)])[:, 1]
                metrics[name] = {
                    "roc_auc": round(float(roc_auc_score(y_te, s)), 4),
                    "average_precision": round(float(average_precision_score(y_te, s)), 4),
                    f"precision_at_{k}": round(_precision_at(y_te, s, k), 4),
                }
            metrics["holdout_rows"] = len(test)
    scorer = ChurnRiskScorer(random_state=seed).fit(data[list(FEATURES)], data["churned"])
    metrics["coef"] = {f: round(float(c), 4) for f, c in zip(FEATURES, scorer.coef_, strict=True)}
    metrics["status"] = "fitted"
    return scorer, metrics


# --------------------------------------------------------------------------- steps


def _report_week(docs: pd.DataFrame, week: str | None, now: datetime, tz: str) -> str:
    weeks = sorted(docs["iso_week"].dropna().unique().tolist())
    if not weeks:
        raise VocError("no documents yet. Run 'voc ingest' and 'voc enrich' first.")
    return choose_week(weeks, week, now, tz, must_exist=False)


def _churn_scorer(
    con: Any, settings: Settings, docs: pd.DataFrame, outcomes: pd.DataFrame,
    as_of: datetime, week: str, now: datetime,
) -> tuple[ChurnRiskScorer, str, dict[str, Any]]:  # fmt: skip
    """The default scorer, or a model fitted on the known outcomes (registered, reused)."""
    default = ChurnRiskScorer().fit(np.zeros((1, len(FEATURES))))
    if outcomes.empty:
        return default, "default", {"status": "no outcomes: default weights"}
    from models.registry import artifact_dir, data_hash

    rows = [f"{c}|{pd.Timestamp(t).isoformat()}" for c, t in outcomes.itertuples(index=False)]
    digest = data_hash([*rows, f"week={week}", f"docs={len(docs)}"])
    known = store.query_df(
        con,
        "SELECT model_id, status, artifact_path FROM models WHERE task = 'churn' AND data_hash = ?"
        " ORDER BY created_at DESC LIMIT 1",
        [digest],
    )
    if len(known) and Path(str(known["artifact_path"].iat[0])).exists():
        # Same outcomes, same documents, same week: no refit (a rejected fit stays rejected).
        if known["status"].iat[0] == "active":
            path = Path(str(known["artifact_path"].iat[0]))
            return ChurnRiskScorer.load(path), str(known["model_id"].iat[0]), {"status": "reused"}
        return default, "default", {"status": "fitted model already rejected: default weights"}
    scorer, metrics = fit_churn_model(docs, outcomes, as_of, seed=settings.seed)
    if scorer is None:
        return default, "default", metrics
    version = now.strftime("%Y%m%dT%H%M%S")
    model_id = f"churn:{version}"
    path = artifact_dir(Path(settings.db)) / f"churn-{version}.skops"
    scorer.save(path)
    better = (
        "fitted" not in metrics
        or metrics["fitted"]["average_precision"] >= metrics["default"]["average_precision"] - 0.01
    )
    store.register_model(
        con, model_id=model_id, task="churn", version=version, created_at=now, data_hash=digest,
        metrics=metrics, artifact_path=str(path), status="active" if better else "candidate",
        params={"horizon_days": 60, "seed": settings.seed},
    )  # fmt: skip
    if not better:
        metrics["status"] = "fitted model worse than the defaults on held-out weeks: defaults kept"
        return default, "default", metrics
    return scorer, model_id, metrics


def run_detection(
    settings: Settings, week: str | None, now: datetime, *, notify: bool = True
) -> dict[str, Any]:
    """Detect emerging complaints and score churn risk for a week; store and notify.

    Replays detection over every week up to the latest closed one, stores the alerts and the
    report week's churn snapshot in one transaction, records a run, and (when the report week is
    the latest) sends the notifications of its new alerts, once per alert, remembered in
    ``alerts.notified_at``.

    Args:
        settings: configuration (``alert_*``, ``webhook_url``, ``smtp_*``, ``db``, ``seed``).
        week: ISO week to report; ``None`` is the last closed week with data.
        now: current time (run record, notification time, churn snapshot cap).
        notify: send notifications for new alerts when a webhook or SMTP is configured.

    Returns:
        Summary: ``week``, ``run_id``, ``alerts_new``/``alerts_open``/``alerts_resolved``/
        ``alerts_total`` (counts for the week), ``alerts`` (the week's rows), ``new_alerts`` (ids
        not notified yet), ``notified``, ``notify_errors``, ``churn_model``, ``churn_metrics``,
        ``customers_scored``, ``n_high_risk``, ``churn_top`` (first 10 customers).
    """
    con = store.connect(settings.db, wait_seconds=settings.lock_wait_seconds)
    try:
        run_id = store.start_run(con, "insights", {"week": week, "step": "detection"}, now)
        try:
            summary = _detect(con, settings, week, now, run_id, notify)
        except BaseException as exc:
            store.finish_run(
                con, run_id, status="failed", stats={}, finished_at=now, error=type(exc).__name__
            )
            raise
        stats = {k: v for k, v in summary.items() if isinstance(v, int | float | str)}
        store.finish_run(con, run_id, status="ok", stats=stats, finished_at=now)
        return summary
    finally:
        con.close()


def _detect(
    con: Any, settings: Settings, week: str | None, now: datetime, run_id: str, notify: bool
) -> dict[str, Any]:
    docs = store_detection.load_documents(con)
    tz = settings.timezone
    report = _report_week(docs, week, now, tz)
    # The alert table always covers every closed week with data, whichever week is reported:
    # looking at an old week must not drop the later alerts (nor forget their notifications).
    last = max(report, _report_week(docs, None, now, tz))
    monday, week_end = week_bounds_utc(report, tz)
    last_end = week_bounds_utc(last, tz)[1]
    docs = docs[docs["created_at"] < last_end].reset_index(drop=True)
    weeks = week_range(docs["iso_week"].min(), last)
    aspects = store_detection.load_aspects(con)
    aspects = aspects[aspects["doc_id"].isin(set(docs["doc_id"]))]
    topic_labels, category_labels = store_detection.load_labels(con)
    params = params_from_settings(settings)

    from models.embeddings import make_embedder

    # Every negative document's embedding: the unassigned ones feed the new-topic clustering,
    # all of them the dense-group scan.
    negative = docs[docs["sentiment_label"] == "negativo"]
    vectors = store_detection.load_vectors(
        con, make_embedder(settings.embedder).model_id, negative["text_hash"].unique().tolist()
    )
    alerts = detect_alerts(
        docs, aspects, weeks, params, topic_labels=topic_labels,
        category_labels=category_labels, vectors=vectors, seed=settings.seed,
    )  # fmt: skip
    sent_before = store_detection.notified(con)
    alerts["notified_at"] = (
        alerts["alert_id"].map(sent_before).where(alerts["iso_week"] == alerts["first_seen_week"])
    )
    alerts["notified_at"] = pd.to_datetime(alerts["notified_at"])
    alerts["run_id"] = run_id
    alerts["detected_at"] = now

    # A report week still in progress is scored as of now, not as of its (future) end.
    as_of = min(week_end, max(now, monday))
    outcomes = store_detection.load_outcomes(con)
    scorer, model_name, churn_metrics = _churn_scorer(
        con, settings, docs, outcomes, as_of, report, now
    )
    risk = score_churn(docs, as_of, scorer, model_name=model_name, churned=outcomes)
    risk["as_of_week"] = report
    risk["run_id"] = run_id
    risk["computed_at"] = now
    with store.transaction(con):
        store_detection.replace_alerts(con, alerts)
        store_detection.replace_churn(con, report, risk)

    this_week = alerts[alerts["iso_week"] == report]
    fresh = this_week[(this_week["status"] == STATUS_NEW) & this_week["notified_at"].isna()]
    notified: list[str] = []
    errors: list[str] = []
    # Notifications are news: only for the latest week, never when replaying an old one.
    if notify and report == last and len(fresh) and (settings.webhook_url or settings.smtp_host):
        from pipelines.detect.notify import notify_alerts

        result = notify_alerts(fresh.to_dict("records"), settings)
        notified, errors = result["sent"], result["errors"]
        store_detection.mark_notified(con, notified, now)
    return {
        "week": report,
        "run_id": run_id,
        "n_weeks": len(weeks),
        "alerts_new": int((this_week["status"] == STATUS_NEW).sum()),
        "alerts_open": int((this_week["status"] != STATUS_RESOLVED).sum()),
        "alerts_resolved": int((this_week["status"] == STATUS_RESOLVED).sum()),
        "alerts_total": len(this_week),
        "alerts": this_week.drop(columns=["run_id", "detected_at"]).to_dict("records"),
        "new_alerts": fresh["alert_id"].tolist(),
        "notified": len(notified),
        "notify_errors": errors,
        "churn_model": model_name,
        "churn_metrics": churn_metrics,
        "customers_scored": len(risk),
        "n_high_risk": int((risk["risk_level"] == "alto").sum()) if len(risk) else 0,
        "churn_top": risk.head(10)
        .drop(columns=["features", "run_id", "computed_at"])
        .to_dict("records"),
    }


# --------------------------------------------------------------------------- outcomes


def read_outcomes(path: Path, tz: str = "UTC") -> pd.DataFrame:
    """Read a churn-outcome CSV (``customer_id``, ``churned_at``; ISO or dd/mm/yyyy dates).

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
    from pipelines.ingest.normalize import parse_datetime

    # ISO dates with or without an offset (without one: local time in ``tz``), or dd/mm/yyyy.
    when = pd.to_datetime(pd.Series([parse_datetime(v, tz) for v in text], dtype=object))
    bad = (ids == "") | when.isna()
    if bad.any():
        rows = ", ".join(str(i + 2) for i in np.flatnonzero(bad.to_numpy())[:10])
        raise VocError(
            f"{path}: {int(bad.sum())} row(s) without customer_id or a valid date (rows {rows})"
        )
    out = pd.DataFrame({"customer_id": ids, "churned_at": when.astype("datetime64[us]")})
    # A customer listed twice: the first churn is the one that counts.
    return out.sort_values("churned_at").drop_duplicates("customer_id").reset_index(drop=True)


def ingest_churn_outcomes(settings: Settings, path: Path, now: datetime) -> dict[str, Any]:
    """Load known churn outcomes (CSV of customer_id, churned_at) into ``churn_outcomes``.

    Re-ingesting the same file changes nothing; a changed date updates the customer's row. The
    next ``voc insights`` fits the churn weights on them.

    Returns:
        ``rows``, ``inserted``, ``updated``, ``unchanged``, ``known_customers`` (outcomes whose
        customer has documents), ``run_id``.
    """
    frame = read_outcomes(Path(path), settings.timezone)
    con = store.connect(settings.db, wait_seconds=settings.lock_wait_seconds)
    try:
        run_id = store.start_run(con, "ingest", {"file": str(path), "kind": "churn_outcomes"}, now)
        try:
            counts = store_detection.upsert_outcomes(
                con, frame.assign(source_file=str(path), ingested_at=now)
            )
            known = store.query_df(
                con,
                "SELECT count(DISTINCT o.customer_id) AS n FROM churn_outcomes o"
                " JOIN documents d ON d.customer_id = o.customer_id",
            )["n"].iat[0]
        except BaseException as exc:
            store.finish_run(
                con, run_id, status="failed", stats={}, finished_at=now, error=type(exc).__name__
            )
            raise
        stats = {"rows": len(frame), **counts, "known_customers": int(known)}
        store.finish_run(con, run_id, status="ok", stats=stats, finished_at=now)
        return {**stats, "run_id": run_id}
    finally:
        con.close()

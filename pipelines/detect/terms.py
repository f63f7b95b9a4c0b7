"""Term bursts among negative documents, attached to the series holding them (or left as themes)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from models.detection import DetectionParams, detect_term_bursts
from pipelines.detect.panels import Panel


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
             if (key := holding_series(owner, ids, params)) is not None),
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


def holding_series(
    owner: Mapping[str, list], doc_ids: Sequence[str], params: DetectionParams
) -> Any:
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

"""Alerts of every week: the series tests, with term and group evidence, and the new themes."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from models.detection import DetectionParams, ScanResult, scan_series
from pipelines.detect.alert_rows import (
    ROW_COLUMNS,
    NameSpace,
    series_row,
    term_theme_rows,
    theme_rows,
    topic_categories,
)
from pipelines.detect.groups import DenseGroup, attach_groups, dense_groups, new_topic_rows
from pipelines.detect.panels import SCOPES, Panel, build_panels
from pipelines.detect.terms import TermEvidence, TermTheme, term_evidence


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
    hidden_topics: Collection[int] = (),
    exclude_words: Sequence[str] = (),
    name_space: NameSpace | None = None,
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
        hidden_topics: themes the team hid as noise: they raise no alert (their documents still
            count in their category, channel and kind, and a burst or dense group they hold is
            not re-announced as a new theme).
        exclude_words: the company's own names, never in a new theme's name.
        name_space: scores a new theme's candidate names against the existing themes
            (:class:`pipelines.detect.alert_rows.NameSpace`); None: text scores alone.

    Returns:
        Frame with the columns of the ``alerts`` table (:data:`ROW_COLUMNS`) except the
        bookkeeping ones (``notified_at``, ``run_id``, ``detected_at``), ordered by week and
        severity.
    """
    topic_labels = dict(topic_labels or {})
    category_labels = dict(category_labels or {})
    docs = docs[docs["iso_week"].isin(set(weeks))]
    panels = build_panels(docs, aspects, weeks)
    scored = docs[docs["sentiment_label"].notna()]
    overall_share = float((scored["sentiment_label"] == "negativo").mean()) if len(scored) else 0.2
    info = docs.set_index("doc_id")[["text", "channel", "kind", "category_id"]]
    topic_category = topic_categories(aspects if len(aspects) else docs)
    rows: list[dict[str, Any]] = []
    term_themes: list[TermTheme] = []
    evidence = term_evidence(docs, panels, weeks, params, term_themes) if params.term_test else {}
    groups: list[DenseGroup] = []
    if vectors and params.group_test:
        groups = dense_groups(docs, weeks, params, vectors, seed)
        attach_groups(groups, panels, params, evidence)
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
                    series_row(scope, key, weeks, int(t), start, res, members, info,
                               topic_labels, category_labels, topic_category, ev)
                )  # fmt: skip
    if vectors:
        new_rows, covered = new_topic_rows(
            docs, weeks, params, vectors, seed, exclude_words, name_space
        )
        rows += new_rows
        # A group no topic holds is a new theme, unless the new-topic clustering found it.
        for n, group in enumerate(g for g in groups if g.topic is None):
            first = group.weeks[0]
            mine = set(first["doc_ids"]) | set(first["prev_doc_ids"])
            if len(mine & covered) * 2 >= len(mine):
                continue
            rows += theme_rows(
                group.weeks, group.keywords, f"g{n + 1}", docs, weeks, exclude_words, name_space
            )
            covered |= {d for wk in group.weeks for d in wk["doc_ids"] + wk["prev_doc_ids"]}
    else:
        covered = set()
    rows += term_theme_rows(term_themes, covered, docs, weeks, exclude_words, name_space)
    frame = pd.DataFrame(rows, columns=ROW_COLUMNS)
    if len(frame) and hidden_topics:
        noise = (frame["scope"] == "topic") & frame["topic_id"].isin(list(hidden_topics))
        frame = frame[~noise]
    if frame.empty:
        return frame
    return frame.sort_values(
        ["iso_week", "severity", "alert_id"], ascending=[True, False, True]
    ).reset_index(drop=True)

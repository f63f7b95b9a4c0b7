"""New-topic clustering and its episodes (models/detection/new_topics.py)."""

from __future__ import annotations

import numpy as np

from models.detection import (
    STATUS_NEW,
    STATUS_ONGOING,
    STATUS_RESOLVED,
    DetectionParams,
    cluster_embeddings,
    detect_new_topics,
)
from tests.models.detection.helpers import _blob


def test_cluster_embeddings_is_deterministic_and_separates_blobs() -> None:
    rng = np.random.default_rng(0)
    a, b = rng.normal(size=32), rng.normal(size=32)
    x = np.vstack([_blob(rng, a, 10, 0.05), _blob(rng, b, 10, 0.05)])
    labels = cluster_embeddings(x, 0.2)
    assert len(set(labels[:10])) == 1 and len(set(labels[10:])) == 1
    assert labels[0] != labels[10]
    assert (cluster_embeddings(x, 0.2) == labels).all()
    capped = cluster_embeddings(x, 0.2, max_docs=12, random_state=1)
    assert len(set(capped[:10])) == 1 and capped[0] != capped[10]


def test_new_topic_detected_once_and_followed() -> None:
    rng = np.random.default_rng(1)
    dim = 32
    old, new = rng.normal(size=dim), rng.normal(size=dim)
    weeks = []
    for t in range(14):
        noise = _blob(rng, np.zeros(dim), 6, 1.0)  # scattered complaints, no theme
        parts = [noise, _blob(rng, old, 6, 0.05)]  # a theme that was always there
        if t >= 10:
            parts.append(_blob(rng, new, {10: 8, 11: 12, 12: 9, 13: 0}[t], 0.05))
        weeks.append(np.vstack([p for p in parts if len(p)]))
    exposure = np.full(14, 200.0)
    episodes = detect_new_topics(weeks, exposure, DetectionParams(new_topic_distance=0.15))
    assert len(episodes) == 1
    ep = episodes[0]
    assert ep.first_week == 10
    assert [w["status"] for w in ep.weeks] == [
        STATUS_NEW,
        STATUS_ONGOING,
        STATUS_ONGOING,
        STATUS_RESOLVED,
    ]
    assert ep.weeks[0]["volume"] >= 8 and ep.weeks[0]["p"] < 1e-3
    assert float(ep.centroid @ (new / np.linalg.norm(new))) > 0.9


def test_new_topic_starting_below_min_count_is_caught_over_two_weeks() -> None:
    rng = np.random.default_rng(2)
    dim = 32
    new = rng.normal(size=dim)

    def weeks_with(sizes: dict[int, int]) -> list[np.ndarray]:
        out = []
        for t in range(14):
            parts = [_blob(rng, np.zeros(dim), 6, 1.0)]
            if sizes.get(t):
                parts.append(_blob(rng, new, sizes[t], 0.05))
            out.append(np.vstack(parts))
        return out

    exposure = np.full(14, 200.0)
    params = DetectionParams(new_topic_distance=0.15)
    episodes = detect_new_topics(weeks_with({10: 3, 11: 4, 12: 6}), exposure, params)
    assert len(episodes) == 1
    assert episodes[0].first_week == 11  # 3 + 4 documents: the theme exists
    assert episodes[0].weeks[0]["volume"] == 4  # this week's documents, not last week's
    assert float(episodes[0].centroid @ (new / np.linalg.norm(new))) > 0.9
    # Three documents once, then nothing: no theme.
    assert detect_new_topics(weeks_with({10: 3}), exposure, params) == []

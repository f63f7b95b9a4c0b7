"""People's theme corrections move the topic centroids (must-link / cannot-link)."""

from __future__ import annotations

import numpy as np
import pytest

from models.topics.constraints import apply_theme_evidence


def _unit(v: np.ndarray) -> np.ndarray:
    return v / np.linalg.norm(v, axis=-1, keepdims=True)


def test_moved_documents_pull_the_target_and_push_the_source() -> None:
    cents = _unit(np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]], dtype=np.float32))
    doc = _unit(np.array([[0.72, 0.1, 0.68]], dtype=np.float32))  # assigned to 0, belongs to 2
    new, counts = apply_theme_evidence(cents, np.array([10, 11, 12]), doc, np.array([12]),
                                       np.array([10]))  # fmt: skip
    assert counts == {"must_link": 1, "cannot_link": 1}
    assert float(new[2] @ doc[0]) > float(cents[2] @ doc[0])  # target moved towards it
    assert float(new[0] @ doc[0]) < float(cents[0] @ doc[0])  # source moved away
    assert np.allclose(new[1], cents[1])  # untouched theme
    assert np.allclose(np.linalg.norm(new, axis=1), 1.0, atol=1e-5)
    # A new document like the corrected one now goes to the theme the person chose.
    near = doc[0]
    assert int(np.argmax(cents @ near)) == 0 and int(np.argmax(new @ near)) == 2


def test_none_of_these_is_cannot_link_only_and_unknown_themes_are_ignored() -> None:
    cents = _unit(np.eye(3, dtype=np.float32))
    docs = _unit(np.array([[0.9, 0.1, 0.0], [0.0, 0.2, 0.9]], dtype=np.float32))
    new, counts = apply_theme_evidence(cents, np.array([0, 1, 2]), docs, np.array([-1, 99]),
                                       np.array([0, -1]))  # fmt: skip
    assert counts == {"must_link": 0, "cannot_link": 1}
    assert float(new[0] @ docs[0]) < float(cents[0] @ docs[0])
    assert np.allclose(new[1:], cents[1:])


def test_no_evidence_changes_nothing() -> None:
    cents = _unit(np.eye(2, dtype=np.float32))
    new, counts = apply_theme_evidence(cents, np.array([0, 1]), np.zeros((0, 2)), np.zeros(0),
                                       np.zeros(0))  # fmt: skip
    assert counts == {"must_link": 0, "cannot_link": 0}
    assert np.array_equal(new, cents)


@pytest.mark.parametrize("pull", [0.1, 0.5])
def test_a_push_never_flips_a_topic(pull: float) -> None:
    cents = _unit(np.eye(2, dtype=np.float32))
    docs = np.repeat(cents[:1], 3, axis=0)  # the topic's own direction, moved out thrice
    new, _ = apply_theme_evidence(cents, np.array([0, 1]), docs, np.array([-1, -1, -1]),
                                  np.array([0, 0, 0]), pull=pull)  # fmt: skip
    assert float(new[0] @ cents[0]) > 0.5

"""Emerging-complaint detection: count tests that respect small numbers, and the alert lifecycle.

Pure statistics over numpy arrays: no database, no clock, no text I/O. The pipeline
(``pipelines/detect/``) builds the weekly series and calls the detectors. The statistical
model, the false-alert budget and the measured figures are in ``docs/detection.md``.

Modules:
    params: :class:`DetectionParams` (sensitivity), status labels, :class:`ScanResult`.
    stats: count and share tests (:func:`volume_test`, :func:`share_test`), :func:`severity`,
        over-dispersion and baseline-uncertainty helpers.
    series: :func:`scan_series`, the weekly count / share / per-channel tests and the lifecycle.
    new_topics: :func:`cluster_embeddings`, :func:`detect_new_topics`, :class:`NewTopicEpisode`.
    dense_groups: :func:`detect_dense_groups`, the spatial scan in embedding space.
    terms: :func:`detect_term_bursts`, :class:`TermBurst`, :func:`distinctive_keywords`.
"""

from models.detection.dense_groups import detect_dense_groups
from models.detection.new_topics import NewTopicEpisode, cluster_embeddings, detect_new_topics
from models.detection.params import (
    STATUS_NEW,
    STATUS_ONGOING,
    STATUS_RESOLVED,
    DetectionParams,
    ScanResult,
)
from models.detection.series import scan_series
from models.detection.stats import severity, share_test, volume_test
from models.detection.terms import (
    TermBurst,
    detect_term_bursts,
    distinctive_keywords,
)

__all__ = [
    "STATUS_NEW",
    "STATUS_ONGOING",
    "STATUS_RESOLVED",
    "DetectionParams",
    "NewTopicEpisode",
    "ScanResult",
    "TermBurst",
    "cluster_embeddings",
    "detect_dense_groups",
    "detect_new_topics",
    "detect_term_bursts",
    "distinctive_keywords",
    "scan_series",
    "severity",
    "share_test",
    "volume_test",
]

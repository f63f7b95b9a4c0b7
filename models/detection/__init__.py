"""Emerging-complaint detection (package; see :mod:`models.detection.series`)."""

from models.detection.series import (
    STATUS_NEW,
    STATUS_ONGOING,
    STATUS_RESOLVED,
    DetectionParams,
    NewTopicEpisode,
    ScanResult,
    TermBurst,
    cluster_embeddings,
    detect_dense_groups,
    detect_new_topics,
    detect_term_bursts,
    distinctive_keywords,
    scan_series,
    severity,
    share_test,
    volume_test,
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

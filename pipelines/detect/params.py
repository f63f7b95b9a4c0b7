"""Settings → detector sensitivity (:class:`models.detection.DetectionParams`)."""

from __future__ import annotations

from models.detection import DetectionParams
from pipelines.config import Settings


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

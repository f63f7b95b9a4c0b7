"""Detect stage: emerging complaints, churn risk, service levels and score drivers (pure).

Modules, in the order the data flows through them:
    params: ``[detection]`` settings → :class:`models.detection.DetectionParams`.
    panels: weekly count arrays of every topic, category, channel and kind (:class:`Panel`).
    terms: term bursts attached to the series holding them (:class:`TermEvidence`), or left
        as themes of their own (:class:`TermTheme`).
    groups: embedding space: new topics among unassigned complaints, dense groups.
    alert_rows: one alert row per series (or theme) and week, with labels and quotes.
    alerts: :func:`detect_alerts`, the whole weekly alert table.
    churn: churn risk scores and the fit of its weights on known outcomes.
    notify: the messages of new alerts, sent through apprise (Slack, Teams, e-mail, …).
    worktime: business hours between two instants (opening hours, working days, holidays).
    operations: ticket first response, resolution, reopenings and SLA breaches.
    impact: theme impact on NPS, CSAT and stars for a week (driver analysis).

The database side (loading documents, storing alerts, notifying once) is
``pipelines.steps.detect``; nothing here touches storage.
"""

from pipelines.detect.alert_rows import NameSpace, pick_quotes
from pipelines.detect.alerts import detect_alerts, scan_panels
from pipelines.detect.churn import fit_churn_model, score_churn
from pipelines.detect.groups import DenseGroup, dense_groups
from pipelines.detect.panels import SCOPES, Panel, build_panels
from pipelines.detect.params import params_from_settings
from pipelines.detect.terms import TermEvidence, TermTheme, term_evidence

__all__ = [
    "SCOPES",
    "DenseGroup",
    "NameSpace",
    "Panel",
    "TermEvidence",
    "TermTheme",
    "build_panels",
    "dense_groups",
    "detect_alerts",
    "fit_churn_model",
    "params_from_settings",
    "pick_quotes",
    "scan_panels",
    "score_churn",
    "term_evidence",
]

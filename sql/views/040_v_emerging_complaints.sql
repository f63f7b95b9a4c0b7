-- v_emerging_complaints: one row per alert episode and week (nuovo → in corso → rientrato).
-- Public BI view: columns are a contract; add columns, never rename or remove.
-- notified_at is per alert: every week of an episode shows when its notification was sent.
CREATE OR REPLACE VIEW v_emerging_complaints AS
SELECT
    a.alert_id,
    a.iso_week,
    a.first_seen_week,
    a.status,
    a.scope,
    a.topic_id,
    a.topic_label,
    a.category_id,
    a.category_label,
    a.channel,
    a.kind,
    a.volume,
    a.baseline,
    a.growth,
    a.z_score,
    a.p_value,
    a.severity,
    a.share_negativo,
    a.channels,
    a.kinds,
    a.quotes,
    max(a.notified_at) OVER (PARTITION BY a.alert_id) AS notified_at,
    a.total,
    a.share_baseline,
    a.mean_sentiment,
    a.keywords,
    a.detected_at
FROM alerts a;

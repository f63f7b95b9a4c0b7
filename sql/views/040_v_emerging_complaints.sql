-- v_emerging_complaints: one row per alert episode and week (nuovo → in corso → rientrato).
-- Public BI view: columns are a contract; add columns, never rename or remove.
-- notified_at is per alert: every week of an episode shows when its notification was sent.
-- triage_*: the team's triage of the episode (alert_triage, latest change; docs/curation.md).
-- An episode re-cut by a replay keeps the triage of the one it continues (alerts.triage_of).
CREATE OR REPLACE VIEW v_emerging_complaints AS
WITH triage AS (
    SELECT alert_id, state, owner, note, reason, who, made_at
    FROM alert_triage
    QUALIFY row_number() OVER (PARTITION BY alert_id ORDER BY seq DESC) = 1
)
SELECT
    a.alert_id,
    a.iso_week,
    a.first_seen_week,
    a.status,
    a.scope,
    a.topic_id,
    -- A theme renamed after detection shows its new name at once.
    CASE WHEN a.scope = 'topic' THEN coalesce(th.label, a.topic_label) ELSE a.topic_label END
        AS topic_label,
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
    a.detected_at,
    coalesce(tr.state, 'nuovo')                       AS triage_state,
    tr.owner                                          AS triage_owner,
    tr.note                                           AS triage_note,
    tr.reason                                         AS triage_reason,
    tr.who                                            AS triage_by,
    tr.made_at                                        AS triage_at
FROM alerts a
LEFT JOIN triage tr ON tr.alert_id = coalesce(a.triage_of, a.alert_id)
LEFT JOIN themes th ON a.scope = 'topic' AND th.theme_id = a.topic_id;

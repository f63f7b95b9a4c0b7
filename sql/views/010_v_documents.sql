-- v_documents: one row per document, enriched by the active models. Public BI view: columns are
-- a contract (tests/test_schema_contract.py); add columns, never rename or remove.
-- Themes are curated (docs/curation.md): topic_id / topic_label / category_id show the theme the
-- team made of the model's topic (renamed, merged, split, mapped); model_* keep the model's own.
-- Human labels (docs/labels.md) win over the model: sentiment_label, sentiment_score, topic_*,
-- churn_intent and escalation show a person's label when there is one (*_human = true), and
-- model_* keep the model's own output.
CREATE OR REPLACE VIEW v_documents AS
SELECT
    d.doc_id,
    d.kind,
    d.channel,
    d.customer_id,
    d.created_at,
    -- Weeks are local: created_at is UTC, the zone comes from voc_settings (voc.toml).
    strftime(l.created_at_local, '%G-W%V')         AS iso_week,
    d.title,
    d.text,
    d.rating,
    d.language,
    d.status,
    d.is_duplicate,
    d.duplicate_of,
    coalesce(h.sentiment, e.sentiment_label)       AS sentiment_label,
    CASE h.sentiment WHEN 'negativo' THEN -1.0 WHEN 'neutro' THEN 0.0 WHEN 'positivo' THEN 1.0
                     ELSE e.sentiment_score END    AS sentiment_score,
    e.p_negativo,
    e.p_neutro,
    e.p_positivo,
    k.theme_id                                     AS topic_id,
    COALESCE(th.label, CASE WHEN h.has_theme THEN ht.label ELSE t.label END,
             CASE WHEN k.theme_id = -1 THEN 'Non assegnato' END) AS topic_label,
    k.category_id                                  AS category_id,
    c.label                                        AS category_label,
    coalesce(h.churn_intent, e.churn_intent)       AS churn_intent,
    e.churn_cues,
    coalesce(h.escalation, e.escalation)           AS escalation,
    e.sentiment_model,
    e.topic_model,
    e.enriched_at,
    d.source_file,
    d.ingested_at,
    l.created_at_local,
    e.topic_id                                     AS model_topic_id,
    COALESCE(t.label, CASE WHEN e.topic_id = -1 THEN 'Non assegnato' END) AS model_topic_label,
    e.category_id                                  AS model_category_id,
    COALESCE(th.hidden, false)                     AS theme_hidden,
    h.sentiment IS NOT NULL                        AS sentiment_human,
    coalesce(h.has_theme, false)                   AS topic_human,
    h.churn_intent IS NOT NULL                     AS churn_intent_human,
    h.escalation IS NOT NULL                       AS escalation_human,
    e.sentiment_label                              AS model_sentiment_label,
    e.sentiment_score                              AS model_sentiment_score,
    e.churn_intent                                 AS model_churn_intent,
    e.escalation                                   AS model_escalation
FROM documents d
LEFT JOIN (SELECT value AS tz FROM voc_settings WHERE key = 'timezone') z ON true
CROSS JOIN LATERAL (
    SELECT timezone(coalesce(z.tz, 'UTC'), d.created_at AT TIME ZONE 'UTC')::TIMESTAMP
        AS created_at_local
) l
LEFT JOIN enrichments e ON e.doc_id = d.doc_id AND e.text_hash = d.text_hash
LEFT JOIN topics t      ON t.topic_model = e.topic_model AND t.topic_id = e.topic_id
-- Curation: the split part a document moved to, the group its topic (or part) is in.
LEFT JOIN theme_doc_parts p ON p.doc_id = d.doc_id AND p.topic_id = e.topic_id
LEFT JOIN theme_members m   ON m.unit_id = coalesce(p.part_id, e.topic_id)
-- A person's theme: the theme they chose (followed through later merges), or none (-1).
LEFT JOIN labels_wide h     ON h.doc_id = d.doc_id
LEFT JOIN theme_members hm  ON hm.unit_id = h.theme_id
LEFT JOIN topics ht         ON ht.topic_model = e.topic_model AND ht.topic_id = h.theme_id
CROSS JOIN LATERAL (
    SELECT CASE WHEN h.has_theme THEN coalesce(hm.theme_id, h.theme_id, -1)
                WHEN e.topic_id IS NULL OR e.topic_id < 0 THEN e.topic_id
                ELSE coalesce(m.theme_id, p.part_id, e.topic_id) END AS theme_id
) k0
LEFT JOIN themes th     ON th.theme_id = k0.theme_id
CROSS JOIN LATERAL (
    SELECT k0.theme_id,
           CASE WHEN h.has_theme THEN COALESCE(th.category_id, ht.category_id)
                ELSE COALESCE(th.category_id, e.category_id) END AS category_id
) k
LEFT JOIN taxonomy c    ON c.category_id = k.category_id;

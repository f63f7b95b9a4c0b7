-- v_documents: one row per document, enriched by the active models. Public BI view: columns are
-- a contract (tests/test_schema_contract.py); add columns, never rename or remove.
-- Themes are curated (docs/curation.md): topic_id / topic_label / category_id show the theme the
-- team made of the model's topic (renamed, merged, split, mapped); model_* keep the model's own.
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
    e.sentiment_label,
    e.sentiment_score,
    e.p_negativo,
    e.p_neutro,
    e.p_positivo,
    k.theme_id                                     AS topic_id,
    COALESCE(th.label, t.label, CASE WHEN e.topic_id = -1 THEN 'Non assegnato' END) AS topic_label,
    COALESCE(th.category_id, e.category_id)        AS category_id,
    c.label                                        AS category_label,
    e.churn_intent,
    e.churn_cues,
    e.escalation,
    e.sentiment_model,
    e.topic_model,
    e.enriched_at,
    d.source_file,
    d.ingested_at,
    l.created_at_local,
    e.topic_id                                     AS model_topic_id,
    COALESCE(t.label, CASE WHEN e.topic_id = -1 THEN 'Non assegnato' END) AS model_topic_label,
    e.category_id                                  AS model_category_id,
    COALESCE(th.hidden, false)                     AS theme_hidden
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
CROSS JOIN LATERAL (
    SELECT CASE WHEN e.topic_id IS NULL OR e.topic_id < 0 THEN e.topic_id
                ELSE coalesce(m.theme_id, p.part_id, e.topic_id) END AS theme_id
) k
LEFT JOIN themes th     ON th.theme_id = k.theme_id
LEFT JOIN taxonomy c    ON c.category_id = COALESCE(th.category_id, e.category_id);

-- labels_current: the human label in force per document and field (the latest of the audit
-- trail in table labels, docs/labels.md). Internal: v_documents and doc_topics_curated read it.
CREATE OR REPLACE VIEW labels_current AS
SELECT doc_id, field, value, who, source, made_at, topic_model
FROM labels
QUALIFY row_number() OVER (PARTITION BY doc_id, field ORDER BY seq DESC) = 1;

-- labels_wide: one row per labelled document, one column per field.
CREATE OR REPLACE VIEW labels_wide AS
SELECT
    doc_id,
    any_value(value) FILTER (WHERE field = 'sentiment')    AS sentiment,
    any_value(TRY_CAST(value AS INTEGER)) FILTER (WHERE field = 'theme') AS theme_id,
    bool_or(field = 'theme')                               AS has_theme,
    any_value(value = 'si') FILTER (WHERE field = 'churn_intent') AS churn_intent,
    any_value(value = 'si') FILTER (WHERE field = 'escalation')   AS escalation
FROM labels_current
GROUP BY doc_id;

-- doc_topics_curated: the aspect rows (document × topic its sentences talk about) with the
-- curated theme instead of the model's topic (docs/curation.md). Internal: v_weekly_topics, the
-- report and detection read it; BI tools read v_weekly_topics.
CREATE OR REPLACE VIEW doc_topics_curated AS
SELECT
    dt.doc_id,
    k.theme_id                                   AS topic_id,
    dt.topic_id                                  AS model_topic_id,
    COALESCE(th.category_id, dt.category_id)     AS category_id,
    dt.n_sentences,
    dt.sentiment_score,
    dt.sentiment_label,
    dt.topic_model,
    COALESCE(th.hidden, false)                   AS theme_hidden
FROM doc_topics dt
LEFT JOIN theme_doc_parts p ON p.doc_id = dt.doc_id AND p.topic_id = dt.topic_id
LEFT JOIN theme_members m   ON m.unit_id = coalesce(p.part_id, dt.topic_id)
CROSS JOIN LATERAL (
    SELECT CASE WHEN dt.topic_id < 0 THEN dt.topic_id
                ELSE coalesce(m.theme_id, p.part_id, dt.topic_id) END AS theme_id
) k
LEFT JOIN themes th ON th.theme_id = k.theme_id;

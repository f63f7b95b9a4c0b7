-- doc_topics_curated: the aspect rows (document × topic its sentences talk about) with the
-- curated theme instead of the model's topic (docs/curation.md). Internal: v_weekly_topics, the
-- report and detection read it; BI tools read v_weekly_topics.
-- A document a person moved to another theme (docs/labels.md) moves with the aspect rows of its
-- main model topic: they count for the chosen theme, or for none ('nessuno di questi': -1).
CREATE OR REPLACE VIEW doc_topics_curated AS
SELECT
    dt.doc_id,
    k.theme_id                                   AS topic_id,
    dt.topic_id                                  AS model_topic_id,
    CASE WHEN k.moved THEN COALESCE(th.category_id, ht.category_id)
         ELSE COALESCE(th.category_id, dt.category_id) END AS category_id,
    dt.n_sentences,
    dt.sentiment_score,
    dt.sentiment_label,
    dt.topic_model,
    COALESCE(th.hidden, false)                   AS theme_hidden,
    k.moved                                      AS topic_human
FROM doc_topics dt
LEFT JOIN theme_doc_parts p ON p.doc_id = dt.doc_id AND p.topic_id = dt.topic_id
LEFT JOIN theme_members m   ON m.unit_id = coalesce(p.part_id, dt.topic_id)
LEFT JOIN labels_wide h     ON h.doc_id = dt.doc_id AND h.has_theme
LEFT JOIN documents d       ON h.doc_id IS NOT NULL AND d.doc_id = dt.doc_id
LEFT JOIN enrichments e     ON e.doc_id = d.doc_id AND e.text_hash = d.text_hash
LEFT JOIN theme_members hm  ON hm.unit_id = h.theme_id
LEFT JOIN topics ht         ON ht.topic_model = dt.topic_model AND ht.topic_id = h.theme_id
CROSS JOIN LATERAL (
    SELECT coalesce(h.doc_id IS NOT NULL AND e.topic_id = dt.topic_id, false) AS moved
) mv
CROSS JOIN LATERAL (
    SELECT mv.moved,
           CASE WHEN mv.moved THEN coalesce(hm.theme_id, h.theme_id, -1)
                WHEN dt.topic_id < 0 THEN dt.topic_id
                ELSE coalesce(m.theme_id, p.part_id, dt.topic_id) END AS theme_id
) k
LEFT JOIN themes th ON th.theme_id = k.theme_id;

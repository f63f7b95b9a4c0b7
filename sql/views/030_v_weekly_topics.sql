-- v_weekly_topics: per ISO week and theme. A document counts once per theme it talks about
-- (aspect level, from doc_topics), so topic sentiment is the sentiment of the sentences about
-- that topic, not of the whole document. Themes are curated (docs/curation.md): topic_id is the
-- theme's id (the model topic's unless merged or split), topic_label its curated name.
CREATE OR REPLACE VIEW v_weekly_topics AS
WITH week_totals AS (
    SELECT iso_week, count(*) AS week_volume
    FROM v_documents WHERE NOT is_duplicate AND sentiment_label IS NOT NULL
    GROUP BY iso_week
),
agg AS (
    SELECT
        v.iso_week,
        dt.topic_id,
        any_value(COALESCE(th.label, t.label, 'Non assegnato')) AS topic_label,
        any_value(COALESCE(th.category_id, t.category_id))      AS category_id,
        count(DISTINCT v.doc_id)                        AS volume,
        count(DISTINCT v.doc_id) FILTER (WHERE dt.sentiment_label = 'negativo') AS n_negativo,
        avg(dt.sentiment_score)                         AS mean_sentiment,
        avg(v.sentiment_score)                          AS mean_doc_sentiment,
        count(DISTINCT v.doc_id) FILTER (WHERE v.churn_intent) AS n_churn_intent,
        bool_or(dt.theme_hidden)                        AS theme_hidden,
        list(DISTINCT dt.model_topic_id ORDER BY dt.model_topic_id) AS model_topic_ids,
        count(DISTINCT v.doc_id) FILTER (WHERE dt.topic_human) AS n_topic_human
    FROM v_documents v
    JOIN doc_topics_curated dt ON dt.doc_id = v.doc_id AND dt.topic_model = v.topic_model
    LEFT JOIN topics t ON t.topic_model = dt.topic_model
        AND t.topic_id = CASE WHEN dt.topic_human THEN dt.topic_id ELSE dt.model_topic_id END
    LEFT JOIN themes th ON th.theme_id = dt.topic_id
    WHERE NOT v.is_duplicate
    GROUP BY v.iso_week, dt.topic_id
)
SELECT
    a.iso_week,
    a.topic_id,
    a.topic_label,
    a.category_id,
    c.label                                         AS category_label,
    a.volume,
    a.volume / nullif(w.week_volume, 0)             AS share,
    a.n_negativo,
    a.n_negativo / nullif(a.volume, 0)              AS share_negativo,
    a.mean_sentiment,
    a.mean_doc_sentiment,
    a.n_churn_intent,
    a.volume - lag(a.volume) OVER win               AS volume_delta,
    a.mean_sentiment - lag(a.mean_sentiment) OVER win AS mean_sentiment_delta,
    a.theme_hidden,
    a.model_topic_ids,
    -- Documents a person moved into this theme (docs/labels.md).
    a.n_topic_human
FROM agg a
JOIN week_totals w USING (iso_week)
LEFT JOIN taxonomy c ON c.category_id = a.category_id
WINDOW win AS (PARTITION BY a.topic_id ORDER BY a.iso_week);

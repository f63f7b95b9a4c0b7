-- v_weekly_overview: per ISO week and kind/channel ('tutti' = all), duplicates excluded.
-- Sentiment shares are over the scored (Italian) documents of the group.
CREATE OR REPLACE VIEW v_weekly_overview AS
WITH base AS (
    SELECT * FROM v_documents WHERE NOT is_duplicate
),
agg AS (
    SELECT
        iso_week,
        CASE WHEN grouping(kind) = 1 THEN 'tutti' ELSE kind END                          AS kind,
        -- A document without a channel is 'sconosciuto', never confused with the rollup row.
        CASE WHEN grouping(channel) = 1 THEN 'tutti' ELSE coalesce(channel, 'sconosciuto') END AS channel,
        min(date_trunc('week', created_at_local))::DATE AS week_start,
        count(*)                                         AS volume,
        count(sentiment_label)                           AS scored,
        count(*) FILTER (WHERE sentiment_label = 'negativo') AS n_negativo,
        count(*) FILTER (WHERE sentiment_label = 'neutro')   AS n_neutro,
        count(*) FILTER (WHERE sentiment_label = 'positivo') AS n_positivo,
        avg(sentiment_score)                             AS mean_sentiment,
        avg(rating)                                      AS mean_rating,
        count(rating)                                    AS n_rated,
        count(*) FILTER (WHERE churn_intent)             AS n_churn_intent,
        count(*) FILTER (WHERE sentiment_human)          AS n_sentiment_human
    FROM base
    GROUP BY GROUPING SETS ((iso_week, kind, channel), (iso_week, kind), (iso_week))
),
shares AS (
    SELECT
        *,
        n_negativo / nullif(scored, 0)                   AS share_negativo,
        n_neutro / nullif(scored, 0)                     AS share_neutro,
        n_positivo / nullif(scored, 0)                   AS share_positivo,
        (n_positivo - n_negativo) / nullif(scored, 0)    AS net_sentiment
    FROM agg
)
SELECT
    iso_week, week_start, kind, channel, volume, scored,
    n_negativo, n_neutro, n_positivo,
    share_negativo, share_neutro, share_positivo, net_sentiment,
    mean_sentiment, mean_rating, n_rated, n_churn_intent,
    volume - lag(volume) OVER w                     AS volume_delta,
    net_sentiment - lag(net_sentiment) OVER w       AS net_sentiment_delta,
    share_negativo - lag(share_negativo) OVER w     AS share_negativo_delta,
    mean_rating - lag(mean_rating) OVER w           AS mean_rating_delta,
    -- How many of the counted sentiments are a person's label (docs/labels.md).
    n_sentiment_human
FROM shares
WINDOW w AS (PARTITION BY kind, channel ORDER BY iso_week);

-- v_weekly_scores: NPS, CSAT and CES per ISO week, channel and touchpoint ('tutti' = all), with
-- 95 % intervals. Public BI view: columns are a contract; add columns, never rename or remove.
-- NPS interval: adjusted Wald (Sauro & Lewis: 3/4 of a pseudo-response added to promoters and
-- to detractors, 3 to n), good down to small samples. CSAT (share of 4-5): Wilson score
-- interval. CES (mean 1-7): normal interval of the mean. A change against the previous week is
-- 'nessuna variazione significativa' when the 95 % interval of the difference contains zero.
CREATE OR REPLACE VIEW v_weekly_scores AS
WITH tz AS (
    SELECT coalesce((SELECT value FROM voc_settings WHERE key = 'timezone'), 'UTC') AS tz
),
base AS (
    SELECT
        r.*,
        timezone(tz.tz, r.created_at AT TIME ZONE 'UTC')::TIMESTAMP AS created_at_local
    FROM survey_responses r, tz
),
agg AS (
    SELECT
        strftime(created_at_local, '%G-W%V')                                     AS iso_week,
        CASE WHEN grouping(channel) = 1 THEN 'tutti' ELSE coalesce(channel, 'sconosciuto') END AS channel,
        CASE WHEN grouping(touchpoint) = 1 THEN 'tutti' ELSE coalesce(touchpoint, 'sconosciuto') END AS touchpoint,
        min(date_trunc('week', created_at_local))::DATE                          AS week_start,
        count(*)                                                                 AS n_responses,
        count(doc_id)                                                            AS n_verbatim,
        count(nps)                                                               AS n_nps,
        count(*) FILTER (WHERE nps >= 9)                                         AS promoters,
        count(*) FILTER (WHERE nps BETWEEN 7 AND 8)                              AS passives,
        count(*) FILTER (WHERE nps <= 6)                                         AS detractors,
        count(csat)                                                              AS n_csat,
        count(*) FILTER (WHERE csat >= 4)                                        AS csat_satisfied,
        avg(csat)                                                                AS csat_mean,
        count(ces)                                                               AS n_ces,
        avg(ces)                                                                 AS ces_mean,
        stddev_samp(ces)                                                         AS ces_sd
    FROM base
    GROUP BY GROUPING SETS (
        (strftime(created_at_local, '%G-W%V')),
        (strftime(created_at_local, '%G-W%V'), channel),
        (strftime(created_at_local, '%G-W%V'), touchpoint),
        (strftime(created_at_local, '%G-W%V'), channel, touchpoint)
    )
),
est AS (
    SELECT
        *,
        100.0 * (promoters - detractors) / nullif(n_nps, 0)                      AS nps,
        -- adjusted Wald: p and se on the padded counts
        (promoters + 0.75) / (n_nps + 3.0)                                       AS pp_adj,
        (detractors + 0.75) / (n_nps + 3.0)                                      AS pd_adj,
        100.0 * csat_satisfied / nullif(n_csat, 0)                               AS csat,
        ces_sd / sqrt(nullif(n_ces, 0))                                          AS ces_se
    FROM agg
),
se AS (
    SELECT
        *,
        CASE WHEN n_nps > 0 THEN 100.0 * sqrt(
            (pp_adj + pd_adj - (pp_adj - pd_adj) * (pp_adj - pd_adj)) / (n_nps + 3.0)) END AS nps_se,
        CASE WHEN n_nps > 0 THEN 100.0 * (pp_adj - pd_adj) END                   AS nps_center,
        -- Wilson score interval of the satisfied share, z = 1.96
        CASE WHEN n_csat > 0 THEN
            (csat_satisfied / n_csat + 1.9208 / n_csat) / (1 + 3.8416 / n_csat) END AS w_center,
        CASE WHEN n_csat > 0 THEN
            1.96 * sqrt((csat_satisfied / n_csat) * (1 - csat_satisfied / n_csat) / n_csat
                        + 0.9604 / (n_csat * n_csat)) / (1 + 3.8416 / n_csat) END AS w_half,
        CASE WHEN n_csat > 0 THEN
            100.0 * sqrt((csat_satisfied + 2.0) / (n_csat + 4.0)
                         * (1 - (csat_satisfied + 2.0) / (n_csat + 4.0)) / (n_csat + 4.0)) END AS csat_se
    FROM est
),
final AS (
    SELECT
        iso_week, week_start, channel, touchpoint, n_responses, n_verbatim,
        n_nps, promoters, passives, detractors,
        nps,
        greatest(-100.0, nps_center - 1.96 * nps_se)                             AS nps_low,
        least(100.0, nps_center + 1.96 * nps_se)                                 AS nps_high,
        n_csat, csat,
        100.0 * (w_center - w_half)                                              AS csat_low,
        100.0 * (w_center + w_half)                                              AS csat_high,
        csat_mean,
        n_ces, ces_mean,
        ces_mean - 1.96 * ces_se                                                 AS ces_low,
        ces_mean + 1.96 * ces_se                                                 AS ces_high,
        nps_se, csat_se, ces_se
    FROM se
),
deltas AS (
    SELECT
        f.*,
        f.nps - lag(f.nps) OVER w                                                AS nps_delta,
        1.96 * sqrt(f.nps_se * f.nps_se + lag(f.nps_se) OVER w * lag(f.nps_se) OVER w) AS nps_margin,
        f.csat - lag(f.csat) OVER w                                              AS csat_delta,
        1.96 * sqrt(f.csat_se * f.csat_se + lag(f.csat_se) OVER w * lag(f.csat_se) OVER w) AS csat_margin,
        f.ces_mean - lag(f.ces_mean) OVER w                                      AS ces_delta,
        1.96 * sqrt(f.ces_se * f.ces_se + lag(f.ces_se) OVER w * lag(f.ces_se) OVER w) AS ces_margin
    FROM final f
    WINDOW w AS (PARTITION BY f.channel, f.touchpoint ORDER BY f.iso_week)
)
SELECT
    iso_week, week_start, channel, touchpoint, n_responses, n_verbatim,
    n_nps, promoters, passives, detractors, nps, nps_low, nps_high,
    n_csat, csat, csat_low, csat_high, csat_mean,
    n_ces, ces_mean, ces_low, ces_high,
    nps_delta, nps_delta - nps_margin AS nps_delta_low, nps_delta + nps_margin AS nps_delta_high,
    CASE WHEN nps_delta IS NULL OR nps_margin IS NULL THEN NULL
         WHEN nps_delta - nps_margin > 0 THEN 'in aumento'
         WHEN nps_delta + nps_margin < 0 THEN 'in calo'
         ELSE 'nessuna variazione significativa' END                             AS nps_change,
    csat_delta,
    CASE WHEN csat_delta IS NULL OR csat_margin IS NULL THEN NULL
         WHEN csat_delta - csat_margin > 0 THEN 'in aumento'
         WHEN csat_delta + csat_margin < 0 THEN 'in calo'
         ELSE 'nessuna variazione significativa' END                             AS csat_change,
    ces_delta,
    CASE WHEN ces_delta IS NULL OR ces_margin IS NULL THEN NULL
         WHEN ces_delta - ces_margin > 0 THEN 'in aumento'
         WHEN ces_delta + ces_margin < 0 THEN 'in calo'
         ELSE 'nessuna variazione significativa' END                             AS ces_change
FROM deltas;

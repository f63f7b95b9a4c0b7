-- v_ticket_operations: ticket service levels per ISO week (of ticket creation), channel,
-- priority and taxonomy category ('tutti' = all). Times are business hours ([sla] in voc.toml:
-- opening hours, working days, public holidays). Public BI view: add columns, never rename.
-- backlog = tickets of the group still unsolved at the end of the week.
CREATE OR REPLACE VIEW v_ticket_operations AS
WITH tz AS (
    SELECT coalesce((SELECT value FROM voc_settings WHERE key = 'timezone'), 'UTC') AS tz
),
base AS (
    SELECT
        o.*,
        strftime(timezone(tz.tz, o.created_at AT TIME ZONE 'UTC')::TIMESTAMP, '%G-W%V') AS iso_week,
        coalesce(o.channel, 'sconosciuto')  AS ch,
        coalesce(o.priority, 'normal')      AS pr,
        coalesce(o.category_id, 'nessuna')  AS cat
    FROM ticket_operations o, tz
),
agg AS (
    SELECT
        iso_week,
        CASE WHEN grouping(ch) = 1 THEN 'tutti' ELSE ch END                      AS channel,
        CASE WHEN grouping(pr) = 1 THEN 'tutti' ELSE pr END                      AS priority,
        CASE WHEN grouping(cat) = 1 THEN 'tutti' ELSE cat END                    AS category_id,
        count(*)                                                                 AS tickets,
        count(first_response_hours)                                              AS answered,
        median(first_response_hours)                                             AS first_response_median,
        quantile_cont(first_response_hours, 0.9)                                 AS first_response_p90,
        count(*) FILTER (WHERE first_response_breached)                          AS first_response_breaches,
        count(resolution_hours)                                                  AS solved,
        median(resolution_hours)                                                 AS resolution_median,
        count(*) FILTER (WHERE resolution_breached)                              AS resolution_breaches,
        count(*) FILTER (WHERE reopens > 0)                                      AS reopened,
        sum(n_after_slow)::BIGINT                                                AS n_after_slow,
        sum(polarity_after_slow * n_after_slow) / nullif(sum(n_after_slow), 0)   AS polarity_after_slow,
        sum(n_after_fast)::BIGINT                                                AS n_after_fast,
        sum(polarity_after_fast * n_after_fast) / nullif(sum(n_after_fast), 0)   AS polarity_after_fast,
        count(*) FILTER (WHERE sentiment_label = 'negativo')                     AS n_negativo
    FROM base
    GROUP BY GROUPING SETS ((iso_week), (iso_week, ch), (iso_week, ch, pr), (iso_week, cat),
                            (iso_week, ch, cat))
),
weeks AS (SELECT DISTINCT iso_week FROM base),
week_end AS (
    -- UTC instant of the end of each local week
    SELECT w.iso_week,
           timezone('UTC', timezone(tz.tz, (strptime(w.iso_week || '-1', '%G-W%V-%u')
                                            + INTERVAL 7 DAY)))::TIMESTAMP AS end_utc
    FROM weeks w, tz
),
backlog AS (
    SELECT e.iso_week,
           CASE WHEN grouping(b.ch) = 1 THEN 'tutti' ELSE b.ch END AS channel,
           count(*) AS backlog
    FROM week_end e
    JOIN base b ON b.created_at < e.end_utc AND (b.solved_at IS NULL OR b.solved_at >= e.end_utc)
    GROUP BY GROUPING SETS ((e.iso_week), (e.iso_week, b.ch))
)
SELECT
    a.iso_week, a.channel, a.priority, a.category_id, c.label AS category_label,
    a.tickets, a.answered, a.first_response_median, a.first_response_p90,
    a.first_response_breaches,
    a.first_response_breaches / nullif(a.tickets, 0)          AS first_response_breach_rate,
    a.solved, a.resolution_median, a.resolution_breaches,
    a.resolution_breaches / nullif(a.tickets, 0)              AS resolution_breach_rate,
    a.reopened, a.reopened / nullif(a.solved, 0)              AS reopen_rate,
    CASE WHEN a.priority = 'tutti' AND a.category_id = 'tutti' THEN coalesce(k.backlog, 0) END AS backlog,
    a.n_negativo,
    a.n_after_slow, a.polarity_after_slow, a.n_after_fast, a.polarity_after_fast
FROM agg a
LEFT JOIN backlog k ON k.iso_week = a.iso_week AND k.channel = a.channel
LEFT JOIN taxonomy c ON c.category_id = a.category_id;

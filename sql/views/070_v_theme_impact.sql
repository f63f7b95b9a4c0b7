-- v_theme_impact: impact of each theme (topic or taxonomy category) on NPS, CSAT and star
-- rating, with bootstrap intervals, per week: over the rolling window ('rolling') and over the
-- week alone ('week'). Public BI view: columns are a contract; add columns, never rename.
-- impact = score of all responses - score without the theme's responses (remove and recompute);
-- effect = coefficient of the theme in a regression on every theme's indicator (overlap-aware);
-- gain = -effect x reach, the points recovered by fixing it; priority_rank orders by gain.
CREATE OR REPLACE VIEW v_theme_impact AS
SELECT
    i.iso_week, i.period, i.weeks, i.metric, i.scope, i.theme_id, i.theme_label,
    i.n_responses, i.n_mentions, i.reach, i.score_all, i.score_with, i.score_without,
    i.impact, i.impact_low, i.impact_high,
    i.effect, i.effect_low, i.effect_high,
    i.gain, i.gain_low, i.gain_high,
    (i.impact_high < 0 OR i.impact_low > 0)                 AS impact_significant,
    i.priority_rank,
    i.n_negativo, i.n_neutro, i.n_positivo,
    i.confidence, i.n_bootstrap, i.computed_at
FROM theme_impact i;

-- v_churn_risk: the latest churn-risk snapshot, one row per customer, riskiest first.
-- Public BI view: columns are a contract; add columns, never rename or remove.
CREATE OR REPLACE VIEW v_churn_risk AS
SELECT
    r.customer_id,
    r.risk_score,
    r.risk_level,
    r.reasons,
    r.last_contact,
    r.contacts_30d,
    r.n_documents,
    r.last_texts,
    r.as_of_week,
    r.model
FROM churn_risk r
WHERE r.as_of_week = (SELECT max(as_of_week) FROM churn_risk)
ORDER BY r.risk_score DESC, r.customer_id;

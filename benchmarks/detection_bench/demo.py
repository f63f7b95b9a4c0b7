"""Demo ground truth: the detection step on a copy of an enriched demo database, scored.

``python benchmarks/detection.py demo --db COPY.duckdb --truth voc_demo/data/ground_truth.json``.
"""

from __future__ import annotations

import json
import time
from datetime import datetime, timedelta
from pathlib import Path

import pandas as pd

from models.detection import STATUS_NEW, DetectionParams


def run_demo(db: Path, truth_path: Path, params: DetectionParams, verbose: bool = True) -> dict:
    """Score a copy of the demo database against its ground truth (writes alerts into the copy)."""
    from pipelines.config import Settings
    from pipelines.steps.detect import run_detection

    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    events = truth["events"]
    weeks = [w["iso_week"] for w in truth["weeks"]]
    now = datetime.fromisoformat(truth["weeks"][-1]["start"]) + timedelta(days=8)
    t0 = time.perf_counter()
    settings = Settings(db=db, alert_terms=params.term_test, alert_groups=params.group_test)
    summary = run_detection(settings, weeks[-1], now, notify=False)
    elapsed = time.perf_counter() - t0
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    alerts = con.execute(
        "SELECT * FROM v_emerging_complaints ORDER BY iso_week, severity DESC"
    ).df()
    risk = con.execute("SELECT * FROM v_churn_risk").df()
    con.close()
    em = events["emerging"]
    onset = em["onset_iso_week"]
    onset_idx = weeks.index(onset)
    phrases = [p.lower() for p in em["key_phrases"]]

    def about_emerging(a: pd.Series) -> bool:
        text = " ".join([str(a["topic_label"]), *map(str, a["quotes"])]).lower()
        hits = sum(any(p in q.lower() for p in phrases) for q in a["quotes"])
        return hits >= max(1, len(a["quotes"]) // 2) or any(p in text for p in phrases[:2])

    new = alerts[alerts["status"] == STATUS_NEW]
    hits = new[new.apply(about_emerging, axis=1)] if len(new) else new
    first_hit = hits["iso_week"].min() if len(hits) else None
    delay = weeks.index(first_hit) - onset_idx if first_hit else None
    normal = new[(new["iso_week"] < onset) & (new["iso_week"] >= weeks[min(8, len(weeks) - 1)])]
    cohort = set(events["churn_cohort"]["customer_ids"])
    hard = set(events["hard_negatives"]["customer_ids"])
    top = risk["customer_id"].head(50).tolist()
    p50 = sum(c in cohort for c in top) / 50
    result = {
        "seconds": round(elapsed, 1),
        "emerging_first_alert": first_hit,
        "delay_weeks": delay,
        "new_alerts_total": len(new),
        "new_alerts_before_onset_after_warmup": len(normal),
        "churn_precision@50": p50,
        "churn_recall@50": sum(c in cohort for c in top) / len(cohort),
        "hard_negatives_in_top50": sum(c in hard for c in top),
        "summary_week": summary["week"],
    }
    if verbose:
        print(f"\n== Demo database {db} ({elapsed:.1f} s)")
        print(json.dumps(result, indent=1, default=str))
        cols = [
            "iso_week",
            "status",
            "scope",
            "topic_label",
            "volume",
            "baseline",
            "z_score",
            "severity",
        ]
        print(new[cols].to_string(index=False))
        print(
            risk[["customer_id", "risk_score", "risk_level", "reasons"]]
            .head(10)
            .to_string(index=False)
        )
    return result

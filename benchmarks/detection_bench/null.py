"""Null replays: real streams re-dated at random, where every alert is false.

``python benchmarks/detection.py null``.
"""

from __future__ import annotations

import time

import numpy as np
import pandas as pd

from models.detection import DetectionParams
from pipelines.weeks import week_range

from .planted import PLANT_BASELINE
from .streams import assign_weeks, echo_frame, new_alerts, prepared_stream


def run_null(n: int, seed: int, params: DetectionParams, verbose: bool = True) -> dict:
    """False alerts on real streams whose dates carry no event (see ``benchmarks/detection.py``).

    Echo re-dated with seeds ``seed+1 .. seed+n`` (its dates are seeded anyway); Octopus with its
    real dates permuted among its reviews by the same seeds. Topics, categories and sentiment are
    those of :func:`prepared_stream` (they do not depend on dates).
    """
    t0 = time.perf_counter()
    warm = PLANT_BASELINE // 3
    rows: list[dict] = []
    for stream in ("echo", "octopus"):
        base, labels, topics = prepared_stream(stream)
        topic_labels = {int(k): v for k, v in topics.topic_labels_.items()}
        for s in range(seed + 1, seed + n + 1):
            docs = base.copy()
            if stream == "echo":
                docs["created_at"] = echo_frame(s)["created_at"].to_numpy()
            else:
                rng = np.random.default_rng(s)
                docs["created_at"] = rng.permutation(docs["created_at"].to_numpy())
            docs = assign_weeks(docs)
            weeks = week_range(docs["iso_week"].min(), docs["iso_week"].max())
            new = new_alerts(docs, weeks, warm, params, labels, topic_labels)
            rows.append({"stream": stream, "seed": s, "weeks": len(weeks) - warm,
                         "new_alerts": len(new), "alerts": new})  # fmt: skip
    res = pd.DataFrame(rows)
    per_stream = res.groupby("stream").agg(replays=("seed", "size"), weeks=("weeks", "sum"),
                                           new_alerts=("new_alerts", "sum")).reset_index()  # fmt: skip
    per_stream["per_10w"] = 10 * per_stream["new_alerts"] / per_stream["weeks"]
    summary = {
        "seconds": round(time.perf_counter() - t0, 1),
        "false_alerts_per_10_weeks": float(10 * res["new_alerts"].sum() / res["weeks"].sum()),
        "streams": per_stream.to_dict("records"),
        "replays": rows,
    }
    if verbose:
        print(f"\n== Null replays: real streams re-dated at random ({n} seeds each), "
              f"{summary['seconds']:.0f} s")  # fmt: skip
        print(per_stream.to_string(index=False, float_format=lambda x: f"{x:.3f}"))
        for r in rows:
            for a in r["alerts"]:
                print(f"  {r['stream']}/{r['seed']}: {a}")
        print(f"false_alerts_per_10_weeks: {summary['false_alerts_per_10_weeks']:.3f}")
    return summary

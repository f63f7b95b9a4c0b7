"""Planted complaints: real negative reviews of one theme put back into a real stream from an onset.

``python benchmarks/detection.py planted``: recall within one week, delay, and the false alerts of
the unplanted replays.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

import numpy as np
import pandas as pd

from models.detection import DetectionParams
from pipelines.weeks import week_monday, week_range

from .streams import assign_weeks, new_alerts, prepared_stream, replay

# Themes of real negative reviews (<= 2 stars) used as planted complaints. A theme is a keyword
# pattern over the text; every negative review matching it is taken OUT of the background, and a
# sample of them is put back, re-dated, from the onset week. The patterns name subjects, not
# reviews: the texts themselves stay in ../shared/data.
PLANT_THEMES: dict[str, dict[str, str]] = {
    "octopus": {
        "bollette": r"bollett|fattur|conguagl|addebit|stimat|lettur",
        "prezzi": r"prezz|tariff|aument|cost[oi]|\bcar[oi]\b",
        "assistenza": r"assistenz|rispond|telefon|contattar|\bchat\b|whatsapp",
        "attivazione": r"passaggio|attivazion|voltura|subentr|switch|allacci",
        "app_sito": r"\bapp\b|applicazion|\bsito\b|area riservata|portale",
    },
    "echo": {
        "connessione": r"wi-?fi|connession|connett|\brete\b|router|bluetooth",
        "audio": r"audio|suono|volume|\bbassi\b|cass[ae]|gracchi",
        "comprensione": r"capisc|compren|riconosc|\bsent[ea]\b|risponde",
        "musica": r"spotify|music|canzon|radio|playlist",
        "domotica": r"\bluc[ie]\b|lampad|domotic|termostat|\bpres[ae]\b|smart home",
    },
}
# Extra negative documents per week from the onset (truncated when the theme's pool runs out).
PLANT_FAMILIES: dict[str, tuple[int, ...]] = {
    "step_large": (10, 10, 10, 10),
    "step_small": (5, 5, 5, 5),
    "ramp_2w": (4, 8, 8, 8),
    "slow_ramp": (2, 4, 6, 8),
}
PLANT_BASELINE = 30  # weeks replayed before the onset (baseline plus its lookback)
PLANT_AFTER = 4  # weeks replayed from the onset


def _about_plant(alert: pd.Series, planted_quotes: set[str]) -> bool:
    """An alert is about the planted complaint when it names a theme (topic, category or new
    topic) and at least 2 of its quotes (or all, when it shows fewer) are planted texts: what a
    CX manager would read is the planted complaint."""
    if alert["scope"] not in ("topic", "category", "new_topic"):
        return False  # "negative share up on Trustpilot" does not say what went wrong
    quotes = list(alert["quotes"])
    hits = sum(q in planted_quotes for q in quotes)
    return bool(quotes) and hits >= min(2, len(quotes))


def run_planted(
    n: int,
    seed: int,
    params: DetectionParams,
    streams: Sequence[str],
    mode: str = "cluster",
    verbose: bool = True,
) -> dict:
    """Real-text scenarios: complaints built from real negative reviews planted into real streams.

    For each stream, theme, family and seed: the theme's negative reviews are removed from the
    stream; a seeded onset week is drawn; a seeded sample of the theme's reviews is re-dated into
    the onset week and the following ones (family curve): any of them (``mode="keyword"``) or
    those closest in meaning to a seeded one (``mode="cluster"``: one cause, as a real emerging
    complaint has); the production detector replays
    ``PLANT_BASELINE`` weeks before the onset and ``PLANT_AFTER`` from it. Recall within one week
    counts an alert about the plant (see :func:`_about_plant`) in the onset week or the next;
    false alerts are the new alerts of the full, unplanted streams (and of each stream without
    each theme) per 10 weeks after the first ``PLANT_BASELINE // 3`` weeks.
    """
    from pipelines.detect.alert_rows import _clip

    t0 = time.perf_counter()
    rows: list[dict] = []
    nulls: list[dict] = []
    for stream in streams:
        base, labels, topics = prepared_stream(stream)
        base = assign_weeks(base)
        topic_labels = {int(k): v for k, v in topics.topic_labels_.items()}
        all_weeks = week_range(base["iso_week"].min(), base["iso_week"].max())
        warm = PLANT_BASELINE // 3
        for theme, pattern in [("-", None), *PLANT_THEMES[stream].items()]:
            bg = base
            if pattern is not None:
                hit = base["text"].str.lower().str.contains(pattern, regex=True)
                bg = base[~(hit & (base["sentiment_label"] == "negativo"))]
            new = new_alerts(bg, all_weeks, warm, params, labels, topic_labels)
            nulls.append({"stream": stream, "theme": theme, "weeks": len(all_weeks) - warm,
                          "new_alerts": len(new), "alerts": new})  # fmt: skip
        for theme, pattern in PLANT_THEMES[stream].items():
            hit = base["text"].str.lower().str.contains(pattern, regex=True)
            pool = base[hit & (base["sentiment_label"] == "negativo")]
            bg = base[~(hit & (base["sentiment_label"] == "negativo"))]
            for fam, curve in PLANT_FAMILIES.items():
                for s in range(seed, seed + n):
                    rng = np.random.default_rng(
                        [
                            s,
                            list(PLANT_FAMILIES).index(fam),
                            list(PLANT_THEMES[stream]).index(theme),
                            int(stream == "echo"),
                        ]
                    )
                    onset = int(rng.integers(PLANT_BASELINE, len(all_weeks) - PLANT_AFTER + 1))
                    weeks = all_weeks[onset - PLANT_BASELINE : onset + PLANT_AFTER]
                    order = rng.permutation(len(pool))
                    if mode == "cluster":
                        # One cause, similar words: the reviews of the theme closest to a seeded
                        # one, in a random order (a keyword alone mixes unrelated grievances).
                        seed_vec = pool["vector"].iloc[order[0]]
                        sims = np.vstack(pool["vector"].to_numpy()) @ seed_vec
                        near = np.argsort(-sims, kind="stable")[: sum(curve[:PLANT_AFTER])]
                        order = rng.permutation(near)
                    parts, used = [], 0
                    for i, k in enumerate(curve[:PLANT_AFTER]):
                        take = pool.iloc[order[used : used + k]]
                        used += len(take)
                        monday = pd.Timestamp(week_monday(all_weeks[onset + i]))
                        when = monday + pd.to_timedelta(
                            rng.integers(0, 7 * 24, len(take)), unit="h"
                        )
                        parts.append(take.assign(created_at=when.to_numpy(),
                                                 doc_id=[f"{d}:plant{i}" for d in take["doc_id"]]))  # fmt: skip
                    plant = assign_weeks(pd.concat(parts))
                    docs = pd.concat([bg, plant], ignore_index=True)
                    alerts = replay(docs, weeks, params, labels, topic_labels)
                    quotes = {_clip(t) for t in plant["text"]}
                    about = (
                        alerts[alerts.apply(_about_plant, axis=1, args=(quotes,))]
                        if len(alerts)
                        else alerts
                    )
                    about = about[about["status"] != "rientrato"] if len(about) else about
                    hit_weeks = (
                        sorted(weeks.index(w) - PLANT_BASELINE for w in about["iso_week"])
                        if len(about)
                        else []
                    )
                    delay = hit_weeks[0] if hit_weeks else float("inf")
                    first = (
                        about[about["iso_week"] == weeks[PLANT_BASELINE + hit_weeks[0]]].iloc[0]
                        if hit_weeks
                        else None
                    )
                    rows.append({"stream": stream, "theme": theme, "family": fam, "seed": s,
                                 "onset": all_weeks[onset], "planted": len(plant),
                                 "planted_2w": int(sum(curve[:2])), "pool": len(pool),
                                 "delay": delay, "scope": first["scope"] if first is not None else None})  # fmt: skip
    elapsed = time.perf_counter() - t0
    res = pd.DataFrame(rows)
    res["in_1w"] = res["delay"] <= 1
    res["found"] = np.isfinite(res["delay"])
    table = (
        res.groupby(["stream", "family"])
        .agg(runs=("seed", "size"), recall_1w=("in_1w", "mean"), recall_any=("found", "mean"),
             mean_delay=("delay", lambda d: d[np.isfinite(d)].mean()))
        .reset_index()
    )  # fmt: skip
    by_theme = res.groupby(["stream", "theme"]).agg(pool=("pool", "first"), recall_1w=("in_1w", "mean"),
                                                    recall_any=("found", "mean")).reset_index()  # fmt: skip
    null = pd.DataFrame(nulls)
    null["per_10w"] = 10 * null["new_alerts"] / null["weeks"]
    summary = {
        "runs": len(res),
        "seconds": round(elapsed, 1),
        "recall_within_1_week": float(res["in_1w"].mean()),
        "recall_eventually": float(res["found"].mean()),
        "mean_delay_weeks": float(res["delay"][res["found"]].mean()),
        "false_alerts_per_10_weeks": float(10 * null["new_alerts"].sum() / null["weeks"].sum()),
        "table": table.to_dict("records"),
        "themes": by_theme.to_dict("records"),
        "nulls": null.to_dict("records"),
        "scopes": res["scope"].value_counts().to_dict(),
    }
    if verbose:
        print(f"\n== Planted real-text complaints ({mode} themes): {len(res)} runs ({n} seeds x themes x "
              f"{len(PLANT_FAMILIES)} families, streams {', '.join(streams)}), {elapsed:.0f} s")  # fmt: skip
        print(table.to_string(index=False, float_format=lambda x: f"{x:.2f}"))
        print(by_theme.to_string(index=False, float_format=lambda x: f"{x:.2f}"))
        print("Unplanted replays (full stream '-', and without each theme):")
        print(
            null[["stream", "theme", "weeks", "new_alerts", "per_10w"]].to_string(
                index=False, float_format=lambda x: f"{x:.2f}"
            )
        )
        for r in nulls:
            for a in r["alerts"]:
                print(f"  {r['stream']}/{r['theme']}: {a}")
        print(f"alerts first about the plant, by scope: {summary['scopes']}")
        for key in (
            "recall_within_1_week",
            "recall_eventually",
            "mean_delay_weeks",
            "false_alerts_per_10_weeks",
        ):
            print(f"{key}: {summary[key]:.3f}")
    return summary

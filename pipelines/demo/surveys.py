"""Survey responses of the demo: NPS, CSAT and CES with optional verbatims and a planted driver.

Every week customers answer a relational NPS survey (and, after a contact with customer service
or billing, a CSAT and a CES question). About 60 % write a comment; a comment talks about one
theme, sometimes two. The planted truth: comments about customer service
(``assistenza_clienti``) come with far lower scores than any other theme, and half of them also
mention billing, so "remove and recompute" blames billing too while the regression does not.
The churn cohort answers the survey as detractors near the end.

Surveys are planned and written after every other document is final, from their own planning
stream, so adding them changes none of the other files.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from pipelines.demo.compose import filler_for
from pipelines.demo.corpus import CATEGORIES
from pipelines.demo.world import CATS, Doc, World, wchoice

__all__ = ["DRIVER_TOPIC", "OVERLAP_TOPIC", "Response", "plan_surveys", "survey_truth"]

#: The theme that drives detractors, and the one that often shares its comments.
DRIVER_TOPIC = "assistenza"
OVERLAP_TOPIC = "fatturazione"
BASE_PER_WEEK = 75
#: (promoter, passive, detractor) probabilities without a comment and per theme mentioned.
BASE_MIX = (0.46, 0.30, 0.24)
DRIVER_MIX = (0.08, 0.17, 0.75)
TOUCHPOINTS = {"generale": 45, "assistenza": 25, "fatturazione": 15, "attivazione": 15}
CHANNELS = {"email": 55, "sms": 20, "app": 25}


@dataclass(eq=False)
class Response:
    """One survey response (``doc`` carries the verbatim when there is one)."""

    ts: datetime
    survey: str
    touchpoint: str
    channel: str
    customer: str | None
    nps: int
    csat: int | None
    ces: int | None
    topics: tuple[str, ...]
    group: str  # promotore | passivo | detrattore
    text: str = ""
    id: str = ""


def _group(rng: random.Random, mix: tuple[float, float, float]) -> str:
    return rng.choices(("promotore", "passivo", "detrattore"), mix)[0]


def _scores(rng: random.Random, group: str, touchpoint: str) -> tuple[int, int | None, int | None]:
    nps = {"promotore": rng.choice((9, 10, 10)), "passivo": rng.choice((7, 8)),
           "detrattore": rng.choices(range(7), (8, 5, 8, 10, 12, 14, 14))[0]}[group]  # fmt: skip
    contact = touchpoint in ("assistenza", "fatturazione")
    csat = ces = None
    if contact:
        csat = {"promotore": rng.choice((4, 5, 5)), "passivo": rng.choice((3, 4)),
                "detrattore": rng.choice((1, 2, 2, 3))}[group]  # fmt: skip
    if touchpoint == "assistenza":
        ces = {"promotore": rng.choice((6, 7)), "passivo": rng.choice((4, 5)),
               "detrattore": rng.choice((1, 2, 3))}[group]  # fmt: skip
    return nps, csat, ces


def _mix(topics: tuple[str, ...], shifts: dict[str, float]) -> tuple[float, float, float]:
    if DRIVER_TOPIC in topics:
        return DRIVER_MIX
    shift = sum(shifts.get(t, 0.0) for t in topics)
    prom, pas, det = BASE_MIX
    return (max(0.02, prom - shift), pas, max(0.02, det + shift))


def plan_surveys(world: World) -> list[Response]:
    """Plan and write every survey response of ``world`` (after all other documents)."""
    rng = random.Random(f"lumenia-survey:{world.seed}")
    # Small, fixed per-seed differences between the other themes: realistic, not planted.
    shifts = {t: rng.uniform(-0.04, 0.04) for t in CATS if t != DRIVER_TOPIC}
    out: list[Response] = []
    for week in range(1, world.weeks + 1):
        n = max(12, round(BASE_PER_WEEK * world.scale * (1 + rng.gauss(0, 0.08))))
        for _ in range(n):
            out.append(_response(world, rng, week, shifts))
    cohort_end = world.t0 + (world.horizon - world.t0) * 0.7
    for cid in world.cohort:
        if rng.random() < 0.6:
            ts = cohort_end + (world.horizon - cohort_end) * rng.uniform(0.05, 0.95)
            out.append(Response(ts.replace(microsecond=0), "NPS relazionale", "generale",
                                "email", cid, rng.choice((0, 1, 2, 3, 4)), None, None, (),
                                "detrattore"))  # fmt: skip
    out.sort(key=lambda r: r.ts)
    for i, r in enumerate(out, start=1):
        r.id = f"SV-{i:06d}"
    return out


def _response(world: World, rng: random.Random, week: int, shifts: dict[str, float]) -> Response:
    ts = world.t0 + timedelta(days=7 * (week - 1) + rng.randrange(7), hours=rng.randint(8, 21),
                              minutes=rng.randrange(60), seconds=rng.randrange(60))  # fmt: skip
    touchpoint = wchoice(rng, TOUCHPOINTS)
    customer = rng.choice(world.pool) if rng.random() < 0.7 else None
    topics: tuple[str, ...] = ()
    if rng.random() < 0.6:
        weights = [3.0 if t == DRIVER_TOPIC else 1.0 for t in CATS]
        first = rng.choices(CATS, weights)[0]
        if first == DRIVER_TOPIC and rng.random() < 0.5:
            topics = (first, OVERLAP_TOPIC)
        elif rng.random() < 0.15:
            topics = (first, rng.choice([t for t in CATS if t not in (first, DRIVER_TOPIC)]))
        else:
            topics = (first,)
    group = _group(rng, _mix(topics, shifts))
    nps, csat, ces = _scores(rng, group, touchpoint)
    survey = "CSAT post-contatto" if csat is not None else "NPS relazionale"
    resp = Response(ts, survey, touchpoint, wchoice(rng, CHANNELS), customer, nps, csat, ces,
                    topics, group)  # fmt: skip
    if topics:
        resp.text = _verbatim(world, resp)
    return resp


def _verbatim(world: World, resp: Response) -> str:
    """A short comment about the response's themes, in the tone of its score."""
    w = world.writer
    sentiment = {"promotore": "pos", "passivo": "neu", "detrattore": "neg"}[resp.group]
    doc = Doc("surveys", resp.ts, resp.topics[0], sentiment, resp.channel, customer=resp.customer)
    fill = filler_for(world, doc)
    parts = []
    for topic in resp.topics:
        bank = f"{topic}.{sentiment}"
        if sentiment == "neu" and w.rng.random() < 0.5:
            bank = f"{topic}.detail"
        parts.append(w.frag(bank, fill, calm=True))
    return w.roughen(w.finish(parts, sentiment), 1, sentiment)


def survey_truth(responses: list[Response]) -> dict[str, object]:
    """The ``surveys`` block of ``ground_truth.json``."""
    with_text = [r for r in responses if r.text]
    return {
        "n_responses": len(responses),
        "n_verbatim": len(with_text),
        "driver": {
            "topic": DRIVER_TOPIC, "category": CATEGORIES[DRIVER_TOPIC][0],
            "description": "i commenti sull'assistenza clienti arrivano con punteggi molto più "
            "bassi: il tema che genera detrattori",
            "detractor_share_with_theme": round(
                sum(r.group == "detrattore" for r in with_text if DRIVER_TOPIC in r.topics)
                / max(1, sum(DRIVER_TOPIC in r.topics for r in with_text)), 4),
            "detractor_share_without_theme": round(
                sum(r.group == "detrattore" for r in with_text if DRIVER_TOPIC not in r.topics)
                / max(1, sum(DRIVER_TOPIC not in r.topics for r in with_text)), 4),
        },
        "overlap": {"topic": OVERLAP_TOPIC, "category": CATEGORIES[OVERLAP_TOPIC][0],
                    "note": "half of the comments about the driver also mention it; its own "
                    "effect is the small per-seed one of any other theme"},
        "labels": {r.id: {"topics": [CATEGORIES[t][0] for t in r.topics], "nps": r.nps,
                          "group": r.group} for r in responses},
    }  # fmt: skip

"""Term bursts among negative documents, and the distinctive keywords of a group of documents.

Why the scan is built this way (correction, history, growth floor, calendar words):
``docs/detection.md``, "Term bursts".
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass

import numpy as np

from models.detection.params import DetectionParams
from models.detection.stats import _count_dispersion, _rate_uncertainty, volume_test

__all__ = ["CALENDAR_WORDS", "TermBurst", "detect_term_bursts", "distinctive_keywords"]


@dataclass
class TermBurst:
    """Terms whose count among negative documents jumped in one week (one group of co-occurring
    terms: "lettura stimata", "stimata" and "lettura" carried by the same reviews are one burst).

    Attributes:
        week: week index.
        terms: lemmas (unigrams and bigrams), strongest first.
        docs: indices into that week's documents carrying any of the terms.
        prev_docs: indices into the previous week's documents carrying them, when the burst was
            found on the two-week window (else empty).
        volume: documents carrying the lead term in the window.
        expected: its baseline expectation.
        z, p: test of the lead term (``p`` Bonferroni-corrected over the terms tested).
    """

    week: int
    terms: list[str]
    docs: np.ndarray
    prev_docs: np.ndarray
    volume: int
    expected: float
    z: float
    p: float

    @property
    def growth(self) -> float:
        """(volume + 1) / (expected + 1)."""
        return (self.volume + 1.0) / (self.expected + 1.0)


# Calendar words burst every month by themselves ("la bolletta di ottobre" in October): never
# the content of a complaint. Checked on folded, lower-case tokens.
CALENDAR_WORDS: frozenset[str] = frozenset(
    """
    gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre
    lunedi martedi mercoledi giovedi venerdi sabato domenica oggi ieri domani settimana mese anno
    natale pasqua ferragosto capodanno
    """.split()  # noqa: SIM905 (a word list reads better as text)
)


def _calendar_term(term: str) -> bool:
    """Whether a term names a date (month, weekday, a number such as a year or an amount)."""
    import unicodedata

    for tok in term.lower().split():
        tok = "".join(c for c in unicodedata.normalize("NFD", tok) if not unicodedata.combining(c))
        if tok in CALENDAR_WORDS or any(c.isdigit() for c in tok):
            return True
    return False


def detect_term_bursts(
    week_terms: Sequence[Sequence[Collection[str]]],
    exposure: np.ndarray,
    params: DetectionParams,
) -> list[TermBurst]:
    """Find terms that burst among negative documents (SigniTrend-style, per term).

    Each week, every term carried by at least ``term_min_count`` negative documents (this week,
    or this week and the one before; ``term_min_count // 2`` of them this week) is tested like a
    series: baseline rate per scored document over ``baseline_weeks`` trailing weeks (the guard
    week skipped, weeks of the term's own earlier bursts left out; a term without a full baseline
    is not tested), negative-binomial predictive test of :func:`volume_test` with the
    over-dispersion prior and the rate's own uncertainty, p-value Bonferroni-corrected over
    every term seen in the window and held to ``term_p_threshold`` (the floored z is reported,
    not a bar), growth at least ``term_min_growth``. Bursting terms carried by mostly the same
    documents are one burst. Calendar words and numbers (:data:`CALENDAR_WORDS`) are never
    tested. Why: ``docs/detection.md``, "Term bursts".

    Args:
        week_terms: per week, per negative document, its set of terms (lemmas and bigrams, e.g.
            from :func:`models.text_it.features`).
        exposure: (T,) scored documents per week (the denominator of the rates).
        params: sensitivity (``term_*``, ``baseline_weeks``, ``guard_weeks``, ...).

    Returns:
        Bursts in week order, strongest first within a week.
    """
    exposure = np.asarray(exposure, dtype=float)
    n_weeks = len(week_terms)
    sets = [[frozenset(x for x in d if not _calendar_term(x)) for d in week] for week in week_terms]
    df: list[Counter] = [Counter(term for doc in week for term in doc) for week in sets]
    has_data = exposure > 0
    burst_weeks: dict[str, set[int]] = {}
    lookback = 3 * params.baseline_weeks
    min_now = max(1, params.term_min_count // 2)
    out: list[TermBurst] = []
    for t in range(n_weeks):
        if not has_data[t] or not df[t]:
            continue
        two = t >= 1 and bool(has_data[t - 1])
        window = df[t] + df[t - 1] if two else df[t]
        cands = [
            term
            for term, k in df[t].items()
            if k >= min_now and window[term] >= params.term_min_count
        ]
        if not cands:
            continue
        # Every term seen in the window could have burst, not only those that reached the
        # minimum: correcting over the candidates alone lets rare words burst by chance.
        n_tests = len(window)
        span = [w for w in range(t - 1 - params.guard_weeks, max(-1, t - 1 - lookback), -1)]
        span = [w for w in span if has_data[w]]
        found: list[tuple[float, float, str, int, float, bool]] = []
        for term in cands:
            skip = burst_weeks.get(term, set())
            base = [w for w in span if w not in skip][: params.baseline_weeks]
            # A word's usual frequency needs the full baseline: a few weeks of text cover too
            # little of the vocabulary, and every phrase looks new.
            if len(base) < params.baseline_weeks:
                continue
            counts = np.array([df[w][term] for w in base], dtype=float)
            e_b = exposure[base]
            rate = (counts.sum() + 0.5) / max(float(e_b.sum()), 1.0)
            mu_w = rate * e_b
            alpha = _count_dispersion(counts, mu_w, params)
            alpha += float(_rate_uncertainty(counts, mu_w, alpha))
            windows: list[tuple[tuple[int, ...], float]] = [((t,), float(df[t][term]))]
            if two:
                windows.append(((t - 1, t), float(window[term])))
            best: tuple[float, float, float, float, bool] | None = None
            for weeks, obs in windows:
                mu = rate * float(exposure[list(weeks)].sum())
                z, p = volume_test(obs, mu, alpha, params.noise_floor)
                p = min(1.0, p * n_tests)
                # No z bar (docs/detection.md): the corrected tail is the budgeted one.
                ok = (
                    p <= params.term_p_threshold
                    and (obs + 1.0) / (mu + 1.0) >= params.term_min_growth
                    and obs >= params.term_min_count
                )
                if ok and (best is None or p < best[1] or (p == best[1] and z > best[0])):
                    best = (z, p, obs, mu, len(weeks) == 2)
            if best is not None:
                z, p, obs, mu, both = best
                found.append((p, -z, term, int(obs), mu, both))
        found.sort()
        grouped: set[str] = set()
        carriers = {
            term: np.array([i for i, d in enumerate(sets[t]) if term in d])
            for *_, term, _, _, _ in found
        }
        for p, neg_z, term, obs, mu, both in found:
            burst_weeks.setdefault(term, set()).add(t)
            if term in grouped:
                continue
            lead = set(carriers[term].tolist())
            terms = [term]
            for *_, other, _, _, _ in found:
                if other in grouped or other == term:
                    continue
                mine = set(carriers[other].tolist())
                # Same documents, same burst: "stimata" adds nothing to "lettura stimata".
                if len(mine & lead) >= 0.5 * len(mine):
                    terms.append(other)
            grouped.update(terms)
            docs = sorted(set().union(*(set(carriers[x].tolist()) for x in terms)))
            prev = [i for i, d in enumerate(sets[t - 1]) if d & set(terms)] if both else []
            out.append(
                TermBurst(week=t, terms=terms, docs=np.asarray(docs, dtype=int),
                          prev_docs=np.asarray(prev, dtype=int), volume=obs, expected=mu,
                          z=-neg_z, p=p)
            )  # fmt: skip
    return out


def distinctive_keywords(texts: Sequence[str], background: Sequence[str], k: int = 5) -> list[str]:
    """Words and phrases frequent in ``texts`` and rare in ``background`` (Italian).

    Document frequency in the cluster times a smoothed log-ratio against the background, on
    lemmas (``models.text_it``), shown with their most common surface form.

    Args:
        texts: documents of the cluster.
        background: documents to contrast with (e.g. the baseline weeks).
        k: how many keywords.

    Returns:
        Up to ``k`` surface forms, most distinctive first; bigrams win over their own words.
    """
    from models.text_it import analyze

    def doc_freq(docs: Sequence[str]) -> tuple[Counter, dict[str, Counter]]:
        df: Counter = Counter()
        surf: dict[str, Counter] = {}
        for doc in docs:
            seen = set()
            for tok in analyze(doc):
                surf.setdefault(tok.lemma, Counter())[tok.surface] += 1
                seen.add(tok.lemma)
            df.update(seen)
        return df, surf

    fg, surfaces = doc_freq(texts)
    bg, _ = doc_freq(background)
    n_fg, n_bg = max(len(texts), 1), max(len(background), 1)
    scored = []
    for lemma, f in fg.items():
        if f < 2 and len(texts) > 2:
            continue
        ratio = math.log((f / n_fg + 1e-3) / (bg.get(lemma, 0) / n_bg + 1e-3))
        bonus = 1.3 if " " in lemma else 1.0
        scored.append((f / n_fg * max(ratio, 0.0) * bonus, lemma))
    scored.sort(key=lambda s: (-s[0], s[1]))
    out: list[str] = []
    used: set[str] = set()
    for score, lemma in scored:
        if score <= 0:
            break
        parts = set(lemma.split())
        if parts & used:
            continue  # "contatore intelligente" is enough; "intelligente segna" adds nothing
        out.append(surfaces[lemma].most_common(1)[0][0])
        used |= parts
        if len(out) >= k:
            break
    return out

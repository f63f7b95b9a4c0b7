"""The lexicon's fixed feature columns (:data:`FEATURE_NAMES`) computed per text."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

import numpy as np

from models.lexicon.cues import _analyse
from models.lexicon.sentences import sentence_split
from models.lexicon.words import _REQUEST_RE, _SARCASM_MARKERS, _SARCASM_RE, _fold

#: Fixed, documented feature columns returned by :func:`cue_features` (all float32).
FEATURE_NAMES: tuple[str, ...] = (
    "pos_count",  # positive cues outside any negation scope
    "neg_count",  # negative cues outside any negation scope
    "negated_pos",  # positive cues inside a negation scope ("non è buono")
    "negated_neg",  # negative cues inside a negation scope ("non è male", "nessun problema")
    "contrast_pos",  # effective positive cues after the last contrast marker (0 if none)
    "contrast_neg",  # effective negative cues after the last contrast marker (0 if none)
    "intensified_pos",  # positive cues boosted by an intensifier or a superlative
    "intensified_neg",  # negative cues boosted by an intensifier or a superlative
    "emoji_pos",  # positive emoji
    "emoji_neg",  # negative emoji (incl. eye-roll / upside-down face)
    "sarcasm_hint",  # sarcasm markers (👏🙄🙃, "grazie per avermi …") in a text with negative cues
    "exclamations",  # number of "!" characters
    "questions",  # number of "?" characters
    "caps_ratio",  # share of words of ≥5 letters written in capitals ("VERGOGNA")
    "length_bucket",  # 0: ≤3 words, 1: ≤10, 2: ≤30, 3: ≤80, 4: >80
    "n_sentences",  # number of sentences from sentence_split
    "min_sentence_polarity",  # most negative sentence polarity in [-1, 1] (0 if no cues)
    "max_sentence_polarity",  # most positive sentence polarity in [-1, 1]
    "last_sentence_polarity",  # polarity of the last sentence with a cue
    "net_polarity",  # whole-text signed sum s / (|s| + 1)
    "request_cue",  # question / request markers ("come posso", "vorrei", "potete", …)
)


def _squash(x: float) -> float:
    return x / (abs(x) + 1.0)


def _features_one(text: str) -> list[float]:
    text = text or ""
    folded = _fold(text)
    sentences = sentence_split(text)
    cues = _analyse(text, sentences)

    pos = neg = negpos = negneg = cpos = cneg = ipos = ineg = epos = eneg = 0.0
    sent_sum: dict[int, float] = {}
    total = 0.0
    last_clause = max((c.clause for c in cues), default=0)
    for c in cues:
        eff = c.effective
        # Contrast shifts weight to what follows: cues before the last "ma/però" count half.
        if c.clause < last_clause:
            eff *= 0.5
        total += eff
        sent_sum[c.sentence] = sent_sum.get(c.sentence, 0.0) + eff
        if c.emoji:
            if c.weight > 0:
                epos += 1
            else:
                eneg += 1
            continue
        if c.negated:
            if c.weight > 0:
                negpos += 1
            else:
                negneg += 1
        elif c.weight > 0:
            pos += 1
        else:
            neg += 1
        if c.intensified:
            if eff > 0:
                ipos += 1
            else:
                ineg += 1
        if c.after_contrast:
            if eff > 0:
                cpos += 1
            else:
                cneg += 1

    negative_evidence = neg + negpos + eneg > 0
    sarcasm = 0.0
    if negative_evidence and (pos > 0 or "👏" in text):
        sarcasm = float(sum(text.count(m) for m in _SARCASM_MARKERS))
        sarcasm += len(_SARCASM_RE.findall(folded))

    words = [w for w in re.findall(r"[^\W\d_]+", text)]
    n_words = len(words)
    long_words = [w for w in words if len(w) >= 5]
    caps = sum(1 for w in long_words if w.isupper()) / len(long_words) if long_words else 0.0
    bucket = (
        0
        if n_words <= 3
        else 1
        if n_words <= 10
        else 2
        if n_words <= 30
        else (3 if n_words <= 80 else 4)
    )
    pols = [_squash(v) for _, v in sorted(sent_sum.items())]
    return [
        pos,
        neg,
        negpos,
        negneg,
        cpos,
        cneg,
        ipos,
        ineg,
        epos,
        eneg,
        sarcasm,
        float(text.count("!")),
        float(text.count("?")),
        caps,
        float(bucket),
        float(len(sentences)),
        min(pols) if pols else 0.0,
        max(pols) if pols else 0.0,
        pols[-1] if pols else 0.0,
        _squash(total),
        float(len(_REQUEST_RE.findall(folded))),
    ]


def cue_features(texts: Sequence[str]) -> np.ndarray:
    """Lexicon cue features for a batch of texts.

    Args:
        texts: texts to score (``None`` or empty strings give a row of zeros, apart from
            ``n_sentences`` which is 0 too).

    Returns:
        ``float32`` array of shape ``(len(texts), len(FEATURE_NAMES))``, columns in the order of
        :data:`FEATURE_NAMES`.
    """
    out = np.zeros((len(texts), len(FEATURE_NAMES)), dtype=np.float32)
    for i, t in enumerate(texts):
        out[i] = _features_one(t if isinstance(t, str) else "")
    if not math.isfinite(float(out.sum())):  # pragma: no cover - defensive
        out = np.nan_to_num(out)
    return out

"""Negation-aware Italian polarity cues: a small hand-written lexicon and fast features.

The lexicon complements sentence embeddings where they are weakest in customer feedback:
negation ("non è male", "non funziona"), contrast ("ottimo prodotto ma assistenza pessima"),
intensity ("davvero pessimo", "gentilissima"), emoji and sarcasm hints ("grazie per avermi
lasciato senza luce 👏"). Everything here was written for the project; no third-party lexicon is
copied.

How a text is scored (why each step exists):

* Tokens are lower-cased words, punctuation runs and single emoji. Lookup tries the surface
  form, its accent-folded form (typed ``e'`` / ``perche``), a ``-issimo`` superlative base
  (``gentilissima`` → ``gentile``, which also counts as intensified) and finally the
  ``simplemma`` lemma (``rotti`` → ``rompere``), memoised because vocabularies are small.
* Multiword expressions are matched first and are atomic: ``mai più``, ``fa schifo``,
  ``niente da dire``, ``senza luce`` … carry their own polarity and are not negated again.
* A negator (``non``, ``nessuno``, ``mai``, ``né``, ``niente``, ``nulla``, ``nemmeno``,
  ``neanche``, ``neppure``, ``mica``, ``senza``, ``per niente``, ``affatto``, chat ``nn``)
  opens a scope of :data:`NEGATION_WINDOW` tokens, closed early by punctuation or a contrast
  marker; chained negators ("non ha mai dato problemi") extend it without flipping twice.
  Inside the scope positive cues count as negative and negative cues as (weaker) positive.
* Contrast markers (``ma``, ``però``, ``tuttavia``, ``peccato che``, ``eppure``, ``invece``)
  start a new clause; the cues after the *last* marker are reported separately, since the
  final judgement usually decides ("bello ma si è rotto dopo un mese").
* Sentence polarity is ``s / (|s| + 1)`` of the signed, intensified sum of a sentence's cues,
  so one furious sentence in a long review is visible in ``min_sentence_polarity``.

Public API: :data:`FEATURE_NAMES`, :func:`cue_features`, :func:`sentence_split`,
:func:`polarity_tokens` (the per-token analysis, for debugging and explanations).

The package: :mod:`.words` (the hand-written lexicon and token lookup), :mod:`.sentences`
(sentence splitting), :mod:`.cues` (per-token analysis) and :mod:`.features` (the feature
columns).
"""

from models.lexicon.cues import NEGATION_WINDOW, TokenCue, polarity_tokens
from models.lexicon.features import FEATURE_NAMES, cue_features
from models.lexicon.sentences import sentence_split

__all__ = [
    "FEATURE_NAMES",
    "NEGATION_WINDOW",
    "TokenCue",
    "cue_features",
    "polarity_tokens",
    "sentence_split",
]

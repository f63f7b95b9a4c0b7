"""Code of the seed generators in ``scripts/``; their sentences are data in ``scripts/seed_sentences/``.

:mod:`.data` reads the data files (both generators); :mod:`.text` holds the helpers of
``build_sentiment_seed.py``, and :mod:`.opinion`, :mod:`.registers` and :mod:`.judgements` its
frames.
"""

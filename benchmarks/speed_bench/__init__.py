"""The speed and memory benchmarks' measures; ``benchmarks/run.py`` runs them and prints the table.

One module a measure: ``ingest``, ``enrichment`` (with the Dask scale-out), ``weekly``,
``reruns``, ``insights`` (1 M documents), ``memory``; ``demo_inputs`` splits the demo exports they
start from, ``common`` holds the clock, the settings, timing and the ``voc`` subprocess.
"""

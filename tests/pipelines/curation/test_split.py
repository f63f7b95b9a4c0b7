"""Which documents of a split topic go to which part."""

from __future__ import annotations

import numpy as np
import pandas as pd

from pipelines.curation import SplitPart, assign_parts
from pipelines.curation.split import fold, keyword_pattern


def docs(*texts: str, topic: int = 7) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "doc_id": [f"d{i}" for i in range(len(texts))],
            "topic_id": topic,
            "text": list(texts),
            "text_hash": [f"h{i}" for i in range(len(texts))],
        }
    )


def test_keywords_match_whole_words_without_case_or_accents() -> None:
    assert fold("Perché PAGHERÒ") == "perche paghero"
    pattern = keyword_pattern(["bollett*", "doppio addebito", "app"])
    assert pattern is not None
    assert pattern.search(fold("Le BOLLETTE sono sbagliate"))
    assert pattern.search(fold("un doppio   addebito"))
    assert not pattern.search(fold("applicazione lenta"))  # "app" is a whole word only
    assert keyword_pattern(["*", " "]) is None


def test_first_matching_part_wins_and_unmatched_documents_stay() -> None:
    parts = [SplitPart("Rimborsi", ("rimbors*",), (), 100_000),
             SplitPart("Bollette", ("bollett*",), (), 100_001)]  # fmt: skip
    frame = docs("Chiedo il rimborso della bolletta", "La bolletta è doppia", "Servizio lento")
    got = assign_parts(frame, parts, {})
    assert got.to_dict("records") == [
        {"doc_id": "d0", "topic_id": 7, "part_id": 100_000},
        {"doc_id": "d1", "topic_id": 7, "part_id": 100_001},
    ]


def test_example_documents_pull_the_rest_to_the_closest_part() -> None:
    frame = docs("a", "b", "c", "d")
    vectors = {
        "h0": np.array([1.0, 0.0]),
        "h1": np.array([0.0, 1.0]),
        "h2": np.array([0.9, 0.1]),
        "h3": np.array([0.2, 0.8]),
    }
    parts = [SplitPart("Est", (), ("d0",), 100_000), SplitPart("Nord", (), ("d1",), 100_001)]
    got = assign_parts(frame, parts, vectors).set_index("doc_id")["part_id"].to_dict()
    assert got == {"d0": 100_000, "d1": 100_001, "d2": 100_000, "d3": 100_001}
    # Without an embedding a document is matched by keyword only: it stays.
    assert "d2" not in set(
        assign_parts(frame, parts, {"h0": vectors["h0"], "h1": vectors["h1"]})["doc_id"]
    )

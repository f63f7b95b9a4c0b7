"""The embedder in enrichment: one encoder pass per document, and topics refitted on first use
after the embedder changes."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from models.sentence_mean import SentenceMeanEmbedder
from pipelines import steps, store
from pipelines.config import load_settings
from pipelines.demo.generate import generate_demo
from pipelines.enrich.batch import aspect_sentences
from pipelines.steps import embed as embed_step
from pipelines.steps.setup import model_embedder
from tests.conftest import RecordingEmbedder

NOW = datetime(2026, 9, 1, 7, 0)


@pytest.fixture(scope="module")
def inbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("onepass")
    generate_demo(root / "inbox", seed=5, weeks=8, scale=0.02)
    (root / "voc.toml").write_text("[models]\ntopic_min_cluster_size = 4\n", encoding="utf-8")
    return root


def _ingested(inbox: Path, db: Path) -> object:
    settings = load_settings(inbox / "voc.toml", db=db)
    steps.init_db(settings, NOW)
    steps.ingest_file(settings, "reviews", inbox / "inbox" / "reviews.csv", now=NOW)
    return settings


def test_each_document_is_encoded_in_one_pass(
    inbox: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = _ingested(inbox, tmp_path / "voc.duckdb")
    base = RecordingEmbedder()
    one_pass = SentenceMeanEmbedder(base)
    monkeypatch.setattr(embed_step, "make_embedder", lambda *a, **k: one_pass)
    stats = steps.enrich(settings, NOW)  # type: ignore[arg-type]
    assert stats["enriched"] > 0
    con = store.connect(tmp_path / "voc.duckdb", read_only=True)
    try:
        texts = [r[0] for r in con.execute("SELECT text FROM documents").fetchall()]
        ids = {r[0] for r in con.execute("SELECT DISTINCT model_id FROM embeddings").fetchall()}
    finally:
        con.close()
    multi = [t for t in texts if len(one_pass.parts(t)) > 1 and aspect_sentences(t)]
    assert multi  # the demo has reviews with aspect sentences
    # No text is encoded twice, and no multi-sentence document is encoded whole: its aspect
    # sentences came out of the same pass as its vector.
    assert len(base.encoded) == len(set(base.encoded))
    assert not set(multi) & set(base.encoded)
    assert {s for t in multi for s in aspect_sentences(t)} <= set(base.encoded)
    assert ids == {"test/hash-trigram+sentmean"}


def test_topics_are_refitted_on_first_use_of_another_embedder(
    inbox: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = _ingested(inbox, tmp_path / "voc.duckdb")
    old, new = RecordingEmbedder("test/old-vectors"), RecordingEmbedder("test/new-vectors")
    monkeypatch.setattr(embed_step, "make_embedder", lambda *a, **k: old)
    first = steps.enrich(settings, NOW)  # type: ignore[arg-type]
    assert "topics_fit" in first
    again = steps.enrich(settings, NOW)  # type: ignore[arg-type]
    assert "topics_fit" not in again and again["enriched"] == 0
    monkeypatch.setattr(embed_step, "make_embedder", lambda *a, **k: new)
    switched = steps.enrich(settings, NOW.replace(hour=9))  # type: ignore[arg-type]
    assert "topics_fit" in switched and switched["enriched"] == first["enriched"]
    con = store.connect(tmp_path / "voc.duckdb", read_only=True)
    try:
        topics = store.active_model(con, "topics")
        stale = con.execute(
            "SELECT count(*) FROM enrichments WHERE topic_model <> ?", [topics["model_id"]]
        ).fetchall()[0][0]
    finally:
        con.close()
    assert model_embedder(topics) == "test/new-vectors"
    assert stale == 0  # every document re-scored against the refitted topics

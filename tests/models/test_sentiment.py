"""The sentiment head: features, calibrated classifier, persistence, adaptation, metrics."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from models.lexicon import FEATURE_NAMES
from models.sentiment import (
    LABELS,
    SentimentClassifier,
    build_features,
    classification_metrics,
    fit_adapted,
    predict_records,
    scores_from_proba,
    select_new_weight,
    stars_to_labels,
)

DIM = 16


def _toy(n_per_class: int = 40, seed: int = 0) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Separable toy embeddings plus real cue features of matching texts."""
    rng = np.random.default_rng(seed)
    texts = {
        "negativo": "servizio pessimo, non funziona niente",
        "neutro": "vorrei sapere gli orari della sede",
        "positivo": "operatore gentilissimo, tutto ottimo",
    }
    centres = {lab: rng.normal(size=DIM) * 2 for lab in LABELS}
    emb, y, all_texts = [], [], []
    for lab in LABELS:
        emb.append(centres[lab] + rng.normal(size=(n_per_class, DIM)))
        y += [lab] * n_per_class
        all_texts += [texts[lab]] * n_per_class
    E = np.vstack(emb).astype(np.float32)
    return build_features(E, all_texts), np.asarray(y, dtype=object), all_texts


def test_build_features_appends_the_cues() -> None:
    X = build_features(np.ones((2, DIM)), ["non è male", "pessimo!!"])
    assert X.shape == (2, DIM + len(FEATURE_NAMES))
    assert X.dtype == np.float32
    np.testing.assert_array_equal(X[:, :DIM], 1.0)
    assert X[1, DIM + FEATURE_NAMES.index("exclamations")] == 2


def test_stars_to_labels_and_scores() -> None:
    out = stars_to_labels([1, 2, 2.4, 3, 3.4, 4, 5, np.nan, None])  # type: ignore[list-item]
    assert out.tolist() == ["negativo", "negativo", "negativo", "neutro", "neutro",
                            "positivo", "positivo", "", ""]  # fmt: skip
    proba = np.array([[1.0, 0, 0], [0, 1.0, 0], [0.2, 0.3, 0.5]])
    np.testing.assert_allclose(scores_from_proba(proba), [-1.0, 0.0, 0.3])


@pytest.mark.parametrize("calibration", ["temperature", "sigmoid", "isotonic", "none"])
def test_fit_predict_proba_in_label_order(calibration: str) -> None:
    X, y, _ = _toy()
    model = SentimentClassifier(n_embedding=DIM, calibration=calibration, cv=3).fit(X, y)
    proba = model.predict_proba(X)
    assert proba.shape == (len(y), 3)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0, atol=1e-6)
    assert list(model.classes_) == list(LABELS)
    assert model.n_features_in_ == X.shape[1]
    assert (model.predict(X) == y).mean() > 0.95


def test_labels_given_in_any_order_come_back_in_label_order() -> None:
    X, y, _ = _toy()
    order = np.argsort(y)[::-1]  # positivo first
    proba = SentimentClassifier(n_embedding=DIM, cv=3).fit(X[order], y[order]).predict_proba(X)
    assert proba[:40, 0].mean() > 0.8  # first 40 rows are negativo → column 0
    assert proba[-40:, 2].mean() > 0.8


def test_temperature_keeps_the_ranking_and_fixes_confidence() -> None:
    X, y, _ = _toy()
    raw = SentimentClassifier(n_embedding=DIM, calibration="none").fit(X, y)
    cal = SentimentClassifier(n_embedding=DIM, calibration="temperature", cv=3).fit(X, y)
    assert isinstance(cal.calibrator_, float) and cal.calibrator_ > 0
    # One scalar temperature: the argmax never changes.
    np.testing.assert_array_equal(raw.predict(X), cal.predict(X))


def test_calibrate_on_uses_only_the_masked_rows() -> None:
    X, y, _ = _toy()
    rng = np.random.default_rng(3)
    # The second half of each class is noisy: a calibrator fitted there must be softer.
    noisy = np.zeros(len(y), bool)
    for k in range(3):
        noisy[k * 40 + 20 : (k + 1) * 40] = True
    X = X.copy()
    X[noisy, :DIM] = rng.normal(size=(noisy.sum(), DIM)) * 3
    base = {"n_embedding": DIM, "calibration": "temperature", "cv": 3}
    clean_t = SentimentClassifier(**base).fit(X, y, calibrate_on=~noisy).calibrator_
    noisy_t = SentimentClassifier(**base).fit(X, y, calibrate_on=noisy).calibrator_
    assert noisy_t > clean_t


def test_wrong_feature_count_and_unknown_calibration() -> None:
    X, y, _ = _toy()
    model = SentimentClassifier(n_embedding=DIM, calibration="none").fit(X, y)
    with pytest.raises(ValueError, match="another embedder"):
        model.predict_proba(X[:, 1:])
    with pytest.raises(ValueError, match="unknown calibration"):
        SentimentClassifier(n_embedding=DIM, calibration="platt", cv=2).fit(X, y)


def test_sample_weights_shift_the_decision() -> None:
    X, y, _ = _toy()
    # Relabel a slice of negatives as positive; weighting them up must flip them.
    y2 = y.copy()
    y2[:10] = "positivo"
    w = np.ones(len(y))
    plain = SentimentClassifier(n_embedding=DIM, calibration="none").fit(X, y2)
    heavy = SentimentClassifier(n_embedding=DIM, calibration="none").fit(
        X, y2, w * 1 + (np.arange(len(y)) < 10) * 50
    )
    assert (heavy.predict(X[:10]) == "positivo").sum() > (plain.predict(X[:10]) == "positivo").sum()


def test_unknown_labels_are_rejected() -> None:
    X, y, _ = _toy()
    y[0] = "positive"
    with pytest.raises(ValueError, match="unknown labels"):
        SentimentClassifier(n_embedding=DIM).fit(X, y)


def test_cue_weight_zero_ignores_cues() -> None:
    X, y, _ = _toy()
    a = SentimentClassifier(n_embedding=DIM, cue_weight=0.0, calibration="none").fit(X, y)
    X2 = X.copy()
    X2[:, DIM:] = np.random.default_rng(1).normal(size=X2[:, DIM:].shape)
    np.testing.assert_allclose(a.predict_proba(X), a.predict_proba(X2), atol=1e-9)


def test_save_load_round_trip(tmp_path: Path) -> None:
    X, y, _ = _toy()
    model = SentimentClassifier(n_embedding=DIM, cv=3).fit(X, y)
    path = tmp_path / "m.skops"
    model.save(path)
    again = SentimentClassifier.load(path)
    np.testing.assert_allclose(again.predict_proba(X), model.predict_proba(X))
    assert again.get_params() == model.get_params()


def test_load_refuses_foreign_artifacts(tmp_path: Path) -> None:
    import skops.io as sio
    from sklearn.linear_model import LogisticRegression

    X, y, _ = _toy()
    path = tmp_path / "other.skops"
    sio.dump(LogisticRegression().fit(X, y), path)
    with pytest.raises(ValueError, match="not a SentimentClassifier"):
        SentimentClassifier.load(path)


def test_predict_records_columns_and_empty_input() -> None:
    X, y, texts = _toy()
    model = SentimentClassifier(n_embedding=DIM, cv=3).fit(X, y)
    rec = predict_records(model, X[:, :DIM], texts)
    assert set(rec) == {"label", "score", "proba"}
    assert (rec["label"] == y).mean() > 0.95
    assert rec["score"].min() >= -1 and rec["score"].max() <= 1
    assert rec["score"][:40].mean() < -0.5 and rec["score"][-40:].mean() > 0.5
    empty = predict_records(model, np.zeros((0, DIM)), [])
    assert empty["proba"].shape == (0, 3) and len(empty["label"]) == 0


def test_fit_adapted_learns_the_new_domain() -> None:
    X, y, _ = _toy()
    rng = np.random.default_rng(5)
    # A new domain where positives live somewhere the seed never put anything.
    X_new, _, _ = _toy(seed=9)
    y_new = np.asarray(["negativo"] * 40 + ["neutro"] * 40 + ["positivo"] * 40, dtype=object)
    X_new[:, :DIM] += rng.normal(size=DIM) * 4
    seed_only = SentimentClassifier(n_embedding=DIM, cv=3).fit(X, y)
    params = {"n_embedding": DIM, "cv": 3, "random_state": 123}
    adapted = fit_adapted(X, y, X_new[::2], y_new[::2], params, random_state=0)
    acc_seed = (seed_only.predict(X_new[1::2]) == y_new[1::2]).mean()
    acc_adapted = (adapted.predict(X_new[1::2]) == y_new[1::2]).mean()
    assert acc_adapted > 0.9 and acc_adapted > acc_seed
    # The seed is not forgotten.
    assert (adapted.predict(X) == y).mean() > 0.9


def test_in_domain_weight_is_chosen_on_the_in_domain_rows() -> None:
    X, y, _ = _toy()
    params = {"n_embedding": DIM, "cv": 3}
    # A domain whose labels contradict the seed (same embeddings, polarity swapped): only a
    # large in-domain share can learn it, and the cross-validation on its rows must see that.
    X_new, y_new, _ = _toy(n_per_class=50)
    swap = {"negativo": "positivo", "positivo": "negativo", "neutro": "neutro"}
    y_new = np.asarray([swap[v] for v in y_new], dtype=object)
    weight, scores = select_new_weight(X, y, np.ones(len(y)), X_new, y_new, params)
    assert sorted(scores) == [0.25, 0.5, 0.75]
    assert scores[0.75] > scores[0.25]
    assert weight == pytest.approx(0.75 / 0.25 * len(y) / len(y_new))
    adapted = fit_adapted(X, y, X_new, y_new, params, new_weight="cv", random_state=0)
    assert adapted.new_weight_ == pytest.approx(weight)
    assert set(adapted.weight_selection_) == {"0.25", "0.5", "0.75"}
    # Too few in-domain rows to cross-validate, or no "cv": the fixed heuristic (≤ 3).
    few = fit_adapted(X, y, X_new[::3], y_new[::3], params, new_weight="cv", random_state=0)
    assert few.weight_selection_ == {}
    assert few.new_weight_ == pytest.approx(min(3.0, len(y) / len(y_new[::3])))
    default = fit_adapted(X, y, X_new, y_new, params, random_state=0)
    assert default.weight_selection_ == {}
    assert default.new_weight_ == pytest.approx(max(1.0, len(y) / len(y_new)))


def test_classification_metrics() -> None:
    y = np.array(["negativo", "negativo", "neutro", "positivo"], dtype=object)
    proba = np.array([[0.9, 0.05, 0.05], [0.2, 0.7, 0.1], [0.1, 0.8, 0.1], [0.1, 0.1, 0.8]])
    m = classification_metrics(y, proba)
    json.dumps(m)
    assert m["n"] == 4 and m["accuracy"] == 0.75
    assert m["confusion_matrix"]["matrix"] == [[1, 1, 0], [0, 1, 0], [0, 0, 1]]
    assert m["per_class"]["negativo"] == {"precision": 1.0, "recall": 0.5, "f1": 0.6667,
                                          "support": 2}  # fmt: skip
    assert m["macro_f1"] == pytest.approx((2 / 3 + 2 / 3 + 1) / 3, abs=1e-4)
    assert 0 <= m["ece"] <= 1 and m["log_loss"] > 0


def test_shipped_default_artifact_loads_and_matches_its_card() -> None:
    from models.registry import default_sentiment_entry, load_sentiment

    entry = default_sentiment_entry()
    model = load_sentiment(entry.artifact_path)
    assert isinstance(model, SentimentClassifier)
    assert model.n_features_in_ == model.n_embedding + len(FEATURE_NAMES)
    card = json.loads(Path(entry.artifact_path).with_suffix(".json").read_text())
    assert card["params"]["n_embedding"] == model.n_embedding
    assert 0.0 < card["metrics"]["macro_f1"] <= 1.0
    rng = np.random.default_rng(0)
    emb = rng.normal(size=(3, model.n_embedding)).astype(np.float32)
    emb /= np.linalg.norm(emb, axis=1, keepdims=True)
    proba = model.predict_proba(build_features(emb, ["ciao", "pessimo", "ottimo"]))
    np.testing.assert_allclose(proba.sum(axis=1), 1.0, atol=1e-6)


@pytest.mark.slow
def test_shipped_default_on_obvious_italian_texts() -> None:
    from models.embeddings import DEFAULT_EMBEDDER, make_embedder
    from models.registry import default_sentiment_entry, load_sentiment

    model = load_sentiment(default_sentiment_entry().artifact_path)
    texts = [
        "Servizio pessimo, mi avete lasciato senza luce per una settimana. Vergogna!",
        "Operatrice gentilissima, problema risolto in cinque minuti. Grazie!",
        "Buongiorno, vorrei sapere a che ora apre la sede di Torino.",
        "Non è male, anzi: consegna puntuale e prodotto come descritto.",
        "Prodotto bello, ma dopo due settimane si è rotto e nessuno risponde.",
    ]
    expected = ["negativo", "positivo", "neutro", "positivo", "negativo"]
    emb = make_embedder(DEFAULT_EMBEDDER).embed(texts)  # the vectors the default was fitted on
    rec = predict_records(model, emb, texts)
    assert rec["label"].tolist() == expected


def _vocabulary_domain(seed: int = 0) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """A domain whose labels live in its words, not in its (uninformative) embeddings."""
    rng = np.random.default_rng(seed)
    words = {
        "negativo": ["pacco smarrito", "rimborso bloccato", "reso rifiutato"],
        "neutro": ["codice tracciamento", "orari ritiro", "modulo reso"],
        "positivo": ["consegna anticipata", "rimborso accreditato", "reso accettato"],
    }
    texts, y = [], []
    for lab in LABELS:
        for i in range(45):
            texts.append(f"ordine {i % 7}: {words[lab][i % 3]} oggi")
            y.append(lab)
    X = build_features(rng.normal(size=(len(y), DIM)).astype(np.float32), texts)
    return X, np.asarray(y, dtype=object), texts


def test_text_head_learns_the_domain_vocabulary_and_needs_the_texts() -> None:
    X, y, texts = _vocabulary_domain()
    # Every phrase is in both parts (phrases cycle with period 3, the split with period 9).
    test = (np.arange(len(y)) // 3) % 3 == 0
    train = ~test
    tr_texts = [t for t, k in zip(texts, train, strict=True) if k]
    te_texts = [t for t, k in zip(texts, test, strict=True) if k]
    base = {"n_embedding": DIM, "cv": 3, "cue_weight": 0.0}
    plain = SentimentClassifier(**base).fit(X[train], y[train])
    model = SentimentClassifier(**base, text_weight="cv").fit(X[train], y[train], texts=tr_texts)
    assert model.needs_texts and model.text_weight_ > 0
    assert set(model.text_weight_scores_) == {"0.0", "0.2", "0.35"}
    acc_plain = (plain.predict(X[test]) == y[test]).mean()
    acc_text = (model.predict(X[test], texts=te_texts) == y[test]).mean()
    assert acc_text > 0.9 > acc_plain + 0.3
    # predict_records passes the texts; without them the model refuses rather than guess.
    rec = predict_records(model, X[test][:, :DIM], te_texts)
    assert list(rec["label"]) == list(model.predict(X[test], texts=te_texts))
    with pytest.raises(ValueError, match="text head"):
        model.predict_proba(X[test])
    with pytest.raises(ValueError, match="needs texts"):
        SentimentClassifier(**base, text_weight=0.5).fit(X[train], y[train])


def test_text_head_is_dropped_when_it_does_not_help() -> None:
    # Every text is the same: the words carry nothing, so the cross-validation keeps weight 0
    # and the fitted model scores without texts.
    X, y, _ = _toy()
    model = SentimentClassifier(n_embedding=DIM, cv=3, text_weight="cv").fit(
        X, y, texts=["testo uguale per tutti"] * len(y)
    )
    assert model.text_weight_ == 0.0 and not model.needs_texts
    model.predict_proba(X)


def test_text_head_without_a_class_keeps_the_other_heads_view_of_it(tmp_path: Path) -> None:
    # Customer labels with no neutrals (the seed has all three): the text head has no opinion
    # on "neutro", which keeps the other heads' probability.
    X_seed, y_seed, _ = _toy()
    X, y, texts = _vocabulary_domain(seed=1)
    keep = y != "neutro"
    kept = [t for t, k in zip(texts, keep, strict=True) if k]
    params = {"n_embedding": DIM, "cv": 3, "text_weight": 0.5}
    model = fit_adapted(X_seed, y_seed, X[keep], y[keep], params, texts_new=kept)
    assert list(model.text_head_.classes_) == ["negativo", "positivo"]
    z = model._fused(np.asarray(X[keep], dtype=np.float64), model.heads_)
    z_text = model._text_log_proba(model.text_head_, kept, z)
    base = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    np.testing.assert_allclose(np.exp(z_text)[:, 1], base[:, 1], rtol=1e-6)
    np.testing.assert_allclose(np.exp(z_text).sum(axis=1), 1.0, rtol=1e-6)
    # The skops artifact keeps the text head and loads with the trusted types only.
    model.save(tmp_path / "m.skops")
    loaded = SentimentClassifier.load(tmp_path / "m.skops")
    np.testing.assert_allclose(
        loaded.predict_proba(X[keep], texts=kept), model.predict_proba(X[keep], texts=kept)
    )


def test_fit_adapted_with_texts_fits_the_text_head_on_the_customer_rows_only() -> None:
    X_seed, y_seed, _ = _toy()
    X_new, y_new, texts = _vocabulary_domain(seed=2)
    params = {"n_embedding": DIM, "cv": 3, "text_weight": "cv"}
    model = fit_adapted(X_seed, y_seed, X_new, y_new, params, texts_new=texts, random_state=0)
    assert model.needs_texts
    # Only customer texts are in the text head's vocabulary (seed rows are never read).
    vocab = model.text_head_.named_steps["tfidf"].transformer_list[0][1].vocabulary_
    assert "smarrito" in vocab and "pessimo" not in vocab
    without = fit_adapted(X_seed, y_seed, X_new, y_new, params, random_state=0)
    assert not without.needs_texts
    with pytest.raises(ValueError, match="texts_new has"):
        fit_adapted(X_seed, y_seed, X_new, y_new, params, texts_new=texts[:-1])


def test_choose_offsets_moves_the_boundary_to_the_rows_class_shares() -> None:
    from models.sentiment_fusion import choose_offsets

    rng = np.random.default_rng(3)
    # Polar rows whose log-odds lean 1.0 towards positivo: only an offset of about -1 separates
    # them; the neutral rows are already told apart.
    y = np.asarray(["negativo"] * 60 + ["positivo"] * 60 + ["neutro"] * 30, dtype=object)
    margin = np.concatenate([rng.uniform(0.2, 0.9, 60), rng.uniform(1.1, 2.0, 60), np.zeros(30)])
    lp = np.column_stack([np.zeros(150), np.where(y == "neutro", 5.0, -5.0), margin])
    offsets = choose_offsets(lp, y)
    assert offsets[0] == 0.0 and -1.1 <= offsets[2] <= -0.9 and offsets[1] == 0.0
    # Already separated rows keep offset 0 (ties go to the smallest offset).
    separated = lp.copy()
    separated[y != "neutro", 2] -= 1.0
    assert choose_offsets(separated, y)[2] == 0.0
    # A class the rows lack keeps 0.
    assert choose_offsets(lp[:60], y[:60]).tolist() == [0.0, 0.0, 0.0]


def test_offsets_are_fitted_on_the_customer_rows_and_survive_save(tmp_path: Path) -> None:
    X, y, _ = _toy()
    params = {"n_embedding": DIM, "cv": 3}
    plain = fit_adapted(X, y, X[::2], y[::2], params, random_state=0)
    assert not np.any(plain.offsets_)
    model = fit_adapted(X, y, X[::2], y[::2], {**params, "offsets": True}, random_state=0)
    assert model.offsets_.shape == (3,) and model.offsets_[0] == 0.0
    model.save(tmp_path / "m.skops")
    loaded = SentimentClassifier.load(tmp_path / "m.skops")
    np.testing.assert_allclose(loaded.predict_proba(X), model.predict_proba(X))
    np.testing.assert_allclose(model.predict_proba(X).sum(axis=1), 1.0)


def test_an_artifact_saved_before_offsets_existed_still_loads_and_scores(tmp_path: Path) -> None:
    X, y, _ = _toy()
    model = SentimentClassifier(n_embedding=DIM, cv=3).fit(X, y)
    del model.offsets, model.offsets_  # what an older release saved
    model.save(tmp_path / "old.skops")
    loaded = SentimentClassifier.load(tmp_path / "old.skops")
    assert loaded.get_params()["offsets"] is False
    np.testing.assert_allclose(loaded.predict_proba(X), model.predict_proba(X))

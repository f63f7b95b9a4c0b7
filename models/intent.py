"""Churn-intent and escalation detection for Italian customer text, negation-aware.

Rules rather than a model, on purpose: churn and escalation cues are a closed, well-known
vocabulary ("disdetta", "passo a Iliad", "Codacons", "vie legali"), the cost of a missed cue is
high, and a CX manager must be able to see *why* a text was flagged — every hit is quoted in
``churn_cues`` / ``escalation_cues`` exactly as written by the customer.

Matching runs over a lower-cased, accent-folded copy of the text that keeps the original
character offsets (the folding is one character for one character), so the quoted cue is the
customer's own spelling and capitalisation can be checked ("passo a Iliad" names a brand,
"passo a ritirare" does not).

Decisions (why):

* **Negation** cancels a cue only when the negator governs it through intention words:
  "non voglio disdire", "non ho (nessuna) intenzione di cambiare operatore", "nessuna intenzione
  di recedere". Other verbs keep the cue: "non riesco a disdire" and "non mi fate disdire" *are*
  churn. A negator in another clause does not count ("se non risolvete entro venerdì, passo a
  Iliad" is churn). "ancora" blocks the cancellation ("non ho ancora inviato la disdetta" is
  still churn), "mai" + a request verb confirms it ("non ho mai chiesto la disdetta" is not).
* **A declined exit can come back**: "non voglio disdire, ma se continua così sarò costretto a
  farlo" is churn (a conditional threat after "ma"); "pensavo di disdire ma mi hanno convinto a
  restare" / "ci ho ripensato" withdraws the cue, and "la disdetta … è andata a buon fine" or
  "la disdetta non serve" is no risk to act on.
* **Cues that contain their negation** are matched as a whole: "non rinnovo", "non rinnoverò",
  "non comprerò più", "mai più con voi".
* **Explicit requests count**: "come faccio a disdire?" is churn, it asks how to leave.
* **History and arrivals are not churn**: a cue in a sentence that places it in the past
  ("l'anno scorso", "anni fa", "in passato", "a suo tempo"), or that describes switching *to*
  the company ("sono passato a voi", "la portabilità da Vodafone"), is ignored.
* **Switch cues read both ways** in reviews ("sono passata a Octopus, tutto perfetto" is an
  arrival): "cambio operatore", "passo a …" and "portabilità" count only in a sentence that the
  lexicon does not score positive (a past-tense switch only in a negative one), and not after
  "facile/semplice/ho deciso di …".
* **Authorities and consumer groups** (ARERA, AGCOM, Altroconsumo …) are escalations only with
  an action in the same sentence (segnalo, scriverò, ricorso, esposto …) and not when they are
  an information source ("portale offerte ARERA", "consigliata da Altroconsumo").
* **Escalation ambiguity**: "denuncia dei redditi", "denuncia (del) sinistro", "sede legale",
  "tutela legale" are not escalations. Hedged threats stay threats: "non vorrei essere costretto
  a rivolgermi a un avvocato" is an escalation, "non ho intenzione di fare denuncia" is not.

Known gaps: irony ("certo che disdico, come no"), third parties ("mia madre vuole disdire"),
cues split across sentences, and "recesso" used for an e-commerce return (counted as churn).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from models.lexicon import polarity_tokens

__all__ = ["COMPETITOR_BRANDS", "IntentResult", "detect_intent", "detect_intents"]


@dataclass
class IntentResult:
    """Churn and escalation flags for one text, with the cues quoted as written."""

    churn: bool
    escalation: bool
    churn_cues: list[str]
    escalation_cues: list[str]


#: Brands that make "passo a …" / "vado con …" a switch even when written in lower case.
COMPETITOR_BRANDS: tuple[str, ...] = (
    "tim", "vodafone", "windtre", "wind", "iliad", "fastweb", "kena", "tiscali", "postemobile", "coopvoce", "sky", "eolo", "linkem", "enel", "hera", "a2a",
    "edison", "iren", "sorgenia", "octopus", "plenitude", "eni", "acea", "illumia", "engie",
    "intesa", "unicredit", "fineco", "bper", "bpm", "mediolanum", "n26", "hype", "bnl",
    "revolut", "bancoposta", "generali", "unipol", "unipolsai", "allianz", "axa", "zurich",
    "genertel", "verti", "amazon", "zalando", "ebay", "italo", "trenitalia", "ryanair",
    "easyjet", "dhl", "ups", "gls", "brt", "sda",
)  # fmt: skip


def _words(spec: str) -> list[str]:
    return spec.split()


_FOLD = str.maketrans("àáâäèéêëìíîïòóôöùúûü’`´ÀÁÈÉÌÍÒÓÙÚ", "aaaaeeeeiiiioooouuuu'''aaeeiioouu")

_SWITCH_NOUN = (
    r"(?:operatore|operatori|fornitore|gestore|banca|compagnia|assicurazione|istituto|"
    r"provider|corriere|vettore|piattaforma|societa)"
)
_BRANDS_RE = "|".join(sorted((re.escape(b) for b in COMPETITOR_BRANDS), key=len, reverse=True))

# Each entry: (name, pattern). Patterns run on folded text.
_CHURN: list[tuple[str, re.Pattern[str]]] = [
    ("disdetta", re.compile(r"\bdisd(?:etta|ette|etto|etti|ire|irl[aeio]|ic\w*|ir\w*|iss\w*)\b")),
    ("recesso", re.compile(r"\b(?:recess[oi]|reced(?:ere|o|iamo|ero|eremo|ut[oa]|erei))\b")),
    (
        "cambio",
        re.compile(
            rf"\bcambi\w*\s+(?:(?:di|il|la|lo|l'|mio|mia|subito|sicuramente)\s*){{0,2}}"
            rf"{_SWITCH_NOUN}\b"
        ),
    ),
    (
        "portabilita",
        re.compile(
            r"\bportabilita\b|\bport(?:are|o|ero|eremo|iamo|ato)\s+(?:via\s+)?(?:il\s+)?"
            r"(?:mio\s+|nostro\s+)?numer[oi]\b|\bcodice\s+(?:di\s+)?migrazione\b"
        ),
    ),
    (
        "passo_a",
        re.compile(
            r"\b(?:passo|passero|passiamo|passeremo|passare|passerei|sono passat[oa]|siamo "
            r"passati|migro|migrero|migrare|migriamo|(?P<go>vado|andro|andiamo|andremo))\s+"
            r"(?:a|ad|al|alla|allo|con|in|su|verso|da)\s+(?P<target>[\w'&.-]+(?:\s+[\w'.-]+)?)"
        ),
    ),
    (
        "me_ne_vado",
        re.compile(
            r"\b(?:(?:me|ce)\s+ne\s+(?:vado|andiamo|andro|andremo|sto andando)|andarmene|"
            r"andarcene|(?:vado|andro|andiamo)\s+via\s+da\s+voi)\b(?!\s+(?:in\s+"
            r"vacanza|in\s+ferie|a\s+casa|a\s+letto|a\s+dormire|al\s+mare|a\s+lavor\w*|fuori))"
        ),
    ),
    (
        "chiusura",
        re.compile(
            r"\b(?:chiud\w*|estingu\w*)\s+(?:(?:il|la|l'|mio|mia|subito|definitivamente|"
            r"questo|questa)\s*){0,3}(?:conto|rapporto|contratto|abbonamento|carta|polizza|"
            r"account|utenza|linea)\b|\b(?:chiusura|estinzione|cessazione)\s+(?:del|dell'|della"
            r"|di)\s*(?:mio\s+|mia\s+)?(?:conto|rapporto|contratto|abbonamento|polizza|account|"
            r"utenza|linea|fornitura)\b"
        ),
    ),
    (
        "non_rinnovo",
        re.compile(
            r"\bnon\s+(?:(?:la|lo|li|le|vi|gli|piu|intendo|voglio|ho intenzione di|penso di|"
            r"vorrei|devo)\s+)*rinnov(?:o|ero|eremo|iamo|are|erei|ate)\b"
        ),
    ),
    (
        "cancellazione",
        re.compile(
            r"\b(?:cancell\w*|disattiv\w*|cess\w*)\s+(?:(?:il|la|l'|mio|mia|questo|questa|"
            r"tutto)\s*){0,2}(?:abbonamento|account|iscrizione|contratto|profilo|polizza|"
            r"utenza|linea|fornitura|conto)\b"
        ),
    ),
    ("addio", re.compile(r"\baddio\b(?!\s+al\s+(?:nubilato|celibato))")),
    (
        "vi_lascio",
        re.compile(
            r"\bvi\s+(?:lascio|lascero|lasciamo|lasceremo)\b(?!\s+(?:il|i|la|le|un|una|mio|mia|"
            r"miei|mie|questo|questa|recapit|numer|contatt|mail|e-?mail|cellular|telefon|"
            r"riferiment|in pace|volentieri|una recensione|\d))|\blasc(?:io|ero|iamo|eremo|"
            r"iare)\s+(?:voi|(?:questa|questo)\s+(?!(?:recension|valutazion|comment|opinion|"
            r"feedback|messaggi|post|nota|stell|voto|testimonianz|segnalazion)\w*)\w+)\b"
        ),
    ),
    (
        "mai_piu",
        re.compile(
            r"\bmai\s+piu\s+(?:con|da)\s+(?:voi|\w+)|\bmai\s+piu\s+(?:compr|acquist|ordin|"
            r"prenot|viaggi|vol|client)\w*|\bnon\s+(?:(?:vi|ci|lo|la|li)\s+)?(?:compr|acquist|"
            r"ordin|prenot|viaggi)\w*\s+(?:mai\s+)?piu\b|\bnon\s+sar(?:o|emo)\s+piu\s+"
            r"(?:vostr\w+\s+)?client\w*"
        ),
    ),
    (
        "cerco_altro",
        re.compile(
            rf"\b(?:cerc|valut|guard|confront)\w*\s+(?:gia\s+|ora\s+)?(?:un'?\s*altr[oa]\s+"
            rf"{_SWITCH_NOUN}|altri\s+{_SWITCH_NOUN}|(?:delle\s+|le\s+)?alternative|"
            rf"la\s+concorrenza)|\bvalut\w*\s+di\s+(?:andarmene|cambiare|passare)"
        ),
    ),
    (
        "trasferimento",
        re.compile(
            r"\btrasfer\w*\s+(?:il\s+)?(?:mio\s+)?(?:conto|mutuo|titoli|portafoglio)\s+"
            r"(?:ad?|in|presso|verso)\s+(?:un'?\s*)?altr"
        ),
    ),
]
# Cues whose own text carries the negation, so a preceding negator must not cancel them.
_SELF_NEGATED = frozenset({"non_rinnovo", "mai_piu"})

_ESCALATION: list[tuple[str, re.Pattern[str]]] = [
    ("avvocato", re.compile(r"\bavvocat[oaie]\b")),
    (
        "legale",
        re.compile(
            r"\b(?:vie|azione|azioni|ufficio|studio|consulente|consulenza|causa|procedura)\s+"
            r"legal[ei]\b|\b(?:un|al|il mio|mio|dal mio|del mio|nostro|al nostro|dal nostro|"
            r"dal)\s+legale\b|\blegalmente\b"
        ),
    ),
    (
        "reclamo_formale",
        re.compile(
            r"\breclam[oi]\s+(?:formal[ei]|ufficial[ei]|scritt[oi]|tramite pec|via pec|con "
            r"raccomandata|per iscritto)\b|\bformale\s+reclamo\b|\braccomandata\s+(?:a\.?\s?r"
            r"|con ricevuta)"
        ),
    ),
    (
        "associazione_consumatori",
        re.compile(
            r"\b(?:codacons|altroconsumo|adiconsum|federconsumatori|adoc|cittadinanzattiva|"
            r"unione nazionale consumatori|movimento consumatori|assoutenti|"
            r"associazion\w*\s+(?:dei\s+|di\s+tutela\s+dei\s+|a\s+tutela\s+dei\s+|per\s+i\s+)?"
            r"consumatori)\b"
        ),
    ),
    (
        "autorita",
        re.compile(
            r"\b(?:agcom|corecom|arera|ivass|agcm|antitrust|consob|enac|conciliaweb|"
            r"banca\s+d'\s?italia|bankitalia|abf|arbitro\s+bancario(?:\s+finanziario)?|"
            r"arbitro\s+per\s+le\s+controversie\s+finanziarie|garante\s+(?:della\s+|per\s+la\s+"
            r"protezione\s+dei\s+dati|privacy)\w*|sportello\s+(?:del|per\s+il)\s+consumatore|"
            r"autorita\s+(?:competenti|garante|di\s+regolazione))\b"
        ),
    ),
    (
        "denuncia",
        re.compile(
            r"\b(?:denunc\w*|querel\w*)\b(?!\s+(?:(?:dei|del|di|il|un|una|per|al|la)\s+)?"
            r"(?:redditi|sinistr\w*|smarrimento|furto|nascita|infortuni\w*|successione|"
            r"dichiarazione|truffa\s+telefonica|tentativ\w*))|"
            # "ho esposto il problema" (explained) is not "un esposto" (a formal complaint).
            r"\b(?:un|l'|fare|faro|faremo|presentato|presentero|sporgere|sporto|formale)\s*"
            r"espost[oi]\b"
        ),
    ),
    # "diffidente"/"diffidenza" (wary) are not legal notices.
    ("diffida", re.compile(r"\bdiffid(?:a|e|o|iamo|are|ato|ata|ero|eremo|ata)\b")),
    ("conciliazione", re.compile(r"\bconciliazion[ei]\b|\bconciliativ\w*\b")),
    ("class_action", re.compile(r"\bclass\s*-?action\b|\bazione\s+(?:collettiva|di\s+classe)\b")),
    (
        "tribunale",
        re.compile(
            r"\bgiudice\s+di\s+pace\b|\btribunal[ei]\b|\b(?:fare|far|faro|faremo|faccio)\s+"
            r"causa\b|\bcit(?:o|ero|arvi|eremo)\s+in\s+giudizio\b|\bvie\s+giudiziarie\b"
        ),
    ),
    ("media", re.compile(r"\bstriscia\s+la\s+notizia\b|\bmi\s+manda\s+rai\s?3\b|\ble\s+iene\b")),
]
# Authorities and consumer groups are escalations only when the customer acts on them.
_NEEDS_ACTION = frozenset({"associazione_consumatori", "autorita"})
_ACTION_RE = re.compile(
    r"\b(?:segnal\w*|scriv\w*|scritto|rivolg\w*|rivolt[oa]|ricors\w*|espost\w*|reclam\w*|"
    r"denunc\w*|contatt\w*|present\w*|inoltr\w*|invi\w*|coinvolg\w*|interpell\w*|chiam\w*|"
    r"avvis\w*|porter\w*|portare|andr\w*|conciliazion\w*|diffid\w*|ricorrer\w*|appell\w*|"
    r"avvier\w*|istanza|segnalazion\w*)\b"
)
# …and not when they are only a source of information ("il portale offerte di ARERA",
# "consigliata da Altroconsumo", "gruppo d'acquisto").
_INFO_SOURCE_RE = re.compile(
    r"\b(?:portale|sito|comparator\w*|consigliat\w*|campagna|gruppo\s+d'acquisto|soci[oa]|"
    r"iniziativa|bando|offerte|tramite)\b"
)
_ESC_EXCLUDE = re.compile(
    r"\b(?:sede|rappresentante|ora|valore|tutela|domicilio|residenza|numero)\s+legale\b|"
    r"\blegale\s+rappresentante\b"
)

_NEGATORS = frozenset({"non", "nn", "nessuna", "nessun", "nessuno", "mai", "senza", "neanche",
                       "nemmeno", "neppure", "mica"})  # fmt: skip
# Words allowed between a negator and the cue for the negation to reach it.
_TRANSPARENT = frozenset(
    _words(
        """voglio vogliamo volevo volevamo intendo intendiamo penso pensiamo pensavo pensato
    ho abbiamo avevo avevamo ha hanno intenzione intenzionato intenzionata di a ad al alla
    all' allo il la lo l' le i gli un una un' mio mia nostro nostra miei mie affatto minimamente
    proprio assolutamente per niente alcuna alcun mi ci è e sono siamo stato stata mai voglia
    desidero desideriamo desideravo previsto programma in sogno sognerei sognato sogno
    interessato interessata pensando sto stiamo considerando valutando bisogno motivo ora
    adesso momento dover devo dobbiamo fare ricorrere rivolgermi rivolgerci arrivare arrivarci
    passare coinvolgere chiamare contattare sporgere presentare andare procedere minacciando
    minacciare minaccio minacciato minacciamo parlando parlare scrivendo"""
    )
)
_REQUEST_VERBS = frozenset(
    _words("chiesto richiesto fatto firmato inviato mandato spedito sottoscritto")
)
# "non vorrei (dover|essere costretto a) …" is a hedged threat, not a negation.
_HEDGE_RE = re.compile(
    r"\bnon\s+(?:vorrei|vorremmo|voglio|vogliamo)\s+(?:dover|essere\s+costrett\w+|arrivare\s+a"
    r"\s+dover|trovarmi\s+costrett\w+)\b"
)
_CLAUSE_BREAK_RE = re.compile(r"[.!?;:\n]|,|\b(?:ma|pero|tuttavia|quindi|altrimenti|oppure)\b")
_HISTORY_RE = re.compile(
    r"\b(?:l'anno\s+(?:scorso|passato|prima)|anni\s+fa|qualche\s+anno\s+fa|tempo\s+fa|"
    r"in\s+passato|a\s+suo\s+tempo|nel\s+20\d\d|l'altra\s+volta|la\s+volta\s+scorsa|"
    r"con\s+il\s+(?:mio\s+)?vecchio|dal\s+(?:mio\s+)?vecchio|precedente\s+(?:operatore|"
    r"fornitore|gestore|banca|compagnia))\b"
)
_INTENT_NOW_RE = re.compile(
    r"\b(?:voglio|vorrei|intendo|faro|disdiro|passero|ora|adesso|di\s+nuovo|ancora|"
    r"stavolta|questa\s+volta|come\s+(?:faccio|posso|si))\b"
)
_ARRIVAL_RE = re.compile(
    r"\b(?:passat|arrivat|venut|tornat)\w*\s+(?:\S+\s+){0,4}?(?:a|da|con|in)\s+voi\b|\bportabilita\s+(?:\S+\s+){0,2}(?:da|in\s+entrata)\b|"
    r"\bnuov[oa]\s+client[ei]\b|\bbenvenut[oi]\b|"
    r"\bportabilita\s+(?:e\s+)?(?:stata\s+)?(?:andata|riuscita|completata|avvenuta)\b"
)
# A noun cue negated *after* it: "la disdetta non la faccio", "il recesso per ora non lo
# chiedo", "la portabilità non l'ho mai chiesta". Only the clause right after the cue counts.
_POST_NEGATION_RE = re.compile(
    r"^\s*(?:(?:per\s+ora|per\s+adesso|comunque|pero|io|la|lo|l')\s*){0,3}"
    r"(?:non|nn|mica)\s+(?:(?:la|lo|li|le|l'|ne|ho|l'ho|la\s+ho|mai|ci|vi|io)\s*){0,3}"
    r"(?:faccio|faro|facciamo|mando|mandero|invio|inviero|chiedo|chiedero|presento|firmo|voglio|"
    r"vogliamo|fatta|fatto|mandata|inviata|chiesta|chiesto|richiesta|penso|considero|"
    r"prendo\s+in\s+considerazione|e\s+(?:un'?\s*)?opzione|serve|servira|e\s+necessaria|"
    r"e\s+necessario)\b"
)
# "la disdetta ... è andata a buon fine": an exit already completed, not a risk to act on.
_DONE_AFTER_RE = re.compile(
    r"^[^.!?\n]{0,50}?\b(?:e|e'|e\s+stata|e\s+stato)\s+(?:andat[oa]\s+a\s+buon\s+fine|"
    r"completat[oa]|conclus[oa]|confermat[oa]|accettat[oa])\b"
)
# A declined exit that comes back as a conditional threat: "non voglio disdire, ma se continua
# così sarò costretto a farlo".
_REVIVED_RE = re.compile(
    r"\bma\b[^.!?\n]{0,80}?\b(?:sar[oa]\s+costrett[oa]|saremo\s+costretti|dovro\s+farlo|"
    r"lo\s+faro|mi\s+toccher[aa]|non\s+avro\s+(?:altra\s+)?scelta|a\s+farlo)\b"
)
# A cue withdrawn later in the sentence: "pensavo di disdire ma mi hanno convinto a restare".
_WITHDRAWN_RE = re.compile(
    r"\bma\b[^.!?\n]{0,80}?\b(?:convint[oa]\s+a\s+(?:restare|rimanere)|(?:ho|abbiamo)\s+"
    r"deciso\s+di\s+(?:restare|rimanere)|alla\s+fine\s+(?:resto|rimango|sono\s+rimast[oa])|"
    r"(?:resto|rimango)\s+con\s+voi|ci\s+ho\s+ripensato|ho\s+cambiato\s+idea)\b"
)
# A noun cue after "dopo il/la", "a seguito del/della", "in seguito al": the customer has
# already left ("dopo il recesso mi dovete 447 €"): a refund case, not a churn risk.
_DONE_BEFORE_RE = re.compile(
    r"\b(?:dopo|a\s+seguito|in\s+seguito|successivamente)\s*(?:a|al|alla|all'|del|della|dell'|"
    r"il|la|l'|lo)?\s*(?:mi[ao]\s+)?$"
)
_NOUN_CUES = frozenset({"disdetta", "recesso", "portabilita", "cancellazione", "chiusura"})
_SENT_RE = re.compile(r"[^.!?\n]+[.!?\n]*")
_WORD_RE = re.compile(r"[\w']+")
_SWITCH_TARGET_RE = re.compile(
    rf"^(?:un'?\s*altr\w*(?:\s+{_SWITCH_NOUN})?|altr[oaie]\s+{_SWITCH_NOUN}|la\s+concorrenza"
    rf"|concorrenz\w*|(?:{_BRANDS_RE})\b)"
)
_NOT_SWITCH_TARGET = frozenset({"voi", "vostro", "vostra", "vostri", "casa", "me", "te"})


def _fold(text: str) -> str:
    """Lower-case and strip accents one character for one character (offsets are kept)."""
    low = text.lower()
    if len(low) != len(text):  # pragma: no cover - exotic casing (e.g. "İ") changes length
        low = "".join(c.lower()[:1] or c for c in text)
    return low.translate(_FOLD)


def _clause_before(folded: str, start: int) -> str:
    """Text of the clause that ends at ``start`` (after the last clause break)."""
    head = folded[:start]
    cut = 0
    for m in _CLAUSE_BREAK_RE.finditer(head):
        cut = m.end()
    return head[cut:]


def _negated(folded: str, start: int) -> bool:
    """Whether a negator in the same clause governs the cue starting at ``start``."""
    clause = _clause_before(folded, start)
    if _HEDGE_RE.search(clause):
        return False
    words = _WORD_RE.findall(clause)
    # Split elisions ("un'altra", "l'intenzione") so that articles stay transparent.
    toks: list[str] = []
    for w in words:
        if "'" in w[:-1]:
            a, _, b = w.partition("'")
            toks.extend([a + "'", b])
        else:
            toks.append(w)
    toks = toks[-8:]
    neg_at = max((i for i, t in enumerate(toks) if t in _NEGATORS), default=-1)
    if neg_at < 0:
        return False
    between = toks[neg_at + 1 :]
    if "ancora" in between:
        return False
    has_mai = "mai" in toks[neg_at:]
    for t in between:
        if t in _TRANSPARENT or t in _NEGATORS:
            continue
        if has_mai and t in _REQUEST_VERBS:
            continue
        return False
    return True


def _sentence_spans(folded: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _SENT_RE.finditer(folded)]


def _sentence_of(spans: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    for a, b in spans:
        if a <= pos < b:
            return a, b
    return 0, 0


# Switch cues that also describe *arriving* at the reviewed company ("sono passata a Octopus,
# tutto perfetto", "è stato facile cambiare fornitore"): they count only in a sentence that is
# not positive (past tense: only in a negative one). The polarity comes from the lexicon.
_SWITCH_CUES = frozenset({"cambio", "passo_a", "portabilita"})
_PAST_SWITCH_RE = re.compile(r"^(?:sono|siamo)\s+passat|^(?:ho|abbiamo)\s+cambiat|^cambiat")
_ARRIVAL_LEAD_RE = re.compile(
    r"\b(?:facile|facilissimo|semplice|semplicissimo|veloce|comodo|rapido|decis[oa]|"
    r"scelto|convint[oa]|consigliat[oa]|felice\s+di|contento\s+di|contenta\s+di)\b"
)


def _reads_as_arrival(sentence_text: str, head: str, cue: str) -> bool:
    """Whether a switch cue describes joining rather than leaving (see ``_SWITCH_CUES``)."""
    if _ARRIVAL_LEAD_RE.search(head):  # "è stato facile passare a …", "mi sono deciso a …"
        return True
    net = sum(c.effective for c in polarity_tokens(sentence_text))
    if _PAST_SWITCH_RE.match(cue):
        return net >= 0
    return net > 0


def _switch_end(
    text: str, folded: str, m: re.Match[str], own_brands: frozenset[str] = frozenset()
) -> int:
    """End offset of a real switch cue ("passo a Iliad"), or -1 when the target is no rival."""
    start = m.start("target")
    target = m.group("target")
    first = target.split()[0].rstrip("'.-")
    if first in _NOT_SWITCH_TARGET or first in own_brands:
        return -1
    known = _SWITCH_TARGET_RE.match(target)
    if known:
        return start + len(known.group(0).rstrip("'.-"))
    if m.group("go") or folded[start - 3 : start] == "da ":
        # "vado a Roma", "passo da Unieuro" are trips, not switches: they need a known brand.
        return -1
    # A capitalised name: "passo a Iliad", "migro a Octopus".
    return start + len(first) if text[start : start + 1].isupper() else -1


def _brand_set(own_brands: Sequence[str]) -> frozenset[str]:
    """First words of the company's own names, folded like the text ("MyLumenia" → "mylumenia")."""
    return frozenset(_fold(b).split()[0] for b in own_brands if b and b.strip())


def detect_intent(text: str, own_brands: Sequence[str] = ()) -> IntentResult:
    """Detect churn intent and escalation threats in one Italian text.

    Args:
        text: raw customer text (any length; ``None``-like empty input gives no flags).
        own_brands: names of the company whose feedback this is (``company_names`` in
            ``voc.toml``). "Sono passata a Lumenia" in Lumenia's own reviews is an arrival, and
            "chi pensa di passare a Lumenia" a warning to others: neither is churn.

    Returns:
        :class:`IntentResult` with the flags and the matched cues, quoted from ``text`` in order
        of appearance and without duplicates.
    """
    return _detect(text, _brand_set(own_brands))


def _detect(text: str, brands: frozenset[str]) -> IntentResult:
    """:func:`detect_intent` with the own brands already folded."""
    if not text:
        return IntentResult(False, False, [], [])
    folded = _fold(text)
    spans = _sentence_spans(folded)

    churn_cues: list[tuple[int, str]] = []
    for name, pat in _CHURN:
        for m in pat.finditer(folded):
            end = m.end()
            if name == "passo_a":
                end = _switch_end(text, folded, m, brands)
                if end < 0:
                    continue
            a, b = _sentence_of(spans, m.start())
            rest = folded[m.end() : b]
            negated = name not in _SELF_NEGATED and _negated(folded, m.start())
            if negated and not _REVIVED_RE.search(rest):
                continue
            if _WITHDRAWN_RE.search(rest):
                continue
            if name in _NOUN_CUES:
                if _DONE_BEFORE_RE.search(folded[max(0, m.start() - 30) : m.start()]):
                    continue
                if _DONE_AFTER_RE.match(folded[m.end() : m.end() + 90]):
                    continue
                post = _POST_NEGATION_RE.match(folded[m.end() : m.end() + 80])
                # "non la mando ancora" is "not yet": still a threat.
                if post and not re.match(r"\s+ancora\b", folded[m.end() + post.end() :]):
                    continue
            sentence = folded[a:b]
            if _ARRIVAL_RE.search(sentence):
                continue
            if _HISTORY_RE.search(sentence) and not _INTENT_NOW_RE.search(sentence):
                continue
            if name in _SWITCH_CUES and _reads_as_arrival(
                text[a:b], folded[a : m.start()], m.group(0)
            ):
                continue
            churn_cues.append((m.start(), text[m.start() : end]))

    esc_cues: list[tuple[int, str]] = []
    excluded = [(m.start(), m.end()) for m in _ESC_EXCLUDE.finditer(folded)]
    for name, pat in _ESCALATION:
        for m in pat.finditer(folded):
            if any(a <= m.start() < b for a, b in excluded):
                continue
            if name in _NEEDS_ACTION:
                a, b = _sentence_of(spans, m.start())
                sent = folded[a:b]
                if len(folded.split()) > 3 and (
                    not _ACTION_RE.search(sent) or _INFO_SOURCE_RE.search(sent)
                ):
                    continue
            if _negated(folded, m.start()):
                continue
            esc_cues.append((m.start(), text[m.start() : m.end()]))

    def ordered(cues: list[tuple[int, str]]) -> list[str]:
        seen: set[str] = set()
        out = []
        for _, c in sorted(cues):
            c = c.strip(" \t\n.,;:!?")
            if c.lower() not in seen:
                seen.add(c.lower())
                out.append(c)
        return out

    cc, ec = ordered(churn_cues), ordered(esc_cues)
    return IntentResult(bool(cc), bool(ec), cc, ec)


def detect_intents(texts: Sequence[str], own_brands: Sequence[str] = ()) -> list[IntentResult]:
    """:func:`detect_intent` over many texts (same order as ``texts``)."""
    brands = _brand_set(own_brands)  # once, not per text
    return [_detect(t if isinstance(t, str) else "", brands) for t in texts]

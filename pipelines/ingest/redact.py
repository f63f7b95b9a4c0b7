"""Rule-based PII redaction for Italian customer texts.

Each detected item is replaced by a typed placeholder: ``[EMAIL]``, ``[TELEFONO]``, ``[IBAN]``,
``[CODICE_FISCALE]``, ``[PARTITA_IVA]``, ``[CARTA]``, ``[INDIRIZZO]``, ``[NOME]``.

Design notes:

* Numbers are checked before they are replaced: cards must pass Luhn, foreign IBANs mod-97,
  phone numbers must have a plausible Italian shape and are skipped right after words such as
  "ordine" or "fattura" (order numbers are not personal data and are useful for analysis).
* Names are found with context rules (self-introductions, greetings, signatures, honorifics)
  plus a list of common Italian first names. First names that are also ordinary words
  ("Felice", "Rosa", "Massimo", "Luce") are only redacted in a clear naming context.
* Nothing in this module logs: inputs are personal data by definition.

The module is pure regex/set lookups (~10k short texts/s on one core).
"""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = ["PLACEHOLDERS", "redact", "redact_value"]

PLACEHOLDERS: tuple[str, ...] = (
    "EMAIL",
    "IBAN",
    "CARTA",
    "CODICE_FISCALE",
    "PARTITA_IVA",
    "TELEFONO",
    "INDIRIZZO",
    "NOME",
)

# --------------------------------------------------------------------------- name lexicon


def _words(text: str) -> frozenset[str]:
    """Whitespace-separated word list -> set (keeps the lexicons below readable)."""
    return frozenset(text.split())


# Common Italian first names (plus a few frequent foreign ones), lower-case.
_FIRST_NAMES_TEXT = """
alessandro andrea antonio francesco giuseppe giovanni luca marco matteo lorenzo leonardo davide
simone federico riccardo gabriele tommaso edoardo mattia pietro nicola stefano paolo roberto
fabio daniele alberto claudio maurizio giorgio enrico emanuele michele salvatore vincenzo
domenico raffaele gennaro ciro pasquale rocco cosimo mario luigi carlo sergio renato gianni
giancarlo gianluca gianluigi gianfranco giampaolo gianpaolo pierluigi piero pierpaolo dario
diego alessio manuel samuele christian cristian filippo jacopo giacomo valerio vittorio umberto
ugo aldo alfredo arturo attilio adriano bernardo biagio camillo cesare corrado dino elia elio
emilio enzo ermanno ernesto ettore eugenio fernando flavio gabriel gaetano giordano giulio
graziano guido ivan ivo lamberto leo livio loris luciano lucio marcello mariano mauro mirko
michelangelo nando nazzareno nello nino orazio ottavio patrizio raimondo renzo rino rodolfo
ruggero sandro sebastiano silvano silvio tiziano tullio walter valter alex kevin thomas denis
massimiliano nicolo niccolo gioele ludovico enea achille giuliano ignazio calogero gaspare
saverio carmelo agostino amedeo beniamino damiano egidio fabrizio fulvio gerardo gino mirco
omar paride raul rolando romeo teodoro tobia vinicio virgilio luigino marcello ottaviano
giancarla gianmarco gianmaria pierfrancesco giandomenico antonino gioacchino girolamo
giulia sofia emma giorgia beatrice greta martina anna francesca elisa federica silvia laura
paola roberta monica cristina barbara daniela alessandra simona stefania patrizia antonella
manuela michela lucia teresa rita angela giovanna caterina irene eleonora elisabetta erika
jessica veronica debora deborah sabrina tiziana claudia marisa loredana cinzia nadia gabriella
giuliana noemi rebecca nicole matilde camilla ludovica arianna valentina maria marta carla
carlotta elena ilaria luisa lisa adele agnese alessia amalia annalisa antonietta bruna
carmela carolina cecilia clara concetta denise donatella elvira emanuela enrica eva fabiana
fabiola filomena fiorella flavia gianna gina graziella ida ines iolanda irma isabella jole
lara liliana livia lorena lorella luana luciana lucrezia mara mariangela marilena melissa
milena mirella miriam nicoletta nives ornella palmira pamela pina raffaella rachele renata
rossana rossella sabina samantha sandra santina silvana sonia susanna tamara tatiana tina
ursula vanessa virginia wanda ylenia ilenia zoe giada licia alida annamaria mariagrazia
mariarosa marialuisa giusy katia ketty roberta sveva viviana vincenza carmen erica elisabeth
natascia nadia lidia fernanda giuseppina ada lea olga
massimo franco bruno angelo sara chiara rosa bianca viola aurora alice vittoria marina serena
stella gaia
felice fortunato celeste pia clemente santo fedele speranza gioia grazia gloria luce luna sole
alba mia asia costanza letizia assunta benedetta benedetto primo italo romano carmine remo lino
pino rosario moreno morena fausto armando oscar norma gemma margherita franca ginevra angelica
marino valentino linda giusto modesto onesto innocente prospero sereno costante massima diana
vasco orlando leone vera
gigi beppe peppe peppino pippo tony toni totò tonino mimmo lele lello nanni betta lella titti
fede ale robi robby jenny johnny tommy manu dani simo fabri vale fra max ste teo
addolorata agata agatina ahmed aisha alexandru ali alina ambra amina amir ana anastasia andreea
andrei annunziata augusto aurelia aurelio azzurra bartolomeo basilio battista benito berardino
callisto calogera carletto carlos carmelina chen cindy cirino cosma costantino cristiana
cristoforo daniel dante david demetrio dmitri ekaterina elettra emiliano ennio eraldo ermes ezio
fatima federigo ferruccio fiamma filiberto filippa fiorenzo folco francis gaetana gastone gavino
george gerlando germano giacinto giambattista gianbattista gildo giosuè giuseppa gregorio
guglielmo hassan hui ilario immacolata ioana ion irina james jennifer john jose joyce juan jun
karim khadija lazzaro leandro leopoldo li liborio lucano lucilla luis marcantonio mariachiara
mariafrancesca marianna mariapia mariateresa mariella marilù mark marzio menotti michael
michelino michelle miguel mihai ming mohamed mohammed natale natalia nazario nereo nevio
nicodemo nina noè nunzia nunzio oana oksana olena orietta osvaldo ottavia ottone pancrazio
paolino paul pedro pellegrino peter piera pierina pietra pompeo quirino raffaello remigio rina
robert romolo rosalba rosanna rosaria rosetta rosolino sabatino salvo samuel santino sebastiana
secondo selene serafino sergei severino sharon sibilla simonetta sisto stanislao taddeo tancredi
tazio tea teodora tetiana tiberio timoteo tito ubaldo ughetta ulisse valeria vanda vasile
venanzio violetta vitale vito vladimir wei william xin yan youssef yulia zaira zelda zeno
"""
FIRST_NAMES: frozenset[str] = _words(_FIRST_NAMES_TEXT)

# The most common Italian surnames, lower-case. Only used next to a first name already found
# ("sono mario rossi") and inside social handles ("@marco_rossi85"): many are words too.
SURNAMES: frozenset[str] = _words(
    """
    rossi russo ferrari esposito bianchi romano colombo ricci marino greco bruno gallo conti
    mancini costa giordano rizzo lombardi moretti barbieri fontana santoro mariani
    rinaldi caruso ferrara galli martini leone longo gentile martinelli vitale lombardo serra
    coppola d'angelo marchetti parisi villa conte ferraro ferri fabbri bianco marini
    grasso valentini messina sala gatti pellegrini palumbo sanna farina rizzi monti
    cattaneo morelli amato silvestri mazza testa grassi pellegrino carbone giuliani benedetti
    barone rossetti caputo montanari guerra palmieri bernardi martino fiore ferretti
    bellini basile riva donati piras vitali battaglia sartori neri costantini milani pagano
    ruggiero sorrentino d'amico orlando damico negri verdi bonetti ferraris bassi cirillo
    esposti gualtieri mele lupo pace pastore pozzi ricciardi fumagalli brambilla colonna
    """
)
# Names that are ordinary words too, and English names (in Italian text more often a brand or a
# title: "Peter Pan", "Paul Smith"): redact only in a naming context (greeting, signature,
# "mi chiamo", honorific), never just because the word is capitalised.
_AMBIGUOUS_NAMES: frozenset[str] = _words(
    """
    felice fortunato celeste pia clemente santo fedele speranza gioia grazia gloria luce luna sole
    alba mia asia costanza letizia assunta benedetta benedetto primo italo romano carmine remo
    lino pino rosario moreno morena fausto armando oscar norma gemma margherita franca ginevra
    angelica marino valentino linda giusto modesto onesto innocente prospero sereno costante
    massima diana vasco orlando leone vera rosa bianca viola stella
    vale fra max ste teo manu ale
    ali li ion natale secondo pietra tea salvo ambra azzurra vitale pellegrino battista fiamma
    mark ming xin wei yan jun hui chen selene noè dante
    john james david michael daniel paul peter george robert william francis
    """
)
# Names that are safe mid-sentence when capitalised, but at a sentence start may be a word
# ("Massimo rispetto", "Sara possibile?" typed for "Sarà").
_START_AMBIGUOUS_NAMES: frozenset[str] = _words(
    "massimo franco bruno angelo sara chiara aurora alice vittoria marina serena gaia"
)
# Adjective-like names not trusted even after "sono" ("sono felice", "sono serena").
_ADJECTIVE_NAMES: frozenset[str] = _words(
    "felice fortunato celeste pia clemente santo fedele serena sereno vera gioia benedetta "
    "assunta costante giusto modesto onesto innocente prospero primo massima bianca rosa "
    "viola chiara franco franca"
)
# Capitalised words that are never (part of) a person's name in this domain: brands, company
# words, common sentence-initial words. Lower-case.
_NON_NAME: frozenset[str] = _words(
    """
    cliente clienti servizio assistenza team staff ufficio customer care support supporto
    italia italy spa srl snc store shop online app sito azienda società societa gruppo
    banca assicurazioni energia luce gas mobile fibra business casa
    grazie saluti cordiali distinti buongiorno buonasera salve ciao gentile egregio
    il lo la i gli le un una uno di da in con su per tra fra a e o ma se che non mi ti ci vi
    ho ha hanno sono siamo era è e' molto tanto tutto tutti ottimo ottima pessimo pessima
    buono buona servizio prodotto ordine consegna rimborso ps nb ok
    vodafone tim wind tre iliad fastweb enel eni edison hera acea iren sorgenia plenitude
    poste postepay amazon zalando apple samsung huawei xiaomi google facebook instagram
    whatsapp tiktok trenitalia ryanair unicredit intesa sanpaolo fineco mediolanum bper
    esselunga coop conad carrefour lidl eurospin ikea mediaworld unieuro euronics sky netflix
    dazn spotify octopus illumia paypal satispay nexi visa mastercard ebay subito glovo
    deliveroo justeat uber bolt
    buon buona buone buongiorno natale feste anno pasqua auguri
    lunedì martedì mercoledì giovedì venerdì sabato domenica
    gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre
    """
)
# Words before a capitalised first name that make it a place/institution, not a person.
_PLACE_PREFIX: frozenset[str] = _words(
    """
    san santa santo sant s via viale piazza piazzale corso largo vicolo strada ospedale
    policlinico aeroporto stazione porta chiesa basilica istituto liceo scuola hotel teatro
    ponte museo università universita clinica parco villa palazzo
    """
)

# --------------------------------------------------------------------------- regexes

_DIGIT = re.compile(r"\d")
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,24}(?![\w-])")
# Addresses written to dodge spam bots: "anna (at) tiscali.it", "paolo chiocciola gmail punto
# com", "info @ fastweb.it", "mario[at]libero[dot]it". Spelled-out dots need a known TLD, so
# "punto" in running text is left alone.
_OBF_AT = r"(?:[ \t]*[\[({][ \t]*(?:at|chiocciola)[ \t]*[\])}][ \t]*|[ \t]+(?:at|chiocciola)[ \t]+|[ \t]+@[ \t]+)"
_OBF_DOT = r"(?:\.|[ \t]*[\[(][ \t]*(?:dot|punto)[ \t]*[\])][ \t]*|[ \t]+(?:dot|punto)[ \t]+)"
_TLDS = r"(?:it|com|net|org|eu|info|biz|me|io|ch|sm|de|fr|uk|es|email|online|cloud)"
_EMAIL_OBFUSCATED = re.compile(
    rf"(?i)(?<![\w.+-])[\w.+-]+{_OBF_AT}[\w-]+(?:{_OBF_DOT}[\w-]+)*?{_OBF_DOT}{_TLDS}(?![\w-])"
)
_OBF_HINT = re.compile(r"(?i)@|\bat\b|chiocciola")

# IBAN: country + check digits + BBAN; spaces allowed between characters (groups of four).
_IBAN_CANDIDATE = re.compile(
    r"(?<![A-Za-z0-9])([A-Za-z]{2})[ \-]?(\d{2})((?:[ \-]?[A-Za-z0-9]){8,32})"
)
_IBAN_LENGTHS = {
    "IT": 27, "SM": 27, "VA": 22, "DE": 22, "FR": 27, "ES": 24, "GB": 22, "CH": 21, "AT": 20,
    "BE": 16, "NL": 18, "PT": 25, "IE": 22, "LU": 20, "MT": 31, "MC": 27, "SI": 19, "HR": 21,
    "PL": 28, "RO": 24, "GR": 27, "CZ": 24, "SK": 24, "HU": 28, "SE": 24, "DK": 18, "FI": 18,
    "NO": 15, "AL": 28, "BG": 22, "LT": 20, "LV": 21, "EE": 20, "CY": 28, "LI": 21,
}  # fmt: skip
_IT_BBAN = re.compile(r"^[A-Za-z]\d{10}[A-Za-z0-9]{12}$")

# Groups of digits with spaces or hyphens, or four dotted groups of four ("4111.1111.1111.1111";
# other dotted numbers are amounts or codes).
_CARD_CANDIDATE = re.compile(
    r"(?:(?<![\w.,/])|(?<=\b[Nn]\.)|(?<=\b[Nn]r\.))"
    r"(?:\d{4}(?:\.\d{4}){3}|\d(?:[ -]?\d){12,22})(?![\w]|[.,]\d)"
)

_CF = re.compile(
    r"(?<![A-Za-z0-9])[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z]"
    r"[0-9LMNPQRSTUV]{3}[A-Z](?![A-Za-z0-9])",
    re.IGNORECASE,
)

# The same code as printed on the card, in groups: "RSS MRA 85T10 A562S".
_CF_SPACED = re.compile(
    r"(?<![A-Za-z0-9])[A-Z]{3}[ \t][A-Z]{3}[ \t][0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}"
    r"[ \t][A-Z][0-9LMNPQRSTUV]{3}[A-Z](?![A-Za-z0-9])",
    re.IGNORECASE,
)

_PIVA_CONTEXT = re.compile(
    r"(?i)\b(?:p\.?\s?iva|part(?:ita|\.)?\s?iva|vat(?:\s+(?:number|no\.?|id))?)\b"
    r"[^\d\n]{0,20}?((?:IT\s?)?\d{11})(?!\d)"
)
_PIVA_PREFIXED = re.compile(r"(?<![A-Za-z0-9])IT\s?\d{11}(?!\d)")

_PHONE = re.compile(
    # Not inside a word/number, nor the tail of a code such as "CL-3401234567".
    r"(?<![\w+])(?<!\w[\-_/])"
    r"(?:(?:\+|00)[ \t]?39[ \t.\-]?|\(\+?39\)[ \t]?)?"
    r"(?:"
    r"\(?3\d{2}\)?(?:[ \t./\-]?\d){6,7}"  # mobile: 3xx + 6-7 digits
    r"|"
    r"\(?0[1-9]\d{0,3}\)?[ \t./\-]?\d{2,4}(?:[ \t\-]?\d{2,4}){0,3}"  # landline: 0 + area code
    r")"
    r"(?![\d]|[.,]\d)"
)
# "350.000.000": an amount with thousands separators, not a phone written with dots.
_THOUSANDS = re.compile(r"^\d{1,3}(?:\.\d{3}){2,}$")
# The international form with the trunk zero in brackets: "+39 (0)2 12345678".
_PHONE_TRUNK_ZERO = re.compile(
    r"(?<![\w+])(?:\+|00)[ \t]?39[ \t]?\(0\)[ \t]?[1-9]\d{0,3}(?:[ \t./\-]?\d{2,4}){1,4}(?!\d)"
)
_DATE_LIKE = re.compile(r"^\d{1,2}[./\-]\d{1,2}(?:[./\-]\d{2,4})?$|^\d{1,2}[./\-](?:19|20)\d{2}$")
# Identifiers that look like phone/card numbers but are not personal: skip them.
_NUMBER_CONTEXT = re.compile(
    r"(?i)(?:ordin\w*|order|pratica|fattura|tracking|spedizion\w*|codice|cod|rif|riferimento|"
    r"ticket|contratto|matricola|serial\w*|seriale|imei|iccid|pod|pdr|cliente|prodotto|articolo|"
    r"sku|lotto|protocollo|segnalazione|reclamo|n\.\s?ordine)"
    r"\W{0,3}(?:n\.?|nr\.?|num\.?|numero|n°|#|no\.?)?\W{0,3}$"
)
_UNIT_AFTER = re.compile(r"^\s?(?:€|euro|eur|km|kg|gb|mb|mesi|giorni|ore|minuti)\b", re.IGNORECASE)

_STREET = (
    r"(?:[Vv]ia|[Vv]iale|[Vv]\.le|[Vv](?=\.)|[Pp]iazza|[Pp]iazzale|[Pp]\.zza|[Pp]\.za|[Pp]\.le|[Cc]orso|"
    r"[Cc]\.so|[Ll]argo|[Vv]icolo|[Vv]ico|[Ss]trada|[Cc]ontrada|[Cc]\.da|[Ll]ocalità|[Ll]oc\.|"
    r"[Ll]ungomare|[Ll]ungotevere|[Bb]orgo|[Ss]alita|[Gg]alleria|[Cc]irconvallazione|"
    r"[Tt]raversa|[Ff]razione|[Ff]raz\.|VIA|VIALE|PIAZZA|CORSO)"
)
_PARTICLE = r"(?:d[aeio]|del|dell[aoe]?|dei|degli|dal|dalla|al|alla|alle|ai|agli|san|santa|e)"
_STREET_NAME_TOKEN = r"(?:[A-ZÀ-Ý][\w'’.\-]*|d['’][A-ZÀ-Ý][\w'’\-]*|\d{1,2}(?=[ \t]+[A-ZÀ-Ý]))"
# "via email 2 volte" / "via corriere 3 giorni fa": a number followed by a unit is no civic.
_NOT_QUANTITY = (
    r"(?![ \t]*(?:giorn|volt|settiman|mes[ei]|or[ae]\b|ann[oi]|minut|euro|€|pezz|articol|"
    r"telefonat|email|mail|messagg|tentativ))"
)
_CIVIC = (
    r",?[ \t]*(?:(?:n\.?|n°|nr\.?|num\.?|numero)[ \t]*)?\d{1,4}"
    + _NOT_QUANTITY
    + r"(?:[ \t]?[A-Za-z](?![\w]))?"
    r"(?:[ \t]*/[ \t]*[A-Za-z0-9]{1,3})?(?![\d])"
    r"(?:,?[ \t]*\d{5}(?:[ \t]+[A-ZÀ-Ý][\w'’]+(?:[ \t]+[A-ZÀ-Ý][\w'’]+)?)?(?:[ \t]*\(?[A-Z]{2}\)?)?)?"
)
_ADDRESS = re.compile(
    rf"(?<![\w])(?:{_STREET})\.?[ \t]+(?:{_PARTICLE}[ \t]+)?{_STREET_NAME_TOKEN}"
    rf"(?:[ \t]+(?:{_PARTICLE}[ \t]+)?{_STREET_NAME_TOKEN}){{0,4}}{_CIVIC}"
)
# Lower-case street names ("via roma 12") only after an address cue, to spare "via email 2 volte".
_ADDRESS_LOWER = re.compile(
    rf"(?i)(?:indirizzo|abito|residente|residenza|domicilio|domiciliat\w+|sede|consegn\w+|"
    rf"spedi\w+|recapito|abitazione|vivo)\b[^\n]{{0,25}}?\b((?:{_STREET})\.?[ \t]+"
    rf"(?:[\w'’]+[ \t]+){{0,4}}?[\w'’]+{_CIVIC})"
)

# Name tokens: Capitalised or ALL CAPS words, optionally with an elided prefix (D'Angelo).
_CAP = r"(?:[A-Z]['’])?[A-ZÀ-ÖØ-Ý](?:[a-zà-öø-ÿ]+|[A-ZÀ-ÖØ-Ý]+)"
_SURNAME = (
    rf"(?:(?:[Dd]e|[Dd]i|[Dd]el|[Dd]ella|[Dd]a|[Ll]a|[Ll]o|[Vv]an|[Vv]on)[ \t]+)?{_CAP}|[A-Z]\."
)
_CAP_TOKEN = re.compile(rf"(?<![\w\[]){_CAP}(?![\w])")
_SURNAME_AFTER = re.compile(rf"[ \t]+({_SURNAME})(?![\w])")
_LOWER_TOKEN = re.compile(r"[a-zà-öø-ÿ]+(?![\w])")
_LOWER_SURNAME_AFTER = re.compile(r"[ \t]+([a-zà-öø-ÿ']+)(?![\w])")
# An initial, or an abbreviated first name as people sign: "F.", "F.sco", "G.ppe", "M.Teresa".
_INITIAL = re.compile(r"[A-Z]\.(?:[a-z]{2,4}(?=[ \t]))?")

_HONORIFIC = re.compile(
    r"(?i)(?<![\w])(?:sig\.?(?:ra|na|\.ra)?|signor[ae]?|signorina|dott\.?(?:ssa)?|"
    r"dottor(?:essa)?|avv\.?|avvocat[oa]|ing\.?|ingegner[e]?|geom\.?|prof\.?(?:ssa)?|"
    r"professor(?:essa)?|rag\.?|arch\.?|mr\.?|mrs\.?|ms\.?|fam\.)[ \t]+(?=[A-Za-zà-ÿ])"
)
_INTRO_STRONG = re.compile(
    r"(?i)(?<![\w])(?:mi\s+chiamo|il\s+mio\s+nome\s+(?:è|e'|é)|"
    r"chi\s+(?:vi\s+)?scrive\s+(?:è|e')|my\s+name\s+is)[ \t]*[,:]?[ \t]*"
)
# Weaker cues: the following word must be a listed first name.
_INTRO_SONO = re.compile(
    r"(?i)(?<![\w])(?:(?:io\s+)?sono|sottoscritt[oa]|firmato|i\s+am|this\s+is)[ \t]+"
    r"(?:(?:il|la)[ \t]+)?"
)
_GREETING = re.compile(
    r"(?i)(?<![\w])(?:buongiorno|buon\s+giorno|buonasera|buona\s+sera|salve|ciao|gentile|"
    r"gentilissim[oa]|egregi[oa]|car[oa]|spett\.?(?:le)?|hello|hi|dear|grazie(?:\s+mille)?)"
    r"[ \t]*,?[ \t]+"
)
_CLOSING = re.compile(
    r"(?i)(?<![\w])(cordiali\s+saluti|distinti\s+saluti|saluti\s+cordiali|cordialmente|"
    r"un\s+(?:caro\s+)?saluto|cari\s+saluti|saluti|grazie(?:\s+(?:mille|ancora|in\s+anticipo|"
    r"di\s+tutto))?|in\s+fede|a\s+presto|buona\s+giornata|buona\s+serata|ciao|firmato|"
    r"best\s+regards|regards)[ \t]*[,.!;:\-–]*\s*"
)
_STRONG_CLOSINGS = ("cordiali", "distinti", "saluti cordiali", "cordialmente", "in fede", "firmato")
_END_OF_LINE = re.compile(r"[ \t]*[.!]*[ \t]*(?:\n|$)")
# The last line of a message holding only a name ("...grazie!\nRosa Longo").
_LAST_LINE_NAME = re.compile(
    rf"(?:^|\n)[ \t]*-*[ \t]*({_CAP}(?:[ \t]+(?:{_SURNAME})){{0,2}})[ \t]*[.!]?\s*$"
)


def _is_sentence_start(text: str, pos: int) -> bool:
    i = pos - 1
    while i >= 0 and text[i] in " \t\"'«“(":
        i -= 1
    return i < 0 or text[i] in ".!?\n:;"


def _previous_word(text: str, pos: int) -> str:
    m = re.search(r"([\w'’.]+)[ \t]*$", text[max(0, pos - 30) : pos])
    return m.group(1).rstrip(".'’").lower() if m else ""


def _extend_surname(text: str, end: int) -> int:
    """Extend a name span over up to two following capitalised tokens (same line)."""
    for _ in range(2):
        if text[end - 1] == ".":
            break  # after an initial ("Alessia T.") the next word starts a sentence
        m = _SURNAME_AFTER.match(text, end)
        if not m:
            break
        token = m.group(1)
        core = token.split()[-1].strip(".'’").lower()
        if core in _NON_NAME:
            break
        end = m.end()
    return end


def _name_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []

    def cap_at(pos: int) -> re.Match[str] | None:
        return _CAP_TOKEN.match(text, pos)

    # Honorific + surname: "sig. Rossi", "la dott.ssa Maria Bianchi".
    for m in _HONORIFIC.finditer(text):
        tok = cap_at(m.end())
        if tok and tok.group(0).lower() not in _NON_NAME:
            spans.append((tok.start(), _extend_surname(text, tok.end())))
        elif tok is None:
            # "sig.ra bianchi": typed in lower case, trusted only for a listed surname.
            lower = _LOWER_TOKEN.match(text, m.end())
            if lower and lower.group(0) in SURNAMES:
                spans.append((lower.start(), lower.end()))

    # "mi chiamo X [Y]": whatever follows is a name, even lower-case or not in the list.
    for m in _INTRO_STRONG.finditer(text):
        tok = cap_at(m.end())
        if tok and tok.group(0).lower() not in _NON_NAME:
            spans.append((tok.start(), _extend_surname(text, tok.end())))
            continue
        lower_tok = _LOWER_TOKEN.match(text, m.end())
        if lower_tok and lower_tok.group(0) not in _NON_NAME and len(lower_tok.group(0)) > 1:
            spans.append((lower_tok.start(), _extend_lower_surname(text, lower_tok.end())))

    # "sono Mario [Rossi]" / "sono mario": first name must be in the list.
    for m in _INTRO_SONO.finditer(text):
        tok = cap_at(m.end())
        if tok:
            low = tok.group(0).lower()
            if low in FIRST_NAMES and low not in _ADJECTIVE_NAMES:
                spans.append((tok.start(), _extend_surname(text, tok.end())))
            elif _is_full_name(text, tok):
                # "sono Ilario Zanetti": a first name we do not list, but two capitalised
                # words after "sono" in running text are a person introducing themselves.
                spans.append((tok.start(), _extend_surname(text, tok.end())))
            continue
        ltok = _LOWER_TOKEN.match(text, m.end())
        if (
            ltok
            and ltok.group(0) in FIRST_NAMES
            and ltok.group(0) not in _AMBIGUOUS_NAMES
            and ltok.group(0) not in _START_AMBIGUOUS_NAMES
        ):
            spans.append((ltok.start(), _extend_lower_surname(text, ltok.end())))

    # Greetings addressed to someone: "Buongiorno Giulia", "Gentile Sig. Rossi" (honorific
    # handled above), "Ciao Rosa".
    for m in _GREETING.finditer(text):
        tok = cap_at(m.end())
        if tok and tok.group(0).lower() in FIRST_NAMES:
            spans.append((tok.start(), _extend_surname(text, tok.end())))

    # Signatures: closing formula, then a name at the end of a line/text.
    for m in _CLOSING.finditer(text):
        closing = " ".join(m.group(1).lower().split())
        strong = closing.startswith(_STRONG_CLOSINGS)
        start = m.end()
        tok = cap_at(start)
        if tok is None:
            initial = _INITIAL.match(text, start)
            if initial:
                # "F. Rinaldi", "F.sco Romano": _extend_surname stops after a full stop, so take
                # the surname here.
                after = _SURNAME_AFTER.match(text, initial.end())
                end = _extend_surname(text, after.end()) if after else initial.end()
                if end > initial.end() and _END_OF_LINE.match(text, end):
                    spans.append((start, end))
                continue
            ltok = _LOWER_TOKEN.match(text, start)
            if (
                ltok
                and ltok.group(0) in FIRST_NAMES
                and ltok.group(0) not in _AMBIGUOUS_NAMES
                and _END_OF_LINE.match(text, _extend_lower_surname(text, ltok.end()))
            ):
                spans.append((ltok.start(), _extend_lower_surname(text, ltok.end())))
            continue
        first = tok.group(0).lower()
        end = _extend_surname(text, tok.end())
        if not _END_OF_LINE.match(text, end):
            continue
        n_tokens = len(text[tok.start() : end].split())
        # On a line of its own after any closing ("Saluti\nZanardi") a word is a signature;
        # on the closing's line only after a formal one ("Cordiali saluti, Rossi Anna").
        on_own_line = "\n" in text[m.start() : start]
        if first in FIRST_NAMES or (
            first not in _NON_NAME and (on_own_line or (strong and n_tokens >= 2))
        ):
            spans.append((tok.start(), end))

    # Signature line without a closing formula: the message ends with a line that is a name.
    last = _LAST_LINE_NAME.search(text)
    if last:
        tokens = last.group(1).split()
        first = tokens[0].lower()
        if first == "famiglia" and len(tokens) >= 2:
            # "Famiglia Rossi" as a signature: the surname is the personal part. (Elsewhere
            # "famiglia X" is too often a product line: "la famiglia Echo".)
            rest = last.group(1)[len(tokens[0]) :]
            start = last.start(1) + len(tokens[0]) + len(rest) - len(rest.lstrip())
            spans.append((start, last.end(1)))
        elif (
            first in FIRST_NAMES
            and all(t.strip(".").lower() not in _NON_NAME for t in tokens)
            and (len(tokens) >= 2 or first not in _AMBIGUOUS_NAMES)
        ):
            spans.append((last.start(1), last.end(1)))

    # Anywhere: a capitalised, unambiguous first name ("ho parlato con Marco"). Most texts
    # hold no first name at all: a set test over the capitalised words (C speed) skips the
    # per-token checks for them, which were most of the redaction time.
    caps = _CAP_TOKEN.findall(text)
    if not caps or FIRST_NAMES.isdisjoint(map(str.lower, caps)):
        return spans
    for tok in _CAP_TOKEN.finditer(text):
        word = tok.group(0)
        low = word.lower()
        if low not in FIRST_NAMES or low in _AMBIGUOUS_NAMES:
            continue
        if word.isupper() and len(word) > 1 and not _mostly_upper(text):
            continue  # ALL CAPS inside normal text is an acronym/brand, not a name
        if low in _START_AMBIGUOUS_NAMES and (
            _is_sentence_start(text, tok.start()) or word.isupper()
        ):
            continue
        if _previous_word(text, tok.start()) in _PLACE_PREFIX:
            continue
        spans.append((tok.start(), _extend_surname(text, tok.end())))
    return spans


def _extend_lower_surname(text: str, end: int) -> int:
    """End of a lower-case surname right after a lower-case first name ("sono mario rossi")."""
    m = _LOWER_SURNAME_AFTER.match(text, end)
    return m.end() if m and m.group(1) in SURNAMES else end


def _is_full_name(text: str, tok: re.Match[str]) -> bool:
    """Whether ``tok`` starts "Nome Cognome": two capitalised, non-acronym, non-common words."""
    word = tok.group(0)
    after = _SURNAME_AFTER.match(text, tok.end())
    if after is None or word.isupper() or word.lower() in _NON_NAME:
        return False
    surname = after.group(1)
    return not surname.isupper() and surname.split()[-1].strip(".").lower() not in _NON_NAME


def _mostly_upper(text: str) -> bool:
    # In an ALL CAPS message every word looks like an acronym; names there are ordinary tokens.
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) > 0.7 * len(letters)


# --------------------------------------------------------------------------- validators


def _luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def _iban_mod97_ok(iban: str) -> bool:
    rearranged = iban[4:] + iban[:4]
    try:
        number = "".join(str(int(ch, 36)) for ch in rearranged)
    except ValueError:
        return False
    return int(number) % 97 == 1


def _context_is_identifier(text: str, start: int) -> bool:
    return _NUMBER_CONTEXT.search(text[max(0, start - 40) : start]) is not None


# --------------------------------------------------------------------------- main API


def redact(text: str) -> tuple[str, dict[str, int]]:
    """Replace personal data with typed placeholders.

    Args:
        text: A normalised text (see :func:`pipelines.ingest.normalize.normalize_text`).

    Returns:
        ``(redacted_text, counts)`` where counts maps placeholder type (``EMAIL``, ``TELEFONO``,
        ...) to the number of replacements; types with no match are omitted.
    """
    if not text:
        return text or "", {}
    counts: dict[str, int] = {}

    def sub(
        pattern: re.Pattern[str], label: str, s: str, check: Callable[..., bool] | None = None
    ) -> str:
        def repl(m: re.Match[str]) -> str:
            if check is not None and not check(m, s):
                return m.group(0)
            counts[label] = counts.get(label, 0) + 1
            return f"[{label}]"

        return pattern.sub(repl, s)

    if "@" in text:
        text = sub(_EMAIL, "EMAIL", text)
    if _OBF_HINT.search(text):
        text = sub(_EMAIL_OBFUSCATED, "EMAIL", text)
        text = _redact_handles(text, counts)
    has_digit = _DIGIT.search(text) is not None  # every numeric pattern needs a \d
    if has_digit:
        text = _redact_ibans(text, counts)
        text = _redact_cards(text, counts)
        text = sub(_CF, "CODICE_FISCALE", text, lambda m, s: any(c.isdigit() for c in m.group(0)))
        text = sub(
            _CF_SPACED, "CODICE_FISCALE", text, lambda m, s: any(c.isdigit() for c in m.group(0))
        )
        text = _redact_piva(text, counts)
        text = sub(_PHONE_TRUNK_ZERO, "TELEFONO", text)
        text = sub(_PHONE, "TELEFONO", text, _phone_ok)
        text = sub(_ADDRESS, "INDIRIZZO", text)
        text = _redact_group(_ADDRESS_LOWER, "INDIRIZZO", text, counts)
    text = _redact_names(text, counts)
    return text, counts


def redact_value(value: object) -> object:
    """Recursively redact every string inside a JSON-like value (dict/list/str)."""
    if isinstance(value, str):
        return redact(value)[0]
    if isinstance(value, dict):
        return {k: redact_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [redact_value(v) for v in value]
    return value


def _phone_ok(m: re.Match[str], text: str) -> bool:
    raw = m.group(0)
    digits = re.sub(r"\D", "", raw)
    head = raw.lstrip("( \t")
    if head.startswith("+39"):
        national = digits[2:]
    elif digits.startswith("0039"):
        national = digits[4:]
    else:
        national = digits
    if national.startswith("3"):
        if not 9 <= len(national) <= 10:
            return False
    elif not 6 <= len(national) <= 11:
        return False
    if _DATE_LIKE.match(raw.strip()) or _THOUSANDS.match(raw.strip()):
        return False
    # A unit after the number makes it an amount ("350.000.000 euro", "06 12 mesi"), except
    # "ore" after a full-length number: a phone with office hours ("06/12345678 ore ufficio").
    unit = _UNIT_AFTER.match(text[m.end() : m.end() + 8])
    if unit and not (len(national) >= 8 and unit.group(0).strip().lower() == "ore"):
        return False
    return not _context_is_identifier(text, m.start())


def _redact_ibans(text: str, counts: dict[str, int]) -> str:
    out: list[str] = []
    pos = 0
    for m in _IBAN_CANDIDATE.finditer(text):
        if m.start() < pos:
            continue
        country = m.group(1).upper()
        expected = _IBAN_LENGTHS.get(country)
        if expected is None:
            continue
        is_it = country in {"IT", "SM"}
        if not is_it and not m.group(1).isupper():
            continue  # lower-case foreign "iban" is far more likely a word
        # Walk the BBAN characters, stopping after the country's length.
        need = expected - 4
        bban_chars: list[str] = []
        end = m.start(3)
        for i in range(m.start(3), m.end(3)):
            ch = text[i]
            if ch in " -":
                continue
            bban_chars.append(ch)
            end = i + 1
            if len(bban_chars) == need:
                break
        if len(bban_chars) != need:
            continue
        if end < len(text) and text[end].isalnum():
            continue
        bban = "".join(bban_chars)
        iban = (country + m.group(2) + bban).upper()
        if is_it:
            if not _IT_BBAN.match(bban):
                continue
        elif not _iban_mod97_ok(iban):
            continue
        out.append(text[pos : m.start()])
        out.append("[IBAN]")
        counts["IBAN"] = counts.get("IBAN", 0) + 1
        pos = end
    if not out:
        return text
    out.append(text[pos:])
    return "".join(out)


def _redact_cards(text: str, counts: dict[str, int]) -> str:
    out: list[str] = []
    pos = 0
    for m in _CARD_CANDIDATE.finditer(text):
        raw = m.group(0)
        # Try the whole run, then drop trailing groups ("4111 1111 1111 1111 12/26").
        groups = re.split(r"([ .-])", raw)
        found_end = None
        for k in range(len(groups), 0, -2):
            candidate = "".join(groups[:k])
            digits = re.sub(r"\D", "", candidate)
            if len(digits) < 13:
                break
            if (
                len(digits) <= 19
                and digits[0] in "23456"
                and _luhn_ok(digits)
                and len(set(digits)) > 1
            ):
                found_end = m.start() + len(candidate)
                break
        if found_end is None or _context_is_identifier(text, m.start()):
            continue
        out.append(text[pos : m.start()])
        out.append("[CARTA]")
        counts["CARTA"] = counts.get("CARTA", 0) + 1
        pos = found_end
    if not out:
        return text
    out.append(text[pos:])
    return "".join(out)


def _redact_piva(text: str, counts: dict[str, int]) -> str:
    text = _redact_group(_PIVA_CONTEXT, "PARTITA_IVA", text, counts)
    if "IT" in text:
        text, n = _PIVA_PREFIXED.subn("[PARTITA_IVA]", text)
        if n:
            counts["PARTITA_IVA"] = counts.get("PARTITA_IVA", 0) + n
    return text


def _redact_group(pattern: re.Pattern[str], label: str, text: str, counts: dict[str, int]) -> str:
    """Replace capture group 1 of each match (the context words before it are kept)."""
    out: list[str] = []
    pos = 0
    for m in pattern.finditer(text):
        if m.start(1) < pos:
            continue
        out.append(text[pos : m.start(1)])
        out.append(f"[{label}]")
        counts[label] = counts.get(label, 0) + 1
        pos = m.end(1)
    if not out:
        return text
    out.append(text[pos:])
    return "".join(out)


_HANDLE = re.compile(r"(?<![\w@.])@([A-Za-z0-9_.]{2,30})(?![\w@])")
_HANDLE_PARTS = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")


def _redact_handles(text: str, counts: dict[str, int]) -> str:
    """Replace social handles that name a person ("@marco_rossi85", "@GiuliaB"), keep brands.

    A handle is a pseudonymous identifier of a private person when one of its parts is a listed
    first name or surname; company handles ("@TIM_Official", "@enelitalia") are what the
    analysis is about and stay.
    """

    def repl(m: re.Match[str]) -> str:
        parts = [p.lower() for p in _HANDLE_PARTS.findall(m.group(1))]
        personal = any(
            (p in FIRST_NAMES and p not in _AMBIGUOUS_NAMES) or p in SURNAMES for p in parts
        )
        if not personal:
            return m.group(0)
        counts["NOME"] = counts.get("NOME", 0) + 1
        return "@[NOME]"

    return _HANDLE.sub(repl, text) if "@" in text else text


def _redact_names(text: str, counts: dict[str, int]) -> str:
    spans = _name_spans(text)
    if not spans:
        return text
    spans.sort()
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out: list[str] = []
    pos = 0
    for start, end in merged:
        out.append(text[pos:start])
        out.append("[NOME]")
        pos = end
    out.append(text[pos:])
    counts["NOME"] = counts.get("NOME", 0) + len(merged)
    return "".join(out)

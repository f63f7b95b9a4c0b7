"""Name lexicons of the PII redaction: Italian first names, surnames and the words around them.

Lower-case sets read by :mod:`pipelines.ingest.redact_names`. First names that are also ordinary
words ("Felice", "Rosa", "Massimo", "Luce") are listed again in :data:`AMBIGUOUS_NAMES` and friends
so the name rules only trust them in a clear naming context.
"""

from __future__ import annotations

__all__ = [
    "ADJECTIVE_NAMES",
    "AMBIGUOUS_NAMES",
    "FIRST_NAMES",
    "NON_NAME",
    "PLACE_PREFIX",
    "START_AMBIGUOUS_NAMES",
    "SURNAMES",
]


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
AMBIGUOUS_NAMES: frozenset[str] = _words(
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
START_AMBIGUOUS_NAMES: frozenset[str] = _words(
    "massimo franco bruno angelo sara chiara aurora alice vittoria marina serena gaia"
)
# Adjective-like names not trusted even after "sono" ("sono felice", "sono serena").
ADJECTIVE_NAMES: frozenset[str] = _words(
    "felice fortunato celeste pia clemente santo fedele serena sereno vera gioia benedetta "
    "assunta costante giusto modesto onesto innocente prospero primo massima bianca rosa "
    "viola chiara franco franca"
)
# Capitalised words that are never (part of) a person's name in this domain: brands, company
# words, common sentence-initial words. Lower-case.
NON_NAME: frozenset[str] = _words(
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
PLACE_PREFIX: frozenset[str] = _words(
    """
    san santa santo sant s via viale piazza piazzale corso largo vicolo strada ospedale
    policlinico aeroporto stazione porta chiesa basilica istituto liceo scuola hotel teatro
    ponte museo università universita clinica parco villa palazzo
    """
)

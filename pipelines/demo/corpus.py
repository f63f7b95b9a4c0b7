"""How the synthetic "Lumenia" demo texts look: phrase banks and the engine that renders them.

``pipelines.demo.generate`` decides which documents exist (volumes, planted events, files, ground truth);
this module decides what they say. It holds the hand-written Italian phrase banks (everything
here was written for this project, no third-party text), a tiny template grammar, the
roughening that makes texts look typed by people (typos, dropped accents, abbreviations,
casing, emoji) and generators of fictional personal data (codice fiscale, IBAN, phones).

Grammar of the ``_BANKS`` block:

* ``@name`` starts a bank; each following line is one fragment, picked with equal odds. A line
  that is a single ``[a|b|c]`` group holds several fragments (packing keeps the file short).
* ``[a|b|c]`` inside a fragment picks one alternative at render time (nestable; an empty
  alternative makes words optional, e.g. ``[molto |]``).
* a leading ``!`` marks a fragment that voices intent to leave; the generator only uses it in
  anonymous documents so that churn intent stays confined to the planted cohort.
* ``{slot}`` is filled by ``Filler`` (amounts, dates, places, codes, ...); ``{o}`` is the
  writer's gender ending (o/a) so one customer keeps one voice.

Category banks are ``<category>.<part>`` with parts ``neg`` (complaint cores), ``pos``, ``neu``
(questions/requests), ``detail`` (facts with numbers), ``short`` (social-style one-liners),
``subj`` (ticket subjects) and ``title`` (negative review titles); ``para`` lists phrases that
may replace each other (``a|b ; c|d`` = two groups).
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Callable
from datetime import datetime, timedelta
from functools import cache

# Bank key -> (category id, label) of models/data/taxonomy.yaml, so ground truth speaks its ids.
CATEGORIES: dict[str, tuple[str, str]] = {
    "fatturazione": ("fatturazione_bollette", "Fatturazione e bollette"),
    "attivazione": ("consegna_spedizioni", "Consegna, spedizioni e attivazione"),
    "assistenza": ("assistenza_clienti", "Assistenza clienti"),
    "prezzi": ("prezzi_tariffe", "Prezzi e tariffe"),
    "qualita": ("qualita_prodotto_servizio", "Qualità del prodotto o servizio"),
    "app_sito": ("app_sito", "App e sito web"),
    "rete": ("rete_connessione", "Rete e connessione"),
    "rimborsi": ("rimborsi_resi", "Rimborsi e resi"),
    "contratto": ("contratto_disdetta", "Contratto e disdetta"),
    "cortesia": ("cortesia_personale", "Cortesia e competenza del personale"),
    "contatori": ("letture_conguagli", "Letture e conguagli"),
}

MONTHS = ("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
          "settembre", "ottobre", "novembre", "dicembre")  # fmt: skip
ABBREV = {
    "non": ("nn",), "perché": ("xké", "xché", "perchè", "xke"), "comunque": ("cmq",),
    "per": ("x",), "che": ("ke",), "tutto": ("tt",), "niente": ("nnt",), "qualcosa": ("qlcs",),
    "messaggio": ("msg",), "grazie": ("grz",), "anche": ("anke",), "questo": ("qst",),
    "troppo": ("trp",), "più": ("+",),
}  # fmt: skip

_BANKS = r"""
@slot.citta
[Roma|Roma, zona Prati|Milano|Milano Lambrate|Napoli|Napoli Vomero|Torino|Torino San Salvario|Bologna|Firenze|Bari|Palermo|Catania|Genova|Padova|Verona|Mestre|Brescia|Bergamo|Pescara|Lecce|Salerno|Cagliari|Perugia|Ancona|Trieste|Monza|Latina|Caserta|Treviso|Vicenza|Parma|Modena|Rimini|Reggio Calabria|Sassari|Trento|Udine]
[Frosinone|Pozzuoli|Ostia|Sesto San Giovanni|Torre del Greco|Bolzano|Novara|Foggia|Taranto|Cosenza]
@slot.giorno
[lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica]
@slot.offerta
[Lumenia Fibra Casa|Luce Flex|Gas Sicuro|Mobile 100 Giga|Lumenia Insieme|Luce Verde Fissa|Fibra 2.5 Giga|Gas Bloccato 24]
@slot.competitor
[Enerluce|Voltaria|Telmax|Onda Fibra|GasPiù|Fibrex]
@slot.device
[iPhone 13|iPhone 15|Samsung Galaxy A54|Xiaomi Redmi Note 12|Pixel 7|Oppo A78|Motorola G84]
@slot.settimane
[2|3|4|5|6|tre|quattro|cinque]
@slot.mesi
[2|3|4|5|6|8|tre|quattro|sei]
@slot.ore
[24|48|72]
@slot.n
[3|4|5|6|7|8|tre|quattro|cinque|dieci]
@slot.n_persone
[due|tre|quattro|cinque]
@slot.numero_verde
800 58 58 58
@slot.velocita
[2 mega|5 Mbps|0,8 mega|12 mega|30 mega scarsi|7 Mbps|1 mega]
@slot.minuti_attesa
[45 minuti|un'ora e mezza|quasi un'ora|più di 40 minuti|un'ora e 10|50 minuti|35 minuti|due ore]
@slot.velocita_alta
[940 Mbps|870 mega|910 mega|2.300 Mbps|1 giga pieno]
@slot.minuti_attesa_en
[45 minutes|an hour|over 40 minutes|almost two hours]
@names.m
[Marco|Luca|Giuseppe|Francesco|Alessandro|Andrea|Matteo|Lorenzo|Davide|Simone|Stefano|Roberto|Antonio|Salvatore|Paolo|Giovanni|Vincenzo|Fabio|Massimo|Daniele|Riccardo|Gennaro|Carmine]
@names.f
[Giulia|Francesca|Chiara|Sara|Valentina|Martina|Elena|Alessia|Federica|Silvia|Laura|Anna|Maria|Rosa|Paola|Ilaria|Simona|Roberta|Carla|Giovanna|Teresa|Antonella|Cristina]
@names.last
[Rossi|Russo|Ferrari|Esposito|Bianchi|Romano|Colombo|Ricci|Marino|Greco|Bruno|Gallo|Conti|De Luca|Mancini|Costa|Giordano|Rizzo|Lombardi|Moretti|Barbieri|Fontana|Santoro|Mariani|Rinaldi|Caruso|Ferrara|Galli|Martini|Leone|Longo|Martinelli|Vitale|Serra|Coppola|De Santis|D'Angelo|Marchetti|Parisi|Villa|Ferri|Fabbri|Marini|Grasso]
[Valentini|Messina|Sala|Gatti|Pellegrini|Palumbo|Sanna|Farina|Monti|Cattaneo|Morelli|Amato|Silvestri|Testa|Carbone|Giuliani]
@mail.domains
[gmail.com|libero.it|hotmail.it|yahoo.it|virgilio.it|outlook.it]
@mobile.prefix
[320|328|329|333|334|335|338|339|340|342|345|347|348|349|351|366|380|388|392|393]
@comuni
[H501|F205|F839|L219|A944|D612|A662|G273|C351|D969]
@handle.stems
[marco|giulia|fra|ale|vale|luca|sara|gio|robi|matte|fede|chiara|simo|dario|elena|pino|tony|nico|lori|bea|paolo|anna|vane|manu|teo|lalla|mimmo|ciro|rosy|ilaria|enzo|checco|mary|pippo|dani|ste|jack|frenk|gigi]
@handle.tails
[|_rm|_na|_mi|88|92|_official|_24|roma|napoli|_to|xx|_it|77|2001|.b|_k|99|_ba|_pa|85]
@fatturazione.neg
[la bolletta di {mese} è arrivata di {importo}, [praticamente|quasi] il [doppio|triplo] del solito[ senza che sia cambiato nulla in casa| e in casa siamo in due|]|mi avete fatturato {importo} per un periodo in cui [la casa era vuota|ero all'estero|il contratto non era ancora attivo]]
[in bolletta [compaiono|ci sono] voci [che nessuno mi ha mai spiegato|incomprensibili] tipo "[oneri di sistema|servizi accessori|costi di gestione]" per {importo_small}|nonostante la domiciliazione [attiva|attivata da mesi] mi è arrivato un sollecito di pagamento [con tanto di|e pure una] mora di {importo_small}]
[ho pagato la fattura [il giorno stesso|regolarmente entro la scadenza] ma [risulta ancora insoluta|nel portale risulta ancora da pagare]|la bolletta [non mi arriva|non arriva più] [né via mail né per posta|da {mese}] e poi mi ritrovo [il sollecito|la lettera di messa in mora]]
[mi addebitate [ancora|tuttora] il canone del modem [che ho restituito|restituito] a {mese}|la fattura è [illeggibile|un rebus]: [tre|quattro] pagine di voci e [non si capisce|nessuno sa spiegare] quanto ho consumato davvero|[continuate a|avete ricominciato a] fatturare su stime [assurde|gonfiate] invece che sui consumi reali]
[mi [è stato addebitato|avete addebitato] un costo di {importo_small} per la "bolletta cartacea" anche se ho scelto la bolletta [web|digitale|via mail]|la bolletta [della luce|del gas] è arrivata [con due settimane di ritardo|in ritardo] e la scadenza era [già passata|dopo tre giorni]]
[hanno [applicato|messo] l'IVA [sbagliata|al 22% invece che al 10%] sulla [mia bolletta|fattura del gas]|[ogni mese|ogni bimestre] la bolletta [è diversa|cambia] e [nessuno|nessun operatore] sa dirmi perché]
[[in fattura|in bolletta] c'è [un servizio|un'assicurazione] "[Lumenia Protezione Casa|Assistenza Plus]" da {importo_small} al mese che non ho mai [chiesto|attivato]]
[[la bolletta unica|la fattura unica] luce e gas [non torna|è sbagliata]: [il gas è conteggiato|la luce è conteggiata] [su un altro indirizzo|su una tariffa che non è la mia]|mi è arrivata una bolletta di {importo} con scritto "consumi stimati" quando il contatore lo leggete da remoto]
[in fattura risultano [due|tre] mesi di canone fibra [sovrapposti|addebitati insieme] senza spiegazione|il bollettino allegato alla bolletta ha un codice [sbagliato|che la posta non accetta] e [non riesco a pagare|il tabaccaio lo rifiuta]]
[avete [cambiato|spostato] la data di addebito [senza avvisare|da un mese all'altro] e mi è andato in rosso il conto|la bolletta di {mese} riporta un [contributo|costo] di [attivazione|riattivazione] di {importo_small} [mai concordato|che non mi spetta]]
[la bolletta del gas [d'estate|ad agosto] è [alta quanto|più alta di] quella di gennaio, [con la caldaia spenta|e il gas lo uso solo per cucinare]|mi arrivano due bollette per lo stesso periodo, [una a nome mio e una a nome del vecchio inquilino|con importi diversi]]
[[lo sconto|la promozione] [fedeltà|benvenuto] [promesso|indicato] nel contratto in bolletta [non c'è|non compare proprio]|mi è arrivato un preavviso di [distacco|sospensione] per una bolletta [già pagata|che avevo contestato]]
in bolletta c'è [la penale|la mora] per il pagamento tardivo anche se [ho pagato in tempo|la bolletta è arrivata dopo la scadenza]
@fatturazione.pos
[le bollette [arrivano puntuali|sono chiare] e [finalmente|per una volta] si capisce [cosa si paga|quanto ho consumato]|la [bolletta|fattura] [digitale|in app] è [comodissima|chiara], [la pago|si paga] in due minuti|[ho chiesto|avevo chiesto] la rateizzazione della bolletta e me l'hanno concessa [subito|senza storie]]
[[fatture|bollette] [chiare|trasparenti] e [importi|consumi] in linea con quello che mi avevano detto|[con la domiciliazione|con l'addebito automatico] non ci penso più, [mai un ritardo|mai un problema] [in {anni} anni|]|[finalmente|per una volta] la bolletta [è scesa|è più bassa] [come previsto|rispetto all'anno scorso]]
[[il conguaglio|la fattura di chiusura] me l'hanno spiegato [voce per voce|passo passo] [al telefono|in chat]]
@fatturazione.neu
[vorrei sapere come [attivare|impostare] la domiciliazione bancaria [delle bollette|sul conto]|[è possibile|si può] ricevere la bolletta [solo via mail|in formato digitale][ invece che per posta|]?|[non capisco|vorrei capire] la voce "[oneri di sistema|quota fissa|quota potenza]" in bolletta, [di cosa si tratta|cosa comprende]?]
[[dove trovo|come scarico] [le vecchie bollette|le fatture del {anno}] per la dichiarazione dei redditi?|[posso|vorrei] rateizzare la bolletta di {mese}, [come si fa|è possibile]?|[come|dove] [cambio|posso cambiare] l'indirizzo di recapito delle bollette?]
[[la bolletta|la fattura] di {mese} [non mi è ancora arrivata|non la trovo nell'area clienti], [è normale|è già stata emessa]?]
@fatturazione.detail
[di solito pago [circa|sui|intorno ai] {importo_mese} [al mese|a bimestre], [non|mai] {importo}|la fattura in questione è la n. {fattura}, emessa {data}|[ho già pagato|ho pagato] con [bonifico|bollettino|carta] {data} e ho la ricevuta]
[[ho controllato|ho confrontato] con le bollette [dell'anno scorso|precedenti]: [stessi consumi|consumi identici], importo [molto più alto|raddoppiato]|[in casa siamo in {n_persone} e non abbiamo|vivo da sol{o} e non ho] [né condizionatori né stufette|elettrodomestici particolari]]
[[nell'area clienti|sull'app] la bolletta [risulta|è segnata come] pagata, [nella lettera|nel sollecito] no|ho [tutte|le ultime sei] bollette [in pdf|stampate] e [i conti non tornano|la differenza è evidente]|[la banca|il mio consulente in banca] mi conferma che il pagamento è andato a buon fine {data}]
@fatturazione.short
[bolletta di {importo} [ma state scherzando|ma siete seri|vergogna|per un bilocale]|[ennesima|altra] bolletta [sbagliata|folle|a caso]|[ma come si fa a|come fate a] chiedere {importo} [per 2 mesi|per un monolocale|a una famiglia normale]|[fatturazione|bollette] [da incubo|da denuncia|fuori controllo]]
[[pagata|pagato] la bolletta e [arriva|mi arriva] il sollecito [lo stesso|comunque]|[bolletta|fattura] [stimata|gonfiata] [ancora|di nuovo], [pazienza zero|bastaaa]|{importo} di luce ad agosto? [ma davvero|sul serio]|sollecito per una bolletta già pagata... [geni|complimenti]]
@fatturazione.subj
[[Bolletta|Fattura] [errata|non corretta] n. {fattura}|[Richiesta chiarimenti|Chiarimenti] [bolletta|fattura] di {mese}|Sollecito di pagamento [non dovuto|errato]|Domiciliazione bancaria|[Importo|Addebito] [anomalo|eccessivo] in bolletta]
@fatturazione.title
[Bollette [assurde|incomprensibili|sbagliate]|[Fatturazione|Bolletta] [da incubo|pazzesca]|[Importi|Fatture] [gonfiati|gonfiate]]
@attivazione.neg
[il modem [doveva arrivare|mi avevano detto che arrivava] in {giorni_pochi} giorni e [dopo {giorni} giorni ancora niente|non si è ancora visto]|la SIM [è arrivata|mi è arrivata] dopo {settimane} settimane e [la portabilità|il passaggio del numero] [è fallita|non è andata a buon fine]]
[il passaggio della luce a Lumenia [doveva avvenire|era previsto] [dal primo del mese|per {mese}] e invece [risulto ancora col vecchio fornitore|è tutto fermo]|il corriere [ha lasciato|dice di aver lasciato] il modem [a un vicino che non conosco|in portineria] ma [io non ho ricevuto niente|non c'è nessun pacco]]
[l'allaccio del gas nella casa nuova [è fermo da|aspetta da] {settimane} settimane e [nessuno sa dirmi quando|nessuno sa dirmi perché]|il tracking della spedizione [è fermo|risulta fermo] [su "in lavorazione"|a "in consegna"] da [una settimana|{giorni} giorni]]
[la [voltura|pratica di subentro] [della luce|del gas] [doveva chiudersi|era promessa] in {giorni_pochi} giorni lavorativi, [siamo a|ne sono passati] {giorni}|mi hanno fissato l'appuntamento per [l'installazione|il sopralluogo] [tra le 8 e le 13|in mattinata] e [nessuno si è presentato|sono arrivati alle sei di sera]]
[dopo la firma del contratto [non mi ha più contattato nessuno|nessuno si è fatto sentire] [per settimane|per {giorni} giorni]|la portabilità del numero [ha richiesto|ci ha messo] {giorni} giorni e [nel frattempo|intanto] [sono rimast{o} senza telefono|non ricevevo chiamate]]
[[anche|pure] l'attivazione della fibra [ha richiesto|ha preso] più tempo del previsto[, quasi un mese|]|il modem è arrivato ma [senza alimentatore|senza il cavo fibra|con la scatola aperta] e [nessuno sa quando arriva il resto|mi dicono di aspettare]]
[[il tecnico|l'installatore] si è presentato ma [non aveva il materiale|ha detto che serve un altro intervento] e [se n'è andato|ha rimandato tutto]|[la SIM|l'eSIM] risulta attiva [sul portale|nell'app] ma il telefono dice "[nessun servizio|SIM non valida]"]
[mi hanno mandato il modem [sbagliato|per l'ADSL] invece di quello per la fibra|per attivare [la luce|il gas] nella casa nuova mi chiedono [documenti che ho già mandato|tre volte gli stessi documenti]]
[[l'attivazione|la pratica] [è stata annullata|risulta annullata] [senza motivo|per un "errore di sistema"] e devo [rifare tutto|ricominciare da capo]|il numero fisso non è stato [portato|trasferito] e [l'ho perso|adesso ne ho uno nuovo che non conosce nessuno]]
@attivazione.pos
[attivazione [velocissima|rapidissima]: in {giorni_pochi} giorni [ero già online|era tutto funzionante]|il modem è arrivato [in due giorni|il giorno dopo] [ben imballato|e si configurava da solo]|il passaggio [della luce|del gas|di luce e gas] è stato [indolore|semplicissimo], non [ho dovuto fare niente|mi hanno chiesto niente]]
[il tecnico [è arrivato|si è presentato] [puntuale|all'orario previsto] e in [mezz'ora|un'ora] [ha fatto tutto|era tutto attivo]|la SIM è arrivata [in 48 ore|subito] e la portabilità [è andata liscia|è stata immediata]|[il corriere puntualissimo|consegna puntualissima] e [il modem già configurato|la SIM già attiva]]
in [una settimana|pochi giorni] avevo tutto: luce, gas e fibra
@attivazione.neu
[[quanto tempo ci vuole|in quanto tempo avviene] [l'attivazione|il passaggio] [della luce|del gas|della fibra]?|[come posso|dove posso] [seguire|controllare] lo stato della spedizione del modem?|devo essere [in casa|presente] per l'attivazione [della fibra|del contatore]?]
[[è possibile|posso] [spostare|cambiare] l'appuntamento con il tecnico [alla settimana prossima|a un sabato]?|[la SIM|il modem] [viene spedito|arriva] [a casa|all'indirizzo di fornitura] o [devo ritirarlo|va ritirato] in negozio?]
@attivazione.detail
[[il contratto è stato firmato|ho firmato] {data} [online|in negozio|al telefono]|il numero [della spedizione|di tracking] è {tracking}|[mi avevano dato|mi hanno comunicato] come data di attivazione {data}|[abito|la fornitura è] a {citta}[, in un condominio nuovo|, villetta indipendente|]]
[il codice di migrazione l'ho comunicato [due volte|al venditore e in chat]|l'appuntamento doveva essere {data}[, fascia pomeridiana|]]
@attivazione.short
[[modem mai arrivato|SIM mai arrivata|pacco disperso]|[ancora aspetto|sto ancora aspettando] [l'attivazione|il tecnico|il corriere]|{giorni} giorni per [attivare una linea|un allaccio|una voltura]... [siamo nel 2026|complimenti]|[voltura ferma|subentro fermo] da {settimane} settimane]
[[appuntamento|tecnico] [saltato|non pervenuto] [di nuovo|per la seconda volta]|{settimane} settimane per [un modem|una SIM]... [manco col piccione viaggiatore|nemmeno dalla Cina]]
@attivazione.subj
[[Ritardo|Mancata] attivazione [fornitura|servizio]|Modem non [ricevuto|consegnato]|Stato pratica [voltura|subentro|allaccio]|Appuntamento tecnico]
@attivazione.title
[Tempi di attivazione [biblici|lunghissimi]|[Modem|Spedizione] [fantasma|mai arrivata]]
@assistenza.neg
[[ho aspettato|sono rimast{o}] in attesa al [telefono|numero verde] per {minuti_attesa} [e poi è caduta la linea|per sentirmi dire di richiamare|e nessuno ha risposto]|[la chat|l'assistenza in chat] [risponde con|ti dà] [messaggi automatici|frasi preconfezionate] che non c'entrano [niente|nulla] [con il problema|]]
[[ho scritto|ho mandato] {n} mail [all'assistenza|al servizio clienti] e [non ho mai ricevuto risposta|mi hanno risposto dopo {settimane} settimane]|il numero verde [ti fa girare|ti rimbalza] tra [mille|dieci] opzioni [del menu|registrate] e [alla fine|poi] [cade la linea|non parli con nessuno]]
[[ogni volta che chiamo|a ogni chiamata] [trovo un operatore diverso|mi tocca rispiegare tutto da capo]|[la segnalazione viene chiusa|il ticket risulta chiuso] come "risolto" [senza che nessuno abbia fatto niente|ma il problema c'è ancora]]
[mi avevano promesso di richiamarmi [entro 48 ore|in giornata] e [sto ancora aspettando|non ha chiamato nessuno]|[assistenza|servizio clienti] [inesistente|introvabile|irraggiungibile] [quando serve|proprio quando hai bisogno]|per parlare con un operatore [umano|vero] [ci vuole|serve] [mezza giornata|un'eternità]]
[[il bot|l'assistente virtuale] [non capisce|non capisce niente di] quello che scrivo e [non c'è modo|è impossibile] di [passare a un operatore|parlare con una persona]|dopo {minuti_attesa} di musichetta risponde [un operatore che non sa niente|qualcuno che mi dice di scrivere una mail]]
[[in chat|al telefono] mi hanno dato [tre|due] versioni diverse [nello stesso giorno|in un'ora]|[la pec|la raccomandata] che ho mandato non ha avuto risposta [da {settimane} settimane|da più di un mese]|chiudono la chat [appena scrivo|quando chiedo] di parlare con un responsabile]
[il call center [risponde con frasi fatte|legge un copione] e non [ascolta|capisce] [il problema|quello che dico]|chiedo un numero di pratica e [non me lo danno|mi dicono che non esiste]|il numero verde [è gratuito solo da fisso|dal cellulare si paga] e [il fisso è proprio quello guasto|io il fisso non ce l'ho]]
@assistenza.pos
[[ho chiamato|ho contattato] l'assistenza e [in pochi minuti|in cinque minuti] [mi hanno risolto tutto|avevo la risposta]|la chat [risponde|ha risposto] [subito|velocemente] e [con competenza|in modo chiaro]|[servizio clienti rapido e competente|assistenza veloce e preparata], [non me l'aspettavo|una bella sorpresa]]
mi hanno [richiamato|ricontattato] [come promesso|all'orario concordato][ e risolto il problema|], [mai successo con altri|complimenti]
@assistenza.neu
[[qual è|quali sono] [gli orari|l'orario] del servizio clienti [telefonico|nel weekend]?|[c'è un modo|esiste un modo] per parlare [con un operatore|con una persona] [senza passare dal menu|direttamente]?|[come posso|è possibile] [sapere|controllare] lo stato della mia segnalazione (pratica {pratica})?]
[[a quale indirizzo|dove] [devo|posso] mandare [un reclamo scritto|la documentazione]?]
@assistenza.detail
[la [segnalazione|pratica] è la {pratica}, aperta {data}|[ho chiamato|ho provato a chiamare] il {numero_verde} [alle 9|in pausa pranzo|alle 18] di {giorno}|[il tempo di attesa|l'attesa] annunciato era di {minuti_attesa}|[ho ancora|ho conservato] [gli screenshot|le mail] di [tutte le conversazioni|ogni contatto]]
@assistenza.short
[{minuti_attesa} [in attesa|di attesa] al numero verde[... record|, bravi|]|[assistenza|customer care] [non pervenuta|fantasma]|[ancora|sempre] [in attesa|con la musichetta] [🎶|] [da {minuti_attesa}|]|[chat|bot] [inutile|che risponde a caso]|[chiamata|telefonata] numero {n} all'assistenza. [Risultato: zero|Niente di fatto]]
[[bot|chat] che risponde "non ho capito" [🤖|]]
@assistenza.subj
[[Nessuna risposta|Mancata risposta] alle [mie|precedenti] segnalazioni|Sollecito pratica {pratica}|Richiesta di [richiamata|ricontatto]]
@assistenza.title
[Assistenza [inesistente|da incubo|lentissima]|Tempi di attesa [infiniti|assurdi]]
@prezzi.neg
[[dopo {mesi} mesi|alla scadenza della promo] [il prezzo è aumentato|la tariffa è salita|il prezzo è salito|la tariffa è aumentata] da {importo_mese} a {importo_mese2} [senza nessun avviso|con una comunicazione nascosta in bolletta]]
[[l'offerta|la promozione] "{offerta}" [era pubblicizzata|veniva venduta] a prezzo bloccato ma [è stata rimodulata|hanno cambiato le condizioni] dopo [pochi mesi|un anno]|[il prezzo|il costo] della [materia prima|componente energia] è [molto più alto|fuori mercato] rispetto [agli altri|a quanto mi avevano detto]]
[[costi nascosti|voci nascoste] ovunque: [attivazione|spedizione del modem|gestione pratica] a pagamento [anche se era tutto "gratis"|nonostante il venditore avesse detto il contrario]|[ai nuovi clienti|a chi arriva adesso] [fate|proponete] offerte [migliori|a metà prezzo] e ai clienti storici [niente|aumentate le tariffe]]
[la rimodulazione di {importo_small} al mese [sulla fibra|sul mobile] è [ingiustificata|una presa in giro]|[il venditore|l'agente porta a porta] [mi aveva promesso|mi ha detto] {importo_mese} al mese [tutto compreso|] e [invece|ora] pago quasi il doppio]
[la quota fissa mensile [è raddoppiata|è salita] [senza spiegazioni|da un mese all'altro]|l'offerta a prezzo variabile [che mi hanno venduto come conveniente|che sembrava conveniente] ora mi costa {importo_small} in più al mese]
[[nel volantino|sul sito] c'era scritto {importo_mese} al mese ma [non includeva|escludeva] [il modem|le tasse|il costo di attivazione]|[dopo il primo anno|finito lo sconto] pago [quasi il doppio|molto di più] e [nessuno|il venditore] [mi aveva avvisato|l'aveva detto]]
mi fate pagare pure [la bolletta cartacea|il servizio di pagamento|la spedizione della fattura][ nel 2026|, roba da matti|]
@prezzi.pos
[[prezzo onesto|tariffa competitiva] e [nessuna sorpresa|niente sorprese] [in bolletta|]|[con l'offerta|passando a] {offerta} [risparmio|ho risparmiato] circa {importo_small} al mese|[il prezzo bloccato|il prezzo fisso] per [due anni|24 mesi] [è una garanzia|mi dà tranquillità]]
[[rapporto qualità prezzo|qualità prezzo] [ottimo|tra i migliori che ho trovato]|[ho ottenuto|mi hanno proposto] [uno sconto|un'offerta migliore] [appena ho chiesto|senza dover minacciare di andarmene]|tariffa chiara [fin dall'inizio|dal primo giorno], [niente asterischi|nessuna clausola nascosta]]
@prezzi.neu
[[l'offerta|la tariffa] {offerta} è [ancora|] disponibile per [i già clienti|chi è già cliente]?|[quando scade|fino a quando vale] il prezzo bloccato della mia offerta?|[ci sono|avete] [sconti|offerte] se [unisco|metto insieme] luce, gas e fibra?]
[[come faccio a passare|posso passare] a un'offerta [più conveniente|a prezzo fisso]?]
@prezzi.detail
[[pagavo|prima pagavo] {importo_mese} al mese, [ora|adesso] {importo_mese2}|[l'aumento|la comunicazione] [era|stava] [in fondo alla|scritto in piccolo nella] bolletta di {mese}|[ho confrontato|confrontando] con [altre offerte|il Portale Offerte di ARERA] [e|:] [pago il 30% in più|costate molto di più]]
@prezzi.short
[[altro|ennesimo] aumento [della tariffa|del prezzo] [senza avviso|a sorpresa]|prezzo [bloccato|fisso]... [bloccato per quanto|per tre mesi forse] [🤡|]|+{importo_small} al mese [e nessuno ti avvisa|così dal nulla]|[il prezzo bloccato si è sbloccato|la tariffa fissa si è sbloccata] [da sola|magicamente] [🤡|🙃]]
[[rincaro|aumento] di {importo_small} al mese [e zitti|senza avvisare]]
@prezzi.subj
[Contestazione [aumento|rimodulazione] tariffa|Informazioni [offerte|tariffe] per già clienti|Prezzo diverso da quello concordato]
@prezzi.title
[[Aumenti|Rincari] [continui|a sorpresa]|Prezzi [non più convenienti|fuori mercato]]
@qualita.neg
[il modem [che mi avete dato|fornito] [si riavvia da solo|si surriscalda|si spegne] [più volte al giorno|continuamente]|da quando [sono passat{o}|siamo passati] a Lumenia [la luce salta|ci sono sbalzi di tensione] [almeno una volta a settimana|spesso]]
[la qualità del servizio è [peggiorata|calata] [tantissimo|parecchio] [negli ultimi mesi|dall'anno scorso]|[le chiamate|le telefonate] [dal cellulare|col mobile] [cadono|si interrompono] [di continuo|ogni due minuti] [anche in città|anche a {citta}]]
[[in casa|dentro casa] il [segnale|campo] del cellulare [non c'è|è assente] e [sul balcone|in giardino] [prende una tacca|va a intermittenza]|il [ripetitore wifi|decoder|router] [incluso nell'offerta|a noleggio] è [di pessima qualità|un giocattolo]]
[[l'energia verde|l'energia "100% rinnovabile"] [è solo marketing|è solo una parola] [visto che|se poi] [il servizio è questo|in bolletta non c'è nessuna certificazione]|la pressione del gas [è bassissima|cala] [la sera|quando si accende la caldaia] e [la caldaia va in blocco|l'acqua esce tiepida]]
[il decoder [si blocca|si impalla] [durante le partite|la sera] e tocca staccare la spina|il wifi del modem non arriva [oltre la seconda stanza|in camera da letto]|la caldaia [va e viene|si spegne] e il tecnico dice che [il problema è la pressione del gas|è colpa della fornitura]]
[il telefono fisso si sente [metallico|con un'eco fastidiosa] e [a volte|spesso] cade la linea|paghiamo l'energia verde ma [il servizio|l'assistenza] resta scadente|[la luce|la corrente] [ha dei cali|fa sfarfallare le lampadine] [ogni sera|quando accendo il forno]]
@qualita.pos
[[servizio|tutto] [impeccabile|perfetto] da [quando sono passat{o}|{anni} anni], [mai un problema|zero problemi]|il [nuovo modem|modem] [è ottimo|funziona benissimo] e [copre tutta la casa|il wifi arriva ovunque]|[luce e gas|le forniture] [senza interruzioni|stabili], [come dovrebbe essere|esattamente quello che chiedo]]
[[qualità ottima|servizio eccellente|servizio ottimo], [davvero|sinceramente] soddisfatt{o}|[il servizio|tutto] [funziona come un orologio|fila liscio] [da quando sono cliente|da mesi]|[la rete mobile|il 5G] [prende ovunque|va benissimo] anche [in collina|in ascensore]]
@qualita.neu
[[è possibile|posso] [sostituire|cambiare] il modem con [un modello più recente|uno che supporti il wifi 6]?|[l'energia|la luce] [fornita|venduta] da Lumenia è [davvero|] da fonti rinnovabili?|[come faccio|come posso] a [segnalare|comunicare] uno sbalzo di tensione?]
@qualita.detail
[[il modem|il router] è il [Lumenia Box|Lumenia Box 2|Lumenia Box Pro]|[ho già fatto|abbiamo già fatto] il reset [come suggerito|alle impostazioni di fabbrica] {n} volte|[l'ultimo|l'ennesimo] [blackout|sbalzo] è stato {data} [verso le 21|di sera|di mattina]]
@qualita.short
[modem [che si riavvia|ko] [ogni ora|di nuovo]|[qualità|servizio] [in caduta libera|sempre peggio]|[luce saltata|salta la luce] [di nuovo|per la terza volta questa settimana]|[wifi|segnale] che [non arriva|sparisce] [in camera|in cucina]. [Bello eh|Ottimo]|decoder [bloccato|impallato] [sul più bello|al 90esimo] [🤬|]]
@qualita.subj
[[Modem|Router] [difettoso|guasto]|[Sbalzi di tensione|Interruzioni] [frequenti|ripetute]|Copertura mobile [assente|scarsa]]
@qualita.title
[Qualità [in calo|scadente]|Modem [pessimo|difettoso]]
@app_sito.neg
[l'app MyLumenia [non mi fa entrare|mi butta fuori] [ogni volta|di continuo] e [devo rifare|tocca rifare] il login|[sul sito|nell'area clienti] [non si riesce a|è impossibile] [scaricare le bollette|vedere i consumi|cambiare i dati]]
[l'app [si blocca|crasha|si chiude da sola] [appena apro|quando apro] la sezione [Bollette|Consumi|Profilo]|[il codice OTP|l'SMS con il codice] [non arriva|arriva dopo mezz'ora] e [non riesco ad accedere|il codice è già scaduto]|[i consumi nell'app sono fermi|il grafico dei consumi nell'area clienti è fermo] a {mese}]
[[il sito|la pagina di pagamento] va in errore [al momento di pagare|quando inserisco la carta][ e non so se il pagamento è andato|]|[l'app|MyLumenia] [è lentissima|ci mette un'eternità] [a caricare|anche solo ad aprirsi]|[la password|il recupero password] [non funziona|non arriva mai]: [ho provato|provato] {n} volte]
[[non trovo|non c'è] [da nessuna parte|] [il modulo|la sezione] per [inviare l'autolettura|cambiare l'IBAN|scaricare il contratto]|la nuova grafica [del sito|dell'area clienti] è [confusionaria|illeggibile] e non si trova più niente]
[l'app mi chiede [di accettare i cookie|il consenso privacy] [ogni volta che la apro|a ogni accesso]|il modulo [per i reclami|di contatto] sul sito [non invia niente|dà "errore 500"] [quando premo invia|dopo mezz'ora di compilazione]|le notifiche dell'app mi arrivano [alle 3 di notte|in ritardo di giorni]]
[non riesco ad aggiungere [il contratto del gas|la seconda utenza] [all'account|all'app]|[l'app|MyLumenia] [consuma la batteria|scalda il telefono] anche [chiusa|in background]]
@app_sito.pos
[l'app [è comoda|è fatta bene|funziona bene]: [bollette|consumi|pagamenti] tutto [a portata di mano|in un clic]|[finalmente|] [un'app|un'area clienti] [chiara|intuitiva], [pago le bollette|faccio l'autolettura] in [un minuto|due minuti]|[le notifiche per la scadenza sono utilissime|i promemoria delle bollette sono comodi]]
[dall'app ho cambiato [l'IBAN|i miei dati] in [due minuti|un attimo], senza telefonare|[la chat dell'app|l'assistente nell'app] mi ha risolto [il problema|la pratica] [subito|senza attese]]
@app_sito.neu
[[come|dove] [si fa|faccio] l'autolettura [dall'app|sul sito]?|[l'app|MyLumenia] [è disponibile|funziona] anche [su tablet|su Huawei senza Google]?|[posso|è possibile] [gestire|vedere] [due contratti|più utenze] [con lo stesso account|nella stessa app]?]
[[come|dove] [cambio|modifico] [la mail collegata|il numero di telefono associato] all'account?]
@app_sito.detail
[[uso|ho] [un {device}|il {device}] [aggiornato|con l'ultimo sistema operativo]|[ho disinstallato e reinstallato|ho cancellato la cache e reinstallato] l'app [due volte|più volte]|[l'errore|il messaggio] che [compare|esce] è "[Servizio non disponibile|Si è verificato un errore imprevisto|Sessione scaduta]"]
@app_sito.short
[[app|MyLumenia] [inutilizzabile|che non funziona|ferma]|[login|accesso] [impossibile|ko] [di nuovo|pure oggi]|[sito|area clienti] [in errore|giù] [da stamattina|da ieri]|[app|area clienti] che chiede il login ogni 5 minuti... [perché|ma perché]|[aggiornate|sistemate] quel sito, [sembra del 2005|è un labirinto]]
@app_sito.subj
[[Problema|Problemi] [accesso|login] area clienti|App MyLumenia [non funzionante|si blocca]|Errore [pagamento online|sito]]
@app_sito.title
[App [inutilizzabile|da rifare]|[Sito|Area clienti] [lento|che non funziona]]
@rete.neg
[la fibra [va a singhiozzo|cade] [più volte al giorno|ogni sera|ogni mezz'ora]|pago per [1 giga|la fibra da 1 Gbps|2,5 giga] e [lo speedtest|il test] [dà|segna] {velocita}|[da {giorni_pochi} giorni|da ieri|da lunedì] [sono senza internet|non ho linea] [e nessuno mi sa dire niente|e il guasto è "in lavorazione"]]
[[la sera|dopo cena|nel weekend] [la connessione|internet] [rallenta|crolla] [fino a|a] {velocita}|[le videochiamate|le call di lavoro] [si bloccano|saltano] [di continuo|ogni cinque minuti]|la linea [fissa|telefonica] [è muta|non dà segnale] da {giorni_pochi} giorni]
[c'è un guasto in zona [{citta}|] e [nessuno comunica|Lumenia non comunica] [i tempi|quando sarà risolto]|[il ping|la latenza] [schizza|arriva] a [300|500|800] ms[ e giocare online è impossibile|, in call sembro un robot|]]
[[la connessione|internet] [salta|cade] [ogni volta che piove|quando c'è vento], [come se la linea fosse di carta|manco fossimo nel 1995]|[il 4G|il 5G|la rete mobile] [non prende|è assente] [in ufficio|in metro|in casa] [e non ricevo chiamate|e niente whatsapp]]
[la fibra cade [ogni notte|tutte le notti] [alle 3|verso le 2] e la mattina devo riavviare il modem|[il segnale LOS|la luce rossa] sul modem è accesa [da {giorni_pochi} giorni|da ieri sera] e il guasto "non risulta"|in upload faccio {velocita} e [caricare un file|mandare un video] è un'impresa]
[il segnale mobile sparisce [appena entro in casa|in ascensore e in garage] e perdo le chiamate|dopo il temporale di {giorno} la linea non è più tornata stabile|[il wifi|la connessione] [si scollega|salta] [ogni volta che accendo il microonde|quando tutti a casa siamo connessi]]
@rete.pos
[[la fibra|la connessione] [vola|va benissimo]: [sempre sopra|costantemente a] [900 mega|800 mega][ anche la sera|]|[zero disconnessioni|nessuna interruzione|zero interruzioni] da [quando ho attivato|{mesi} mesi], [perfetto|ottimo] per lo smart working]
[[il guasto|il problema alla linea] è stato risolto in [poche ore|giornata], [bravi|ottimo intervento]|[rete mobile|copertura] [ottima|eccellente] anche [in montagna|in campagna|in treno]|test [alle 21|in prima serata]: {velocita_alta} in download, [niente male|bravi]]
[[il cambio di modem|il nuovo modem] ha risolto [tutte le disconnessioni|i problemi di wifi]]
@rete.neu
[[c'è|risulta] un guasto [in zona|a {citta}] [in questo momento|oggi]?|[come|dove] [posso|si può] verificare [la copertura fibra|se arriva la fibra] [al mio indirizzo|nel mio palazzo]?|[quale|che] velocità [devo aspettarmi|è garantita] [con la FTTC|con la mia linea]?]
[[conviene|è meglio] collegare il pc [via cavo|con il cavo] o [in wifi|col wifi]?]
@rete.detail
[[lo speedtest|il test di velocità] [di stamattina|delle 21] [dice|dà] {velocita} in download|[abito|siamo] a {citta}, [l'armadio|la centralina] è [a cinquanta metri|sotto casa]|[ho già|abbiamo già] [riavviato il modem|cambiato il cavo|provato un altro modem] [e non cambia niente|, niente]]
[il [guasto|disservizio] [è iniziato|è cominciato] {data} [verso le 18|in mattinata|di notte]|il modem mostra la spia "Internet" spenta e il reset non cambia niente|[la linea è segnalata|il guasto risulta segnalato] come "[in lavorazione|in verifica]" da {giorni_pochi} giorni]
@rete.short
[[fibra|internet] [ko|giù|morta] [da ieri|da stamattina|di nuovo] a {citta}|[{velocita}|speedtest: {velocita}] [con la fibra|pagando la fibra]... [ok|bene|bravi]|[la connessione|internet] [fa|va] [schifo|pena|malissimo] [stasera|oggi]|[ping|latenza] alle stelle [stasera|] [🎮|]... [game over|ciao partita]]
[[zona|quartiere] {citta}: [fibra ko|internet giù] da [ore|stamattina]]
@rete.subj
[[Guasto|Disservizio] linea [fibra|internet|fissa]|[Lentezza|Velocità ridotta] connessione|Linea [assente|muta] da {giorni_pochi} giorni]
@rete.title
[Fibra [instabile|a singhiozzo|lentissima]|[Connessione|Internet] [ballerina|inaffidabile]]
@rimborsi.neg
[[aspetto|sto aspettando] il rimborso [del deposito cauzionale|della nota di credito|di {importo}] da [{mesi} mesi|{settimane} settimane]|[mi avevano garantito|mi era stato garantito] [il rimborso|lo storno] [entro 30 giorni|nella bolletta successiva] e [non è arrivato niente|sono ancora qui ad aspettare]]
[[la nota di credito risulta emessa|il rimborso risulta disposto] [ma|però] [sul conto|in banca] [non è arrivato nulla|non vedo niente]|[dopo la chiusura del contratto|dopo il recesso] [mi dovete|devo ricevere] {importo} di credito e [nessuno risponde|tutti fanno finta di niente]]
[per [avere|ottenere] [un rimborso|indietro i miei soldi] [ho dovuto|mi hanno chiesto di] [mandare|inviare] [tre volte|{n} volte] [lo stesso modulo|l'IBAN]|[l'indennizzo automatico|l'indennizzo] [previsto dalla carta dei servizi|per il disservizio] [non è mai stato riconosciuto|nessuno me l'ha mai dato]]
[il rimborso è arrivato ma di {importo_small} invece di {importo}|per avere indietro i soldi mi chiedono [un modulo|la copia del documento] [che ho già mandato|che non trovo da nessuna parte sul sito]|il deposito cauzionale [versato|pagato] [anni fa|all'attivazione] [non mi è stato restituito|è sparito] dopo la chiusura]
il rimborso è andato su un IBAN vecchio anche se vi avevo dato quello nuovo
@rimborsi.pos
[[il rimborso è arrivato|la nota di credito è arrivata] [in pochi giorni|prima del previsto], [grazie|corretti]|mi hanno riconosciuto [un indennizzo|un rimborso] per il disservizio [senza che lo chiedessi|in automatico], [apprezzato|bravi]]
[[lo storno|il rimborso] di {importo_small} [è stato fatto|è arrivato] [subito|in bolletta], come [promesso|concordato]|rimborso [arrivato|ricevuto] in [una settimana|pochi giorni], [precisi|impeccabili]|[l'indennizzo|il rimborso] per il guasto [è arrivato|me l'hanno accreditato] in bolletta senza che dovessi chiedere]
@rimborsi.neu
[[in quanto tempo|entro quanto] [arriva|viene accreditato] il rimborso [del deposito cauzionale|della nota di credito]?|[a chi|dove] [devo|posso] [comunicare|mandare] l'IBAN per il rimborso?|[il rimborso|la nota di credito] [arriva|viene accreditato] [sul conto|in bolletta] o [con bonifico|in altro modo]?]
@rimborsi.detail
[[il credito|la nota di credito] è di {importo_small} [come da|secondo la] fattura n. {fattura}|[il contratto è cessato|la fornitura è cessata] {data}[ per trasloco|]|[ho inviato|ho mandato] [il modulo|la richiesta] di rimborso {data} [via pec|tramite area clienti]]
@rimborsi.short
[[rimborso mai arrivato|nota di credito mai arrivata] [dopo {mesi} mesi|]|[ridatemi|restituitemi] i miei {importo_small}|[rimborsi|indennizzi] [fantasma|questi sconosciuti]|[rimborso|nota di credito] "in lavorazione" da [{mesi} mesi|una vita]|[aspetto ancora|ancora aspetto] i miei {importo_small} [🙄|]]
@rimborsi.subj
[Richiesta rimborso [deposito cauzionale|nota di credito|credito residuo]|Sollecito rimborso|Rimborso non ricevuto]
@rimborsi.title
[[Rimborso mai arrivato|Rimborsi lentissimi]|[Soldi|Credito] mai restituiti]
@contratto.neg
!per [disdire la linea|chiudere il contratto] [mi chiedono|pretendono] {importo} di [penale|costi di disattivazione] [che nessuno mi aveva detto|non previsti]
[[hanno attivato|mi hanno attivato] [un contratto|un servizio] [che non ho mai firmato|mai richiesto] [dopo una telefonata|con un venditore al telefono]]
[[la disdetta|la richiesta di cessazione] [inviata|mandata] [con raccomandata|via pec] {data} [non risulta|risulta mai arrivata] e [continuano a fatturare|continuate a fatturare]|[nel contratto|sul contratto] [c'erano|ci sono] condizioni [diverse|completamente diverse] da quelle [dette|spiegate] [dal venditore|al telefono]]
[[la voltura|il cambio di intestazione] [dopo il decesso di mio padre|per la casa di mia madre] [è un calvario|richiede mille documenti] e nessuno [mi aiuta|sa come fare]|[il vincolo|il vincolo di 24 mesi] [non mi era stato comunicato|non era scritto da nessuna parte][ al momento della firma|]]
[il venditore [mi ha fatto firmare|ha registrato un sì] dicendo che era un controllo delle bollette e mi ritrovo con un contratto nuovo|le condizioni sono cambiate con [una mail|un sms] che [sembrava spam|nessuno legge]|per la voltura mi avete fatto pagare {importo_small} di [costi amministrativi|diritti fissi] mai comunicati]
hanno aggiunto [un'assicurazione|un servizio extra] alla fornitura [senza chiedermelo|senza consenso]
@contratto.pos
[[la voltura è stata|il cambio di intestazione è stato] [semplice|veloce] e [senza costi|gestita bene]|mi hanno spiegato [bene|chiaramente] [le condizioni|il contratto] [prima della firma|senza fretta]|[il trasloco delle utenze|il passaggio della fornitura nella casa nuova] è stato [fatto in pochi giorni|gestito perfettamente]]
[il contratto è scritto [in modo chiaro|in italiano comprensibile], niente sorprese|[il cambio di offerta|il passaggio a un'altra tariffa] l'ho fatto [dall'app|in chat] in cinque minuti]
@contratto.neu
[[come faccio|cosa devo fare] per [disdire|chiudere] la [fornitura|luce] [della casa di mia madre|dell'appartamento che ho venduto|della casa in affitto]?|[sto traslocando|devo traslocare] a {citta}: [posso|come faccio a] [portare|trasferire] il contratto [nella nuova casa|al nuovo indirizzo]?]
[[vorrei|devo] [fare la voltura|cambiare l'intestatario] [del contratto|della bolletta] [a nome di mia moglie|a nome di mio marito|a mio nome]: [che documenti servono|quali documenti servono]?|[dove trovo|posso avere] [una copia|copia] del contratto [firmato|sottoscritto]?]
[[quanto dura|fino a quando c'è] il vincolo [della mia offerta|sul modem]?|posso [sospendere|mettere in pausa] la fornitura della [casa al mare|seconda casa] [per l'inverno|nei mesi in cui non ci sono]?|[il contratto|l'offerta] si rinnova [in automatico|da solo] alla scadenza?]
@contratto.detail
[[ho firmato|il contratto è stato firmato] {data} [con un agente|online|in negozio a {citta}]|[la raccomandata|la pec] [ha|porta] il numero {raccomandata}|[l'utenza è intestata|il contratto è intestato] [a mio marito|a mia madre|alla mia ditta]]
@contratto.short
[[penali|costi di disattivazione] [assurdi|folli] [per disdire|per andarsene]|contratto [mai firmato|fantasma] e [pure attivato|attivo lo stesso]|[vincoli nascosti|vincolo nascosto] [ovunque|nel contratto]|[contratti|vendite] al telefono: [mai più|mai firmare niente]]
[[la voltura|il cambio intestatario] costa più [del regalo di nozze|di un mese di bolletta] [😅|]]
@contratto.subj
[[Richiesta|Informazioni] [voltura|subentro|cessazione]|Contratto [non richiesto|mai sottoscritto]|Trasloco utenze]
@contratto.title
[Contratto [poco chiaro|con sorprese]|[Attivazione|Contratto] non richiesto]
@cortesia.neg
[l'operatore mi ha risposto in modo [sgarbato|arrogante|maleducato] e [mi ha chiuso il telefono in faccia|ha riattaccato]|[la ragazza|il ragazzo|l'addetto] [del negozio|allo sportello] [non mi ha nemmeno guardato|continuava a guardare il telefono][ mentre parlavo|]]
[il tecnico è entrato con le scarpe [infangate|sporche] e ha lasciato [calcinacci|pezzi di cavo] [ovunque|per terra] [senza dire nulla|]|mi hanno [trattat{o}|fatto sentire] come [un numero|l'ultima ruota del carro|un idiota]]
[[l'operatrice|l'operatore] [mi ha interrotto|continuava a interrompermi] [di continuo|mille volte] e [non ascoltava|non mi faceva parlare]|[il venditore|l'agente] [porta a porta|al telefono] [è stato|era] [insistente|aggressivo] e non accettava un no]
[quando ho chiesto spiegazioni [l'operatore|l'operatrice] ha [sbuffato|riso] e mi ha detto "[è così e basta|legga il contratto]"|[il ragazzo|la ragazza] del call center mi dava del tu e mi parlava sopra|mi hanno messo in attesa e [si sentiva ridere|ho sentito commenti] in sottofondo]
@cortesia.pos
[[l'operatrice è stata [gentilissima|cortesissima|super disponibile]|l'operatore è stato [gentilissimo|cortesissimo|super disponibile]|la ragazza al telefono è stata [gentilissima|super disponibile]] e [paziente|mi ha spiegato tutto]|il tecnico [è stato|era] [gentilissimo|bravissimo|educatissimo] e [ha pulito tutto|mi ha spiegato come funziona il modem]]
[[personale|staff] [del negozio|allo sportello] [di {citta}|] [cortese|gentile] e [preparato|competente]|[finalmente|] [un operatore|una persona] [che ascolta|che ti ascolta davvero] e [non legge il copione|non ti liquida]]
[[l'operatore|l'operatrice] mi ha [richiamat{o}|ricontattat{o}] il giorno dopo per [sapere se era tutto ok|verificare che fosse tutto risolto], [una rarità|che gentilezza]|[il tecnico|l'installatore] [ha aspettato|è rimasto] finché [il wifi non funzionava in tutte le stanze|non ero sicur{o} che andasse tutto]]
@cortesia.neu
[[vorrei|volevo] [segnalare|lasciare un feedback su] [l'operatore|il tecnico] [che è venuto|che mi ha seguito] {data}|[dove posso|come posso] lasciare un [complimento|feedback] [per un operatore|allo staff]?]
@cortesia.detail
[[la chiamata è avvenuta|l'incontro è avvenuto] {data} [verso le 11|nel pomeriggio|in mattinata]|[al negozio|allo store] di {citta}[, quello in centro|]]
@cortesia.short
[[operatore maleducato|operatrice scortese] [al numero verde|in negozio]|[che gentilezza|gentilezza zero]... [bah|mah|complimenti]|[tecnico gentilissimo|tecnico un mito] [👍|🙏|]|[grazie|un grazie] [all'operatrice|all'operatore|al tecnico] di [stamattina|oggi|ieri], [una persona squisita|un angelo] [🙏|💚|]]
[[maleducazione|arroganza] [da manuale|da record] [al 800|in negozio]]
@cortesia.subj
[Segnalazione comportamento operatore|Reclamo per [scortesia|maleducazione]|Ringraziamento [tecnico|operatore]]
@cortesia.title
[[Personale scortese|Operatori maleducati]|[Gentilezza|Cortesia] [zero|sotto zero]]
@contatori.neg
[[è arrivato|mi è arrivato] un conguaglio di {importo} [per consumi di due anni fa|riferito al {anno}|dopo mesi di bollette stimate]|[avete fatturato|continuate a fatturare] [su letture stimate|con consumi presunti] [anche se|nonostante] [mando|invio] l'autolettura [ogni mese|regolarmente]]
[il letturista [non è mai passato|non passa] [da {mesi} mesi|da un anno] e [poi|ovviamente] [arriva la batosta|arriva il conguaglio]|[la lettura|la lettura in bolletta] [è completamente sbagliata|non corrisponde]: il contatore [segna|dice] {lettura}, voi [scrivete|avete messo] {lettura2}]
[[il contatore|il contatore elettronico] [risulta guasto|non trasmette le letture][ da {mesi} mesi|] e [nessuno viene a sostituirlo|nessuno interviene]|[l'autolettura|la foto del contatore] [caricata|inviata] [sull'app|dal sito] [non viene considerata|viene ignorata]]
[il nuovo contatore [installato|montato] [a {mese}|da poco] segna [consumi doppi|il doppio di prima] con gli stessi elettrodomestici|il conguaglio è arrivato [tutto insieme|in un'unica rata] e [non è rateizzabile|devo pagarlo in 20 giorni]]
[nella fattura ci sono letture di un contatore [che non è il mio|con una matricola diversa dalla mia]|il contatore è nel vano condominiale e [il letturista|nessuno] non ha mai chiesto le chiavi]
@contatori.pos
[[l'autolettura|inviare la lettura] [dall'app|con la foto] è [semplicissima|velocissima] e [la bolletta|la fattura] [è corretta|torna]|[il conguaglio|il ricalcolo] è stato [a mio favore|corretto] e [spiegato bene|ben spiegato]]
[[hanno sostituito|hanno cambiato] il contatore [in pochi giorni|velocemente] [senza costi|e senza disagi]|[le letture|i consumi] si aggiornano [in automatico|da soli] e la bolletta non è mai stimata|[l'operatore|l'operatrice] mi ha [aiutat{o}|guidat{o}] a leggere il contatore [al telefono|in videochiamata]]
@contatori.neu
[[come|quando] [si fa|devo fare] l'autolettura [del gas|della luce]?|[perché|come mai] [la bolletta|la fattura] [è su consumi stimati|risulta stimata]?|[posso|è possibile] [rateizzare|dividere in rate] il conguaglio di {importo}?|[dove|come] [trovo|leggo] [il numero|la matricola] del contatore?]
@contatori.detail
[[il PDR|il codice PDR] è {pdr}|[il POD|il codice POD] è {pod}|[la lettura|l'ultima lettura] [che ho inviato|inviata] {data} [è|era] {lettura}|[i consumi annui|i consumi] sono [intorno ai|di circa] [{smc}|{kwh}]]
@contatori.short
[conguaglio di {importo} [dal nulla|a sorpresa|🤯]|[letture stimate|consumi stimati] [per mesi|sempre] [e poi la mazzata|e poi il conguaglio]|[autolettura|foto del contatore] [ignorata|inutile]|[contatore impazzito|letture impazzite]? conguaglio da {importo} [🤯|😱]]
[[autolettura|lettura] [inviata|mandata] {n} volte, [bolletta stimata lo stesso|ignorata lo stesso]]
@contatori.subj
[Contestazione conguaglio|[Lettura errata|Letture errate] contatore|Autolettura non acquisita]
@contatori.title
[Conguaglio [folle|assurdo|inaspettato]|Letture [stimate|sbagliate]]
@emerg.neg
[dopo l'aggiornamento dell'app MyLumenia [mi è arrivato|mi hanno fatto] un doppio addebito [della bolletta|sulla carta]|ho pagato la bolletta [dall'app|con l'app] e [mi avete|mi hanno] addebitato [due volte|il doppio,] {importo}]
[[da quando|dopo che] ho aggiornato l'app, il pagamento della bolletta [risulta|viene] [addebitato due volte|duplicato]|[sulla carta|sul conto] mi ritrovo [due addebiti identici|lo stesso importo addebitato due volte] da {importo}, [entrambi|tutti e due] "LUMENIA MYLUMENIA"]
[l'app [nuova|aggiornata] [dà errore al pagamento|dice "pagamento non riuscito"] ma [intanto|poi] i soldi [li prende|sono stati presi] due volte|[doppio addebito|addebito doppio] della bolletta dopo l'[ultimo|ennesimo] aggiornamento dell'app]
con la nuova versione di MyLumenia [ho pagato|pago] una volta e [mi addebitate|mi scalate] due [volte|bollette]
@emerg.detail
[versione dell'app {app_ver} su [iPhone|Android|Samsung|Xiaomi]|[l'estratto conto|la banca] mostra due movimenti da {importo} [lo stesso giorno|a distanza di un minuto]|l'app si è aggiornata [da sola|in automatico] [qualche giorno fa|la settimana scorsa|{data}]]
[[in banca|dalla banca] mi dicono che il secondo addebito è [partito|stato richiesto] da voi]
@emerg.short
[doppio addebito [dopo l'aggiornamento|con la nuova app] [ma state scherzando|ridatemi i soldi|??]|app aggiornata e [bolletta pagata due volte|mi prendete i soldi due volte]|[chi altro|qualcun altro] [ha avuto|ha] il doppio addebito [dall'app|con MyLumenia]?]
@emerg.subj
[Doppio addebito [bolletta|pagamento] [dopo aggiornamento app|da app MyLumenia]|[Pagamento duplicato|Addebito duplicato] [app|MyLumenia]]
@emerg.title
[Doppio addebito [dopo l'aggiornamento|con l'app]|[Aggiornamento disastroso|App che addebita due volte]]
@fade.neg
[[aspetto|sto aspettando] l'attivazione della fibra da {settimane} settimane|il tecnico per l'attivazione della fibra [non si è presentato|non si è fatto vivo] [all'appuntamento|per la seconda volta]|[ho firmato|ho sottoscritto] il contratto fibra {data} e [ancora niente|sono ancora senza linea]]
[la [pratica|richiesta] di attivazione della fibra [risulta|è] "in lavorazione" da [più di un mese|{settimane} settimane]|mi avevano promesso l'attivazione della fibra in {giorni_pochi} giorni, [siamo a|ne sono passati] {giorni}]
[[ritardo assurdo|ritardi infiniti|ritardi assurdi] nell'attivazione della fibra[, e nel frattempo pago la vecchia linea|]|l'appuntamento con il tecnico della fibra [è stato|viene] spostato [per la terza volta|di continuo][ senza preavviso|]]
@fade.detail
[il modem è arrivato [da settimane|{data}] ma la fibra non è [attiva|ancora attiva]|[la centralina|l'armadio] [in strada|sotto casa] è già [cablato|pronto], quindi [non capisco il ritardo|cosa aspettate]|ogni volta mi dicono che [manca il permesso|aspettano l'OK] [del gestore della rete|del comune]]
@fade.short
[fibra [ancora non attiva|mai attivata] dopo {settimane} settimane|[dove sta|che fine ha fatto] il tecnico per la fibra[?|??]|attivazione fibra [infinita|eterna] [🐌|]]
@fade.subj
[Ritardo attivazione fibra|Attivazione fibra [non ancora avvenuta|in ritardo] - contratto {contratto}|Appuntamento tecnico fibra [non rispettato|saltato]]
@fade.title
Attivazione fibra [infinita|lentissima|in ritardo]
@churn.escalate
[sto [seriamente |]valutando di cambiare [operatore|fornitore]|se non [risolvete|si risolve] entro {giorni_pochi} giorni [mi rivolgo a un'associazione dei consumatori|faccio reclamo formale|cambio gestore]|[mi state facendo|mi fate] passare la voglia di restare cliente]
[è la [terza|quarta|quinta] volta che [scrivo|segnalo] [la stessa cosa|lo stesso problema]|[mi sto informando|mi sto guardando intorno] per [altre offerte|altri fornitori]|[ho già chiesto|sto chiedendo] preventivi [ad altri operatori|altrove]]
@churn.final
[[ho già inviato|ho mandato|ho spedito] la disdetta [con raccomandata|via pec|tramite il modulo sul sito][ e non tornerò indietro|]|[ho chiesto|ho avviato] la portabilità [verso un altro operatore|a {competitor}] e [finalmente|] me ne vado]
[[esercito|eserciterò] il diritto di recesso[ come previsto dal contratto|] e [chiedo|vi chiedo] la chiusura senza penali|[passo|sono passat{o}|sto passando] a [un altro operatore|un altro fornitore|{competitor}], [basta|non ne posso più]]
[ho presentato reclamo [all'ARERA|allo Sportello per il consumatore di ARERA|all'AGCOM|al Corecom] e [procedo|procederò] con la disdetta|[vi comunico|comunico] che [ho deciso di|intendo] recedere dal contratto [con effetto immediato|entro fine mese]]
[[questa è|è] l'ultima volta che [vi scrivo|vi contatto]: [disdetta|ho disdetto tutto], luce, gas e fibra|[ho già firmato|ho già sottoscritto] con [un altro fornitore|{competitor}], [chiedo|vi chiedo] di non addebitare [penali|costi di disattivazione]]
[[appena|non appena] [scade|finisce] il vincolo [me ne vado|cambio fornitore|passo altrove], [ho già|] deciso]
@churn.subj
[Disdetta [contratto|fornitura] n. {contratto}|[Reclamo formale|RECLAMO FORMALE]|Recesso dal contratto|[Ultimo sollecito|ULTIMO AVVISO] prima della disdetta|Richiesta portabilità e chiusura contratto]
@hardneg
[non voglio disdire, [sono cliente da {anni} anni|mi sono sempre trovat{o} bene], ma [questa cosa va risolta|così non va]|[non ho intenzione di|non voglio] cambiare [operatore|fornitore], però [pretendo|chiedo] [rispetto|una soluzione]]
[[resto cliente|rimango con voi] [perché il prezzo è buono|dato che in zona non c'è di meglio], ma sono [furios{o}|esasperat{o}]|[ho fatto reclamo|farò reclamo] [all'ARERA|formale], ma sia chiaro: non [voglio|intendo] [andarmene|disdire il contratto], voglio [i miei soldi|che sistemate]]
[non sto minacciando di [andarmene|disdire], [chiedo solo|voglio solo] che qualcuno [mi risponda|risolva]|la disdetta non la faccio, [per principio|sono affezionat{o}], ma [voglio|esigo] [un rimborso|una risposta seria]]
@mixed.pos
[il tecnico [è stato|era] [gentilissimo|bravissimo|molto professionale|super preparato]|l'operatrice [al telefono|in chat] [è stata|era] [gentile|cortese|disponibilissima|molto paziente]|[il prezzo è buono|la tariffa è onesta|la tariffa è competitiva|il prezzo è imbattibile]]
[[l'app|MyLumenia] [è comoda|funziona bene|è fatta bene]|[la bolletta|la fattura] [è chiara|si capisce|è leggibile]|[l'attivazione è stata veloce|il passaggio è stato rapido|il passaggio è stato indolore]|[in negozio|al negozio di {citta}] [sono stati|erano] [gentili|disponibili|carini]]
[[per carità|niente da dire], [la luce e il gas|le forniture] [non hanno mai dato problemi|vanno bene]|[la fibra|la connessione] [quando va|quando funziona] [va forte|è velocissima]|il modem [è buono|prende bene in tutta casa]|[in passato|all'inizio] mi ero trovat{o} bene]
@mixed.conn
[ma|però|peccato che|il problema è che|ma purtroppo|solo che|ma poi|eppure|ma il punto è che|sennonché]
@para
il servizio clienti|l'assistenza clienti|il customer care|il call center
la settimana scorsa|la scorsa settimana
il problema|il disservizio|il guaio
subito|immediatamente|in un attimo
davvero|veramente
non ne posso più|sono al limite|non ce la faccio più
tantissimo|un sacco|moltissimo
ogni volta|tutte le volte
niente|nulla
in smart working|da casa|in remoto
il modem|il router
mi hanno detto|mi è stato detto|mi hanno risposto
assurdo|allucinante|pazzesco|ridicolo
inaccettabile|intollerabile|inammissibile
sto ancora aspettando|aspetto ancora|sono ancora in attesa
purtroppo|sfortunatamente
grazie mille|grazie infinite|mille grazie
sinceramente|onestamente|francamente
di continuo|continuamente|in continuazione
ogni sera|tutte le sere
mi avete|mi hanno
nessuno risponde|non risponde nessuno
operatore|consulente
velocemente|rapidamente
un'eternità|una vita|secoli
la bolletta|la fattura ; le bollette|le fatture ; della bolletta|della fattura ; in bolletta|in fattura
mi hanno promesso|mi hanno assicurato|mi hanno garantito ; ancora niente|ancora nulla|tutto fermo
ogni giorno|tutti i giorni ; più volte|diverse volte|parecchie volte ; qualche giorno|un paio di giorni|pochi giorni
il tecnico|l'installatore ; bravi|complimenti|bravissimi ; in giornata|entro sera|in serata
al più presto|il prima possibile|quanto prima ; cordiali saluti|distinti saluti|saluti cordiali
tutto risolto|tutto sistemato|problema risolto ; funziona benissimo|va benissimo|funziona alla grande
da mesi|da tempo|da parecchio ; non funziona|non va ; si blocca|si pianta|si impalla ; a singhiozzo|a intermittenza
il vecchio fornitore|il vecchio gestore|il precedente fornitore ; un altro operatore|un altro gestore|un'altra compagnia
mi dicono|mi rispondono|mi ripetono ; nessuno sa|nessuno è in grado di ; non si capisce|non si riesce a capire
mai più|mai e poi mai ; tutto ok|tutto bene|tutto a posto ; all'inizio|inizialmente|in un primo momento
mia madre|mia mamma ; mio padre|mio papà ; in casa|a casa ; ovviamente|naturalmente|chiaramente
almeno|perlomeno ; quasi|praticamente ; zero problemi|zero disagi|nessun problema ; cade|salta
@connect.neg
[Tra l'altro,|Oltretutto|Per di più|E poi|Come se non bastasse,|Inoltre|Ah, e|Nel frattempo|Intanto|Insomma,|Per giunta|Aggiungo che|Non solo:|Oltre al danno la beffa:|Ciliegina sulla torta:|Morale:|Risultato:|E come se niente fosse|Ovviamente|Tanto per cambiare]
@connect.pos
[Inoltre|In più|E poi|Tra l'altro|Anche|Per non parlare del fatto che|Aggiungo che|Ah, e]
@mixed.after
[[Detto questo|Comunque|Va detto che|Almeno],]
@review.open.neg
[Sono cliente da {anni} anni e [sinceramente|onestamente] [non mi era mai capitato|non ne posso più]|Scrivo questa recensione [per avvisare|per mettere in guardia] chi sta pensando di passare a Lumenia|[Esperienza|Esperienza con Lumenia] [pessima|da dimenticare|deludente]]
[Premetto che [non scrivo mai recensioni|di solito non mi lamento]|[Allora,|Dunque,] vi racconto [la mia esperienza|cosa mi è successo]|Sono passat{o} a Lumenia [a {mese}|da qualche mese] [attirat{o} dal prezzo|perché me l'avevano consigliato] e me ne sono pentit{o}]
[Ho resistito {mesi} mesi ma adesso [basta|scrivo]|[Lascio questa recensione|Scrivo qui] perché [per telefono non mi ascolta nessuno|è l'unico modo per farsi sentire]|Da quando ho firmato [è stato un calvario|sono cominciati i guai]|[Attenzione|Occhio] prima di firmare con Lumenia|Mi [avevano parlato bene|avevano consigliato] di Lumenia, [che errore|grande errore]|[Non so da dove iniziare|Ne avrei da raccontare]]
@review.open.pos
[Cliente da {anni} anni, [mi trovo|mi sono sempre trovat{o}] bene|Sono passat{o} a Lumenia [a {mese}|da qualche mese] e [sono soddisfatt{o}|non torno indietro]|Voglio lasciare una recensione positiva perché [se lo meritano|è giusto dirlo anche quando le cose vanno bene]]
[[Avevo qualche dubbio|Ero scettic{o}] [all'inizio|prima di firmare], ma [mi sono ricredut{o}|devo ricredermi]]
[Scrivo di rado recensioni ma [stavolta|questa volta] [ci vuole|è doveroso]|Dopo [anni|{anni} anni] con [un altro gestore|un altro fornitore] [finalmente|ho cambiato e] respiro|[Devo dire|Va detto] che [mi hanno stupito|sono rimast{o} piacevolmente sorpres{o}]|[Mi sono trovat{o} bene|Esperienza positiva] fin dal primo giorno]
@review.open.neu
[[Esperienza nella media|Niente di speciale]|[Luci e ombre|Pro e contro]|[Cliente da poco|Cliente da {mesi} mesi], [primo giudizio|prime impressioni]]
@review.neu
[[servizio nella norma|tutto sommato nella norma|servizio normale], [né bene né male|niente di eccezionale|senza particolari sorprese]|[prezzi in linea con il mercato|prezzi nella media|tariffe nella media], [servizio sufficiente|senza infamia e senza lode|niente di più]]
[[per ora|finora|fino a oggi] [nessun problema particolare|tutto regolare|niente da segnalare], vedremo [con le prossime bollette|nei prossimi mesi|col conguaglio]|[fa quello che deve|fa il suo dovere|fa il minimo sindacale], [nulla di più|niente di più|e va bene così]]
[[l'app è migliorabile|il sito è un po' confuso|l'area clienti è macchinosa] ma [le bollette arrivano|il servizio c'è|la luce non è mai mancata]|[un fornitore come tanti|come gli altri fornitori], [con i suoi pro e contro|con alti e bassi]]
@review.close.neg
[[Sconsigliato|Sconsigliatissimo|Da evitare|Da evitare come la peste]|Mai più[ Lumenia|, parola mia|]|[Vergognatevi|Vergogna|Che vergogna]|Una stella è [pure troppo|anche troppo|regalata]|[Statene alla larga|Fuggite finché siete in tempo|Non fatevi fregare]|[Pessimi|Pessimo servizio|Servizio pessimo]]
[[Che delusione|Che tristezza|Delusione totale]|Zero stelle se [si potesse|potessi]|[Bocciati|Bocciati su tutta la linea]|[Siete avvisati|Occhio|Uomo avvisato mezzo salvato]|[Rimpiango il vecchio fornitore|Si stava meglio quando si stava peggio]|[Non ci siamo proprio|Così non va]]
@review.close.leave
[[Appena posso|Alla prima occasione|Appena scade il vincolo] cambio]
@review.close.pos
[[Consigliato|Consigliatissimo|Lo consiglio|Lo consiglio a tutti]|Continuate così|[Bravi|Bravissimi|Bravi ragazzi]|Cinque stelle [meritate|strameritate]|Grazie ancora|[Promossi|Promossi a pieni voti|Dieci e lode]]
[[Top|Servizio top|Top, davvero]|[Per ora tutto ok, speriamo duri|Speriamo continui così]|Grazie Lumenia[!| 💚|]|[Felice di aver cambiato|Non torno indietro|Scelta azzeccata]]
@review.close.neu
[[Vedremo|Staremo a vedere|Si vedrà]|[Tre stelle|Voto sufficiente|Per ora sei meno meno] per ora|[Migliorabile|Si può fare di meglio|C'è margine]]
@title.pos
[[Ottimo servizio|Servizio eccellente|Tutto perfetto|Tutto ok]|[Soddisfatt{o}|Molto soddisfatt{o}|Pienamente soddisfatt{o}]|[Finalmente un fornitore serio|Consigliato|Promossi]|[Bravi|Top|Cinque stelle]|[Attivazione veloce|Assistenza impeccabile|Bollette chiare]]
@title.neu
[[Nella media|Così così|Senza lode|Sufficiente]|[Nessun problema per ora|Ok|Tutto regolare]|[Vedremo|Prime impressioni|Da valutare]]
@title.mixed
[[Luci e ombre|Bene ma non benissimo|Potrebbe andare meglio|Alti e bassi]|[Gentili ma|Buono ma|Ok ma] [poco efficienti|con qualche problema|lenti]|[Bene il prezzo|Bene il tecnico|Bene l'app], male [il resto|l'assistenza|la fibra]]
@gen.history
[[ho chiamato|ho contattato|ho sentito] il servizio clienti {n} volte[ in due settimane| in un mese|]|ho aperto [una segnalazione|un reclamo|un ticket] {data} (pratica {pratica})]
[mi hanno [promesso|garantito|assicurato] [un richiamo|una soluzione|un intervento] entro {ore} ore [e non si è visto nessuno|ma niente|e sto ancora aspettando]|ogni operatore [dice una cosa diversa|mi dà una versione diversa|ha una spiegazione diversa]]
[mi [hanno passato|passano|rimbalzano] da un [reparto|ufficio] all'altro [senza risolvere nulla|per ore|come una pallina]|[ho già scritto|avevo già scritto] [due volte|la settimana scorsa|{data}] [senza risposta|e mi avete risposto con un messaggio automatico]]
[[scrivo|vi scrivo] per la [seconda|terza] volta [in merito allo stesso problema|sulla stessa questione]|[in chat|al telefono] mi hanno detto di [aspettare|pazientare] [qualche giorno|altre 48 ore] e [poi più niente|nessuno mi ha più cercato]]
[[sono andat{o}|mi sono recat{o}] [in negozio|allo store] a {citta} e [mi hanno detto di chiamare il numero verde|non sapevano niente]|[la pratica risulta chiusa|il reclamo è stato chiuso] senza che nessuno mi [abbia contattato|abbia spiegato niente]]
[ho [spiegato|raccontato] [la stessa storia|tutto da capo] a [quattro|cinque|{n}] operatori diversi|mi hanno detto che [mi avrebbe richiamato un tecnico|avrebbero aperto una segnalazione] e [non è successo niente|non ho più saputo nulla]|ho [anche|perfino] scritto [sulla pagina Facebook|su Instagram] [e mi hanno risposto in privato con un copia-incolla|senza risultati]|[ho|avevo] [già|pure] chiesto [un reclamo scritto|il numero di pratica] [a {mese}|il mese scorso]]
@gen.consequence
[ho perso [mezza giornata|una giornata|un pomeriggio intero|ore] [di lavoro|di ferie|] [ad aspettare|al telefono|dietro a questa storia]|lavoro in smart working e sono rimast{o} senza connessione per {giorni_pochi} giorni]
[[mia madre|mia nonna|mio padre][, che ha {anni_eta} anni,| anziana| anziano] è rimast[a|o|a] [senza luce|senza acqua calda|senza telefono|isolat{o}] [per ore|un giorno intero|tutto il weekend]|[i ragazzi non riescono|mio figlio non riesce|mia figlia non riesce] a [studiare|seguire le lezioni online|fare i compiti]]
[ho dovuto usare l'hotspot del telefono e [ho finito i giga|ho consumato tutti i giga|mi sono giocat{o} la ricarica]|ho [un'attività|un negozio|un bar|uno studio] e [ogni giorno|ogni ora] senza [linea|pos|internet] [sono soldi persi|perdo clienti|ci rimetto]]
[tra [telefonate|chiamate] e [mail|pec|messaggi] ci ho perso [le giornate|la pazienza|il sonno]|[ho dovuto|mi è toccato] [anticipare|pagare] {importo} [per non farmi staccare la luce|per evitare la sospensione]]
[[ho saltato|mi sono pers{o}] [una riunione importante|un colloquio online|un esame online] per colpa [della linea|vostra]|[il frigorifero|il congelatore] [si è spento|è rimasto spento] e ho dovuto buttare [la spesa|tutto]]
[ho [la telecamera|l'allarme] collegat[o|a] a internet e [non funziona più niente|sono rimast{o} senza protezione]|[in casa|a casa] [lavoriamo in due|siamo in {n_persone}] con [internet|la fibra] e [ci litighiamo|ci dividiamo] [l'hotspot|i giga del telefono]]
@gen.escalate
[sono [stuf{o}|esasperat{o}|sfinit{o}|allo stremo]|se non [risolvete|rispondete] [mi rivolgo a un avvocato|mi rivolgo a un'associazione dei consumatori|faccio reclamo formale|vado dai carabinieri]|[è una vergogna|è inaccettabile|è assurdo|è scandaloso] [trattare così i clienti|nel 2026|per un'azienda così grande]]
[[non è possibile|non si può] [andare avanti così|continuare così|lavorare così]|[mi sento presa in giro|mi sento preso in giro|mi prendete in giro]|[ho perso la pazienza|la pazienza è finita|sono al limite della sopportazione]|[nessuno si prende la responsabilità|nessuno ci mette la faccia]]
@gen.pos_detail
[[l'attivazione è avvenuta|tutto è stato attivato] in {giorni_pochi} giorni|[risparmio|spendo] circa {importo_small} [al mese|in meno] rispetto a prima|[anche|pure] [la bolletta|l'app] [è chiara|funziona bene]|[l'ho consigliato|l'ho consigliata] [anche ai miei genitori|a mia sorella|ai colleghi]]
@ticket.greet
[Gentile servizio clienti,|Buongiorno,|Spett.le Lumenia,|Salve,|Buonasera,|Gentili signori,|Alla cortese attenzione dell'ufficio reclami,|Egregi signori,|Ciao,|Buongiorno a voi,]
@ticket.intro
[sono [titolare|intestatari{o}] del contratto {offerta} n. {contratto}[ e vi scrivo per segnalare un problema| e vi scrivo in merito a quanto segue|]|vi contatto in merito alla mia [utenza|fornitura] [luce|gas|fibra] (codice cliente {cust})|con la presente [segnalo|desidero segnalare] quanto segue]
[[vi scrivo|scrivo] [per conto di mia madre, intestataria|per conto di mio padre, intestatario] della fornitura]
[[scrivo|vi scrivo] [riguardo|in merito] [al contratto intestato|alla fornitura intestata] a me (codice cliente {cust})|[mi rivolgo a voi|vi contatto] [dopo l'ennesima telefonata inutile|perché al telefono non si risolve niente]|[sono cliente da {anni} anni|sono vostr{o} cliente da {anni} anni] e [vi scrivo|devo segnalare] quanto segue|[segnalo|vi segnalo] un problema [sulla mia utenza|sul contratto {offerta}] n. {contratto}]
@ticket.request
[Vi chiedo [cortesemente|gentilmente] di [verificare|ricontrollare] [la situazione|l'importo|la mia posizione] e di [emettere una nota di credito|stornare l'importo non dovuto|correggere la fattura]|[Chiedo|Pretendo|Desidero ricevere] [un riscontro|una risposta] scritta entro {giorni_pochi} giorni]
[Resto in attesa di [un vostro riscontro|una risposta|un vostro cortese cenno] [urgente|celere|in tempi brevi]|Chiedo di essere ricontattat{o} [al più presto|il prima possibile|in giornata] [al numero associato al contratto|all'indirizzo mail che avete|]]
[Vi chiedo di [sistemare|risolvere] [la questione|il problema|la faccenda] [senza ulteriori rinvii|una volta per tutte|entro fine mese]|[Chiedo inoltre|Chiedo anche] [l'indennizzo previsto dalla carta dei servizi|il rimborso delle spese sostenute|la sospensione dei solleciti fino a chiarimento]]
@ticket.request_neu
[[Grazie in anticipo|Ringrazio in anticipo] per [le informazioni|la risposta]|Attendo [vostre indicazioni|istruzioni]|[Potete|Potreste] [indicarmi|spiegarmi] [la procedura|come procedere]?]
@ticket.close
[Cordiali saluti|Distinti saluti|Grazie, saluti|In attesa di riscontro, porgo cordiali saluti|Grazie per l'attenzione|Saluti|Buona giornata|Grazie e buon lavoro|Un saluto|Resto in attesa, grazie|Cordialità]
@ticket.pos
[volevo ringraziare [l'operatrice|l'operatore|il tecnico] che [mi ha aiutato|mi ha seguito] {data}: [gentilissimo|gentilissima|competente e paziente]|[tutto risolto|problema risolto], [grazie per la rapidità|grazie per la disponibilità]]
[[vi scrivo solo per|volevo solo] dire che [il nuovo contratto è perfetto|la nuova offerta è perfetta] e sono molto soddisfatt{o}]
@phone.fill
[allora|eh niente|cioè|praticamente|guardi|senta|ecco|sì allora|no ma]
@agent.greet
[Gentile cliente,|Buongiorno,|Gentile Cliente,|Salve,]
@agent.thanks
[grazie per averci contattato.|la ringraziamo per la segnalazione.|la ringraziamo per la pazienza.|abbiamo ricevuto la sua richiesta.]
@agent.apology
[Ci scusiamo per il disagio [arrecato|che sta vivendo].|Comprendiamo il suo malcontento e ci scusiamo per l'accaduto.|Siamo spiacenti per l'inconveniente.]
@agent.ask
Per procedere con le verifiche le chiediamo di [indicarci il codice cliente|indicarci il numero di contratto|inviarci una copia della bolletta|inviarci una foto del contatore|inviarci la ricevuta del pagamento].
Potrebbe [cortesemente|gentilmente] [confermarci|indicarci] [un recapito telefonico|l'indirizzo della fornitura|la fascia oraria in cui è reperibile]?
@agent.working
[Abbiamo [inoltrato|trasmesso] la sua segnalazione [all'ufficio competente|al reparto tecnico|al secondo livello] (pratica {pratica}).|[Stiamo verificando|Abbiamo avviato una verifica su] quanto segnalato e le daremo riscontro entro {giorni_pochi} giorni lavorativi.]
La pratica è [in lavorazione|stata presa in carico][ con priorità|].
@agent.resolve
Abbiamo [verificato|ricontrollato] la sua posizione e [provveduto a emettere una nota di credito di {importo_small}|stornato l'importo non dovuto|rettificato la fattura|disposto il rimborso, che riceverà entro {giorni} giorni|corretto la lettura].
[Il [guasto|disservizio] [è stato risolto|risulta risolto]; la invitiamo a [riavviare il modem|verificare] e a ricontattarci se il problema [dovesse ripresentarsi|persiste].|Le confermiamo che [la richiesta|la modifica] è stata [completata|eseguita] con successo.]
@agent.info
[Può [effettuare l'operazione|procedere] direttamente dall'app MyLumenia, nella sezione "[Profilo|Bollette|Contratti|Pagamenti]".|Trova tutte le informazioni nell'area clienti alla voce "[I miei contratti|Documenti|Assistenza]".]
La procedura richiede [circa|al massimo] {giorni_pochi} giorni lavorativi dalla ricezione dei documenti.
@agent.close
[Restiamo a disposizione per qualsiasi chiarimento.|Per ulteriori informazioni può contattarci al {numero_verde}.|Cordiali saluti.]
@agent.sign
[Il Team Assistenza Lumenia|Servizio Clienti Lumenia|Lumenia - Assistenza Clienti (op. {op})]
@follow.unresolved
[Sono passati {giorni} giorni e [ancora nulla|non è cambiato niente|nessuno si è fatto sentire]|[Vi ho già mandato|Ho già inviato] [tutto|i documenti richiesti] [due volte|la settimana scorsa]. Quanto devo aspettare ancora?|La risposta automatica non mi serve, [voglio|chiedo] una soluzione]
[Il problema [persiste|non è risolto], [anzi è peggiorato|esattamente come prima]|Mi avete chiuso la pratica [senza risolvere|ma non è cambiato nulla]]
@follow.info
[Ecco [i dati richiesti|quanto richiesto]: codice cliente {cust}, contratto {contratto}|[In allegato|Allego] [la bolletta|la ricevuta|la foto del contatore] come richiesto|Sono [reperibile|disponibile] [tutti i giorni|dal lunedì al venerdì] [dopo le 17|la mattina]]
@follow.thanks
[[Grazie|Grazie mille|Perfetto, grazie], [ora funziona tutto|ho visto la nota di credito|tutto risolto|adesso è tutto a posto]|[Confermo che|Vi confermo che] [il problema è risolto|adesso funziona|la bolletta è stata corretta], grazie per la [rapidità|disponibilità|pazienza]]
[Ok grazie, [gentilissimi|molto gentili|siete stati veloci]|[Tutto ok|Risolto], [buona giornata|grazie ancora|potete chiudere la pratica]]
@follow.reopen
[[Purtroppo|Niente da fare,] il problema si è ripresentato [ieri|stamattina]]
@social.reply
[[Anche a me|Anche io|Idem|Stessa cosa|Uguale|Confermo|Pure io|Siamo in due|Idem con patate]|[qui a {citta}|pure a {citta}|a {citta}] [uguale|stessa storia|idem|stessa situazione]|[+1|Eh già|Benvenuto nel club|Mal comune mezzo gaudio|Non sei l'unico|Non sei l'unica]]
@sarcasm
[Complimenti [Lumenia|@Lumenia_IT] 👏👏 {core}. [Servizio top|Bravi proprio|Eccellenza italiana]|[Grazie Lumenia|Grazie eh], {core}. [Proprio quello che mi serviva|Bellissimo|Un sogno]|[Che bello|Adoro] quando {core}...|{core}. [Ma va tutto bene eh|Tutto normale|Ma sì dai, tanto paghiamo] 🙃]
@brand.reply
Ciao {handle}, [ci dispiace per il disagio|siamo spiacenti per l'accaduto]! [Scrivici in DM|Mandaci un messaggio privato] con il tuo codice cliente così [verifichiamo subito|ti aiutiamo] 🙏
{handle} [ciao|buongiorno], [abbiamo girato la segnalazione ai colleghi|stiamo verificando]. [Ti aggiorniamo in privato|Ti scriviamo in DM] appena possibile
@brand.thanks
Grazie {handle} per [le belle parole|il feedback]! 💚 [Un saluto dal team Lumenia|Alla prossima]
@dialect.neg
[Aò|Ammazza oh|Ma che davero|Ma che state a fa'|È 'na vergogna|Maronna mia|Uè|Ma che state facenn|Nun se po' cchiù|Mannaggia 'a miseria|Ué|Ma va là|Sun stüf|Ostrega|Xe na vergogna|Ciò|Mizzica|Boia deh|Ma icché tu dici|Bah|Mah]
@dialect.pos
[Daje|Jamme bell|Ammazza che roba|Ostrega che velocità|Mizzica|Boia deh, funziona|Anvedi|Ué, finalmente]
@en.open
[[Honestly|Seriously] @Lumenia_IT|[Day {giorni_pochi}|Week two] and|Just moved to {citta} and|Not gonna lie,|Third time this month:]
@en.core
[my fiber keeps dropping every [hour|few minutes]|customer service only speaks Italian and nobody could help me|the MyLumenia app won't let me log in [again|since yesterday]|activation is taking forever, still no internet after {settimane} weeks]
[got a bill of {importo} for a tiny flat?? no way|waited {minuti_attesa_en} on hold to talk to someone|the technician never showed up [and nobody called|, again]|my electricity bill doubled and nobody can explain why]
@en.other
[great support today, the technician fixed everything in [20 minutes|half an hour]|how do I cancel my contract if I leave Italy?|does anyone know if Lumenia fiber is available in {citta}?|switched to Lumenia last month, so far so good [👍|]|is there an English-speaking line at @Lumenia_IT?]
@en.end
[😤|🙄|. Any tips?|. Unreal.|#Lumenia|. Seriously.]
@es.core
[[Llevo|Ya son] {giorni_pochi} días sin internet en {citta}|Me han cobrado {importo} de luz, [es una locura|no puede ser]|El servicio al cliente no contesta [nunca|jamás]|La app MyLumenia no funciona [desde ayer|otra vez]|La fibra va [fatal|lentísima] por las noches|El técnico no vino [y nadie avisó|otra vez]]
@es.other
[Muy amable el técnico, [todo resuelto|problema solucionado]|¿Alguien sabe cómo dar de baja el contrato de Lumenia?|¿Lumenia tiene atención en español?|Me cambié a Lumenia y de momento [todo bien|sin problemas]]
@es.end
[😡|, qué vergüenza|#Lumenia|. Increíble|...]
@fr.core
[[Trois|Quatre] jours sans internet à {citta}, merci Lumenia [🙄|]|Facture de {importo} pour un studio, [sérieusement|vraiment] ?|Le service client ne répond [jamais|pas]|L'application MyLumenia plante [tout le temps|encore]|La fibre coupe [tous les soirs|sans arrêt]|Le technicien n'est jamais venu]
@fr.other
[Technicien très sympa, [problème réglé|tout fonctionne]|Comment résilier mon contrat quand on quitte l'Italie ?|Quelqu'un connaît l'offre fibre de Lumenia à {citta} ?|Passé chez Lumenia, pour l'instant [ça va|rien à signaler]]
@fr.end
[😤|. Génial|#Lumenia|. Bravo...|...]
"""


def _split_top(line: str) -> list[str]:
    """``[a|b|c]`` spanning the whole line -> ``["a", "b", "c"]``; anything else -> ``[line]``."""
    if not line.startswith("["):
        return [line]
    parts: list[str] = []
    depth, start = 0, 1
    for i, ch in enumerate(line):
        depth += (ch == "[") - (ch == "]")
        if depth == 0:
            return [line] if i != len(line) - 1 else [*parts, line[start:i]]
        if depth == 1 and ch == "|":
            parts.append(line[start:i])
            start = i + 1
    raise ValueError(f"unbalanced brackets: {line!r}")


@cache
def load_banks() -> dict[str, tuple[str, ...]]:
    """Parse the phrase banks into ``{bank_name: fragments}``.

    A line that is a single top-level ``[a|b|c]`` group counts as separate fragments, so packing
    short fragments onto one line does not change how often each is picked.

    Returns:
        Mapping from bank name (e.g. ``"rete.neg"``) to its fragments, in file order.

    Raises:
        ValueError: If a fragment appears before any ``@bank`` header or brackets are unbalanced.
    """
    banks: dict[str, list[str]] = {}
    current: list[str] | None = None
    for raw in _BANKS.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("@"):
            current = banks.setdefault(line[1:], [])
            continue
        if current is None:
            raise ValueError(f"fragment outside a bank: {line!r}")
        current.extend(_split_top(line))
    return {name: tuple(frags) for name, frags in banks.items()}


def alternatives(bank: str) -> tuple[str, ...]:
    """Items of a list bank such as ``names.m``."""
    return load_banks()[bank]


EMOJI = {
    "neg": ("😡", "😤", "🤬", "🙄", "😒", "😠", "👎", "💸", "🤡", "😩", "😭", "🤦‍♂️", "🤦‍♀️"),
    "pos": ("👍", "😊", "🙏", "💚", "👏", "😍", "✨", "🔝", "💪"),
    "neu": ("🤔", "🙂", "❓"),
}
HASHTAGS = ("#Lumenia", "#MyLumenia", "#disservizio", "#assistenzaclienti", "#consumatori")
_NEIGHBOURS = {"a": "sq", "e": "wr", "i": "uo", "o": "ip", "n": "bm", "r": "et", "t": "ry",
               "s": "ad", "l": "kò", "c": "xv", "m": "n", "u": "yi", "d": "sf"}  # fmt: skip
_CF_ODD = dict(zip("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                   (1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18,
                    20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23), strict=True))  # fmt: skip
_CHOICE_RE = re.compile(r"\[([^\[\]]*)\]")
_SLOT_RE = re.compile(r"\{(\w+)\}")
_WORD_RE = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


# ----------------------------------------------------------------------------- personal data
def ascii_upper(s: str) -> str:
    """Letters of ``s`` without accents or punctuation, upper-cased (``D'Angelo`` -> ``DANGELO``)."""
    norm = unicodedata.normalize("NFKD", s)
    return "".join(c for c in norm if c.isalpha() and c.isascii()).upper()


def _cf_part(s: str, is_name: bool) -> str:
    letters = ascii_upper(s)
    cons = [c for c in letters if c not in "AEIOU"]
    vows = [c for c in letters if c in "AEIOU"]
    if is_name and len(cons) >= 4:
        return cons[0] + cons[2] + cons[3]
    return "".join(cons + vows + ["X", "X", "X"])[:3]


def fake_codice_fiscale(rng: random.Random, first: str, last: str, female: bool) -> str:
    """Format-valid fictional codice fiscale, including the check character."""
    day = rng.randint(1, 28) + (40 if female else 0)
    body = (
        _cf_part(last, False)
        + _cf_part(first, True)
        + f"{rng.randint(50, 99):02d}"
        + "ABCDEHLMPRST"[rng.randrange(12)]
        + f"{day:02d}"
        + rng.choice(alternatives("comuni"))
    )
    total = 0
    for i, ch in enumerate(body):  # odd 1-based positions use the odd table
        total += _CF_ODD[ch] if i % 2 == 0 else (int(ch) if ch.isdigit() else ord(ch) - 65)
    return body + chr(65 + total % 26)


def fake_iban(rng: random.Random) -> str:
    """Fictional Italian IBAN with valid CIN and mod-97 check digits."""
    bban = f"{rng.randint(1000, 9999):05d}{rng.randint(10000, 99999):05d}" + "".join(
        str(rng.randrange(10)) for _ in range(12)
    )
    total = sum(
        _CF_ODD[ch] if i % 2 == 0 else int(ch) for i, ch in enumerate(bban)
    )  # CIN uses the same odd/even tables as the codice fiscale
    cin = chr(65 + total % 26)
    rearranged = cin + bban + "IT00"
    digits = "".join(str(int(c, 36)) for c in rearranged)
    check = 98 - int(digits) % 97
    return f"IT{check:02d}{cin}{bban}"


def fake_phone(rng: random.Random) -> str:
    """Fictional Italian mobile number in one of the ways people write them."""
    p, a, b = (
        rng.choice(alternatives("mobile.prefix")),
        rng.randint(100, 999),
        rng.randint(1000, 9999),
    )
    forms = (f"{p} {a} {b}", f"{p}{a}{b}", f"+39 {p} {a}{b}", f"{p}-{a}{b}", f"{p}.{a}.{b}")
    return rng.choice(forms)


# ----------------------------------------------------------------------------- slot filler
def _date_phrase(f: Filler) -> str:
    d = f.when - timedelta(days=f.rng.randint(2, 40))
    m = MONTHS[d.month - 1]
    return f.rng.choice((f"il {d.day} {m}", f"il {d.day:02d}/{d.month:02d}", f"lo scorso {d.day} {m}",
                         f"il {d.day}/{d.month}/{d.year}", f"in data {d.day:02d}.{d.month:02d}.{d.year}"))  # fmt: skip


def _num(lo: int, hi: int) -> Callable[[Filler], str]:
    return lambda f: str(f.rng.randint(lo, hi))


_SLOTS: dict[str, Callable[[Filler], str]] = {
    "importo": lambda f: f.money(95, 480),
    "importo_small": lambda f: f.money(3, 45),
    "importo_mese": lambda f: f"{f.mese_base} euro",
    "importo_mese2": lambda f: f"{f.mese_base + f.rng.randint(5, 30)} [euro|€]",
    "data": _date_phrase,
    "mese": lambda f: MONTHS[(f.when - timedelta(days=f.rng.randint(0, 45))).month - 1],
    "anno": lambda f: str(f.when.year - f.rng.randint(1, 2)),
    "giorni": _num(8, 45),
    "giorni_pochi": _num(2, 7),
    "anni": _num(2, 25),
    "anni_eta": _num(72, 93),
    "contratto": lambda f: f"40{f.rng.randint(100000, 999999)}",
    "fattura": lambda f: f.rng.choice(
        (
            f"{f.when.year}/{f.rng.randint(1000000, 9999999)}",
            f"F{f.when.year % 100}-{f.rng.randint(100000, 999999)}",
        )
    ),
    "pratica": lambda f: f"RC-{f.when.year}-{f.rng.randint(100000, 999999)}",
    "pod": lambda f: f"IT001E{f.rng.randint(10000000, 99999999)}",
    "pdr": _num(10**13, 10**14 - 1),
    "tracking": lambda f: f"LUM{f.rng.randint(10**9, 10**10 - 1)}",
    "raccomandata": lambda f: f"15{f.rng.randint(10**9, 10**10 - 1)}",
    "lettura": _num(1200, 38000),
    "lettura2": _num(1200, 38000),
    "smc": lambda f: f"{f.rng.randint(4, 15) * 100} Smc",
    "kwh": lambda f: f"{f.rng.randint(15, 45) * 100} kWh",
    "cust": lambda f: f.customer or f"CL-{f.rng.randint(1, 999999):06d}",
    "app_ver": lambda f: f"5.0.{f.rng.randint(0, 3)}",
    "op": _num(1000, 4999),
}


class Filler:
    """Fills ``{slot}`` placeholders with values plausible at the document's date."""

    rng: random.Random
    when: datetime
    customer: str | None
    extra: dict[str, str]
    mese_base: int

    def __init__(
        self, rng: random.Random, when: datetime, customer: str | None, extra: dict[str, str]
    ) -> None:
        self.rng, self.when, self.customer, self.extra = rng, when, customer, extra
        self.mese_base = rng.randint(25, 75)  # so "da X a Y euro" rises consistently

    def __call__(self, name: str) -> str:
        if name in self.extra:
            return self.extra[name]
        if name in _SLOTS:
            return _SLOTS[name](self)
        bank = load_banks().get(f"slot.{name}")
        if bank is None:
            raise KeyError(f"unknown slot {{{name}}}")
        return self.rng.choice(bank)  # may hold [a|b] choices, expanded by the caller

    def money(self, lo: float, hi: float) -> str:
        """An amount between ``lo`` and ``hi`` euro, written one of the usual ways."""
        whole, cents = f"{self.rng.uniform(lo, hi):.2f}".split(".")
        forms = (f"€ {whole},{cents}", f"{whole},{cents} €", f"{whole},{cents} euro",
                 f"{whole} euro", f"€{whole}", f"{whole}€")  # fmt: skip
        return self.rng.choice(forms)


# ----------------------------------------------------------------------------- text utilities
class Writer:
    """Renders bank fragments and roughens finished texts."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.banks = load_banks()
        self.last_template = ""
        self._calm = {
            k: tuple(f for f in v if not f.startswith("!")) for k, v in self.banks.items()
        }
        groups = [g.split("|") for line in self.banks["para"] for g in line.split(" ; ")]
        self._para = {p: g for g in groups for p in g}
        alts = "|".join(map(re.escape, sorted(self._para, key=len, reverse=True)))
        self._para_re = re.compile(rf"(?<!\w)({alts})(?!\w)", re.IGNORECASE)

    def paraphrase(self, text: str) -> str:
        """Swap stock phrases for equivalents so shared fragments do not share every 3-gram."""

        def swap(m: re.Match[str]) -> str:
            old = m.group(0)
            if self.rng.random() < 0.4:
                return old
            new = self.rng.choice(self._para[old.lower()])
            return new[0].upper() + new[1:] if old[0].isupper() else new

        return self._para_re.sub(swap, text)

    def expand(self, tpl: str, fill: Filler) -> str:
        """Resolve ``[a|b]`` choices (innermost first) and ``{slot}`` values in one template."""
        rng = self.rng
        prev = None
        while prev != tpl:
            prev, tpl = tpl, _CHOICE_RE.sub(lambda m: rng.choice(m.group(1).split("|")), tpl)
        out = _SLOT_RE.sub(lambda m: fill(m.group(1)), tpl)
        out = _CHOICE_RE.sub(lambda m: rng.choice(m.group(1).split("|")), out)  # slot-made choices
        return re.sub(r"\s+([,.;:!?])(?=\s|$)", r"\1", re.sub(r"\s{2,}", " ", out)).strip()

    def frag(self, bank: str, fill: Filler, calm: bool = False) -> str:
        """Render one random fragment of ``bank``; ``calm`` skips ``!`` (intent-to-leave) ones."""
        options = self._calm[bank] if calm else self.banks[bank]
        self.last_template = self.rng.choice(options)  # lets callers avoid saying it twice
        return self.expand(self.last_template.lstrip("!"), fill)

    def finish(self, parts: list[str], sentiment: str) -> str:
        """Paraphrase, capitalise and punctuate sentences, then join them."""
        rng, out = self.rng, []
        for p in parts:
            p = self.paraphrase(p.strip())
            if not p:
                continue
            p = p[0].upper() + p[1:]
            if p[-1] not in ".!?…" and p[-1] not in "🙃🎶🐌🤯🤡👍🙏💚":
                if sentiment == "neg":
                    p += rng.choices((".", "!", "!!", "..."), (70, 15, 5, 10))[0]
                elif sentiment == "pos":
                    p += rng.choices((".", "!"), (60, 40))[0]
                else:
                    p += "."
            out.append(p)
        return " ".join(out)

    def roughen(self, text: str, level: int, sentiment: str) -> str:
        """Apply typos, dropped accents, abbreviations, casing and punctuation noise."""
        if level <= 0:
            return text
        rng = self.rng
        p_acc = (0.0, 0.15, 0.4, 0.6)[level]
        p_abbr = (0.0, 0.0, 0.3, 0.55)[level]
        n_typos = rng.choice(((0, 0, 0, 1), (0, 0, 1, 1, 2), (0, 1, 1, 2, 3))[level - 1])

        def word(m: re.Match[str]) -> str:
            w = m.group(0)
            low = w.lower()
            if low in ABBREV and rng.random() < p_abbr:
                return rng.choice(ABBREV[low])
            if low[-1] in "àèéìòù" and rng.random() < p_acc:
                base = unicodedata.normalize("NFKD", w[-1])[0]
                return w[:-1] + rng.choice((base, base + "'", base))
            return w

        chunks = text.split(" ")
        n_typos = min(n_typos, 1 + len(chunks) // 10)
        for i, ch in enumerate(chunks):  # leave codes, e-mails, hashtags and handles untouched
            if not re.search(r"[\d@#/]", ch):
                chunks[i] = _WORD_RE.sub(word, ch)
        candidates = [
            i for i, ch in enumerate(chunks) if len(ch) >= 4 and ch.isalpha() and ch.islower()
        ]
        for i in rng.sample(candidates, min(n_typos, len(candidates))):
            chunks[i] = self._typo(chunks[i])
        text = " ".join(chunks)
        if level >= 2 and rng.random() < (0.5 if level == 2 else 0.8):
            text = text.lower()
        if level >= 2 and rng.random() < 0.5:
            text = text.rstrip(".")
        if level == 3:
            text = re.sub(r"\. ", lambda m: rng.choice((". ", " ", ", ", "... ")), text)
            text = re.sub(r"!", lambda m: rng.choice(("!", "!!!", "!!")), text)
            text = re.sub(r"\?", lambda m: rng.choice(("?", "??", "???")), text)
        if rng.random() < 0.04 * level:
            text = text.replace(", ", ",", 1)
        if sentiment == "neg" and rng.random() < 0.06 * level:
            text = (
                text.upper()
                if len(text) < 90
                else text + " " + rng.choice(("VERGOGNA", "BASTA", "ASSURDO", "VERGOGNATEVI"))
            )
        return text

    def _typo(self, w: str) -> str:
        rng = self.rng
        i = rng.randrange(1, len(w) - 1)
        op = rng.random()
        if op < 0.3:
            return w[:i] + w[i + 1] + w[i] + w[i + 2 :]
        if op < 0.6:
            return w[:i] + w[i + 1 :]
        if op < 0.8:
            return w[:i] + w[i] + w[i:]
        return w[:i] + rng.choice(_NEIGHBOURS.get(w[i], w[i])) + w[i + 1 :]

    def emoji(self, sentiment: str, repeat: bool = True) -> str:
        """One emoji matching the sentiment, sometimes repeated (``😡😡😡``)."""
        pool = EMOJI.get(sentiment, EMOJI["neg"] if sentiment == "mixed" else EMOJI["neu"])
        e = self.rng.choice(pool)
        return e * self.rng.choice((1, 1, 1, 2, 3)) if repeat else e

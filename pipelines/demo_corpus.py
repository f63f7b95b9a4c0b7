"""Hand-written Italian phrase banks for the synthetic "Lumenia" demo data set.

Everything here was written for this project (no third-party text). The banks live in one
plain-text block so that a fragment is one line, not one quoted list item. Grammar of a bank:

* ``@name`` starts a bank; following non-empty lines are its fragments (``#`` lines are comments).
* ``[a|b|c]`` picks one alternative at render time (nestable; an empty alternative makes the
  words optional, e.g. ``[molto |]``).
* a leading ``!`` marks a fragment that voices intent to leave; the generator only uses it in
  anonymous documents so that churn intent stays confined to the planted cohort.
* ``{slot}`` is filled by the generator (amounts, dates, places, codes, ...), see
  ``pipelines.demo._Filler``.

Category banks are ``<category>.<part>`` with parts ``neg`` (complaint cores), ``pos``, ``neu``
(questions/requests), ``detail`` (facts with numbers), ``short`` (social-style one-liners),
``subj`` (ticket subjects) and ``title`` (negative review titles).
"""

from __future__ import annotations

from functools import cache

CATEGORY_LABELS: dict[str, str] = {
    "fatturazione": "Fatturazione e bollette",
    "attivazione": "Consegna/attivazione e tempi",
    "assistenza": "Assistenza clienti e tempi di attesa",
    "prezzi": "Prezzi e tariffe",
    "qualita": "Qualità del servizio/prodotto",
    "app_sito": "App e sito",
    "rete": "Rete e connessione",
    "rimborsi": "Rimborsi",
    "contratto": "Contratto e disdetta",
    "cortesia": "Cortesia del personale",
    "contatori": "Lettura contatori e conguagli",
}

# Value lists used to fill {slots} and to make fictional personal data.
MONTHS = (
    "gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno",
    "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre",
)  # fmt: skip
WEEKDAYS = ("lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica")
CITIES = (
    "Roma", "Roma, zona Prati", "Milano", "Milano Lambrate", "Napoli", "Napoli Vomero", "Torino",
    "Torino San Salvario", "Bologna", "Firenze", "Bari", "Palermo", "Catania", "Genova", "Padova",
    "Verona", "Mestre", "Brescia", "Bergamo", "Pescara", "Lecce", "Salerno", "Cagliari", "Perugia",
    "Ancona", "Trieste", "Monza", "Latina", "Caserta", "Treviso", "Vicenza", "Parma", "Modena",
    "Rimini", "Reggio Calabria", "Sassari", "Trento", "Udine", "Frosinone", "Pozzuoli", "Ostia",
    "Sesto San Giovanni", "Torre del Greco", "Bolzano", "Novara", "Foggia", "Taranto", "Cosenza",
)  # fmt: skip
OFFERS = ("Lumenia Fibra Casa", "Luce Flex", "Gas Sicuro", "Mobile 100 Giga", "Lumenia Insieme",
           "Luce Verde Fissa", "Fibra 2.5 Giga", "Gas Bloccato 24")  # fmt: skip
COMPETITORS = ("Enerluce", "Voltaria", "Telmax", "Onda Fibra", "GasPiù", "Fibrex")
DEVICES = ("iPhone 13", "iPhone 15", "Samsung Galaxy A54", "Xiaomi Redmi Note 12", "Pixel 7",
            "Oppo A78", "Motorola G84")  # fmt: skip
FIRST_M = ("Marco", "Luca", "Giuseppe", "Francesco", "Alessandro", "Andrea", "Matteo", "Lorenzo",
            "Davide", "Simone", "Stefano", "Roberto", "Antonio", "Salvatore", "Paolo", "Giovanni",
            "Vincenzo", "Fabio", "Massimo", "Daniele", "Riccardo", "Gennaro", "Carmine")  # fmt: skip
FIRST_F = ("Giulia", "Francesca", "Chiara", "Sara", "Valentina", "Martina", "Elena", "Alessia",
            "Federica", "Silvia", "Laura", "Anna", "Maria", "Rosa", "Paola", "Ilaria", "Simona",
            "Roberta", "Carla", "Giovanna", "Teresa", "Antonella", "Cristina")  # fmt: skip
SURNAMES = ("Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci",
             "Marino", "Greco", "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa",
             "Giordano", "Rizzo", "Lombardi", "Moretti", "Barbieri", "Fontana", "Santoro",
             "Mariani", "Rinaldi", "Caruso", "Ferrara", "Galli", "Martini", "Leone", "Longo",
             "Martinelli", "Vitale", "Serra", "Coppola", "De Santis", "D'Angelo", "Marchetti",
             "Parisi", "Villa", "Ferri", "Fabbri", "Marini", "Grasso", "Valentini", "Messina",
             "Sala", "Gatti", "Pellegrini", "Palumbo", "Sanna", "Farina", "Monti", "Cattaneo",
             "Morelli", "Amato", "Silvestri", "Testa", "Carbone", "Giuliani")  # fmt: skip
MAIL_DOMAINS = ("gmail.com", "libero.it", "hotmail.it", "yahoo.it", "virgilio.it", "outlook.it")
MOBILE_PREFIX = ("320", "328", "329", "333", "334", "335", "338", "339", "340", "342", "345",
                  "347", "348", "349", "351", "366", "380", "388", "392", "393")  # fmt: skip
COMUNI = ("H501", "F205", "F839", "L219", "A944", "D612", "A662", "G273", "C351", "D969")
HANDLE_STEMS = ("marco", "giulia", "fra", "ale", "vale", "luca", "sara", "gio", "robi", "matte",
                 "fede", "chiara", "simo", "dario", "elena", "pino", "tony", "nico", "lori", "bea",
                 "paolo", "anna", "vane", "manu", "teo", "lalla", "mimmo", "ciro", "rosy", "ilaria",
                 "enzo", "checco", "mary", "pippo", "dani", "ste", "jack", "frenk", "gigi")  # fmt: skip
HANDLE_TAILS = ("", "_rm", "_na", "_mi", "88", "92", "_official", "_24", "roma", "napoli", "_to",
                 "xx", "_it", "77", "2001", ".b", "_k", "99", "_ba", "_pa", "85")  # fmt: skip
ABBREV = {
    "non": ("nn",), "perché": ("xké", "xché", "perchè", "xke"), "comunque": ("cmq",),
    "per": ("x",), "che": ("ke",), "tutto": ("tt",), "niente": ("nnt",), "qualcosa": ("qlcs",),
    "messaggio": ("msg",), "grazie": ("grz",), "anche": ("anke",), "questo": ("qst",),
    "troppo": ("trp",), "più": ("+",),
}  # fmt: skip

_BANKS = r"""
# ------------------------------------------------------------------ fatturazione
@fatturazione.neg
la bolletta di {mese} è arrivata di {importo}, [praticamente|quasi] il [doppio|triplo] del solito[ senza che sia cambiato nulla in casa| e in casa siamo in due|]
mi avete fatturato {importo} per un periodo in cui [la casa era vuota|ero all'estero|il contratto non era ancora attivo]
in bolletta [compaiono|ci sono] voci [che nessuno mi ha mai spiegato|incomprensibili] tipo "[oneri di sistema|servizi accessori|costi di gestione]" per {importo_small}
nonostante la domiciliazione [attiva|attivata da mesi] mi è arrivato un sollecito di pagamento [con tanto di|e pure una] mora di {importo_small}
ho pagato la fattura [il giorno stesso|regolarmente entro la scadenza] ma [risulta ancora insoluta|nel portale risulta ancora da pagare]
la bolletta [non mi arriva|non arriva più] [né via mail né per posta|da {mese}] e poi mi ritrovo [il sollecito|la lettera di messa in mora]
mi addebitate [ancora|tuttora] il canone del modem [che ho restituito|restituito] a {mese}
la fattura è [illeggibile|un rebus]: [tre|quattro] pagine di voci e [non si capisce|nessuno sa spiegare] quanto ho consumato davvero
[continuate a|avete ricominciato a] fatturare su stime [assurde|gonfiate] invece che sui consumi reali
mi [è stato addebitato|avete addebitato] un costo di {importo_small} per la "bolletta cartacea" anche se ho scelto la bolletta [web|digitale|via mail]
la bolletta [della luce|del gas] è arrivata [con due settimane di ritardo|in ritardo] e la scadenza era [già passata|dopo tre giorni]
hanno [applicato|messo] l'IVA [sbagliata|al 22% invece che al 10%] sulla [mia bolletta|fattura del gas]
[ogni mese|ogni bimestre] la bolletta [è diversa|cambia] e [nessuno|nessun operatore] sa dirmi perché
[in fattura|in bolletta] c'è [un servizio|un'assicurazione] "[Lumenia Protezione Casa|Assistenza Plus]" da {importo_small} al mese che non ho mai [chiesto|attivato]
[la bolletta unica|la fattura unica] luce e gas [non torna|è sbagliata]: [il gas|la luce] è [conteggiato|conteggiata] [su un altro indirizzo|su una tariffa che non è la mia]
@fatturazione.pos
le bollette [arrivano puntuali|sono chiare] e [finalmente|per una volta] si capisce [cosa si paga|quanto ho consumato]
la [bolletta|fattura] [digitale|in app] è [comodissima|chiara], [la pago|si paga] in due minuti
[ho chiesto|avevo chiesto] la rateizzazione della bolletta e me l'hanno concessa [subito|senza storie]
[fatture|bollette] [chiare|trasparenti] e [importi|consumi] in linea con quello che mi avevano detto
[con la domiciliazione|con l'addebito automatico] non ci penso più, [mai un ritardo|mai un problema] [in {anni} anni|]
@fatturazione.neu
vorrei sapere come [attivare|impostare] la domiciliazione bancaria [delle bollette|sul conto]
[è possibile|si può] ricevere la bolletta [solo via mail|in formato digitale][ invece che per posta|]?
[non capisco|vorrei capire] la voce "[oneri di sistema|quota fissa|quota potenza]" in bolletta, [di cosa si tratta|cosa comprende]?
[dove trovo|come scarico] [le vecchie bollette|le fatture del {anno}] per la dichiarazione dei redditi?
[posso|vorrei] rateizzare la bolletta di {mese}, [come si fa|è possibile]?
[come|dove] [cambio|posso cambiare] l'indirizzo di recapito delle bollette?
[la bolletta|la fattura] di {mese} [non mi è ancora arrivata|non la trovo nell'area clienti], [è normale|è già stata emessa]?
@fatturazione.detail
di solito pago [circa|sui|intorno ai] {importo_mese} [al mese|a bimestre], [non|mai] {importo}
la fattura in questione è la n. {fattura}, emessa {data}
[ho già pagato|ho pagato] con [bonifico|bollettino|carta] {data} e ho la ricevuta
[ho controllato|ho confrontato] con le bollette [dell'anno scorso|precedenti]: [stessi consumi|consumi identici], importo [molto più alto|raddoppiato]
[in casa|a casa] [siamo in {n_persone}|vivo da solo|vivo da sola] e [non abbiamo|non ho] [né condizionatori né stufette|elettrodomestici particolari]
@fatturazione.short
bolletta di {importo} [ma state scherzando|ma siete seri|vergogna|per un bilocale]
[ennesima|altra] bolletta [sbagliata|folle|a caso]
[ma come si fa a|come fate a] chiedere {importo} [per 2 mesi|per un monolocale|a una famiglia normale]
[fatturazione|bollette] [da incubo|da denuncia|fuori controllo]
[pagata|pagato] la bolletta e [arriva|mi arriva] il sollecito [lo stesso|comunque]
@fatturazione.subj
[Bolletta|Fattura] [errata|non corretta] n. {fattura}
[Richiesta chiarimenti|Chiarimenti] [bolletta|fattura] di {mese}
Sollecito di pagamento [non dovuto|errato]
Domiciliazione bancaria
[Importo|Addebito] [anomalo|eccessivo] in bolletta
@fatturazione.title
Bollette [assurde|incomprensibili|sbagliate]
[Fatturazione|Bolletta] [da incubo|pazzesca]
[Importi|Fatture] [gonfiati|gonfiate]

# ------------------------------------------------------------------ attivazione
@attivazione.neg
il modem [doveva arrivare|mi avevano detto che arrivava] in {giorni_pochi} giorni e [dopo {giorni} giorni ancora niente|non si è ancora visto]
la SIM [è arrivata|mi è arrivata] dopo {settimane} settimane e [la portabilità|il passaggio del numero] [è fallita|non è andata a buon fine]
il passaggio della luce a Lumenia [doveva avvenire|era previsto] [dal primo del mese|per {mese}] e invece [risulto ancora col vecchio fornitore|è tutto fermo]
il corriere [ha lasciato|dice di aver lasciato] il modem [a un vicino che non conosco|in portineria] ma [io non ho ricevuto niente|non c'è nessun pacco]
l'allaccio del gas nella casa nuova [è fermo da|aspetta da] {settimane} settimane e [nessuno sa dirmi quando|nessuno sa dirmi perché]
il tracking della spedizione [è fermo|risulta fermo] [su "in lavorazione"|a "in consegna"] da [una settimana|{giorni} giorni]
la [voltura|pratica di subentro] [della luce|del gas] [doveva chiudersi|era promessa] in {giorni_pochi} giorni lavorativi, [siamo a|ne sono passati] {giorni}
mi hanno fissato l'appuntamento per [l'installazione|il sopralluogo] [tra le 8 e le 13|in mattinata] e [nessuno si è presentato|sono arrivati alle sei di sera]
dopo la firma del contratto [non mi ha più contattato nessuno|nessuno si è fatto sentire] [per settimane|per {giorni} giorni]
la portabilità del numero [ha richiesto|ci ha messo] {giorni} giorni e [nel frattempo|intanto] [sono rimasto senza telefono|sono rimasta senza telefono|non ricevevo chiamate]
[anche|pure] l'attivazione della fibra [ha richiesto|ha preso] più tempo del previsto[, quasi un mese|]
@attivazione.pos
attivazione [velocissima|rapidissima]: in {giorni_pochi} giorni [ero già online|era tutto funzionante]
il modem è arrivato [in due giorni|il giorno dopo] [ben imballato|e si configurava da solo]
il passaggio [della luce|del gas|di luce e gas] è stato [indolore|semplicissimo], non [ho dovuto fare niente|mi hanno chiesto niente]
il tecnico [è arrivato|si è presentato] [puntuale|all'orario previsto] e in [mezz'ora|un'ora] [ha fatto tutto|era tutto attivo]
la SIM è arrivata [in 48 ore|subito] e la portabilità [è andata liscia|è stata immediata]
@attivazione.neu
[quanto tempo ci vuole|in quanto tempo avviene] [l'attivazione|il passaggio] [della luce|del gas|della fibra]?
[come posso|dove posso] [seguire|controllare] lo stato della spedizione del modem?
devo essere [in casa|presente] per l'attivazione [della fibra|del contatore]?
[è possibile|posso] [spostare|cambiare] l'appuntamento con il tecnico [alla settimana prossima|a un sabato]?
[la SIM|il modem] [viene spedito|arriva] [a casa|all'indirizzo di fornitura] o [devo ritirarlo|va ritirato] in negozio?
@attivazione.detail
[il contratto è stato firmato|ho firmato] {data} [online|in negozio|al telefono]
il numero [della spedizione|di tracking] è {tracking}
[mi avevano dato|mi hanno comunicato] come data di attivazione {data}
[abito|la fornitura è] a {citta}[, in un condominio nuovo|, villetta indipendente|]
@attivazione.short
[modem mai arrivato|SIM mai arrivata|pacco disperso]
[ancora aspetto|sto ancora aspettando] [l'attivazione|il tecnico|il corriere]
{giorni} giorni per [attivare una linea|un allaccio|una voltura]... [siamo nel 2026|complimenti]
[voltura|subentro] [ferma|fermo] da {settimane} settimane
@attivazione.subj
[Ritardo|Mancata] attivazione [fornitura|servizio]
Modem non [ricevuto|consegnato]
Stato pratica [voltura|subentro|allaccio]
Appuntamento tecnico
@attivazione.title
Tempi di attivazione [biblici|lunghissimi]
[Modem|Spedizione] [fantasma|mai arrivata]

# ------------------------------------------------------------------ assistenza
@assistenza.neg
[ho aspettato|sono rimasto|sono rimasta] in attesa al [telefono|numero verde] per {minuti_attesa} [e poi è caduta la linea|per sentirmi dire di richiamare|e nessuno ha risposto]
[la chat|l'assistenza in chat] [risponde con|ti dà] [messaggi automatici|frasi preconfezionate] che non c'entrano [niente|nulla] [con il problema|]
[ho scritto|ho mandato] {n} mail [all'assistenza|al servizio clienti] e [non ho mai ricevuto risposta|mi hanno risposto dopo {settimane} settimane]
il numero verde [ti fa girare|ti rimbalza] tra [mille|dieci] opzioni [del menu|registrate] e [alla fine|poi] [cade la linea|non parli con nessuno]
[ogni volta che chiamo|a ogni chiamata] [trovo un operatore diverso|mi tocca rispiegare tutto da capo]
[la segnalazione|il ticket] [viene chiuso|risulta chiuso] come "risolto" [senza che nessuno abbia fatto niente|ma il problema c'è ancora]
mi avevano promesso di richiamarmi [entro 48 ore|in giornata] e [sto ancora aspettando|non ha chiamato nessuno]
[assistenza|servizio clienti] [inesistente|introvabile|irraggiungibile] [quando serve|proprio quando hai bisogno]
per parlare con un operatore [umano|vero] [ci vuole|serve] [mezza giornata|un'eternità]
[il bot|l'assistente virtuale] [non capisce|non capisce niente di] quello che scrivo e [non c'è modo|è impossibile] di [passare a un operatore|parlare con una persona]
@assistenza.pos
[ho chiamato|ho contattato] l'assistenza e [in pochi minuti|in cinque minuti] [mi hanno risolto tutto|avevo la risposta]
la chat [risponde|ha risposto] [subito|velocemente] e [con competenza|in modo chiaro]
[servizio clienti|assistenza] [rapido|veloce] e [competente|preparato], [non me l'aspettavo|una bella sorpresa]
mi hanno [richiamato|ricontattato] [come promesso|all'orario concordato][ e risolto il problema|], [mai successo con altri|complimenti]
@assistenza.neu
[qual è|quali sono] [gli orari|l'orario] del servizio clienti [telefonico|nel weekend]?
[c'è un modo|esiste un modo] per parlare [con un operatore|con una persona] [senza passare dal menu|direttamente]?
[come posso|è possibile] [sapere|controllare] lo stato della mia segnalazione (pratica {pratica})?
[a quale indirizzo|dove] [devo|posso] mandare [un reclamo scritto|la documentazione]?
@assistenza.detail
la [segnalazione|pratica] è la {pratica}, aperta {data}
[ho chiamato|ho provato a chiamare] il {numero_verde} [alle 9|in pausa pranzo|alle 18] di {giorno}
[il tempo di attesa|l'attesa] annunciato era di {minuti_attesa}
[ho ancora|ho conservato] [gli screenshot|le mail] di [tutte le conversazioni|ogni contatto]
@assistenza.short
{minuti_attesa} [in attesa|di attesa] al numero verde[... record|, bravi|]
[assistenza|customer care] [non pervenuta|fantasma]
[ancora|sempre] [in attesa|con la musichetta] [🎶|] [da {minuti_attesa}|]
[chat|bot] [inutile|che risponde a caso]
@assistenza.subj
[Nessuna risposta|Mancata risposta] alle [mie|precedenti] segnalazioni
Sollecito pratica {pratica}
Richiesta di [richiamata|ricontatto]
@assistenza.title
Assistenza [inesistente|da incubo|lentissima]
Tempi di attesa [infiniti|assurdi]

# ------------------------------------------------------------------ prezzi
@prezzi.neg
[dopo {mesi} mesi|alla scadenza della promo] [il prezzo|la tariffa] è [aumentato|salito] da {importo_mese} a {importo_mese2} [senza nessun avviso|con una comunicazione nascosta in bolletta]
[l'offerta|la promozione] "{offerta}" [era pubblicizzata|veniva venduta] a prezzo bloccato ma [è stata rimodulata|hanno cambiato le condizioni] dopo [pochi mesi|un anno]
[il prezzo|il costo] della [materia prima|componente energia] è [molto più alto|fuori mercato] rispetto [agli altri|a quanto mi avevano detto]
[costi nascosti|voci nascoste] ovunque: [attivazione|spedizione del modem|gestione pratica] a pagamento [anche se era tutto "gratis"|nonostante il venditore avesse detto il contrario]
[ai nuovi clienti|a chi arriva adesso] [fate|proponete] offerte [migliori|a metà prezzo] e ai clienti storici [niente|aumentate le tariffe]
la rimodulazione di {importo_small} al mese [sulla fibra|sul mobile] è [ingiustificata|una presa in giro]
[il venditore|l'agente porta a porta] [mi aveva promesso|mi ha detto] {importo_mese} al mese [tutto compreso|] e [invece|ora] pago quasi il doppio
@prezzi.pos
[prezzo onesto|tariffa competitiva] e [nessuna sorpresa|niente sorprese] [in bolletta|]
[con l'offerta|passando a] {offerta} [risparmio|ho risparmiato] circa {importo_small} al mese
[il prezzo bloccato|il prezzo fisso] per [due anni|24 mesi] [è una garanzia|mi dà tranquillità]
[rapporto qualità prezzo|qualità prezzo] [ottimo|tra i migliori che ho trovato]
@prezzi.neu
[l'offerta|la tariffa] {offerta} è [ancora|] disponibile per [i già clienti|chi è già cliente]?
[quando scade|fino a quando vale] il prezzo bloccato della mia offerta?
[ci sono|avete] [sconti|offerte] se [unisco|metto insieme] luce, gas e fibra?
[come faccio a passare|posso passare] a un'offerta [più conveniente|a prezzo fisso]?
@prezzi.detail
[pagavo|prima pagavo] {importo_mese} al mese, [ora|adesso] {importo_mese2}
[l'aumento|la comunicazione] [era|stava] [in fondo alla|scritto in piccolo nella] bolletta di {mese}
[ho confrontato|confrontando] con [altre offerte|il Portale Offerte di ARERA] [e|:] [pago il 30% in più|costate molto di più]
@prezzi.short
[altro|ennesimo] aumento [della tariffa|del prezzo] [senza avviso|a sorpresa]
prezzo [bloccato|fisso]... [bloccato per quanto|per tre mesi forse] [🤡|]
+{importo_small} al mese [e nessuno ti avvisa|così dal nulla]
@prezzi.subj
Contestazione [aumento|rimodulazione] tariffa
Informazioni [offerte|tariffe] per già clienti
Prezzo diverso da quello concordato
@prezzi.title
[Aumenti|Rincari] [continui|a sorpresa]
Prezzi [non più convenienti|fuori mercato]

# ------------------------------------------------------------------ qualita
@qualita.neg
il modem [che mi avete dato|fornito] [si riavvia da solo|si surriscalda|si spegne] [più volte al giorno|continuamente]
da quando [sono passato|sono passata|siamo passati] a Lumenia [la luce salta|ci sono sbalzi di tensione] [almeno una volta a settimana|spesso]
la qualità del servizio è [peggiorata|calata] [tantissimo|parecchio] [negli ultimi mesi|dall'anno scorso]
[le chiamate|le telefonate] [dal cellulare|col mobile] [cadono|si interrompono] [di continuo|ogni due minuti] [anche in città|anche a {citta}]
[in casa|dentro casa] il [segnale|campo] del cellulare [non c'è|è assente] e [sul balcone|in giardino] [prende una tacca|va a intermittenza]
il [ripetitore wifi|decoder|router] [incluso nell'offerta|a noleggio] è [di pessima qualità|un giocattolo]
[l'energia verde|l'energia "100% rinnovabile"] [è solo marketing|è solo una parola] [visto che|se poi] [il servizio è questo|in bolletta non c'è nessuna certificazione]
la pressione del gas [è bassissima|cala] [la sera|quando si accende la caldaia] e [la caldaia va in blocco|l'acqua esce tiepida]
@qualita.pos
[servizio|tutto] [impeccabile|perfetto] da [quando sono passato|quando sono passata|{anni} anni], [mai un problema|zero problemi]
il [nuovo modem|modem] [è ottimo|funziona benissimo] e [copre tutta la casa|il wifi arriva ovunque]
[luce e gas|le forniture] [senza interruzioni|stabili], [come dovrebbe essere|esattamente quello che chiedo]
[qualità|servizio] [ottima|eccellente], [davvero|sinceramente] [soddisfatto|soddisfatta]
@qualita.neu
[è possibile|posso] [sostituire|cambiare] il modem con [un modello più recente|uno che supporti il wifi 6]?
[l'energia|la luce] [fornita|venduta] da Lumenia è [davvero|] da fonti rinnovabili?
[come faccio|come posso] a [segnalare|comunicare] uno sbalzo di tensione?
@qualita.detail
[il modem|il router] è il [Lumenia Box|Lumenia Box 2|Lumenia Box Pro]
[ho già fatto|abbiamo già fatto] il reset [come suggerito|alle impostazioni di fabbrica] {n} volte
[l'ultimo|l'ennesimo] [blackout|sbalzo] è stato {data} [verso le 21|di sera|di mattina]
@qualita.short
modem [che si riavvia|ko] [ogni ora|di nuovo]
[qualità|servizio] [in caduta libera|sempre peggio]
[luce saltata|salta la luce] [di nuovo|per la terza volta questa settimana]
@qualita.subj
[Modem|Router] [difettoso|guasto]
[Sbalzi di tensione|Interruzioni] [frequenti|ripetute]
Copertura mobile [assente|scarsa]
@qualita.title
Qualità [in calo|scadente]
Modem [pessimo|difettoso]

# ------------------------------------------------------------------ app_sito
@app_sito.neg
l'app MyLumenia [non mi fa entrare|mi butta fuori] [ogni volta|di continuo] e [devo rifare|tocca rifare] il login
[sul sito|nell'area clienti] [non si riesce a|è impossibile] [scaricare le bollette|vedere i consumi|cambiare i dati]
l'app [si blocca|crasha|si chiude da sola] [appena apro|quando apro] la sezione [Bollette|Consumi|Profilo]
[il codice OTP|l'SMS con il codice] [non arriva|arriva dopo mezz'ora] e [non riesco ad accedere|il codice è già scaduto]
[i consumi|il grafico dei consumi] [nell'app|nell'area clienti] [sono fermi|è fermo] a {mese}
[il sito|la pagina di pagamento] va in errore [al momento di pagare|quando inserisco la carta][ e non so se il pagamento è andato|]
[l'app|MyLumenia] [è lentissima|ci mette un'eternità] [a caricare|anche solo ad aprirsi]
[la password|il recupero password] [non funziona|non arriva mai]: [ho provato|provato] {n} volte
[non trovo|non c'è] [da nessuna parte|] [il modulo|la sezione] per [inviare l'autolettura|cambiare l'IBAN|scaricare il contratto]
@app_sito.pos
l'app [è comoda|è fatta bene|funziona bene]: [bollette|consumi|pagamenti] tutto [a portata di mano|in un clic]
[finalmente|] [un'app|un'area clienti] [chiara|intuitiva], [pago le bollette|faccio l'autolettura] in [un minuto|due minuti]
[le notifiche|i promemoria] [per la scadenza|delle bollette] sono [utilissimi|comodi]
@app_sito.neu
[come|dove] [si fa|faccio] l'autolettura [dall'app|sul sito]?
[l'app|MyLumenia] [è disponibile|funziona] anche [su tablet|su Huawei senza Google]?
[posso|è possibile] [gestire|vedere] [due contratti|più utenze] [con lo stesso account|nella stessa app]?
[come|dove] [cambio|modifico] [la mail|il numero di telefono] [collegato|associato] all'account?
@app_sito.detail
[uso|ho] [un {device}|il {device}] [aggiornato|con l'ultimo sistema operativo]
[ho disinstallato e reinstallato|ho cancellato la cache e reinstallato] l'app [due volte|più volte]
[l'errore|il messaggio] che [compare|esce] è "[Servizio non disponibile|Si è verificato un errore imprevisto|Sessione scaduta]"
@app_sito.short
[app|MyLumenia] [inutilizzabile|che non funziona|ferma]
[login|accesso] [impossibile|ko] [di nuovo|pure oggi]
[sito|area clienti] [in errore|giù] [da stamattina|da ieri]
@app_sito.subj
[Problema|Problemi] [accesso|login] area clienti
App MyLumenia [non funzionante|si blocca]
Errore [pagamento online|sito]
@app_sito.title
App [inutilizzabile|da rifare]
[Sito|Area clienti] [lento|che non funziona]

# ------------------------------------------------------------------ rete
@rete.neg
la fibra [va a singhiozzo|cade] [più volte al giorno|ogni sera|ogni mezz'ora]
pago per [1 giga|la fibra da 1 Gbps|2,5 giga] e [lo speedtest|il test] [dà|segna] {velocita}
[da {giorni_pochi} giorni|da ieri|da lunedì] [sono senza internet|non ho linea] [e nessuno mi sa dire niente|e il guasto è "in lavorazione"]
[la sera|dopo cena|nel weekend] [la connessione|internet] [rallenta|crolla] [fino a|a] {velocita}
[le videochiamate|le call di lavoro] [si bloccano|saltano] [di continuo|ogni cinque minuti]
la linea [fissa|telefonica] [è muta|non dà segnale] da {giorni_pochi} giorni
c'è un guasto in zona [{citta}|] e [nessuno comunica|Lumenia non comunica] [i tempi|quando sarà risolto]
[il ping|la latenza] [schizza|arriva] a [300|500|800] ms[ e giocare online è impossibile|, in call sembro un robot|]
[la connessione|internet] [salta|cade] [ogni volta che piove|quando c'è vento], [come se la linea fosse di carta|manco fossimo nel 1995]
[il 4G|il 5G|la rete mobile] [non prende|è assente] [in ufficio|in metro|in casa] [e non ricevo chiamate|e niente whatsapp]
@rete.pos
[la fibra|la connessione] [vola|va benissimo]: [sempre sopra|costantemente a] [900 mega|800 mega][ anche la sera|]
[zero|nessuna] [disconnessioni|interruzioni] da [quando ho attivato|{mesi} mesi], [perfetto|ottimo] per lo smart working
[il guasto|il problema alla linea] è stato risolto in [poche ore|giornata], [bravi|ottimo intervento]
[rete mobile|copertura] [ottima|eccellente] anche [in montagna|in campagna|in treno]
@rete.neu
[c'è|risulta] un guasto [in zona|a {citta}] [in questo momento|oggi]?
[come|dove] [posso|si può] verificare [la copertura fibra|se arriva la fibra] [al mio indirizzo|nel mio palazzo]?
[quale|che] velocità [devo aspettarmi|è garantita] [con la FTTC|con la mia linea]?
[conviene|è meglio] collegare il pc [via cavo|con il cavo] o [in wifi|col wifi]?
@rete.detail
[lo speedtest|il test di velocità] [di stamattina|delle 21] [dice|dà] {velocita} in download
[abito|siamo] a {citta}, [l'armadio|la centralina] è [a cinquanta metri|sotto casa]
[ho già|abbiamo già] [riavviato il modem|cambiato il cavo|provato un altro modem] [e non cambia niente|, niente]
il [guasto|disservizio] [è iniziato|è cominciato] {data} [verso le 18|in mattinata|di notte]
@rete.short
[fibra|internet] [ko|giù|morta] [da ieri|da stamattina|di nuovo] a {citta}
[{velocita}|speedtest: {velocita}] [con la fibra|pagando la fibra]... [ok|bene|bravi]
[la connessione|internet] [fa|va] [schifo|pena|malissimo] [stasera|oggi]
@rete.subj
[Guasto|Disservizio] linea [fibra|internet|fissa]
[Lentezza|Velocità ridotta] connessione
Linea [assente|muta] da {giorni_pochi} giorni
@rete.title
Fibra [instabile|a singhiozzo|lentissima]
[Connessione|Internet] [ballerina|inaffidabile]

# ------------------------------------------------------------------ rimborsi
@rimborsi.neg
[aspetto|sto aspettando] il rimborso [del deposito cauzionale|della nota di credito|di {importo}] da [{mesi} mesi|{settimane} settimane]
[mi avevano garantito|mi era stato garantito] [il rimborso|lo storno] [entro 30 giorni|nella bolletta successiva] e [non è arrivato niente|sono ancora qui ad aspettare]
[la nota di credito|il rimborso] [risulta emessa|risulta disposto] [ma|però] [sul conto|in banca] [non è arrivato nulla|non vedo niente]
[dopo la chiusura del contratto|dopo il recesso] [mi dovete|devo ricevere] {importo} di credito e [nessuno risponde|tutti fanno finta di niente]
per [avere|ottenere] [un rimborso|indietro i miei soldi] [ho dovuto|mi hanno chiesto di] [mandare|inviare] [tre volte|{n} volte] [lo stesso modulo|l'IBAN]
[l'indennizzo automatico|l'indennizzo] [previsto dalla carta dei servizi|per il disservizio] [non è mai stato riconosciuto|nessuno me l'ha mai dato]
@rimborsi.pos
[il rimborso|la nota di credito] è [arrivato|arrivata] [in pochi giorni|prima del previsto], [grazie|corretti]
mi hanno riconosciuto [un indennizzo|un rimborso] per il disservizio [senza che lo chiedessi|in automatico], [apprezzato|bravi]
[lo storno|il rimborso] di {importo_small} [è stato fatto|è arrivato] [subito|in bolletta], come [promesso|concordato]
@rimborsi.neu
[in quanto tempo|entro quanto] [arriva|viene accreditato] il rimborso [del deposito cauzionale|della nota di credito]?
[a chi|dove] [devo|posso] [comunicare|mandare] l'IBAN per il rimborso?
[il rimborso|la nota di credito] [arriva|viene accreditato] [sul conto|in bolletta] o [con bonifico|in altro modo]?
@rimborsi.detail
[il credito|la nota di credito] è di {importo_small} [come da|secondo la] fattura n. {fattura}
[il contratto|la fornitura] è [cessato|cessata] {data}[ per trasloco|]
[ho inviato|ho mandato] [il modulo|la richiesta] di rimborso {data} [via pec|tramite area clienti]
@rimborsi.short
[rimborso mai arrivato|nota di credito mai arrivata] [dopo {mesi} mesi|]
[ridatemi|restituitemi] i miei {importo_small}
[rimborsi|indennizzi] [fantasma|questi sconosciuti]
@rimborsi.subj
Richiesta rimborso [deposito cauzionale|nota di credito|credito residuo]
Sollecito rimborso
Rimborso non ricevuto
@rimborsi.title
[Rimborso mai arrivato|Rimborsi lentissimi]
[Soldi|Credito] mai restituiti

# ------------------------------------------------------------------ contratto
@contratto.neg
!per [disdire la linea|chiudere il contratto] [mi chiedono|pretendono] {importo} di [penale|costi di disattivazione] [che nessuno mi aveva detto|non previsti]
[hanno attivato|mi hanno attivato] [un contratto|un servizio] [che non ho mai firmato|mai richiesto] [dopo una telefonata|con un venditore al telefono]
[la disdetta|la richiesta di cessazione] [inviata|mandata] [con raccomandata|via pec] {data} [non risulta|risulta mai arrivata] e [continuano a fatturare|continuate a fatturare]
[nel contratto|sul contratto] [c'erano|ci sono] condizioni [diverse|completamente diverse] da quelle [dette|spiegate] [dal venditore|al telefono]
[la voltura|il cambio di intestazione] [dopo il decesso di mio padre|per la casa di mia madre] [è un calvario|richiede mille documenti] e nessuno [mi aiuta|sa come fare]
[il vincolo|il vincolo di 24 mesi] [non mi era stato comunicato|non era scritto da nessuna parte][ al momento della firma|]
@contratto.pos
[la voltura|il cambio di intestazione] è stata [semplice|veloce] e [senza costi|gestita bene]
mi hanno spiegato [bene|chiaramente] [le condizioni|il contratto] [prima della firma|senza fretta]
[il trasloco delle utenze|il passaggio della fornitura nella casa nuova] è stato [fatto in pochi giorni|gestito perfettamente]
@contratto.neu
[come faccio|cosa devo fare] per [disdire|chiudere] la [fornitura|luce] [della casa di mia madre|dell'appartamento che ho venduto|della casa in affitto]?
[sto traslocando|devo traslocare] a {citta}: [posso|come faccio a] [portare|trasferire] il contratto [nella nuova casa|al nuovo indirizzo]?
[vorrei|devo] [fare la voltura|cambiare l'intestatario] [del contratto|della bolletta] [a nome di mia moglie|a nome di mio marito|a mio nome]: [che documenti servono|quali documenti servono]?
[dove trovo|posso avere] [una copia|copia] del contratto [firmato|sottoscritto]?
[quanto dura|fino a quando c'è] il vincolo [della mia offerta|sul modem]?
@contratto.detail
[ho firmato|il contratto è stato firmato] {data} [con un agente|online|in negozio a {citta}]
[la raccomandata|la pec] [ha|porta] il numero {raccomandata}
[l'utenza|il contratto] è [intestato a mio marito|intestato a mia madre|a nome della mia ditta]
@contratto.short
[penali|costi di disattivazione] [assurdi|folli] [per disdire|per andarsene]
contratto [mai firmato|fantasma] e [pure attivato|attivo lo stesso]
[vincoli nascosti|vincolo nascosto] [ovunque|nel contratto]
@contratto.subj
[Richiesta|Informazioni] [voltura|subentro|cessazione]
Contratto [non richiesto|mai sottoscritto]
Trasloco utenze
@contratto.title
Contratto [poco chiaro|con sorprese]
[Attivazione|Contratto] non richiesto

# ------------------------------------------------------------------ cortesia
@cortesia.neg
l'operatore mi ha risposto in modo [sgarbato|arrogante|maleducato] e [mi ha chiuso il telefono in faccia|ha riattaccato]
[la ragazza|il ragazzo|l'addetto] [del negozio|allo sportello] [non mi ha nemmeno guardato|continuava a guardare il telefono][ mentre parlavo|]
il tecnico è entrato con le scarpe [infangate|sporche] e ha lasciato [calcinacci|pezzi di cavo] [ovunque|per terra] [senza dire nulla|]
mi hanno [trattato|fatto sentire] come [uno scemo|una stupida|un numero]
[l'operatrice|l'operatore] [mi ha interrotto|continuava a interrompermi] [di continuo|mille volte] e [non ascoltava|non mi faceva parlare]
[il venditore|l'agente] [porta a porta|al telefono] [è stato|era] [insistente|aggressivo] e non accettava un no
@cortesia.pos
[l'operatrice|l'operatore|la ragazza al telefono] è stata [gentilissima|cortesissima|super disponibile] e [paziente|mi ha spiegato tutto]
il tecnico [è stato|era] [gentilissimo|bravissimo|educatissimo] e [ha pulito tutto|mi ha spiegato come funziona il modem]
[personale|staff] [del negozio|allo sportello] [di {citta}|] [cortese|gentile] e [preparato|competente]
[finalmente|] [un operatore|una persona] [che ascolta|che ti ascolta davvero] e [non legge il copione|non ti liquida]
@cortesia.neu
[vorrei|volevo] [segnalare|lasciare un feedback su] [l'operatore|il tecnico] [che è venuto|che mi ha seguito] {data}
[dove posso|come posso] lasciare un [complimento|feedback] [per un operatore|allo staff]?
@cortesia.detail
[la chiamata|l'incontro] è [avvenuta|avvenuto] {data} [verso le 11|nel pomeriggio|in mattinata]
[al negozio|allo store] di {citta}[, quello in centro|]
@cortesia.short
[operatore maleducato|operatrice scortese] [al numero verde|in negozio]
[che gentilezza|gentilezza zero]... [bah|mah|complimenti]
[tecnico gentilissimo|tecnico un mito] [👍|🙏|]
@cortesia.subj
Segnalazione comportamento operatore
Reclamo per [scortesia|maleducazione]
Ringraziamento [tecnico|operatore]
@cortesia.title
[Personale scortese|Operatori maleducati]
[Gentilezza|Cortesia] [zero|sotto zero]

# ------------------------------------------------------------------ contatori
@contatori.neg
[è arrivato|mi è arrivato] un conguaglio di {importo} [per consumi di due anni fa|riferito al {anno}|dopo mesi di bollette stimate]
[avete fatturato|continuate a fatturare] [su letture stimate|con consumi presunti] [anche se|nonostante] [mando|invio] l'autolettura [ogni mese|regolarmente]
il letturista [non è mai passato|non passa] [da {mesi} mesi|da un anno] e [poi|ovviamente] [arriva la batosta|arriva il conguaglio]
[la lettura|la lettura in bolletta] [è completamente sbagliata|non corrisponde]: il contatore [segna|dice] {lettura}, voi [scrivete|avete messo] {lettura2}
[il contatore|il contatore elettronico] [risulta guasto|non trasmette le letture][ da {mesi} mesi|] e [nessuno viene a sostituirlo|nessuno interviene]
[l'autolettura|la foto del contatore] [caricata|inviata] [sull'app|dal sito] [non viene considerata|viene ignorata]
@contatori.pos
[l'autolettura|inviare la lettura] [dall'app|con la foto] è [semplicissima|velocissima] e [la bolletta|la fattura] [è corretta|torna]
[il conguaglio|il ricalcolo] è stato [a mio favore|corretto] e [spiegato bene|ben spiegato]
[hanno sostituito|hanno cambiato] il contatore [in pochi giorni|velocemente] [senza costi|e senza disagi]
@contatori.neu
[come|quando] [si fa|devo fare] l'autolettura [del gas|della luce]?
[perché|come mai] [la bolletta|la fattura] [è su consumi stimati|risulta stimata]?
[posso|è possibile] [rateizzare|dividere in rate] il conguaglio di {importo}?
[dove|come] [trovo|leggo] [il numero|la matricola] del contatore?
@contatori.detail
[il PDR|il codice PDR] è {pdr}
[il POD|il codice POD] è {pod}
[la lettura|l'ultima lettura] [che ho inviato|inviata] {data} [è|era] {lettura}
[i consumi annui|i consumi] sono [intorno ai|di circa] [{smc}|{kwh}]
@contatori.short
conguaglio di {importo} [dal nulla|a sorpresa|🤯]
[letture stimate|consumi stimati] [per mesi|sempre] [e poi la mazzata|e poi il conguaglio]
[autolettura|foto del contatore] [ignorata|inutile]
@contatori.subj
Contestazione conguaglio
[Lettura errata|Letture errate] contatore
Autolettura non acquisita
@contatori.title
Conguaglio [folle|assurdo|inaspettato]
Letture [stimate|sbagliate]

# ------------------------------------------------------------------ planted: emerging
@emerg.neg
dopo l'aggiornamento dell'app MyLumenia [mi è arrivato|mi hanno fatto] un doppio addebito [della bolletta|sulla carta]
ho pagato la bolletta [dall'app|con l'app] e [mi avete|mi hanno] addebitato [due volte|il doppio,] {importo}
[da quando|dopo che] ho aggiornato l'app, il pagamento della bolletta [risulta|viene] [addebitato due volte|duplicato]
[sulla carta|sul conto] mi ritrovo [due addebiti identici|lo stesso importo addebitato due volte] da {importo}, [entrambi|tutti e due] "LUMENIA MYLUMENIA"
l'app [nuova|aggiornata] [dà errore al pagamento|dice "pagamento non riuscito"] ma [intanto|poi] i soldi [li prende|sono stati presi] due volte
[doppio addebito|addebito doppio] della bolletta dopo l'[ultimo|ennesimo] aggiornamento dell'app
con la nuova versione di MyLumenia [ho pagato|pago] una volta e [mi addebitate|mi scalate] due [volte|bollette]
@emerg.detail
versione dell'app {app_ver} su [iPhone|Android|Samsung|Xiaomi]
[l'estratto conto|la banca] mostra due movimenti da {importo} [lo stesso giorno|a distanza di un minuto]
l'app si è aggiornata [da sola|in automatico] [qualche giorno fa|la settimana scorsa|{data}]
[in banca|dalla banca] mi dicono che il secondo addebito è [partito|stato richiesto] da voi
@emerg.short
doppio addebito [dopo l'aggiornamento|con la nuova app] [ma state scherzando|ridatemi i soldi|??]
app aggiornata e [bolletta pagata due volte|mi prendete i soldi due volte]
[chi altro|qualcun altro] [ha avuto|ha] il doppio addebito [dall'app|con MyLumenia]?
@emerg.subj
Doppio addebito [bolletta|pagamento] [dopo aggiornamento app|da app MyLumenia]
[Pagamento duplicato|Addebito duplicato] [app|MyLumenia]
@emerg.title
Doppio addebito [dopo l'aggiornamento|con l'app]
[Aggiornamento disastroso|App che addebita due volte]

# ------------------------------------------------------------------ planted: fading
@fade.neg
[aspetto|sto aspettando] l'attivazione della fibra da {settimane} settimane
il tecnico per l'attivazione della fibra [non si è presentato|non si è fatto vivo] [all'appuntamento|per la seconda volta]
[ho firmato|ho sottoscritto] il contratto fibra {data} e [ancora niente|sono ancora senza linea]
la [pratica|richiesta] di attivazione della fibra [risulta|è] "in lavorazione" da [più di un mese|{settimane} settimane]
mi avevano promesso l'attivazione della fibra in {giorni_pochi} giorni, [siamo a|ne sono passati] {giorni}
[ritardo|ritardi] [assurdi|infiniti] nell'attivazione della fibra[, e nel frattempo pago la vecchia linea|]
l'appuntamento con il tecnico della fibra [è stato|viene] spostato [per la terza volta|di continuo][ senza preavviso|]
@fade.detail
il modem è arrivato [da settimane|{data}] ma la fibra non è [attiva|ancora attiva]
[la centralina|l'armadio] [in strada|sotto casa] è già [cablato|pronto], quindi [non capisco il ritardo|cosa aspettate]
ogni volta mi dicono che [manca il permesso|aspettano l'OK] [del gestore della rete|del comune]
@fade.short
fibra [ancora non attiva|mai attivata] dopo {settimane} settimane
[dove sta|che fine ha fatto] il tecnico per la fibra[?|??]
attivazione fibra [infinita|eterna] [🐌|]
@fade.subj
Ritardo attivazione fibra
Attivazione fibra [non ancora avvenuta|in ritardo] - contratto {contratto}
Appuntamento tecnico fibra [non rispettato|saltato]
@fade.title
Attivazione fibra [infinita|lentissima|in ritardo]

# ------------------------------------------------------------------ churn cohort
@churn.escalate
sto [seriamente |]valutando di cambiare [operatore|fornitore]
se non [risolvete|si risolve] entro {giorni_pochi} giorni [mi rivolgo a un'associazione dei consumatori|faccio reclamo formale|cambio gestore]
[mi state facendo|mi fate] passare la voglia di restare cliente
è la [terza|quarta|quinta] volta che [scrivo|segnalo] [la stessa cosa|lo stesso problema]
[mi sto informando|mi sto guardando intorno] per [altre offerte|altri fornitori]
[ho già chiesto|sto chiedendo] preventivi [ad altri operatori|altrove]
@churn.final
[ho già inviato|ho mandato|ho spedito] la disdetta [con raccomandata|via pec|tramite il modulo sul sito][ e non tornerò indietro|]
[ho chiesto|ho avviato] la portabilità [verso un altro operatore|a {competitor}] e [finalmente|] me ne vado
[esercito|eserciterò] il diritto di recesso[ come previsto dal contratto|] e [chiedo|vi chiedo] la chiusura senza penali
[passo|sono passato|sono passata|sto passando] a [un altro operatore|un altro fornitore|{competitor}], [basta|non ne posso più]
ho presentato reclamo [all'ARERA|allo Sportello per il consumatore di ARERA|all'AGCOM|al Corecom] e [procedo|procederò] con la disdetta
[vi comunico|comunico] che [ho deciso di|intendo] recedere dal contratto [con effetto immediato|entro fine mese]
[questa è|è] l'ultima volta che [vi scrivo|vi contatto]: [disdetta|ho disdetto tutto], luce, gas e fibra
[ho già firmato|ho già sottoscritto] con [un altro fornitore|{competitor}], [chiedo|vi chiedo] di non addebitare [penali|costi di disattivazione]
[appena|non appena] [scade|finisce] il vincolo [me ne vado|cambio fornitore|passo altrove], [ho già|] deciso
@churn.subj
Disdetta [contratto|fornitura] n. {contratto}
[Reclamo formale|RECLAMO FORMALE]
Recesso dal contratto
[Ultimo sollecito|ULTIMO AVVISO] prima della disdetta
Richiesta portabilità e chiusura contratto
@hardneg
non voglio disdire, [sono cliente da {anni} anni|mi sono sempre trovato bene], ma [questa cosa va risolta|così non va]
[non ho intenzione di|non voglio] cambiare [operatore|fornitore], però [pretendo|chiedo] [rispetto|una soluzione]
[resto cliente|rimango con voi] [perché il prezzo è buono|dato che in zona non c'è di meglio], ma sono [furioso|furiosa|esasperato|esasperata]
[ho fatto reclamo|farò reclamo] [all'ARERA|formale], ma sia chiaro: non [voglio|intendo] [andarmene|disdire il contratto], voglio [i miei soldi|che sistemate]
non sto minacciando di [andarmene|disdire], [chiedo solo|voglio solo] che qualcuno [mi risponda|risolva]
la disdetta non la faccio, [per principio|sono affezionato|sono affezionata], ma [voglio|esigo] [un rimborso|una risposta seria]

# ------------------------------------------------------------------ shared: mixed sentiment
@mixed.pos
il tecnico [è stato|era] [gentilissimo|bravissimo|molto professionale]
l'operatrice [al telefono|in chat] [è stata|era] [gentile|cortese|disponibilissima]
[il prezzo è buono|la tariffa è onesta|la tariffa è competitiva]
[l'app|MyLumenia] [è comoda|funziona bene]
[la bolletta|la fattura] [è chiara|si capisce]
[l'attivazione|il passaggio] è stato [veloce|rapido]
[in negozio|al negozio di {citta}] [sono stati|erano] [gentili|disponibili]
[per carità|niente da dire], [la luce e il gas|le forniture] [non hanno mai dato problemi|vanno bene]
[la fibra|la connessione] [quando va|quando funziona] [va forte|è velocissima]
@mixed.conn
ma
però
peccato che
il problema è che
ma purtroppo
solo che
@mixed.after
[Detto questo|Comunque|Va detto che|Almeno],

# ------------------------------------------------------------------ shared: reviews
@review.open.neg
Sono cliente da {anni} anni e [sinceramente|onestamente] [non mi era mai capitato|non ne posso più]
Scrivo questa recensione [per avvisare|per mettere in guardia] chi sta pensando di passare a Lumenia
[Esperienza|Esperienza con Lumenia] [pessima|da dimenticare|deludente]
Premetto che [non scrivo mai recensioni|di solito non mi lamento]
[Allora,|Dunque,] vi racconto [la mia esperienza|cosa mi è successo]
Sono passato a Lumenia [a {mese}|da qualche mese] [attirato dal prezzo|perché me l'avevano consigliato] e me ne sono pentito
Sono passata a Lumenia [a {mese}|da qualche mese] [attirata dal prezzo|perché me l'avevano consigliato] e me ne sono pentita
@review.open.pos
Cliente da {anni} anni, [mi trovo|mi sono sempre trovato|mi sono sempre trovata] bene
[Sono passato|Sono passata] a Lumenia [a {mese}|da qualche mese] e [sono soddisfatto|sono soddisfatta|non torno indietro]
Voglio lasciare una recensione positiva perché [se lo meritano|è giusto dirlo anche quando le cose vanno bene]
[Avevo qualche dubbio|Ero scettico|Ero scettica] [all'inizio|prima di firmare], ma [mi sono ricreduto|mi sono ricreduta|devo ricredermi]
@review.open.neu
[Esperienza nella media|Niente di speciale]
[Luci e ombre|Pro e contro]
[Cliente da poco|Cliente da {mesi} mesi], [primo giudizio|prime impressioni]
@review.neu
[servizio nella norma|tutto sommato nella norma], [né bene né male|niente di eccezionale]
[prezzi in linea con il mercato|prezzi nella media], [servizio sufficiente|senza infamia e senza lode]
[per ora|finora] [nessun problema particolare|tutto regolare], vedremo [con le prossime bollette|nei prossimi mesi]
[fa quello che deve|fa il suo dovere], [nulla di più|niente di più]
[l'app è migliorabile|il sito è un po' confuso] ma [le bollette arrivano|il servizio c'è]
@review.close.neg
[Sconsigliato|Sconsigliatissimo]
Mai più[ Lumenia|]
[Vergognatevi|Vergogna]
Una stella è [pure troppo|anche troppo]
Statene alla larga
[Pessimi|Pessimo servizio]
Che delusione
![Appena posso|Alla prima occasione] cambio
@review.close.pos
[Consigliato|Consigliatissimo|Lo consiglio]
Continuate così
[Bravi|Bravissimi]
Cinque stelle [meritate|strameritate]
Grazie ancora
@review.close.neu
Vedremo
[Tre stelle|Voto sufficiente] per ora
Migliorabile
@title.pos
[Ottimo servizio|Servizio eccellente|Tutto perfetto]
[Soddisfatto|Soddisfatta|Molto soddisfatto]
[Finalmente un fornitore serio|Consigliato]
@title.neu
[Nella media|Così così|Senza lode]
[Nessun problema per ora|Ok]
@title.mixed
[Luci e ombre|Bene ma non benissimo|Potrebbe andare meglio]
[Gentili ma|Buono ma] [poco efficienti|con qualche problema]

# ------------------------------------------------------------------ shared: complaint extensions
@gen.history
[ho chiamato|ho contattato] il servizio clienti {n} volte
ho aperto [una segnalazione|un reclamo] {data} (pratica {pratica})
mi hanno [promesso|garantito] [un richiamo|una soluzione] entro {ore} ore [e non si è visto nessuno|ma niente]
ogni operatore [dice una cosa diversa|mi dà una versione diversa]
mi [hanno passato|passano] da un reparto all'altro [senza risolvere nulla|per ore]
[ho già scritto|avevo già scritto] [due volte|la settimana scorsa] [senza risposta|e mi avete risposto con un messaggio automatico]
@gen.consequence
ho perso [mezza giornata|una giornata] di lavoro [ad aspettare|al telefono]
lavoro in smart working e sono [rimasto|rimasta] senza connessione per {giorni_pochi} giorni
mia madre[, che ha {anni_eta} anni,| anziana] è rimasta [senza riscaldamento|al freddo|senza luce] [per ore|un giorno intero]
[i ragazzi|mio figlio] non [riescono|riesce] a [studiare|seguire le lezioni online]
ho dovuto usare l'hotspot del telefono e [ho finito i giga|ho consumato tutti i giga]
ho un'attività e [ogni giorno|ogni ora] senza [linea|pos] sono soldi persi
tra [telefonate|chiamate] e [mail|pec] ci ho perso [le giornate|la pazienza]
[ho dovuto|mi è toccato] [anticipare|pagare] {importo} [per non farmi staccare la luce|per evitare la sospensione]
@gen.escalate
[sono stufo|sono stufa|sono esasperato|sono esasperata]
se non [risolvete|rispondete] [mi rivolgo a un avvocato|mi rivolgo a un'associazione dei consumatori|faccio reclamo formale]
[è una vergogna|è inaccettabile|è assurdo] [trattare così i clienti|nel 2026]
[non è possibile|non si può] [andare avanti così|continuare così]
@gen.pos_detail
[l'attivazione|tutto] è [avvenuta|avvenuto] in {giorni_pochi} giorni
[risparmio|spendo] circa {importo_small} [al mese|in meno] rispetto a prima
[anche|pure] [la bolletta|l'app] [è chiara|funziona bene]
[l'ho consigliato|l'ho consigliata] [anche ai miei genitori|a mia sorella|ai colleghi]

# ------------------------------------------------------------------ shared: tickets
@ticket.greet
Gentile servizio clienti,
Buongiorno,
Spett.le Lumenia,
Salve,
Buonasera,
Gentili signori,
Alla cortese attenzione dell'ufficio reclami,
Egregi signori,
Ciao,
Buongiorno a voi,
@ticket.intro
sono [titolare|intestatario|intestataria] del contratto {offerta} n. {contratto}[ e vi scrivo per segnalare un problema| e vi scrivo in merito a quanto segue|]
vi contatto in merito alla mia [utenza|fornitura] [luce|gas|fibra] (codice cliente {cust})
con la presente [segnalo|desidero segnalare] quanto segue
[scrivo|vi scrivo] per la [seconda|terza] volta [in merito allo stesso problema|sulla stessa questione]
[vi scrivo|scrivo] [per conto di mia madre|per conto di mio padre], [intestataria|intestatario] della fornitura
@ticket.request
Vi chiedo [cortesemente|gentilmente] di [verificare|ricontrollare] [la situazione|l'importo] e di [emettere una nota di credito|stornare l'importo non dovuto]
Chiedo [un riscontro|una risposta] scritta entro {giorni_pochi} giorni
Resto in attesa di [un vostro riscontro|una risposta] [urgente|celere]
Chiedo di essere [ricontattato|ricontattata] [al più presto|il prima possibile]
Vi chiedo di [sistemare|risolvere] [la questione|il problema] [senza ulteriori rinvii|una volta per tutte]
@ticket.request_neu
[Grazie in anticipo|Ringrazio in anticipo] per [le informazioni|la risposta]
Attendo [vostre indicazioni|istruzioni]
[Potete|Potreste] [indicarmi|spiegarmi] [la procedura|come procedere]?
@ticket.close
Cordiali saluti
Distinti saluti
Grazie, saluti
In attesa di riscontro, porgo cordiali saluti
Grazie per l'attenzione
Saluti
Buona giornata
@ticket.pos
volevo ringraziare [l'operatrice|l'operatore|il tecnico] che [mi ha aiutato|mi ha seguito] {data}: [gentilissimo|gentilissima|competente e paziente]
[tutto risolto|problema risolto], [grazie per la rapidità|grazie per la disponibilità]
[vi scrivo solo per|volevo solo] dire che [il nuovo contratto|la nuova offerta] [è perfetto|è perfetta] e [sono molto soddisfatto|sono molto soddisfatta]
@phone.fill
allora
eh niente
cioè
praticamente
guardi
senta
ecco
sì allora
no ma

# ------------------------------------------------------------------ agent replies (never scored)
@agent.greet
Gentile cliente,
Buongiorno,
Gentile Cliente,
Salve,
@agent.thanks
grazie per averci contattato.
la ringraziamo per la segnalazione.
ci scusiamo per l'attesa e la ringraziamo per la pazienza.
abbiamo ricevuto la sua richiesta.
@agent.apology
Ci scusiamo per il disagio [arrecato|che sta vivendo].
Comprendiamo il suo malcontento e ci scusiamo per l'accaduto.
Siamo spiacenti per l'inconveniente.
@agent.ask
Per procedere con le verifiche le chiediamo di [indicarci|inviarci] [il codice cliente|il numero di contratto|una copia della bolletta|una foto del contatore|la ricevuta del pagamento].
Potrebbe [cortesemente|gentilmente] [confermarci|indicarci] [un recapito telefonico|l'indirizzo della fornitura|la fascia oraria in cui è reperibile]?
@agent.working
Abbiamo [inoltrato|trasmesso] la sua segnalazione [all'ufficio competente|al reparto tecnico|al secondo livello] (pratica {pratica}).
[Stiamo verificando|Abbiamo avviato una verifica su] quanto segnalato e le daremo riscontro entro {giorni_pochi} giorni lavorativi.
La pratica è [in lavorazione|stata presa in carico][ con priorità|].
@agent.resolve
Abbiamo [verificato|ricontrollato] la sua posizione e [provveduto a emettere una nota di credito di {importo_small}|stornato l'importo non dovuto|rettificato la fattura|disposto il rimborso, che riceverà entro {giorni} giorni|corretto la lettura].
Il [guasto|disservizio] [è stato risolto|risulta risolto]; la invitiamo a [riavviare il modem|verificare] e a ricontattarci se il problema [dovesse ripresentarsi|persiste].
Le confermiamo che [la richiesta|la modifica] è stata [completata|eseguita] con successo.
@agent.info
Può [effettuare l'operazione|procedere] direttamente dall'app MyLumenia, nella sezione "[Profilo|Bollette|Contratti|Pagamenti]".
Trova tutte le informazioni nell'area clienti alla voce "[I miei contratti|Documenti|Assistenza]".
La procedura richiede [circa|al massimo] {giorni_pochi} giorni lavorativi dalla ricezione dei documenti.
@agent.close
Restiamo a disposizione per qualsiasi chiarimento.
Per ulteriori informazioni può contattarci al {numero_verde}.
Cordiali saluti.
@agent.sign
Il Team Assistenza Lumenia
Servizio Clienti Lumenia
Lumenia - Assistenza Clienti (op. {op})

# ------------------------------------------------------------------ customer follow-ups
@follow.unresolved
Sono passati {giorni} giorni e [ancora nulla|non è cambiato niente|nessuno si è fatto sentire]
[Vi ho già mandato|Ho già inviato] [tutto|i documenti richiesti] [due volte|la settimana scorsa]. Quanto devo aspettare ancora?
La risposta automatica non mi serve, [voglio|chiedo] una soluzione
Il problema [persiste|non è risolto], [anzi è peggiorato|esattamente come prima]
Mi avete chiuso la pratica [senza risolvere|ma non è cambiato nulla]
@follow.info
Ecco [i dati richiesti|quanto richiesto]: codice cliente {cust}, contratto {contratto}
[In allegato|Allego] [la bolletta|la ricevuta|la foto del contatore] come richiesto
Sono [reperibile|disponibile] [tutti i giorni|dal lunedì al venerdì] [dopo le 17|la mattina]
@follow.thanks
[Grazie|Grazie mille], [ora funziona tutto|ho visto la nota di credito|tutto risolto]
Confermo che il problema è risolto, grazie per la [rapidità|disponibilità]
Ok grazie, [gentilissimi|molto gentili]
@follow.reopen
[Purtroppo|Niente da fare,] il problema si è ripresentato [ieri|stamattina]

# ------------------------------------------------------------------ social
@social.reply
[Anche a me|Anche io|Idem|Stessa cosa|Uguale|Confermo]
[qui a {citta}|pure a {citta}] [uguale|stessa storia]
[+1|Eh già|Benvenuto nel club]
@sarcasm
Complimenti [Lumenia|@Lumenia_IT] 👏👏 {core}. [Servizio top|Bravi proprio|Eccellenza italiana]
[Grazie Lumenia|Grazie eh], {core}. [Proprio quello che mi serviva|Bellissimo|Un sogno]
[Che bello|Adoro] quando {core}...
{core}. [Ma va tutto bene eh|Tutto normale|Ma sì dai, tanto paghiamo] 🙃
@brand.reply
Ciao {handle}, [ci dispiace per il disagio|siamo spiacenti per l'accaduto]! [Scrivici in DM|Mandaci un messaggio privato] con il tuo codice cliente così [verifichiamo subito|ti aiutiamo] 🙏
{handle} [ciao|buongiorno], [abbiamo girato la segnalazione ai colleghi|stiamo verificando]. [Ti aggiorniamo in privato|Ti scriviamo in DM] appena possibile
Grazie {handle} per [le belle parole|il feedback]! 💚 [Un saluto dal team Lumenia|Alla prossima]
@dialect.neg
Aò
Ammazza oh
Ma che davero
Ma che state a fa'
È 'na vergogna
Maronna mia
Uè
Ma che state facenn
Nun se po' cchiù
Mannaggia 'a miseria
Ué
Ma va là
Sun stüf
Ostrega
Xe na vergogna
Ciò
Mizzica
Boia deh
Ma icché tu dici
Bah
Mah
@dialect.pos
Daje
Jamme bell
Ammazza che roba
Ostrega che velocità
Mizzica
Boia deh, funziona
Anvedi
Ué, finalmente

# ------------------------------------------------------------------ non-Italian social posts
@en.open
[Honestly|Seriously] @Lumenia_IT
[Day {giorni_pochi}|Week two] and
Just moved to {citta} and
Not gonna lie,
@en.core
my fiber keeps dropping every [hour|few minutes]
customer service only speaks Italian and nobody could help me
the MyLumenia app won't let me log in [again|since yesterday]
activation is taking forever, still no internet after {settimane} weeks
great support today, the technician fixed everything in [20 minutes|half an hour]
got a bill of {importo} for a tiny flat?? no way
waited {minuti_attesa_en} on hold to talk to someone
how do I cancel my contract if I leave Italy?
@en.end
😤
#Lumenia
. Any tips?
. Thanks!
🙄
@es.core
[Llevo|Ya son] {giorni_pochi} días sin internet en {citta}
Me han cobrado {importo} de luz, [es una locura|no puede ser]
El servicio al cliente no contesta [nunca|jamás]
La app MyLumenia no funciona [desde ayer|otra vez]
Muy amable el técnico, [todo resuelto|problema solucionado]
¿Alguien sabe cómo dar de baja el contrato de Lumenia?
La fibra va [fatal|lentísima] por las noches
@es.end
😡
[#Lumenia|]
[, qué vergüenza|. Gracias]
@fr.core
[Trois|Quatre] jours sans internet à {citta}, merci Lumenia [🙄|]
Facture de {importo} pour un studio, [sérieusement|vraiment] ?
Le service client ne répond [jamais|pas]
L'application MyLumenia plante [tout le temps|encore]
Technicien très sympa, [problème réglé|tout fonctionne]
Comment résilier mon contrat quand on quitte l'Italie ?
La fibre coupe [tous les soirs|sans arrêt]
@fr.end
😤
[#Lumenia|]
[. Génial|. Merci]
"""


@cache
def load_banks() -> dict[str, tuple[str, ...]]:
    """Parse the phrase banks into ``{bank_name: fragments}``.

    Returns:
        Mapping from bank name (e.g. ``"rete.neg"``) to its fragments, in file order.

    Raises:
        ValueError: If a fragment appears before any ``@bank`` header.
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
        current.append(line)
    return {name: tuple(frags) for name, frags in banks.items()}

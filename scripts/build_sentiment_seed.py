"""Build ``models/data/sentiment_seed.csv`` deterministically from hand-written Italian fragments.

Every sentence and fragment in this file was written for the project (no third-party or customer
text). The output mixes

* several hundred fully hand-written standalone examples (``HANDWRITTEN`` below), and
* compositions of hand-written, sector-specific fragments (facts, requests, statements, openers,
  closers) through many different frames, so that vocabulary, syntax and length vary.

Columns: ``text,label,sector,channel,phenomenon``; labels ``negativo|neutro|positivo``.

Labelling policy (why): the seed trains a CX model, so a text carrying a serious complaint is
``negativo`` even when it also praises something ("prodotto ottimo ma assistenza pessima");
``neutro`` means requests, questions and information, never a weak positive; sarcasm is
labelled by its intended (negative) meaning.

Run: ``python scripts/build_sentiment_seed.py`` (same output every time, seed 7).
"""

from __future__ import annotations

import csv
import random
import re
from collections.abc import Callable
from pathlib import Path

SEED = 7
OUT = Path(__file__).resolve().parents[1] / "models" / "data" / "sentiment_seed.csv"

LABELS = {"neg": "negativo", "neu": "neutro", "pos": "positivo"}
SECTOR_CODES = {
    "tel": "telco",
    "ene": "energia",
    "ban": "banca",
    "ass": "assicurazioni",
    "eco": "ecommerce",
    "con": "consegne",
    "via": "viaggi",
    "pa": "pubblica_amministrazione",
}
CHANNEL_CODES = {"r": "review", "t": "ticket", "s": "social"}

Row = tuple[str, str, str, str, str]  # text, label, sector, channel, phenomenon

# --------------------------------------------------------------------------------------------
# Sector fragments. Facts are lowercase clauses usable after "perché", "purtroppo", "e" …
#   neg: serious problems; pos: praise; minor: small issues that do not spoil a positive
#   judgement; fix: a resolution; req: questions; ask: declarative requests; info: neutral
#   statements; negq: neutral sentences that contain a negation; posn/negn: short nominal
#   judgements; sarc: objects of a sarcastic "grazie per …"; objs: things that can "funzionare";
#   ctx: context sentences for long texts; who: how customers call the company.
# --------------------------------------------------------------------------------------------

S: dict[str, dict[str, list[str]]] = {}

S["telco"] = {
    "brands": [
        "TIM", "Vodafone", "WindTre", "Iliad", "Fastweb", "Very Mobile", "Kena", "Tiscali",
        "PosteMobile", "ho. Mobile", "Sky Wifi", "Eolo",
    ],
    "who": ["operatore", "gestore", "compagnia telefonica"],
    "sto": ["sto operatore", "sta compagnia", "sto gestore"],
    "objs": [
        "la fibra", "il modem", "la linea fissa", "la SIM", "l'app", "la connessione",
        "il router", "la rete mobile", "la segreteria", "l'area clienti", "internet",
    ],
    "neg": [
        "la fibra salta tutte le sere dalle nove in poi",
        "mi avete addebitato servizi premium che non ho mai attivato",
        "il modem si riavvia da solo ogni mezz'ora",
        "la linea è isolata da otto giorni e nessuno interviene",
        "in casa il segnale non c'è e devo uscire sul balcone per telefonare",
        "la portabilità è bloccata da tre settimane",
        "il tecnico non si è presentato all'appuntamento per la seconda volta",
        "la velocità reale è un decimo di quella promessa",
        "mi hanno aumentato il canone senza avvisare",
        "il numero verde ti tiene in attesa quaranta minuti e poi cade la linea",
        "internet va a singhiozzo da quando avete fatto la manutenzione",
        "la SIM nuova non è mai stata attivata",
        "mi arrivano bollette per una linea che ho già cessato",
        "il roaming mi è costato una fortuna nonostante l'offerta",
        "il router in comodato è arrivato rotto",
        "le chiamate si interrompono dopo pochi secondi",
        "ogni operatore del call center mi dice una cosa diversa",
    ],
    "pos": [
        "la fibra vola anche la sera",
        "l'attivazione è stata fatta in due giorni",
        "il tecnico è arrivato puntuale ed è stato gentilissimo",
        "la portabilità è andata liscia senza perdere un minuto di linea",
        "il prezzo è rimasto quello promesso, senza sorprese",
        "in chat mi hanno risolto il problema in dieci minuti",
        "il segnale prende bene anche in montagna",
        "il modem si è configurato da solo",
        "l'app è chiara e si vede subito il credito residuo",
        "l'operatrice mi ha spiegato tutto con pazienza",
        "da quando ho cambiato modem la connessione è stabilissima",
        "i giga bastano e avanzano e costa poco",
    ],
    "minor": [
        "l'attivazione ha richiesto qualche giorno in più del previsto",
        "il modem fornito è un po' datato",
        "al telefono ho aspettato un quarto d'ora",
        "l'app ogni tanto si blocca",
        "la prima bolletta era un po' confusa",
    ],
    "fix": [
        "alla fine il secondo tecnico ha sistemato tutto",
        "dopo la segnalazione la linea è tornata stabile",
        "mi hanno rimborsato i giorni di disservizio",
        "l'assistenza in chat ha risolto in giornata",
    ],
    "req": [
        "come posso attivare l'opzione estero prima di partire?",
        "vorrei sapere quando scade la promozione sul mio numero.",
        "è possibile avere il modem in comodato invece che a rate?",
        "dove trovo il codice di migrazione della linea?",
        "potete inviarmi la copia del contratto firmato?",
        "come si configura la segreteria telefonica?",
        "quali sono gli orari del negozio di via Roma?",
        "si può spostare l'appuntamento del tecnico a giovedì?",
        "come faccio ad aggiungere una seconda SIM dati al mio abbonamento?",
        "a chi devo rivolgermi per il trasloco della linea?",
        "come faccio a vedere il traffico dati consumato questo mese?",
        "è prevista la copertura in fibra nella mia via?",
        "qual è la password predefinita del router?",
    ],
    "ask": [
        "Vorrei disattivare la segreteria sul mio numero.",
        "Chiedo di ricevere le fatture via email invece che cartacee.",
        "Vi chiedo di richiamarmi per fissare l'installazione.",
        "Desidero attivare la fattura elettronica.",
        "Mi serve una copia dell'ultima bolletta per la dichiarazione.",
        "Vi prego di aggiornare il mio indirizzo di fatturazione.",
        "Vorrei ricevere il dettaglio delle chiamate di febbraio.",
    ],
    "info": [
        "Ho ricevuto la fattura di marzo.",
        "Il tecnico è passato stamattina per la verifica.",
        "La SIM è arrivata ieri con il corriere.",
        "Ho effettuato la ricarica da 20 euro tramite app.",
        "Il contratto è intestato a mia moglie.",
        "Dal primo del mese mi trasferisco a Bologna.",
        "La linea è stata attivata il 4 giugno.",
        "Il modem è il modello bianco con quattro porte.",
        "Allego lo screenshot del test di velocità.",
        "Il numero interessato è il cellulare aziendale.",
        "Ho cambiato offerta la settimana scorsa.",
    ],
    "negq": [
        "Non ricordo il PIN della SIM, come posso recuperarlo?",
        "Non so se la mia via è raggiunta dalla fibra, potete verificare?",
        "Non ho capito se il modem va restituito a fine contratto.",
        "Non trovo la voce per scaricare le fatture nell'app, dov'è?",
        "Non uso più il telefono fisso, è possibile tenere solo internet?",
    ],
    "posn": [
        "connessione stabile", "tariffa onesta", "assistenza veloce", "copertura ottima",
        "attivazione rapida", "modem affidabile",
    ],
    "negn": [
        "linea instabile", "assistenza inesistente", "costi nascosti", "copertura scarsa",
        "fatturazione sbagliata", "portabilità infinita", "call center inutile",
    ],
    "sarc": [
        "avermi lasciato senza internet proprio durante la riunione",
        "i servizi premium attivati a mia insaputa",
        "la fibra che di sera diventa un modem 56k",
        "i quaranta minuti di musichetta al numero verde",
        "l'aumento del canone come regalo di Natale",
        "il tecnico che non si presenta per la seconda volta",
    ],
    "ctx": [
        "Sono cliente da {n} anni con fisso e mobile.",
        "Ho attivato la fibra a gennaio dopo un trasloco.",
        "Lavoro da casa e la connessione per me è fondamentale.",
        "Ho un abbonamento famiglia con tre SIM.",
    ],
    "tags": ["#fibra", "#disservizio", "#internet", "#telefonia"],
}

S["energia"] = {
    "brands": [
        "Enel", "Hera", "A2A", "Edison", "Iren", "Sorgenia", "Octopus", "Eni Plenitude",
        "Acea", "Illumia", "Engie",
    ],
    "who": ["fornitore", "gestore", "compagnia"],
    "sto": ["sto fornitore", "sta compagnia", "sto gestore"],
    "objs": [
        "l'app", "l'area riservata", "il contatore elettronico", "il sito", "il numero verde",
        "la caldaia appena installata", "il portale per l'autolettura",
    ],
    "neg": [
        "la bolletta di gennaio è triplicata senza motivo",
        "mi hanno fatturato consumi stimati assurdi invece delle letture reali",
        "siamo rimasti senza luce per due giorni e nessuno sapeva dirci nulla",
        "il passaggio da un fornitore all'altro ha richiesto quattro mesi",
        "mi hanno attivato un contratto che non avevo mai firmato",
        "il rimborso del conguaglio è fermo da un anno",
        "la domiciliazione non è partita e ora mi chiedono gli interessi di mora",
        "il prezzo bloccato è stato modificato dopo sei mesi",
        "il tecnico per il contatore non è mai venuto",
        "mi è arrivato un sollecito per una bolletta già saldata",
        "l'autolettura inviata non viene mai considerata",
        "hanno sospeso il gas nonostante avessi pagato tutto",
        "il servizio clienti rimbalza le chiamate da un ufficio all'altro",
        "in bolletta ci sono oneri che nessuno sa spiegare",
        "il bonus sociale non è mai stato applicato",
        "mi hanno addebitato due volte la stessa fattura",
    ],
    "pos": [
        "il passaggio dal vecchio fornitore è stato veloce e senza interruzioni",
        "le bollette sono chiare e arrivano sempre puntuali",
        "la tariffa è davvero più bassa di quella che avevo prima",
        "l'app mostra i consumi giorno per giorno",
        "il rimborso del conguaglio è arrivato in pochi giorni",
        "l'operatore mi ha spiegato ogni voce della bolletta",
        "per il guasto sono intervenuti in un'ora, di notte",
        "il prezzo è trasparente e senza costi nascosti",
        "con l'autolettura pago esattamente quello che consumo",
        "hanno risposto alla mail in giornata",
        "il contratto si è attivato senza che dovessi fare nulla",
        "ho risparmiato quasi duecento euro in un anno",
    ],
    "minor": [
        "la prima bolletta è arrivata con qualche giorno di ritardo",
        "il sito è un po' lento nelle ore di punta",
        "al telefono si aspetta qualche minuto",
        "l'app non è bellissima da vedere",
        "la mail di benvenuto era un po' confusa",
    ],
    "fix": [
        "il conguaglio errato è stato corretto in una settimana",
        "dopo la mia segnalazione hanno ricalcolato tutto",
        "mi hanno richiamato per scusarsi e hanno sistemato la fattura",
        "il rimborso è arrivato senza dover insistere",
    ],
    "req": [
        "come posso cambiare l'IBAN per l'addebito?",
        "dove trovo il codice POD nella bolletta?",
        "entro quale giorno devo inviare l'autolettura?",
        "è possibile rateizzare la bolletta del conguaglio?",
        "come faccio a passare alla bolletta digitale?",
        "quanto tempo serve per la voltura a nome di mia figlia?",
        "posso aumentare la potenza del contatore a 4,5 kW?",
        "quali documenti servono per il subentro in un appartamento nuovo?",
        "la tariffa a prezzo fisso vale anche per il gas?",
        "quando arriva il prossimo conguaglio?",
        "come si legge il contatore del gas?",
        "a che numero posso segnalare un guasto di notte?",
    ],
    "ask": [
        "Vi chiedo di inviarmi il piano di rateizzazione.",
        "Invio in allegato la foto del contatore per l'autolettura.",
        "Desidero intestare la fornitura a mio marito.",
        "Vorrei ricevere il dettaglio dei consumi degli ultimi dodici mesi.",
        "Chiedo la modifica dell'indirizzo di recapito delle bollette.",
        "Vorrei un appuntamento per la verifica del contatore.",
    ],
    "info": [
        "Ho ricevuto la bolletta di marzo.",
        "L'autolettura di oggi è 04512.",
        "Il contatore si trova nel vano scale al piano terra.",
        "La fornitura è attiva dal primo febbraio.",
        "Il pagamento è stato effettuato con bonifico il 10 maggio.",
        "Nell'appartamento abitiamo in tre persone.",
        "Il codice cliente è riportato in alto a destra della bolletta.",
        "Ho inviato la lettura tramite app.",
        "La bolletta del gas è bimestrale.",
        "Il tecnico ha sostituito il contatore martedì.",
    ],
    "negq": [
        "Non riesco a trovare il codice POD, dove si trova?",
        "Non so se mi spetta il bonus sociale, come posso verificarlo?",
        "Non abito più all'indirizzo indicato, come aggiorno i dati?",
        "Non conosco la potenza del mio contatore, dove la leggo?",
        "Non ho la domiciliazione, posso pagare con il bollettino?",
    ],
    "posn": [
        "bollette chiare", "tariffe competitive", "passaggio semplice", "assistenza rapida",
        "prezzi trasparenti", "app comoda",
    ],
    "negn": [
        "bollette sbagliate", "conguagli assurdi", "assistenza introvabile", "oneri misteriosi",
        "rimborsi fantasma", "fatturazione caotica",
    ],
    "sarc": [
        "avermi lasciato senza luce tre giorni",
        "la bolletta da 600 euro per un bilocale",
        "avermi sospeso il gas in pieno inverno",
        "il conguaglio a sorpresa sotto Natale",
        "avermi fatto pagare due volte la stessa fattura",
        "il sollecito per una bolletta già pagata",
    ],
    "ctx": [
        "Sono cliente da {n} anni per luce e gas.",
        "Ho attivato la fornitura a inizio anno.",
        "Abito in un bilocale e consumo poco.",
        "Ho cambiato fornitore dopo un trasloco.",
    ],
    "tags": ["#bollette", "#caroenergia", "#luce", "#gas"],
}

S["banca"] = {
    "brands": [
        "Intesa Sanpaolo", "UniCredit", "BancoPosta", "Fineco", "BPER", "Banco BPM",
        "Mediolanum", "N26", "Hype", "BNL", "ING", "Crédit Agricole",
    ],
    "who": ["banca", "istituto", "filiale"],
    "sto": ["sta banca", "sto istituto", "sta filiale"],
    "objs": [
        "l'app", "l'home banking", "il bancomat", "la carta", "il bonifico istantaneo",
        "il token", "il sito", "lo sportello automatico",
    ],
    "neg": [
        "il bonifico è partito dopo una settimana",
        "la carta è stata bloccata senza alcun preavviso",
        "mi hanno addebitato commissioni mai comunicate",
        "l'app va in errore ogni volta che provo ad accedere",
        "in filiale c'è un solo sportello aperto e un'ora di coda",
        "per sbloccare il conto mi hanno chiesto gli stessi documenti tre volte",
        "la pratica del mutuo è ferma da due mesi",
        "il bancomat mi ha trattenuto la carta e nessuno sa quando la riavrò",
        "hanno aumentato il canone del conto senza dirmelo",
        "mi hanno proposto un investimento rischioso spacciandolo per sicuro",
        "il rimborso per un pagamento non autorizzato non è mai arrivato",
        "il consulente non risponde né alle mail né al telefono",
        "l'accredito dello stipendio è arrivato con tre giorni di ritardo",
        "il numero verde ti fa girare in un menu infinito",
        "mi hanno chiuso la carta di credito senza spiegazioni",
    ],
    "pos": [
        "ho aperto il conto dal divano in dieci minuti",
        "il consulente mi ha seguito passo passo per il mutuo",
        "l'app è semplice e i bonifici istantanei arrivano subito",
        "il canone è zero e le commissioni sono bassissime",
        "quando mi hanno clonato la carta l'hanno bloccata in un attimo e mi hanno rimborsato tutto",
        "la filiale è sempre disponibile e il personale è competente",
        "mi hanno concesso il prestito in tre giorni",
        "le notifiche in tempo reale sono comodissime",
        "il cambio di IBAN per lo stipendio è stato immediato",
        "la consulente mi ha spiegato ogni costo senza fretta",
        "ho sbloccato il token da solo grazie a una guida chiarissima",
    ],
    "minor": [
        "l'app ogni tanto chiede di riconnettersi",
        "in filiale ho aspettato una ventina di minuti",
        "la carta è arrivata con qualche giorno di ritardo",
        "il riconoscimento via video è un po' macchinoso",
    ],
    "fix": [
        "il giorno dopo il consulente mi ha richiamato e ha sbloccato tutto",
        "la commissione sbagliata mi è stata stornata subito",
        "mi hanno mandato una carta nuova in tre giorni",
    ],
    "req": [
        "come posso cambiare il massimale della carta?",
        "dove trovo l'estratto conto annuale in pdf?",
        "quanto costa un bonifico estero in dollari?",
        "è possibile cointestare il conto con mia moglie?",
        "come si attiva il pagamento da smartphone sulla carta di debito?",
        "quali documenti servono per la richiesta di mutuo?",
        "posso prelevare contanti all'estero senza commissioni?",
        "entro che ora devo fare il bonifico perché arrivi oggi?",
        "come faccio a richiedere una nuova carta dopo lo smarrimento?",
        "si può fissare un appuntamento in filiale il sabato?",
        "come modifico il numero di telefono collegato al conto?",
        "il conto giovani resta gratuito dopo i 30 anni?",
    ],
    "ask": [
        "Vi chiedo di inviarmi la certificazione degli interessi passivi.",
        "Vorrei fissare un appuntamento con il consulente.",
        "Chiedo l'aumento temporaneo del limite di prelievo.",
        "Desidero ricevere le comunicazioni solo in formato digitale.",
        "Vorrei aggiornare il documento d'identità scaduto.",
    ],
    "info": [
        "Ho effettuato un bonifico di 250 euro ieri pomeriggio.",
        "La carta mi è stata consegnata venerdì.",
        "Il conto è cointestato con mio fratello.",
        "Ho aggiornato l'app all'ultima versione.",
        "Lo stipendio viene accreditato il 27 di ogni mese.",
        "Ho un appuntamento in filiale giovedì alle 10.",
        "Ho ricevuto l'estratto conto trimestrale.",
        "La mia carta scade a novembre.",
        "Ho attivato le notifiche per ogni pagamento.",
        "Il mutuo è a tasso fisso per vent'anni.",
    ],
    "negq": [
        "Non ricordo il PIN della carta, come posso farmelo rispedire?",
        "Non ho ancora attivato il token, è obbligatorio?",
        "Non trovo la sezione per scaricare la certificazione degli interessi.",
        "Non sono sicuro dell'IBAN da comunicare al datore di lavoro, dove lo vedo?",
    ],
    "posn": [
        "app intuitiva", "conto a zero spese", "consulente preparato", "bonifici immediati",
        "personale cortese", "servizio efficiente",
    ],
    "negn": [
        "commissioni nascoste", "app che si blocca", "code infinite in filiale",
        "consulenza inesistente", "tempi biblici", "assistenza da incubo",
    ],
    "sarc": [
        "avermi bloccato la carta proprio in vacanza",
        "le commissioni a sorpresa",
        "l'ora di coda in filiale",
        "l'app che si blocca il giorno dello stipendio",
        "avermi fatto rifare il riconoscimento cinque volte",
    ],
    "ctx": [
        "Ho il conto corrente qui da {n} anni.",
        "Ho aperto il conto online la primavera scorsa.",
        "Uso la carta soprattutto per gli acquisti online.",
        "Ho acceso un mutuo per la prima casa.",
    ],
    "tags": ["#banca", "#homebanking", "#mutuo", "#conto"],
}

S["assicurazioni"] = {
    "brands": [
        "Generali", "UnipolSai", "Allianz", "AXA", "Zurich", "Reale Mutua", "Cattolica",
        "Genertel", "Prima", "Verti", "Linear", "ConTe.it",
    ],
    "who": ["assicurazione", "compagnia", "agenzia"],
    "sto": ["sta assicurazione", "sta compagnia", "sta agenzia"],
    "objs": [
        "l'app", "l'area clienti", "il preventivatore online", "la scatola nera",
        "il numero verde", "il sito",
    ],
    "neg": [
        "dopo l'incidente il perito è arrivato dopo due mesi",
        "il rimborso del sinistro è fermo da mezzo anno",
        "il premio è aumentato del trenta per cento senza sinistri",
        "mi hanno rifiutato la pratica per un cavillo scritto in piccolo",
        "il liquidatore non si fa mai trovare",
        "hanno rinnovato la polizza in automatico senza avvisarmi",
        "la franchigia era molto più alta di quanto mi avessero detto",
        "il carro attrezzi è arrivato dopo tre ore sotto la pioggia",
        "per la polizza casa mi hanno chiesto documenti su documenti e poi più niente",
        "mi hanno offerto un risarcimento ridicolo rispetto al danno",
        "l'agente mi ha venduto coperture che non mi servivano",
        "la scatola nera segnala frenate brusche che non ho mai fatto",
        "il rimborso delle spese mediche arriva con mesi di ritardo",
        "la pratica è passata per cinque liquidatori diversi",
    ],
    "pos": [
        "il sinistro è stato liquidato in meno di tre settimane",
        "l'agente mi ha trovato una polizza più economica con le stesse coperture",
        "il carro attrezzi è arrivato in mezz'ora",
        "il perito è stato preciso e cordiale",
        "il preventivo online era chiarissimo",
        "mi hanno rimborsato le spese mediche senza storie",
        "l'assistenza stradale mi ha salvato le vacanze",
        "la polizza casa ha coperto tutti i danni dell'allagamento",
        "il rinnovo è arrivato con un piccolo sconto",
        "l'agenzia mi ha seguito in tutta la pratica",
        "con l'app ho aperto il sinistro e caricato le foto in cinque minuti",
    ],
    "minor": [
        "il modulo online è un po' lungo",
        "il perito è arrivato con un giorno di ritardo",
        "al numero verde c'era un po' di attesa",
        "la documentazione era tanta",
    ],
    "fix": [
        "alla fine il sinistro è stato pagato per intero",
        "l'agente ha preso in mano la pratica e l'ha chiusa in una settimana",
        "mi hanno riconosciuto anche il noleggio dell'auto sostitutiva",
    ],
    "req": [
        "cosa copre esattamente la garanzia cristalli?",
        "come posso aggiungere un secondo conducente alla polizza?",
        "quando scade la mia polizza auto?",
        "è possibile pagare il premio in rate mensili?",
        "quali documenti servono per denunciare un sinistro?",
        "la polizza casa copre anche i danni da grandine?",
        "come si compila il modulo CAI?",
        "posso trasferire la classe di merito sull'auto nuova?",
        "quanto costa aggiungere la tutela legale?",
        "entro quanti giorni devo comunicare il sinistro?",
        "come scarico l'attestato di rischio?",
    ],
    "ask": [
        "Vi chiedo di inviarmi la quietanza di pagamento.",
        "Vorrei un preventivo per la polizza casa.",
        "Chiedo di aggiornare la targa sul contratto dopo il cambio auto.",
        "Allego le foto del danno e il modulo CAI compilato.",
        "Vorrei sospendere la polizza della moto per l'inverno.",
    ],
    "info": [
        "Ho firmato il modulo CAI con l'altro conducente.",
        "La polizza è intestata a mio padre.",
        "L'incidente è avvenuto il 12 aprile in via Verdi.",
        "Ho pagato la rata semestrale tramite bonifico.",
        "Il perito ha fissato il sopralluogo per lunedì.",
        "L'auto è ferma in carrozzeria.",
        "Ho caricato le foto del danno nell'area clienti.",
        "La mia classe di merito è la prima.",
        "Il contratto si rinnova il 30 settembre.",
    ],
    "negq": [
        "Non ho ancora il certificato digitale, dove posso scaricarlo?",
        "Non so se la polizza copre i danni causati dal cane, potete verificare?",
        "Non ricordo il numero di polizza, posso usare la targa?",
        "Non ho capito se la franchigia si applica anche ai cristalli.",
    ],
    "posn": [
        "liquidazione rapida", "agente disponibile", "prezzo onesto",
        "assistenza stradale efficiente", "perito professionale", "pratica semplice",
    ],
    "negn": [
        "rimborsi lentissimi", "clausole capestro", "aumenti ingiustificati",
        "liquidatori irreperibili", "franchigie nascoste", "assistenza assente",
    ],
    "sarc": [
        "avermi aumentato il premio dopo dieci anni senza incidenti",
        "il perito che arriva dopo due mesi",
        "la clausola scritta in corpo 6",
        "avermi lasciato a piedi tre ore in autostrada",
        "il risarcimento da 80 euro per una portiera distrutta",
    ],
    "ctx": [
        "Sono assicurato con voi da {n} anni senza mai un sinistro.",
        "A marzo ho avuto un piccolo tamponamento.",
        "Ho sottoscritto la polizza casa insieme al mutuo.",
        "Ho una polizza auto e una sanitaria.",
    ],
    "tags": ["#assicurazione", "#rcauto", "#sinistro"],
}

S["ecommerce"] = {
    "brands": [
        "Amazon", "Zalando", "eBay", "Shein", "Temu", "Unieuro", "MediaWorld", "ePrice",
        "IKEA", "Decathlon", "Euronics",
    ],
    "who": ["negozio online", "venditore", "sito"],
    "sto": ["sto sito", "sto venditore", "sto negozio"],
    "objs": [
        "il prodotto", "il caricabatterie", "lo smartwatch", "il telecomando", "il sito",
        "l'app", "il coupon", "il tablet", "la friggitrice ad aria", "l'aspirapolvere",
        "il bluetooth delle cuffie",
    ],
    "neg": [
        "le cuffie si sono rotte dopo due settimane",
        "la batteria del tablet dura sì e no tre ore",
        "il colore è completamente diverso dalla foto",
        "la taglia è sbagliata e il reso costa più del prodotto",
        "il rimborso del reso non è ancora arrivato dopo un mese",
        "mi è arrivato un prodotto usato spacciato per nuovo",
        "il materiale è plastica scadente che si graffia solo a guardarla",
        "il caricabatterie si surriscalda in modo preoccupante",
        "mancavano pezzi nella confezione e le istruzioni erano incomprensibili",
        "il venditore non risponde ai messaggi",
        "l'aspirapolvere ha smesso di funzionare dopo il primo utilizzo",
        "lo schermo ha un pixel bruciato proprio al centro",
        "hanno annullato l'ordine senza motivo dopo aver incassato i soldi",
        "il codice sconto non è stato applicato al pagamento",
        "la friggitrice puzza di plastica bruciata a ogni uso",
        "la custodia non si adatta al telefono indicato",
        "la lavatrice perde acqua dal primo lavaggio",
    ],
    "pos": [
        "il prodotto è esattamente come in foto e di ottima qualità",
        "la batteria dura tranquillamente due giorni",
        "il rapporto qualità/prezzo è imbattibile",
        "il reso è stato semplicissimo e il rimborso immediato",
        "le cuffie hanno un suono pulito e bassi profondi",
        "la friggitrice ad aria cuoce benissimo e si pulisce in un attimo",
        "il materiale è robusto e le finiture sono curate",
        "il venditore ha risposto in poche ore e ha sostituito il pezzo",
        "lo smartwatch è leggero e il cardiofrequenzimetro è preciso",
        "il tablet è fluido anche con tante app aperte",
        "l'imballaggio era perfetto e il prodotto integro",
        "il montaggio ha richiesto dieci minuti con istruzioni chiare",
        "l'aspirapolvere aspira benissimo anche i peli del gatto",
    ],
    "minor": [
        "le istruzioni sono solo in inglese",
        "il cavo in dotazione è un po' corto",
        "la scatola era leggermente ammaccata",
        "il colore è un filo più scuro rispetto alla foto",
        "manca una custodia che sarebbe stata utile",
        "all'inizio l'odore di nuovo è un po' forte",
    ],
    "fix": [
        "il venditore mi ha mandato subito un pezzo sostitutivo",
        "il reso è stato accettato senza domande",
        "mi hanno rimborsato la differenza di prezzo",
        "il secondo esemplare funziona perfettamente",
    ],
    "req": [
        "come posso restituire un articolo acquistato con il buono regalo?",
        "il prodotto è compatibile con l'iPhone 13?",
        "quanto tempo ci vuole per il rimborso di un reso?",
        "la taglia M corrisponde a una 46 italiana?",
        "posso modificare l'indirizzo di consegna dopo aver fatto l'ordine?",
        "il prezzo include l'installazione?",
        "come si usa il codice sconto del primo ordine?",
        "la garanzia vale anche per la batteria?",
        "è disponibile la versione in nero?",
        "posso pagare in tre rate con la carta?",
        "quando tornerà disponibile il modello da 128 GB?",
    ],
    "ask": [
        "Vorrei cambiare il colore dell'articolo ordinato.",
        "Chiedo la fattura intestata alla mia ditta per l'ordine di ieri.",
        "Vi chiedo di annullare l'ordine, ho sbagliato il modello.",
        "Vorrei sapere se l'articolo è coperto dalla garanzia di due anni.",
        "Per favore inviatemi l'etichetta per il reso.",
    ],
    "info": [
        "Ho ordinato le scarpe lunedì sera.",
        "L'articolo è arrivato in una scatola di cartone semplice.",
        "Ho effettuato il reso tramite il punto di ritiro.",
        "Il prodotto pesa circa due chili.",
        "Nella confezione ci sono il cavo e l'alimentatore.",
        "L'ordine risulta in preparazione.",
        "Ho pagato con PayPal.",
        "Ho usato il prodotto per una settimana prima di scrivere.",
        "La taglia ordinata è la 42.",
        "Il numero d'ordine è nella mail di conferma.",
        "Il tablet ha 64 GB di memoria e lo slot per la microSD.",
    ],
    "negq": [
        "Non trovo il numero d'ordine nella mail, dove posso recuperarlo?",
        "Non so quale taglia scegliere, vestono regolari?",
        "Non ho ancora aperto la confezione, posso comunque fare il reso?",
        "Non capisco se il caricatore è incluso, me lo confermate?",
    ],
    "posn": [
        "qualità ottima", "spedizione veloce", "prezzo imbattibile", "reso semplice",
        "prodotto conforme", "materiali solidi",
    ],
    "negn": [
        "qualità scadente", "prodotto difettoso", "rimborso mai arrivato",
        "venditore irreperibile", "materiali economici", "descrizione ingannevole",
    ],
    "sarc": [
        "le cuffie durate ben due settimane",
        "il prodotto 'nuovo' con i graffi già inclusi",
        "il rimborso che arriverà forse nel 2030",
        "avermi mandato una taglia XS al posto della XL",
        "la custodia che non entra in nessun telefono",
    ],
    "ctx": [
        "Compro spesso online e sono cliente da {n} anni.",
        "Ho preso questo modello dopo aver letto molte recensioni.",
        "L'ho acquistato come regalo per mia madre.",
        "Lo uso tutti i giorni da circa un mese.",
    ],
    "tags": ["#shopping", "#reso", "#acquisti"],
}

S["consegne"] = {
    "brands": [
        "BRT", "GLS", "SDA", "Poste Italiane", "DHL", "UPS", "TNT", "Amazon Logistics",
        "InPost", "Nexive",
    ],
    "who": ["corriere", "spedizioniere", "servizio di consegna"],
    "sto": ["sto corriere", "sto spedizioniere", "sti corrieri"],
    "objs": [
        "il tracking", "il numero di tracciamento", "il servizio di ritiro", "l'app",
        "il locker", "il link per riprogrammare la consegna",
    ],
    "neg": [
        "il pacco risulta consegnato ma non l'ho mai ricevuto",
        "il corriere non ha nemmeno suonato e ha lasciato l'avviso",
        "la consegna è slittata per la quarta volta",
        "il pacco è arrivato aperto e con metà contenuto",
        "il tracking è fermo nello stesso deposito da dieci giorni",
        "hanno lasciato il pacco sotto la pioggia davanti al cancello",
        "il pacco è stato consegnato al vicino sbagliato",
        "nessuno risponde al numero del deposito",
        "il corriere ha scritto destinatario assente mentre ero in casa",
        "la scatola era sfondata e il vaso dentro era rotto",
        "mi hanno chiesto di pagare un contrassegno che avevo già saldato",
        "il ritiro a domicilio non si è mai presentato",
        "il pacco è tornato al mittente senza nessun tentativo di consegna",
        "la giacenza è scaduta perché nessuno mi ha avvisato",
    ],
    "pos": [
        "il pacco è arrivato il giorno dopo l'ordine",
        "il corriere ha chiamato prima di passare ed è stato puntualissimo",
        "il tracking è preciso minuto per minuto",
        "il ritiro al locker è comodissimo",
        "il pacco era imballato benissimo",
        "il corriere è stato gentile e ha portato tutto fino al terzo piano",
        "ho potuto cambiare la data di consegna dall'app",
        "la consegna è arrivata in anticipo rispetto alla data prevista",
        "il ritiro del reso a domicilio è stato puntuale",
        "il corriere mi ha avvisato con un messaggio mezz'ora prima",
    ],
    "minor": [
        "la fascia oraria di consegna era un po' ampia",
        "il corriere è arrivato con un'ora di ritardo",
        "il tracking si è aggiornato in ritardo",
        "la scatola esterna era un po' rovinata",
    ],
    "fix": [
        "il giorno dopo mi hanno riconsegnato tutto",
        "il servizio clienti ha rintracciato il pacco in giornata",
        "mi hanno rimborsato le spese di spedizione",
    ],
    "req": [
        "posso far consegnare il pacco a un punto di ritiro?",
        "a che ora passa il corriere in zona?",
        "come si prenota il ritiro di un reso?",
        "il pacco può essere lasciato al portiere?",
        "quanti giorni resta in giacenza una spedizione?",
        "posso cambiare l'indirizzo di consegna dopo la spedizione?",
        "dove trovo il codice per ritirare il pacco al locker?",
        "il corriere consegna anche il sabato?",
        "come posso delegare qualcuno al ritiro in filiale?",
        "quanto costa spedire un pacco di cinque chili in Germania?",
    ],
    "ask": [
        "Vi chiedo di riprogrammare la consegna per lunedì mattina.",
        "Vorrei che il pacco venisse lasciato in portineria.",
        "Chiedo di spostare la consegna al punto di ritiro più vicino.",
        "Vi prego di chiamarmi prima di passare, il citofono non funziona.",
    ],
    "info": [
        "Il pacco è arrivato martedì.",
        "La spedizione è partita ieri da Bologna.",
        "Il tracking indica consegna prevista per giovedì.",
        "Ho ritirato il pacco al locker della stazione.",
        "Il corriere ha lasciato l'avviso di passaggio.",
        "Il reso è stato consegnato al punto di ritiro.",
        "Il pacco pesa tre chili.",
        "Sarò in casa solo dopo le 18.",
        "Sul citofono c'è scritto Rossi.",
        "Il pacco è in consegna oggi.",
    ],
    "negq": [
        "Non sarò in casa domani, potete consegnare venerdì?",
        "Non ho il codice di ritiro, come lo ottengo?",
        "Non so se il pacco richiede una firma alla consegna.",
        "Non vedo ancora aggiornamenti nel tracking, è normale il primo giorno?",
    ],
    "posn": [
        "consegna puntuale", "corriere gentile", "tracking preciso", "imballaggio perfetto",
        "servizio rapido",
    ],
    "negn": [
        "consegne in ritardo", "pacchi smarriti", "corrieri maleducati", "tracking inutile",
        "giacenze infinite", "servizio clienti irraggiungibile",
    ],
    "sarc": [
        "avermi lasciato il pacco sotto la pioggia",
        "il 'destinatario assente' mentre ero sul divano",
        "la consegna in soli 15 giorni lavorativi",
        "avermi lanciato il pacco oltre il cancello",
        "il tracking fermo a Piacenza da una settimana",
    ],
    "ctx": [
        "Ricevo pacchi quasi ogni settimana per lavoro.",
        "Ho ordinato un regalo che doveva arrivare per il compleanno di mio figlio.",
        "Abito al quarto piano senza ascensore.",
        "Ho scelto la consegna espressa pagando un supplemento.",
    ],
    "tags": ["#pacco", "#corriere", "#spedizione"],
}

S["viaggi"] = {
    "brands": [
        "Trenitalia", "Italo", "Ryanair", "easyJet", "ITA Airways", "Wizz Air", "Booking",
        "Airbnb", "FlixBus", "Volotea", "Moby", "Frecciarossa",
    ],
    "who": ["compagnia", "agenzia", "vettore"],
    "sto": ["sta compagnia", "sta agenzia", "sti treni"],
    "objs": [
        "l'app", "il check-in online", "il sito", "il wifi a bordo", "l'aria condizionata",
        "la biglietteria automatica",
    ],
    "neg": [
        "il treno ha accumulato due ore di ritardo senza una comunicazione",
        "il volo è stato cancellato a mezzanotte e ci hanno lasciati in aeroporto",
        "la valigia è arrivata dopo cinque giorni ed era danneggiata",
        "l'aria condizionata in carrozza non funzionava con quaranta gradi",
        "la camera era sporca e molto diversa dalle foto",
        "il rimborso per il volo cancellato non è mai arrivato",
        "ci hanno fatto pagare il bagaglio a mano al gate",
        "l'overbooking ci ha lasciati a terra senza assistenza",
        "l'host ha cancellato la prenotazione due giorni prima",
        "il bus non si è mai presentato alla fermata",
        "il cambio biglietto costava più del biglietto stesso",
        "il posto prenotato era occupato e il capotreno non ha fatto nulla",
        "il traghetto è partito con quattro ore di ritardo",
    ],
    "pos": [
        "il treno è arrivato in perfetto orario",
        "il personale di bordo è stato gentilissimo",
        "l'hotel era pulito e la colazione abbondante",
        "il rimborso per il ritardo è arrivato in pochi giorni",
        "il check-in online è veloce e la carta d'imbarco arriva sul telefono",
        "il posto era comodo e c'era spazio per le gambe",
        "l'host ci ha accolti con mille consigli sulla città",
        "il volo è partito e atterrato in anticipo",
        "il cambio della prenotazione è stato gratuito e immediato",
        "la cabina era pulitissima e la traversata tranquilla",
        "la vista dalla camera era spettacolare",
    ],
    "minor": [
        "il wifi a bordo andava e veniva",
        "la colazione era un po' ripetitiva",
        "il check-in in hotel ha richiesto qualche minuto",
        "l'imbarco è partito con un quarto d'ora di ritardo",
    ],
    "fix": [
        "ci hanno riprotetti sul volo successivo con un voucher",
        "il capotreno ci ha trovato subito dei posti nuovi",
        "l'hotel ci ha cambiato camera senza discutere",
    ],
    "req": [
        "posso portare il passeggino in cabina?",
        "come si richiede l'indennizzo per il ritardo del treno?",
        "il biglietto è rimborsabile se cambio data?",
        "quanti chili può pesare il bagaglio da stiva?",
        "a che ora apre il check-in online?",
        "il cane di piccola taglia può viaggiare con me?",
        "l'hotel ha il parcheggio per gli ospiti?",
        "posso cambiare il nome del passeggero sul biglietto?",
        "c'è una navetta dall'aeroporto alla stazione?",
        "la colazione è inclusa nella tariffa?",
        "come funziona la carta fedeltà per chi viaggia spesso?",
    ],
    "ask": [
        "Vorrei cambiare il posto assegnato con uno vicino a mia figlia.",
        "Chiedo la fattura del biglietto intestata all'azienda.",
        "Vi chiedo di aggiungere un bagaglio da stiva alla prenotazione.",
        "Vorrei spostare il check-in a dopo le 20.",
    ],
    "info": [
        "Il treno delle 7.15 parte dal binario 4.",
        "Ho prenotato due notti a Firenze.",
        "Il volo è atterrato alle 22.",
        "Viaggio con due bambini e un passeggino.",
        "Il biglietto è stato acquistato tramite app.",
        "Il check-in apre 24 ore prima della partenza.",
        "La prenotazione è a nome Bianchi.",
        "Partiamo da Napoli il 3 agosto.",
        "Il traghetto per Olbia parte alle 21.",
        "Ho scelto il posto al finestrino.",
    ],
    "negq": [
        "Non trovo la carta d'imbarco nell'app, dove compare?",
        "Non so se il mio bagaglio rientra nelle misure, quali sono esattamente?",
        "Non ho ancora ricevuto la conferma della prenotazione, potete reinviarla?",
        "Non viaggio più il 12, posso spostare il biglietto al 14?",
    ],
    "posn": [
        "treni puntuali", "personale gentile", "camera pulitissima", "prezzi onesti",
        "rimborso rapido", "viaggio tranquillo",
    ],
    "negn": [
        "ritardi cronici", "bagagli persi", "rimborsi impossibili", "camere sporche",
        "assistenza inesistente", "cancellazioni all'ultimo minuto",
    ],
    "sarc": [
        "le due ore di ritardo incluse nel prezzo",
        "averci lasciato a terra per overbooking",
        "la sauna gratuita in carrozza senza aria condizionata",
        "la valigia in gita per conto suo a Francoforte",
        "la camera 'come in foto'",
    ],
    "ctx": [
        "Viaggio per lavoro tra Milano e Roma {n} volte al mese.",
        "Avevamo organizzato il viaggio di nozze con mesi di anticipo.",
        "Ero in viaggio con i miei genitori anziani.",
        "Avevo prenotato con largo anticipo per risparmiare.",
    ],
    "tags": ["#treni", "#ritardo", "#viaggi", "#volo"],
}

S["pubblica_amministrazione"] = {
    "brands": [
        "INPS", "Agenzia delle Entrate", "Comune di Roma", "Comune di Milano", "ASL", "INAIL",
        "ACI", "Motorizzazione", "CUP", "Anagrafe", "ATAC", "Regione",
    ],
    "who": ["comune", "ufficio", "ente"],
    "sto": ["sto comune", "sto ufficio", "sta burocrazia"],
    "objs": [
        "il portale", "lo SPID", "l'app IO", "il sito dell'INPS", "il CUP online",
        "il sistema di prenotazione", "il sito del comune", "il numero dell'ufficio",
    ],
    "neg": [
        "per rinnovare la carta d'identità il primo appuntamento è tra quattro mesi",
        "il portale va in errore proprio il giorno della scadenza",
        "l'assegno è bloccato da tre mesi senza una spiegazione",
        "al CUP la prima visita disponibile è tra un anno",
        "all'anagrafe c'era un solo impiegato per cinquanta persone",
        "il numero dell'ufficio squilla a vuoto",
        "mi hanno chiesto un documento che avevo già consegnato due volte",
        "lo SPID si blocca a ogni accesso",
        "la pratica è stata persa e devo ricominciare da capo",
        "il rimborso IRPEF è fermo da due anni",
        "le buche in strada sono lì da mesi nonostante le segnalazioni",
        "la raccolta differenziata non passa da una settimana",
        "i moduli cambiano ogni settimana e nessuno sa spiegarli",
        "l'autobus è passato con cinquanta minuti di ritardo, di nuovo",
    ],
    "pos": [
        "ho rinnovato la carta d'identità in venti minuti",
        "con lo SPID ho scaricato il certificato da casa in un attimo",
        "l'impiegata dell'anagrafe è stata gentilissima e precisa",
        "il rimborso è arrivato prima del previsto",
        "il nuovo portale è finalmente chiaro e veloce",
        "il comune ha sistemato la strada una settimana dopo la segnalazione",
        "la prenotazione online del vaccino è stata semplicissima",
        "all'ufficio postale non c'era coda e mi hanno risolto tutto",
        "l'app IO mi ha avvisato della scadenza e ho pagato subito",
        "il medico dell'ASL è stato disponibile e chiaro",
    ],
    "minor": [
        "l'attesa allo sportello è stata di mezz'ora",
        "il sito all'inizio non caricava",
        "il modulo era un po' lungo da compilare",
    ],
    "fix": [
        "il giorno dopo la pratica risultava già conclusa",
        "un funzionario mi ha richiamato e ha sistemato tutto",
        "alla fine il bonus è stato accreditato",
    ],
    "req": [
        "come si prenota l'appuntamento per la carta d'identità elettronica?",
        "quali documenti servono per il cambio di residenza?",
        "dove posso scaricare l'ISEE precompilato?",
        "l'ufficio anagrafe è aperto anche il sabato mattina?",
        "come si recuperano le credenziali SPID dimenticate?",
        "entro quando va presentata la domanda per l'assegno unico?",
        "posso pagare la TARI con l'app IO?",
        "a chi mi rivolgo per segnalare un lampione spento?",
        "il certificato di residenza si può chiedere online?",
        "quanto costa il rinnovo del passaporto?",
        "serve la marca da bollo per l'istanza?",
    ],
    "ask": [
        "Chiedo un appuntamento per il rinnovo della carta d'identità.",
        "Vorrei ricevere il duplicato della tessera sanitaria.",
        "Invio in allegato la documentazione richiesta per la pratica.",
        "Vorrei sapere lo stato della mia domanda di rimborso.",
    ],
    "info": [
        "Ho presentato la domanda il 15 gennaio.",
        "L'appuntamento all'anagrafe è fissato per martedì.",
        "Ho pagato la TARI con PagoPA.",
        "Il bando scade il 30 giugno.",
        "Ho ritirato la carta d'identità stamattina.",
        "Domani gli uffici comunali resteranno chiusi per la festa del patrono.",
        "Lo sportello apre alle 8.30.",
        "Ho inviato l'ISEE tramite il CAF.",
        "Il consiglio comunale si riunisce giovedì sera.",
        "Da lunedì cambia l'orario della raccolta dei rifiuti.",
    ],
    "negq": [
        "Non ho lo SPID, posso presentare la domanda allo sportello?",
        "Non so se rientro nei requisiti del bonus, dove posso verificarlo?",
        "Non trovo il modulo per il cambio di residenza sul sito, potete indicarmi il link?",
        "Non sono residente, posso comunque iscrivere mio figlio al nido?",
    ],
    "posn": [
        "servizio efficiente", "personale disponibile", "portale chiaro", "tempi rapidi",
        "finalmente tutto digitale",
    ],
    "negn": [
        "burocrazia infinita", "attese vergognose", "portale inservibile",
        "uffici irraggiungibili", "pratiche perse", "disorganizzazione totale",
    ],
    "sarc": [
        "l'appuntamento fra soli sei mesi",
        "il portale che si blocca proprio il giorno della scadenza",
        "la coda di tre ore all'anagrafe",
        "avermi chiesto per la quarta volta lo stesso documento",
        "la buca sotto casa ormai diventata monumento cittadino",
    ],
    "ctx": [
        "Ho presentato la domanda {n} mesi fa.",
        "Sono pensionato e non sono molto pratico di computer.",
        "Mi sono trasferito in città da poco.",
        "Ho due figli piccoli e lavoro a tempo pieno.",
    ],
    "tags": ["#burocrazia", "#SPID", "#INPS", "#comune"],
}

SECTORS = list(S)

# --------------------------------------------------------------------------------------------
# Generic fragments shared by every sector.
# --------------------------------------------------------------------------------------------

NUMS = ["2", "3", "4", "5", "6", "7", "8", "10", "12", "15"]
TIMES = [
    "da tre giorni", "da una settimana", "da quasi un mese", "da dieci giorni", "dal 12 marzo",
    "da due settimane", "da lunedì", "da stamattina", "da ieri sera", "da più di un mese",
]
NEG_OPEN = [
    "Purtroppo", "Ancora una volta", "Da settimane ormai", "Incredibile:", "Vergognoso:",
    "Ennesimo disservizio:", "Sono cliente da {n} anni e", "Vi segnalo che", "Assurdo,",
    "Che delusione:", "Ormai è la norma:", "Terza segnalazione:", "Non ci posso credere,",
    "Morale della favola:", "Per l'ennesima volta", "Peggio di così non si può:",
    "Lasciate perdere:", "Attenzione:",
]
NEG_CLOSE = [
    "Sconsigliato.", "Mai più.", "Da evitare.", "Vergogna.", "Pessimo servizio.",
    "Non ci siamo proprio.", "Una stella è anche troppo.", "State alla larga.", "Sono stufo.",
    "Sono stufa.", "Che delusione.", "Inaccettabile.", "Pessima esperienza.", "Voto: zero.",
    "Una vergogna.", "Siete ridicoli.", "Ne ho abbastanza.", "Spero che qualcuno legga.",
    "Esperienza da dimenticare.", "Delusissimo.", "Delusissima.", "Basta!",
    "Non lo auguro a nessuno.", "Servizio clienti inesistente.", "",
]
NEG_TITLES = [
    "Delusione totale", "Da evitare", "Pessimo", "Non ci siamo", "Disastro", "Attenzione!!",
    "Servizio scandaloso", "Una stella", "Mai più", "Esperienza negativa",
]
POS_OPEN = [
    "Devo dire che", "Finalmente un servizio serio:", "Sono rimasto piacevolmente sorpreso:",
    "Sono rimasta piacevolmente sorpresa:", "Cliente da {n} anni e", "Esperienza ottima:",
    "Che dire,", "Sinceramente", "Nulla da eccepire:", "Ottima esperienza:", "Ero scettico ma",
    "Ero scettica ma", "Tutto perfetto:", "Stupito in positivo:", "Bella sorpresa:",
    "Lo dico volentieri:",
]
POS_CLOSE = [
    "Consigliatissimo!", "Cinque stelle meritate.", "Bravi!", "Continuate così.",
    "Lo consiglio a tutti.", "Soddisfatto.", "Soddisfatta.", "Ottimo lavoro.",
    "Promossi a pieni voti.", "Grazie!", "Super consigliato.", "Felicissimo della scelta.",
    "Felicissima della scelta.", "Top.", "Lo rifarei subito.", "Cinque stelle.",
    "Contentissimo.", "Davvero bravi.", "Servizio eccellente.", "Esperienza da ripetere.", "",
]
POS_TITLES = [
    "Ottimo", "Consigliato", "Esperienza positiva", "Promosso", "Soddisfatto", "Al top",
    "Servizio eccellente", "Tutto perfetto", "Molto bene", "Ottima scelta",
]
FURIOUS = [
    "È una VERGOGNA!!!", "Sono furioso, davvero furioso.", "MAI VISTA UNA COSA DEL GENERE!",
    "Mi avete fatto perdere la pazienza, e non è facile.", "Ero fuori di me dalla rabbia.",
    "Sono INCAZZATO NERO!", "Ma vi rendete conto?!", "Scandaloso, semplicemente scandaloso!!",
    "Non si tratta così un cliente, PUNTO.", "Roba da matti, ho perso una giornata intera!",
]
AGENTS = [
    "l'operatrice Giulia", "l'operatore Marco", "Sara della chat", "il tecnico passato ieri",
    "la collega dello sportello", "Luca del servizio clienti", "la signora Paola",
    "Francesco dell'assistenza", "la consulente", "l'operatore di stamattina",
    "Chiara del customer care", "Davide dell'ufficio reclami",
]
HELPS = [
    "la pazienza e la competenza", "avermi risolto il problema in pochi minuti",
    "la disponibilità dimostrata", "la chiarezza delle spiegazioni",
    "la cortesia e la rapidità", "essersi preso a cuore la mia pratica",
    "avermi richiamato come promesso", "la gentilezza con cui ha gestito la mia richiesta",
]
AGENT_DID = [
    "mi ha seguito passo passo fino alla soluzione",
    "ha risolto in dieci minuti quello che non riuscivo a sistemare da giorni",
    "mi ha richiamato lei stessa per verificare che fosse tutto a posto",
    "ha avuto una pazienza infinita con mia madre",
    "mi ha spiegato tutto senza farmi sentire stupido",
]
GREET = ["Buongiorno,", "Salve,", "Buonasera,", "Gentile assistenza,", "Buongiorno.", "Salve."]
T_CLOSE_NEG = [
    "Attendo risposta.", "Saluti.", "Cordiali saluti.", "Resto in attesa di un riscontro.",
    "Grazie.", "Distinti saluti.", "Aspetto una soluzione al più presto.",
]
T_CLOSE_NEU = [
    "Grazie.", "Saluti.", "Cordiali saluti.", "Grazie mille.", "Buona giornata.",
    "Grazie in anticipo.", "Resto in attesa.",
]
T_CLOSE_POS = ["Grazie ancora.", "Saluti.", "Buona giornata.", "Un saluto.", "Grazie di cuore."]
SUBJECTS = {
    "neg": ["Oggetto: segnalazione disservizio", "Oggetto: reclamo", "Oggetto: problema"],
    "neu": ["Oggetto: richiesta informazioni", "Oggetto: domanda", "Oggetto: pratica"],
    "pos": ["Oggetto: ringraziamento", "Oggetto: feedback"],
}
TAGS = {
    "neg": ["#vergogna", "#disservizio", "#maipiù", "#fail", "#assurdo"],
    "neu": ["#info", "#help", "#domanda"],
    "pos": ["#consigliato", "#top", "#soddisfatto", "#grazie"],
}
EMO = {
    "pos": ["😍", "🥰", "👍", "🔝", "💯", "😊", "🙌", "✨", "❤️", "🎉", "😁", "👏", "💪", "🤩"],
    "neg": ["😡", "🤬", "😤", "👎", "💩", "😠", "😭", "😩", "🤮", "😒", "😞", "🤦‍♂️", "🤦‍♀️"],
    "neu": ["📦", "📄", "🙏", "🤔", "📅", "📱", "ℹ️", "☎️"],
}
POLITE_OPEN = [
    "Gentili signori,", "Spett.le servizio clienti,", "Buongiorno,", "Egregi signori,",
    "Alla cortese attenzione dell'ufficio reclami,", "Salve,", "Gentile assistenza,",
]
POLITE_LEAD = [
    "vi scrivo per segnalare che", "con la presente segnalo che", "mi permetto di segnalare che",
    "desidero far presente che", "sono a segnalare che", "vi contatto perché",
    "scrivo nuovamente per comunicarvi che",
]
POLITE_BODY = [
    "Ho già contattato il servizio clienti in {n} occasioni senza ottenere una soluzione.",
    "Allego la documentazione a supporto della segnalazione.",
    "Vi chiedo cortesemente di verificare e di procedere con il rimborso.",
    "Faccio presente che la situazione si protrae {t}.",
    "Confido in una rapida risoluzione del problema.",
    "Ad oggi non ho ricevuto alcuna comunicazione in merito.",
    "Vi prego di volermi fornire una spiegazione scritta.",
    "Le precedenti segnalazioni sono rimaste senza risposta.",
    "Chiedo che la situazione venga regolarizzata quanto prima.",
]
POLITE_CLOSE = [
    "Cordiali saluti.", "Distinti saluti.", "In attesa di riscontro, porgo cordiali saluti.",
    "Grazie per l'attenzione.", "Resto in attesa di una vostra cortese risposta.",
    "Ringrazio anticipatamente e porgo distinti saluti.",
]
INTERROGATIVE = ("come", "dove", "quando", "quanto", "quanti", "quale", "quali", "qual",
                 "a che", "a chi", "entro", "cosa", "chi")


def cap(s: str) -> str:
    """Upper-case the first letter, leaving the rest untouched."""
    return s[:1].upper() + s[1:] if s else s


def low(s: str) -> str:
    """Lower-case the first letter unless the word looks like an acronym or a name."""
    if len(s) > 1 and s[1].isupper():
        return s
    return s[:1].lower() + s[1:] if s else s


def nostop(s: str) -> str:
    """Drop the final full stop (question marks and exclamations stay)."""
    return s[:-1] if s.endswith(".") else s


def fill(s: str, r: random.Random) -> str:
    """Replace placeholders {n} and {t} in a fragment."""
    return s.replace("{n}", r.choice(NUMS)).replace("{t}", r.choice(TIMES))


def join_open(opener: str, clause: str) -> str:
    """Glue an opener ("Purtroppo", "Incredibile:") to a lowercase clause."""
    return f"{opener} {low(clause)}"


def handle(brand: str) -> str:
    """Turn a brand name into a social handle."""
    return "@" + re.sub(r"[^A-Za-z0-9]", "", brand)


class Ctx:
    """Random helpers bound to one sector."""

    def __init__(self, r: random.Random, sector: str) -> None:
        self.r = r
        self.sector = sector
        self.d = S[sector]

    def c(self, key: str) -> str:
        return fill(self.r.choice(self.d[key]), self.r)

    def two(self, key: str) -> tuple[str, str]:
        a, b = self.r.sample(self.d[key], 2)
        return fill(a, self.r), fill(b, self.r)

    def g(self, lst: list[str]) -> str:
        return fill(self.r.choice(lst), self.r)


def wrap(text: str, label: str, channel: str, cx: Ctx) -> str:
    """Dress a text in the habits of its channel (greetings, handles, hashtags, titles)."""
    r = cx.r
    if channel == "ticket":
        if r.random() < 0.5:
            text = f"{r.choice(GREET)} {text}" if r.random() < 0.6 else f"{r.choice(GREET)}\n{text}"
        if r.random() < 0.4:
            close = {"neg": T_CLOSE_NEG, "neu": T_CLOSE_NEU, "pos": T_CLOSE_POS}[label]
            text = f"{text} {r.choice(close)}"
        if r.random() < 0.12:
            text = f"{r.choice(SUBJECTS[label])}\n{text}"
    elif channel == "social":
        if r.random() < 0.35:
            text = f"{handle(r.choice(cx.d['brands']))} {low(text)}"
        if r.random() < 0.3:
            pool = cx.d["tags"] + TAGS[label]
            text = f"{nostop(text)} {r.choice(pool)}"
            if r.random() < 0.3:
                text += f" {r.choice(TAGS[label])}"
        if r.random() < 0.25:
            text = low(text)
    elif channel == "review" and r.random() < 0.15 and label != "neu":
        title = r.choice(NEG_TITLES if label == "neg" else POS_TITLES)
        text = f"{title}\n{text}"
    return text


def pick_channel(r: random.Random, weights: tuple[float, float, float]) -> str:
    return r.choices(["review", "ticket", "social"], weights=weights)[0]


# --------------------------------------------------------------------------------------------
# Frames. Each returns (text, channel); wrap() is applied by the caller.
# --------------------------------------------------------------------------------------------

Gen = Callable[[Ctx], tuple[str, str]]


def plain_neg(cx: Ctx) -> tuple[str, str]:
    r = cx.r
    a, b = cx.two("neg")
    n1, n2 = cx.two("negn")
    brand = cx.c("brands")
    close = cx.g(NEG_CLOSE)
    frames = [
        lambda: f"{cap(a)}. {close}",
        lambda: f"{join_open(cx.g(NEG_OPEN), a)}. {close}",
        lambda: f"{cap(n1)} e {n2}. {close}",
        lambda: f"{cap(a)}, e come se non bastasse {b}.",
        lambda: f"Esperienza pessima con {brand}: {a}.",
        lambda: f"{cap(a)}. Ho chiamato {r.choice(NUMS)} volte e nessuno sa darmi una risposta.",
        lambda: f"Ma è normale che {a}? {close}",
        lambda: f"{cap(n1)}. {cap(a)}.",
        lambda: f"Pessima scelta. {cap(a)} e {b}.",
        lambda: f"{r.choice(NEG_TITLES)}\n{cap(a)}. {close}",
        lambda: f"Ho scelto {brand} per risparmiare e me ne sono pentito: {a}.",
        lambda: f"Sconsiglio {brand}: {a}.",
        lambda: f"{cap(a)} {r.choice(TIMES)} e nessuno si fa vivo.",
        lambda: f"Riassumendo: {n1}, {n2} e {a}.",
        lambda: f"{cap(a)}. Intanto io pago e aspetto.",
        lambda: f"Che dire di {brand}? {cap(a)}. {close}",
    ]
    return r.choice(frames)(), pick_channel(r, (0.5, 0.2, 0.3))


def plain_pos(cx: Ctx) -> tuple[str, str]:
    r = cx.r
    a, b = cx.two("pos")
    p1, p2 = cx.two("posn")
    brand = cx.c("brands")
    close = cx.g(POS_CLOSE)
    frames = [
        lambda: f"{cap(a)}. {close}",
        lambda: f"{join_open(cx.g(POS_OPEN), a)}. {close}",
        lambda: f"{cap(p1)} e {p2}. {close}",
        lambda: f"{cap(a)} e {b}.",
        lambda: f"{cap(a)}; inoltre {b}.",
        lambda: f"Ottima esperienza con {brand}: {a}.",
        lambda: f"{r.choice(POS_TITLES)}\n{cap(a)}. {close}",
        lambda: f"Sono con {brand} da {r.choice(NUMS)} mesi e {a}.",
        lambda: f"{cap(a)} e {b}: cosa chiedere di più?",
        lambda: f"{cap(p1)}, {p2}. {cap(a)}.",
        lambda: f"Consiglio {brand} a occhi chiusi: {a}.",
        lambda: f"Promossi! {cap(a)}.",
        lambda: f"{cap(a)}. Era ora che qualcuno lavorasse così.",
        lambda: f"Mi trovo benissimo: {a}.",
        lambda: f"Bene, anzi benissimo. {cap(a)}.",
    ]
    return r.choice(frames)(), pick_channel(r, (0.55, 0.15, 0.3))


def negation_pos(cx: Ctx) -> tuple[str, str]:
    r = cx.r
    a, b = cx.two("pos")
    brand = cx.c("brands")
    obj = cx.c("objs")
    who = cx.c("who")
    frames = [
        lambda: f"Non è male: {a}.",
        lambda: f"Non mi posso lamentare, {a}.",
        lambda: f"Non ho mai avuto problemi con {brand}, anzi {a}.",
        lambda: f"Nessun problema finora: {a}.",
        lambda: f"Niente da dire, {a}.",
        lambda: f"Non pensavo fosse così semplice: {a}.",
        lambda: f"Non c'è paragone con il vecchio {who}: {a}.",
        lambda: f"Non avevo grandi aspettative e invece {a}.",
        lambda: f"Non credevo alle recensioni positive, ma {a}.",
        lambda: f"Mai avuto un disservizio in {r.choice(NUMS)} anni. {cx.g(POS_CLOSE)}",
        lambda: f"{cap(a)}, non potrei chiedere di meglio.",
        lambda: f"Non ho nulla da rimproverare: {a} e {b}.",
        lambda: f"Nessun intoppo, nessuna attesa: {a}.",
        lambda: f"Non ho dovuto insistere nemmeno una volta: {a}.",
        lambda: f"{cap(obj)} non ha mai dato problemi e {a}.",
        lambda: f"Non è vero che sono tutti uguali: {a}.",
        lambda: f"Non ci credevo, ma {a}.",
        lambda: f"Non male davvero, {a}.",
        lambda: f"Niente male: {a}.",
        lambda: f"Non sono uno che lascia recensioni, ma {a}.",
        lambda: f"Non ho mai dovuto chiamare l'assistenza due volte: {a}.",
        lambda: f"Non potevo scegliere meglio, {a}.",
    ]
    return r.choice(frames)(), pick_channel(r, (0.55, 0.15, 0.3))


def negation_neg(cx: Ctx) -> tuple[str, str]:
    r = cx.r
    a, b = cx.two("neg")
    brand = cx.c("brands")
    obj = cx.c("objs")
    t = r.choice(TIMES)
    frames = [
        lambda: f"{cap(obj)} non funziona {t}.",
        lambda: f"{cap(obj)} non funziona {t} e nessuno mi richiama.",
        lambda: f"Non funziona niente: {a}.",
        lambda: f"Non sono soddisfatto: {a}.",
        lambda: f"Non sono soddisfatta per niente, {a}.",
        lambda: f"Non sono per niente soddisfatto del servizio, {a}.",
        lambda: f"Non lo consiglio: {a}.",
        lambda: f"Non consiglierei {brand} nemmeno al mio peggior nemico.",
        lambda: f"Non è accettabile che {a}.",
        lambda: f"Non rispondono mai, e intanto {a}.",
        lambda: f"Nessuno si è degnato di rispondere, {a}.",
        lambda: f"Non ho ricevuto nessuna risposta {t} e {a}.",
        lambda: f"Mai più con {brand}: {a}.",
        lambda: f"Non ci siamo per niente: {a}.",
        lambda: f"Non è possibile che {a}!",
        lambda: f"Niente, {obj} continua a non funzionare.",
        lambda: f"{cap(a)} e non mi hanno dato alcuna spiegazione.",
        lambda: f"Non ne posso più: {a}.",
        lambda: f"Non è normale che {a}.",
        lambda: f"Non è mai colpa loro: {a}, {b}.",
        lambda: f"Non vale quello che costa: {a}.",
        lambda: f"{cap(obj)} non va più e nessuno sa perché.",
        lambda: f"Non ho mai visto un servizio così scadente: {a}.",
        lambda: f"Non sono affatto contento: {a}.",
    ]
    return r.choice(frames)(), pick_channel(r, (0.45, 0.3, 0.25))


def negation_neu(cx: Ctx) -> tuple[str, str]:
    r = cx.r
    q = cx.c("negq")
    ch = pick_channel(r, (0.1, 0.6, 0.3))
    return q, ch


def sarcasm(cx: Ctx) -> tuple[str, str]:
    r = cx.r
    a = cx.c("neg")
    s = cx.c("sarc")
    brand = cx.c("brands")
    frames = [
        lambda: f"Grazie mille {brand} per {s} 👏",
        lambda: f"Complimenti davvero, {a}. Bravi bravi.",
        lambda: f"Servizio impeccabile come sempre: {a} 🙄",
        lambda: f"Che dire, un'eccellenza: {a}.",
        lambda: f"Wow, {a}. Un record!",
        lambda: f"Applausi a {brand}: {a} 👏👏",
        lambda: f"Bellissimo pagare per un servizio in cui {a}.",
        lambda: f"Adoro quando {a}. Proprio il massimo.",
        lambda: f"Che fortuna essere vostri clienti: {a}.",
        lambda: f"Ringrazio sentitamente per {s}. Davvero commosso.",
        lambda: f"Un applauso per {s}. Professionisti veri.",
        lambda: f"Bravissimi, anche stavolta {a}.",
        lambda: f"Oh ma che bello, {a}! 😂",
        lambda: f"Ma che efficienza ragazzi, {a}.",
        lambda: f"{brand} sempre sul pezzo: {a}. Geni.",
        lambda: f"Finalmente una certezza nella vita: con {brand} {a}.",
        lambda: f"Ottimo lavoro {brand}, davvero: {a} 👏",
        lambda: f"Meno male che ci siete voi, {brand}: {a}.",
        lambda: f"Grazie {brand} per {s}, non so come farei senza di voi.",
        lambda: f"Premio servizio clienti dell'anno a {brand}: {a} 🏆",
        lambda: f"Che emozione {s}! Non vedo l'ora che ricapiti 🙃",
        lambda: f"Davvero un piacere essere cliente {brand}: {a} 🙄🙄",
        lambda: f"Eccellente come al solito, {a}. Cinque stelle 🌟",
        lambda: f"Proprio un bel servizio: {a}. Sono commosso 😂",
        lambda: f"Grazie, grazie e ancora grazie per {s}.",
    ]
    return r.choice(frames)(), pick_channel(r, (0.3, 0.1, 0.6))


def mixed_neg(cx: Ctx) -> tuple[str, str]:
    r = cx.r
    p = cx.c("pos")
    a, b = cx.two("neg")
    pn = cx.c("posn")
    nn = cx.c("negn")
    frames = [
        lambda: f"{cap(pn)} ma {nn}.",
        lambda: f"{cap(pn)}, però {nn}. {cx.g(NEG_CLOSE)}",
        lambda: f"{cap(p)}, però {a}. {cx.g(NEG_CLOSE)}",
        lambda: f"{cap(p)}, peccato che {a}.",
        lambda: f"Il servizio in sé sarebbe anche buono, ma {a}.",
        lambda: f"{cap(pn)}, niente da dire. Però {a} e questo è inaccettabile.",
        lambda: f"All'inizio tutto bene: {p}. Poi {a}. {cx.g(NEG_CLOSE)}",
        lambda: f"Va bene che {p}, ma se poi {a} non ci siamo.",
        lambda: f"Unica nota positiva: {p}. Per il resto {a}.",
        lambda: f"Tutto bello finché non ho avuto bisogno dell'assistenza: {a}.",
        lambda: f"{cap(p)}, tuttavia {a}. Due stelle.",
        lambda: f"Voto 2: {p}, ma {a}.",
        lambda: f"Pro: {pn}. Contro: {nn}, e soprattutto {a}.",
        lambda: f"{cap(p)}. Ma {a} e {b}, quindi bocciati.",
        lambda: f"Sì, {p}, ma a cosa serve se {a}?",
        lambda: f"{cap(pn)}, d'accordo, ma {a}: non ci siamo.",
        lambda: f"Avrei dato cinque stelle perché {p}, ma {a}.",
    ]
    return r.choice(frames)(), pick_channel(r, (0.6, 0.2, 0.2))


def mixed_pos(cx: Ctx) -> tuple[str, str]:
    r = cx.r
    p, q = cx.two("pos")
    m = cx.c("minor")
    a = cx.c("neg")
    f = cx.c("fix")
    frames = [
        lambda: f"{cap(m)}, ma nel complesso {p}. {cx.g(POS_CLOSE)}",
        lambda: f"{cap(m)}, però {p}. Consigliato.",
        lambda: f"All'inizio {a}, ma {f}. Alla fine sono soddisfatto.",
        lambda: f"Unico neo: {m}. Per il resto {p}.",
        lambda: f"Qualche piccolo difetto ({m}), ma {p}.",
        lambda: f"Non tutto perfetto, {m}, però {p} e lo consiglio.",
        lambda: f"{cap(p)}. Peccato solo che {m}, ma lo rifarei.",
        lambda: f"Quattro stelle: {p}; tolgo una stella perché {m}.",
        lambda: f"Ho avuto un problema ({a}), ma {f} e ora {p}.",
        lambda: f"{cap(m)}. Detto questo, {p} e {q}: promossi.",
        lambda: f"Pro: {p}. Contro: {m}. Nel complesso molto soddisfatto.",
    ]
    return r.choice(frames)(), pick_channel(r, (0.7, 0.1, 0.2))


def mixed_neu(cx: Ctx) -> tuple[str, str]:
    r = cx.r
    p = cx.c("pos")
    m = cx.c("minor")
    frames = [
        lambda: f"{cap(p)}, però {m}. Tre stelle, né più né meno.",
        lambda: f"Nella media: {p}, ma {m}.",
        lambda: f"Così così. {cap(p)}, però {m}.",
        lambda: f"{cap(m)}, d'altra parte {p}. Né bene né male.",
        lambda: f"Servizio nella norma: {p}, {m}.",
    ]
    return r.choice(frames)(), "review"


def question(cx: Ctx) -> tuple[str, str]:
    r = cx.r
    q = cx.c("req")
    brand = cx.c("brands")
    info = cx.c("info")
    qq = cap(q)
    indirect = q.startswith(INTERROGATIVE)
    frames = [
        lambda: (qq, "ticket"),
        lambda: (f"Una domanda: {q}", "ticket"),
        lambda: (f"Scusate, {q}", "social"),
        lambda: (f"{info} {qq}", "ticket"),
        lambda: (f"{handle(brand)} {q}", "social"),
        lambda: (f"Info: {q}", "social"),
        lambda: (
            f"Qualcuno sa {nostop(q).rstrip('?')}?" if indirect else f"Qualcuno sa se {q}",
            "social",
        ),
        lambda: (f"Vorrei un'informazione: {q}", "ticket"),
        lambda: (f"{qq} Non trovo la risposta sul sito.", "ticket"),
        lambda: (f"Ciao, {q}", "social"),
        lambda: (f"Salve, avrei bisogno di sapere una cosa: {q}", "ticket"),
        lambda: (f"Domanda per {brand}: {q}", "social"),
    ]
    return r.choice(frames)()


def request(cx: Ctx) -> tuple[str, str]:
    r = cx.r
    a = cx.c("ask")
    info = cx.c("info")
    frames = [
        lambda: (a, "ticket"),
        lambda: (f"{info} {a}", "ticket"),
        lambda: (f"{a} {info}", "ticket"),
        lambda: (f"{handle(cx.c('brands'))} {low(a)}", "social"),
        lambda: (f"{a} Potete farmi sapere?", "ticket"),
        lambda: (f"Richiesta: {low(a)}", "ticket"),
        lambda: (f"{a} Il numero della pratica è nella mail precedente.", "ticket"),
    ]
    return r.choice(frames)()


def info(cx: Ctx) -> tuple[str, str]:
    r = cx.r
    a, b = cx.two("info")
    frames = [
        lambda: (a, pick_channel(r, (0.3, 0.45, 0.25))),
        lambda: (f"{a} {b}", pick_channel(r, (0.2, 0.6, 0.2))),
        lambda: (f"Aggiornamento: {low(a)}", "social"),
        lambda: (f"Per informazione, {low(a)}", "ticket"),
        lambda: (f"{nostop(a)}, come concordato.", "ticket"),
        lambda: (f"Vi comunico che {low(a)}", "ticket"),
        lambda: (f"Segnalo solo che {low(a)}", "ticket"),
        lambda: (f"{a} Vi aggiorno appena ho novità.", "social"),
        lambda: (f"Nota: {low(a)}", "review"),
    ]
    return r.choice(frames)()


def polite(cx: Ctx) -> tuple[str, str]:
    r = cx.r
    a, b = cx.two("neg")
    body = r.sample(POLITE_BODY, r.choice([1, 2]))
    parts = [
        r.choice(POLITE_OPEN),
        f"{r.choice(POLITE_LEAD)} {a}.",
        *[fill(x, r) for x in body],
    ]
    if r.random() < 0.35:
        parts.insert(2, f"Inoltre {b}.")
    parts.append(r.choice(POLITE_CLOSE))
    text = parts[0] + ("\n" if r.random() < 0.5 else " ") + " ".join(parts[1:])
    return text, "ticket"


def slang_neg(cx: Ctx) -> tuple[str, str]:
    r = cx.r
    a = cx.c("neg")
    brand = cx.c("brands")
    sto = cx.c("sto")
    frames = [
        lambda: f"raga {sto} è na truffa, {a}",
        lambda: f"ma che schifo {brand}, {a} 🤬",
        lambda: f"boh {a}, ciao proprio",
        lambda: f"oh ma {a}?? assurdo",
        lambda: f"{brand} sei una sola, {a}",
        lambda: f"ragaa evitate {brand}, {a}. fidatevi",
        lambda: f"cioè {a}. ma stiamo scherzando?",
        lambda: f"no vabbè {a}, sto sclerando",
        lambda: f"{sto} fa proprio cagare, {a}",
        lambda: f"mi hanno fatto il pacco: {a}. bella fregatura",
        lambda: f"che palle {brand}, {a}",
        lambda: f"sono incazzato nero, {a}",
        lambda: f"bro {a}, roba da matti",
        lambda: f"{a} lol ma che senso ha",
        lambda: f"fregatura assurda, {a}, stategli lontani",
        lambda: f"ma {sto} ci è o ci fa? {a}",
        lambda: f"{brand} 0 stelle, {a}, ciaone",
        lambda: f"giuro {a}, non ci sto più dentro",
    ]
    return r.choice(frames)(), "social"


def slang_pos(cx: Ctx) -> tuple[str, str]:
    r = cx.r
    a = cx.c("pos")
    brand = cx.c("brands")
    frames = [
        lambda: f"raga {brand} spacca, {a}",
        lambda: f"no vabbè {a}, godo 😎",
        lambda: f"{brand} sei il top 🔥 {a}",
        lambda: f"cioè {a}, troppo forte",
        lambda: f"bro {a}, una bomba",
        lambda: f"ammazza {a}, bella lì",
        lambda: f"tipo {a}, ma come fate? 😍",
        lambda: f"top top top, {a}",
        lambda: f"sono gasatissimo, {a}",
        lambda: f"{a}, amo ❤️",
        lambda: f"ok raga ufficiale: {a}. promossi",
        lambda: f"{brand} mi ha svoltato la giornata, {a}",
        lambda: f"raga fidatevi, {a}. strafelice",
        lambda: f"mega soddisfatto, {a} 💪",
    ]
    return r.choice(frames)(), "social"


def slang_neu(cx: Ctx) -> tuple[str, str]:
    r = cx.r
    q = low(cx.c("req"))
    frames = [
        lambda: f"raga qualcuno sa {q}",
        lambda: f"ma quindi {q}",
        lambda: f"regà domanda: {q}",
        lambda: f"bro info: {q}",
        lambda: f"ehi {handle(cx.c('brands'))} {q}",
    ]
    return r.choice(frames)(), "social"


def dialect(cx: Ctx, label: str) -> tuple[str, str]:
    r = cx.r
    brand = cx.c("brands")
    if label == "neg":
        a = cx.c("neg")
        frames = [
            f"Aò, {a}, ma davero?",
            f"Nun ce se crede, {a}.",
            f"Mannaggia 'a miseria, {a}!",
            f"Ma che m'avite cumbinato? {cap(a)}.",
            f"Nun se po' fa', {a}.",
            f"Xe na vergogna, {a}.",
            f"Talè chi cumminaru: {a}.",
            f"Icché vu' fate? {cap(a)}!",
            f"Boia dé, {a}.",
            f"Ma va' a ciapà i ratt, {a}!",
            f"Ammazza oh, {a}. Che sòla {brand}.",
            f"Ué, {a}: roba minga seria.",
            f"Ostrega, {a}. Mai più.",
            f"Jamme bell, {a}? Ma che servizio è?",
            f"Sta cosa nun me piace pe' niente: {a}.",
        ]
    elif label == "pos":
        a = cx.c("pos")
        frames = [
            f"Daje {brand}, {a}!",
            f"Uagliù, {a}, 'na meraviglia!",
            f"Ué, {a}, bravi neh!",
            f"Ostrega, {a}! Contento.",
            f"Mizzica, {a}!",
            f"Bella zì, {a}.",
            f"Madonna che bellezza, {a}.",
            f"Alla grande, {a}: propri ben!",
            f"Che spettacolo, {a}, me garba.",
            f"Tutto a posto, {a}. Jamme!",
            f"Ammazza che servizio, {a}. Daje!",
        ]
    else:
        q = low(cx.c("req"))
        frames = [
            f"Uè, scusate, {q}",
            f"Aò, 'na domanda: {q}",
            f"Scusa neh, {q}",
            f"Bella zì, {q}",
        ]
    return r.choice(frames), pick_channel(r, (0.3, 0.1, 0.6))


def thanks(cx: Ctx) -> tuple[str, str]:
    r = cx.r
    p = cx.c("pos")
    f = cx.c("fix")
    ag = r.choice(AGENTS)
    frames = [
        lambda: f"Buongiorno, volevo ringraziare {ag} per {r.choice(HELPS)}.",
        lambda: f"Grazie mille, problema risolto! {cx.g(POS_CLOSE)}",
        lambda: f"Vi scrivo solo per dire grazie: {p}.",
        lambda: "Confermo che ora funziona tutto, grazie per il supporto.",
        lambda: f"Ringrazio {ag}: {p}.",
        lambda: f"Grazie per la rapidità: {p}.",
        lambda: f"Potete chiudere il ticket, {f}. Grazie!",
        lambda: f"Tutto sistemato, {f}. Grazie davvero a tutto il team.",
        lambda: f"Salve, un ringraziamento sincero a {ag}, che {r.choice(AGENT_DID)}.",
        lambda: f"Volevo solo farvi sapere che {f}. Grazie della pazienza!",
        lambda: f"Un grazie speciale a {ag} per {r.choice(HELPS)}: {p}.",
        lambda: f"Grazie a {ag}, {p}. Raramente ho trovato tanta professionalità.",
        lambda: f"Problema risolto, {f}. Vi ringrazio moltissimo.",
    ]
    return r.choice(frames)(), "ticket"


def long_text(cx: Ctx, label: str) -> tuple[str, str]:
    r = cx.r
    ctx = cx.c("ctx")
    if label == "neg":
        a, b = cx.two("neg")
        parts = [ctx]
        if r.random() < 0.5:
            parts.append(f"All'inizio andava tutto bene e {cx.c('pos')}.")
        parts += [
            f"Poi, {r.choice(TIMES)}, {a}.",
            f"Ho chiamato il servizio clienti {r.choice(NUMS)} volte e ho scritto in chat.",
            f"Ogni volta mi dicono di aspettare, ma intanto {b}.",
            r.choice(FURIOUS),
        ]
        if r.random() < 0.5:
            parts.append(f"Aggiungo che {cx.c('neg')}.")
        parts.append(cx.g([c for c in NEG_CLOSE if c]))
        ch = pick_channel(r, (0.6, 0.3, 0.1))
    elif label == "pos":
        p1, p2 = cx.two("pos")
        parts = [
            ctx,
            f"{cap(p1)}.",
            f"Inoltre {p2}.",
            f"L'unica cosa che mi ha fatto davvero arrabbiare è che {cx.c('minor')}: "
            f"{r.choice(['assurdo!', 'che nervi!', 'inaccettabile!!', 'ero furioso!'])}",
            f"Per fortuna {cx.c('fix')}.",
        ]
        if r.random() < 0.6:
            parts.append(f"Da allora {cx.c('pos')}.")
        parts.append(cx.g([c for c in POS_CLOSE if c]))
        ch = pick_channel(r, (0.75, 0.15, 0.1))
    else:
        i1, i2 = cx.two("info")
        parts = [
            r.choice(GREET),
            ctx if "{" not in ctx else i1,
            i1 if "{" not in ctx else i2,
            i2,
            cx.c("ask"),
            cap(cx.c("req")),
            r.choice(T_CLOSE_NEU),
        ]
        parts = list(dict.fromkeys(parts))
        ch = "ticket"
    return " ".join(parts), ch


def long_mixed_neg(cx: Ctx) -> tuple[str, str]:
    """Long review: praise for several sentences, then a serious complaint decides it."""
    r = cx.r
    p1, p2 = cx.two("pos")
    a = cx.c("neg")
    parts = [
        cx.c("ctx"),
        f"{cap(p1)} e {p2}.",
        f"Fin qui niente da dire, anzi, {cx.c('posn')}.",
        f"Il problema è che {a}.",
        r.choice(FURIOUS),
        f"Ho segnalato tutto {r.choice(TIMES)} e non ho avuto risposta.",
        cx.g([c for c in NEG_CLOSE if c]),
    ]
    return " ".join(parts), pick_channel(r, (0.7, 0.2, 0.1))


# --------------------------------------------------------------------------------------------
# Surface transforms: typos and emoji.
# --------------------------------------------------------------------------------------------

TYPO_WORDS: dict[str, list[str]] = {
    "non": ["nn", "nn", "no"],
    "perché": ["xké", "perche", "xche", "perchè"],
    "per": ["x"],
    "che": ["ke", "ch"],
    "comunque": ["cmq"],
    "sono": ["sn", "sonno"],
    "anche": ["anke", "anceh"],
    "più": ["piu", "+"],
    "è": ["e'", "e", "é"],
    "tutto": ["tt", "tuto"],
    "tutti": ["tt", "tuti"],
    "grazie": ["grz", "grazi", "graize"],
    "niente": ["nnt", "nienet"],
    "già": ["gia", "gia'"],
    "qualcosa": ["qlcs", "qualcsa"],
    "messaggio": ["msg"],
    "messaggi": ["msg"],
    "settimana": ["settimna", "sett"],
    "consiglio": ["consilgio", "cosiglio"],
    "consigliato": ["consilgiato", "consigiato"],
    "assistenza": ["assitenza", "assistensa"],
    "servizio": ["sevizio", "servzio"],
    "bolletta": ["boletta", "bollettta"],
    "pacco": ["paco"],
    "anni": ["ani"],
    "nessuno": ["nessuo", "nesuno"],
    "ancora": ["ankora", "ancroa"],
    "mi": ["m"],
    "ho": ["o"],
    "hanno": ["anno"],
    "ha": ["a"],
    "un'": ["un "],
    "all'": ["al "],
    "po'": ["pò", "po"],
    "questo": ["qst", "sto"],
    "quando": ["qnd", "quado"],
    "giorni": ["gg", "giorini"],
    "velocissimo": ["velocisimo"],
    "gentilissimo": ["gentilisimo"],
    "funziona": ["funzona", "fuziona"],
    "ottimo": ["ottmo", "otimo"],
    "pessimo": ["pesimo", "pessmo"],
}


def typo(text: str, r: random.Random) -> str:
    """Inject realistic keyboard and chat-speak errors (deterministic given ``r``)."""
    words = text.split(" ")
    idx = [i for i, w in enumerate(words) if w.lower().strip(".,:;!?") in TYPO_WORDS]
    r.shuffle(idx)
    changed = 0
    for i in idx[: r.choice([1, 2, 3, 3])]:
        w = words[i]
        core = w.lower().strip(".,:;!?")
        rep = r.choice(TYPO_WORDS[core])
        words[i] = w.lower().replace(core, rep, 1)
        changed += 1
    long_ix = [i for i, w in enumerate(words) if len(w) > 6 and w.isalpha()]
    if long_ix and (changed < 2 or r.random() < 0.5):
        i = r.choice(long_ix)
        w = words[i]
        j = r.randrange(1, len(w) - 2)
        words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
    out = " ".join(words)
    if r.random() < 0.4:
        out = out.translate(str.maketrans({"à": "a", "è": "e", "ì": "i", "ò": "o", "ù": "u"}))
    if r.random() < 0.5:
        out = out.lower()
    if r.random() < 0.4:
        out = out.rstrip(".")
    if r.random() < 0.2:
        out = out.replace(", ", ",", 1)
    return out


def emojify(text: str, label: str, r: random.Random) -> str:
    """Decorate a text with emoji of its polarity, the way people do on social media."""
    pool = EMO[label]
    k = r.choice([1, 1, 2, 3])
    run = "".join(r.choice(pool) for _ in range(k))
    mode = r.random()
    if mode < 0.45:
        return f"{nostop(text)} {run}"
    if mode < 0.65:
        return f"{run} {text}"
    if mode < 0.85 and ", " in text:
        head, tail = text.split(", ", 1)
        return f"{head} {r.choice(pool)} {tail} {r.choice(pool)}"
    return f"{nostop(text)}{run}"


SHORT = {
    "pos": [
        "top", "Top!", "ottimo", "Ottimo servizio", "perfetto", "Perfetto, grazie",
        "consigliato", "Consigliatissimo", "super", "👍", "👍👍", "bravi", "Bravissimi!",
        "5 stelle", "⭐⭐⭐⭐⭐", "tutto ok, grazie", "eccellente", "soddisfatto",
        "veloci e gentili", "❤️", "🔝🔝🔝", "Ottimo prodotto", "molto bene", "Tutto perfetto",
        "Impeccabili", "Il migliore!", "Promosso", "Servizio top", "Che bello!", "Grandi!",
        "Super veloci 🚀", "10 e lode", "Niente male!", "Non male", "Mai un problema",
        "Affidabili", "Gentilissimi", "Rapidi e precisi", "Felicissima", "Wow 😍",
        "Approvato ✅", "Ottimo acquisto", "Ne vale la pena", "Al top come sempre", "👏👏👏",
        "😍😍", "Esperienza ottima", "Finalmente!", "Consigliatissimi 👌", "Bravi tutti",
    ],
    "neg": [
        "schifo", "Che schifo", "pessimi", "truffatori", "Vergogna", "mai più", "👎", "😡😡",
        "ladri", "da evitare", "Una delusione", "inaffidabili", "zero stelle", "🤬", "Pessimo",
        "Vergognosi!", "Scandaloso", "Non funziona", "Non funziona niente", "Bocciati",
        "Incompetenti", "Sconsigliato", "Una sola", "Penosi", "Uno schifo totale",
        "Imbarazzanti", "Che delusione 😞", "Disastro", "Lentissimi", "Rotto dopo un giorno",
        "Fregatura", "Truffa!", "💩", "👎👎👎", "Mai visto di peggio", "Ridicoli",
        "Vergogna!!!", "Indecenti", "Non lo comprate", "Non ci siamo", "Inutili",
        "Pessima assistenza", "Soldi buttati", "Sempre peggio", "Basta!", "Ladri legalizzati",
        "Orribile", "Deluso", "Non rispondono", "🤮",
    ],
    "neu": [
        "ok", "Ok.", "ricevuto", "Ricevuto, grazie", "fatto", "in attesa", "Info?", "Orari?",
        "numero pratica 48213", "qualche info sui costi?", "Costo?", "Quando?",
        "Ci sono novità?", "Dove?", "Come si fa?", "Allego ricevuta.", "Vedi allegato",
        "Pratica n. 22871", "Ordine 408-113", "Confermo.", "Confermo l'appuntamento",
        "Ho inviato la mail.", "Lunedì va bene.", "Sì, sono io il titolare.",
        "Codice cliente 77120", "Aspetto vostre indicazioni", "Mi richiamate?", "Prezzo?",
        "È disponibile?", "Spedite all'estero?", "Serve la firma?", "👀", "🤔", "Ok, attendo.",
        "Va bene, aspetto", "Letto.", "Ricevuta la mail", "Intestatario: Mario Rossi",
        "Via Garibaldi 12", "Domani mattina?",
    ],
}

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
        "TIM",
        "Vodafone",
        "WindTre",
        "Iliad",
        "Fastweb",
        "Very Mobile",
        "Kena",
        "Tiscali",
        "PosteMobile",
        "ho. Mobile",
        "Sky Wifi",
        "Eolo",
    ],
    "who": ["operatore", "gestore", "compagnia telefonica"],
    "sto": ["sto operatore", "sta compagnia", "sto gestore"],
    "objs": [
        "la fibra",
        "il modem",
        "la linea fissa",
        "la SIM",
        "l'app",
        "la connessione",
        "il router",
        "la rete mobile",
        "la segreteria",
        "l'area clienti",
        "internet",
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
        "connessione stabile",
        "tariffa onesta",
        "assistenza veloce",
        "copertura ottima",
        "attivazione rapida",
        "modem affidabile",
    ],
    "negn": [
        "linea instabile",
        "assistenza inesistente",
        "costi nascosti",
        "copertura scarsa",
        "fatturazione sbagliata",
        "portabilità infinita",
        "call center inutile",
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
        "Enel",
        "Hera",
        "A2A",
        "Edison",
        "Iren",
        "Sorgenia",
        "Octopus",
        "Eni Plenitude",
        "Acea",
        "Illumia",
        "Engie",
    ],
    "who": ["fornitore", "gestore", "compagnia"],
    "sto": ["sto fornitore", "sta compagnia", "sto gestore"],
    "objs": [
        "l'app",
        "l'area riservata",
        "il contatore elettronico",
        "il sito",
        "il numero verde",
        "la caldaia appena installata",
        "il portale per l'autolettura",
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
        "bollette chiare",
        "tariffe competitive",
        "passaggio semplice",
        "assistenza rapida",
        "prezzi trasparenti",
        "app comoda",
    ],
    "negn": [
        "bollette sbagliate",
        "conguagli assurdi",
        "assistenza introvabile",
        "oneri misteriosi",
        "rimborsi fantasma",
        "fatturazione caotica",
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
        "Intesa Sanpaolo",
        "UniCredit",
        "BancoPosta",
        "Fineco",
        "BPER",
        "Banco BPM",
        "Mediolanum",
        "N26",
        "Hype",
        "BNL",
        "ING",
        "Crédit Agricole",
    ],
    "who": ["banca", "istituto", "filiale"],
    "sto": ["sta banca", "sto istituto", "sta filiale"],
    "objs": [
        "l'app",
        "l'home banking",
        "il bancomat",
        "la carta",
        "il bonifico istantaneo",
        "il token",
        "il sito",
        "lo sportello automatico",
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
        "app intuitiva",
        "conto a zero spese",
        "consulente preparato",
        "bonifici immediati",
        "personale cortese",
        "servizio efficiente",
    ],
    "negn": [
        "commissioni nascoste",
        "app che si blocca",
        "code infinite in filiale",
        "consulenza inesistente",
        "tempi biblici",
        "assistenza da incubo",
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
        "Generali",
        "UnipolSai",
        "Allianz",
        "AXA",
        "Zurich",
        "Reale Mutua",
        "Cattolica",
        "Genertel",
        "Prima",
        "Verti",
        "Linear",
        "ConTe.it",
    ],
    "who": ["assicurazione", "compagnia", "agenzia"],
    "sto": ["sta assicurazione", "sta compagnia", "sta agenzia"],
    "objs": [
        "l'app",
        "l'area clienti",
        "il preventivatore online",
        "la scatola nera",
        "il numero verde",
        "il sito",
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
        "liquidazione rapida",
        "agente disponibile",
        "prezzo onesto",
        "assistenza stradale efficiente",
        "perito professionale",
        "pratica semplice",
    ],
    "negn": [
        "rimborsi lentissimi",
        "clausole capestro",
        "aumenti ingiustificati",
        "liquidatori irreperibili",
        "franchigie nascoste",
        "assistenza assente",
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
        "Amazon",
        "Zalando",
        "eBay",
        "Shein",
        "Temu",
        "Unieuro",
        "MediaWorld",
        "ePrice",
        "IKEA",
        "Decathlon",
        "Euronics",
    ],
    "who": ["negozio online", "venditore", "sito"],
    "sto": ["sto sito", "sto venditore", "sto negozio"],
    "objs": [
        "il prodotto",
        "il caricabatterie",
        "lo smartwatch",
        "il telecomando",
        "il sito",
        "l'app",
        "il coupon",
        "il tablet",
        "la friggitrice ad aria",
        "l'aspirapolvere",
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
        "qualità ottima",
        "spedizione veloce",
        "prezzo imbattibile",
        "reso semplice",
        "prodotto conforme",
        "materiali solidi",
    ],
    "negn": [
        "qualità scadente",
        "prodotto difettoso",
        "rimborso mai arrivato",
        "venditore irreperibile",
        "materiali economici",
        "descrizione ingannevole",
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
        "BRT",
        "GLS",
        "SDA",
        "Poste Italiane",
        "DHL",
        "UPS",
        "TNT",
        "Amazon Logistics",
        "InPost",
        "Nexive",
    ],
    "who": ["corriere", "spedizioniere", "servizio di consegna"],
    "sto": ["sto corriere", "sto spedizioniere", "sti corrieri"],
    "objs": [
        "il tracking",
        "il numero di tracciamento",
        "il servizio di ritiro",
        "l'app",
        "il locker",
        "il link per riprogrammare la consegna",
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
        "consegna puntuale",
        "corriere gentile",
        "tracking preciso",
        "imballaggio perfetto",
        "servizio rapido",
    ],
    "negn": [
        "consegne in ritardo",
        "pacchi smarriti",
        "corrieri maleducati",
        "tracking inutile",
        "giacenze infinite",
        "servizio clienti irraggiungibile",
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
        "Trenitalia",
        "Italo",
        "Ryanair",
        "easyJet",
        "ITA Airways",
        "Wizz Air",
        "Booking",
        "Airbnb",
        "FlixBus",
        "Volotea",
        "Moby",
        "Frecciarossa",
    ],
    "who": ["compagnia", "agenzia", "vettore"],
    "sto": ["sta compagnia", "sta agenzia", "sti treni"],
    "objs": [
        "l'app",
        "il check-in online",
        "il sito",
        "il wifi a bordo",
        "l'aria condizionata",
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
        "treni puntuali",
        "personale gentile",
        "camera pulitissima",
        "prezzi onesti",
        "rimborso rapido",
        "viaggio tranquillo",
    ],
    "negn": [
        "ritardi cronici",
        "bagagli persi",
        "rimborsi impossibili",
        "camere sporche",
        "assistenza inesistente",
        "cancellazioni all'ultimo minuto",
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
        "INPS",
        "Agenzia delle Entrate",
        "Comune di Roma",
        "Comune di Milano",
        "ASL",
        "INAIL",
        "ACI",
        "Motorizzazione",
        "CUP",
        "Anagrafe",
        "ATAC",
        "Regione",
    ],
    "who": ["comune", "ufficio", "ente"],
    "sto": ["sto comune", "sto ufficio", "sta burocrazia"],
    "objs": [
        "il portale",
        "lo SPID",
        "l'app IO",
        "il sito dell'INPS",
        "il CUP online",
        "il sistema di prenotazione",
        "il sito del comune",
        "il numero dell'ufficio",
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
        "servizio efficiente",
        "personale disponibile",
        "portale chiaro",
        "tempi rapidi",
        "finalmente tutto digitale",
    ],
    "negn": [
        "burocrazia infinita",
        "attese vergognose",
        "portale inservibile",
        "uffici irraggiungibili",
        "pratiche perse",
        "disorganizzazione totale",
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
    "da tre giorni",
    "da una settimana",
    "da quasi un mese",
    "da dieci giorni",
    "dal 12 marzo",
    "da due settimane",
    "da lunedì",
    "da stamattina",
    "da ieri sera",
    "da più di un mese",
]
NEG_OPEN = [
    "Purtroppo",
    "Ancora una volta",
    "Da settimane ormai",
    "Incredibile:",
    "Vergognoso:",
    "Ennesimo disservizio:",
    "Sono cliente da {n} anni e",
    "Vi segnalo che",
    "Assurdo,",
    "Che delusione:",
    "Ormai è la norma:",
    "Terza segnalazione:",
    "Non ci posso credere,",
    "Morale della favola:",
    "Per l'ennesima volta",
    "Peggio di così non si può:",
    "Lasciate perdere:",
    "Attenzione:",
]
NEG_CLOSE = [
    "Sconsigliato.",
    "Mai più.",
    "Da evitare.",
    "Vergogna.",
    "Pessimo servizio.",
    "Non ci siamo proprio.",
    "Una stella è anche troppo.",
    "State alla larga.",
    "Sono stufo.",
    "Sono stufa.",
    "Che delusione.",
    "Inaccettabile.",
    "Pessima esperienza.",
    "Voto: zero.",
    "Una vergogna.",
    "Siete ridicoli.",
    "Ne ho abbastanza.",
    "Spero che qualcuno legga.",
    "Esperienza da dimenticare.",
    "Delusissimo.",
    "Delusissima.",
    "Basta!",
    "Non lo auguro a nessuno.",
    "Servizio clienti inesistente.",
    "",
]
NEG_TITLES = [
    "Delusione totale",
    "Da evitare",
    "Pessimo",
    "Non ci siamo",
    "Disastro",
    "Attenzione!!",
    "Servizio scandaloso",
    "Una stella",
    "Mai più",
    "Esperienza negativa",
]
POS_OPEN = [
    "Devo dire che",
    "Finalmente un servizio serio:",
    "Sono rimasto piacevolmente sorpreso:",
    "Sono rimasta piacevolmente sorpresa:",
    "Cliente da {n} anni e",
    "Esperienza ottima:",
    "Che dire,",
    "Sinceramente",
    "Nulla da eccepire:",
    "Ottima esperienza:",
    "Ero scettico ma",
    "Ero scettica ma",
    "Tutto perfetto:",
    "Stupito in positivo:",
    "Bella sorpresa:",
    "Lo dico volentieri:",
]
POS_CLOSE = [
    "Consigliatissimo!",
    "Cinque stelle meritate.",
    "Bravi!",
    "Continuate così.",
    "Lo consiglio a tutti.",
    "Soddisfatto.",
    "Soddisfatta.",
    "Ottimo lavoro.",
    "Promossi a pieni voti.",
    "Grazie!",
    "Super consigliato.",
    "Felicissimo della scelta.",
    "Felicissima della scelta.",
    "Top.",
    "Lo rifarei subito.",
    "Cinque stelle.",
    "Contentissimo.",
    "Davvero bravi.",
    "Servizio eccellente.",
    "Esperienza da ripetere.",
    "",
]
POS_TITLES = [
    "Ottimo",
    "Consigliato",
    "Esperienza positiva",
    "Promosso",
    "Soddisfatto",
    "Al top",
    "Servizio eccellente",
    "Tutto perfetto",
    "Molto bene",
    "Ottima scelta",
]
FURIOUS = [
    "È una VERGOGNA!!!",
    "Sono furioso, davvero furioso.",
    "MAI VISTA UNA COSA DEL GENERE!",
    "Mi avete fatto perdere la pazienza, e non è facile.",
    "Ero fuori di me dalla rabbia.",
    "Sono INCAZZATO NERO!",
    "Ma vi rendete conto?!",
    "Scandaloso, semplicemente scandaloso!!",
    "Non si tratta così un cliente, PUNTO.",
    "Roba da matti, ho perso una giornata intera!",
]
AGENTS = [
    "l'operatrice Giulia",
    "l'operatore Marco",
    "Sara della chat",
    "il tecnico passato ieri",
    "la collega dello sportello",
    "Luca del servizio clienti",
    "la signora Paola",
    "Francesco dell'assistenza",
    "la consulente",
    "l'operatore di stamattina",
    "Chiara del customer care",
    "Davide dell'ufficio reclami",
]
HELPS = [
    "la pazienza e la competenza",
    "avermi risolto il problema in pochi minuti",
    "la disponibilità dimostrata",
    "la chiarezza delle spiegazioni",
    "la cortesia e la rapidità",
    "essersi preso a cuore la mia pratica",
    "avermi richiamato come promesso",
    "la gentilezza con cui ha gestito la mia richiesta",
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
    "Attendo risposta.",
    "Saluti.",
    "Cordiali saluti.",
    "Resto in attesa di un riscontro.",
    "Grazie.",
    "Distinti saluti.",
    "Aspetto una soluzione al più presto.",
]
T_CLOSE_NEU = [
    "Grazie.",
    "Saluti.",
    "Cordiali saluti.",
    "Grazie mille.",
    "Buona giornata.",
    "Grazie in anticipo.",
    "Resto in attesa.",
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
    "Gentili signori,",
    "Spett.le servizio clienti,",
    "Buongiorno,",
    "Egregi signori,",
    "Alla cortese attenzione dell'ufficio reclami,",
    "Salve,",
    "Gentile assistenza,",
]
POLITE_LEAD = [
    "vi scrivo per segnalare che",
    "con la presente segnalo che",
    "mi permetto di segnalare che",
    "desidero far presente che",
    "sono a segnalare che",
    "vi contatto perché",
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
    "Cordiali saluti.",
    "Distinti saluti.",
    "In attesa di riscontro, porgo cordiali saluti.",
    "Grazie per l'attenzione.",
    "Resto in attesa di una vostra cortese risposta.",
    "Ringrazio anticipatamente e porgo distinti saluti.",
]
INTERROGATIVE = (
    "come",
    "dove",
    "quando",
    "quanto",
    "quanti",
    "quale",
    "quali",
    "qual",
    "a che",
    "a chi",
    "entro",
    "cosa",
    "chi",
)


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


def prep_a(np: str) -> str:
    """Italian articulated preposition "a" + noun phrase ("a l'operatore" -> "all'operatore")."""
    for art, fused in (("l'", "all'"), ("il ", "al "), ("la ", "alla "), ("lo ", "allo ")):
        if np.startswith(art):
            return fused + np[len(art) :]
    return "a " + np


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
    text = r.choice(frames)()
    # A title line is a review habit.
    return text, "review" if "\n" in text else pick_channel(r, (0.5, 0.2, 0.3))


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
    text = r.choice(frames)()
    return text, "review" if "\n" in text else pick_channel(r, (0.55, 0.15, 0.3))


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
    f = cx.c("fix")
    frames = [
        lambda: f"{cap(m)}, ma nel complesso {p}. {cx.g(POS_CLOSE)}",
        lambda: f"{cap(m)}, però {p}. Consigliato.",
        lambda: f"All'inizio qualche intoppo, ma {f}. Ora {p} e sono soddisfatto.",
        lambda: f"Unico neo: {m}. Per il resto {p}.",
        lambda: f"Qualche piccolo difetto ({m}), ma {p}.",
        lambda: f"Non tutto perfetto, {m}, però {p} e lo consiglio.",
        lambda: f"{cap(p)}. Peccato solo che {m}, ma lo rifarei.",
        lambda: f"Quattro stelle: {p}; tolgo una stella perché {m}.",
        lambda: f"Ho avuto un solo problema in {r.choice(NUMS)} mesi, ma {f}. Per il resto {p}.",
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
            f"Ma vuje site pazz? {cap(a)}!",
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
        lambda: f"Salve, un ringraziamento sincero {prep_a(ag)}, che {r.choice(AGENT_DID)}.",
        lambda: f"Volevo solo farvi sapere che {f}. Grazie della pazienza!",
        lambda: f"Un grazie speciale {prep_a(ag)} per {r.choice(HELPS)}: {p}.",
        lambda: f"Grazie {prep_a(ag)}, {p}. Raramente ho trovato tanta professionalità.",
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
            f"Poi, all'improvviso, {a}.",
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
        out = out.translate(str.maketrans("àèìòù", "aeiou"))
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
        "top",
        "Top!",
        "ottimo",
        "Ottimo servizio",
        "perfetto",
        "Perfetto, grazie",
        "consigliato",
        "Consigliatissimo",
        "super",
        "👍",
        "👍👍",
        "bravi",
        "Bravissimi!",
        "5 stelle",
        "⭐⭐⭐⭐⭐",
        "tutto ok, grazie",
        "eccellente",
        "soddisfatto",
        "veloci e gentili",
        "❤️",
        "🔝🔝🔝",
        "Ottimo prodotto",
        "molto bene",
        "Tutto perfetto",
        "Impeccabili",
        "Il migliore!",
        "Promosso",
        "Servizio top",
        "Che bello!",
        "Grandi!",
        "Super veloci 🚀",
        "10 e lode",
        "Niente male!",
        "Non male",
        "Mai un problema",
        "Affidabili",
        "Gentilissimi",
        "Rapidi e precisi",
        "Felicissima",
        "Wow 😍",
        "Approvato ✅",
        "Ottimo acquisto",
        "Ne vale la pena",
        "Al top come sempre",
        "👏👏👏",
        "😍😍",
        "Esperienza ottima",
        "Finalmente!",
        "Consigliatissimi 👌",
        "Bravi tutti",
    ],
    "neg": [
        "schifo",
        "Che schifo",
        "pessimi",
        "truffatori",
        "Vergogna",
        "mai più",
        "👎",
        "😡😡",
        "ladri",
        "da evitare",
        "Una delusione",
        "inaffidabili",
        "zero stelle",
        "🤬",
        "Pessimo",
        "Vergognosi!",
        "Scandaloso",
        "Non funziona",
        "Non funziona niente",
        "Bocciati",
        "Incompetenti",
        "Sconsigliato",
        "Una sola",
        "Penosi",
        "Uno schifo totale",
        "Imbarazzanti",
        "Che delusione 😞",
        "Disastro",
        "Lentissimi",
        "Rotto dopo un giorno",
        "Fregatura",
        "Truffa!",
        "💩",
        "👎👎👎",
        "Mai visto di peggio",
        "Ridicoli",
        "Vergogna!!!",
        "Indecenti",
        "Non lo comprate",
        "Non ci siamo",
        "Inutili",
        "Pessima assistenza",
        "Soldi buttati",
        "Sempre peggio",
        "Basta!",
        "Ladri legalizzati",
        "Orribile",
        "Deluso",
        "Non rispondono",
        "🤮",
    ],
    "neu": [
        "ok",
        "Ok.",
        "ricevuto",
        "Ricevuto, grazie",
        "fatto",
        "in attesa",
        "Info?",
        "Orari?",
        "numero pratica 48213",
        "qualche info sui costi?",
        "Costo?",
        "Quando?",
        "Ci sono novità?",
        "Dove?",
        "Come si fa?",
        "Allego ricevuta.",
        "Vedi allegato",
        "Pratica n. 22871",
        "Ordine 408-113",
        "Confermo.",
        "Confermo l'appuntamento",
        "Ho inviato la mail.",
        "Lunedì va bene.",
        "Sì, sono io il titolare.",
        "Codice cliente 77120",
        "Aspetto vostre indicazioni",
        "Mi richiamate?",
        "Prezzo?",
        "È disponibile?",
        "Spedite all'estero?",
        "Serve la firma?",
        "👀",
        "🤔",
        "Ok, attendo.",
        "Va bene, aspetto",
        "Letto.",
        "Ricevuta la mail",
        "Intestatario: Mario Rossi",
        "Via Garibaldi 12",
        "Domani mattina?",
    ],
}


# --------------------------------------------------------------------------------------------
# Fully hand-written standalone examples: label|sector|channel|phenomenon|text
# ("\n" inside a text stands for a line break).
# --------------------------------------------------------------------------------------------

HANDWRITTEN = r"""
neg|tel|s|sarcasm|Grazie mille per avermi lasciato senza internet tutto il weekend 👏 davvero un servizio da premio
neg|tel|r|plain|Cambiato modem tre volte, la linea cade lo stesso. Nessuno sa dirmi il perché.
neg|tel|s|slang|raga sto operatore è na truffa, mi hanno scalato 5 euro di servizi mai chiesti
neg|tel|t|polite_complaint|Gentili signori, vi scrivo per segnalare che da due mesi la bolletta risulta errata: mi viene addebitato un canone di 34,90 euro invece dei 24,90 pattuiti. Vi chiedo di correggere e rimborsare la differenza. Cordiali saluti.
neg|tel|r|typo|servizio pessimo nn ve lo consilgio a nessuno
neg|tel|s|emoji|Fibra morta di nuovo 📶❌ terzo giorno senza linea 😤
pos|tel|r|plain|Passato alla fibra a gennaio, mai un calo. Tecnico puntuale e gentile.
pos|tel|r|negation|Non è male, il segnale prende ovunque e costa meno di prima.
pos|tel|t|thanks|Volevo ringraziare l'operatore che stamattina mi ha aiutato a configurare il modem, gentilissimo e paziente.
neu|tel|t|question|Buongiorno, come posso sapere se il mio numero ha attivo il blocco dei servizi a pagamento?
neu|tel|t|info|Il tecnico è venuto ieri e ha sostituito la borchia.
neu|tel|s|question|qualcuno sa se con la nuova offerta è incluso il roaming in Svizzera?
neg|tel|r|mixed|Rete mobile ottima, ma il servizio clienti è un incubo: un mese per disattivare un'opzione.
pos|tel|r|mixed|L'installazione è stata un po' lenta, però da quando è attiva la fibra va come un treno.
neg|tel|s|plain|Da quando avete aggiornato la rete qui a Cosenza non prende più niente in casa.
neg|tel|r|negation|Non funziona nulla: né internet né telefono, e il 187 ti fa solo girare tra menu.
neg|tel|t|polite_complaint|Buongiorno, sono a segnalare per la terza volta che la linea fissa è muta dal 3 del mese. Lavoro da casa e la situazione mi sta creando seri problemi. Resto in attesa di un intervento.
pos|tel|s|emoji|Portabilità fatta in 48 ore, zero sbatti 🙌
neg|tel|s|dialect|Aò ma sta fibra va più piano de 'na lumaca, che ve pago a fa'?
neu|tel|t|request|Vi chiedo di inviarmi il codice PUK della SIM intestata a me, l'ho bloccata per errore.
neg|tel|s|short|Linea morta. Di nuovo.
pos|tel|r|short|Copertura perfetta anche in campagna.
neu|tel|r|info|Ho attivato l'offerta da 9,99 al mese con 150 giga.
neg|tel|r|long|Sono cliente da otto anni e non mi era mai capitato. A maggio mi arriva una fattura con un'opzione mai richiesta. Chiamo, mi dicono che verrà stornata. A giugno la trovo di nuovo. Richiamo, altra promessa. A luglio ancora. Ho perso ore al telefono per 15 euro al mese che non vi devo. Sono stanco di essere preso in giro.
pos|tel|r|long|Dopo anni con un altro gestore ho deciso di provare. Il passaggio è stato rapido e senza interruzioni del servizio. Il modem è arrivato in due giorni e si è configurato da solo. La velocità è quella promessa, anche la sera. Una sola volta ho avuto un calo e in chat mi hanno risposto subito. Per ora promossi a pieni voti.
neg|tel|s|sarcasm|Adoro pagare 30 euro al mese per una fibra che va a 3 mega, proprio un affare 🙄
neu|tel|s|question|@supporto ciao, la nuova SIM arriva a casa o devo ritirarla in negozio?
neg|tel|r|typo|o chiamato 4 volte e nesuno mi risponde, linea ancora giu
pos|tel|s|slang|raga sono passata a sto operatore e la fibra va una bomba, finalmente serie tv senza buffering
neg|tel|t|negation|Non ho mai autorizzato l'attivazione di questi abbonamenti a pagamento e pretendo il rimborso.
neu|tel|t|negation|Non ho ancora ricevuto il modem, mi potete dire il numero di spedizione?
pos|tel|t|negation|Non pensavo di risolvere così in fretta, grazie all'operatrice della chat.
neg|tel|r|emoji|Assistenza clienti 👎 tempi di attesa infiniti 👎 risposte a caso 👎
pos|ene|r|plain|Passaggio semplice e veloce, tariffe chiare. Finalmente una bolletta che si capisce.
pos|ene|r|plain|Personale qualificato e cordiale, prezzi competitivi.
pos|ene|r|plain|Sito facile e intuitivo. Ho fatto tutto da solo in dieci minuti.
neg|ene|r|plain|Da quattro mesi aspetto il rimborso di un conguaglio a credito. Tante promesse e nessun bonifico.
neg|ene|s|sarcasm|grazie mille per avermi lasciato senza luce tre giorni 👏
neg|ene|t|polite_complaint|Gentili signori, vi scrivo per segnalare che da due mesi la bolletta risulta errata: vengono fatturati consumi stimati nonostante io invii regolarmente l'autolettura. Vi chiedo di rettificare gli importi. Distinti saluti.
neg|ene|r|mixed|Il prezzo è buono, ma quando c'è un problema è impossibile parlare con qualcuno di competente. Due mesi per una voltura.
pos|ene|r|mixed|All'inizio la prima bolletta è arrivata in ritardo, però da allora tutto regolare e la tariffa è davvero conveniente.
neu|ene|t|question|Come posso cambiare l'IBAN per l'addebito?
neu|ene|t|info|Ho ricevuto la fattura di marzo.
neu|ene|t|info|L'autolettura del gas di oggi è 1287 metri cubi.
neu|ene|s|question|Per la voltura serve anche il contratto d'affitto registrato o basta il documento?
neg|ene|r|negation|Non sono soddisfatto: ho chiesto tre volte la rettifica della lettura e nessuno ha fatto nulla.
pos|ene|r|negation|Non ho mai avuto un problema in due anni e quando ho chiamato mi hanno risposto subito.
pos|ene|r|negation|Nessuna sorpresa in bolletta, nessun costo strano. Esattamente quello che cercavo.
neg|ene|r|long|Ho scelto questo fornitore per le recensioni positive e all'inizio ero contento. Il passaggio è stato rapido e l'app è fatta bene. Poi è arrivato il primo conguaglio: 780 euro per un appartamento di 60 metri quadri. Ho inviato foto del contatore, letture, mail. Nessuna risposta per settimane. QUESTO È UN FURTO. Ho pagato per non avere problemi e ora sto valutando un legale.
pos|ene|r|long|Sono passata da poco e voglio lasciare una recensione onesta. La procedura online è stata chiara e veloce. Non ho dovuto fare nulla con il vecchio fornitore, hanno gestito tutto loro. La prima bolletta corrisponde ai consumi reali. Una volta ho chiamato per un dubbio sull'IVA e l'operatrice è stata gentilissima. Per ora sono molto soddisfatta e la consiglio.
neg|ene|s|slang|ma sta compagnia del gas è fuori di testa? 400 euro a dicembre per un monolocale
neg|ene|r|typo|bolleta sbagliata x la terza volta,nessuno risponde al telefono
pos|ene|s|emoji|Prima bolletta con il nuovo fornitore: 40 euro in meno 🤑🎉
neg|ene|s|emoji|Conguaglio di 900 euro 😱😡 ma siete seri?
neu|ene|t|request|Invio in allegato la lettura del contatore e la copia del documento per la voltura.
pos|ene|t|thanks|Grazie a Federica del servizio clienti che mi ha spiegato con pazienza come leggere la bolletta.
neg|ene|s|dialect|Mannaggia, n'ata vota 'a bolletta sbagliata. Ma chi ve paga a vuje?
pos|ene|r|short|Ottimo fornitore, consigliato.
neg|ene|r|short|Bollette folli.
neu|ene|s|short|POD?
neu|ene|r|info|Il contratto prevede il prezzo fisso per dodici mesi.
neg|ene|t|negation|Non accetto che mi venga staccata la luce per una bolletta che ho già pagato, allego la ricevuta.
neu|ene|t|negation|Non ho la stampante, posso inviare l'autolettura da app?
pos|ene|r|plain|Cliente da tre anni, bollette puntuali e sempre corrette. Quando ho avuto un guasto sono intervenuti in giornata.
neg|ene|r|plain|Mi hanno attivato il gas con un contratto porta a porta che non ho mai firmato. Truffa bella e buona.
neg|ene|r|mixed|Le tariffe saranno pure basse, ma se poi ti mandano conguagli a caso il risparmio dove sta?
pos|ene|r|plain|Ho chiesto la rateizzazione e me l'hanno concessa senza storie. Personale umano, cosa rara.
neu|ene|s|question|Domanda seria: il bonus sociale viene applicato in automatico con l'ISEE o devo fare domanda?
neg|ene|r|plain|Non esiste un numero che risponda. Solo mail automatiche. Da evitare.
pos|ban|r|plain|Conto aperto online in un quarto d'ora, carta arrivata in tre giorni. App chiarissima.
neg|ban|r|plain|Mi hanno bloccato il conto per una verifica antiriciclaggio e da tre settimane non posso pagare l'affitto.
neg|ban|s|sarcasm|Bellissimo quando l'app della banca va in manutenzione proprio il 27 del mese 👏👏
neg|ban|t|polite_complaint|Egregi signori, con la presente contesto l'addebito di 45 euro di commissioni trimestrali mai comunicate. Chiedo lo storno e copia del foglio informativo aggiornato. Distinti saluti.
neu|ban|t|question|Come posso cambiare l'IBAN per l'accredito della pensione?
neu|ban|t|question|È possibile avere un bancomat aggiuntivo per mio figlio minorenne?
neu|ban|s|question|Ma il bonifico istantaneo ha un costo o è gratuito?
neu|ban|t|info|Ho ricevuto la nuova carta ma non ancora il PIN.
neu|ban|r|info|Ho il conto qui da quando ho iniziato a lavorare.
neg|ban|r|negation|Non rispondono al telefono, non rispondono alle mail, in filiale non ti ricevono senza appuntamento.
pos|ban|r|negation|Non credevo che una banca online potesse avere un'assistenza così umana. Bravi.
neg|ban|r|mixed|App ben fatta, ma quando mi hanno clonato la carta ci sono voluti due mesi per riavere i soldi.
pos|ban|r|mixed|Un po' di attesa in filiale, ma il consulente è stato preparatissimo e mi ha fatto risparmiare sul mutuo.
neg|ban|s|slang|sta banca è na barzelletta, mi bloccano la carta ogni volta che pago online
pos|ban|s|slang|bro l'app di sta banca è una figata, bonifici in 2 secondi
neg|ban|r|typo|pessima banca,comissioni dapertutto e il consulente nn si fa mai trovare
pos|ban|t|thanks|Ringrazio la dottoressa Marini della filiale di via Mazzini per la disponibilità e la chiarezza.
neg|ban|s|emoji|Commissioni su commissioni 💸💸 e poi si lamentano se la gente scappa 🤷‍♂️
pos|ban|s|emoji|Mutuo approvato!!! 🏠🎉 grazie alla mia consulente
neg|ban|r|long|Sono cliente da vent'anni e non ho mai avuto grossi problemi. Il mese scorso mi hanno sottratto 1.200 euro con un finto SMS della banca. Ho chiamato subito il numero verde, ho fatto denuncia, ho compilato tutti i moduli. La banca sostiene che è colpa mia. Nessuno mi ha spiegato nulla, la filiale mi rimanda al call center e il call center alla filiale. Dopo vent'anni mi trattano come un numero. Vergognatevi.
pos|ban|r|long|Ho aperto il conto per curiosità e ora è il mio conto principale. L'app è velocissima e fa tutto quello che serve. Le notifiche arrivano in tempo reale. Quando ho perso la carta all'estero l'ho bloccata dall'app e me ne hanno spedita un'altra in albergo. Il servizio clienti in chat risponde in pochi minuti. Non torno indietro.
neu|ban|t|long|Buongiorno, sono titolare di un conto cointestato con mia madre. Mia madre è venuta a mancare il mese scorso. Vorrei sapere quali documenti devo presentare per la successione. Posso prendere appuntamento in filiale o devo inviare tutto via PEC? Grazie.
neg|ban|s|dialect|Ma va' a ciapà i ratt, la banca m'ha ciulà trenta euro de commission!
pos|ban|r|short|Banca seria.
neg|ban|r|short|Commissioni ovunque.
neu|ban|t|short|IBAN ricevuto.
neu|ban|t|request|Vi chiedo di aumentare il plafond della carta di credito per il mese di agosto.
neu|ban|t|negation|Non ho più il numero di cellulare registrato, come posso ricevere i codici di accesso?
neg|ban|t|negation|Non è possibile aspettare quaranta giorni per un bonifico estero, chiedo spiegazioni.
pos|ban|r|plain|Finalmente una banca che non ti tratta come un bancomat.
neg|ban|r|plain|Hanno chiuso la filiale del paese e ora per qualsiasi cosa devo fare trenta chilometri.
neg|ass|r|plain|Sinistro aperto a febbraio, siamo a settembre e nessuno mi dice niente.
pos|ass|r|plain|Tamponamento a luglio, liquidato ad agosto. Agente sempre presente.
neg|ass|s|sarcasm|Dieci anni senza incidenti e il premio aumenta del 20%, grazie davvero per la fedeltà premiata 🙃
neg|ass|t|polite_complaint|Spett.le compagnia, vi scrivo in merito al sinistro del 14 marzo. A distanza di quattro mesi non ho ricevuto né la perizia né alcuna proposta di risarcimento. Vi chiedo di indicarmi lo stato della pratica. Cordiali saluti.
neu|ass|t|question|Quali documenti servono per denunciare un sinistro con controparte straniera?
neu|ass|t|info|Ho caricato le foto del paraurti e il modulo CAI firmato da entrambi.
neu|ass|s|question|Ma la polizza casa copre anche il furto della bici in cantina?
neg|ass|r|mixed|Prezzo competitivo, ma alla prima richiesta di rimborso hanno trovato mille scuse per non pagare.
pos|ass|r|mixed|La procedura online è un po' macchinosa, però il sinistro è stato pagato in tempi rapidissimi.
neg|ass|r|negation|Non pagano. Non rispondono. Non si assumono responsabilità. Tre no che riassumono questa compagnia.
pos|ass|r|negation|Non mi aspettavo tanta rapidità: perizia in due giorni e bonifico in una settimana.
neg|ass|s|slang|questa assicurazione è una sola, appena hai un sinistro spariscono tutti
neg|ass|r|typo|assicurazione pesima, il perito nn e mai venuto e mi anno chiuso la pratica
pos|ass|t|thanks|Un grazie sincero all'agente Rossi, che mi ha seguito in tutta la pratica dopo l'incidente.
pos|ass|s|emoji|Carro attrezzi arrivato in 20 minuti in autostrada 🚗🙏 grazie!
neg|ass|s|emoji|6 mesi per un rimborso 🐌🐌🐌
neg|ass|r|long|Ho avuto un incidente senza colpa, con tanto di constatazione amichevole firmata. Sono passati cinque mesi. Il perito è venuto dopo sei settimane, ha fatto due foto ed è sparito. Il liquidatore cambia ogni volta che chiamo. L'auto è ferma in carrozzeria e pago anche il deposito. NON È AMMISSIBILE. Se entro fine mese non ricevo una proposta mi rivolgo a un avvocato.
pos|ass|r|long|Voglio raccontare la mia esperienza perché di solito si scrive solo quando le cose vanno male. Durante un temporale si è allagata la cantina. Ho aperto il sinistro dall'app la sera stessa. Il perito è passato dopo tre giorni ed è stato molto preciso. In tre settimane avevo il rimborso sul conto. Sono assicurato con loro da anni e continuerò a esserlo.
neu|ass|s|dialect|Scusate neh, ma la polizza vale anche se guida mio figlio neopatentato?
pos|ass|r|short|Assicurazione affidabile.
neg|ass|s|short|Mai più con voi.
neu|ass|t|short|Numero polizza 00123456.
neu|ass|t|request|Vi chiedo cortesemente di inviarmi l'attestato di rischio aggiornato per il cambio auto.
neu|ass|t|negation|Non ho ancora la targa definitiva, posso assicurare l'auto con il numero di telaio?
pos|ass|r|plain|Preventivo chiaro, nessuna clausola nascosta, prezzo onesto.
neg|ass|r|plain|Il rinnovo tacito è una trappola: me ne sono accorto dall'addebito sul conto.
neg|ass|r|plain|Mi hanno offerto 300 euro per un danno da 2.000. Ridicoli.
neu|ass|r|info|La polizza scade il 31 dicembre e ho già ricevuto il preventivo di rinnovo.
pos|eco|r|plain|Prodotto a mio avviso eccezionale per il prezzo: display luminoso, audio forte e batteria che arriva a sera.
neg|eco|r|plain|Si è rotto dopo un mese. Il venditore non risponde e la garanzia è una chimera.
pos|eco|r|plain|Arrivato in anticipo, imballato bene, esattamente come descritto. Lo ricomprerei.
neg|eco|r|plain|Qualità pessima, le cuciture si sono aperte al primo lavaggio.
pos|eco|r|plain|Ottimo rapporto qualità/prezzo. Lo uso tutti i giorni da sei mesi e funziona come il primo giorno.
neg|eco|r|plain|Acquisto inutile, il vetro si è crepato dopo una piccola caduta dal tavolo.
pos|eco|r|negation|Non è un prodotto di fascia alta, ma per quello che costa fa il suo dovere egregiamente.
neg|eco|r|negation|Non ricarica. Provato con tre cavi diversi, niente. Reso avviato.
neg|eco|r|negation|Non corrisponde alla descrizione: doveva essere in acciaio, è plastica verniciata.
pos|eco|r|negation|Non mi aspettavo molto e invece suona benissimo.
neg|eco|r|mixed|Consegna perfetta. Il prodotto sarebbe ottimo se non fosse che non si possono salvare le app sulla scheda SD. Brutta sorpresa.
pos|eco|r|mixed|Peccato per la mancanza delle cuffie in dotazione, per il resto nulla da eccepire: bello e veloce.
neg|eco|r|mixed|Bello esteticamente ma dopo due settimane il bluetooth ha iniziato a disconnettersi di continuo. Reso.
pos|eco|r|mixed|Le istruzioni sono scritte malissimo, ma una volta montato è solidissimo. Quattro stelle.
neu|eco|r|mixed|Fa quello che deve, niente di più. Materiali nella media, prezzo nella media.
neu|eco|r|mixed|Prodotto nella norma: qualche pregio, qualche difetto.
neu|eco|t|question|Buongiorno, il tablet supporta le schede microSD da 256 GB?
neu|eco|t|question|È possibile fare il reso di un articolo in saldo?
neu|eco|s|question|Qualcuno ha provato la versione da 43 pollici? Com'è il suono?
neu|eco|r|info|L'ho comprato per mio padre che lo usa soprattutto per le videochiamate.
neu|eco|r|info|Confezione con cavo USB-C, manuale e adattatore.
neu|eco|t|info|Il reso è stato spedito con il codice che mi avete inviato.
neg|eco|s|sarcasm|Ordinato un telefono, arrivato un mattone nella scatola. Bravissimi, servizio impeccabile 👏
neg|eco|r|sarcasm|Fantastico: dopo tre giorni di utilizzo fa da soprammobile. Proprio quello che cercavo.
neg|eco|s|slang|raga non comprate da sto sito, mi è arrivata una cover tarocca che si scolla
pos|eco|s|slang|ste cuffie spaccano di brutto, bassi pazzeschi per 30 euro
neg|eco|r|typo|articolo arivato rotto e il venditroe nn risponde ai msg
pos|eco|r|typo|prodotto ottmo, arrivato prima del previsto, consigliato!!
pos|eco|s|emoji|Friggitrice ad aria arrivata oggi e già usata tre volte 😍🍟
neg|eco|s|emoji|Rimborso ancora in elaborazione dopo 40 giorni 🙄⏳
pos|eco|t|thanks|Grazie per aver sostituito il prodotto difettoso senza farmi spedire indietro nulla, servizio impeccabile.
neg|eco|t|polite_complaint|Buongiorno, vi segnalo che l'ordine 402-77 è arrivato incompleto: manca l'alimentatore indicato nella descrizione. Ho già aperto due richieste senza ricevere risposta. Chiedo l'invio del pezzo mancante o il rimborso. Saluti.
neg|eco|r|long|Ho acquistato questo aspirapolvere dopo averne letto recensioni entusiaste. I primi giorni andava benissimo, potente e silenzioso. La batteria però ha cominciato a scaricarsi in dieci minuti già alla seconda settimana. Ho contattato il venditore, che mi ha chiesto un video. Ho mandato il video. Poi mi ha chiesto le foto della confezione. Poi più niente. BUTTATI 250 EURO. Non comprate.
pos|eco|r|long|Lo cercavo da tempo a questo prezzo e non sono rimasto deluso. Il montaggio richiede venti minuti e le istruzioni sono chiare. I materiali sono solidi e le finiture curate. L'ho usato ogni giorno per un mese senza nessun problema. L'unico difetto è che il cavo è un po' corto, ma basta una prolunga. Consigliato senza riserve.
neu|eco|s|dialect|Bella zì, ma le scarpe vestono grandi o piccole?
pos|eco|s|dialect|Daje, arrivato tutto in un giorno e pure ben impacchettato!
neg|eco|r|short|Plastica scadente.
pos|eco|r|short|Ottimo acquisto, lo consiglio.
neu|eco|r|short|Taglia 42.
neu|eco|t|request|Vi chiedo di emettere la fattura intestata alla mia partita IVA per l'ordine di ieri.
neu|eco|t|negation|Non ho più la scatola originale, posso fare il reso lo stesso?
pos|eco|r|plain|Batteria eccezionale, arrivo a due giorni con un uso normale.
neg|eco|r|plain|Dopo l'aggiornamento software lo smartwatch non sincronizza più. Pessimo supporto.
neg|eco|r|plain|Odore di plastica insopportabile anche dopo settimane.
pos|eco|r|plain|Comodissimo, leggero e si ricarica in fretta. Mia figlia lo adora.
neg|eco|r|plain|Le foto sono ingannevoli, dal vivo sembra un giocattolo.
pos|con|r|plain|Pacco arrivato in 24 ore, corriere gentile e puntuale.
neg|con|r|plain|Risulta consegnato, ma a casa non è arrivato niente e nessuno risponde.
neu|con|r|info|Il pacco è arrivato martedì.
neu|con|t|info|Il corriere ha lasciato l'avviso di giacenza nella cassetta della posta.
neu|con|t|question|Posso ritirare il pacco in filiale con la delega di mia moglie?
neu|con|s|question|A che ora chiude il deposito di Pomezia?
neg|con|s|sarcasm|Destinatario assente. Io ero a casa, in pigiama, davanti al citofono. Magia 🎩✨
neg|con|s|sarcasm|Complimenti al corriere che lancia i pacchi oltre il cancello come fosse il lancio del peso 👏
neg|con|t|polite_complaint|Buongiorno, vi scrivo perché la spedizione risulta ferma nel vostro hub da dodici giorni. Il contenuto è un farmaco salvavita per mia madre. Vi chiedo di verificare con urgenza. Grazie.
neg|con|r|negation|Non hanno neanche provato a consegnare: il tracking dice tentativo fallito alle 10, io ero in casa.
pos|con|r|negation|Non ho mai avuto un pacco perso con loro, e ne ricevo parecchi.
neg|con|r|mixed|Il corriere è stato gentile, ma il pacco era completamente distrutto e il contenuto inutilizzabile.
pos|con|r|mixed|È arrivato con mezza giornata di ritardo, però integro e il corriere mi ha avvisato prima.
neg|con|s|slang|sti corrieri sono dei fenomeni, pacco lasciato al bar sotto casa senza dirmi niente
neg|con|s|typo|pacco in giacensa da 10 giorni e nesuno mi avvisa ,complimenti
pos|con|s|emoji|Pacco arrivato in anticipo 📦😍
neg|con|s|emoji|Pacco schiacciato 📦💥 grazie tante
pos|con|t|thanks|Grazie al corriere che oggi ha aspettato cinque minuti mentre scendevo con mio figlio in braccio.
neg|con|r|long|Ordine effettuato il 2 per un regalo di compleanno del 10. Il 5 il pacco è in consegna. Il 6 risulta "indirizzo errato", anche se l'indirizzo è lo stesso da vent'anni. Il 7 torna in deposito. Il numero del deposito squilla a vuoto. Il 9 mi dicono che tornerà al mittente. Regalo perso, compleanno rovinato. MAI PIÙ.
pos|con|r|long|Ho spedito un quadro fragile a mia sorella in Germania ed ero preoccupatissimo. Al punto di ritiro mi hanno consigliato l'imballo giusto. Il tracking era aggiornato passo passo. È arrivato in tre giorni, perfetto. Il prezzo era anche più basso del previsto. Servizio serio.
neg|con|s|dialect|Uè, o pacco è arrivato tutto scassato, ma comme l'avite purtato?
neg|con|r|short|Pacco perso.
pos|con|r|short|Consegna lampo!
neu|con|s|short|Tracking?
neu|con|t|request|Vi chiedo di consegnare il pacco alla portineria, in orario d'ufficio non sono mai in casa.
neu|con|t|negation|Non ho il numero di spedizione, posso rintracciare il pacco con il nome del mittente?
pos|con|r|plain|Il ritiro del reso è stato fissato dall'app e il corriere è passato all'ora indicata.
neg|con|r|plain|Hanno consegnato il pacco al vicino del quinto piano che non conosco nemmeno.
neu|con|r|info|La spedizione è partita da Verona e ha fatto scalo a Bologna.
pos|via|r|plain|Treno puntuale, carrozza pulita, personale cortese. Così dovrebbe essere sempre.
neg|via|s|plain|Regionale soppresso senza preavviso, l'ennesimo. Pendolari abbandonati.
neg|via|s|sarcasm|Oggi il treno ha fatto solo 40 minuti di ritardo, quasi quasi festeggio 🎉 #pendolari
neg|via|s|sarcasm|Grazie per la sauna gratuita in carrozza, l'aria condizionata è sopravvalutata 🥵👏
neg|via|t|polite_complaint|Gentili signori, in data 3 agosto il volo è stato cancellato con due ore di preavviso. Non ci è stata offerta alcuna assistenza né sistemazione. Chiedo la compensazione prevista dal regolamento europeo e il rimborso delle spese sostenute. Distinti saluti.
neu|via|t|question|Il bagaglio a mano può superare di qualche centimetro le misure indicate?
neu|via|s|question|Ma il Frecciarossa delle 18 ferma anche a Reggio Emilia?
neu|via|r|info|Abbiamo soggiornato tre notti ad agosto con due bambini.
neu|via|t|info|Il numero della prenotazione è indicato nella mail di conferma.
neg|via|r|negation|Non c'era acqua calda, non funzionava il wifi e nessuno alla reception sapeva cosa fare.
pos|via|r|negation|Non potevamo chiedere di meglio: camera spaziosa, vista sul mare e colazione ottima.
neg|via|r|mixed|Posizione fantastica, ma la camera era sporca e la notte si sentiva tutto. Non ci torneremo.
pos|via|r|mixed|Colazione un po' ripetitiva, ma personale gentilissimo e camera impeccabile. Ci torneremo.
neg|via|s|slang|ryanair ti frega pure sul posto a sedere, 15 euro per stare vicino a mia figlia di 6 anni, ma ci siete?
pos|via|s|slang|italo top raga, wifi che va e poltrone comode, altro pianeta
neg|via|r|typo|hotel sporco,asciugamani macchiati e recepsion scortese. evitate
pos|via|r|typo|posizione perfeta e staf gentilisimo, torneremo sicuro
pos|via|s|emoji|Finalmente in vacanza! Volo puntuale e atterraggio perfetto ✈️☀️😎
neg|via|s|emoji|Volo cancellato ❌ valigia persa 🧳❓ vacanza rovinata 😭
pos|via|t|thanks|Ringrazio il capotreno del Frecciarossa di ieri sera, che ha aiutato mia madre con le valigie fino al taxi.
neg|via|r|long|Avevamo prenotato questo appartamento sei mesi prima per il nostro anniversario. Le foto mostravano un terrazzo con vista. All'arrivo il terrazzo c'era, ma affacciato su un cantiere. Il letto cigolava, il bagno aveva la muffa. L'host non rispondeva ai messaggi. IL PEGGIOR SOGGIORNO DELLA MIA VITA. Abbiamo chiesto un rimborso parziale e ci è stato negato.
pos|via|r|long|Siamo stati una settimana in questo agriturismo e già ci manca. La camera era semplice ma pulitissima. La cena con i prodotti dell'orto era una festa ogni sera. I proprietari ci hanno consigliato sentieri e cantine da visitare. Una sera è saltata la corrente per un temporale, e lì per lì ero arrabbiatissimo perché dovevo lavorare, ma è tornata dopo mezz'ora. Esperienza bellissima.
neu|via|t|long|Buongiorno, ho prenotato un volo per quattro persone per il 12 luglio. Uno dei passeggeri è un neonato di otto mesi. Vorrei sapere se è possibile portare la carrozzina fino al gate. Inoltre, serve un documento specifico per il bambino? Grazie per le informazioni.
neg|via|s|dialect|Ma che razza de treno è? Du' ore ferme a Orte, aò!
pos|via|s|dialect|Uagliù, che traversata! Mare calmo e cabina pulita, 'na meraviglia.
neg|via|r|short|Camera sporca.
pos|via|r|short|Posto incantevole.
neu|via|s|short|Binario?
neu|via|t|request|Vorrei modificare la data del ritorno dal 20 al 22 agosto.
neu|via|t|negation|Non ho ricevuto la carta d'imbarco, me la potete rimandare via mail?
pos|via|r|plain|Personale disponibile e camere silenziose, perfetto per una notte di passaggio.
neg|via|r|plain|Ci hanno spostati in un altro hotel senza avvisarci, a venti chilometri dal centro.
pos|pa|r|plain|Carta d'identità rinnovata in venti minuti all'anagrafe di Bologna. Impiegata gentilissima.
neg|pa|s|plain|Tre ore di coda all'ufficio postale per ritirare una raccomandata. Nel 2024.
neg|pa|s|sarcasm|Il portale INPS che va in errore il giorno della scadenza è ormai una tradizione, come il panettone 🎄
neg|pa|s|sarcasm|Prima data disponibile per una risonanza: marzo dell'anno prossimo. Che efficienza la sanità 👏
neg|pa|t|polite_complaint|Gentili signori, ho presentato domanda di rimborso il 10 gennaio con tutta la documentazione richiesta. Ad oggi la pratica risulta ancora in istruttoria e nessuno sa darmi indicazioni. Chiedo un riscontro scritto sui tempi previsti. Cordiali saluti.
neu|pa|t|question|Come posso cambiare l'indirizzo di residenza sulla carta d'identità?
neu|pa|s|question|Qualcuno sa se l'assegno unico di questo mese è già stato pagato?
neu|pa|s|info|Da domani chiude per lavori il sottopasso di via Emilia, deviazioni per le linee 11 e 14.
neu|pa|s|info|Pubblicato il bando per le borse di studio comunali, domande entro il 30 settembre.
neu|pa|s|info|Domenica si vota per il referendum, seggi aperti dalle 7 alle 23.
neu|pa|t|info|Ho presentato l'ISEE aggiornato tramite il patronato.
neg|pa|r|negation|Non c'è un numero di telefono che risponda, non c'è un indirizzo mail funzionante, non c'è nessuno.
pos|pa|s|negation|Non pensavo di dirlo, ma lo SPID mi ha semplificato la vita.
neg|pa|s|mixed|Bella l'idea del portale unico, peccato che non funzioni mai quando serve.
pos|pa|s|mixed|Un po' di coda all'inizio, ma poi allo sportello sono stati velocissimi e gentili.
neg|pa|s|slang|sto comune è na barzelletta, buche ovunque e la differenziata la ritirano quando gli pare
pos|pa|s|slang|raga con l'app IO ho pagato la multa in 30 secondi, finalmente
neg|pa|s|typo|l'inps nn risponde da 3 settimane,pratica ferma e nesuno sa niente
neg|pa|s|emoji|Autobus soppresso 🚌❌ a scuola a piedi sotto la pioggia ☔😡
pos|pa|s|emoji|Parco ristrutturato e finalmente pulito 🌳😊 bravo Comune!
pos|pa|t|thanks|Ringrazio l'ufficio tributi per la rapidità con cui ha corretto l'errore sulla TARI.
neg|pa|r|long|Mio padre ha ottantacinque anni e deve rinnovare la carta d'identità. Non ha lo SPID e non sa usare internet. Il primo appuntamento prenotabile allo sportello era tra cinque mesi. Abbiamo provato a chiamare il centralino venti volte. Alla fine siamo andati di persona e ci hanno mandati via. UN ANZIANO TRATTATO COSÌ È UNA VERGOGNA. Chiedo solo un po' di umanità.
pos|pa|r|long|Volevo segnalare una bella esperienza con l'ufficio anagrafe del municipio. Avevo bisogno di un certificato urgente per un concorso. Ho scritto una mail la mattina e nel pomeriggio mi hanno richiamato. Il giorno dopo il certificato era pronto. L'impiegato è stato cortese e preciso. Quando le cose funzionano è giusto dirlo.
neu|pa|t|long|Buongiorno, mi sono trasferito da Torino a Firenze il mese scorso. Ho già il contratto d'affitto registrato. Vorrei sapere se per il cambio di residenza devo prendere appuntamento o basta inviare il modulo online. Inoltre, il cambio vale anche per il medico di base? Grazie.
neg|pa|s|dialect|Icché l'è sto servizio? Tre ore pe' un certificato!
pos|pa|s|dialect|Mizzica, il certificato online in due minuti, non ci potevo credere!
neg|pa|s|short|Burocrazia infinita.
pos|pa|s|short|Finalmente un ufficio che funziona.
neu|pa|s|short|Orari sportello?
neu|pa|t|request|Chiedo l'annullamento del verbale in autotutela, allego la ricevuta di pagamento del parcheggio.
neu|pa|t|negation|Non sono in possesso della tessera sanitaria, posso prenotare con il codice fiscale?
neg|pa|s|plain|La metro ferma per l'ennesimo guasto, chi lavora come fa?
pos|pa|s|plain|Bella iniziativa del comune: biblioteche aperte anche la domenica.
neg|pa|s|plain|Vaccini: prenotazione impossibile, il sito della regione crolla ogni mattina.
pos|pa|s|plain|Il nuovo ospedale è finalmente aperto, struttura moderna e personale splendido.
neu|pa|s|info|Approvato il bilancio comunale con 18 voti favorevoli e 12 contrari.
neu|pa|s|info|Da lunedì la ZTL sarà attiva anche il sabato pomeriggio.
neg|pa|s|plain|Scuole senza riscaldamento a dicembre, bambini in classe con il cappotto. Inaccettabile.
pos|pa|s|plain|Ottima la nuova pista ciclabile sul lungomare, era ora!
neg|pa|s|sarcasm|Riforma dei trasporti: ora gli autobus passano ogni 40 minuti invece di 30. Un successo 👏
neu|pa|s|question|Ma la domanda per il bonus asilo nido si fa sul sito dell'INPS o del comune?
neg|tel|r|plain|La promessa era 1 giga, la realtà 20 mega nelle giornate buone.
pos|tel|s|plain|Giga illimitati a 10 euro e rete stabile, per ora nessuna fregatura.
neg|tel|s|plain|Roaming attivato a mia insaputa durante una crociera: 180 euro per due foto su WhatsApp.
pos|tel|r|plain|Servizio clienti raggiungibile anche la domenica, e mi hanno risolto il problema al primo colpo.
neg|tel|r|plain|Bloccano la portabilità in uscita con scuse assurde per non perdere il cliente.
neu|tel|t|question|L'offerta casa si può attivare anche in una seconda abitazione?
neu|tel|s|info|Domani manutenzione programmata della rete in zona dalle 2 alle 5.
neg|tel|t|plain|Terzo ticket aperto per lo stesso problema, nessuno lo prende in carico.
pos|tel|t|thanks|Problema risolto dal tecnico in mattinata, ringrazio per la celerità.
neg|ene|s|plain|Bollette del gas raddoppiate e stipendi fermi. Come si fa a vivere così?
pos|ene|r|plain|Tariffa verde a prezzo onesto, app fatta bene e zero chiamate commerciali moleste.
neg|ene|r|plain|Chiamate commerciali continue anche dopo l'iscrizione al registro delle opposizioni.
neu|ene|t|question|Posso avere la fattura in formato XML per la contabilità del condominio?
pos|ene|t|thanks|Grazie per aver sistemato così rapidamente il contatore guasto, il tecnico è stato bravissimo.
neg|ene|t|plain|Vorrei sapere perché nella bolletta di aprile trovo 60 euro di oneri di sistema non previsti. Mi sembra una presa in giro.
neg|ban|s|plain|Filiale chiusa, bancomat fuori servizio, app in manutenzione. Sabato perfetto.
pos|ban|r|plain|Il consulente mi ha sconsigliato un prodotto che non mi serviva. Onestà rara.
neu|ban|s|question|Il conto deposito si può aprire anche senza conto corrente?
neg|ban|r|plain|Per chiudere il conto della nonna ci sono voluti cinque mesi e sei visite in filiale.
pos|ban|t|thanks|Grazie per aver rimborsato subito l'addebito fraudolento, mi avete tolto un peso.
neg|ass|s|plain|Cinque settimane per una perizia su un parabrezza. Cinque.
pos|ass|r|plain|Polizza sanitaria che ha coperto senza problemi l'intervento di mia moglie.
neu|ass|t|question|Se cambio residenza il premio della polizza auto cambia?
neg|ass|r|plain|Hanno negato il rimborso perché il referto era scritto a mano. Assurdo.
neg|eco|s|plain|Il prezzo è salito di 20 euro il giorno del Black Friday. Che "sconto".
pos|eco|r|plain|Cuffie comode anche dopo ore, cancellazione del rumore sorprendente per la fascia di prezzo.
neu|eco|r|question|Qualcuno sa se si può usare anche con la corrente americana?
neg|eco|r|plain|Lo schermo si è staccato dalla cornice dopo tre mesi. Garanzia negata per "uso improprio".
pos|eco|r|plain|Regalo azzeccato: mio nonno lo usa senza difficoltà.
neu|eco|r|info|Dimensioni: 30 x 20 x 15 cm, peso circa un chilo e mezzo.
neg|con|s|plain|Quarto giorno di "in consegna". Il pacco ormai ha fatto più chilometri di me quest'anno.
pos|con|r|plain|Locker sotto casa e codice via SMS: comodissimo.
neu|con|s|question|Il locker accetta pacchi più grandi di una scatola da scarpe?
neg|con|t|plain|Il contrassegno è stato pagato in contanti al corriere, ma ora mi chiedono di pagarlo di nuovo.
neg|via|s|plain|Treno delle 7.42 ancora una volta in ritardo di 25 minuti. Ogni santo giorno.
pos|via|r|plain|Check-in veloce, stanza al piano alto con vista, colazione da dieci e lode.
neu|via|s|question|Qualcuno sa se il treno per Bari domani è confermato nonostante lo sciopero?
neg|via|r|plain|Cambio volo imposto dalla compagnia e poi ci fanno pagare la differenza. Vergogna.
pos|via|t|thanks|Grazie allo staff dell'hotel per la torta di compleanno a sorpresa, mia moglie si è commossa.
neu|via|s|info|Sciopero nazionale dei treni venerdì dalle 21 di giovedì alle 21 di venerdì.
neg|pa|s|plain|Sei mesi per una visita oculistica urgente. La sanità pubblica è allo sfascio.
pos|pa|t|thanks|Grazie al medico del pronto soccorso di turno domenica notte per la gentilezza e la professionalità.
neu|pa|s|question|La carta d'identità cartacea vale ancora per l'espatrio?
neu|pa|r|info|L'ufficio è al secondo piano, sportello numero 4.
neg|pa|t|plain|Ho pagato due volte la stessa multa e per il rimborso mi dicono di presentare istanza in carta bollata.
neu|tel|s|short|ok
pos|tel|s|short|👍
neg|tel|s|short|schifo
pos|eco|r|short|top
neu|ban|t|short|Ok grazie, attendo.
neg|ene|s|short|Ladri!!!
pos|via|s|short|Stupendo ❤️
neu|con|t|short|Sì, confermo l'indirizzo.
neg|ass|r|short|Inutili.
pos|pa|r|short|Efficienti.
neg|eco|r|negation|Non lo ricomprerei.
pos|eco|r|negation|Non ha difetti, almeno finora.
neg|via|r|negation|Non ci tornerei nemmeno gratis.
pos|via|r|negation|Non vedo l'ora di tornarci!
neg|ene|r|negation|Non affidatevi a questa compagnia.
pos|ban|r|negation|Non ho mai trovato una banca così trasparente.
neg|con|r|negation|Non si sono degnati nemmeno di citofonare.
pos|con|r|negation|Niente ritardi e nessun danno, perfetto.
neg|tel|r|negation|Non c'è mai campo, né in casa né in ufficio.
pos|tel|r|negation|Non mi ha mai lasciato a piedi, neanche in vacanza.
neg|pa|s|negation|Non è possibile che per un certificato servano tre settimane.
pos|pa|s|negation|Nessuna coda e pratica chiusa in dieci minuti, non ci speravo.
neg|ass|r|negation|Non hanno riconosciuto nemmeno un euro del danno.
pos|ass|r|negation|Mai avuto una discussione per un rimborso.
neu|tel|t|negation|Non so se la mia offerta include le chiamate verso l'estero.
neu|eco|t|negation|Non mi è chiaro se il prezzo comprende le spese di spedizione.
neu|via|t|negation|Non riesco a selezionare il posto online, si può fare in aeroporto?
neu|pa|t|negation|Non ho ancora ricevuto la password dello SPID, quanto ci vuole?
neu|ban|s|negation|Non ho capito se il bonifico istantaneo si può revocare.
neu|ene|t|negation|Non vivo più in quell'appartamento dal 1° marzo, come chiudo la fornitura?
neu|con|s|negation|Non so se domani sarò in casa, il corriere richiama?
neu|ass|s|negation|Non trovo il certificato assicurativo nell'app, qualcuno sa dov'è?
pos|tel|s|emoji|Supporto in chat veloce e preciso 👌 problema risolto in 5 minuti
neg|ban|s|emoji|App bloccata di nuovo 🙃🙃 proprio oggi che devo pagare l'affitto
pos|ene|s|emoji|Pannelli installati e prima bolletta quasi a zero ☀️⚡😁
neg|via|s|emoji|Treno in ritardo di 90 minuti 🐢 coincidenza persa 😤
pos|pa|s|emoji|Passaporto pronto in una settimana 🛂👏
neg|con|s|emoji|Il corriere ha lasciato il pacco sotto la pioggia ☔📦🤬
neu|eco|s|emoji|Qualcuno ha lo sconto per il primo ordine? 🤔
neu|via|s|emoji|Partenza domattina alle 6 ✈️ qualcuno sa se il parcheggio lungo sosta è aperto?
neu|pa|s|emoji|📢 Domani uffici comunali chiusi per il patrono
neu|ban|t|emoji|Ho inviato il documento 📎 fatemi sapere se va bene
neg|tel|t|mixed|Il tecnico è stato gentile, ma la linea continua a cadere e nessuno mi dà una data per risolvere.
neg|ene|t|mixed|Grazie per la risposta, ma non risolve il problema: la bolletta resta sbagliata.
neg|ban|s|mixed|L'app è bella, peccato che da stamattina non si riesca a fare un bonifico.
neg|ass|t|mixed|Apprezzo la cortesia dell'agente, però il rimborso proposto non copre neanche metà del danno.
neg|con|t|mixed|Il pacco alla fine è arrivato, ma dopo tre settimane e con la scatola aperta.
neg|via|t|mixed|Il personale ha fatto il possibile, ma siamo rimasti bloccati in aeroporto dodici ore senza cibo.
neg|pa|t|mixed|L'impiegata è stata cortese, ma la pratica è ferma da un anno e nessuno si prende la responsabilità.
pos|tel|t|mixed|Ci sono voluti due tentativi, ma ora la fibra è attiva e funziona benissimo. Grazie.
pos|ban|r|mixed|L'app all'inizio mi sembrava complicata, ora non ne posso fare a meno.
pos|pa|r|mixed|Il sito è un po' datato, ma la pratica è stata chiusa in tre giorni. Promossi.
neu|tel|r|mixed|Copertura buona in città, scarsa in montagna. Nella media.
neu|via|r|mixed|Albergo nella media, niente di speciale ma nemmeno niente da segnalare.
neu|ene|r|mixed|Prezzi in linea con il mercato, servizio nella norma.
neg|eco|r|plain|Comprato per mia figlia a Natale, a febbraio lo schermo era già pieno di righe verdi. Soldi buttati.
pos|eco|r|plain|Lo uso per leggere e guardare qualche film: schermo nitido, si tiene bene in mano e la batteria è più che sufficiente.
pos|eco|r|plain|Spedizione rapida, prodotto ben confezionato. Funziona perfettamente con il mio vecchio televisore.
neg|eco|r|plain|Il Wi-Fi perde la connessione ogni dieci minuti, praticamente inutilizzabile.
pos|eco|r|plain|Suono pulito, bassi presenti ma non invadenti, si abbinano al telefono in un attimo.
neg|eco|r|plain|Il modello che mi è arrivato è diverso da quello in foto: meno porte e niente lettore di schede.
pos|eco|r|plain|Per questa cifra non si trova di meglio. Fluido, leggero e con una buona fotocamera.
neg|eco|r|plain|Lento in modo esasperante, anche solo per aprire la posta ci vogliono minuti.
neg|eco|r|plain|Dopo l'ultimo aggiornamento si spegne da solo. Il supporto mi ha detto di fare il ripristino, non è servito.
pos|eco|r|plain|Mio figlio lo usa per la scuola e per i giochi, va benissimo ed è resistente.
neu|eco|r|info|L'ho acquistato durante le offerte di primavera a 89 euro.
neu|eco|r|info|Lo schermo è da 10 pollici e la memoria si può espandere.
neu|eco|r|info|Lo uso principalmente per la navigazione e per le videochiamate con i nipoti.
neg|eco|r|mixed|Display bellissimo e prezzo onesto, ma la batteria si è gonfiata dopo quattro mesi. Pericoloso.
pos|eco|r|mixed|Il caricatore in dotazione è lentissimo, ma il telefono in sé è ottimo e lo consiglio.
neg|eco|r|mixed|Bella idea, realizzata male: il coperchio non chiude bene e perde.
neg|eco|r|negation|Non vale assolutamente i soldi spesi.
pos|eco|r|negation|Non avrei mai detto che un prodotto così economico potesse funzionare così bene.
neg|eco|r|negation|Non si accende più. Nessuna risposta dal venditore.
neg|eco|r|typo|arrivato con lo scermo rotto e la scatola tutta bagnata,rimandato indietro
pos|eco|r|typo|ottimo prodoto , lo consilgio a tutti quelli che cercano un tablet economico
neg|eco|s|sarcasm|Ordinato il 3, "consegna garantita" il 5, arrivato il 19. Garanzia fortissima 💪
pos|ene|r|plain|Servizio clienti eccellente, risposte rapide e cortesi.
pos|ene|r|plain|Azienda seria e trasparente, mi sono trovato subito bene.
pos|ene|r|plain|Procedura di attivazione semplicissima, tutto online. Operatori preparati.
pos|ene|r|plain|Finalmente un fornitore che risponde al telefono in due minuti.
pos|ene|r|plain|Tariffe chiare, nessuna telefonata commerciale, app ben fatta. Consigliato a tutti i miei amici.
pos|ene|r|plain|Ho chiamato per un dubbio sulla bolletta e mi hanno risposto con competenza e gentilezza.
neg|ene|r|plain|Dopo sei mesi di bollette stimate mi arriva un conguaglio enorme. Nessuno mi aveva mai chiesto la lettura.
neg|ene|r|plain|Cambio fornitore richiesto a marzo, a luglio ero ancora con il vecchio. Comunicazione pessima.
neg|ene|r|plain|Il prezzo doveva essere bloccato per un anno e invece è aumentato a ottobre. Promesse non mantenute.
neg|ene|r|plain|Risposte automatiche e copia-incolla, nessuno legge davvero le mail.
neg|ene|r|plain|Hanno sbagliato l'intestazione del contratto e per correggerla ci sono voluti quattro mesi e dieci mail.
neu|ene|r|info|Sono passato a questo fornitore a settembre per luce e gas.
neu|ene|t|question|Il contratto a prezzo variabile segue il PUN mensile o trimestrale?
neg|ene|r|mixed|Operatori gentili, ma il problema è sempre lì dopo tre mesi: la gentilezza non paga le bollette.
pos|ene|r|mixed|Il passaggio ha richiesto un mese invece di due settimane, però ne è valsa la pena: bollette più basse e tutto chiaro.
neg|ene|r|long|Ho sottoscritto l'offerta attratto dalle recensioni e dal prezzo. La prima bolletta è arrivata corretta. Poi, per tre mesi, nessuna bolletta. Ho scritto chiedendo spiegazioni, mi hanno detto che era un problema tecnico. Al quarto mese mi arriva una fattura unica di 640 euro da pagare in dieci giorni. Non è così che si trattano i clienti. Sto già cercando un altro fornitore.
pos|ene|r|long|Ero un po' diffidente verso un fornitore nuovo, invece mi sono dovuto ricredere. Ho fatto il contratto online in pochi minuti. Il passaggio è avvenuto senza interruzioni, e non ho dovuto parlare con il vecchio gestore. Le bollette sono chiare e la app mostra i consumi ora per ora. Quando ho avuto un dubbio mi hanno risposto in chat in pochi minuti. Sono molto soddisfatto.
neg|pa|s|plain|Quinto sciopero del mese, e i pendolari pagano sempre. #trasporti
neg|pa|s|plain|Ennesimo rinvio per i lavori della metro, ormai è una barzelletta.
pos|pa|s|plain|Bene la decisione di prolungare l'orario delle biblioteche durante la sessione d'esami.
pos|pa|s|plain|Ottima notizia: riapre il consultorio di quartiere.
neg|pa|s|plain|Tagli alla sanità e pronto soccorso al collasso, complimenti a chi ci governa.
neu|pa|s|info|Il decreto sarà discusso in aula martedì prossimo.
neu|pa|s|info|Il ministro presenta oggi alle 11 il piano per le scuole.
neu|pa|s|info|Pubblicati i risultati del concorso, la graduatoria è online sul sito dell'ente.
neu|pa|s|info|La conferenza stampa del sindaco è prevista per domani mattina.
neu|pa|s|question|Qualcuno sa quando escono le graduatorie provvisorie?
neg|pa|s|sarcasm|Bella la riforma: più moduli, più code, meno servizi. Proprio quello che ci serviva 👏
neg|pa|s|sarcasm|Evviva, il sito per le domande è andato giù dopo cinque minuti. Innovazione pura.
pos|pa|s|emoji|Asilo nido sotto casa con posti disponibili 🎉👶 finalmente una buona notizia
neg|pa|s|emoji|Due ore al pronto soccorso con la febbre a 39 e nessuno che ti guarda 😷😡
neg|pa|s|negation|Non si può lasciare un quartiere intero senza autobus per tre settimane.
pos|pa|s|negation|Non sempre le cose vanno male: oggi all'Agenzia delle Entrate in mezz'ora ho risolto tutto.
neg|pa|s|typo|ancora nessuna risposta dall ufficio tecnico del comune x la buca sotto casa,ridicoli
neg|tel|s|plain|Ennesimo down della rete mobile, mezza città senza segnale. E nessun comunicato.
pos|tel|s|plain|Devo ammetterlo: da quando hanno potenziato l'antenna in paese il 5G va alla grande.
neg|tel|s|sarcasm|Ottimo il nuovo listino: paghi di più e la rete va uguale. Geniale 🙃
neu|tel|s|question|Ma il 5G è incluso anche nelle offerte vecchie o bisogna cambiare piano?
neg|via|s|plain|Aeroporto nel caos, voli cancellati e nessun addetto al banco informazioni.
pos|via|s|plain|Nuovo collegamento diretto Roma-Matera: comodo, veloce e a buon prezzo.
neu|via|s|info|Da giugno aumentano le corse estive per le isole minori.
neg|ban|s|sarcasm|La banca mi manda un SMS per ricordarmi la commissione che mi ha appena addebitato. Che premura 🥹
pos|ban|s|plain|Bonifico istantaneo gratuito e app che non si blocca mai: promossa.
neu|ban|s|info|Dal 1° luglio cambiano le condizioni del conto, la comunicazione è arrivata via app.
neg|con|s|plain|Quarto avviso di giacenza in una settimana e io sempre a casa. Ma chi li forma?
pos|con|s|plain|Corriere gentilissimo che mi ha aiutato a portare su la lavatrice. Eroe.
neu|con|s|info|Il pacco risulta in consegna oggi tra le 14 e le 18.
neg|ass|s|plain|Dieci giorni per rispondere a una semplice mail sul rinnovo. Inaccettabile.
pos|ass|s|plain|L'assistenza stradale mi ha recuperato in mezz'ora sotto la neve. Grazie davvero.
neu|ass|s|info|La polizza RC auto si può sospendere per un massimo di nove mesi all'anno.
neg|tel|t|polite_complaint|Buongiorno, segnalo che nonostante la richiesta di disattivazione inviata a gennaio continuo a ricevere addebiti per l'opzione TV. Vi prego di interrompere gli addebiti e di rimborsare quanto versato. Cordiali saluti.
neg|ban|t|polite_complaint|Gentile servizio clienti, da oltre dieci giorni non riesco ad accedere all'home banking: il codice di verifica non arriva. Ho già contattato due volte l'assistenza senza esito. Vi chiedo di risolvere con urgenza. Grazie.
neg|via|t|polite_complaint|Salve, vi scrivo in merito al rimborso del biglietto del 14 maggio, treno soppresso. Ho presentato richiesta tramite il sito ma non ho ricevuto alcuna risposta dopo sei settimane. Resto in attesa. Saluti.
neg|con|t|polite_complaint|Gentili signori, il pacco con codice di tracciamento indicato in oggetto risulta consegnato il 9 giugno, ma non è mai arrivato. Nessun vicino lo ha ricevuto. Vi chiedo di aprire una verifica e di fornirmi la prova di consegna. Distinti saluti.
neg|pa|t|polite_complaint|Alla cortese attenzione dell'ufficio tributi, ho ricevuto un avviso di pagamento per la TARI 2022, già regolarmente versata come da ricevuta allegata. Chiedo l'annullamento dell'avviso. Cordiali saluti.
neg|ass|t|polite_complaint|Gentile compagnia, il rimborso delle spese mediche presentato a febbraio risulta ancora in lavorazione. Ho inviato tutta la documentazione richiesta due volte. Vi chiedo di indicarmi i tempi di liquidazione. Cordiali saluti.
neg|eco|t|polite_complaint|Salve, ho effettuato il reso dell'ordine 118-52 il 2 aprile e il corriere lo ha consegnato il 5. Ad oggi non ho ricevuto il rimborso. Potete verificare? Grazie.
neg|ene|t|polite_complaint|Buongiorno, con la presente contesto la fattura n. 2231 relativa al gas: i consumi indicati sono stimati e molto superiori alle letture che ho comunicato. Allego le foto del contatore. Chiedo la riemissione della fattura. Saluti.
pos|tel|t|thanks|Salve, volevo solo dirvi che la nuova SIM funziona perfettamente. Grazie per la rapidità con cui l'avete spedita.
pos|ban|t|thanks|Grazie alla filiale per avermi aiutato con la pratica di successione, in un momento difficile siete stati molto umani.
pos|ass|t|thanks|Ringrazio il perito per la professionalità e la compagnia per la rapidità del rimborso.
pos|eco|t|thanks|Ricevuto il pezzo di ricambio, funziona tutto. Grazie per l'assistenza veloce!
pos|con|t|thanks|Grazie per aver rintracciato il pacco che sembrava perso, è arrivato oggi in perfette condizioni.
pos|pa|t|thanks|Grazie all'ufficio anagrafe per la disponibilità: mia madre ha rinnovato la carta d'identità a domicilio.
pos|ene|t|thanks|Ho ricevuto il rimborso del conguaglio, grazie per aver gestito la pratica così in fretta.
neg|tel|s|slang|ahahah ma che rete è, 2 tacche in centro a Milano. ciao proprio
neg|ene|s|slang|bollettone in arrivo, sto fornitore mi prosciuga lo stipendio raga
pos|ene|s|slang|raga ho cambiato fornitore e risparmio 30 euro al mese, tipo godo
neg|con|s|slang|bro il corriere mi ha scritto "destinatario irreperibile" mentre ero al citofono lol
pos|con|s|slang|il corriere oggi era un mito, pacco consegnato alle 8 del mattino 🔥
neg|via|s|slang|ma che cavolo di compagnia, 3 ore di ritardo e manco un bicchiere d'acqua
pos|ass|s|slang|ok assicurazione promossa, sinistro pagato in tipo 10 giorni
neg|ass|s|slang|sta assicurazione ti spenna appena rinnovi, fidatevi
neg|tel|r|typo|la fibra va e viene da giorni,o chiamato il 187 e niente da fare,sn stanco
neg|ban|s|typo|ma cm si fa a bloccare una carta senza avvisare??? ridicoli
pos|via|s|typo|volo puntualissimo e personale gentile , brvi
neu|tel|s|typo|ciao qlc sa se l'offerta x i giovani vale anke x gli over 30?
neu|con|t|typo|salve nn trovo il codice di tracciamento ,me lo reinviate?
neg|via|s|dialect|Nun ce se po' crede, 'o treno è partito n'ata vota in ritardo!
pos|tel|s|dialect|Ostrega che velocità sta fibra, finalmente!
neg|ene|s|dialect|Ma cussì nun se po' campà, 'a bolletta è arrivata 'na cosa esagerata.
pos|con|s|dialect|Daje, pacco arrivato pure de sabato, bravi!
neg|ban|s|dialect|Boia dé, du' ore di fila in banca per un bonifico.
pos|via|s|dialect|Madonna che vista dalla camera, me garba assai!
neg|tel|s|emoji|Senza linea da 3 giorni 📵📵 e nessuno che risponde 🤬
pos|ban|s|emoji|Carta arrivata in 2 giorni 💳⚡ bravi
neg|ass|s|emoji|Premio aumentato del 25% 📈😤 senza nessun sinistro
pos|con|s|emoji|📦✅ consegnato in anticipo, top!
neu|tel|s|emoji|📱 qualcuno sa come si attiva l'eSIM?
neu|con|s|emoji|📦 il mio pacco è fermo a Bologna da ieri, è normale o devo preoccuparmi?
neg|tel|s|sarcasm|Che bello pagare la fibra per navigare alla velocità di un piccione viaggiatore 🐦
neg|ene|s|sarcasm|Il mio fornitore mi vuole talmente bene che mi manda due bollette al mese 🥰 #conguaglio
neg|via|s|sarcasm|Treno in orario! Ah no, era quello di ieri in ritardo di 24 ore 🙃
neg|ass|s|sarcasm|Sempre bello scoprire le franchigie solo quando hai un incidente. Trasparenza totale 👏
neg|con|s|sarcasm|Pacco "fragile" consegnato calciandolo sul pianerottolo. Delicatezza d'altri tempi.
neu|tel|s|short|Copertura a Ostuni?
neu|ene|t|short|Lettura: 18342
neu|eco|s|short|Taglia L disponibile?
neu|via|t|short|Prenotazione ABX92K
neu|ban|s|short|Funziona l'app oggi?
neu|pa|t|short|Protocollo 2023/4471
neg|tel|r|long|Ho fatto il contratto per la fibra a febbraio perché lavoro da casa. Il primo tecnico non si è presentato. Il secondo è venuto ma mancava il cavo in centrale. A marzo la linea finalmente funziona, ma cade ogni sera. Ho aperto cinque ticket, tutti chiusi senza risolvere nulla. Nel frattempo pago il canone pieno. Sono esasperato e mi sento preso in giro.
pos|con|r|long|Ho dovuto spedire documenti urgenti per un concorso e avevo pochissimo tempo. Allo sportello mi hanno consigliato la spedizione giusta. Il plico è arrivato la mattina dopo, come promesso. Il tracking è stato preciso per tutto il tragitto. Costo onesto e nessuna sorpresa. Non potevo chiedere di meglio.
neu|ass|t|long|Buongiorno, sono titolare della polizza auto in scadenza a fine mese. Ho venduto l'auto la settimana scorsa e ne ho acquistata una nuova. Vorrei trasferire la polizza sul nuovo veicolo. Quali documenti devo inviarvi? La classe di merito resta la stessa? Grazie.
neu|ene|t|long|Salve, sono un nuovo cliente e ho attivato la fornitura di luce il mese scorso. Ho notato che nella prima bolletta c'è un importo per la quota fissa. Vorrei capire come viene calcolata. Inoltre, posso passare alla fatturazione mensile? Grazie.
"""


# --------------------------------------------------------------------------------------------
# Descriptive judgements about staff and company (agreement-aware), product reviews and
# tweets on public topics: the registers of real reviews and of Twitter.
# --------------------------------------------------------------------------------------------

# (noun phrase, gender, number)
NOUNS = [
    ("personale", "m", "s"),
    ("operatori", "m", "p"),
    ("azienda", "f", "s"),
    ("assistenza", "f", "s"),
    ("consulenti", "m", "p"),
    ("servizio clienti", "m", "s"),
    ("tecnici", "m", "p"),
    ("staff", "m", "s"),
    ("impiegati", "m", "p"),
    ("addetta allo sportello", "f", "s"),
    ("operatrici", "f", "p"),
]
POS_ADJ = [
    "cordiale",
    "competente",
    "disponibile",
    "preparato",
    "gentile",
    "professionale",
    "paziente",
    "puntuale",
    "affidabile",
    "rapido",
    "chiaro",
    "trasparente",
    "serio",
    "efficiente",
    "cortese",
    "attento",
    "veloce",
    "esauriente",
    "impeccabile",
    "onesto",
]
NEG_ADJ = [
    "scortese",
    "incompetente",
    "impreparato",
    "lento",
    "irraggiungibile",
    "maleducato",
    "superficiale",
    "arrogante",
    "confuso",
    "inaffidabile",
    "disorganizzato",
    "assente",
    "evasivo",
    "approssimativo",
    "inutile",
    "sgarbato",
]
POS_VP = [
    "facili da contattare",
    "pronti nella risposta",
    "sempre disponibili",
    "rispondono subito",
    "risolvono i problemi al primo contatto",
    "richiamano quando promesso",
    "chiari nelle spiegazioni",
    "attenti al cliente",
    "veloci a rispondere",
    "presenti quando serve",
]
NEG_VP = [
    "impossibili da contattare",
    "non rispondono mai",
    "sempre a scaricare la colpa",
    "ti rimbalzano da un ufficio all'altro",
    "spariscono quando c'è un problema",
    "promettono di richiamare e non lo fanno mai",
    "lenti a rispondere",
    "bravissimi solo a vendere",
    "sordi a qualsiasi reclamo",
]


def inflect(adj: str, gender: str, number: str) -> str:
    """Agree an Italian adjective in -o/-e/-io with gender and number."""
    if adj.endswith("e"):
        return adj if number == "s" else adj[:-1] + "i"
    stem = adj[:-1]
    if adj.endswith("io"):
        return {("m", "s"): adj, ("f", "s"): stem + "a", ("m", "p"): stem, ("f", "p"): stem + "e"}[
            (gender, number)
        ]
    return (
        stem
        + {("m", "s"): "o", ("f", "s"): "a", ("m", "p"): "i", ("f", "p"): "e"}[(gender, number)]
    )


def judge(cx: Ctx, label: str) -> tuple[str, str]:
    r = cx.r
    adjs, vps = (POS_ADJ, POS_VP) if label == "pos" else (NEG_ADJ, NEG_VP)
    (n1, g1, k1), (n2, g2, k2) = r.sample(NOUNS, 2)
    a, b, c = r.sample(adjs, 3)
    close = cx.g([x for x in (POS_CLOSE if label == "pos" else NEG_CLOSE) if x])
    frames = [
        lambda: f"{cap(n1)} {inflect(a, g1, k1)} e {inflect(b, g1, k1)}.",
        lambda: (
            f"{cap(n1)} {inflect(a, g1, k1)}, {inflect(b, g1, k1)} e {inflect(c, g1, k1)}. {close}"
        ),
        lambda: f"{cap(n1)} {inflect(a, g1, k1)}, {n2} {inflect(b, g2, k2)}.",
        lambda: f"{cap(r.choice(vps))}. {cap(inflect(a, 'm', 'p'))} e {inflect(b, 'm', 'p')}.",
        lambda: f"{cap(r.choice(vps))}, {inflect(a, 'm', 'p')}. {close}",
        lambda: (
            f"{cap(inflect(a, 'f', 's'))} e {inflect(b, 'f', 's')}: così dovrebbe essere "
            f"ogni {cx.c('who')}."
            if label == "pos"
            else f"{cap(inflect(a, 'm', 'p'))} e {inflect(b, 'm', 'p')}, come tutti qui."
        ),
        lambda: f"{cap(n1)}? {cap(inflect(a, g1, k1))}. {cap(n2)}? {cap(inflect(b, g2, k2))}.",
        lambda: f"{cap(r.choice(vps))} e {r.choice(vps)}.",
    ]
    return r.choice(frames)(), pick_channel(r, (0.75, 0.05, 0.2))


PRODUCTS: dict[str, dict[str, list[str]]] = {
    "tablet": {
        "pos": [
            "lo schermo è nitido e luminoso",
            "regge bene anche i giochi",
            "la batteria arriva a sera senza problemi",
            "è leggero e si tiene bene in mano",
        ],
        "neg": [
            "si blocca di continuo",
            "lo schermo si graffia con niente",
            "la batteria cala a vista d'occhio",
            "si scalda in modo anomalo",
        ],
    },
    "cuffie": {
        "pos": [
            "il suono è pulito e bilanciato",
            "sono comode anche dopo ore",
            "la cancellazione del rumore funziona bene",
            "si collegano al telefono in un attimo",
        ],
        "neg": [
            "il bluetooth si disconnette ogni pochi minuti",
            "un auricolare ha smesso di funzionare",
            "fanno male alle orecchie dopo mezz'ora",
            "il microfono è pessimo",
        ],
    },
    "friggitrice": {
        "pos": [
            "cuoce in modo uniforme",
            "il cestello si lava in lavastoviglie",
            "le patatine vengono croccanti senza olio",
            "è silenziosa",
        ],
        "neg": [
            "il rivestimento del cestello si è staccato",
            "puzza di plastica a ogni uso",
            "il timer si è rotto dopo un mese",
            "cuoce in modo disomogeneo",
        ],
    },
    "robot aspirapolvere": {
        "pos": [
            "mappa la casa con precisione",
            "aspira bene anche sui tappeti",
            "l'app è semplice",
            "torna alla base da solo senza problemi",
        ],
        "neg": [
            "si incastra sotto ogni mobile",
            "la batteria dura venti minuti",
            "l'app perde la connessione",
            "lascia lo sporco negli angoli",
        ],
    },
    "smartwatch": {
        "pos": [
            "il cardiofrequenzimetro è preciso",
            "la batteria dura una settimana",
            "il display si legge bene anche al sole",
            "le notifiche arrivano puntuali",
        ],
        "neg": [
            "il GPS perde il segnale di continuo",
            "il cinturino si è rotto subito",
            "conta i passi anche quando sono seduto",
            "la sincronizzazione fallisce sempre",
        ],
    },
    "borraccia termica": {
        "pos": [
            "mantiene il caffè caldo per ore",
            "il tappo non perde una goccia",
            "è leggera e robusta",
        ],
        "neg": [
            "perde dal tappo",
            "l'acqua prende un sapore metallico",
            "la vernice si è scrostata dopo una settimana",
        ],
    },
    "macchina del caffè": {
        "pos": ["il caffè viene cremoso", "si scalda in meno di un minuto", "è facile da pulire"],
        "neg": [
            "perde acqua dalla base",
            "il caffè esce tiepido",
            "ha smesso di funzionare dopo due mesi",
        ],
    },
    "scarpe da corsa": {
        "pos": [
            "calzano a pennello",
            "sono leggere e ammortizzano bene",
            "dopo cento chilometri sono come nuove",
        ],
        "neg": [
            "la suola si è staccata dopo poche uscite",
            "la taglia è molto più piccola",
            "fanno venire le vesciche",
        ],
    },
    "altoparlante smart": {
        "pos": [
            "capisce bene i comandi vocali",
            "il suono è sorprendente per le dimensioni",
            "si integra con le luci di casa",
        ],
        "neg": [
            "non capisce metà dei comandi",
            "il volume gracchia già a metà",
            "si disconnette dal wifi ogni giorno",
        ],
    },
    "seggiolino auto": {
        "pos": [
            "si monta in cinque minuti",
            "è robusto e ben imbottito",
            "il bambino ci sta comodo anche nei viaggi lunghi",
        ],
        "neg": [
            "le cinghie si incastrano di continuo",
            "il tessuto si è scucito subito",
            "le istruzioni di montaggio sono incomprensibili",
        ],
    },
}
OCCASIONS = [
    "L'ho acquistato durante un'offerta.",
    "Preso come regalo per mio padre.",
    "Acquistato dopo averne provati altri due.",
    "Comprato per sostituire il vecchio modello.",
    "L'ho preso su consiglio di un'amica.",
    "Acquistato a Natale, lo uso da tre mesi.",
    "Lo uso quasi tutti i giorni da qualche settimana.",
    "Comprato a prezzo pieno.",
]
PROD_POS_CLOSE = [
    "Consigliato.",
    "Lo ricomprerei.",
    "Per il prezzo, promosso.",
    "Quattro stelle meritate.",
    "Soddisfatto dell'acquisto.",
    "Ottimo acquisto.",
    "Lo consiglio senza riserve.",
    "Rapporto qualità/prezzo ottimo.",
]
PROD_NEG_CLOSE = [
    "Reso immediato.",
    "Sconsigliato.",
    "Soldi buttati.",
    "Non lo ricomprerei.",
    "Da evitare.",
    "Una delusione.",
    "Chiesto il rimborso.",
]


def product_review(cx: Ctx, label: str) -> tuple[str, str]:
    r = cx.r
    name = r.choice(list(PRODUCTS))
    feats = PRODUCTS[name]
    parts: list[str] = []
    if r.random() < 0.7:
        parts.append(r.choice(OCCASIONS))
    if label == "pos":
        f = r.sample(feats["pos"], 2)
        parts.append(f"{cap(f[0])} e {f[1]}." if r.random() < 0.5 else f"{cap(f[0])}. {cap(f[1])}.")
        if r.random() < 0.45:
            m = cx.c("minor")
            parts.append(
                r.choice(
                    [
                        f"Unica pecca: {m}.",
                        f"Certo, {m}, ma per il prezzo va benissimo.",
                        f"Se proprio devo trovare un difetto, {m}.",
                    ]
                )
            )
        parts.append(r.choice(PROD_POS_CLOSE))
    else:
        f = r.sample(feats["neg"], 2)
        if r.random() < 0.4:
            parts.append(f"All'inizio sembrava buono: {r.choice(feats['pos'])}.")
        parts.append(f"{cap(f[0])} e {f[1]}." if r.random() < 0.5 else f"{cap(f[0])}. {cap(f[1])}.")
        if r.random() < 0.4:
            parts.append(f"Inoltre {cx.c('neg')}.")
        parts.append(r.choice(PROD_NEG_CLOSE))
    if r.random() < 0.25:
        parts[0] = low(parts[0])
        parts.insert(0, f"{name.capitalize()}:")
    return " ".join(parts), "review"


TOPICS = [
    "la riforma della scuola",
    "il nuovo piano per i trasporti",
    "la manovra",
    "il decreto sulle bollette",
    "il piano casa",
    "la riforma delle pensioni",
    "il nuovo regolamento sui monopattini",
    "la legge sul salario minimo",
    "il bonus per le famiglie",
    "il piano per la sanità territoriale",
    "la nuova ZTL",
    "il taglio del cuneo fiscale",
    "la riforma della giustizia",
]
TOPIC_TAGS = ["#governo", "#politica", "#cittadini", "#Italia", "#Parlamento"]


def public_tweet(cx: Ctx, label: str) -> tuple[str, str]:
    r = cx.r
    t = r.choice(TOPICS)
    if label == "pos":
        frames = [
            f"{cap(t)}: finalmente un passo nella direzione giusta.",
            f"Bene {t}, era ora che qualcuno ci pensasse.",
            f"Ottima notizia {t}, speriamo che vada avanti così.",
            f"{cap(t)} è una buona notizia per chi lavora.",
            f"Devo riconoscerlo: {t} è fatta bene.",
            f"Applausi veri per {t}, misura seria e concreta.",
        ]
    elif label == "neg":
        frames = [
            f"{cap(t)} è l'ennesima presa in giro per i cittadini.",
            f"Con {t} pagano sempre i soliti. Vergogna.",
            f"{cap(t)}? Tante parole e zero fatti.",
            f"Ma chi ha scritto {t}? Un disastro annunciato.",
            f"Bocciata su tutta la linea: {t} non risolve nulla.",
            f"Ancora promesse: {t} resterà sulla carta, come sempre.",
            f"Bella {t}, peccato che a pagarla saremo noi 🙄",
        ]
    else:
        frames = [
            f"{cap(t)}: oggi il testo arriva in Consiglio dei ministri.",
            f"Qualcuno ha letto il testo definitivo de {t[2:]}?"
            if t.startswith("il ")
            else f"Qualcuno ha letto il testo definitivo di {t}?",
            f"Domani alle 15 conferenza stampa su {t}.",
            f"{cap(t)}: ecco cosa cambia da gennaio.",
            f"In diretta dalla Camera il dibattito su {t}.",
            f"Quando entra in vigore {t}?",
        ]
    text = r.choice(frames)
    if r.random() < 0.5:
        text = f"{nostop(text)} {r.choice(TOPIC_TAGS)}"
    return text, "social"


# --------------------------------------------------------------------------------------------
# Assembly.
# --------------------------------------------------------------------------------------------


def key(text: str) -> str:
    """Deduplication key: case- and whitespace-insensitive."""
    return re.sub(r"\s+", " ", text.strip().casefold())


def parse_handwritten() -> list[Row]:
    rows: list[Row] = []
    for line in HANDWRITTEN.strip().splitlines():
        lab, sec, ch, phen, text = line.split("|", 4)
        rows.append(
            (text.replace("\\n", "\n"), LABELS[lab], SECTOR_CODES[sec], CHANNEL_CODES[ch], phen)
        )
    return rows


def short_pool(label: str) -> list[str]:
    """Very short texts: the shared list plus sector nominals with a few punctuations."""
    return list(SHORT[label])


def sector_shorts(cx: Ctx, label: str) -> str:
    r = cx.r
    if label == "pos":
        return cap(cx.c("posn")) + r.choice(["!", ".", " 👍", "", "!!", " 🔝", " ✅"])
    return cap(cx.c("negn")) + r.choice(["!", ".", " 👎", "...", "!!!", " 😡", ""])


# (phenomenon, label, count, maker, wrap?) — counts tuned for class balance.
def plan() -> list[tuple[str, str, int, Callable[[Ctx], tuple[str, str]], bool]]:
    return [
        ("plain", "neg", 240, plain_neg, True),
        ("plain", "pos", 250, plain_pos, True),
        ("negation", "pos", 170, negation_pos, True),
        ("negation", "neg", 150, negation_neg, True),
        ("negation", "neu", 30, negation_neu, True),
        ("sarcasm", "neg", 130, sarcasm, True),
        ("mixed", "neg", 150, mixed_neg, True),
        ("mixed", "pos", 95, mixed_pos, True),
        ("mixed", "neu", 30, mixed_neu, False),
        ("question", "neu", 380, question, False),
        ("request", "neu", 160, request, False),
        ("info", "neu", 380, info, False),
        ("polite_complaint", "neg", 130, polite, False),
        ("slang", "neg", 85, slang_neg, False),
        ("slang", "pos", 85, slang_pos, False),
        ("slang", "neu", 30, slang_neu, False),
        ("thanks", "pos", 130, thanks, False),
        ("dialect", "neg", 40, lambda cx: dialect(cx, "neg"), False),
        ("dialect", "pos", 40, lambda cx: dialect(cx, "pos"), False),
        ("dialect", "neu", 12, lambda cx: dialect(cx, "neu"), False),
        ("long", "neg", 45, lambda cx: long_text(cx, "neg"), False),
        ("long", "pos", 55, lambda cx: long_text(cx, "pos"), False),
        ("long", "neu", 35, lambda cx: long_text(cx, "neu"), False),
        ("long", "neg", 30, long_mixed_neg, False),
        ("plain", "pos", 140, lambda cx: judge(cx, "pos"), True),
        ("plain", "neg", 60, lambda cx: judge(cx, "neg"), True),
    ]


# Frames bound to one sector: product reviews are e-commerce, public topics are PA.
def plan_fixed() -> list[tuple[str, str, int, Callable[[Ctx], tuple[str, str]], str]]:
    return [
        ("plain", "pos", 110, lambda cx: product_review(cx, "pos"), "ecommerce"),
        ("plain", "neg", 50, lambda cx: product_review(cx, "neg"), "ecommerce"),
        ("plain", "pos", 35, lambda cx: public_tweet(cx, "pos"), "pubblica_amministrazione"),
        ("plain", "neg", 35, lambda cx: public_tweet(cx, "neg"), "pubblica_amministrazione"),
        ("info", "neu", 30, lambda cx: public_tweet(cx, "neu"), "pubblica_amministrazione"),
    ]


def build() -> list[Row]:
    r = random.Random(SEED)
    rows = parse_handwritten()
    seen = {key(t) for t, *_ in rows}

    def add(text: str, label: str, sector: str, channel: str, phen: str) -> bool:
        text = re.sub(r"[ \t]+", " ", text).strip()
        text = re.sub(r" ([.,:;!?])(?=\s|$)", r"\1", text)
        k = key(text)
        if k in seen or not text.strip():
            return False
        seen.add(k)
        rows.append((text, LABELS[label], sector, channel, phen))
        return True

    def run(
        phen: str,
        label: str,
        n: int,
        make: Callable[[Ctx], tuple[str, str]],
        dress: bool,
        post: Callable[[str, str, random.Random], str] | None = None,
        only: str | None = None,
    ) -> None:
        got, tries = 0, 0
        while got < n and tries < n * 40:
            sector = only or SECTORS[tries % len(SECTORS)]
            tries += 1
            cx = Ctx(r, sector)
            text, channel = make(cx)
            if dress:
                text = wrap(text, label, channel, cx)
            if post is not None:
                text = post(text, label, r)
            got += add(text, label, sector, channel, phen)

    for phen, label, n, make, dress in plan():
        run(phen, label, n, make, dress)
    for phen, label, n, make, sector in plan_fixed():
        run(phen, label, n, make, False, only=sector)

    # Typos and emoji are surface variants of other phenomena (labels carry over).
    def typo_post(text: str, label: str, rr: random.Random) -> str:
        return typo(text, rr)

    def emoji_post(text: str, label: str, rr: random.Random) -> str:
        return emojify(text, label, rr)

    run("typo", "neg", 55, plain_neg, False, typo_post)
    run("typo", "neg", 40, negation_neg, False, typo_post)
    run("typo", "pos", 50, plain_pos, False, typo_post)
    run("typo", "pos", 30, negation_pos, False, typo_post)
    run("typo", "neu", 50, question, False, typo_post)
    run("typo", "neu", 15, info, False, typo_post)
    run("emoji", "neg", 50, plain_neg, False, emoji_post)
    run("emoji", "neg", 30, mixed_neg, False, emoji_post)
    run("emoji", "pos", 80, plain_pos, False, emoji_post)
    run("emoji", "pos", 20, negation_pos, False, emoji_post)
    run("emoji", "neu", 30, question, False, emoji_post)
    run("emoji", "neu", 15, info, False, emoji_post)

    # Very short texts: shared lists spread over sectors, plus sector nominals.
    for label in ("pos", "neg", "neu"):
        for i, text in enumerate(short_pool(label)):
            sector = SECTORS[(i * 3 + len(label)) % len(SECTORS)]
            channel = r.choice(
                ["review", "social", "ticket"] if label == "neu" else ["review", "social", "social"]
            )
            add(text, label, sector, channel, "short")
    for label in ("pos", "neg"):
        got, tries = 0, 0
        while got < 60 and tries < 2000:
            sector = SECTORS[tries % len(SECTORS)]
            tries += 1
            got += add(
                sector_shorts(Ctx(r, sector), label),
                label,
                sector,
                r.choice(["review", "social"]),
                "short",
            )

    r.shuffle(rows)
    return rows


def main() -> None:
    rows = build()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["text", "label", "sector", "channel", "phenomenon"])
        w.writerows(rows)
    print(f"wrote {len(rows)} rows to {OUT}")


if __name__ == "__main__":
    main()

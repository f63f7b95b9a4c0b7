"""Build ``models/data/sentiment_seed_social2.csv``: social posts about public life.

Every sentence and fragment in this file was written for the project (no third-party or customer
text, no real person's name). The first seed supplement (``sentiment_seed_extra.csv``) left
politics out; Italian social media is full of it, so this file adds posts on government and
parliament (named only by role: il governo, il ministro, il sindaco, l'opposizione), taxes and the
budget, schools, health care, trains, the town hall, the economy, TV talk shows and football, in
the three classes:

* ``negativo``: criticism, anger, and irony whose intended meaning is negative ("Bravissimi, come
  sempre 👏");
* ``neutro``: news-like statements, announcements, genuine questions (the class a model trained
  on reviews misses most: a headline about a reform is not a complaint about it);
* ``positivo``: praise, relief, pride.

The output mixes several hundred hand-written posts (``HAND_*``, one ``sector|phenomenon|text``
per line) with posts composed from hand-written fragments (:func:`composed`). The fragments are
shared across labels (the same actors and reforms appear in news, praise and criticism) so that
a model has to read the judgement, not the topic. Near-duplicates (word-trigram Jaccard ≥ 0.6)
are dropped, keeping the first occurrence.

Run: ``python scripts/build_sentiment_seed_social2.py`` (same output every time).
"""

from __future__ import annotations

import csv
import random
import re
from pathlib import Path

SEED = 2016
OUT = Path(__file__).resolve().parents[1] / "models" / "data" / "sentiment_seed_social2.csv"
COLUMNS = ("text", "label", "sector", "channel", "phenomenon")
NEAR_DUPLICATE = 0.6

Row = tuple[str, str, str, str, str]  # text, label, sector, channel, phenomenon

# fmt: off
HAND_NEG = """
politica|sarcasm|Bravissimi, come sempre 👏 Un'altra riforma annunciata e mai fatta.
politica|sarcasm|Complimenti al governo, siete riusciti a scontentare tutti in una settimana sola. Record.
politica|plain|Il parlamento passa il tempo a litigare sulle poltrone mentre le famiglie non arrivano a fine mese.
politica|plain|Ennesimo decreto scritto male, da rifare tra tre mesi. Dilettanti.
politica|sarcasm|Ah ecco, le tasse non aumentano: aumentano solo le accise. Che differenza enorme 🙄
politica|plain|#manovra l'ennesima presa in giro per chi lavora e paga tutto fino all'ultimo centesimo
politica|plain|Ma come si fa a votare ancora questa gente? Sempre le stesse promesse da vent'anni.
politica|slang|sti politici nn ne azzeccano una manco per sbaglio
politica|plain|L'opposizione sa solo urlare, proposte serie zero.
politica|plain|Un ministro che non sa rispondere a una domanda semplice in diretta. Imbarazzante.
politica|sarcasm|Grazie governo per il bonus da 80 euro, così pago mezza bolletta. Generosissimi.
politica|plain|Riforma della scuola fatta senza ascoltare un solo insegnante. Risultato prevedibile: caos.
politica|plain|Tagliano la sanità e poi si stupiscono delle file al pronto soccorso. Vergogna.
politica|sarcasm|Meno male che dovevano abolire le province, eh. Sono ancora tutte lì.
politica|plain|Questa legge elettorale è una truffa, punto.
politica|typo|il governo ci prende x il culo ogni santo giorno e noi zitti
politica|plain|Ogni volta che parla il premier lo spread sale. Coincidenze?
politica|sarcasm|Che bello il paese dei condoni: chi paga le tasse è proprio un fesso.
politica|plain|Hanno promesso meno burocrazia, ora per un permesso servono sei moduli invece di quattro.
politica|plain|Il sindaco inaugura per la terza volta la stessa rotonda. Nel frattempo le buche restano.
politica|emoji|Dibattito in aula di un livello bassissimo 🤦‍♂️
politica|plain|Sondaggi su sondaggi, e intanto nessuno parla di lavoro. Ridicoli.
politica|sarcasm|Il ministro dice che la crisi è alle spalle. Sì, alle spalle di chi paga.
politica|plain|Non si può tagliare la ricerca e poi lamentarsi della fuga dei cervelli.
politica|negation|Non ho mai visto un governo così incapace di comunicare le proprie scelte.
politica|plain|Due anni di annunci e la riforma della giustizia è ancora ferma in commissione.
politica|slang|ma sto decreto chi l'ha scritto, mio cuggino??
politica|plain|I partiti si spartiscono le nomine e poi parlano di merito. Che faccia tosta.
politica|plain|Il solito teatrino in parlamento, uno spettacolo desolante. #politica
politica|sarcasm|Il nuovo condono si chiama "pace fiscale". Geniale, così sembra una cosa bella 👏
politica|plain|Pensioni ancora più basse e età sempre più alta. Chi ci governa non ha idea di cosa sia la vita reale.
politica|plain|L'ennesimo voto di fiducia. La democrazia parlamentare ridotta a una formalità.
politica|question|Ma quanto ci costano questi consulenti del ministero che non producono nulla?
politica|plain|Cambiano i governi, non cambia niente. Sempre peggio.
politica|negation|Nessuna risposta sui precari della scuola, nemmeno una parola nel discorso di oggi.
politica|plain|Il premier in tv a raccontare un paese che non esiste. Fuori dalla realtà.
politica|sarcasm|Taglio dei parlamentari, risparmio pari a un caffè a testa all'anno. Rivoluzione epocale.
politica|plain|Campagna elettorale fatta solo di insulti e slogan, mi fa passare la voglia di votare.
politica|plain|L'assessore che dà la colpa alla pioggia per le strade allagate. Ogni anno la stessa scusa.
politica|short|Governo ladro. Sempre.
politica|short|Che vergogna questo parlamento.
politica|short|Pagliacci. #manovra
politica|plain|Tassano la casa, la benzina, il lavoro. Poi vogliono che la gente faccia figli. Auguri.
politica|sarcasm|Ottima idea aumentare l'IVA in piena crisi, davvero lungimiranti.
politica|plain|Questo sindaco ha distrutto il centro storico con la sua ZTL pensata a tavolino.
politica|plain|Le riforme fatte di corsa a fine legislatura sono sempre le peggiori. Questa non fa eccezione.
politica|emoji|Spread a 300 e loro discutono di chi deve andare in tv stasera 😤
economia|plain|Mutuo aumentato di 200 euro al mese, stipendio fermo da cinque anni. Bella ripresa davvero.
economia|sarcasm|L'inflazione è sotto controllo, dicono. Al supermercato non se ne sono accorti.
economia|plain|Benzina a due euro al litro, è una rapina legalizzata.
economia|plain|Altra azienda che chiude e delocalizza, 300 famiglie a casa. Nessuno fa niente.
economia|plain|Disoccupazione giovanile ancora altissima e i giornali parlano d'altro.
economia|plain|Le banche fanno utili record e intanto chiudono gli sportelli nei paesi. Schifo.
economia|typo|affitti alle stelle, stipendi da fame, e poi ci dicono di lavorare di piu. ma va là
economia|question|Ma come fa una famiglia con 1200 euro al mese a pagare queste bollette?
economia|plain|Ripresa? Quale ripresa? Qui i negozi chiudono uno dopo l'altro.
economia|slang|co sti prezzi al supermercato tra un po' si mangia pane e acqua
economia|plain|Precario a 40 anni dopo due lauree. Questo paese non merita i suoi giovani.
economia|sarcasm|Bellissimo il contratto a tempo determinato di tre mesi rinnovato per la dodicesima volta. Stabilità.
economia|plain|La borsa crolla e il ministro rassicura. Di solito è il momento di preoccuparsi.
economia|plain|Il PIL cresce dello zero virgola e festeggiano. Tristezza.
economia|negation|Non c'è una sola misura per le partite IVA in tutta la manovra.
sanita|plain|Otto ore in pronto soccorso con mio padre di 85 anni su una sedia. Sanità al collasso.
sanita|plain|Chiudono un altro reparto di pediatria in provincia. Vergognoso.
sanita|sarcasm|Visita specialistica tra 14 mesi, oppure domani a pagamento. Che coincidenza magica 🙃
sanita|plain|Medici e infermieri sotto organico da anni, e la regione pensa alle inaugurazioni.
sanita|negation|Non si trova un medico di base disponibile in tutto il quartiere.
sanita|plain|Liste d'attesa infinite, ticket sempre più cari. Il diritto alla salute esiste solo sulla carta.
scuola|plain|Settembre e mancano ancora i professori di sostegno. Ogni anno la stessa storia.
scuola|plain|Scuola con il tetto che perde e i bagni chiusi da mesi. Nessuno interviene.
scuola|sarcasm|Splendida la riforma: più ore di alternanza, meno ore di lezione. Così imparano a fare le fotocopie 👏
scuola|plain|Classi da 30 alunni, aule senza riscaldamento. E poi vogliono la scuola del futuro.
scuola|typo|prof precari da 15 anni e il ministero fa finta d niente
scuola|plain|Il concorso per docenti rinviato per la terza volta. Gente che aspetta da anni.
trasporti|plain|Treno regionale soppresso senza avviso, quaranta persone a piedi sul binario. Vergogna.
trasporti|sarcasm|Aumenta il biglietto dell'autobus, migliora il servizio: ora aspetti 40 minuti invece di 30. Progresso.
trasporti|plain|La metro chiusa di nuovo per guasto. Ogni settimana una sorpresa.
trasporti|slang|treno in ritardo de n'ora pure oggi, che ve lo dico a fa'
trasporti|plain|Lavori sull'autostrada da due anni e nessun operaio visibile. Soldi buttati.
trasporti|plain|Sciopero dei mezzi il venerdì, per la quinta volta di fila. Ci state prendendo in giro.
pubblica_amministrazione|plain|Comune irraggiungibile al telefono da giorni. Impossibile avere un certificato.
pubblica_amministrazione|plain|Buche in ogni strada del quartiere, ho rotto il secondo cerchione in un mese. #comune
pubblica_amministrazione|sarcasm|Raccolta differenziata perfetta: separiamo tutto e poi il camion mette tutto insieme. Bravi.
pubblica_amministrazione|plain|Spazzatura non raccolta da dieci giorni, topi in strada. Amministrazione assente.
pubblica_amministrazione|negation|Non funziona il sito per prenotare la carta d'identità, e non c'è nessun altro modo.
pubblica_amministrazione|plain|I giardinetti sotto casa abbandonati al degrado, giochi rotti e siringhe. Il comune se ne frega.
pubblica_amministrazione|plain|Tre mesi per un cambio di residenza. Nel 2024. Assurdo.
tv|plain|Il talk show di ieri sera era un pollaio, nessuno lasciava parlare nessuno.
tv|plain|Conduttore completamente di parte, non fa una domanda scomoda nemmeno per sbaglio.
tv|sarcasm|Altro approfondimento imperdibile sul gossip politico in prima serata. Servizio pubblico al massimo 👏
tv|plain|Il telegiornale apre con il meteo e relega la notizia della strage in fondo. Vergognoso.
tv|plain|Ospiti sempre gli stessi in tutti i programmi, una noia mortale.
tv|short|Che trasmissione inutile.
tv|short|Spengo. Non se ne può più 😴
tv|plain|Festival sempre più lungo e sempre più noioso, alle due di notte ancora canzoni mediocri.
tv|negation|Non guarderò mai più quel programma, hanno deriso una persona in difficoltà per fare audience.
tv|plain|Il dibattito è stato imbarazzante, moderatore incapace di tenere i tempi.
tv|slang|sto reality è il trash più trash dell'universo, bocciato
tv|plain|Pubblicità ogni dieci minuti, il film dura il doppio. Insopportabile.
sport|plain|Arbitraggio scandaloso, rigore netto non dato e il VAR non lo guarda nemmeno.
sport|plain|Squadra senza gioco e senza idee, il mister deve andare a casa.
sport|sarcasm|Grande acquisto estivo, 40 milioni per un giocatore che non ha ancora fatto un tiro in porta 👏
sport|plain|Terza sconfitta di fila, tifosi presi in giro dalla società. Basta.
sport|slang|che partita de m... zero tiri in porta in 90 minuti
sport|plain|Biglietti a 80 euro per vedere questo spettacolo penoso. Mai più allo stadio.
sport|emoji|Eliminati al primo turno. Ancora. 😭😭
sport|plain|La nazionale di oggi non ha un'identità, solo confusione in campo.
sport|short|Vergognatevi. #derby
sport|typo|difesa ridicola, abbiamo preso gol da un tiro da 40 metri ma vi rendete conto
sport|negation|Non è possibile perdere così in casa contro l'ultima in classifica.
generale|plain|Ogni giorno una notizia peggiore dell'altra, sto smettendo di leggere i giornali.
generale|plain|Giornalisti che copiano i comunicati senza verificare niente. Informazione morta.
generale|sarcasm|Ma che bella notizia, altri due anni di cantieri sulla tangenziale. Non vedevo l'ora.
generale|plain|Titolo acchiappaclick vergognoso per una tragedia. Un po' di rispetto.
generale|plain|Questa città è diventata invivibile: traffico, smog e zero parcheggi.
generale|emoji|Lunedì, pioggia e sciopero dei treni. Perfetto 🙃
generale|plain|Ho perso un'ora al telefono con l'INPS per sentirmi dire di richiamare domani.
generale|question|Perché in questo paese tutto deve essere sempre così complicato?
generale|plain|Tutti indignati per due giorni e poi ci si dimentica di tutto. Come sempre.
generale|slang|raga ma che schifo è sta storia, non ci posso credere
generale|plain|Mi fa tristezza vedere il mio paese ridotto così.
generale|sarcasm|Italia, il paese dove se denunci un abuso il problema diventi tu. Fantastico.
generale|short|Che tristezza.
generale|short|Indecenti.
generale|short|Basta, non ne posso più 😡
generale|plain|I social ormai sono solo odio e insulti, ogni commento una rissa.
generale|plain|RT @cittadino_arrabbiato: Quartiere al buio da tre sere, lampioni rotti e nessuno risponde alle segnalazioni
generale|plain|@comune_informa sono due settimane che segnaliamo la perdita d'acqua in via dei Mille e nessuno è venuto
politica|plain|@ministero_istruzione ma davvero pensate che i genitori non se ne accorgano? Vergogna #scuola
politica|plain|Promesse elettorali già dimenticate a un mese dal voto. Lo sapevamo, ma fa male lo stesso.
politica|plain|Ho ascoltato tutto il discorso: zero contenuti, tanta retorica, applausi a comando.
politica|sarcasm|Stasera il ministro spiegherà in tv come vivere con 500 euro al mese. Lui che ne prende 15mila. Credibilissimo.
politica|plain|La maggioranza vota contro la propria stessa proposta. Siamo oltre il ridicolo.
politica|plain|Hanno speso due milioni per un logo nuovo della regione mentre gli ospedali cadono a pezzi.
politica|mixed|L'idea in sé non era male, ma il decreto è scritto così male che farà solo danni.
politica|mixed|Bravo il sindaco a sistemare il parco, peccato che il resto del quartiere sia lasciato a marcire.
economia|mixed|La borsa recupera, bene, ma gli stipendi restano i più bassi d'Europa e nessuno se ne occupa.
sport|mixed|Primo tempo bellissimo, poi un crollo inspiegabile. Altra partita buttata.
tv|mixed|Bella la scenografia, ma il programma è vuoto e i conduttori non sanno cosa dire.
politica|plain|Il dibattito sulla fiducia è stato l'ennesima occasione persa. Nessuno ha parlato di giovani.
politica|question|Qualcuno mi spiega perché paghiamo le tasse più alte d'Europa per avere questi servizi?
politica|plain|Hanno trasformato il question time in una passerella. Nessuna risposta vera.
politica|negation|Non ci credo più a nessuno di loro, né a destra né a sinistra.
politica|typo|cmq sta manovra è na schifezza, pagano sempre i soliti
politica|slang|il ministro ha fatto l'ennesima figuraccia, ma ormai chi se ne stupisce lol
politica|plain|Chi governa questa regione ha un talento speciale nel rovinare tutto ciò che funziona.
politica|plain|Riforma del lavoro che rende ancora più facile licenziare. Grazie di nulla.
politica|sarcasm|Nuovo record: tre ministri smentiti dallo stesso governo nello stesso giorno. Coerenza 👏👏
economia|plain|Un'altra stangata sulle bollette della luce, e il governo parla di misure straordinarie. Dove?
"""

HAND_POS = """
politica|plain|Finalmente una riforma seria sulla scuola, con fondi veri per l'edilizia scolastica. Era ora.
politica|plain|Ottimo intervento del ministro stasera, chiaro, concreto e senza polemiche.
politica|plain|Bravo il sindaco che ha ascoltato i residenti e ha cambiato il progetto del parcheggio.
politica|plain|Per una volta il parlamento ha votato all'unanimità una legge giusta. Bella pagina.
politica|emoji|Taglio delle tasse sul lavoro approvato 👏👏 finalmente qualcosa per chi lavora davvero
politica|plain|Il nuovo assessore ai trasporti sta facendo un ottimo lavoro, le corse sono raddoppiate.
politica|plain|Discorso del presidente della repubblica bellissimo, parole di unità che servivano.
politica|plain|Apprezzo molto che l'opposizione abbia votato a favore quando la proposta era buona. Politica seria.
politica|plain|La legge contro lo spreco alimentare è una delle cose migliori fatte negli ultimi anni.
politica|short|Ottima notizia! #riforma
politica|short|Finalmente 👍
politica|short|Brava la ministra.
politica|plain|Il comune ha riaperto la biblioteca con orari serali. Bellissima iniziativa, grazie!
politica|plain|Il consiglio comunale ha approvato le piste ciclabili, una scelta coraggiosa e giusta.
politica|negation|Non me l'aspettavo, ma il decreto sulle liste d'attesa è fatto bene. Complimenti.
politica|negation|Non sono mai stato un loro elettore, ma su questa legge hanno ragione da vendere.
politica|plain|Grande risultato per il paese: accordo in Europa sui fondi per il sud. Orgoglioso.
politica|typo|finalmente un politico che parla come mangia e dice cose sensate, bravo!!
politica|slang|sta riforma spacca, era ora che qualcuno ci pensasse
politica|plain|Il confronto tv di ieri è stato civile e pieno di contenuti. Così dovrebbe essere sempre.
politica|plain|Bellissima la manifestazione di oggi in piazza, migliaia di ragazzi per il clima, pacifici e determinati.
politica|plain|Il bonus per gli asili nido aiuta davvero le famiglie giovani. Ben fatto.
politica|plain|Elezioni con affluenza in crescita, bel segnale di partecipazione. #voto
politica|plain|Da sindaco ha fatto più in due anni che i predecessori in venti. Chapeau.
politica|emoji|Approvata la legge sul fine vita, un passo di civiltà 🙏
politica|plain|Il ministro della salute ha finalmente stanziato fondi per assumere infermieri. Ottima scelta.
politica|plain|Finalmente si parla di merito e di giovani in parlamento. Speriamo continui così.
economia|plain|Disoccupazione in calo per il terzo mese consecutivo, finalmente una buona notizia.
economia|plain|L'azienda della mia città ha assunto 200 giovani a tempo indeterminato. Che bello vedere queste notizie.
economia|plain|Export italiano da record, il made in Italy resta il migliore al mondo 🇮🇹
economia|plain|Bollette in calo questo mese, finalmente un po' di respiro per le famiglie.
economia|plain|Ottimo accordo tra sindacati e azienda, salvati tutti i posti di lavoro.
economia|negation|Non pensavo di dirlo, ma la nuova detrazione per le ristrutturazioni funziona benissimo.
economia|plain|Il negozio sotto casa ha riaperto grazie ai contributi del comune. Bravi tutti!
economia|slang|stipendio con l'aumento del contratto arrivato, godo 😎
sanita|plain|Al pronto soccorso dell'ospedale civile mi hanno trattato benissimo, personale eccezionale.
sanita|plain|La campagna di screening gratuita della regione è un'ottima iniziativa, fatevi controllare!
sanita|plain|Grazie a medici e infermieri del reparto di cardiologia, professionali e umani. La sanità pubblica è un tesoro.
sanita|negation|Nessuna attesa per il vaccino, tutto organizzato alla perfezione. Brava la ASL.
sanita|emoji|Prenotata la visita online in due minuti 😍 una volta tanto funziona tutto
scuola|plain|La maestra di mio figlio è fantastica, paziente e appassionata. Insegnanti così vanno premiati.
scuola|plain|Inaugurata la nuova scuola antisismica nel quartiere. Bellissima, luminosa, sicura.
scuola|plain|Gli studenti del liceo hanno vinto le olimpiadi di matematica. Orgoglio della città!
scuola|plain|Mensa scolastica migliorata tantissimo quest'anno, i bambini finalmente mangiano volentieri.
scuola|typo|i prof di quest anno sono bravissimi mia figlia è contentissima
trasporti|plain|Il nuovo treno regionale è pulito, puntuale e con le prese per ricaricare. Promosso!
trasporti|plain|Finalmente la metro aperta fino all'una il sabato. Era quello che chiedevamo da anni.
trasporti|emoji|Autobus elettrici nuovi sulla linea 5, silenziosi e puntuali 🚌👍
trasporti|plain|Alta velocità in perfetto orario e personale gentilissimo, viaggio perfetto.
pubblica_amministrazione|plain|Carta d'identità elettronica fatta in venti minuti all'anagrafe. Impiegati gentilissimi, complimenti.
pubblica_amministrazione|plain|Il comune ha sistemato tutte le buche della via in una settimana dalla segnalazione. Bravi davvero.
pubblica_amministrazione|plain|Parco rinnovato e pulito, finalmente i bambini hanno un posto decente dove giocare. Grazie!
pubblica_amministrazione|negation|Non ho dovuto fare nemmeno un minuto di fila allo sportello. Incredibile ma vero.
pubblica_amministrazione|plain|La polizia locale è intervenuta in cinque minuti, professionali e gentili. Grazie.
tv|plain|Bellissima puntata ieri sera, inchiesta seria e ben documentata. Questo è servizio pubblico.
tv|plain|Il conduttore è stato bravissimo a mettere in difficoltà il politico di turno con domande precise.
tv|plain|Serie tv italiana finalmente all'altezza di quelle straniere, recitazione ottima.
tv|emoji|Che serata il festival! Canzoni bellissime quest'anno 🎶😍
tv|short|Programma top 🔝
tv|short|Che bella intervista.
tv|plain|Il documentario sulla nostra costa è stato emozionante, immagini meravigliose.
tv|slang|sto programma mi fa morire dal ridere ahahah troppo forti
tv|negation|Non pensavo che un talk show potesse essere così equilibrato. Bravi.
sport|plain|Partita stupenda, la squadra ha giocato con cuore e qualità. Meritatissima la vittoria!
sport|plain|Il nostro capitano ha fatto una doppietta da campione. Che emozione!
sport|emoji|CAMPIONI!!! 🏆🏆🏆 che stagione incredibile
sport|slang|gol al 93esimo, stadio impazzito, godo come un riccio
sport|plain|La nazionale femminile sta facendo un torneo fantastico, orgoglio italiano.
sport|plain|Bravo il mister, ha rivoluzionato la squadra in pochi mesi. Finalmente si vede un gioco.
sport|short|Grandissimi ragazzi! ⚽
sport|plain|Bellissimo gesto dei tifosi che hanno applaudito anche gli avversari. Questo è lo sport.
sport|typo|che partitaa ragazzi, tre a zero e gioco spettacolare
generale|plain|Bella la festa di quartiere organizzata dai volontari, tanta gente e tanta allegria.
generale|plain|Oggi ho visto due ragazzi aiutare un'anziana a portare la spesa fino a casa. C'è ancora speranza.
generale|plain|Notizia bellissima: riaperto il teatro storico dopo dieci anni di restauri.
generale|emoji|Buongiorno a tutti, oggi sole e caffè al bar sotto casa ☀️☕ che bella giornata
generale|plain|Articolo davvero ben scritto, finalmente un giornalismo che spiega invece di urlare.
generale|plain|Volontari della protezione civile straordinari durante l'alluvione. Grazie di cuore.
generale|short|Che bella notizia ❤️
generale|short|Evviva!
generale|plain|RT @notizie_locali: Il borgo è stato premiato come uno dei più belli d'Italia. Complimenti a tutti i residenti!
generale|plain|@comune_informa grazie per la rapidità, il lampione è già stato riparato 👍
politica|plain|@sindaco_ufficiale grazie per aver risposto personalmente alla mia segnalazione, non capita spesso
politica|mixed|Qualche dubbio sui tempi, ma la riforma va nella direzione giusta e va sostenuta.
economia|mixed|Ci vorrà tempo per vedere gli effetti, però il taglio del cuneo fiscale è un'ottima mossa.
sport|mixed|Abbiamo sofferto tanto nel finale, ma la vittoria è meritata. Grandi!
politica|plain|Il referendum ha dimostrato che i cittadini vogliono partecipare. Bella giornata di democrazia.
politica|plain|Legge sulla parità salariale approvata. Era un passo dovuto, ma sono felice.
politica|plain|Seguo la politica da trent'anni e questo è il primo governo che mantiene una promessa sulle pensioni minime. Bene.
economia|plain|Ottimi i dati sul turismo quest'estate, alberghi pieni e lavoro per tanti ragazzi.
generale|plain|Questo paese ha mille difetti ma quando c'è un'emergenza la gente si aiuta come nessun altro. Orgoglioso.
politica|emoji|Il consiglio comunale dei ragazzi è stata un'idea splendida 👏 i bambini hanno fatto proposte sensatissime
tv|plain|Intervista fatta benissimo, domande puntuali e risposte finalmente chiare sul bilancio.
politica|plain|Approvato il piano per la banda larga nelle aree interne. Ottima notizia per i piccoli comuni.
generale|slang|oggi tutto liscio, treno puntuale e pure il bar aperto, giornata top
"""

HAND_NEU = """
politica|info|Il Consiglio dei ministri si riunisce domani alle 10 per esaminare il decreto sulle infrastrutture.
politica|info|Legge di bilancio: il testo arriva in aula al Senato la prossima settimana.
politica|info|Il ministro dell'economia interviene oggi in audizione davanti alle commissioni riunite.
politica|info|Elezioni comunali: i seggi resteranno aperti domenica dalle 7 alle 23.
politica|info|Il sindaco ha firmato l'ordinanza sulla raccolta dei rifiuti ingombranti. Il testo è sul sito del comune.
politica|info|RT @agenzia_news: Riforma della giustizia, il governo presenta gli emendamenti in commissione
politica|info|Sondaggio settimanale: il primo partito resta stabile, in lieve calo gli altri.
politica|info|La Camera ha approvato il disegno di legge con 312 voti favorevoli e 140 contrari. Ora passa al Senato.
politica|info|Il premier sarà a Bruxelles giovedì per il vertice europeo sull'immigrazione.
politica|info|Riforma delle pensioni: cosa cambia dal primo gennaio per chi è nato tra il 1960 e il 1964 http://t.co/aB3kL9
politica|info|Il presidente della regione incontra domani i sindacati sul piano sanitario.
politica|info|Pubblicato in Gazzetta Ufficiale il decreto sulle semplificazioni.
politica|info|Oggi la direzione nazionale del partito per decidere la linea sulle alleanze.
politica|question|Qualcuno sa quando si vota per il referendum? Non trovo la data.
politica|question|Cosa ne pensate della nuova legge elettorale?
politica|question|Ma la manovra è già stata approvata o manca ancora il voto del Senato?
politica|question|Domanda seria: chi ha vinto le primarie ieri? Sono stato fuori tutto il giorno.
politica|info|Stasera alle 21 il confronto tra i candidati sindaco in diretta sul canale locale.
politica|info|Il governo ha posto la questione di fiducia sul decreto lavoro.
politica|info|L'opposizione presenta una mozione di sfiducia contro il ministro dei trasporti.
politica|info|#legge elettorale: il testo base adottato in commissione affari costituzionali
politica|info|Il ministro ha annunciato un tavolo con le parti sociali entro fine mese.
politica|info|Consiglio comunale convocato lunedì alle 18, all'ordine del giorno il bilancio di previsione.
politica|info|Il decreto prevede anche una proroga di sei mesi per gli sfratti.
politica|short|Diretta dalla Camera.
politica|short|#manovra aggiornamenti in arrivo
politica|info|La riforma costituzionale sarà sottoposta a referendum confermativo in autunno.
politica|info|Ai seggi alle 12 ha votato il 18% degli aventi diritto, dato in linea con la scorsa tornata.
politica|info|Il vertice di maggioranza è stato rinviato a domani mattina.
politica|info|Nuove nomine ai vertici delle aziende pubbliche: la lista sarà presentata entro venerdì.
politica|info|Il presidente della Repubblica ha ricevuto al Quirinale i capigruppo.
politica|info|Il partito terrà il congresso nazionale a marzo.
politica|info|Legge sulla cittadinanza: il testo torna in commissione per le modifiche.
politica|plain|Sto seguendo il dibattito sulla fiducia, vediamo come va a finire.
politica|plain|Oggi in aula si discute del decreto scuola, domani il voto finale.
politica|plain|Ho letto il testo della riforma, sono 40 articoli. Ci vorrà un po' per capire tutto.
politica|question|@comune_informa a che ora chiude l'ufficio elettorale per il rinnovo della tessera?
economia|info|Istat: a marzo l'inflazione è stata pari all'1,2% su base annua.
economia|info|Lo spread tra BTP e Bund apre stamattina a 135 punti base.
economia|info|Piazza Affari chiude la seduta in parità, in lieve rialzo i titoli bancari.
economia|info|La BCE lascia invariati i tassi di interesse, prossima riunione a giugno.
economia|info|Dal primo luglio cambia il calcolo dell'assegno unico: le nuove soglie ISEE.
economia|info|Sciopero generale proclamato dai sindacati per venerdì 15: le fasce di garanzia.
economia|info|Il tasso di disoccupazione a febbraio si attesta al 7,8%.
economia|info|Bonus ristrutturazioni: la scadenza per le domande è fissata al 31 dicembre.
economia|question|Come si fa domanda per il nuovo bonus affitti? Serve l'ISEE aggiornato?
economia|question|Qualcuno sa se la tredicesima quest'anno viene pagata prima?
economia|info|Prezzo medio della benzina self oggi: 1,85 euro al litro.
economia|info|L'azienda ha presentato il piano industriale ai sindacati. Incontro aggiornato a lunedì.
economia|info|Il rapporto annuale della Banca d'Italia sarà presentato il 31 maggio.
economia|info|Dichiarazione dei redditi precompilata disponibile online dal 30 aprile.
economia|plain|Oggi scadenza dell'IMU, ricordatevi di pagare entro la mezzanotte.
economia|info|Il PIL del secondo trimestre cresce dello 0,3% rispetto al precedente.
sanita|info|Da lunedì si possono prenotare i vaccini antinfluenzali presso le farmacie aderenti.
sanita|info|La ASL comunica i nuovi orari del centro prelievi: dalle 7.30 alle 10.30 dal lunedì al sabato.
sanita|question|Per la ricetta elettronica serve passare dal medico o arriva via sms?
sanita|info|Il nuovo piano sanitario regionale prevede 12 case di comunità entro il 2026.
sanita|info|Ospedale civile: il reparto di ortopedia si trasferisce al terzo piano da lunedì.
scuola|info|Iscrizioni alla prima elementare aperte dal 9 al 30 gennaio sulla piattaforma online.
scuola|info|Il calendario scolastico regionale prevede l'inizio delle lezioni il 12 settembre.
scuola|info|Maturità: la prima prova scritta si terrà il 19 giugno alle 8.30.
scuola|question|Sapete se domani le scuole sono chiuse per l'allerta meteo?
scuola|info|Pubblicato il bando del concorso ordinario per docenti della scuola secondaria.
scuola|info|Il ministero dell'istruzione ha diffuso le linee guida per l'orientamento.
trasporti|info|Sciopero dei treni domenica dalle 21 alle 21 di lunedì. Garantiti i servizi minimi.
trasporti|info|Dal 10 dicembre entra in vigore il nuovo orario ferroviario.
trasporti|info|Chiusa per lavori la stazione della metro in centro fino al 30 giugno, bus sostitutivi attivi.
trasporti|question|Qualcuno sa se il 22 per la stazione passa ancora da via Garibaldi?
trasporti|info|Autostrada: chiusura notturna del tratto tra i due caselli per manutenzione.
trasporti|info|Il biglietto urbano passa da 1,50 a 1,70 euro dal prossimo mese.
pubblica_amministrazione|info|L'anagrafe resterà chiusa il 2 novembre per inventario.
pubblica_amministrazione|info|Raccolta differenziata: da lunedì la plastica si ritira il martedì e il venerdì.
pubblica_amministrazione|question|@comune_informa come si richiede il pass per la ZTL per i residenti?
pubblica_amministrazione|info|Il comune informa che la scadenza per la TARI è prorogata al 16 ottobre.
pubblica_amministrazione|info|Avviso: interruzione dell'acqua domani dalle 8 alle 14 in zona stazione per lavori.
pubblica_amministrazione|plain|Sono andato in comune a rinnovare la carta d'identità. Ci vogliono due foto tessera.
tv|info|Stasera in prima serata il documentario sulla storia della Costituzione.
tv|info|Nuova stagione del talk politico da martedì, ospiti in studio il ministro e due giornalisti.
tv|question|A che ora inizia il dibattito stasera? Su che canale?
tv|info|Festival: stasera la serata delle cover, ordine di uscita pubblicato sul sito.
tv|plain|Stasera guardo il confronto, poi vi dico cosa ne penso.
tv|info|Il telegiornale delle 20 oggi andrà in onda in versione ridotta per la diretta della partita.
tv|short|Qualcuno guarda la diretta?
tv|info|#talkshow ospiti della puntata di stasera: economisti e un rappresentante dei consumatori.
sport|info|Campionato: la partita di domenica è stata anticipata al sabato alle 18.
sport|info|Formazioni ufficiali: confermato il 4-3-3, in panchina il capitano.
sport|info|Il mercato invernale apre il 2 gennaio e chiude il 31.
sport|question|Qualcuno sa dove vedere la partita stasera in streaming?
sport|info|Finisce 1-1 il derby. Ora la squadra è al quinto posto in classifica.
sport|info|Il mister ha convocato 23 giocatori per la trasferta di mercoledì.
sport|info|La nazionale giocherà l'amichevole a Bologna il prossimo 15 ottobre.
sport|plain|Domani vado allo stadio con mio figlio, prima volta per lui.
sport|short|Inizia il secondo tempo.
sport|info|Sorteggio dei gironi di Champions fissato per giovedì alle 18.
generale|info|Allerta meteo arancione domani su tutta la regione, scuole chiuse in alcuni comuni.
generale|info|Protezione civile: numero verde attivo per le segnalazioni dopo il temporale.
generale|info|Domenica torna l'ora legale: lancette avanti di un'ora.
generale|info|Il museo civico sarà gratuito la prima domenica del mese.
generale|info|RT @notizie_locali: Chiusa per lavori la piazza del mercato fino a venerdì http://t.co/Qx7pLm
generale|question|Qualcuno sa perché c'è l'elicottero sopra il centro da stamattina?
generale|info|Incidente sulla tangenziale in direzione sud, code di 3 km.
generale|info|Nuovo sondaggio: il 62% degli italiani usa lo smartphone per informarsi.
generale|plain|Oggi pomeriggio manifestazione in centro, alcune strade chiuse al traffico.
generale|plain|Leggo che il consiglio regionale ha approvato il bilancio consuntivo.
generale|info|Ricordiamo che domenica si vota dalle 7 alle 23 e lunedì dalle 7 alle 15.
generale|short|Ecco il comunicato.
generale|short|Aggiornamento ore 18.
generale|info|Ecco il testo integrale del discorso http://t.co/Rm2Xw8
generale|info|Conferenza stampa del prefetto alle 12 sulla sicurezza in città.
generale|plain|Ho appena finito di leggere il rapporto Censis, tanti dati su cui riflettere.
generale|question|Secondo voi la riforma entrerà in vigore già quest'anno?
generale|plain|Vado a votare dopo pranzo, il seggio è nella scuola elementare.
politica|info|Il ministro degli esteri è partito per una missione di tre giorni in Nord Africa.
politica|info|Via libera della Commissione europea al piano di investimenti presentato dall'Italia.
politica|info|Il testo del decreto sarà disponibile sul sito del governo entro stasera.
politica|plain|In commissione bilancio si lavora agli emendamenti fino a tarda notte.
politica|info|@ansa_politica: il governo convoca le regioni per discutere la ripartizione dei fondi
politica|question|Chi sono i candidati nel mio collegio? C'è un sito dove vederli?
politica|info|Il partito ha presentato le liste per le regionali in tutte le province.
politica|plain|Il dibattito è ancora in corso, il voto finale slitta a domani.
economia|info|Il governo ha approvato il decreto sui prezzi dell'energia: proroga degli sconti fino a marzo.
economia|question|Ma l'aumento dell'IVA riguarda anche i beni alimentari?
economia|plain|Domani incontro tra azienda e sindacati in prefettura.
generale|info|Il treno 2345 viaggia con 20 minuti di ritardo per un guasto alla linea.
politica|info|I dati definitivi dell'affluenza saranno disponibili dopo la chiusura dei seggi.
politica|negation|Il ministro non ha ancora firmato il decreto attuativo, atteso entro fine mese.
politica|negation|Nessuna decisione sulla data del voto: il consiglio dei ministri ne discuterà lunedì.
economia|negation|Non sono previste variazioni delle aliquote IRPEF per il prossimo anno.
trasporti|negation|Domani non circoleranno i bus della linea notturna per lo sciopero.
scuola|negation|Le lezioni non riprenderanno lunedì nelle scuole colpite dall'alluvione, decisione del sindaco.
sport|negation|Il capitano non sarà convocato per la partita di domenica per un problema muscolare.
pubblica_amministrazione|negation|Il servizio di anagrafe online non sarà disponibile sabato per manutenzione programmata.
"""

# --------------------------------------------------------------------------- composed posts
# Fragments written for the project. Frames differ per label *and* share vocabulary across
# labels (the same actors and topics appear in neutral news, praise and criticism), so the label
# cannot be read off the topic or the frame alone.

ACTORS = [
    "il governo", "il ministro dell'economia", "la ministra dell'istruzione", "il ministro della salute",
    "il sindaco", "la giunta", "l'assessore alla mobilità", "il presidente della regione", "il premier",
    "la maggioranza", "l'opposizione", "il partito di maggioranza", "il parlamento", "il Senato",
    "la commissione bilancio", "il comune", "la regione", "l'esecutivo", "il consiglio comunale",
    "i sindacati", "il segretario del partito", "il sottosegretario", "la sindaca", "il ministro dei trasporti",
    "la ministra del lavoro", "il ministro dell'interno", "la Camera", "il consiglio regionale",
]
TOPICS = [
    "la riforma delle pensioni", "la legge di bilancio", "il decreto sicurezza", "il piano casa",
    "la riforma della scuola", "il taglio del cuneo fiscale", "il reddito minimo", "la legge elettorale",
    "il decreto affitti", "il piano per la sanità territoriale", "la riforma della giustizia",
    "il nuovo codice della strada", "la tassa sui rifiuti", "il bonus edilizio", "l'aumento delle accise",
    "il salario minimo", "la ZTL in centro", "il nuovo piano dei trasporti", "l'autonomia differenziata",
    "la riforma del catasto", "il decreto flussi", "la legge sul clima", "il nuovo piano parcheggi",
    "la manovra", "il decreto lavoro", "la riforma della Rai", "il piano per le periferie",
    "il bonus asili nido", "la riforma fiscale", "il decreto sulle liste d'attesa", "il nuovo regolamento edilizio",
    "la privatizzazione dei trasporti locali", "la legge sulla cittadinanza", "il tetto agli stipendi dei manager",
]
HANDLES = [
    "@agenzia_news", "@tg_notizie", "@comune_informa", "@radio_locale", "@quotidiano_online",
    "@politica_oggi", "@ansa_politica", "@cronaca_citta", "@economia24", "@gazzetta_locale",
]
TAGS = [
    "#politica", "#manovra", "#governo", "#riforma", "#parlamento", "#elezioni", "#tasse",
    "#scuola", "#sanità", "#comune", "#pensioni", "#lavoro", "#ultimora", "#referendum",
]
WHEN = [
    "domani", "nel pomeriggio", "entro fine mese", "la prossima settimana", "in commissione",
    "alle 15 in conferenza stampa", "in serata", "lunedì", "entro l'estate", "dopo la pausa estiva",
    "giovedì in aula", "stamattina", "entro dicembre", "nel prossimo consiglio dei ministri",
]
N_VERBS = [
    "presenta", "discute", "illustrerà", "porta in aula", "ha depositato", "esamina", "rinvia",
    "approva in via preliminare", "mette all'ordine del giorno", "ha trasmesso alle Camere",
    "incontra le parti sociali su", "riceverà le associazioni per parlare de", "ha chiesto chiarimenti su",
    "vota", "presenterà le modifiche a", "ha rimandato in commissione",
]
V_OBJ = ["presenta", "discute", "esamina", "vota", "rinvia", "respinge", "riscrive"]
N_QUESTIONS = [
    "Qualcuno sa quando entra in vigore {t}?", "Cosa prevede esattamente {t}?",
    "Ma alla fine {t} è passata o no?", "Dove si trova il testo de {t}?",
    "{T}: chi ci guadagna e chi ci perde? Qualcuno ha letto i dettagli?",
    "Domanda: {t} riguarda anche i lavoratori autonomi?", "Sapete se {a} parla stasera de {t}?",
    "Quando si vota {t} in aula?", "C'è un riassunto chiaro de {t} da qualche parte?",
]
N_FRAMES = [
    "{A} {v} {t} {w}.", "{T}: {a} ne discute {w}. {link}", "RT {h}: {A} {v} {t} {w}",
    "{tag} {a} {v} {t} {w}", "Su {t} il voto è previsto {w}.", "Ecco cosa prevede {t} {link}",
    "{T}, le novità punto per punto {link}", "{T}: {a} {v2} gli emendamenti {w}.",
    "{A} {v} {t}. Seguiranno aggiornamenti.", "Ultim'ora: {a} {v} {t} {w}. {tag}",
    "Oggi {a} {v} {t}, {w} la replica dell'opposizione.", "{T}, cosa cambia da gennaio. {link} via {h}",
    "{A} ha convocato una riunione su {t} {w}.", "In diretta da Montecitorio: si discute de {t}.",
    "{T}: {w} il parere della commissione.", "Il dossier su {t} arriverà sul tavolo de {a2} {w}.",
]
NEG_JUDGE = [
    "è una vergogna", "è l'ennesima presa in giro", "farà solo danni", "è scritta con i piedi",
    "penalizza sempre i soliti", "è un regalo ai furbi", "è un disastro annunciato", "non risolve niente",
    "è pura propaganda", "è l'ennesimo pasticcio", "è uno schiaffo a chi lavora",
    "colpisce le famiglie che già fanno fatica", "è stata fatta senza ascoltare nessuno",
    "è un insulto all'intelligenza", "arriva tardi e male", "ci costerà carissimo",
    "è solo fumo negli occhi", "è un passo indietro di vent'anni",
]
NEG_CLOSE = [
    "", "Basta!", "Vergogna.", "#dimettetevi", "Non se ne può più.", "😡", "Che schifo.",
    "Incredibile.", "Ridicoli.", "🤬", "E nessuno dice niente.", "Poveri noi.", "Siamo alla frutta.",
]
NEG_ACTS = [
    "ha fatto l'ennesima figuraccia su {t}", "non ha capito niente de {t}",
    "continua a prenderci in giro con {t}", "ha tradito gli elettori con {t}",
    "ha sbagliato tutto su {t}", "ha fatto marcia indietro su {t} per la terza volta",
    "sta usando {t} solo per fare campagna elettorale", "ha scritto {t} pensando agli amici e non ai cittadini",
    "non sa nemmeno cosa c'è dentro {t}", "ha nascosto i costi veri de {t}",
]
BAD_FACTS = [
    "tasse aumentate per il terzo anno di fila", "treni cancellati e biglietti più cari",
    "ospedale chiuso per mancanza di medici", "bollette raddoppiate e stipendi fermi",
    "la scuola senza riscaldamento a gennaio", "sei mesi per una visita specialistica",
    "strade piene di buche e l'assessore in vacanza", "l'ennesimo condono per chi non paga",
    "i soldi per la sanità spostati sulle feste di piazza", "la metro chiusa proprio nella settimana degli esami",
    "pensioni tagliate e vitalizi intatti", "cantiere fermo da due anni in pieno centro",
    "l'ufficio anagrafe aperto solo due mattine a settimana", "affitti alle stelle e zero case popolari",
    "la raccolta dei rifiuti saltata per la terza settimana", "altri tagli ai trasporti dei pendolari",
]
IRON_OPEN = [
    "Che bello,", "Fantastico,", "Ma che sorpresa:", "Evviva,", "Ottimo lavoro:", "Complimenti,",
    "Bravi bravi:", "Meraviglioso,", "Che efficienza:", "Ma guarda un po',", "Che notizia splendida:",
]
IRON_CLOSE = [
    "Avanti così 👏", "Bravissimi, come sempre.", "Chi l'avrebbe mai detto 🙄", "Che paese meraviglioso.",
    "#sarcasmo", "Geniali.", "Applausi 👏👏", "Grazie eh.", "Una garanzia.", "Proprio quello che ci serviva.",
    "Non vedo l'ora del prossimo capolavoro.", "Orgoglioso di essere governato da voi 🙃",
]
RHETORICAL = [
    "Ma {a} lo sa che ci sono {f}?", "E {a} cosa fa? Niente, come sempre.",
    "Ma davvero {a} pensa che ce la beviamo?", "Quanto ancora dobbiamo sopportare {f}?",
    "Ma {a} vive sulla luna? Qui abbiamo {f}.",
]
POS_JUDGE = [
    "è un passo avanti importante", "è finalmente una cosa sensata", "aiuterà davvero le famiglie",
    "va nella direzione giusta", "è una buona notizia per tutti", "è scritta bene e senza trucchi",
    "era attesa da anni e arriva al momento giusto", "è una scelta coraggiosa",
    "è la cosa migliore fatta in questa legislatura", "dà finalmente una risposta ai giovani",
    "è equilibrata e ben finanziata", "merita il sostegno di tutti",
]
POS_CLOSE = [
    "", "Bravi!", "Era ora.", "👏", "Bene così.", "Avanti così 💪", "Finalmente!", "👍",
    "Complimenti.", "Ottimo lavoro.", "Un bel segnale.", "Speriamo continui così.",
]
POS_ACTS = [
    "ha fatto un ottimo lavoro su {t}", "ha avuto coraggio con {t}",
    "ha finalmente mantenuto la promessa su {t}", "ha spiegato benissimo {t}",
    "ha migliorato parecchio {t} ascoltando i cittadini", "ha trovato un accordo serio su {t}",
    "ha difeso {t} con argomenti chiari", "ha corretto gli errori de {t}, ed era giusto farlo",
]
GOOD_FACTS = [
    "il comune ha riaperto la piscina comunale", "le bollette scendono del 10% da gennaio",
    "assunti 500 nuovi infermieri in regione", "nuove corse dei treni per i pendolari la mattina",
    "la scuola del quartiere ristrutturata in tempo per settembre", "disoccupazione giovanile in calo",
    "liste d'attesa dimezzate all'ospedale", "pista ciclabile finita in anticipo sui tempi",
    "sgravi per chi assume giovani sotto i 30 anni", "biblioteca aperta anche la domenica",
    "trasporto gratis per gli studenti", "fondi per mettere in sicurezza le scuole",
]
POS_OPEN = ["Finalmente", "Era ora!", "Ottima notizia:", "Bene così:", "Per una volta,", "Bellissimo:", "Che bello,"]

# Sport and TV: smaller pools with the same three-way structure.
SPORT_ACT = ["la squadra", "i ragazzi", "la difesa", "il portiere", "il mister", "la società", "il centrocampo", "l'attacco", "la nazionale", "il capitano"]
SPORT_NEU = [
    "{A} si allena domani a porte chiuse.", "Partita di domenica alle 15, biglietti in vendita da lunedì.",
    "Risultato finale 2-2, prossima gara in trasferta sabato.", "{A} in ritiro da mercoledì in vista del derby.",
    "Comunicato della società: il numero 10 resta fuori per un affaticamento.", "Qualcuno sa su che canale danno la partita di stasera?",
    "Fine primo tempo: 0-0.", "Il calendario del campionato sarà presentato giovedì.", "{tag} formazione ufficiale tra poco",
    "Domani la conferenza stampa del mister alle 12.", "A che ora apre la biglietteria dello stadio?",
]
SPORT_NEG = [
    "{A} oggi imbarazzante, {neg}.", "Ma come si fa a giocare così? {A} non ha fatto niente per 90 minuti.",
    "{A} da rifondare, {neg}. {close}", "Arbitro scandaloso, {neg}.", "{A}: zero idee, zero grinta. {close}",
    "Che bella difesa, tre gol in venti minuti 👏 {close}",
]
SPORT_NEG_BITS = [
    "non si può perdere così", "sempre gli stessi errori", "una vergogna per la maglia",
    "tifosi presi in giro", "annata buttata", "mai vista una squadra così molle",
]
SPORT_POS = [
    "{A} stasera superlativa, {pos}!", "Che partita! {A} ha dato tutto. {close}", "{A} da applausi, {pos}.",
    "Vittoria meritatissima, {pos} ⚽", "Orgoglioso di questa squadra, {pos}.",
]
SPORT_POS_BITS = [
    "che gioco spettacolare", "finalmente una squadra con carattere", "grinta e qualità", "una serata da ricordare",
    "tre punti d'oro", "campionato ancora apertissimo",
]
TV_SHOWS = ["il talk di ieri sera", "la puntata di stasera", "il dibattito in tv", "il telegiornale delle 20", "l'inchiesta di ieri", "la trasmissione del martedì", "il festival", "lo speciale elezioni"]
TV_NEWS = ["il talk del lunedì", "il dibattito in tv", "il telegiornale delle 20", "la trasmissione del martedì", "lo speciale elezioni", "il programma di approfondimento"]
TV_NEU = [
    "Stasera {s} ospita il ministro e due economisti.", "{S} andrà in onda alle 21.15 invece che alle 21.",
    "Qualcuno sa se {s} si può rivedere in streaming?", "{S}: gli ospiti saranno annunciati domani.",
    "Ascolti di ieri: {s} al 12% di share.", "{S} stasera dedicato alla riforma delle pensioni. {tag}",
]
TV_NEG = [
    "{S} è stato un pollaio, {neg}.", "Ho spento dopo dieci minuti, {s} {neg}.", "{S}? Tempo perso, {neg}. {close}",
]
TV_NEG_BITS = ["tutti urlavano sopra tutti", "domande in ginocchio al politico di turno", "zero contenuti", "propaganda pura", "conduttore imbarazzante"]
TV_POS = ["{S} è stato ottimo, {pos}.", "Complimenti per {s}, {pos}!", "Bellissimo {s}, {pos}. {close}"]
TV_POS_BITS = ["domande precise e niente urla", "finalmente informazione seria", "ospiti preparati", "conduttrice bravissima", "ho imparato un sacco di cose"]


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _link(rng: random.Random) -> str:
    alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "http://t.co/" + "".join(rng.choice(alphabet) for _ in range(rng.randint(6, 10)))


_CONTRACT = {
    ("de", "il"): "del ", ("de", "la"): "della ", ("de", "l'"): "dell'", ("de", "i"): "dei ",
    ("de", "gli"): "degli ", ("de", "le"): "delle ", ("su", "il"): "sul ", ("su", "la"): "sulla ",
    ("su", "l'"): "sull'", ("su", "i"): "sui ", ("su", "gli"): "sugli ", ("su", "le"): "sulle ",
    ("a", "il"): "al ", ("a", "la"): "alla ", ("a", "l'"): "all'", ("a", "i"): "ai ",
    ("a", "gli"): "agli ", ("a", "le"): "alle ",
}


def _contract(text: str) -> str:
    """Fragments are joined with a bare "de"/"su"/"a" + article: contract to proper Italian."""

    def merge(m: re.Match[str]) -> str:
        out = _CONTRACT[(m.group(1).lower(), m.group(2).strip())]
        return out[:1].upper() + out[1:] if m.group(1)[0].isupper() else out

    return re.sub(r"\b(de|su|a) (il |la |l'|i |gli |le )", merge, text, flags=re.IGNORECASE)


def _noise(text: str, rng: random.Random) -> tuple[str, str | None]:
    """Social-media surface noise; returns (text, phenomenon override or None)."""
    r = rng.random()
    if r < 0.10:
        t = text.lower().replace("è", "e'").replace("perché", "perche").replace(" non ", " nn ")
        t = t.replace(" per ", " x ").replace("che ", "ke ", 1)
        return t, "typo"
    if r < 0.16:
        return text.lower().rstrip("."), "slang"
    if r < 0.24:
        return f"{rng.choice(HANDLES)} {text}", None
    if r < 0.32:
        return f"{text} {rng.choice(TAGS)}", None
    return text, None


def _fill(frame: str, rng: random.Random, **extra: str) -> str:
    actor, topic = rng.choice(ACTORS), rng.choice(TOPICS)
    a2 = rng.choice(ACTORS)
    values = {
        "a": actor, "A": _cap(actor), "t": topic, "T": _cap(topic), "w": rng.choice(WHEN),
        "v": rng.choice(N_VERBS), "v2": rng.choice(V_OBJ), "h": rng.choice(HANDLES), "tag": rng.choice(TAGS), "link": _link(rng),
        "a2": a2,
        "f": rng.choice(BAD_FACTS),
    }
    values.update(extra)
    text = frame.format(**values)
    text = _contract(text)
    return re.sub(r"\s+", " ", text).replace(" .", ".").strip()


def composed(rng: random.Random) -> list[Row]:
    """Posts composed from the fragments above (label, sector and phenomenon per frame)."""
    out: list[Row] = []

    def add(text: str, label: str, sector: str, phen: str, noisy: bool = True) -> None:
        if noisy:
            text, override = _noise(text, rng)
            phen = override or phen
        out.append((text, label, sector, "social", phen))

    for _ in range(120):
        frame = rng.choice(N_FRAMES)
        add(_fill(frame, rng), "neutro", "politica", "info")
    for _ in range(40):
        add(_fill(rng.choice(N_QUESTIONS), rng), "neutro", "politica", "question", noisy=False)
    for _ in range(50):
        t = rng.choice(TOPICS)
        add(f"{_cap(t)} {rng.choice(NEG_JUDGE)}. {rng.choice(NEG_CLOSE)}".strip(), "negativo", "politica", "plain")
    for _ in range(40):
        act = rng.choice(NEG_ACTS).format(t=rng.choice(TOPICS))
        add(_contract(f"{_cap(rng.choice(ACTORS))} {act}. {rng.choice(NEG_CLOSE)}".strip()), "negativo", "politica", "plain")
    for _ in range(50):
        text = f"{rng.choice(IRON_OPEN)} {rng.choice(BAD_FACTS)}. {rng.choice(IRON_CLOSE)}"
        add(text, "negativo", "politica", "sarcasm")
    for _ in range(25):
        add(_fill(rng.choice(RHETORICAL), rng), "negativo", "politica", "question", noisy=False)
    for _ in range(45):
        t = rng.choice(TOPICS)
        add(f"{_cap(t)} {rng.choice(POS_JUDGE)}. {rng.choice(POS_CLOSE)}".strip(), "positivo", "politica", "plain")
    for _ in range(35):
        act = rng.choice(POS_ACTS).format(t=rng.choice(TOPICS))
        add(_contract(f"{_cap(rng.choice(ACTORS))} {act}. {rng.choice(POS_CLOSE)}".strip()), "positivo", "politica", "plain")
    for _ in range(45):
        opener, fact = rng.choice(POS_OPEN), rng.choice(GOOD_FACTS)
        add(f"{opener} {fact}. {rng.choice(POS_CLOSE)}".strip(), "positivo", "politica", "plain")
    for _ in range(45):
        act = rng.choice(SPORT_ACT)
        frame = rng.choice(SPORT_NEU)
        add(frame.format(A=_cap(act), a2=act, tag=rng.choice(["#calcio", "#seriea", "#derby"])), "neutro", "sport", "info")
    for _ in range(35):
        act = rng.choice(SPORT_ACT)
        add(rng.choice(SPORT_NEG).format(A=_cap(act), neg=rng.choice(SPORT_NEG_BITS), close=rng.choice(NEG_CLOSE)).strip(), "negativo", "sport", "plain")
    for _ in range(35):
        act = rng.choice(SPORT_ACT)
        add(rng.choice(SPORT_POS).format(A=_cap(act), pos=rng.choice(SPORT_POS_BITS), close=rng.choice(POS_CLOSE)).strip(), "positivo", "sport", "plain")
    for _ in range(30):
        s = rng.choice(TV_SHOWS)
        s = rng.choice(TV_NEWS)
        add(rng.choice(TV_NEU).format(s=s, S=_cap(s), tag=rng.choice(TAGS)), "neutro", "tv", "info")
    for _ in range(25):
        s = rng.choice(TV_SHOWS)
        add(rng.choice(TV_NEG).format(s=s, S=_cap(s), neg=rng.choice(TV_NEG_BITS), close=rng.choice(NEG_CLOSE)).strip(), "negativo", "tv", "plain")
    for _ in range(25):
        s = rng.choice(TV_SHOWS)
        add(rng.choice(TV_POS).format(s=s, S=_cap(s), pos=rng.choice(TV_POS_BITS), close=rng.choice(POS_CLOSE)).strip(), "positivo", "tv", "plain")
    return out

# fmt: on


def handwritten() -> list[Row]:
    """The hand-written posts, in file order."""
    rows: list[Row] = []
    for label, spec in (("negativo", HAND_NEG), ("positivo", HAND_POS), ("neutro", HAND_NEU)):
        for line in spec.strip().splitlines():
            sector, phenomenon, text = line.split("|", 2)
            rows.append((text.strip(), label, sector, "social", phenomenon))
    return rows


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.casefold())
    if len(words) < 3:
        return {tuple(words)}
    return {tuple(words[i : i + 3]) for i in range(len(words) - 2)}


def deduplicate(rows: list[Row], threshold: float = NEAR_DUPLICATE) -> list[Row]:
    """Drop exact (case/space-folded) and near duplicates, keeping the first occurrence."""
    kept: list[Row] = []
    seen: set[str] = set()
    kept_shingles: list[set[tuple[str, ...]]] = []
    for row in rows:
        key = " ".join(row[0].casefold().split())
        if key in seen:
            continue
        sh = _shingles(row[0])
        if any(len(sh & other) / len(sh | other) >= threshold for other in kept_shingles):
            continue
        seen.add(key)
        kept.append(row)
        kept_shingles.append(sh)
    return kept


def build() -> list[Row]:
    """All rows, deterministic: hand-written first, then the composed ones."""
    rng = random.Random(SEED)
    return deduplicate(handwritten() + composed(rng))


def main() -> None:
    """Write :data:`OUT`."""
    rows = build()
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(COLUMNS)
        writer.writerows(rows)
    print(f"wrote {len(rows)} rows to {OUT}")


if __name__ == "__main__":
    main()

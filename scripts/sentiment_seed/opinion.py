"""Opinion frames of the seed generator: plain, negated, sarcastic and mixed judgements.

Each frame returns (text, channel); :func:`sentiment_seed.text.wrap` is applied by the caller.
"""

from __future__ import annotations

from .data import NEG_CLOSE, NEG_OPEN, NEG_TITLES, NUMS, POS_CLOSE, POS_OPEN, POS_TITLES, TIMES
from .text import Ctx, cap, join_open, pick_channel


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

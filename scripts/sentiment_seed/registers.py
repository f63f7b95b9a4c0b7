"""Register frames of the seed generator: questions, requests, information, polite complaints, slang,
dialect, thanks and long texts.

Each frame returns (text, channel); the caller dresses them or not (see ``plan()``).
"""

from __future__ import annotations

from .data import (
    AGENT_DID,
    AGENTS,
    FURIOUS,
    GREET,
    HELPS,
    INTERROGATIVE,
    NEG_CLOSE,
    NUMS,
    POLITE_BODY,
    POLITE_CLOSE,
    POLITE_LEAD,
    POLITE_OPEN,
    POS_CLOSE,
    T_CLOSE_NEU,
    TIMES,
)
from .text import Ctx, cap, fill, handle, low, nostop, pick_channel, prep_a


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

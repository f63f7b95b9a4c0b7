"""Descriptive judgements about staff and company (agreement-aware), product reviews and tweets on
public topics: the registers of real reviews and of Twitter."""

from __future__ import annotations

from .data import (
    NEG_ADJ,
    NEG_CLOSE,
    NEG_VP,
    NOUNS,
    OCCASIONS,
    POS_ADJ,
    POS_CLOSE,
    POS_VP,
    PROD_NEG_CLOSE,
    PROD_POS_CLOSE,
    PRODUCTS,
    TOPIC_TAGS,
    TOPICS,
)
from .text import Ctx, cap, low, nostop, pick_channel


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

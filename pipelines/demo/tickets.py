"""Support tickets of the demo: subject, first message, agent/customer thread and status.

A few tickets carry fictional personal data (phone, e-mail, codice fiscale, IBAN, name) that
redaction must find; ``Doc.pii`` records each value exactly as it ended up in the text.
"""

from __future__ import annotations

from datetime import timedelta

from pipelines.demo.compose import LENGTHS, compose_body, female, filler_for, level
from pipelines.demo.corpus import alternatives
from pipelines.demo.personal import ascii_upper, fake_codice_fiscale, fake_iban, fake_phone
from pipelines.demo.world import Doc, World, wchoice

__all__ = ["render_ticket"]


def render_ticket(world: World, d: Doc) -> None:
    """Write the subject and first message of ticket ``d``, then its thread and status."""
    w, r, s = world.writer, world.writer.rng, d.sentiment
    fill = filler_for(world, d)
    subj_bank = "churn.subj" if d.stage == 3 and r.random() < 0.6 else f"{d.topic}.subj"
    subj = w.frag(subj_bank, fill)
    if s == "neu" and r.random() < 0.2:
        subj = r.choice(("Richiesta informazioni", "Informazioni", "Domanda", "Info"))
    prefix = r.choices(("", "R: ", "Re: ", "URGENTE - ", "Fwd: "), (80, 6, 5, 6, 3))[0]
    d.subject = prefix + (subj.upper() if r.random() < 0.04 else subj)
    first_name, pii_sents, signature = pii_bits(world, d) if d.pii_wanted else ("", [], "")
    length = wchoice(r, LENGTHS["chat" if d.channel == "chat" else "tickets"])
    parts = (
        [w.frag("ticket.pos", fill)]
        if s == "pos"
        else compose_body(world, d, fill, length, "ticket")
    )
    if d.channel == "phone":
        spoken = [f"{w.frag('phone.fill', fill)} {p.rstrip('.?!')}".lower() for p in parts]
        intro = [f"buongiorno sono {signature}"] if signature else []
        text = " ".join(["[Trascrizione automatica]", *intro, *spoken, *pii_sents])
        d.comments = [("customer", d.ts, text)]
    else:
        formal = d.channel == "email" or (d.channel == "web" and r.random() < 0.5)
        if formal and s != "pos" and r.random() < 0.55:
            parts.insert(0, w.frag("ticket.intro", fill))
        if formal and s in ("neg", "mixed") and r.random() < 0.7:
            parts.append(w.frag("ticket.request", fill))
        elif formal and s == "neu" and r.random() < 0.6:
            parts.append(w.frag("ticket.request_neu", fill))
        body = w.roughen(w.finish(parts + pii_sents, s), level(world, d), s)
        lines = [w.frag("ticket.greet", fill)] if formal and r.random() < 0.85 else []
        lines.append(body)
        if formal and r.random() < 0.8:
            lines.append(w.frag("ticket.close", fill) + ("\n" + signature if signature else ""))
        elif signature:
            lines.append(signature)
        sep = "\n\n" if formal else "\n"
        text = sep.join(lines)
        if d.channel == "email" and r.random() < 0.06:  # HTML e-mail bodies
            text = "<div>" + text.replace("\n\n", "</div><div>").replace("\n", "<br>") + "</div>"
            text = text.replace(". ", ".&nbsp; ", 1)
        d.comments = [("customer", d.ts, text)]
    low = d.comments[0][2].lower()  # noise may have re-cased the data: record it as written
    d.pii = [(k, d.comments[0][2][i : i + len(v)] if (i := low.find(v.lower())) >= 0 else v)
             for k, v in d.pii]  # fmt: skip
    thread(world, d, first_name)


def pii_bits(world: World, d: Doc) -> tuple[str, list[str], str]:
    """Pick a fictional person and the sentences that leak their data into a ticket."""
    r = world.writer.rng
    is_female = female(d)
    first = r.choice(alternatives("names.f") if is_female else alternatives("names.m"))
    last = r.choice(alternatives("names.last"))
    name = f"{first} {last}"
    slug = ascii_upper(first).lower() + r.choice((".", "_", "")) + ascii_upper(last).lower()
    email = (
        slug + r.choice(("", str(r.randint(60, 99)))) + "@" + r.choice(alternatives("mail.domains"))
    )
    sentences, signature = [], ""
    kinds = [k for k, p in (("phone", 0.5), ("email", 0.4), ("cf", 0.3), ("iban", 0.25))
             if r.random() < p] or ["phone"]  # fmt: skip
    for k in kinds:
        if k == "phone":
            v = fake_phone(r)
            sentences.append(r.choice((f"Potete ricontattarmi al {v}", f"Il mio cellulare è {v}",
                                       f"Per qualsiasi cosa chiamatemi al {v}")))  # fmt: skip
        elif k == "email":
            v = email
            sentences.append(r.choice((f"Rispondetemi pure a {v}", f"La mia mail è {v}")))
        elif k == "cf":
            v = fake_codice_fiscale(r, first, last, is_female)
            sentences.append(r.choice((f"Codice fiscale dell'intestatario: {v}", f"C.F. {v}")))
        else:
            v = fake_iban(r)
            if r.random() < 0.5:
                v = " ".join(v[i : i + 4] for i in range(0, len(v), 4))
            sentences.append(r.choice((f"IBAN per il rimborso: {v}",
                                       f"Vi comunico il nuovo IBAN per l'addebito: {v}")))  # fmt: skip
        d.pii.append((k, v))
    if r.random() < 0.9:
        signature = name
        d.pii.append(("name", name))
    return first, sentences, signature


def agent_reply(world: World, d: Doc, action: str, name: str) -> str:
    """An agent message that performs ``action`` (ask, working, info, resolve)."""
    w, r = world.writer, world.writer.rng
    fill = filler_for(world, d)
    greet = f"Gentile {name}," if name and r.random() < 0.6 else w.frag("agent.greet", fill)
    thanks = w.frag("agent.thanks", fill)
    body = [thanks[0].upper() + thanks[1:]]
    if d.sentiment in ("neg", "mixed") and r.random() < 0.7:
        body.append(w.frag("agent.apology", fill))
    body.append(w.frag(f"agent.{action}", fill))
    close = w.frag("agent.close", fill) + "\n" + w.frag("agent.sign", fill)
    return f"{greet}\n{' '.join(body)}\n\n{close}"


def customer_followup(world: World, d: Doc, kind: str) -> str:
    """A customer follow-up of ``kind`` (info, thanks, unresolved)."""
    w, r = world.writer, world.writer.rng
    fill = filler_for(world, d)
    parts = [w.frag(f"follow.{kind}", fill)]
    if kind == "unresolved":
        if r.random() < 0.5:
            parts.append(w.frag("gen.escalate", fill))
        if d.stage >= 2 and r.random() < 0.6:
            parts.append(w.frag("churn.escalate", fill))
        if d.hardneg and r.random() < 0.5:
            parts.append(w.frag("hardneg", fill))
    sent = "neg" if kind == "unresolved" else "neu"
    return w.roughen(w.finish(parts, sent), level(world, d), sent)


def thread(world: World, d: Doc, name: str) -> None:
    """Append the agent/customer exchange after the first message and set the status."""
    r = world.writer.rng
    p_res = {"neu": 0.85, "pos": 0.95, "mixed": 0.7, "neg": 0.55}[d.sentiment]
    if d.stage >= 2 or d.hardneg:
        p_res = 0.25
    resolved = r.random() < p_res
    if resolved:
        plans = (["A:resolve"], ["A:resolve", "C:thanks"], ["A:ask", "C:info", "A:resolve"],
                 ["A:ask", "C:info", "A:resolve", "C:thanks"])  # fmt: skip
        plan = list(r.choice(plans))
        if d.sentiment == "neu" and plan[0] == "A:resolve":
            plan[0] = "A:info"
    else:
        plan = [r.choice(("A:ask", "A:working")), r.choice(("C:info", "C:unresolved")),
                "A:working", "C:unresolved", "A:working"][: r.randint(0, 5)]  # fmt: skip
    t, solved = d.ts, None
    for step in plan:
        role, what = step.split(":")
        hours = (
            r.uniform(1, 72 if d.sentiment == "neg" else 30) if role == "A" else r.uniform(6, 150)
        )
        t = t + timedelta(hours=hours, seconds=r.randrange(3600))
        if t >= world.horizon:
            break
        if role == "A":
            body = agent_reply(world, d, what, name)
        else:
            body = customer_followup(world, d, what)
        d.comments.append(("agent" if role == "A" else "customer", t, body))
        if role == "A" and what in ("resolve", "info"):
            solved = t
    last_role, last_t = d.comments[-1][0], d.comments[-1][1]
    d.updated_at = last_t
    if solved is not None:
        d.solved_at = solved
        if solved + timedelta(days=4) < world.horizon:
            d.status, d.updated_at = "closed", max(last_t, solved + timedelta(days=4))
        else:
            d.status = "solved"
    elif len(d.comments) == 1:
        d.status = "new" if world.horizon - d.ts < timedelta(days=2) else "open"
    elif last_role == "agent":
        d.status = (
            "pending" if "ask" in str(plan) and r.random() < 0.5 else r.choice(("open", "hold"))
        )
    else:
        d.status = "open"

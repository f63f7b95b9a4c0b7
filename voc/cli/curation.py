"""Theme curation and alert triage: ``voc topics rename|merge|split|hide|unhide|map|undo|list``
and ``voc alerts ack|resolve|dismiss|reopen|list``: the same steps the workbench app calls.

Every edit is queued first and applied at once when the database is free; while a pipeline run
holds it, the edit waits ("in attesa") and the run applies it (docs/curation.md).
"""

from __future__ import annotations

import getpass
from typing import Annotated, Any

import typer

from pipelines.errors import VocError
from voc.cli.common import DbOption, _guard, _now, _settings, _table, console


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (some containers)
        return "sconosciuto"


WhoOption = Annotated[
    str | None, typer.Option("--who", help="Who makes the change (default: your OS user).")
]


def _who(who: str | None) -> str:
    return who or _os_user()


def _done(result: Any) -> None:
    colour = "green" if result.status == "applicata" else "yellow"
    console.print(f"[{colour}]{result.message}[/] (id {result.key})", highlight=False)


# --------------------------------------------------------------------------- topics


def topics_rename(
    topic_id: Annotated[int, typer.Argument(help="Theme id (see 'voc topics list').")],
    name: Annotated[str, typer.Argument(help="The new name.")],
    who: WhoOption = None,
    db: DbOption = None,
) -> None:
    """Rename a theme; the name stays through every refit.

    Esempio: voc topics rename 12 "Migrazione fatturazione"
    """
    from pipelines import steps

    settings = _settings(db)
    _done(_guard(lambda: steps.rename_theme(settings, topic_id, name, who=_who(who), now=_now())))


def topics_merge(
    topic_ids: Annotated[
        list[int], typer.Argument(help="Two or more theme ids; the first gives its id.")
    ],
    name: Annotated[str | None, typer.Option("--name", help="Name of the merged theme.")] = None,
    who: WhoOption = None,
    db: DbOption = None,
) -> None:
    """Merge two or more themes into one, for every week of the history.

    Esempio: voc topics merge 4 9 --name "Bollette e addebiti"
    """
    from pipelines import steps

    settings = _settings(db)
    _done(
        _guard(
            lambda: steps.merge_themes(settings, topic_ids, name=name, who=_who(who), now=_now())
        )
    )


def _parse_part(raw: str) -> tuple[str, list[str]]:
    name, sep, entries = raw.partition("=")
    if not sep:
        raise VocError(f"parte '{raw}': scrivi NOME=parola1,parola2 oppure NOME=id_documento")
    return name.strip(), [e.strip() for e in entries.split(",") if e.strip()]


def topics_split(
    topic_id: Annotated[int, typer.Argument(help="Theme id to split.")],
    part: Annotated[
        list[str],
        typer.Option(
            "--part",
            help="NAME=entry,entry: keywords (bollett* = any word starting so) or example document ids. Repeat per part.",
        ),
    ],
    who: WhoOption = None,
    db: DbOption = None,
) -> None:
    """Split a theme into named parts by keywords or example documents.

    A document goes to the first part whose keyword it contains, else to the part whose example
    documents it is closest to; the others stay in the theme.

    Esempio: voc topics split 7 --part "Rimborsi=rimbors*,riaccredit*" --part "Bollette=bollett*"
    """
    from pipelines import steps

    settings = _settings(db)

    def run() -> Any:
        parts = dict(_parse_part(p) for p in part)
        return steps.split_theme(settings, topic_id, parts, who=_who(who), now=_now())

    _done(_guard(run))


def topics_hide(
    topic_id: Annotated[int, typer.Argument(help="Theme id.")],
    who: WhoOption = None,
    db: DbOption = None,
) -> None:
    """Hide a theme as noise: it leaves the report's top lists and raises no alert.

    Esempio: voc topics hide 15
    """
    from pipelines import steps

    settings = _settings(db)
    _done(_guard(lambda: steps.hide_theme(settings, topic_id, who=_who(who), now=_now())))


def topics_unhide(
    topic_id: Annotated[int, typer.Argument(help="Theme id.")],
    who: WhoOption = None,
    db: DbOption = None,
) -> None:
    """Show a hidden theme again.

    Esempio: voc topics unhide 15
    """
    from pipelines import steps

    settings = _settings(db)
    _done(_guard(lambda: steps.unhide_theme(settings, topic_id, who=_who(who), now=_now())))


def topics_map(
    topic_id: Annotated[int, typer.Argument(help="Theme id.")],
    category_id: Annotated[
        str, typer.Argument(help="Taxonomy category id, e.g. fatturazione_bollette.")
    ],
    who: WhoOption = None,
    db: DbOption = None,
) -> None:
    """Put a theme under a taxonomy category (overrides the automatic mapping).

    Esempio: voc topics map 12 fatturazione_bollette
    """
    from pipelines import steps

    settings = _settings(db)
    _done(
        _guard(lambda: steps.map_theme(settings, topic_id, category_id, who=_who(who), now=_now()))
    )


def topics_undo(
    edit_id: Annotated[str, typer.Argument(help="Edit id (see 'voc topics history').")],
    who: WhoOption = None,
    db: DbOption = None,
) -> None:
    """Undo an edit: the themes are recomputed without it.

    Esempio: voc topics undo 3f9c2a1b7d004e51
    """
    from pipelines import steps

    settings = _settings(db)
    _done(_guard(lambda: steps.undo_edit(settings, edit_id, who=_who(who), now=_now())))


def topics_list(
    hidden: Annotated[
        bool, typer.Option("--hidden/--no-hidden", help="Include hidden themes.")
    ] = True,
    db: DbOption = None,
) -> None:
    """List the themes: id, name, documents, negatives, category, origin, state.

    Esempio: voc topics list --no-hidden
    """
    import pandas as pd

    from pipelines import steps

    settings = _settings(db)
    rows = _guard(lambda: steps.list_themes(settings))
    frame = pd.DataFrame(rows)
    if frame.empty:
        console.print("Nessun tema: esegui prima 'voc enrich'.")
        return
    if not hidden:
        frame = frame[~frame["hidden"]]
    frame = frame.assign(
        nascosto=frame["hidden"].map({True: "sì", False: ""}),
        modello=frame["model_label"].where(frame["model_label"] != frame["label"], ""),
    )
    cols = ["theme_id", "label", "documents", "share_negativo", "category_label", "origin",
            "nascosto", "modello"]  # fmt: skip
    console.print(_table("Temi", frame[cols], {"share_negativo": "{:.0%}"}))
    _print_pending(settings, "theme")


def _print_pending(settings: Any, target: str) -> None:
    from pipelines import steps

    waiting = [p for p in steps.pending_edits(settings) if p["target"] == target]
    for item in waiting:
        what = item.get("kind") or item.get("state")
        line = f"{item['key']} {what} di {item.get('who')}: {item['status']}"
        if item.get("error"):
            line += f" ({item['error']})"
        console.print(f"[yellow]{line}[/]", highlight=False)


def topics_history(db: DbOption = None) -> None:
    """The audit log of theme edits: who changed what, when, before and after.

    Esempio: voc topics history
    """
    import pandas as pd

    from pipelines import steps

    settings = _settings(db)
    rows = _guard(lambda: steps.list_edits(settings))
    if not rows:
        console.print("Nessuna modifica ai temi.")
    else:
        frame = pd.DataFrame(rows)
        frame["prima"] = frame["payload"].map(lambda p: str(p.get("before", "")))
        frame["dopo"] = frame["payload"].map(lambda p: str(p.get("after", "")))
        frame["annullata"] = frame["undone_at"].map(lambda v: "" if v is None else str(v))
        cols = ["edit_id", "kind", "topic_ids", "who", "made_at", "prima", "dopo", "annullata"]
        console.print(_table("Modifiche ai temi", frame[cols]))
    _print_pending(settings, "theme")


def topics_review(db: DbOption = None) -> None:
    """Edits a refit could not carry over: look at each, then rename, redo or undo.

    Esempio: voc topics review
    """
    from pipelines import steps

    settings = _settings(db)
    rows = _guard(lambda: steps.review_items(settings))
    if not rows:
        console.print("Niente da rivedere: ogni modifica è stata riportata dopo i riaddestramenti.")
        return
    for row in rows:
        console.print(f"[bold]{row['edit_id']}[/] (tema {row['topic_id']}): {row['message']}")


# --------------------------------------------------------------------------- alerts


def _triage(alert_id: str, state: str, who: str | None, db: Any, **fields: str | None) -> None:
    from pipelines import steps

    settings = _settings(db)
    _done(
        _guard(
            lambda: steps.triage_alert(
                settings, alert_id, state, who=_who(who), now=_now(), **fields
            )
        )
    )


AlertArg = Annotated[str, typer.Argument(help="Alert id (see 'voc alerts list').")]
NoteOption = Annotated[str | None, typer.Option("--note", help="A note for the team.")]


def alerts_ack(
    alert_id: AlertArg,
    owner: Annotated[str, typer.Option("--owner", help="Who takes it in charge.")],
    note: NoteOption = None,
    who: WhoOption = None,
    db: DbOption = None,
) -> None:
    """Take an alert in charge: it is not notified again.

    Esempio: voc alerts ack topic:12:2026-W41 --owner "Giulia" --note "migrazione nota"
    """
    _triage(alert_id, "preso in carico", who, db, owner=owner, note=note)


def alerts_resolve(
    alert_id: AlertArg,
    note: NoteOption = None,
    who: WhoOption = None,
    db: DbOption = None,
) -> None:
    """Mark an alert as resolved.

    Esempio: voc alerts resolve topic:12:2026-W41 --note "rimborsi inviati"
    """
    _triage(alert_id, "risolto", who, db, note=note)


def alerts_dismiss(
    alert_id: AlertArg,
    reason: Annotated[str, typer.Option("--reason", help="Why it is a false alarm.")],
    who: WhoOption = None,
    db: DbOption = None,
) -> None:
    """Dismiss an alert as a false alarm: it does not come back as new while it lasts.

    Esempio: voc alerts dismiss channel:chat:2026-W40 --reason "chat chiusa per manutenzione"
    """
    _triage(alert_id, "falso allarme", who, db, reason=reason)


def alerts_reopen(
    alert_id: AlertArg,
    note: NoteOption = None,
    who: WhoOption = None,
    db: DbOption = None,
) -> None:
    """Set a triaged alert back to new.

    Esempio: voc alerts reopen topic:12:2026-W41
    """
    _triage(alert_id, "nuovo", who, db, note=note)


def alerts_list(
    week: Annotated[str | None, typer.Option("--week", help="Only this ISO week.")] = None,
    state: Annotated[
        list[str] | None,
        typer.Option(
            "--state",
            help="Only these triage states (repeatable): nuovo, 'preso in carico', risolto, 'falso allarme'.",
        ),
    ] = None,
    db: DbOption = None,
) -> None:
    """List alert episodes with their triage.

    Esempio: voc alerts list --week 2026-W41 --state nuovo
    """
    import pandas as pd

    from pipelines import steps

    settings = _settings(db)
    rows = _guard(lambda: steps.list_alerts(settings, week=week, states=state))
    if not rows:
        console.print("Nessuna segnalazione.")
    else:
        frame = pd.DataFrame(rows)
        cols = ["alert_id", "iso_week", "status", "topic_label", "category_label", "channel",
                "volume", "triage_state", "triage_owner", "triage_note"]  # fmt: skip
        console.print(_table("Segnalazioni", frame[[c for c in cols if c in frame.columns]]))
    _print_pending(settings, "alert")

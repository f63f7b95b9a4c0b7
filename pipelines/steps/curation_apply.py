"""Applying queued edits and triage changes to DuckDB, and refreshing the curated state.

Internal to :mod:`pipelines.steps.curation`: every function takes the writer connection that
step opened. A request is checked against the current themes here (the request itself was
checked when it was queued), written to the audit table with its before/after, and the
derived tables are replayed from the whole log.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from pipelines import store
from pipelines.config import Settings
from pipelines.curation import (
    CURATED_ID_BASE,
    Edit,
    LineageEvent,
    SplitPart,
    TopicModelInfo,
    assign_parts,
    check_triage,
    parse_split_parts,
    replay,
)
from pipelines.curation.triage import NEW, RESOLVED
from pipelines.errors import VocError
from pipelines.store import curation as cur

__all__ = ["Themes", "apply_theme_edit", "apply_triage", "current_themes", "refresh"]


@dataclass(frozen=True)
class Themes:
    """What the themes are right now (the derived tables of the active model)."""

    topic_model: str
    model_labels: dict[int, str]  #: model topic id → the model's label
    labels: dict[int, str]  #: theme id → label shown
    members: dict[int, int]  #: unit → its theme, for grouped units
    groups: dict[int, list[int]]  #: theme id → units, for merges
    parts: set[int]  #: active split parts
    hidden: set[int]
    categories: dict[int, str]  #: theme id → curated category

    def theme_of(self, unit: int) -> int:
        """The theme a topic or part is shown under."""
        return self.members.get(unit, unit)

    def check(self, theme: int) -> int:
        """``theme`` as a theme id, or a one-line error when no such theme exists."""
        if theme not in self.model_labels and theme not in self.parts:
            raise VocError(f"il tema {theme} non esiste (vedi 'voc topics list')")
        return self.theme_of(theme)


def current_themes(con: duckdb.DuckDBPyConnection) -> Themes:
    """The themes of the active topic model, as the derived tables hold them."""
    active = store.active_model(con, "topics")
    if active is None:
        raise VocError("nessun modello di temi ancora: esegui prima 'voc enrich'")
    model_id = str(active["model_id"])
    topics = store.query_df(
        con, "SELECT topic_id, label FROM topics WHERE topic_model = ?", [model_id]
    )
    model_labels = {
        int(t): str(lab) for t, lab in zip(topics["topic_id"], topics["label"], strict=True)
    }
    themes = cur.theme_rows(con)
    members = {
        int(u): int(t)
        for u, t in con.execute("SELECT unit_id, theme_id FROM theme_members").fetchall()
    }
    labels = dict(model_labels)
    groups: dict[int, list[int]] = {}
    parts: set[int] = set()
    for row in themes.itertuples(index=False):
        labels[int(row.theme_id)] = str(row.label)
        if row.origin == "unione":
            groups[int(row.theme_id)] = [int(u) for u in row.unit_ids]
        if row.origin == "divisione":
            parts.add(int(row.theme_id))
    return Themes(
        topic_model=model_id,
        model_labels=model_labels,
        labels=labels,
        members=members,
        groups=groups,
        parts=parts,
        hidden={int(t) for t in themes.loc[themes["hidden"], "theme_id"]},
        categories={
            int(t): str(c)
            for t, c in zip(themes["theme_id"], themes["category_id"], strict=True)
            if isinstance(c, str)
        },
    )


def _next_part_id(con: duckdb.DuckDBPyConnection) -> int:
    edits = cur.load_edits(con)
    used = [CURATED_ID_BASE - 1]
    for raw in edits.loc[edits["kind"] == "split", "payload"]:
        used += [int(p["part_id"]) for p in json.loads(raw).get("parts", []) if p.get("part_id")]
    return max(used) + 1


def _theme_edit_row(
    con: duckdb.DuckDBPyConnection, body: Mapping[str, Any], themes: Themes
) -> tuple[list[int], dict[str, Any]]:
    """Check a request against the themes; returns its ids and its payload (before/after)."""
    kind = str(body["kind"])
    ids = [int(t) for t in body.get("topic_ids", [])]
    if kind == "undo":
        return ids, dict(body.get("payload", {}))
    for t in ids:
        themes.check(t)
    target = themes.theme_of(ids[0])
    label = themes.labels.get(target, str(target))
    if kind == "rename":
        return [target], {"name": body["name"], "before": label, "after": body["name"]}
    if kind in ("hide", "unhide"):
        hidden = target in themes.hidden
        if hidden == (kind == "hide"):
            state = "già nascosto" if hidden else "già visibile"
            raise VocError(f"il tema {target} («{label}») è {state}")
        return [target], {"before": {"hidden": hidden}, "after": {"hidden": kind == "hide"}}
    if kind == "map":
        taxonomy = cur.taxonomy_ids(con)
        category = str(body["category_id"])
        if category not in taxonomy:
            known = ", ".join(sorted(taxonomy)) or "nessuna"
            raise VocError(f"categoria '{category}' sconosciuta: usa una di {known}")
        before = themes.categories.get(target)
        return [target], {"category_id": category, "before": before, "after": category}
    if kind == "merge":
        chosen = list(dict.fromkeys(themes.theme_of(t) for t in ids))
        if len(chosen) < 2:
            raise VocError("per unire servono almeno due temi diversi")
        name = body.get("name")
        after = name or themes.labels.get(chosen[0], str(chosen[0]))
        labels = {str(t): themes.labels.get(t, str(t)) for t in chosen}
        return chosen, {"name": name, "before": labels, "after": after}
    if kind == "split":
        topic = ids[0]
        if topic in themes.parts:
            raise VocError(
                f"il tema {topic} è già una parte di una divisione: dividi il tema originale"
            )
        if topic in themes.members or topic in themes.groups:
            raise VocError(f"il tema {topic} fa parte di un'unione: annulla prima l'unione")
        docs = cur.split_documents(con, [topic])
        asked = {str(name): [str(e) for e in entries] for name, entries in body["parts"]}
        parts = parse_split_parts(asked, set(docs["doc_id"]))
        first = _next_part_id(con)
        numbered = [
            SplitPart(p.name, p.keywords, p.doc_ids, first + i).as_json()
            for i, p in enumerate(parts)
        ]
        return [topic], {"parts": numbered, "before": label,
                         "after": [p["name"] for p in numbered]}  # fmt: skip
    raise VocError(f"modifica '{kind}' sconosciuta")


def apply_theme_edit(
    con: duckdb.DuckDBPyConnection,
    settings: Settings,
    key: str,
    body: Mapping[str, Any],
    now: datetime,
) -> dict[str, Any]:
    """Apply one queued theme edit (exactly once: a key already in the log is skipped)."""
    if con.execute("SELECT 1 FROM theme_edits WHERE edit_id = ?", [key]).fetchall():
        return {"edit_id": key, "already": True}
    themes = current_themes(con)
    kind = str(body["kind"])
    who = str(body["who"])
    made_at = datetime.fromisoformat(str(body["made_at"]))
    if kind == "undo":
        target = str(body["edit_id"])
        rows = store.query_df(
            con, "SELECT kind, topic_ids, undone_at FROM theme_edits WHERE edit_id = ?", [target]
        )
        if rows.empty:
            raise VocError(f"modifica {target} sconosciuta (vedi 'voc topics history')")
        if rows["kind"].iat[0] == "undo":
            raise VocError(f"{target} è già un annullamento: rifai la modifica invece")
        if not pd.isna(rows["undone_at"].iat[0]):
            raise VocError(f"la modifica {target} è già stata annullata")
        ids = [int(t) for t in rows["topic_ids"].iat[0]]
        payload: dict[str, Any] = {"edit_id": target, "before": rows["kind"].iat[0], "after": None}
    else:
        ids, payload = _theme_edit_row(con, body, themes)
    with store.transaction(con):
        cur.insert_edit(
            con,
            {
                "edit_id": key, "seq": cur.next_seq(con, "theme_edits"), "kind": kind,
                "topic_ids": ids, "payload": payload,
                "topic_model": body.get("topic_model") or themes.topic_model, "who": who,
                "made_at": made_at, "applied_at": now, "undone_at": None, "undone_by": None,
            },
        )  # fmt: skip
        if kind == "undo":
            cur.mark_undone(con, str(body["edit_id"]), now, who)
    refresh(con, settings, force=True)
    return {"edit_id": key, "kind": kind, "topic_ids": ids, "payload": payload}


def apply_triage(
    con: duckdb.DuckDBPyConnection, key: str, body: Mapping[str, Any], now: datetime
) -> dict[str, Any]:
    """Apply one queued triage change (exactly once)."""
    if con.execute("SELECT 1 FROM alert_triage WHERE triage_id = ?", [key]).fetchall():
        return {"triage_id": key, "already": True}
    alert_id = str(body["alert_id"])
    episode = cur.alert_episode(con, alert_id)
    if episode is None:
        raise VocError(f"segnalazione '{alert_id}' sconosciuta (vedi 'voc alerts list')")
    # An episode re-cut by a replay is triaged under the id of the episode it continues.
    if isinstance(episode.get("triage_of"), str) and episode["triage_of"]:
        alert_id = str(episode["triage_of"])
    history = cur.triage_history(con, alert_id)
    last = history.iloc[-1].to_dict() if len(history) else {}
    owner, note, reason = check_triage(
        str(last.get("state") or NEW), str(body["state"]),
        body.get("owner"), body.get("note"), body.get("reason"),
    )  # fmt: skip
    if owner is None and body["state"] == RESOLVED and isinstance(last.get("owner"), str):
        owner = str(last["owner"])  # resolving keeps who had it in charge
    row = {
        "triage_id": key, "seq": cur.next_seq(con, "alert_triage"), "alert_id": alert_id,
        "scope": episode["scope"], "series_key": episode["series_key"],
        "first_seen_week": episode["first_seen_week"], "state": body["state"], "owner": owner,
        "note": note, "reason": reason, "who": body["who"],
        "made_at": datetime.fromisoformat(str(body["made_at"])), "applied_at": now,
    }  # fmt: skip
    with store.transaction(con):
        cur.insert_triage(con, row)
    return row


# --------------------------------------------------------------------------- refresh


def _chain(con: duckdb.DuckDBPyConnection) -> list[TopicModelInfo]:
    """The topic models up to the active one, oldest first, with their lineage."""
    models, topics, lineage = cur.topic_chain(con)
    active = store.active_model(con, "topics")
    if active is None or models.empty:
        return []
    limit = pd.Timestamp(active["created_at"])
    models = models[pd.to_datetime(models["created_at"]) <= limit]
    by_model = {k: g for k, g in topics.groupby("topic_model")}
    events = {k: g for k, g in lineage.groupby("topic_model")}
    chain = []
    for model_id in models["model_id"]:
        frame = by_model.get(model_id)
        if frame is None:
            continue
        ev = events.get(model_id)
        chain.append(
            TopicModelInfo(
                model_id=str(model_id),
                topic_ids=frozenset(int(t) for t in frame["topic_id"]),
                labels={int(t): str(lab) for t, lab in zip(frame["topic_id"], frame["label"], strict=True)},
                sizes={int(t): int(s or 0) for t, s in zip(frame["topic_id"], frame["size"], strict=True)},
                events=tuple(
                    LineageEvent(str(e), int(t), tuple(int(x) for x in (r if r is not None else [])))
                    for e, t, r in zip(ev["event"], ev["topic_id"], ev["related_ids"], strict=True)
                ) if ev is not None else (),
            )
        )  # fmt: skip
    return chain


def _edits(frame: pd.DataFrame) -> list[Edit]:
    return [
        Edit(
            edit_id=str(r.edit_id),
            kind=str(r.kind),
            topic_ids=tuple(int(t) for t in r.topic_ids),
            payload=json.loads(r.payload),
            topic_model=None if pd.isna(r.topic_model) else str(r.topic_model),
            who=str(r.who),
            made_at=r.made_at,
            seq=int(r.seq),
            undone=not pd.isna(r.undone_at),
        )
        for r in frame.itertuples(index=False)
    ]


def _vectors(
    con: duckdb.DuckDBPyConnection, settings: Settings | None, hashes: list[str]
) -> dict[str, np.ndarray]:
    """Cached embeddings of these texts, by the embedder the active topic model was fit on."""
    from pipelines.steps.setup import model_embedder

    active = store.active_model(con, "topics")
    embedder = model_embedder(active) if active is not None else None
    if embedder is None:
        from pipelines.steps.embed import embedder_for

        embedder = embedder_for(settings or Settings()).model_id
    return store.cached_embeddings(con, embedder, hashes)


def refresh(
    con: duckdb.DuckDBPyConnection, settings: Settings | None, *, force: bool = False
) -> bool:
    """Replay the edit log onto the active model and rewrite the derived tables.

    Skipped (returns False) when neither the edits nor the active model changed since the
    last refresh, unless ``force`` (new documents: split parts are reassigned). ``settings``
    only names the embedder when the active topic model does not record one.
    """
    edits = cur.load_edits(con)
    active = store.active_model(con, "topics")
    digest = {
        "topic_model": str(active["model_id"]) if active is not None else "",
        "edits": f"{len(edits)}:{int(edits['undone_at'].notna().sum()) if len(edits) else 0}",
    }
    if not force and cur.curation_state(con) == digest:
        return False
    if edits.empty and not cur.curation_state(con):
        return False
    result = replay(_edits(edits), _chain(con))
    themes = pd.DataFrame(
        [
            {**t.__dict__, "unit_ids": list(t.unit_ids), "edit_ids": list(t.edit_ids),
             "topic_model": result.model_id}
            for t in result.themes
        ],
        columns=["theme_id", "label", "hidden", "category_id", "origin", "unit_ids",
                 "parent_topic_id", "edit_ids", "topic_model"],
    )  # fmt: skip
    members = pd.DataFrame(
        sorted(result.members.items()), columns=["unit_id", "theme_id"], dtype="int64"
    )
    parts = [pd.DataFrame(columns=["doc_id", "topic_id", "part_id"])]
    for split in result.splits:
        docs = cur.split_documents(con, split.topics)
        vectors: dict[str, np.ndarray] = {}
        if any(p.doc_ids for p in split.parts):
            vectors = _vectors(con, settings, docs["text_hash"].unique().tolist())
        parts.append(assign_parts(docs, split.parts, vectors))
    doc_parts = pd.concat(parts, ignore_index=True).drop_duplicates(["doc_id", "topic_id"])
    review = pd.DataFrame(
        [r.__dict__ for r in result.review],
        columns=["edit_id", "topic_id", "lineage", "message", "topic_model"],
    )
    cur.write_curation(con, themes, members, doc_parts, review, digest)
    return True

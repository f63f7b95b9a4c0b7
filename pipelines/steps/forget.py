"""``voc forget CUSTOMER_ID``: erase one customer (GDPR art. 17) from everything the pipeline
keeps, and say what was removed and what could not be.

In one transaction on the live database: the customer's documents and every row keyed by
them (ticket comments, enrichments, aspect rows, near-duplicate keys, and any table another
migration adds with a ``doc_id`` column), their rows keyed by ``customer_id`` (churn risk, churn
outcomes), the cached embeddings of their texts and sentences that no other document shares,
the quarantined rows whose raw record names them, and their texts among the quotes of alerts and
topics. Documents that were near-duplicates of theirs become originals again. A ``runs`` row
records the erasure with the id hashed, never in clear.

Then, outside the database: the file is rewritten with its live rows only (DuckDB leaves deleted
values in free blocks), the topic model files drop the customer's quotes, kept staging batches
drop their records, the BI export folders are written again and the BI database gets a new
snapshot (the old one is deleted). What the pipeline cannot reach
(backups, other DuckDB files, reports already written, notifications already sent) is listed.

The customer is found by the id as written and by its hash: ids that were an e-mail or a phone
were stored hashed (:func:`pipelines.ingest.redact_records.customer_id_forms`).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd

from models.embeddings import content_hash
from models.registry import load_topic_model
from pipelines import store
from pipelines.config import Settings
from pipelines.enrich.batch import aspect_sentences
from pipelines.errors import VocError
from pipelines.ingest.redact_records import ID_FIELDS, customer_id_forms
from pipelines.sources import staging_dir
from pipelines.steps.bi import publish_bi

__all__ = ["ForgetResult", "forget_customer", "quote_is_from"]

log = logging.getLogger("voc")

#: Quotes shorter than this are removed only when equal to a text (a short quote such as
#: "pessimo servizio" is inside many customers' texts).
_MIN_QUOTE = 20


@dataclass
class ForgetResult:
    """What ``voc forget`` removed, rewrote and could not reach."""

    customer_hash: str
    documents: int
    removed: dict[str, int] = field(default_factory=dict)
    quotes: dict[str, int] = field(default_factory=dict)
    released_duplicates: int = 0
    file_rewritten: bool = False
    exports: list[str] = field(default_factory=list)
    left: list[str] = field(default_factory=list)
    run_id: str | None = None
    dry_run: bool = False


def customer_hash(customer_id: str) -> str:
    """What the ``runs`` table records of the customer: a sha256 of the trimmed, lower-case id."""
    return hashlib.sha256(customer_id.strip().lower().encode("utf-8")).hexdigest()


def _norm(text: str) -> str:
    return " ".join(str(text).split()).casefold()


def quote_is_from(quote: str, texts: Sequence[str]) -> bool:
    """Whether ``quote`` (whitespace-normalised, maybe clipped with "…") was taken from one of
    ``texts`` (already :func:`_norm`-alised)."""
    core = _norm(quote).rstrip("…").rstrip()
    if not core:
        return False
    if len(core) < _MIN_QUOTE:
        return any(core == t for t in texts)
    return any(core in t for t in texts)


def _quarantine_pattern(ids: Sequence[str]) -> str:
    """A regular expression matching a quarantined raw record whose id field is one of ``ids``
    (as a JSON string or a JSON number)."""
    keys = "|".join(sorted(ID_FIELDS))
    values = "|".join(_re2_escape(json.dumps(i, ensure_ascii=False)[1:-1]) for i in ids)
    # RE2 (DuckDB's engine) has no look-ahead: a number ends at a delimiter or the end.
    return rf'"(?:{keys})"\s*:\s*(?:"(?:{values})"|(?:{values})(?:[,}}\s]|$))'


def _re2_escape(text: str) -> str:
    """``text`` as a literal in an RE2 pattern (only its operators escaped)."""
    return re.sub(r"([\\.^$|?*+()\[\]{}])", r"\\\1", text)


def _hashes_of(texts: Iterable[str]) -> set[str]:
    """Cache keys of a text's embeddings: the whole text and its aspect sentences."""
    out: set[str] = set()
    for text in texts:
        if text:
            out.add(content_hash(text))
            out.update(content_hash(s) for s in aspect_sentences(text))
    return out


def _unshared_hashes(con: duckdb.DuckDBPyConnection, texts: Sequence[str]) -> list[str]:
    """The embedding keys of ``texts`` (already deleted documents) that no stored document
    still needs: same text, or the same sentence inside another text."""
    candidates = _hashes_of(texts)
    if not candidates:
        return []
    needles = list(texts) + [s for t in texts for s in aspect_sentences(t)]
    others = store.documents_containing(con, needles)
    needed = _hashes_of(others["text"].tolist()) | store.remaining_text_hashes(
        con, list(candidates)
    )
    return sorted(candidates - needed)


def _rewrite_quotes(con: duckdb.DuckDBPyConnection, texts: Sequence[str]) -> dict[str, int]:
    """Drop the customer's texts from every quote list; quotes removed per ``table.column``."""
    normed = [_norm(t) for t in texts if t]
    removed: dict[str, int] = {}
    for (table, column), frame in store.quote_lists(con).items():
        before = [list(qs) for qs in frame["quotes"]]
        kept = [[q for q in qs if not quote_is_from(q, normed)] for qs in before]
        changed = [len(k) != len(b) for b, k in zip(before, kept, strict=True)]
        if any(changed):
            store.replace_quote_lists(con, table, column, frame.assign(quotes=kept)[changed])
            removed[f"{table}.{column}"] = sum(
                len(b) - len(k) for b, k in zip(before, kept, strict=True)
            )
    return removed


def _erase(
    con: duckdb.DuckDBPyConnection, ids: Sequence[str], docs: pd.DataFrame
) -> tuple[dict[str, int], dict[str, int], int]:
    """The database part, inside the caller's transaction."""
    doc_ids = docs["doc_id"].tolist()
    texts = [t for t in docs["text"].tolist() + docs["title"].dropna().tolist() if t]
    removed = store.delete_document_rows(con, doc_ids)
    for table, n in store.delete_customer_rows(con, ids).items():
        removed[table] = removed.get(table, 0) + n
    released = store.release_duplicates(con, doc_ids)
    removed["embeddings"] = store.delete_embeddings(con, _unshared_hashes(con, texts))
    removed["quarantine"] = removed.get("quarantine", 0) + store.delete_quarantine_rows(
        con, _quarantine_pattern(ids)
    )
    quotes = _rewrite_quotes(con, texts)
    return {t: n for t, n in removed.items() if n}, quotes, released


def _rewrite_topic_files(
    con: duckdb.DuckDBPyConnection, texts: Sequence[str], left: list[str]
) -> dict[str, int]:
    """Drop the customer's quotes from the topic model files (their quotes are shown by
    ``voc retrain topics`` and copied into ``topics`` at each refit); a file that cannot be
    read is added to ``left``."""
    normed = [_norm(t) for t in texts if t]
    out: dict[str, int] = {}
    models = store.list_models(con)
    for path in models.loc[models["task"] == "topics", "artifact_path"].dropna():
        if not Path(path).exists():
            continue
        try:
            model = load_topic_model(str(path))
        except (OSError, ValueError) as exc:
            left.append(
                f"{path}: modello dei temi illeggibile, non ripulito ({type(exc).__name__})"
            )
            continue
        n = 0
        for topic, quotes in model.quotes_.items():
            kept = [q for q in quotes if not quote_is_from(q, normed)]
            n += len(quotes) - len(kept)
            model.quotes_[topic] = kept
        if n:
            model.save(Path(path))
            out[Path(path).name] = n
    return out


def _purge_staging(settings: Settings, ids: Sequence[str]) -> int:
    """Remove the customer's records from staged batches kept with ``keep_staging``."""
    folder = staging_dir(settings)
    wanted = set(ids)
    removed = 0
    for path in sorted(folder.glob("*.jsonl")) if folder.is_dir() else []:
        lines = path.read_text(encoding="utf-8").splitlines()
        kept = []
        for line in lines:
            try:
                record = json.loads(line) if line.strip() else {}
            except json.JSONDecodeError:
                record = {}  # not ours to judge: a line we cannot read is kept as it is
            if not isinstance(record, dict):
                record = {}
            if any(str(record.get(k)) in wanted for k in ID_FIELDS if record.get(k) is not None):
                removed += 1
            else:
                kept.append(line)
        if len(kept) == len(lines):
            continue
        if not kept:
            path.unlink()
            continue
        tmp = path.with_name(path.name + ".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write("\n".join(kept) + "\n")
        os.replace(tmp, path)
    return removed


def _reexport(settings: Settings, folders: Sequence[Path]) -> list[str]:
    """Write the BI export folders again (each view swapped in whole), in their own format."""
    done = []
    for folder in folders:
        if not folder.is_dir():
            continue
        fmt = (
            "csv"
            if any(folder.rglob("*.csv")) and not any(folder.rglob("*.parquet"))
            else "parquet"
        )
        with store.connection(settings, read_only=True) as con:
            store.export_views(con, folder, fmt)
        done.append(str(folder))
    return done


def _left_behind(settings: Settings, folders: Sequence[Path], found: int) -> list[str]:
    """Places that may still hold the customer's data and that this command does not rewrite."""
    db = Path(settings.db)
    left = [
        f"{p}: copia di backup del database, contiene ancora i dati del cliente (cancellala)"
        for p in sorted(db.parent.glob(f"{db.name}.bak-*"))
    ]
    others = {p for d in [db.parent, *folders] if d.is_dir() for p in d.glob("*.duckdb")}
    left += [
        f"{p}: altro database DuckDB, non modificato (se copia i dati e non solo viste "
        "sull'export, rigeneralo)"
        for p in sorted(others - {db, settings.bi_catalog})
    ]
    if found:
        left.append(
            "report HTML già scritti e notifiche già inviate possono citare i suoi testi: "
            "rigenera i report (voc report)"
        )
        left.append(
            "etichette e parole chiave dei temi sono statistiche di tutti i testi di un tema: "
            "si ricalcolano senza i suoi al prossimo refit (voc retrain topics)"
        )
    return left


def forget_customer(
    settings: Settings,
    customer_id: str,
    now: datetime,
    *,
    export_dirs: Sequence[Path] = (),
    dry_run: bool = False,
    rewrite: bool = True,
) -> ForgetResult:
    """Erase customer ``customer_id`` (see the module docstring).

    Args:
        settings: pipeline settings (the live database).
        customer_id: the id as the source exports it (an e-mail or phone id is found through its
            hash).
        now: time of the erasure (its ``runs`` row).
        export_dirs: BI export folders (``voc export --out``) to write again.
        dry_run: count what would be removed, then roll back; nothing else is touched.
        rewrite: rewrite the database file without the freed blocks (about 7 MB/s on two
            cores). Off to erase many customers in a row, the last one with it on.

    Returns:
        Counts per table, quotes removed, folders re-exported and what is left.

    Raises:
        VocError: an empty id, or a database that cannot be opened for writing.
    """
    if not customer_id or not customer_id.strip():
        raise VocError("give the customer's id, as it appears in the exports (customer_id)")
    ids = customer_id_forms(customer_id)
    result = ForgetResult(customer_hash=customer_hash(customer_id), documents=0, dry_run=dry_run)
    folders = [Path(f) for f in export_dirs]
    with store.connection(settings) as con:
        docs = store.customer_documents(con, ids)
        texts = [t for t in docs["text"].tolist() + docs["title"].dropna().tolist() if t]
        result.documents = len(docs)
        params = {"customer_sha256": result.customer_hash}
        try:
            with store.transaction(con):
                run_id = store.start_run(con, "forget", params, now)
                result.removed, result.quotes, result.released_duplicates = _erase(con, ids, docs)
                stats = {"documents": result.documents, "removed": result.removed,
                         "quotes": result.quotes, "released": result.released_duplicates}  # fmt: skip
                store.finish_run(con, run_id, status="ok", stats=stats, finished_at=now)
                if dry_run:
                    raise _Rollback
            result.run_id = run_id
        except _Rollback:
            return result
        except Exception as exc:
            with contextlib.suppress(Exception):
                failed = store.start_run(con, "forget", params, now)
                store.finish_run(con, failed, status="failed", stats={}, finished_at=now,
                                 error=type(exc).__name__)  # fmt: skip
            raise
        for name, n in _rewrite_topic_files(con, texts, result.left).items():
            result.quotes[f"file {name}"] = n
    staged = _purge_staging(settings, ids)
    if staged:
        result.removed["staging"] = staged
    if not (result.removed or result.quotes or result.released_duplicates):
        # Nothing of this customer in the database: no file to rewrite (backups may still).
        result.left += _left_behind(settings, folders, 0)
        return result
    if rewrite:
        try:
            store.rewrite_file(settings)
            result.file_rewritten = True
        except VocError as exc:
            result.left.append(str(exc))
    else:
        result.left.append(
            f"{settings.db}: i valori cancellati restano nei blocchi liberi del file finché non "
            "vengono riusati: all'ultima cancellazione non usare --no-rewrite"
        )
    result.exports = _reexport(settings, folders)
    if settings.bi_catalog.exists():
        # The BI database: a new snapshot without the customer; the old one is deleted.
        result.exports.append(publish_bi(settings, now, force=True)["catalog"])
    result.left += _left_behind(settings, folders, result.documents)
    # The id is personal data: the log names the hash only.
    log.info("forget %s: %d documents erased", result.customer_hash[:12], result.documents)
    return result


class _Rollback(Exception):
    """Raised inside the transaction of a dry run to undo it."""

"""Personal data pulled from APIs never reaches the disk unredacted.

Staged batches are redacted before they are written and deleted once ingested; and end to end,
``voc pull`` (the real command, in its own process, with its log) followed by enrichment,
detection, the report and the BI export leaves no planted value anywhere under the working
directory: not in any file, any table, the raw bytes of the database, the logs, the report or the
Parquet export.
"""

from __future__ import annotations

import json
import logging
import os
import re
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pytest
import yaml
from sources_fakes import NOW, TOKEN, FakeApi, FakeIngest, api_config

from pipelines.config import Settings
from pipelines.sources import staging_dir
from pipelines.steps.pull import pull_source

ROOT = Path(__file__).resolve().parents[3]
ENV = {"TEST_API_TOKEN": TOKEN}

# Planted personal data: what must never be found, each with the forms it could be written in.
PLANTED: dict[str, list[str]] = {
    "email": ["lucia.zanardelli@example.it"],
    "email_id": ["giorgio.brambillasca@libero.it"],
    "phone": ["347 123 4567", "3471234567"],
    "phone_id": ["+39 333 1112223", "3331112223"],
    "iban": ["IT60X0542811101000000123456"],
    "codice_fiscale": ["ZNRLCU80A41H501U"],
    "name": ["Zanardelli"],
    "name_2": ["Brambillasca"],
    "carta_identita": ["AX1234567"],
    "cie": ["CA12345BB"],
    "passaporto": ["YA7654321"],
    "patente": ["U1H68I903B"],
    "tessera_sanitaria": ["80380000501234567890"],
}
TICKET_BODY = (
    "Buongiorno, sono Lucia Zanardelli. Scrivetemi a lucia.zanardelli@example.it o al "
    "347 123 4567. Rimborso sul conto IT60X0542811101000000123456, codice fiscale "
    "ZNRLCU80A41H501U. La bolletta è sbagliata da tre mesi e nessuno risponde."
)
TICKET_DOCS = (
    "Allego carta d'identità AX1234567 e tessera sanitaria 80380000501234567890, la bolletta "
    "resta sbagliata.\nCordiali saluti\nLucia Zanardelli"
)
REVIEW_TEXT = (
    "Sono Giorgio Brambillasca, patente U1H68I903B e CIE CA12345BB inviate due volte: il "
    "contratto non è ancora attivo, servizio pessimo!"
)
POST_TEXT = "Passaporto YA7654321 rifiutato dal vostro portale, app lentissima, vergogna"


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def plant(api: FakeApi, now: datetime) -> None:
    """Tickets, reviews and social posts carrying the planted values (plus ordinary ones, so
    enrichment and detection have something to work on)."""
    for tid in range(1, 7):
        day = now - timedelta(days=30 - 4 * tid)
        api.tickets.append(
            {"id": tid, "requester_id": 1000 + tid, "status": "open", "created_at": _iso(day),
             "updated_at": _iso(day + timedelta(hours=2)),
             "subject": "Bolletta sbagliata" if tid > 1 else "Rimborso per Lucia Zanardelli",
             "via": {"channel": "email"}}
        )  # fmt: skip
        bodies = [TICKET_BODY, "Gentile Lucia Zanardelli, verifichiamo subito.", TICKET_DOCS]
        if tid > 1:
            bodies = [f"La bolletta {tid} è sbagliata di nuovo, addebito doppio.", "Verifichiamo."]
        api.comments[tid] = [
            {"id": tid * 100 + i, "author_id": 1000 + tid if i % 2 == 0 else 77,
             "created_at": _iso(day), "plain_body": body, "public": True}
            for i, body in enumerate(bodies)
        ]  # fmt: skip
    for i in range(6):
        api.reviews.append(
            {"id": f"rv{i}", "stars": 1 + i % 2, "title": "Pessimo",
             "text": REVIEW_TEXT if i == 0 else f"Contratto {i} mai attivato, servizio pessimo",
             "createdAt": _iso(now - timedelta(days=25 - 3 * i)),
             "consumer": {"id": "giorgio.brambillasca@libero.it" if i < 2 else f"cons{i}"}}
        )  # fmt: skip
    # A review from the future: quarantined, with its (redacted) raw row kept.
    api.reviews.append(
        {"id": "rv-q", "stars": 1, "title": "x", "text": REVIEW_TEXT,
         "createdAt": _iso(now + timedelta(days=400)),
         "consumer": {"id": "giorgio.brambillasca@libero.it"}}
    )  # fmt: skip
    for i in range(6):
        api.posts.append(
            {"id": f"p{i}", "author": {"id": "+39 333 1112223" if i == 0 else f"u{i}"},
             "created_at": _iso(now - timedelta(days=20 - 3 * i)),
             "text": POST_TEXT if i == 0 else f"App lentissima dopo l'aggiornamento {i}",
             "reply_to": None}
        )  # fmt: skip


def leaks_in(text: str) -> list[str]:
    """The planted values found in ``text`` (case-insensitive)."""
    lower = text.lower()
    return [name for name, forms in PLANTED.items() if any(f.lower() in lower for f in forms)]


def leaks_in_bytes(data: bytes) -> list[str]:
    """The planted values found in raw bytes (UTF-8, case-insensitive)."""
    lower = data.lower()
    return [
        name
        for name, forms in PLANTED.items()
        if any(f.lower().encode("utf-8") in lower for f in forms)
    ]


# --------------------------------------------------------------------------- staging


class StagedCopy:
    """An ingest that keeps what the staged file held (the file itself may be deleted later)."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.seen: list[str] = []
        self.paths: list[Path] = []

    def __call__(self, settings: Settings, kind: str, path: Path, **kw: Any) -> Any:
        self.seen.append(Path(path).read_text(encoding="utf-8"))
        self.paths.append(Path(path))
        return self.inner(settings, kind, path, **kw)


def test_staged_batches_are_redacted_then_deleted(fake_api, settings, fake_ingest, sleeps):
    plant(fake_api, NOW)
    ingest = StagedCopy(fake_ingest)
    config = api_config(fake_api, "zendesk", start_time="2025-01-01", batch_size=2)
    result = pull_source(settings, config, NOW, ingest=ingest, env=ENV, sleep=sleeps)
    assert result["records"] == 6 and len(ingest.seen) == 3
    staged = "\n".join(ingest.seen)
    assert "[NOME]" in staged and "[TESSERA_SANITARIA]" in staged  # it was there, redacted
    assert leaks_in(staged) == []
    # Deleted once ingested, and the folder with them.
    assert not any(p.exists() for p in ingest.paths)
    assert not staging_dir(settings).exists()


def test_keep_staging_keeps_redacted_files(fake_api, settings, fake_ingest, sleeps):
    plant(fake_api, NOW)
    config = api_config(fake_api, "reviews_api", business_unit_id="bu-1", keep_staging=True)
    result = pull_source(settings, config, NOW, ingest=fake_ingest, env=ENV, sleep=sleeps)
    files = [Path(f) for f in result["files"]]
    assert files and all(f.exists() for f in files)
    text = "".join(f.read_text(encoding="utf-8") for f in files)
    assert "[PATENTE]" in text and leaks_in(text) == []
    assert oct(files[0].stat().st_mode & 0o777) == "0o600"


def test_failed_ingest_leaves_no_staged_file(fake_api, settings, sleeps):
    plant(fake_api, NOW)
    crashing = FakeIngest()
    crashing.crash_next = True
    ingest = StagedCopy(crashing)
    config = api_config(fake_api, "reviews_api", business_unit_id="bu-1")
    with pytest.raises(RuntimeError, match="simulated crash"):
        pull_source(settings, config, NOW, ingest=ingest, env=ENV, sleep=sleeps)
    assert ingest.paths and not ingest.paths[0].exists()


def test_without_redaction_raw_text_is_staged_but_still_deleted(fake_api, tmp_path, sleeps):
    # VOC_REDACT_PII=false is the user's choice to store raw text; staging follows it, and the
    # files still go once ingested.
    db = tmp_path / "raw" / "voc.duckdb"
    settings = Settings(db=db, lock_wait_seconds=0.0, redact_pii=False)
    plant(fake_api, NOW)
    ingest = StagedCopy(FakeIngest())
    config = api_config(fake_api, "reviews_api", business_unit_id="bu-1")
    pull_source(settings, config, NOW, ingest=ingest, env=ENV, sleep=sleeps)
    assert "Brambillasca" in "".join(ingest.seen)
    assert not staging_dir(settings).exists()


# --------------------------------------------------------------------------- end to end


def _write_config(folder: Path, api: FakeApi, start: datetime) -> Path:
    mapping = {
        "kind": "social",
        "endpoint": "/api/posts",
        "records": "$.data[*]",
        "pagination": {"style": "cursor", "cursor_path": "$.meta.next_cursor"},
        "incremental": {"param": "since", "field": "created_at", "ordered": False},
        "fields": {"id": "id", "platform": {"value": "twitter"}, "author_id": "author.id",
                   "created_at": "created_at", "text": "text"},
    }  # fmt: skip
    (folder / "posts.yaml").write_text(yaml.safe_dump(mapping), encoding="utf-8")
    common = (
        f'base_url = "{api.base_url}"\nauth_env = "TEST_API_TOKEN"\ntrust_env = false\n'
        "timeout = 5\nbackoff = 0.01\n"
    )
    config = folder / "voc.toml"
    config.write_text(
        f'[pipeline]\ndb = "voc.duckdb"\n\n'
        f'[sources.helpdesk]\ntype = "zendesk"\nstart_time = "{start:%Y-%m-%d}"\n{common}\n'
        f'[sources.trustpilot]\ntype = "reviews_api"\nbusiness_unit_id = "bu-1"\n{common}\n'
        f'[sources.mentions]\ntype = "rest"\nmapping = "posts.yaml"\n{common}',
        encoding="utf-8",
    )
    return config


def _table_text(db: Path) -> dict[str, str]:
    """Every column of every table, cast to text, one string per table."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = [
            r[0]
            for r in con.execute("SELECT table_name FROM duckdb_tables() WHERE NOT internal")
            .fetchall()
        ]  # fmt: skip
        out = {}
        for table in tables:
            cols = [
                r[0]
                for r in con.execute(
                    "SELECT column_name FROM duckdb_columns() WHERE table_name = ?", [table]
                ).fetchall()
            ]
            select = ", ".join(f'CAST("{c}" AS VARCHAR)' for c in cols)
            rows = con.execute(f'SELECT {select} FROM "{table}"').fetchall()
            out[table] = "\n".join("|".join(str(v) for v in row) for row in rows)
        return out
    finally:
        con.close()


def test_voc_pull_leaves_no_personal_data_anywhere(
    fake_api: FakeApi,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    hash_embedder: Any,
) -> None:
    from pipelines import steps
    from pipelines.config import load_settings
    from pipelines.steps import embed as steps_embed
    from pipelines.steps.detect import run_detection
    from pipelines.steps.report import write_report

    now = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
    plant(fake_api, now)
    work = tmp_path / "work"
    work.mkdir()
    config = _write_config(work, fake_api, now - timedelta(days=90))
    env = {**os.environ, **ENV, "PYTHONPATH": str(ROOT), "GX_ANALYTICS_ENABLED": "false"}
    env.pop("VOC_CONFIG", None)
    log = work / "pull.log"
    with log.open("w", encoding="utf-8") as out:
        done = subprocess.run(
            [sys.executable, "-m", "voc", "--verbose", "--config", str(config), "pull"],
            cwd=work, env=env, stdout=out, stderr=subprocess.STDOUT, timeout=300, check=False,
        )  # fmt: skip
    assert done.returncode == 0, log.read_text(encoding="utf-8")[-3000:]
    pulled = log.read_text(encoding="utf-8")
    assert '"inserted": 6' in pulled and '"quarantined": 1' in pulled
    db = work / "voc.duckdb"
    assert not (work / "voc_staging").exists()

    # The rest of a weekly run, in this process (fast embedder), with every log line kept.
    monkeypatch.setattr(steps_embed, "make_embedder", lambda *a, **k: hash_embedder)
    import models.embeddings

    monkeypatch.setattr(models.embeddings, "make_embedder", lambda *a, **k: hash_embedder)
    handler = logging.FileHandler(work / "steps.log", encoding="utf-8")
    root = logging.getLogger()
    previous_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        settings = load_settings(config, db=db, topic_min_cluster_size=3)
        steps.enrich(settings, now)
        run_detection(settings, None, now, notify=False)
        write_report(settings, None, work / "report.html", now)
        steps.export_views(settings, work / "export", "parquet")
    finally:
        root.removeHandler(handler)
        root.setLevel(previous_level)
        handler.close()

    tables = _table_text(db)
    assert "[NOME]" in tables["documents"] and "[CARTA_IDENTITA]" in tables["documents"]
    # The quarantined row is there, redacted, its e-mail id hashed before staging.
    assert "[PATENTE]" in tables["quarantine"] and '"customer_id": "h:' in tables["quarantine"]
    customers = tables["documents"]
    assert re.search(r"\|h:[0-9a-f]{16}\|", customers)  # e-mail and phone ids: hashed
    leaks = {f"table {t}": leaks_in(text) for t, text in tables.items()}
    exported = [p for p in (work / "export").rglob("*.parquet")]
    assert exported
    for part in exported:
        frame = pd.read_parquet(part)
        leaks[f"export {part.relative_to(work)}"] = leaks_in(frame.astype(str).to_csv())
    # Every file under the working directory, byte by byte: database, write-ahead log, logs,
    # report, model artifacts, configuration, anything a step left behind.
    files = [p for p in work.rglob("*") if p.is_file()]
    assert {"voc.duckdb", "pull.log", "steps.log", "report.html"} <= {p.name for p in files}
    for path in files:
        leaks[f"file {path.relative_to(work)}"] = leaks_in_bytes(path.read_bytes())
    assert {where: found for where, found in leaks.items() if found} == {}
    # The scan itself can fail: the raw API payloads hold every planted value.
    payload = json.dumps([fake_api.tickets, fake_api.comments, fake_api.reviews, fake_api.posts])
    assert set(leaks_in(payload)) == set(PLANTED)

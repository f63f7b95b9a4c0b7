"""Folder watcher: each content processed once, partial files skipped, failures retried."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sources_fakes import NOW, db_rows

from pipelines.errors import VocError
from pipelines.sources.folder import candidate_files, file_digest
from pipelines.steps.pull import pull_source


def write_reviews(path: Path, ids: list[int]) -> Path:
    rows = [
        {
            "id": f"f{i}",
            "created_at": "2026-02-10T09:00:00Z",
            "text": f"Recensione {i} ok",
            "rating": 3,
        }
        for i in ids
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_candidate_files_skip_partial_and_hidden(tmp_path):
    for name in ["reviews_a.jsonl", "reviews_b.csv.part", ".reviews_c.jsonl", "notes.txt.tmp",
                 "reviews_d.csv", "image.png"]:  # fmt: skip
        (tmp_path / name).write_text("x")
    assert [p.name for p in candidate_files(tmp_path)] == ["reviews_a.jsonl", "reviews_d.csv"]
    digest, size = file_digest(tmp_path / "reviews_a.jsonl")
    assert (
        size == 1 and digest == "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881"
    )


def test_each_content_processed_once(tmp_path, settings, fake_ingest):
    drop = tmp_path / "drop"
    drop.mkdir()
    write_reviews(drop / "reviews_1.jsonl", [1, 2])
    write_reviews(drop / "reviews_1_resent.jsonl", [1, 2])  # same bytes, same drop
    write_reviews(drop / "social_2.jsonl.partial", [9])  # still being written
    config = {"name": "exports", "type": "folder", "path": str(drop)}

    first = pull_source(settings, config, NOW, ingest=fake_ingest)
    assert first["ingested"] == 1 and first["inserted"] == 2 and first["already_processed"] == 1
    assert [c[0] for c in fake_ingest.calls] == ["reviews"]

    again = pull_source(settings, config, NOW, ingest=fake_ingest)
    assert again["ingested"] == 0 and again["already_processed"] == 2
    assert len(fake_ingest.calls) == 1

    # the same bytes dropped again under another name: skipped by content hash
    (drop / "reviews_copy.jsonl").write_bytes((drop / "reviews_1.jsonl").read_bytes())
    # an updated export is new content: ingested (ingest itself is idempotent by id)
    write_reviews(drop / "reviews_1.jsonl", [1, 2, 3])
    third = pull_source(settings, config, NOW, ingest=fake_ingest)
    assert third["ingested"] == 1 and third["already_processed"] == 2
    assert third["inserted"] == 1 and third["unchanged"] == 2
    assert db_rows(settings, "SELECT count(*) FROM processed_files") == [(2,)]
    assert db_rows(settings, "SELECT count(*) FROM documents") == [(3,)]


def test_bad_file_is_reported_and_retried_others_recorded(tmp_path, settings, fake_ingest):
    drop = tmp_path / "drop"
    drop.mkdir()
    write_reviews(drop / "reviews_good.jsonl", [1])
    (drop / "reviews_bad.jsonl").write_text("{not json\n")
    (drop / "unknown_kind.jsonl").write_text("{}\n")
    config = {"name": "exports", "type": "folder", "path": str(drop)}
    with pytest.raises(VocError, match=r"1 file\(s\) could not be ingested.*reviews_bad"):
        pull_source(settings, config, NOW, ingest=fake_ingest)
    assert db_rows(settings, "SELECT path FROM processed_files") == [
        (str(drop / "reviews_good.jsonl"),)
    ]
    assert db_rows(settings, "SELECT status FROM runs WHERE flow = 'pull'") == [("failed",)]
    (drop / "reviews_bad.jsonl").unlink()
    result = pull_source(settings, config, NOW, ingest=fake_ingest)
    assert result["skipped"] == 1 and result["already_processed"] == 1 and result["ingested"] == 0


def test_fixed_kind_and_mapping_passed_to_ingest(tmp_path, settings):
    drop = tmp_path / "drop"
    drop.mkdir()
    write_reviews(drop / "export.jsonl", [1])
    seen = []

    def ingest(settings, kind, path, *, now, mapping_path=None):
        seen.append((kind, path.name, mapping_path))
        return type("R", (), {"run_id": "ingest-1", "inserted": 1})()

    config = {
        "name": "x",
        "type": "folder",
        "path": str(drop),
        "kind": "social",
        "mapping": "m.yaml",
    }
    pull_source(settings, config, NOW, ingest=ingest)
    assert seen == [("social", "export.jsonl", Path("m.yaml"))]
    assert db_rows(settings, "SELECT run_id FROM processed_files") == [("ingest-1",)]


def test_folder_config_errors(tmp_path, settings, fake_ingest):
    with pytest.raises(VocError, match="not found"):
        pull_source(settings, {"name": "x", "type": "folder", "path": str(tmp_path / "no")}, NOW,
                    ingest=fake_ingest)  # fmt: skip
    with pytest.raises(VocError, match="set path"):
        pull_source(settings, {"name": "x", "type": "folder"}, NOW, ingest=fake_ingest)
    with pytest.raises(VocError, match="kind must be"):
        pull_source(settings, {"name": "x", "type": "folder", "path": str(tmp_path), "kind": "mail"},
                    NOW, ingest=fake_ingest)  # fmt: skip

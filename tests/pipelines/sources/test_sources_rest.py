"""Generic REST source: JSONPath subset, mapping validation, cursor/link pulls with watermark."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from sources_fakes import NOW, TOKEN, api_config, db_rows

from pipelines.errors import VocError
from pipelines.sources.http import RepeatedCursorError
from pipelines.sources.rest import RestMapping, compile_path, select, select_one
from pipelines.steps.pull import pull_source

ENV = {"TEST_API_TOKEN": TOKEN}

SOCIAL_MAPPING = {
    "kind": "social",
    "endpoint": "/api/posts",
    "records": "$.data[*]",
    "pagination": {
        "style": "cursor",
        "cursor_path": "$.meta.next_cursor",
        "cursor_param": "cursor",
    },
    "incremental": {"param": "since", "field": "created_at", "ordered": False},
    "fields": {
        "id": "id",
        "platform": {"value": "twitter"},
        "author_id": "author.id",
        "created_at": "$.created_at",
        "text": "text",
        "in_reply_to": {"path": "reply_to.id", "default": None},
    },
}


def post(i, day, reply=None):
    return {
        "id": f"p{i}",
        "author": {"id": f"u{i % 3}", "name": "x"},
        "created_at": f"2026-02-{day:02d}T08:00:00Z",
        "text": f"Post {i}: app lentissima dopo l'aggiornamento",
        "reply_to": {"id": reply} if reply else None,
    }


def write_mapping(tmp_path: Path, mapping: dict, name: str = "m.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(mapping), encoding="utf-8")
    return path


def test_jsonpath_subset():
    data = {"data": [{"a": {"b": 1}, "t": ["x", "y"]}, {"a": {"b": 2}}], "meta": {"n-x": 3}}
    assert select(data, "$.data[*].a.b") == [1, 2]
    assert select(data, "data[1].a.b") == [2]
    assert select(data, "$.data[-1].a") == [{"b": 2}]
    assert select(data, "$['meta']['n-x']") == [3]
    assert select(data, "$.meta.n-x") == [3]
    assert select(data, "$.data[*].t[*]") == ["x", "y"]
    assert select(data, "$.missing.x") == [] and select_one(data, "$.nope", "d") == "d"
    assert select(data, "$") == [data]
    assert select([1, 2], "$[*]") == [1, 2]
    with pytest.raises(ValueError, match="invalid path"):
        compile_path("$.data[")


def test_field_specs_map_nested_ticket_comments():
    mapping = RestMapping.from_dict(
        {
            "kind": "tickets",
            "endpoint": "/t",
            "fields": {
                "id": "ref",
                "created_at": "opened",
                "status": {"path": "state", "map": {"aperto": "open", "chiuso": "closed"}},
                "comments": {
                    "path": "messages[*]",
                    "fields": {
                        "id": "n",
                        "body": "txt",
                        "created_at": "ts",
                        "author_role": {
                            "path": "from",
                            "map": {"cliente": "customer", "operatore": "agent"},
                        },
                    },
                },
            },
        }
    )
    record = mapping.map_record(
        {"ref": 9, "opened": "2026-01-01", "state": "aperto",
         "messages": [{"n": 1, "txt": "ciao", "ts": "t1", "from": "cliente"},
                      {"n": 2, "txt": "salve", "ts": "t2", "from": "operatore"}]}
    )  # fmt: skip
    assert record == {
        "id": 9, "created_at": "2026-01-01", "status": "open",
        "comments": [
            {"id": 1, "body": "ciao", "created_at": "t1", "author_role": "customer"},
            {"id": 2, "body": "salve", "created_at": "t2", "author_role": "agent"},
        ],
    }  # fmt: skip


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"kind": "emails"}, "kind must be one of"),
        ({"endpoint": None}, "endpoint"),
        (
            {"fields": {"id": "id", "created_at": "c", "text": "t", "likes": "l"}},
            "not a social field",
        ),
        ({"fields": {"id": "id", "text": "t"}}, "need fields created_at"),
        ({"pagination": {"style": "cursor"}}, "needs cursor_path"),
        ({"pagination": {"style": "scroll"}}, "pagination.style"),
        ({"records": "$.data["}, "invalid path"),
        ({"incremental": {"param": "since", "field": "updated"}}, "not mapped"),
        ({"extra_key": 1}, "unknown keys"),
    ],
)
def test_mapping_validation(change, message):
    bad = {**SOCIAL_MAPPING, **change}
    with pytest.raises(VocError, match=message):
        RestMapping.from_dict(bad, origin="m.yaml")


def test_mapping_file_errors(tmp_path):
    with pytest.raises(VocError, match="cannot read"):
        RestMapping.load(tmp_path / "missing.yaml")
    broken = tmp_path / "broken.yaml"
    broken.write_text("kind: [social\n")
    with pytest.raises(VocError, match="not valid"):
        RestMapping.load(broken)


def test_rest_cursor_pull_with_watermark_and_resume(
    fake_api, settings, fake_ingest, sleeps, tmp_path
):
    fake_api.posts = [post(1, 1), post(2, 2, reply="p1"), post(3, 3), post(4, 4), post(5, 5)]
    config = api_config(fake_api, "rest", mapping=str(write_mapping(tmp_path, SOCIAL_MAPPING)))
    # the second page repeats its cursor: unordered API -> records kept, watermark NOT advanced
    fake_api.fault("posts", "ok", "repeat")
    with pytest.raises(RepeatedCursorError):
        pull_source(settings, config, NOW, ingest=fake_ingest, env=ENV, sleep=sleeps)
    assert db_rows(settings, "SELECT count(*) FROM documents") == [(4,)]
    assert db_rows(settings, "SELECT count(*) FROM source_state") == [(0,)]

    result = pull_source(settings, config, NOW, ingest=fake_ingest, env=ENV, sleep=sleeps)
    assert result["watermark"] == "2026-02-05T08:00:00Z"
    assert result["inserted"] == 1 and result["unchanged"] == 4
    rows = db_rows(settings, "SELECT doc_id, channel, customer_id FROM documents ORDER BY 1")
    assert rows[1] == ("social:p2", "twitter", "u2")

    fake_api.posts.append(post(6, 6))
    fake_api.requests.clear()
    third = pull_source(settings, config, NOW, ingest=fake_ingest, env=ENV, sleep=sleeps)
    assert fake_api.calls("/api/posts")[0]["since"] == "2026-02-05T08:00:00Z"
    assert third["inserted"] == 1 and third["records"] == 2  # p5 (boundary) + p6
    assert db_rows(settings, "SELECT count(*) FROM documents") == [(6,)]


def test_rest_link_header_pull(fake_api, settings, fake_ingest, sleeps, tmp_path):
    fake_api.linked = [
        {"uuid": f"L{i}", "when": f"2026-02-0{i}T00:00:00Z", "body": f"testo {i}", "stars": "5"}
        for i in range(1, 6)
    ]
    mapping = {
        "kind": "reviews",
        "endpoint": "/api/linked",
        "records": "$.items[*]",
        "pagination": {"style": "link"},
        "fields": {"id": "uuid", "created_at": "when", "text": "body", "rating": "stars",
                   "channel": {"value": "sito"}},
    }  # fmt: skip
    config = api_config(fake_api, "rest", mapping=str(write_mapping(tmp_path, mapping)))
    result = pull_source(settings, config, NOW, ingest=fake_ingest, env=ENV, sleep=sleeps)
    assert result["pages"] == 3
    assert result["records"] == 5
    assert db_rows(settings, "SELECT DISTINCT channel FROM documents") == [("sito",)]


def test_rest_needs_mapping(fake_api, settings, fake_ingest):
    with pytest.raises(VocError, match="mapping"):
        pull_source(settings, api_config(fake_api, "rest"), NOW, ingest=fake_ingest, env=ENV)

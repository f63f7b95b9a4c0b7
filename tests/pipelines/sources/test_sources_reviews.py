"""Trustpilot-style reviews API: page pagination, inclusive watermark, resume after faults."""

from __future__ import annotations

import pytest
from sources_fakes import NOW, TOKEN, api_config, db_rows

from pipelines.errors import VocError
from pipelines.sources.http import HttpSourceError, RepeatedCursorError
from pipelines.sources.reviews_api import review_record
from pipelines.steps.pull import pull_source

ENV = {"TEST_API_TOKEN": TOKEN}


def review(i, day, stars=4):
    return {
        "id": f"rev{i:02d}",
        "stars": stars,
        "title": f"Titolo {i}",
        "text": f"Recensione {i}: consegna puntuale ma imballo rovinato.",
        "createdAt": f"2026-02-{day:02d}T10:00:00Z",
        "consumer": {"id": f"cons{i}", "displayName": "Mario R."},
        "companyReply": {"text": "Grazie!", "createdAt": "2026-02-28T10:00:00Z"} if i % 2 else None,
    }


def config_for(api, **extra):
    return api_config(api, "reviews_api", business_unit_id="bu-1", per_page=2, **extra)


def ids(settings):
    return [r[0] for r in db_rows(settings, "SELECT doc_id FROM documents ORDER BY doc_id")]


def test_review_record_is_the_review_schema():
    record = review_record(review(1, 3, stars=2), "trustpilot")
    assert record == {
        "id": "rev01", "created_at": "2026-02-03T10:00:00Z",
        "text": "Recensione 1: consegna puntuale ma imballo rovinato.", "title": "Titolo 1",
        "rating": 2, "channel": "trustpilot", "customer_id": "cons1",
    }  # fmt: skip


def test_pull_pages_then_incremental(fake_api, settings, fake_ingest, sleeps):
    fake_api.reviews = [review(i, i) for i in range(1, 6)]
    result = pull_source(
        settings, config_for(fake_api), NOW, ingest=fake_ingest, env=ENV, sleep=sleeps
    )
    assert result["pages"] == 3 and result["records"] == 5
    assert result["watermark"] == "2026-02-05T10:00:00Z"
    assert all(h.get("apikey") == TOKEN for _, _, h in fake_api.requests)  # header auth
    assert ids(settings) == [f"reviews:rev0{i}" for i in range(1, 6)]
    assert db_rows(settings, "SELECT rating FROM documents WHERE doc_id = 'reviews:rev01'") == [
        (4.0,)
    ]

    fake_api.reviews += [review(6, 7), review(7, 8)]
    fake_api.requests.clear()
    second = pull_source(
        settings, config_for(fake_api), NOW, ingest=fake_ingest, env=ENV, sleep=sleeps
    )
    first_query = fake_api.calls("/v1/")[0]
    assert first_query["startDateTime"] == "2026-02-05T10:00:00Z" and first_query["page"] == "1"
    # the boundary review is read again (inclusive) and left unchanged: no duplicate
    assert second["inserted"] == 2 and second["unchanged"] == 1
    assert ids(settings) == [f"reviews:rev0{i}" for i in range(1, 8)]


def test_fault_on_page_three_resumes_from_page_two_watermark(
    fake_api, settings, fake_ingest, sleeps
):
    fake_api.reviews = [review(i, i) for i in range(1, 8)]
    fake_api.fault("reviews", "ok", "429", "ok", "timeout", *["500"] * 6)  # page 3 fails
    config = config_for(fake_api, retries=3)
    with pytest.raises(HttpSourceError, match="after 4 attempts"):
        pull_source(settings, config, NOW, ingest=fake_ingest, env=ENV, sleep=sleeps)
    assert 7.0 in sleeps
    assert ids(settings) == [f"reviews:rev0{i}" for i in range(1, 5)]
    assert db_rows(settings, "SELECT watermark FROM source_state") == [("2026-02-04T10:00:00Z",)]
    fake_api.faults.clear()
    result = pull_source(settings, config, NOW, ingest=fake_ingest, env=ENV, sleep=sleeps)
    assert result["watermark_before"] == "2026-02-04T10:00:00Z"
    assert ids(settings) == [f"reviews:rev0{i}" for i in range(1, 8)]
    assert db_rows(settings, "SELECT count(*), count(DISTINCT source_id) FROM documents") == [
        (7, 7)
    ]


def test_malformed_page_retried_and_repeated_page_detected(fake_api, settings, fake_ingest, sleeps):
    fake_api.reviews = [review(i, i) for i in range(1, 6)]
    fake_api.fault("reviews", "malformed", "ok", "repeat")
    with pytest.raises(RepeatedCursorError):
        pull_source(settings, config_for(fake_api), NOW, ingest=fake_ingest, env=ENV, sleep=sleeps)
    assert ids(settings) == ["reviews:rev01", "reviews:rev02"]
    pull_source(settings, config_for(fake_api), NOW, ingest=fake_ingest, env=ENV, sleep=sleeps)
    assert len(ids(settings)) == 5


def test_config_errors_are_one_line(settings, fake_ingest):
    with pytest.raises(VocError, match="business_unit_id"):
        pull_source(settings, {"name": "tp", "type": "reviews_api", "base_url": "http://127.0.0.1:9",
                               "trust_env": False}, NOW, ingest=fake_ingest)  # fmt: skip
    with pytest.raises(VocError, match="base_url"):
        pull_source(settings, {"name": "tp", "type": "reviews_api"}, NOW, ingest=fake_ingest)
    with pytest.raises(VocError, match="type must be one of"):
        pull_source(settings, {"name": "tp", "type": "ftp"}, NOW, ingest=fake_ingest)

"""Tests for the Lumenia demo data generator (pipelines.demo.generate)."""

from __future__ import annotations

import csv
import itertools
import json
import re
from collections import Counter
from datetime import date, datetime, timedelta
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

import pytest

from pipelines.demo.corpus import CATEGORIES, load_banks
from pipelines.demo.generate import DemoManifest, generate_demo

START = date(2026, 7, 6)
REVIEW_COLUMNS = ["id", "created_at", "text", "title", "rating", "channel", "customer_id"]
TICKET_KEYS = {"id", "requester_id", "status", "created_at", "updated_at", "solved_at", "subject",
               "channel", "priority", "comments"}  # fmt: skip
SOCIAL_KEYS = {"id", "platform", "author_id", "created_at", "text", "in_reply_to"}
CHURN_RE = re.compile(
    r"disdett|disdetto|recesso|recedere|portabilit|altro (operatore|fornitore)|cambio fornitore|"
    r"me ne vado|passo altrove|passo a |sono passat[oa] a |sto passando|ho già (firmato|sottoscritto)",
    re.IGNORECASE,
)
STAY_RE = re.compile(
    r"non voglio disdire|non (ho intenzione di|voglio) cambiare|resto cliente|rimango con voi|"
    r"non sto minacciando|la disdetta non la faccio|non (voglio|intendo) (andarmene|disdire)",
    re.IGNORECASE,
)


class Demo:
    """Parsed output of one generate_demo call."""

    def __init__(self, manifest: DemoManifest) -> None:
        self.m = manifest
        with manifest.reviews_path.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            self.review_header = reader.fieldnames
            self.reviews = list(reader)
        self.tickets: list[dict[str, Any]] = json.loads(
            manifest.tickets_path.read_text(encoding="utf-8")
        )["tickets"]
        lines = manifest.social_path.read_text(encoding="utf-8").splitlines()
        self.social = [json.loads(line) for line in lines]
        self.gt: dict[str, Any] = json.loads(manifest.ground_truth_path.read_text(encoding="utf-8"))
        invalid = self.gt["invalid_rows"]["rows"]
        self.invalid_ids = {(r["kind"], r["id"]) for r in invalid}
        self.by_id = {
            "reviews": {r["id"]: r for r in self.reviews},
            "tickets": {str(t["id"]): t for t in self.tickets},
            "social": {s["id"]: s for s in self.social},
        }

    def text(self, kind: str, doc_id: str) -> str:
        row = self.by_id[kind][doc_id]
        if kind != "tickets":
            return str(row["text"])
        customer = [c["body"] for c in row["comments"] if c["author_role"] == "customer"]
        return " ".join([row["subject"], *customer])

    def all_texts(self) -> list[str]:
        return [self.text(k, i) for k, rows in self.by_id.items() for i in rows
                if (k, i) not in self.invalid_ids]  # fmt: skip

    def week(self, created_at: str) -> int:
        ts = datetime.fromisoformat(created_at.replace("Z", ""))
        return (ts - datetime(START.year, START.month, START.day)).days // 7 + 1


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Demo:
    return Demo(generate_demo(tmp_path_factory.mktemp("small"), seed=7, scale=0.05))


@pytest.fixture(scope="module")
def full(tmp_path_factory: pytest.TempPathFactory) -> Demo:
    return Demo(generate_demo(tmp_path_factory.mktemp("full"), seed=42, scale=1.0))


def _ngram_diversity(texts: list[str], n: int = 3) -> float:
    grams: list[tuple[str, ...]] = []
    for t in texts:
        words = re.findall(r"\w+", t.lower())
        grams += zip(*(words[i:] for i in range(n)), strict=False)
    return len(set(grams)) / len(grams)


def _cf_is_valid(cf: str) -> bool:
    """Independent codice fiscale check-character test (odd/even position tables)."""
    if not re.fullmatch(r"[A-Z]{6}\d{2}[A-EHLMPRST]\d{2}[A-Z]\d{3}[A-Z]", cf):
        return False
    odd = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25,
           24, 23]  # fmt: skip
    total = 0
    for i, ch in enumerate(cf[:15]):
        v = int(ch) if ch.isdigit() else ord(ch) - 65
        total += odd[v] if i % 2 == 0 else v
    return cf[15] == chr(65 + total % 26)


def test_same_seed_gives_byte_identical_files(tmp_path: Path) -> None:
    a = generate_demo(tmp_path / "a", seed=3, scale=0.03)
    b = generate_demo(tmp_path / "b", seed=3, scale=0.03)
    c = generate_demo(tmp_path / "c", seed=4, scale=0.03)
    for name in ("reviews_path", "tickets_path", "social_path", "surveys_path",
                 "ground_truth_path"):  # fmt: skip
        assert getattr(a, name).read_bytes() == getattr(b, name).read_bytes(), name
    assert a.reviews_path.read_bytes() != c.reviews_path.read_bytes()


def test_manifest_matches_files(small: Demo) -> None:
    m = small.m
    assert (m.n_reviews, m.n_tickets, m.n_social) == (
        len(small.reviews),
        len(small.tickets),
        len(small.social),
    )
    assert m.start == START and m.weeks == 16
    assert small.gt["counts"]["rows"] == {"reviews": m.n_reviews, "tickets": m.n_tickets,
                                          "social": m.n_social}  # fmt: skip
    assert min(m.n_reviews, m.n_tickets, m.n_social) > 40


def test_reviews_schema(small: Demo) -> None:
    assert small.review_header == REVIEW_COLUMNS
    ids = [r["id"] for r in small.reviews]
    assert len(set(ids)) == len(ids)
    for r in small.reviews:
        assert r["channel"] in {"google", "trustpilot", "app_store", "play_store", "sito"}
        assert r["customer_id"] == "" or re.fullmatch(r"CL-\d{6}", r["customer_id"])
        if ("reviews", r["id"]) in small.invalid_ids:
            continue
        datetime.fromisoformat(r["created_at"])
        assert "T" in r["created_at"]
        assert r["rating"] == "" or 1 <= int(r["rating"]) <= 5
        assert r["text"].strip()


def test_tickets_schema_and_threads(small: Demo) -> None:
    horizon = datetime(2026, 10, 26)
    reopened = set(small.gt["sla"]["reopened_ids"])
    for t in small.tickets:
        assert set(t) == TICKET_KEYS
        assert isinstance(t["id"], int)
        assert re.fullmatch(r"CL-\d{6}", t["requester_id"])
        assert t["status"] in {"new", "open", "pending", "hold", "solved", "closed"}
        assert t["channel"] in {"email", "web", "chat", "phone"}
        # A reopened ticket gains the customer's new message and an agent's answer.
        assert 1 <= len(t["comments"]) <= (8 if str(t["id"]) in reopened else 6)
        assert t["comments"][0]["author_role"] == "customer"
        assert all(c["author_role"] in {"customer", "agent"} for c in t["comments"])
        times = [datetime.fromisoformat(c["created_at"].replace("Z", "")) for c in t["comments"]]
        assert times == sorted(times) and times[-1] < horizon
        # A reopened ticket is open again and keeps the time of its last solve (as helpdesks do).
        solved = t["status"] in {"solved", "closed"} or str(t["id"]) in reopened
        assert (t["solved_at"] is not None) == solved
        if ("tickets", str(t["id"])) in small.invalid_ids:
            continue
        created = datetime.fromisoformat(t["created_at"].replace("Z", ""))
        assert created == times[0]
        assert datetime.fromisoformat(t["updated_at"].replace("Z", "")) >= times[-1]
    ids = [c["id"] for t in small.tickets for c in t["comments"]]
    assert len(set(ids)) == len(ids)


def test_social_schema_and_replies(small: Demo) -> None:
    seen: set[str] = set()
    for s in small.social:
        assert set(s) == SOCIAL_KEYS
        assert s["platform"] in {"twitter", "facebook", "instagram", "tiktok"}
        assert s["author_id"].startswith("@")
        if s["in_reply_to"] is not None:
            assert s["in_reply_to"] in seen  # replies point at an earlier post
        seen.add(s["id"])
    assert any(s["in_reply_to"] for s in small.social)


def test_ground_truth_ids_exist(small: Demo) -> None:
    gt = small.gt
    for name in ("emerging", "fading"):
        for kind, ids in gt["events"][name]["ids"].items():
            assert set(ids) <= set(small.by_id[kind]), (name, kind)
    for name in ("churn_cohort", "hard_negatives"):
        event = gt["events"][name]
        assert set(event["contacts"]) == set(event["customer_ids"])
        for cid, contacts in event["contacts"].items():
            assert contacts, cid
            for c in contacts:
                row = small.by_id[c["kind"]][c["id"]]
                assert row.get("customer_id", row.get("requester_id")) == cid
    for row in gt["invalid_rows"]["rows"]:
        assert row["id"] in small.by_id[row["kind"]]
    for pair in gt["near_duplicates"]["pairs"]:
        assert {pair["id"], pair["duplicate_of"]} <= set(small.by_id[pair["kind"]])
    assert set(gt["non_italian"]["ids"]["social"]) <= set(small.by_id["social"])
    for doc in gt["pii"]["docs"]:
        assert doc["id"] in small.by_id[doc["kind"]]
    labelled = {(k, i) for k, v in gt["labels"].items() for i in v}
    assert all(label["category"] in {c[0] for c in CATEGORIES.values()} | {None}
               for v in gt["labels"].values() for label in v.values())  # fmt: skip
    assert len(labelled) > 0.9 * sum(len(v) for v in small.by_id.values())


def test_emerging_complaint_grows_after_onset(small: Demo) -> None:
    ev = small.gt["events"]["emerging"]
    counts = ev["weekly_counts"]
    assert ev["onset_week"] == 10 and ev["onset_iso_week"] == "2026-W37"
    assert sum(counts[:9]) == 0
    after = counts[9:]
    assert all(b >= a for a, b in itertools.pairwise(after)) and after[-1] > after[0] > 0
    for kind, ids in ev["ids"].items():  # counts agree with the rows' own dates
        for i in ids:
            assert small.week(small.by_id[kind][i]["created_at"]) >= 10
    key = re.compile(r"doppi[oa] addebit|due volte|duplicat|addebito doppio", re.IGNORECASE)
    texts = [small.text(k, i) for k, ids in ev["ids"].items() for i in ids]
    assert sum(bool(key.search(t)) for t in texts) >= 0.8 * len(texts)


def test_fading_complaint_decays(small: Demo) -> None:
    counts = small.gt["events"]["fading"]["weekly_counts"]
    assert counts[0] > counts[4] > 0
    assert sum(counts[7:]) == 0
    assert sum(counts[:5]) > 0.9 * sum(counts)


def test_outage_channel_is_silent(full: Demo) -> None:
    out = full.gt["events"]["channel_outage"]
    assert (out["kind"], out["channel"], out["weeks"]) == ("reviews", "trustpilot", [7, 8])
    weeks = Counter(
        full.week(r["created_at"])
        for r in full.reviews
        if r["channel"] == "trustpilot" and ("reviews", r["id"]) not in full.invalid_ids
    )
    assert weeks[7] == weeks[8] == 0
    assert min(weeks[w] for w in (1, 2, 3, 4, 5, 6, 9, 10, 11, 12)) > 10
    weekly = full.gt["counts"]["weekly_by_channel"]["reviews"]["trustpilot"]
    assert weekly[6] == weekly[7] == 0


def test_baseline_volume_is_smooth(full: Demo) -> None:
    """A normal week must not look like an anomaly: no baseline week far from the median."""
    weekly = full.gt["counts"]["weekly_by_channel"]
    for kind in ("tickets", "social"):
        totals = [sum(col[w] for col in weekly[kind].values()) for w in range(16)]
        ordered = sorted(totals)
        median = ordered[8]
        assert max(totals) < 1.5 * median and min(totals) > 0.65 * median, (kind, totals)


def test_churn_cohort_escalates_and_hard_negatives_stay(full: Demo) -> None:
    cohort = full.gt["events"]["churn_cohort"]
    assert 50 <= cohort["n_customers"] <= 70
    finals, first_gaps, last_gaps = 0, [], []
    for contacts in cohort["contacts"].values():
        assert [c["stage"] for c in contacts] == sorted(c["stage"] for c in contacts)
        assert contacts[-1]["stage"] == 3 and contacts[-1]["week"] >= 12
        finals += bool(CHURN_RE.search(full.text(contacts[-1]["kind"], contacts[-1]["id"])))
        weeks = [c["week"] for c in contacts]
        first_gaps.append(weeks[1] - weeks[0])
        last_gaps.append(weeks[-1] - weeks[-2])
    assert finals >= 0.9 * cohort["n_customers"]
    assert sum(last_gaps) < 0.6 * sum(first_gaps)  # contacts get more frequent
    hard = full.gt["events"]["hard_negatives"]
    assert 15 <= hard["n_customers"] <= 25
    assert not set(hard["customer_ids"]) & set(cohort["customer_ids"])
    staying = sum(
        any(STAY_RE.search(full.text(c["kind"], c["id"])) for c in contacts)
        for contacts in hard["contacts"].values()
    )
    assert staying >= 0.7 * hard["n_customers"]


def test_invalid_rows_are_planted_where_recorded(small: Demo) -> None:
    inv = small.gt["invalid_rows"]
    assert 5 <= inv["total"] <= 15 and inv["total"] == len(inv["rows"])
    rows = {"reviews": small.reviews, "tickets": small.tickets, "social": small.social}
    for r in inv["rows"]:
        row = rows[r["kind"]][r["source_row"] - 1]
        assert str(row["id"]) == r["id"]
        if r["field"] == "text":
            assert not row["text"].strip()
        elif r["field"] == "rating":
            assert row["rating"] == "7"
        else:
            with pytest.raises(ValueError):
                datetime.fromisoformat(row["created_at"].replace("Z", ""))


def test_personal_data_is_planted_and_recorded(full: Demo) -> None:
    pii = full.gt["pii"]["docs"]
    tickets_with_pii = [d for d in pii if d["kind"] == "tickets"]
    assert 0.03 <= len(tickets_with_pii) / len(full.tickets) <= 0.08
    kinds = Counter(item["type"] for d in pii for item in d["items"])
    assert {"name", "phone", "email", "cf", "iban"} <= set(kinds)
    for d in pii:
        row = full.by_id[d["kind"]][d["id"]]
        blob = json.dumps(row, ensure_ascii=False)
        for item in d["items"]:
            assert item["value"] in blob, item
            if item["type"] == "iban":
                iban = item["value"].replace(" ", "")
                digits = "".join(str(int(c, 36)) for c in iban[4:] + iban[:4])
                assert int(digits) % 97 == 1
            if item["type"] == "cf":
                assert _cf_is_valid(item["value"].upper()), item


def test_full_scale_volumes_and_mix(full: Demo) -> None:
    total = len(full.reviews) + len(full.tickets) + len(full.social)
    assert 5000 <= total <= 6500
    with_customer = sum(bool(r["customer_id"]) for r in full.reviews) / len(full.reviews)
    assert 0.5 <= with_customer <= 0.75
    assert 0.02 <= full.gt["non_italian"]["count"] / len(full.social) <= 0.05
    assert 0.005 <= full.gt["near_duplicates"]["count"] / total <= 0.02
    channels = Counter(t["channel"] for t in full.tickets)
    assert set(channels) == {"email", "web", "chat", "phone"}
    labels = Counter(v["category"] for v in full.gt["labels"]["tickets"].values())
    assert len(labels) == len(CATEGORIES)


def test_near_duplicates_share_author_and_text(full: Demo) -> None:
    for pair in full.gt["near_duplicates"]["pairs"]:
        a = full.by_id[pair["kind"]][pair["id"]]
        b = full.by_id[pair["kind"]][pair["duplicate_of"]]
        for key in ("author_id", "customer_id", "requester_id"):
            assert a.get(key) == b.get(key)
        if pair["kind"] == "tickets":  # the original may have grown a thread since
            ta, tb = a["comments"][0]["body"], b["comments"][0]["body"]
        else:
            ta, tb = a["text"], b["text"]
        assert ta != tb
        assert SequenceMatcher(None, ta.lower(), tb.lower()).ratio() > 0.85, (ta, tb)


def test_texts_are_varied_and_noisy(full: Demo, small: Demo) -> None:
    texts = full.all_texts()
    assert len(set(texts)) / len(texts) >= 0.95
    assert _ngram_diversity(small.all_texts()) >= 0.6
    assert _ngram_diversity(texts[::5]) >= 0.45
    joined = "\n".join(texts)
    for marker in (" nn ", "xké", "cmq", "Gentile servizio clienti", "Cordiali saluti", "😡", "👍",
                   "Aò", "Maronna mia", "Ostrega", "[Trascrizione automatica]", "Complimenti"):  # fmt: skip
        assert marker in joined, marker
    lengths = [len(re.findall(r"[.!?]+(?:\s|$)", t)) for t in texts]
    assert sum(n >= 5 for n in lengths) > 0.08 * len(texts)  # long texts exist
    assert sum(len(t.split()) <= 12 for t in texts) > 0.1 * len(texts)  # and short ones
    assert re.search(r"gentil\w+,? (ma|però|peccato che)", joined, re.IGNORECASE)


def test_ratings_follow_sentiment(full: Demo) -> None:
    labels = full.gt["labels"]["reviews"]
    by_sent: dict[str, list[int]] = {}
    for r in full.reviews:
        if r["rating"] and r["id"] in labels:
            by_sent.setdefault(labels[r["id"]]["sentiment"], []).append(int(r["rating"]))
    mean = {k: sum(v) / len(v) for k, v in by_sent.items()}
    assert mean["neg"] < 2.0 < mean["mixed"] < mean["neu"] < mean["pos"]
    assert mean["pos"] > 4.2


def test_banks_parse_and_expand() -> None:
    banks = load_banks()
    for key in CATEGORIES:
        for part in ("neg", "pos", "neu", "detail", "short", "subj", "title"):
            assert banks[f"{key}.{part}"], (key, part)
    for frags in banks.values():
        for f in frags:
            assert f.count("[") == f.count("]") and f.count("{") == f.count("}")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"start": date(2026, 7, 7)}, "Monday"),
        ({"weeks": 4}, "weeks"),
        ({"scale": 0.0}, "scale"),
    ],
)
def test_rejects_bad_arguments(tmp_path: Path, kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        generate_demo(tmp_path, **kwargs)


def test_other_week_counts_still_plant_events(tmp_path: Path) -> None:
    m = generate_demo(tmp_path, weeks=10, start=START + timedelta(days=7), scale=0.05)
    gt = json.loads(m.ground_truth_path.read_text(encoding="utf-8"))
    counts = gt["events"]["emerging"]["weekly_counts"]
    assert len(counts) == 10 and counts[-1] > 0
    assert gt["events"]["emerging"]["onset_week"] < 10


# --------------------------------------------------------------------------- surveys, SLA


def _surveys(demo: Demo) -> list[dict[str, str]]:
    assert demo.m.surveys_path is not None
    with demo.m.surveys_path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_surveys_file_and_planted_driver(full: Demo) -> None:
    rows = _surveys(full)
    assert len(rows) == full.m.n_surveys == full.gt["surveys"]["n_responses"]
    assert {"id", "created_at", "nps", "csat", "ces", "text", "touchpoint"} <= set(rows[0])
    nps = [int(r["nps"]) for r in rows]
    assert min(nps) >= 0 and max(nps) <= 10
    with_text = [r for r in rows if r["text"]]
    # Some responses are scores only: they must count without a verbatim.
    assert 0.45 < len(with_text) / len(rows) < 0.75
    labels = full.gt["surveys"]["labels"]
    driver = full.gt["surveys"]["driver"]["category"]

    def detractors(selected: list[dict[str, str]]) -> float:
        return sum(int(r["nps"]) <= 6 for r in selected) / len(selected)

    about = [r for r in with_text if driver in labels[r["id"]]["topics"]]
    others = [r for r in with_text if driver not in labels[r["id"]]["topics"]]
    assert detractors(about) > detractors(others) + 0.3
    # The overlap theme rides along with the driver in about half of its comments.
    overlap = full.gt["surveys"]["overlap"]["category"]
    both = sum(overlap in labels[r["id"]]["topics"] for r in about) / len(about)
    assert 0.35 < both < 0.65


def test_planted_sla_channel_and_reopenings(full: Demo) -> None:
    sla = full.gt["sla"]
    tickets = full.by_id["tickets"]
    assert sla["channel"] == "email" and len(sla["delayed_ids"]) >= 15
    for tid in sla["delayed_ids"]:
        t = tickets[tid]
        assert t["channel"] == "email"
        assert full.week(t["created_at"]) >= sla["onset_week"]
        first_agent = next((c for c in t["comments"] if c["author_role"] == "agent"), None)
        created = datetime.fromisoformat(t["created_at"][:-1])
        if first_agent is None:  # the delayed answer falls after the data ends
            assert created + timedelta(hours=48) > datetime(2026, 10, 26) - timedelta(days=7)
            continue
        wait = datetime.fromisoformat(first_agent["created_at"][:-1]) - created
        assert wait >= timedelta(hours=48)
    for tid in sla["reopened_ids"]:
        t = tickets[tid]
        solved = datetime.fromisoformat(t["solved_at"][:-1])
        after = [c for c in t["comments"] if datetime.fromisoformat(c["created_at"][:-1]) > solved]
        assert after[0]["author_role"] == "customer" and t["status"] == "open"
    assert {t["priority"] for t in full.tickets} == {"low", "normal", "high", "urgent"}

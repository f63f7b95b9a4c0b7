"""Source configs to clients and connectors: the ``[sources.NAME]`` tables of ``voc.toml``.

Common keys: ``timeout`` (s, default 30), ``retries`` (default 4), ``backoff`` (s, default 1),
``backoff_max``, ``max_retry_after`` (s, default 300), ``deadline`` (s per pull, default 3600),
``max_pages``, ``batch_size`` (records per staged file, default 5000), ``keep_staging``
(default false: a staged file, already redacted, is deleted once its ingest returns),
``trust_env`` (use proxy variables, default true).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import httpx

from pipelines.config import read_sources
from pipelines.errors import VocError
from pipelines.sources.auth import auth_headers, check_no_inline_secrets, resolve_secret
from pipelines.sources.client import HttpClient, RetryPolicy
from pipelines.sources.connector import Connector
from pipelines.sources.rest import RestMapping, RestSource
from pipelines.sources.reviews_api import ReviewsApiSource
from pipelines.sources.zendesk import ZendeskSource

__all__ = ["SOURCE_TYPES", "load_sources", "make_client", "make_connector", "validate_source"]

SOURCE_TYPES = ("zendesk", "reviews_api", "rest", "folder")
_DEFAULT_AUTH = {"zendesk": "bearer", "reviews_api": "header", "rest": "bearer"}


def load_sources(config_path: Path) -> dict[str, dict[str, Any]]:
    """The ``[sources.NAME]`` tables of a ``voc.toml``, each with its ``name`` added.

    They are typed like the rest of the file (:func:`pipelines.config.read_sources`, the same
    list as ``settings.sources``); each is returned as the mapping the connectors read. Relative
    ``mapping`` and ``path`` values are resolved against the TOML file's folder.

    Raises:
        VocError: unreadable TOML, a source that is not a table, an unknown ``type`` or key, a
            value of the wrong type or a credential written inline (one line naming the file,
            the table and the key).
    """
    return {source.name: source.as_config() for source in read_sources(Path(config_path))}


def validate_source(config: Mapping[str, Any]) -> tuple[str, str]:
    """``(name, type)`` of a source config, after the checks every pull needs.

    Raises:
        VocError: no name, an unknown type, a credential written inline, or no ``base_url``
            for an API source.
    """
    name = config.get("name")
    if not name:
        raise VocError("source config needs a 'name' (the NAME of [sources.NAME])")
    kind = config.get("type")
    if kind not in SOURCE_TYPES:
        raise VocError(
            f"source '{name}': type must be one of {', '.join(SOURCE_TYPES)}, got {kind!r}"
        )
    check_no_inline_secrets(config, str(name))
    if kind != "folder" and not config.get("base_url"):
        raise VocError(f"source '{name}': base_url is required for type {kind}")
    return str(name), str(kind)


def make_client(
    config: Mapping[str, Any],
    *,
    env: Mapping[str, str] | None = None,
    secret_loader: Callable[[str], str] | None = None,
    sleep: Callable[[float], None] | None = None,
    clock: Callable[[], float] | None = None,
    transport: httpx.BaseTransport | None = None,
    seed: int = 0,
) -> HttpClient:
    """An :class:`HttpClient` for an API source, with its credential resolved."""
    name, kind = validate_source(config)
    secret = resolve_secret(config, env=env, secret_loader=secret_loader)
    default_auth = (
        "basic"
        if kind == "zendesk" and config.get("auth_user")
        else _DEFAULT_AUTH.get(kind, "bearer")
    )
    headers = {"Accept": "application/json", "User-Agent": "voc-italia"}
    headers.update(auth_headers(config, secret, default=default_auth))
    return HttpClient(
        str(config["base_url"]),
        source=name,
        headers=headers,
        policy=RetryPolicy.from_config(config),
        sleep=time.sleep if sleep is None else sleep,
        clock=time.monotonic if clock is None else clock,
        transport=transport,
        trust_env=bool(config.get("trust_env", True)),
        seed=seed,
    )


def make_connector(config: Mapping[str, Any], client: HttpClient) -> Connector:
    """The connector of an API source (``zendesk``, ``reviews_api`` or ``rest``)."""
    name, kind = validate_source(config)
    if kind == "zendesk":
        return ZendeskSource(config, client)
    if kind == "reviews_api":
        return ReviewsApiSource(config, client)
    if kind == "rest":
        if not config.get("mapping"):
            raise VocError(f"source '{name}': type rest needs mapping = \"file.yaml\"")
        return RestSource(config, client, RestMapping.load(Path(str(config["mapping"]))))
    raise VocError(f"source '{name}': type {kind} is not an API source")

"""Sources beyond files: APIs (Zendesk, reviews, generic REST) and a watched folder.

Sources are configured in ``voc.toml``::

    [sources.helpdesk]
    type = "zendesk"                       # zendesk | reviews_api | rest | folder
    base_url = "https://acme.zendesk.com"
    auth_env = "ZENDESK_TOKEN"             # or auth_secret = "prefect-secret-block"
    auth_user = "agent@acme.it/token"

    [sources.trustpilot]
    type = "reviews_api"
    base_url = "https://api.trustpilot.com"
    business_unit_id = "abc123"
    auth_env = "TRUSTPILOT_API_KEY"

    [sources.mentions]
    type = "rest"
    base_url = "https://social.example.com"
    mapping = "mentions.yaml"              # relative to voc.toml

    [sources.crm_exports]
    type = "folder"
    path = "/srv/exports/voc"

This package reads sources and stages their records; it never opens the database. The step
:func:`pipelines.steps.pull.pull_source` pulls one source: the records are redacted (with
redaction on, the default), written to a JSONL file in ``<db stem>_staging/``, ingested with
:func:`pipelines.steps.ingest_file` (idempotent by document id) and the file deleted
(``keep_staging = true`` keeps it); the source's watermark is advanced only after that ingest
committed. A crash between pull and ingest therefore re-pulls the same records on the next run:
nothing is lost, nothing is duplicated.

Modules: :mod:`~pipelines.sources.registry` (configs to clients and connectors, common keys),
:mod:`~pipelines.sources.pull` (batching, staging, the API pull loop),
:mod:`~pipelines.sources.folder` (the watched folder), :mod:`~pipelines.sources.http` (client,
auth, pagination, the connector contract) and one module per connector type.
"""

from pipelines.sources.folder import ProcessedFiles, pull_folder
from pipelines.sources.pull import Batcher, pull_api, staging_dir
from pipelines.sources.registry import (
    SOURCE_TYPES,
    load_sources,
    make_client,
    make_connector,
    validate_source,
)

__all__ = [
    "SOURCE_TYPES",
    "Batcher",
    "ProcessedFiles",
    "load_sources",
    "make_client",
    "make_connector",
    "pull_api",
    "pull_folder",
    "staging_dir",
    "validate_source",
]

"""Personal data in whole records: pseudonymised customer ids, and records redacted before they
are written anywhere (the API sources stage their pages as JSON Lines before the ingest).

The ingest (:mod:`pipelines.ingest.prepare_frames`) and the staging share these rules, so a
staged record holds nothing the ingest would remove, and re-ingesting it stores the same
document: its texts go through the same normalisation and redaction, and a hashed customer id
stays the same hash.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from typing import Any

from pipelines.ingest.normalize import normalize_text
from pipelines.ingest.redact import redact, redact_value

__all__ = [
    "ID_FIELDS",
    "STRUCTURAL_FIELDS",
    "customer_id_forms",
    "pseudonymise",
    "redact_raw",
    "redact_record",
]

#: Fields that hold who wrote a record: pseudonymised when they are personal (e-mail, phone).
ID_FIELDS = frozenset({"customer_id", "requester_id", "author_id", "in_reply_to"})
#: Fields that hold no free text: kept as they are. Every other string is redacted.
STRUCTURAL_FIELDS = frozenset(
    {
        "id",
        "created_at",
        "updated_at",
        "solved_at",
        "status",
        "channel",
        "platform",
        "rating",
        "author_role",
    }
)
_HASHED = re.compile(r"^h:[0-9a-f]{16}$")


def _hash(value: str) -> str:
    return "h:" + hashlib.sha256(value.strip().lower().encode("utf-8")).hexdigest()[:16]


def pseudonymise(value: str | None) -> str | None:
    """Replace a customer id that is itself personal data (an e-mail, a phone) by a hash.

    An id that is already such a hash is returned as it is, so a record pseudonymised before
    staging keeps its id through the ingest.
    """
    if value is None or _HASHED.match(value):
        return value
    redacted, counts = redact(value)
    if not counts or redacted == value:
        return value
    return _hash(value)


def customer_id_forms(raw: str) -> list[str]:
    """Every form in which customer id ``raw`` may be stored: as written, trimmed, and hashed
    (whether or not the redactor of the day finds it personal: an id stored by an older
    version may have been hashed by other rules)."""
    forms = [raw, raw.strip(), _hash(raw)]
    return list(dict.fromkeys(f for f in forms if f))


def _scrub_text(text: str) -> str:
    """``text`` as the ingest would store it when it holds personal data, else unchanged.

    Unchanged texts keep their HTML or mojibake, so the ingest still records those repairs.
    """
    clean, _repairs = normalize_text(text)
    redacted, counts = redact(clean)
    return redacted if counts else text


def _scrub_value(value: Any) -> Any:
    if isinstance(value, str):
        return _scrub_text(value)
    if isinstance(value, Mapping):
        return redact_record(value)
    if isinstance(value, list | tuple):
        return [_scrub_value(v) for v in value]
    return value


def _scrub_id(value: Any) -> Any:
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str | int):
        # A phone stored as a number is as personal as one stored as text.
        hashed = pseudonymise(str(value))
        return value if hashed == str(value) else hashed
    return _scrub_value(value)


def redact_record(record: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of a canonical record (review, ticket with comments, social post) with its texts
    redacted and its personal customer ids hashed.

    Args:
        record: a record in the project's input schema (docs/architecture.md); nested comment
            objects follow the same rules.

    Returns:
        The record with every string outside :data:`STRUCTURAL_FIELDS` and :data:`ID_FIELDS`
        normalised and redacted when it holds personal data (left as it is otherwise), and the
        :data:`ID_FIELDS` pseudonymised like the ingest does.
    """
    out: dict[str, Any] = {}
    for key, value in record.items():
        if key in STRUCTURAL_FIELDS:
            out[key] = value
        elif key in ID_FIELDS:
            out[key] = _scrub_id(value)
        else:
            out[key] = _scrub_value(value)
    return out


def redact_raw(value: Any) -> Any:
    """A quarantined row's raw record, redacted: every string (a malformed row may hold
    personal data in any field), but the :data:`ID_FIELDS` pseudonymised rather than replaced,
    so ``voc forget`` still finds the row of a customer whose id is an e-mail."""
    if isinstance(value, Mapping):
        return {
            key: _scrub_id(item)
            if key in ID_FIELDS and isinstance(item, str | int)
            else redact_raw(item)
            for key, item in value.items()
        }
    if isinstance(value, list | tuple):
        return [redact_raw(v) for v in value]
    return redact_value(value)

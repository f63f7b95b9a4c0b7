"""Storage failures become one actionable line."""

from __future__ import annotations

import pytest

from pipelines.errors import storage_error_message


@pytest.mark.parametrize(
    ("exc", "expected"),
    [
        (OSError(28, "No space left on device"), "disk is full"),
        (RuntimeError('Failed to commit: Could not write file "x.wal": No space left on device'),
         "disk is full"),
        (OSError(30, "Read-only file system"), "cannot write"),
        (RuntimeError("IO Error: Cannot open file: Permission denied"), "cannot write"),
    ],
)  # fmt: skip
def test_storage_failures_are_explained(exc: BaseException, expected: str) -> None:
    message = storage_error_message(exc)
    assert message is not None and message.startswith(expected)
    assert "\n" not in message and "half-written" in message


def test_other_errors_are_not_disguised() -> None:
    assert storage_error_message(ValueError("division by zero")) is None

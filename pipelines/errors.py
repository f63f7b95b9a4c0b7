"""User-facing errors.

The CLI prints ``str(error)`` of a :class:`VocError` without a traceback, so the message must
stand on its own: one line that names the file (and row/field when known) and says how to fix it.
"""

from __future__ import annotations


class VocError(Exception):
    """An error the user can fix; ``str()`` is a single self-explanatory line.

    Args:
        message: What went wrong and how to fix it. Newlines and runs of whitespace are collapsed
            so the message always prints as one line.
    """

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(str(message).split()))


class InputFileError(VocError):
    """An input file that cannot be read or lacks a required column.

    Args:
        message: The one-line explanation, usually starting with the file name.
        path: The offending file, kept for programmatic use (not printed twice).
        row: 1-based data row when the problem is row-specific.
        field: Column name when the problem is column-specific.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        row: int | None = None,
        field: str | None = None,
    ) -> None:
        super().__init__(message)
        self.path = path
        self.row = row
        self.field = field

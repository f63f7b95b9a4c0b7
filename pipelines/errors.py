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


class DatabaseBusyError(VocError):
    """Another process holds the DuckDB file (a pipeline run writing): try again shortly.

    Readers that must not wait (the workbench app) catch it and show "aggiornamento in corso";
    edits catch it and stay in the pending queue.
    """


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


_ENOSPC_HINTS = ("No space left on device", "Disk quota exceeded", "disk is full")
_READ_ONLY_HINTS = ("Read-only file system", "Permission denied", "read-only")


def storage_error_message(exc: BaseException) -> str | None:
    """A one-line explanation of a storage failure (disk full, read-only folder), else ``None``.

    DuckDB reports these as ``IOException``/``TransactionException`` with the OS message inside;
    they are the user's to fix (free space, pick a writable folder), so the CLI prints this line
    instead of a traceback. The batch that failed was one transaction and left nothing behind.
    """
    errno = getattr(exc, "errno", None)
    text = " ".join(str(exc).split())
    detail = text.split("Error: ", 1)[-1][:300]
    if errno == 28 or any(h in text for h in _ENOSPC_HINTS):
        return (
            f"disk is full ({detail}). Nothing was half-written: free some space and run the "
            "same command again."
        )
    if errno in (13, 30) or any(h in text for h in _READ_ONLY_HINTS):
        return (
            f"cannot write ({detail}). Use a writable folder (--db) or fix its permissions; "
            "nothing was half-written."
        )
    return None

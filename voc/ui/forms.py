"""POST bodies: URL-encoded forms, size-limited, CSRF-checked before anything reads them.

Every POST route reads its body through :func:`read_form`, which refuses a form without the
browser's synchronizer token (:meth:`voc.ui.security.Guard.csrf_valid`). The origin check is
done earlier, in the app's middleware, for every POST.
"""

from __future__ import annotations

from urllib.parse import parse_qsl

from starlette.exceptions import HTTPException
from starlette.requests import Request

__all__ = ["MAX_BODY_BYTES", "Form", "read_form"]

MAX_BODY_BYTES = 64 * 1024
MAX_FIELDS = 200


class Form:
    """A parsed form: first value of a field, or all of them (checkboxes)."""

    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        self._pairs = pairs

    def get(self, name: str, default: str = "") -> str:
        """The first value of ``name``, stripped (``default`` when absent)."""
        for key, value in self._pairs:
            if key == name:
                return value.strip()
        return default

    def getlist(self, name: str) -> list[str]:
        """Every non-empty value of ``name``, in order."""
        return [v for v in self.getall(name) if v]

    def getall(self, name: str) -> list[str]:
        """Every value of ``name``, stripped, empty ones included (fields that go in pairs)."""
        return [v.strip() for k, v in self._pairs if k == name]


async def read_form(request: Request) -> Form:
    """The request's form, after checking its size, encoding and CSRF token.

    Raises:
        HTTPException: 413 (too large), 415 (not a URL-encoded form), 400 (undecodable),
            403 (missing or wrong CSRF token).
    """
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind != "application/x-www-form-urlencoded":
        raise HTTPException(415, "Modulo non valido.")
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise HTTPException(413, "Modulo troppo grande.")
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY_BYTES:
            raise HTTPException(413, "Modulo troppo grande.")
    try:
        pairs = parse_qsl(
            body.decode("utf-8"), keep_blank_values=True, strict_parsing=False,
            max_num_fields=MAX_FIELDS,
        )  # fmt: skip
    except (UnicodeDecodeError, ValueError):
        raise HTTPException(400, "Modulo non leggibile.") from None
    form = Form(pairs)
    guard = request.app.state.guard
    if not guard.csrf_valid(getattr(request.state, "client", None), form.get("csrf") or None):
        raise HTTPException(403, "Modulo scaduto o non valido: ricarica la pagina e riprova.")
    return form

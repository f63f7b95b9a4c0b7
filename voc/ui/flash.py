"""One-shot messages after a form (POST, redirect, GET): "modifica applicata", "in attesa"…

The message rides in a short-lived cookie (``HttpOnly``, ``SameSite=Strict``, one minute),
never in the URL: it may quote a theme name, and URLs end up in logs and histories.
"""

from __future__ import annotations

import json
from urllib.parse import quote, unquote

from starlette.requests import Request
from starlette.responses import Response

__all__ = ["FLASH_COOKIE", "clear_flash", "read_flash", "set_flash"]

FLASH_COOKIE = "voc_flash"
KINDS = ("ok", "pending", "error")
MAX_CHARS = 600


def set_flash(response: Response, kind: str, text: str) -> None:
    """Show ``text`` once on the next page (``kind``: ok, pending or error)."""
    value = quote(json.dumps([kind, text[:MAX_CHARS]], ensure_ascii=False))
    response.set_cookie(FLASH_COOKIE, value, max_age=60, httponly=True, samesite="strict")


def clear_flash(response: Response) -> None:
    """The message was shown: drop it."""
    response.delete_cookie(FLASH_COOKIE)


def read_flash(request: Request) -> dict[str, str] | None:
    """The message for this page, if any (``kind``, ``text``)."""
    raw = request.cookies.get(FLASH_COOKIE)
    if not raw:
        return None
    try:
        kind, text = json.loads(unquote(raw))
    except (ValueError, TypeError):
        return None
    if kind not in KINDS or not isinstance(text, str):
        return None
    return {"kind": kind, "text": text}

"""BI step: publish the database BI tools keep open (see :mod:`pipelines.store.bi`).

Run at the end of every weekly run (``voc run``, the ``weekly_flow``, ``voc demo``) and by
``voc export``; ``bi_publish = false`` turns it off.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from pipelines import store
from pipelines.config import Settings

log = logging.getLogger("voc")

__all__ = ["publish_bi"]


def publish_bi(settings: Settings, now: datetime, *, force: bool = False) -> dict[str, Any]:
    """Write a new Parquet snapshot of the public views and point ``settings.bi_catalog`` at it.

    The live database is opened as a writer, so a publish waits for another run to finish
    (``lock_wait_seconds``) instead of failing on its lock; it writes nothing there.

    Args:
        settings: ``db``, ``bi_db``, ``bi_publish``, ``bi_group_read``.
        now: the run's time (the snapshot's ``published_at``).
        force: publish even when ``bi_publish`` is off (``voc export --bi``).

    Returns:
        What :func:`pipelines.store.publish_bi` returns, or ``{"published": False}`` when off.
    """
    if not (settings.bi_publish or force):
        return {"published": False}
    with store.connection(settings) as con:
        result = store.publish_bi(con, settings.bi_catalog, now, group_read=settings.bi_group_read)
    log.info(
        "BI database %s: snapshot %s published, latest week %s",
        result["catalog"],
        result["version"],
        result["latest_week"],
    )
    return {"published": True, **result}

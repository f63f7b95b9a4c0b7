"""How steps run: progress reporting, the ``runs`` table record, and the sub-step adapter."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any, Protocol, TypeVar

from pipelines import store

T = TypeVar("T")


class Progress(Protocol):
    """What a step needs to report progress (the CLI passes a rich progress bar)."""

    def start(self, description: str, total: int) -> None: ...
    def advance(self, n: int) -> None: ...


class NullProgress:
    """Progress that shows nothing (flows, tests)."""

    def start(self, description: str, total: int) -> None:
        """Ignore."""

    def advance(self, n: int) -> None:
        """Ignore."""


class Call(Protocol):
    """Runs one sub-step of a composite step: ``call(step, *args, **kwargs)``.

    In-process it is :func:`direct`; a Prefect flow passes an adapter that runs the Prefect
    task wrapping ``step`` instead, so the sequence of sub-steps is written once.
    """

    def __call__(self, step: Callable[..., T], /, *args: Any, **kwargs: Any) -> T: ...


def direct(step: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
    """Run ``step`` here and now (the in-process :class:`Call`)."""
    return step(*args, **kwargs)


@contextlib.contextmanager
def recorded_run(
    con: store.Connection, flow: str, params: dict[str, Any], now: datetime
) -> Iterator[tuple[str, dict[str, Any]]]:
    """Record a run in ``runs``: yields (run_id, stats dict to fill); failures are recorded too."""
    run_id = store.start_run(con, flow, params, now)
    stats: dict[str, Any] = {}
    try:
        yield run_id, stats
    except BaseException as exc:
        with contextlib.suppress(Exception):
            store.finish_run(
                con, run_id, status="failed", stats=stats, finished_at=now, error=type(exc).__name__
            )
        raise
    store.finish_run(con, run_id, status="ok", stats=stats, finished_at=now)

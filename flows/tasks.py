"""Prefect tasks: each one is a ``pipelines`` step run as a task, nothing more.

Retries only where a call goes to an external system that can fail transiently (pulling a
source over HTTP). Every other step works on local files and the database, deterministically:
a retry would repeat the same error (a bad file, a full disk), and waiting for another writer
is already done by ``store.connection`` (``lock_wait_seconds``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any, TypeVar, cast

from prefect import Task, task, unmapped
from prefect.cache_policies import NO_CACHE

from pipelines import steps
from pipelines.config import Settings
from pipelines.enrich.batch import BatchResult, enrich_batch
from pipelines.steps import EnrichmentPlan, Progress
from pipelines.steps.bi import publish_bi as publish_bi_step
from pipelines.steps.cx import run_cx
from pipelines.steps.detect import run_detection
from pipelines.steps.report import write_report as write_report_step

T = TypeVar("T")

init_db = task(name="init-db")(steps.init_db)
ingest_file = task(name="ingest-file")(steps.ingest_file)
refit_topics = task(name="refit-topics")(steps.fit_topics)
refit_topics_if_due = task(name="refit-topics-if-due")(steps.refit_topics_if_due)
report_week = task(name="report-week")(steps.report_week)
cx = task(name="cx")(run_cx)
detect = task(name="detect")(run_detection)
insights = task(name="weekly-insights")(steps.week_insights)
write_report = task(name="write-report")(write_report_step)
apply_pending_edits = task(name="apply-pending-edits")(steps.apply_pending_edits)
publish_bi = task(name="publish-bi")(publish_bi_step)
# Pure compute on one batch: runs on a Dask worker when the flow uses Dask.
enrich_one_batch = task(name="enrich-batch", cache_policy=NO_CACHE)(enrich_batch)


def _batches_on_task_runner(
    plan: EnrichmentPlan, now: datetime, cached: Callable[[Any], Any]
) -> Iterator[BatchResult]:
    """The enrich step's batch runner inside a flow: batches mapped over its task runner."""
    futures = enrich_one_batch.map(
        plan.batches,
        [cached(batch) for batch in plan.batches],
        unmapped(plan.models),
        run_id=unmapped(plan.run_id),
        now=unmapped(now),
    )
    for future in futures:
        # Handed back in submission order: the step stores them in that order, so the run's
        # output does not depend on which worker finished first.
        yield future.result()


@task(name="enrich", cache_policy=NO_CACHE)
def enrich(settings: Settings, now: datetime, progress: Progress | None = None) -> dict[str, Any]:
    """``steps.enrich``, its batches computed as ``enrich-batch`` tasks of the flow."""
    return steps.enrich(settings, now, progress, run_batches=_batches_on_task_runner)


@task(name="pull-source", retries=2, retry_delay_seconds=30)
def pull_source(settings: Settings, config: dict[str, Any], now: datetime) -> dict[str, Any]:
    """Pull one configured source (HTTP API or watched folder); I/O, so retried."""
    from pipelines.steps.pull import pull_source as pull

    return pull(settings, config, now)


#: The task that runs each step (see :func:`as_task`).
TASKS: dict[Callable[..., Any], Task[Any, Any]] = {
    steps.init_db: init_db,
    steps.ingest_file: ingest_file,
    steps.fit_topics: refit_topics,
    steps.refit_topics_if_due: refit_topics_if_due,
    steps.enrich: enrich,
    steps.report_week: report_week,
    run_cx: cx,
    run_detection: detect,
    steps.week_insights: insights,
    write_report_step: write_report,
    steps.apply_pending_edits: apply_pending_edits,
    publish_bi_step: publish_bi,
}


def as_task(step: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
    """The flows' :class:`~pipelines.steps.Call`: run ``step`` as its task, in the current flow."""
    try:
        wrapped = TASKS[step]
    except KeyError:
        raise TypeError(f"no Prefect task wraps the step {step.__qualname__}") from None
    return cast(T, wrapped(*args, **kwargs))

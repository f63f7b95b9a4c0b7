"""Our log lines in the Prefect run logs (UI and API) of the flow run that wrote them.

The steps log to the ``voc`` logger (``voc.sources`` for the connectors). Prefect records only
its own loggers unless told otherwise; :func:`send_project_logs_to_prefect` attaches Prefect's
API log handler to ours, in every process that imports the flows: ``voc serve`` and the flow
runs it starts, a worker, ``voc run --prefect``. The same line written outside a flow run (a
plain CLI step) stays out of the API, without Prefect's "no flow run id" warning.
"""

from __future__ import annotations

import logging
import sys

from prefect.exceptions import MissingContextError
from prefect.logging.handlers import APILogHandler

#: Loggers of this project (children such as ``voc.sources`` propagate to them).
PROJECT_LOGGERS = ("voc",)


class RunLogHandler(APILogHandler):
    """Prefect's API handler, silent outside flow and task runs."""

    def handleError(self, record: logging.LogRecord) -> None:
        """Drop a record written outside a run; anything else as Prefect handles it."""
        if isinstance(sys.exc_info()[1], MissingContextError):
            return
        super().handleError(record)


def send_project_logs_to_prefect(level: int = logging.INFO) -> None:
    """Send the project's log lines at ``level`` and above to the current Prefect run (idempotent).

    Customer text is never logged by the project (see the README), so none reaches Prefect.
    """
    for name in PROJECT_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(h, RunLogHandler) for h in logger.handlers):
            logger.addHandler(RunLogHandler(level=level))
        if logger.level == logging.NOTSET:
            # Otherwise the root level (WARNING) would drop the INFO lines before any handler.
            logger.setLevel(level)

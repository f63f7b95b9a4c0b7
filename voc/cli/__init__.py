"""The ``voc`` command line: thin wrappers over ``pipelines`` steps and ``flows``.

User mistakes end in one red line that says what to fix (``--verbose`` shows the traceback);
long work shows a rich progress bar and ends with a one-screen summary.

One module per area (``data``, ``enrich``, ``insights``, ``models``, ``ops``, ``curation``,
``privacy``, ``labels``, ``ui``; shared helpers in ``common``); this one builds the app and registers every
command.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Annotated

import typer

from voc.cli import curation, data, enrich, insights, labels, models, ops, privacy, ui
from voc.cli.common import STATE

app = typer.Typer(
    help="Voice of customer per l'italiano: da recensioni, ticket e social a insight settimanali.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
models_app = typer.Typer(help="Model registry: list and activate models.", no_args_is_help=True)
evaluate_app = typer.Typer(help="Evaluate models on labelled files.", no_args_is_help=True)
retrain_app = typer.Typer(help="Retrain models.", no_args_is_help=True)
topics_app = typer.Typer(
    help="Themes: rename, merge, split, hide, map, undo (kept through refits); topic model on files.",
    no_args_is_help=True,
)
alerts_app = typer.Typer(
    help="Alert triage: take in charge, resolve, dismiss, reopen, list.", no_args_is_help=True
)
queue_app = typer.Typer(help="The review queue: documents worth labelling.", no_args_is_help=True)
churn_app = typer.Typer(
    help="At-risk customers and their follow-ups (churn outcomes).", no_args_is_help=True
)
app.add_typer(topics_app, name="topics")
app.add_typer(queue_app, name="queue")
app.add_typer(churn_app, name="churn")
app.add_typer(alerts_app, name="alerts")
app.add_typer(models_app, name="models")
app.add_typer(evaluate_app, name="evaluate")
app.add_typer(retrain_app, name="retrain")


@app.callback()
def main_options(
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Show details and tracebacks.")
    ] = False,
    config: Annotated[Path | None, typer.Option("--config", help="voc.toml to read.")] = None,
) -> None:
    """Voice of customer per l'italiano.

    Esempio: voc demo
    """
    STATE["verbose"] = verbose
    STATE["config"] = config
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(message)s"
    )


# Registration order is the order of 'voc --help'.
app.command()(data.init)
app.command()(data.ingest)
app.command()(enrich.enrich)
app.command()(insights.insights)
app.command()(ops.run)
app.command()(ops.demo)
app.command()(enrich.score)
models_app.command("list")(models.models_list)
models_app.command("activate")(models.models_activate)
retrain_app.command("topics")(models.retrain_topics)
app.command()(insights.report)
app.command()(insights.export)
app.command()(insights.status)
app.command()(ops.doctor)
app.command("ingest-outcomes")(data.ingest_outcomes)
evaluate_app.command("sentiment")(enrich.evaluate_sentiment_cmd)
retrain_app.command("sentiment")(models.retrain_sentiment_cmd)
topics_app.command("fit")(enrich.topics_fit)
topics_app.command("list")(curation.topics_list)
topics_app.command("rename")(curation.topics_rename)
topics_app.command("merge")(curation.topics_merge)
topics_app.command("split")(curation.topics_split)
topics_app.command("hide")(curation.topics_hide)
topics_app.command("unhide")(curation.topics_unhide)
topics_app.command("map")(curation.topics_map)
topics_app.command("undo")(curation.topics_undo)
topics_app.command("history")(curation.topics_history)
topics_app.command("review")(curation.topics_review)
alerts_app.command("list")(curation.alerts_list)
alerts_app.command("ack")(curation.alerts_ack)
alerts_app.command("resolve")(curation.alerts_resolve)
alerts_app.command("dismiss")(curation.alerts_dismiss)
alerts_app.command("reopen")(curation.alerts_reopen)
app.command()(labels.label)
queue_app.command("export")(labels.queue_export)
churn_app.command("list")(labels.churn_list)
churn_app.command("followup")(labels.churn_followup)
app.command()(data.pull)
app.command()(privacy.forget)
app.command()(ops.serve)
app.command()(ui.ui)


def main() -> None:
    """Entry point of the ``voc`` command."""
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    # Great Expectations logs its temporary folders at INFO: noise for a CLI user.
    logging.getLogger("great_expectations").setLevel(logging.WARNING)
    app(prog_name="voc")

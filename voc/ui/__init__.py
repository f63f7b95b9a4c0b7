"""The workbench (``voc ui``): a local web app where the CX team reads the week, drills into
verbatims, curates themes and triages alerts.

An edge like the command line: it parses requests, calls the steps of :mod:`pipelines.steps`
and renders Italian templates; it holds no SQL and never opens the database itself (an
import-linter contract). :mod:`voc.ui.app` builds the app, :mod:`voc.ui.server` runs it,
:mod:`voc.ui.security` says who may use it.
"""

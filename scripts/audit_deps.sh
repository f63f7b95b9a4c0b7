#!/usr/bin/env bash
# Dependency vulnerability audit (pip-audit against the OSV database).
#
# Fails when a known vulnerability is found or a dependency cannot be audited (--strict).
# Skips, loudly, only when the vulnerability service itself cannot be reached: some build
# machines only see a package mirror, and an audit that cannot see the database would report
# every package as "not found" and pass for the wrong reason.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}

if ! curl -sS -m 15 -o /dev/null -X POST -H 'Content-Type: application/json' \
     -d '{"package":{"name":"jinja2","ecosystem":"PyPI"},"version":"2.4.1"}' \
     https://api.osv.dev/v1/query 2>/dev/null; then
  echo "pip-audit: SKIPPED — https://api.osv.dev is not reachable from this machine (no vulnerability data)."
  exit 0
fi

"$PY" -m pip install -q pip-audit
# The project itself is not on PyPI: audit its installed dependencies, pinned as installed.
reqs=$(mktemp)
trap 'rm -f "$reqs"' EXIT
"$PY" -m pip freeze --exclude-editable | grep -v -i '^voc-italia' >"$reqs"
"$PY" -m pip_audit --strict --vulnerability-service osv --no-deps --disable-pip -r "$reqs"

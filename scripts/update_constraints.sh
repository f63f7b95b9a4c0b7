#!/usr/bin/env bash
# Re-resolve the tested set of packages and write it to constraints.txt.
#
#   bash scripts/update_constraints.sh            # or: ... update_constraints.sh DIR (keep the venv in DIR)
#
# Builds a fresh virtual environment from pyproject.toml's ranges alone (no constraints: the
# newest versions they admit), runs the default test suite in it, and only if the suite passes
# writes `pip freeze` of that environment to constraints.txt. Review the diff, run the marked
# suites (`-m integration`, `-m browser`) as CI does, and commit it. The README's commands and
# .ci/run install with `-c constraints.txt`, so every install resolves this exact set.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
venv=${1:-"$work/venv"}
if [ -e "$venv" ]; then
  echo "update_constraints: $venv exists; give a new folder for the environment" >&2
  exit 2
fi
python3 -m venv "$venv"
# torch first and pinned (the CPU build): an unpinned torch pulls several GB of CUDA packages.
"$venv/bin/pip" install -q torch==2.13.0
"$venv/bin/pip" install -q -e '.[dev]'
"$venv/bin/pytest" -q -p no:cacheprovider
{
  echo "# The tested set: pip freeze of a fresh environment built from pyproject.toml's ranges"
  echo "# that passed the test suite. Installed by the README's commands and .ci/run with"
  echo "# 'pip install -c constraints.txt'. Regenerate with: bash scripts/update_constraints.sh"
  # A local build label (torch's '+cpu') is dropped: 'torch==2.13.0' also admits the CPU build.
  "$venv/bin/pip" freeze --exclude-editable | sed -E 's/^([A-Za-z0-9_.-]+==[^+ ]+)\+[^ ]*$/\1/'
} > "$work/constraints.txt"
mv "$work/constraints.txt" constraints.txt
echo "constraints.txt: $(grep -vc '^#' constraints.txt) packages pinned"

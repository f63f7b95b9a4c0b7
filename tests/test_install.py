"""Reproducible installs: the README's commands and CI install the tested set of constraints.txt.

constraints.txt is written by scripts/update_constraints.sh; these checks fail when the install
commands drift apart, or when pyproject.toml changes without the constraints following.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]


def _pins() -> dict[str, Version]:
    pins: dict[str, Version] = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, version = line.partition("==")
            assert version, f"constraints.txt: {line!r} is not pinned with =="
            pins[canonicalize_name(name)] = Version(version)
    return pins


def test_readme_and_ci_install_the_constraints() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    commands = re.findall(r"^python3 -m venv .*$", readme, flags=re.M)
    assert len(commands) == 2  # the demo and the tests
    for command in commands:
        assert "pip install -q -c constraints.txt -e '.[dev]'" in command
    # CI runs the README's test command, character for character.
    assert commands[1].endswith("&& .venv/bin/pytest") and commands[1] in ci.splitlines()
    assert "bash scripts/update_constraints.sh" in readme


def test_constraints_pin_every_dependency_within_its_range() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    project = pyproject["project"]
    requirements = [Requirement(r) for r in project["dependencies"]]
    requirements += [Requirement(r) for r in project["optional-dependencies"]["dev"]]
    pins = _pins()
    for requirement in requirements:
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{requirement.name} is not in constraints.txt"
        # A range changed in pyproject.toml needs a new tested set.
        assert requirement.specifier.contains(pins[name], prereleases=True), (
            f"constraints.txt pins {name}=={pins[name]}, outside {requirement}: run "
            "bash scripts/update_constraints.sh"
        )
    # The tested set is the CPU torch the setup command installs.
    assert pins["torch"] == Version("2.13.0")

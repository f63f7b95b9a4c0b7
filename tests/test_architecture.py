"""The layering in docs/architecture.md, checked by a machine (import-linter contracts)."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("voc", "flows", "pipelines", "models")


def _lint(root: Path) -> subprocess.CompletedProcess[str]:
    # A child process with ``root`` first on the path: the linter must see that tree, not the
    # installed one.
    code = "import sys; from importlinter.cli import lint_imports; sys.exit(lint_imports(no_cache=True))"
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=root,
        env={"PYTHONPATH": str(root), "PATH": ""},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_import_contracts_hold() -> None:
    result = _lint(ROOT)
    assert result.returncode == 0, result.stdout[-4000:]
    assert " 0 broken" in result.stdout, result.stdout[-4000:]


@pytest.fixture(scope="module")
def tree_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The packages' Python files and pyproject.toml, copied to a scratch folder."""
    dest = tmp_path_factory.mktemp("tree")
    shutil.copy(ROOT / "pyproject.toml", dest / "pyproject.toml")
    for package in PACKAGES:
        for src in (ROOT / package).rglob("*.py"):
            target = dest / src.relative_to(ROOT)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(src, target)
    return dest


@pytest.mark.parametrize(
    "module, line, contract",
    [
        ("pipelines/report/__init__.py", "import duckdb", "stage code never opens a connection"),
        ("pipelines/detect/__init__.py", "from pipelines import store", "stage code never opens"),
        ("pipelines/store/__init__.py", "import pipelines.report", "steps -> stages -> store"),
        ("models/__init__.py", "import pipelines.weeks", "models know nothing"),
        ("pipelines/__init__.py", "import flows", "voc (CLI) -> flows -> pipelines"),
        ("voc/ui/pages.py", "from pipelines import store", "the web app calls steps"),
    ],
)
def test_a_deliberate_violation_fails(
    tree_copy: Path, module: str, line: str, contract: str
) -> None:
    before = _lint(tree_copy).stdout.splitlines()
    assert any(ln.startswith(contract) and ln.endswith("KEPT") for ln in before)
    target = tree_copy / module
    original = target.read_text(encoding="utf-8")
    target.write_text(original + f"\n{line}  # deliberate violation\n", encoding="utf-8")
    try:
        result = _lint(tree_copy)
    finally:
        target.write_text(original, encoding="utf-8")
    assert result.returncode != 0
    broken = [ln for ln in result.stdout.splitlines() if ln.endswith("BROKEN")]
    assert any(ln.startswith(contract) for ln in broken), result.stdout[-3000:]

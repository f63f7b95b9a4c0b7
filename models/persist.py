"""Writing and reading model artifacts: atomic file writes, skops loads that trust listed types.

Every artifact writer goes through :func:`atomic_path`, so a process killed while saving leaves
the previous artifact in place, never a truncated file that the next run fails to load.
skops (not pickle) stores the scikit-learn style estimators; :func:`load_skops` refuses any type
outside the modules the caller names, so a tampered artifact cannot make loading run code.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import sys
import uuid
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import ModuleType
from typing import TypeVar

__all__ = ["atomic_path", "load_skops", "save_skops"]

T = TypeVar("T")


@contextlib.contextmanager
def atomic_path(path: Path | str) -> Iterator[Path]:
    """A temporary path next to ``path`` to write to; it replaces ``path`` when the block succeeds.

    The temporary file is flushed to disk before ``os.replace`` (atomic on one file system) and
    removed if the block fails. Its name keeps ``path``'s suffix, for writers that add one
    (``np.savez``) or expect one (skops).

    Args:
        path: the final file; its folder is created if missing.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.stem}.{uuid.uuid4().hex[:8]}.tmp{path.suffix}")
    try:
        yield tmp
        fd = os.open(tmp, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _skops_io() -> ModuleType:
    """``skops.io``, imported without its scan of every scikit-learn estimator.

    On import skops builds its default trusted list with sklearn's ``all_estimators()``, which
    imports every sklearn module: 1.8 s of each command that loads a model, here. Nothing here
    relies on that list (:func:`load_skops` names every type it trusts), so the scan sees an
    empty list while skops is imported. Code that calls skops directly in this process must
    name its trusted types too, as it should anyway.
    """
    if "skops.io" in sys.modules:
        return sys.modules["skops.io"]
    import sklearn.utils

    scan = sklearn.utils.all_estimators
    sklearn.utils.all_estimators = lambda *args, **kwargs: []
    try:
        return importlib.import_module("skops.io")
    finally:
        sklearn.utils.all_estimators = scan


def save_skops(obj: object, path: Path | str) -> None:
    """Write ``obj`` as a skops artifact at ``path``, atomically (see :func:`atomic_path`)."""
    sio = _skops_io()

    with atomic_path(path) as tmp:
        sio.dump(obj, tmp)


def _is_trusted(type_name: str, trusted: Sequence[str]) -> bool:
    return any(type_name == t or type_name.startswith(f"{t}.") for t in trusted)


def load_skops(path: Path | str, expected: type[T], trusted: Sequence[str]) -> T:
    """Load a skops artifact made only of types from ``trusted`` modules.

    skops lists the types a file would build beyond its own safe defaults; each must be a
    fully qualified name in ``trusted`` or lie inside one of its modules (``"sklearn"`` covers
    ``sklearn.linear_model._logistic.LogisticRegression``). Anything else is refused before
    any object is built, and only the listed types are passed to ``skops.io.load`` (never
    ``trusted=True``).

    Args:
        path: the artifact.
        expected: the class the artifact must hold.
        trusted: module names (the module and everything under it) or fully qualified type
            names, e.g. ``("sklearn", "numpy", "models.churn")``.

    Raises:
        ValueError: the file names an untrusted type, or does not hold an ``expected``.
    """
    sio = _skops_io()

    untrusted = sio.get_untrusted_types(file=path)
    allowed = {t for t in untrusted if _is_trusted(t, trusted)}
    rejected = set(untrusted) - allowed
    if rejected:
        raise ValueError(f"{path}: refusing to load untrusted types {sorted(rejected)}")
    model = sio.load(path, trusted=sorted(allowed))
    if not isinstance(model, expected):
        raise ValueError(f"{path}: not a {expected.__name__} artifact")
    return model

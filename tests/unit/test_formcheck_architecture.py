"""The form-check analysis stays pure: standard library, numpy and the allowed runlift packages."""

from __future__ import annotations

import doctest
import importlib
import sys
from pathlib import Path

import pytest
from test_training_architecture import imported

FORMCHECK = Path(__file__).resolve().parents[2] / "src" / "runlift" / "formcheck"
EDGES = {"blazepose.py", "track.py"}  # the model and video edges, allowed their dependencies
ALLOWED = ("runlift.formcheck", "runlift.errors", "runlift.catalog")


PURE = sorted(p for p in FORMCHECK.glob("*.py") if p.name not in EDGES)


def test_the_pure_modules_are_found() -> None:
    assert {"analysis.py", "reps.py", "signals.py", "view.py"} <= {p.name for p in PURE}


@pytest.mark.parametrize("path", PURE, ids=lambda p: p.name)
def test_analysis_imports_only_stdlib_numpy_and_core(path: Path) -> None:
    for name in imported(path):
        top = name.split(".")[0]
        if top == "runlift":
            assert name.startswith(ALLOWED), f"{path.name} imports {name}"
        else:
            ok = top in sys.stdlib_module_names or top in ("__future__", "numpy")
            assert ok, f"{path.name} imports {name}"
    text = path.read_text(encoding="utf-8")
    for banned in (
        "date.today(",
        "datetime.now(",
        "import random",
        "time.time(",
        "open(",
        "default_rng",
    ):
        assert banned not in text, f"{path.name}: {banned} (no clock, randomness or files here)"


@pytest.mark.parametrize("path", PURE, ids=lambda p: p.name)
def test_modules_stay_small(path: Path) -> None:
    assert path.read_text(encoding="utf-8").count("\n") <= 400


@pytest.mark.parametrize("module", ["signals", "rating", "exercises"])
def test_docstring_examples_hold(module: str) -> None:
    mod = importlib.import_module(f"runlift.formcheck.{module}")
    failed, tried = doctest.testmod(mod)
    assert tried > 0
    assert failed == 0

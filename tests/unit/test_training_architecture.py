"""The training package stays pure core, declares its API, and imports in any order."""

from __future__ import annotations

import ast
import doctest
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

import runlift.training

TRAINING = Path(__file__).resolve().parents[2] / "src" / "runlift" / "training"
ALLOWED = ("runlift.catalog", "runlift.planning", "runlift.errors", "runlift.training")


def imported(path: Path) -> list[str]:
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path.name}: use absolute imports"
            names.append(node.module or "")
    return names


@pytest.mark.parametrize("path", sorted(TRAINING.glob("*.py")), ids=lambda p: p.name)
def test_training_imports_only_stdlib_and_core(path: Path) -> None:
    for name in imported(path):
        top = name.split(".")[0]
        if top == "runlift":
            assert name.startswith(ALLOWED), f"{path.name} imports {name}"
        else:
            assert top in sys.stdlib_module_names or top == "__future__", f"{path.name}: {name}"
    text = path.read_text(encoding="utf-8")
    for clock in ("date.today(", "datetime.now(", "import random", "time.time("):
        assert clock not in text, f"{path.name}: the clock comes in as an argument"


def test_public_api_is_declared_and_sorted() -> None:
    exported = runlift.training.__all__
    assert exported == sorted(exported)
    for name in exported:
        assert hasattr(runlift.training, name), name


@pytest.mark.parametrize(
    "first",
    ["runlift.training", "runlift.planning", "runlift.planning.dosing", "runlift.training.rts"],
)
def test_imports_work_whichever_package_comes_first(first: str) -> None:
    # planning.dosing and training.progression need each other's modules; a cycle must not break.
    code = f"import {first}; import runlift.training, runlift.planning; print('ok')"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("module", ["e1rm", "increments", "rts", "targets"])
def test_docstring_examples_hold(module: str) -> None:
    mod = importlib.import_module(f"runlift.training.{module}")
    failed, tried = doctest.testmod(mod)
    assert tried > 0
    assert failed == 0

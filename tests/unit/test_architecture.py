"""The core stays pure (docs/architecture.md): standard library and the core itself, no clock."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

import runlift.analytics
import runlift.catalog
import runlift.planning

SRC = Path(__file__).resolve().parents[2] / "src" / "runlift"
CORE = ("catalog", "planning", "training", "analytics")
ALLOWED_INTERNAL = (
    "runlift.catalog",
    "runlift.planning",
    "runlift.training",
    "runlift.analytics",
    "runlift.errors",
    "runlift.units",
)


def imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


@pytest.mark.parametrize(
    "path",
    # The core folders, and the two small modules the core may import.
    sorted(
        [*(p for c in CORE for p in (SRC / c).rglob("*.py")), SRC / "errors.py", SRC / "units.py"]
    ),
    ids=lambda p: str(p.relative_to(SRC)),
)
def test_core_imports_only_stdlib_and_core(path: Path) -> None:
    for name in imports(path):
        top = name.split(".")[0]
        if top == "runlift":
            assert name.startswith(ALLOWED_INTERNAL), f"{path.name} imports {name}"
        else:
            assert top in sys.stdlib_module_names or top == "__future__", (
                f"{path.name} imports {name}"
            )
    text = path.read_text(encoding="utf-8")
    assert "date.today(" not in text, "the clock comes in as an argument"
    assert "datetime.now(" not in text, "the clock comes in as an argument"
    assert "import random" not in text


@pytest.mark.parametrize("module", [runlift.catalog, runlift.planning, runlift.analytics])
def test_public_api_is_declared(module: object) -> None:
    exported = module.__all__  # type: ignore[attr-defined]
    assert exported == sorted(exported)
    for name in exported:
        assert hasattr(module, name)


def test_modules_stay_small() -> None:
    for path in SRC.rglob("*.py"):
        lines = path.read_text(encoding="utf-8").count("\n")
        assert lines <= 400, f"{path.relative_to(SRC)} has {lines} lines"


def test_cli_start_up_does_not_load_storage() -> None:
    """Commands that need no database (--version, plan, exercises) must not pay for SQLAlchemy
    and Alembic at start-up (about 1.4 s here); the storage commands import them when run."""
    import subprocess

    code = (
        "import sys, runlift.cli.main; "
        "heavy = ('sqlalchemy', 'alembic', 'icalendar', 'matplotlib', 'fastapi', 'uvicorn'); "
        "print(sorted(m for m in heavy if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_schema_head_constant_matches_the_migrations() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from runlift.store.db import SCHEMA_HEAD

    cfg = Config()
    cfg.set_main_option("script_location", "runlift.store:migrations")
    assert ScriptDirectory.from_config(cfg).get_current_head() == SCHEMA_HEAD

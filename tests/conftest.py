"""Shared test fixtures: the shipped catalog and paths to the example profiles."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from runlift.catalog import Catalog, load_default_catalog

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_default_catalog()


# `HYPOTHESIS_PROFILE=thorough` runs the property tests far longer than the default CI budget.
settings.register_profile("thorough", max_examples=2000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

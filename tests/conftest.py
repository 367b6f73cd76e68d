"""Shared test fixtures: the shipped catalog, and the hypothesis profiles."""

from __future__ import annotations

import os

import pytest
from hypothesis import settings

from runlift.catalog import Catalog, load_default_catalog


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_default_catalog()


# `HYPOTHESIS_PROFILE=thorough` runs the property tests far longer than the default CI budget.
settings.register_profile("thorough", max_examples=2000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

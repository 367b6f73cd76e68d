"""The exercise catalog: typed, validated exercise data and the queries over it (pure core)."""

from runlift.catalog.loader import CatalogError, Problem, load_default_catalog, parse_catalog
from runlift.catalog.model import Catalog, Exercise, Query

__all__ = [
    "Catalog",
    "CatalogError",
    "Exercise",
    "Problem",
    "Query",
    "load_default_catalog",
    "parse_catalog",
]

"""Tiny terminal charts: a sparkline for a series and a bar for one value."""

from __future__ import annotations

from collections.abc import Sequence

SPARKS = "▁▂▃▄▅▆▇█"


def sparkline(values: Sequence[float | None]) -> str:
    """One block character per value, scaled between the series' minimum and maximum."""
    known = [v for v in values if v is not None]
    if not known:
        return ""
    low, high = min(known), max(known)
    span = (high - low) or 1.0
    return "".join(
        " " if v is None else SPARKS[round((v - low) / span * (len(SPARKS) - 1))] for v in values
    )


def bar(value: float, top: float, width: int = 20) -> str:
    """A horizontal bar of up to ``width`` cells for ``value`` out of ``top``."""
    if top <= 0 or value <= 0:
        return ""
    return "█" * max(1, round(width * min(value, top) / top))

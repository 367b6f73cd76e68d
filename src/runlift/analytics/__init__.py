"""Load, balance and progress from what was actually done: the numbers behind ``runlift report``.

Pure core: standard library, ``runlift.catalog``, ``runlift.training`` and ``runlift.planning``
only; the day the report ends comes in as an argument.
"""

from runlift.analytics.model import (
    Asymmetry,
    DayMetrics,
    Flag,
    HeartProfile,
    PlannedRef,
    Report,
    WeekBalance,
)
from runlift.analytics.report import build_report

__all__ = [
    "Asymmetry",
    "DayMetrics",
    "Flag",
    "HeartProfile",
    "PlannedRef",
    "Report",
    "WeekBalance",
    "build_report",
]

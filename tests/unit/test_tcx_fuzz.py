"""Damaged TCX files made from real ones: a ParsedFile or FormatError, each case under 2 s."""

from __future__ import annotations

from hypothesis import given
from test_gpx_fuzz import FUZZ, check_outcome, damaged

from runlift.formats.tcx import parse_tcx

TCX_FILES = [
    "tcx/dblocktcx__running_treadmill_1.tcx",
    "tcx/dblocktcx__pool-swim_pool_swim-activity_1.tcx",
    "tcx/dblocktcx__multisport_20090529-222544.tcx",
    "tcx/dblocktcx__sup_sup_activity_2.tcx",
    "tcx/dblocktcx__workouts_simple_workout_1.tcx",
    "tcx/tcxparser__test.tcx",
    "tcx/tcxreader__mapmyride_biking.tcx",
]


@FUZZ
@given(damaged(TCX_FILES))
def test_damaged_tcx_gives_a_parsed_file_or_format_error(data: bytes) -> None:
    check_outcome(parse_tcx, data)
